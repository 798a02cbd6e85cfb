#!/usr/bin/env python3
"""Generate N varied task definitions for benchmarks: bench/gen.py N DIR"""
import json, os, random, sys

n, out = int(sys.argv[1]), sys.argv[2]
random.seed(42)
sizes = [("256", "512"), ("512", "1024"), ("1024", "3072"), ("2048", "4096"), ("512", "512")]
for i in range(n):
    d = os.path.join(out, f"svc{i // 500:03d}")
    os.makedirs(d, exist_ok=True)
    cpu, mem = random.choice(sizes)
    containers = []
    for c in range(random.randint(1, 3)):
        containers.append({
            "name": f"app{c}",
            "image": random.choice([f"123456789012.dkr.ecr.us-east-1.amazonaws.com/app{i}:1.{c}.0", "nginx:latest", "public.ecr.aws/docker/library/redis:7.2", "${IMAGE}"]),
            "essential": c == 0,
            "portMappings": [{"containerPort": 8080 + c, "protocol": "tcp"}],
            "environment": [{"name": "ENV", "value": "prod"}, {"name": "DB_HOST", "value": "db.internal"},
                            {"name": "DB_PASSWORD", "value": "hunter2-example"} if c == 1 else {"name": "LOG_LEVEL", "value": "info"}],
            "secrets": [{"name": "API_KEY", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-AbCdEf"}],
            "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": f"/ecs/app{i}", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app"}},
            "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"], "interval": 30, "timeout": 5, "retries": 3},
            "user": random.choice(["1000", "root", None]),
            "readonlyRootFilesystem": random.choice([True, False]),
        })
        if containers[-1]["user"] is None:
            del containers[-1]["user"]
    doc = {"family": f"app-{i}", "taskRoleArn": "arn:aws:iam::123456789012:role/app-task",
           "executionRoleArn": "arn:aws:iam::123456789012:role/app-exec", "networkMode": "awsvpc",
           "requiresCompatibilities": ["FARGATE"], "cpu": cpu, "memory": mem, "containerDefinitions": containers}
    with open(os.path.join(d, f"task-{i}.json"), "w") as f:
        json.dump(doc, f, indent=2)
