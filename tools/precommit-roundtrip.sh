#!/usr/bin/env bash
# Integration test of .pre-commit-hooks.yaml with the real pre-commit.
#
#   tools/precommit-roundtrip.sh                              # the `ecslint-system` hook (seconds)
#   ECSLINT_PRECOMMIT_RUST=1 tools/precommit-roundtrip.sh     # the `ecslint` hook (language: rust):
#                                                             # pre-commit builds ecslint with cargo (minutes)
#   ECSLINT_PRECOMMIT_PYTHON=1 tools/precommit-roundtrip.sh   # the `ecslint-python` hook (language: python):
#                                                             # pre-commit pip-installs the snapshot, which
#                                                             # maturin builds (set CARGO_TARGET_DIR to reuse
#                                                             # a release build's dependencies)
#
# What it does, all in a temporary directory that is removed at the end:
#   1. pre-commit: the one on PATH, else a throwaway venv with pre-commit==$PRE_COMMIT_VERSION from PyPI.
#   2. ecslint: $ECSLINT_BIN, default target/release/ecslint (built with `cargo build --release` if missing),
#      put first on PATH for the system hook.
#   3. A snapshot of this repository's working tree (tracked and untracked, not ignored files) committed
#      to a scratch git repo, so uncommitted changes to .pre-commit-hooks.yaml are what gets tested.
#   4. A scratch project repo with a Fargate task definition that Fargate rejects (privileged container,
#      ECS108), a good one, a non-ECS package.json and compose.yaml, all staged. Then:
#        a. `pre-commit try-repo SNAPSHOT HOOK --all-files` must fail and show ECS108      (system hook only)
#        b. `pre-commit install` + `git commit` must be rejected with ECS108, and no commit made
#        c. after fixing the file, `git commit` must pass and the commit exist
#        c2. with `exclude = ["legacy/**"]` in ecslint.toml, committing a bad legacy/old.json must pass
#            (--force-exclude)
#        d. a new YAML task definition with a password in `environment` (ECS103, a warning) must be
#           rejected at commit; pre-commit passes only the staged file
#        e. with `args: [--context, taskdefs]`, a service committed alone whose load balancer names a
#           container that its (already committed) task definition lacks must be rejected
#        e2. a Terraform file with a privileged container in jsonencode() must be rejected at commit
#        f. `pre-commit try-repo ... --all-files` on the fixed repo must pass                 (system hook only)
# Every command's output is printed. The last line is "precommit-roundtrip: N passed, M failed";
# the exit code is 1 if any assertion failed.
set -euo pipefail

PRE_COMMIT_VERSION=${PRE_COMMIT_VERSION:-4.7.0}
repo_root=$(cd "$(dirname "$0")/.." && pwd)
rust_mode=${ECSLINT_PRECOMMIT_RUST:-0}
python_mode=${ECSLINT_PRECOMMIT_PYTHON:-0}
if [ "$rust_mode" = 1 ]; then hook_id=ecslint; hook_name="ecslint"
elif [ "$python_mode" = 1 ]; then hook_id=ecslint-python; hook_name="ecslint (python)"; rust_mode=1
else hook_id=ecslint-system; hook_name="ecslint (system)"; fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ecslint-precommit.XXXXXX")
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "PASS: $*"; }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
die() { echo "precommit-roundtrip: $*" >&2; exit 2; }
section() { printf '\n==== %s ====\n' "$*"; }

# Git without the user's global/system config (core.hooksPath, signing, templates), with an identity.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$work/gitconfig"
git config --file "$GIT_CONFIG_GLOBAL" init.defaultBranch main
git config --file "$GIT_CONFIG_GLOBAL" advice.detachedHead false
export PRE_COMMIT_HOME="$work/pre-commit-home" PRE_COMMIT_COLOR=never NO_COLOR=1

# 1. pre-commit
section "pre-commit"
if command -v pre-commit >/dev/null 2>&1; then
  pre_commit=$(command -v pre-commit)
else
  python3 -m venv "$work/venv"
  "$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "pre-commit==$PRE_COMMIT_VERSION"
  pre_commit="$work/venv/bin/pre-commit"
fi
echo "$pre_commit: $("$pre_commit" --version)"

# 2. ecslint
section "ecslint"
if [ "$rust_mode" = 1 ]; then
  echo "hook $hook_id: pre-commit builds ecslint from the snapshot (cargo install, or pip and maturin)"
  ecslint_version="built by pre-commit"
else
  ecslint_bin=${ECSLINT_BIN:-$repo_root/target/release/ecslint}
  if [ ! -x "$ecslint_bin" ]; then
    [ -z "${ECSLINT_BIN:-}" ] || die "ECSLINT_BIN=$ECSLINT_BIN is not an executable"
    (cd "$repo_root" && cargo build --release)
  fi
  mkdir -p "$work/bin"
  ln -s "$ecslint_bin" "$work/bin/ecslint"
  export PATH="$work/bin:$PATH"
  ecslint_version=$(ecslint --version)
  echo "$ecslint_bin: $ecslint_version"
  if ! ecslint check --help | grep -q -- '--force-exclude'; then
    die "$ecslint_bin has no --force-exclude, which the hooks pass; rebuild it (cargo build --release)"
  fi
fi

# 3. snapshot of this repository's working tree
section "hooks repository snapshot"
snapshot="$work/ecslint-repo"
mkdir -p "$snapshot"
(cd "$repo_root" && git ls-files -z --cached --others --exclude-standard) |
  while IFS= read -r -d '' f; do [ -e "$repo_root/$f" ] && printf '%s\0' "$f"; done |
  (cd "$repo_root" && tar --null -T - -cf -) | tar -xf - -C "$snapshot"
git -C "$snapshot" init -q
git -C "$snapshot" config user.name "ecslint roundtrip"
git -C "$snapshot" config user.email "roundtrip@ecslint.invalid"
git -C "$snapshot" add -A
git -C "$snapshot" commit -q -m "snapshot of the ecslint working tree"
snapshot_rev=$(git -C "$snapshot" rev-parse HEAD)
echo "snapshot of $repo_root at $snapshot_rev ($(git -C "$snapshot" ls-files | wc -l) files)"
sed -n '/^- id:/,$p' "$snapshot/.pre-commit-hooks.yaml"

# 4. the project
project="$work/project"
mkdir -p "$project/taskdefs"
cd "$project"
git init -q
git config user.name "ecslint roundtrip"
git config user.email "roundtrip@ecslint.invalid"

write_taskdef() { # FILE FAMILY EXTRA_CONTAINER_LINE
  cat >"$1" <<EOF
{
  "family": "$2",
  "taskRoleArn": "arn:aws:iam::123456789012:role/$2-task",
  "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["FARGATE"],
  "cpu": "256",
  "memory": "512",
  "containerDefinitions": [
    {
      "name": "app",
      "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/$2:2.3.1",
      "essential": true,$3
      "user": "10001",
      "readonlyRootFilesystem": true,
      "linuxParameters": {"capabilities": {"drop": ["ALL"]}},
      "healthCheck": {"command": ["CMD", "/app/healthcheck"]},
      "logConfiguration": {
        "logDriver": "awslogs",
        "options": {"awslogs-group": "/ecs/$2", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app"}
      }
    }
  ]
}
EOF
}
write_taskdef taskdefs/web.json web-frontend $'\n      "privileged": true,'
write_taskdef taskdefs/worker.json billing-worker ""
printf '{\n  "name": "web-frontend",\n  "version": "1.0.0",\n  "private": true\n}\n' >package.json
printf 'services:\n  web:\n    image: nginx:1.27\n' >compose.yaml
git add -A

# Runs a command, prints its output, and stores output and exit code in $out / $rc.
run() {
  printf '\n$ %s\n' "$*"
  set +e
  out=$("$@" 2>&1)
  rc=$?
  set -e
  printf '%s\n[exit %s]\n' "$out" "$rc"
}
expect_fail_with() { # DESCRIPTION PATTERN...
  local what=$1
  shift
  if [ "$rc" -eq 0 ]; then bad "$what: expected a failure, got exit 0"; return; fi
  local p
  for p in "$@"; do
    if ! grep -qF -- "$p" <<<"$out"; then bad "$what: output lacks '$p'"; return; fi
  done
  ok "$what (exit $rc; output has: $*)"
}
expect_pass() { # DESCRIPTION
  if [ "$rc" -ne 0 ]; then bad "$1: expected exit 0, got $rc"; return; fi
  if ! grep -qE -- "^${hook_name//[()]/.}\.+Passed" <<<"$out"; then bad "$1: no '$hook_name...Passed' line"; return; fi
  ok "$1"
}

if [ "$rust_mode" != 1 ]; then
  section "a. try-repo on the bad task definition"
  run "$pre_commit" try-repo "$snapshot" "$hook_id" --ref "$snapshot_rev" --all-files --color never
  expect_fail_with "try-repo rejects the privileged Fargate container" \
    "$hook_name" "Failed" "error[ECS108]" "taskdefs/web.json:14:7" "privileged, which Fargate rejects"
  if grep -qF "taskdefs/worker.json" <<<"$out"; then bad "try-repo: the good task definition was reported"; else ok "try-repo: nothing reported for the good task definition"; fi
fi

section "b. git commit with the hook installed is rejected"
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $snapshot
    rev: $snapshot_rev
    hooks:
      - id: $hook_id
EOF
git add .pre-commit-config.yaml
run "$pre_commit" install
[ "$rc" -eq 0 ] || die "pre-commit install failed"
run git commit -m "add task definitions"
expect_fail_with "commit rejected for the privileged Fargate container" \
  "$hook_name" "Failed" "error[ECS108]" "taskdefs/web.json:14:7"
if git rev-parse -q --verify HEAD >/dev/null; then bad "a commit was made despite the failing hook"; else ok "no commit was made"; fi
summaries=$(grep -cE '^(Found |No problems found)' <<<"$out" || true)
if [ "$summaries" -eq 1 ]; then ok "one ecslint process for all 5 files (require_serial)"; else bad "expected one ecslint summary (require_serial), got $summaries"; fi
if grep -qF "ECS007" <<<"$out"; then
  bad "non-ECS files named by pre-commit (package.json, compose.yaml, .pre-commit-config.yaml) got ECS007 notes; with --force-exclude they should be silent"
else
  ok "non-ECS files named by pre-commit are skipped silently"
fi

section "c. fix the task definition, commit passes"
write_taskdef taskdefs/web.json web-frontend ""
git add taskdefs/web.json
run git commit -m "add task definitions"
expect_pass "commit accepted after removing privileged"
if git rev-parse -q --verify HEAD >/dev/null; then ok "the commit exists ($(git log --oneline -1))"; else bad "no commit after a passing hook"; fi

section "c2. --force-exclude: a file that ecslint.toml excludes is not checked although pre-commit names it"
printf 'exclude = ["legacy/**"]\n' >ecslint.toml
mkdir -p legacy
write_taskdef legacy/old.json old-frontend $'\n      "privileged": true,'
git add ecslint.toml legacy/old.json
run git commit -m "keep the legacy task definition"
expect_pass "commit of an excluded bad file passes"
if grep -qF "legacy/old.json:" <<<"$out"; then bad "the excluded file was reported"; else ok "the excluded file was not reported"; fi

section "d. a YAML task definition with a plaintext password is rejected"
cat >taskdefs/batch.yaml <<'EOF'
family: nightly-batch
taskRoleArn: arn:aws:iam::123456789012:role/nightly-batch-task
executionRoleArn: arn:aws:iam::123456789012:role/ecsTaskExecutionRole
networkMode: awsvpc
requiresCompatibilities: [FARGATE]
cpu: "256"
memory: "512"
containerDefinitions:
  - name: batch
    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/nightly-batch:1.0.3
    essential: true
    user: "10001"
    readonlyRootFilesystem: true
    environment:
      - name: DB_PASSWORD
        value: "Tr0ub4dor-and-3"
    logConfiguration:
      logDriver: awslogs
      options:
        awslogs-group: /ecs/nightly-batch
        awslogs-region: us-east-1
        awslogs-stream-prefix: batch
EOF
git add taskdefs/batch.yaml
run git commit -m "add the batch task"
expect_fail_with "commit rejected for a password in environment (warning)" \
  "$hook_name" "Failed" "warning[ECS103]" "taskdefs/batch.yaml:16:16" "DB_PASSWORD"
if grep -qF "Tr0ub4dor" <<<"$out"; then bad "the secret value was printed"; else ok "the secret value is masked in the hook output"; fi
if grep -qF "in 1 file (" <<<"$out"; then ok "only the staged file was linted"; else bad "expected ecslint's summary to count 1 file"; fi
git rm -q --cached taskdefs/batch.yaml
rm taskdefs/batch.yaml

section "e. a service committed alone is linked to its committed task definition through --context"
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $snapshot
    rev: $snapshot_rev
    hooks:
      - id: $hook_id
        args: [--context, taskdefs]
EOF
mkdir -p services
cat >services/billing.json <<'EOF'
{
  "cluster": "prod",
  "serviceName": "billing",
  "taskDefinition": "billing-worker",
  "desiredCount": 2,
  "loadBalancers": [
    {
      "targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/billing/0123456789abcdef",
      "containerName": "web",
      "containerPort": 8080
    }
  ]
}
EOF
git add .pre-commit-config.yaml services/billing.json
run git commit -m "add the billing service"
expect_fail_with "commit rejected: the service's load balancer names a container its task definition lacks" \
  "$hook_name" "Failed" "services/billing.json:9:" "container \`web\`" "billing-worker"
# A finding's own location is the line right after its header; context files may only appear as
# related locations further down.
if grep -E -A1 '^(error|warning|note|info)\[' <<<"$out" | grep -qE '^ *┌─ taskdefs/'; then
  bad "a --context file was reported on"
else
  ok "the --context task definitions were used for linking, not reported on"
fi
git reset -q HEAD -- services/billing.json
rm -r services

section "e2. a Terraform task definition with a privileged container is rejected"
# The config of step e is still in place; the hook must pass .tf files (types_or: terraform).
mkdir -p infra
cat >infra/ecs.tf <<'EOF'
resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  cpu                      = "256"
  memory                   = "512"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  execution_role_arn       = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
  task_role_arn            = "arn:aws:iam::123456789012:role/web-task"
  container_definitions = jsonencode([{
    name       = "web"
    image      = "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0.3"
    essential  = true
    privileged = true
  }])
}
EOF
git add infra/ecs.tf
run git commit -m "add the web task in Terraform"
expect_fail_with "commit rejected for a privileged container in a .tf file" \
  "$hook_name" "Failed" "error[ECS108]" "infra/ecs.tf:13:5"
git rm -q --cached infra/ecs.tf
rm -r infra

if [ "$hook_id" = ecslint-system ]; then
  section "e3. the fix hook fixes a staged file, fails the commit, and passes once the fix is staged"
  cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $snapshot
    rev: $snapshot_rev
    hooks:
      - id: ecslint-fix-system
EOF
  write_taskdef taskdefs/api.json api-gateway ""
  # A number where AWS wants a string: a safe fix.
  sed -i 's/"cpu": "256"/"cpu": 256/' taskdefs/api.json
  git add .pre-commit-config.yaml taskdefs/api.json
  run git commit -m "add the api task"
  expect_fail_with "commit stopped: the fix hook changed a file" "ecslint --fix (system)" "Failed" "files were modified by this hook"
  if grep -qF '"cpu": "256"' taskdefs/api.json; then ok "the staged file was fixed in place"; else bad "taskdefs/api.json was not fixed"; fi
  git add taskdefs/api.json
  run git commit -m "add the api task"
  if [ "$rc" -eq 0 ] && grep -qE '^ecslint --fix \(system\)\.+Passed' <<<"$out"; then ok "commit accepted once the fix is staged"; else bad "the commit with the fix staged did not pass"; fi
fi

if [ "$rust_mode" != 1 ]; then
  section "f. try-repo on the fixed repository"
  run "$pre_commit" try-repo "$snapshot" "$hook_id" --ref "$snapshot_rev" --all-files --color never
  expect_pass "try-repo passes on the fixed repository"
fi

printf '\nhook %s, %s, %s\n' "$hook_id" "$("$pre_commit" --version)" "$ecslint_version"
printf 'precommit-roundtrip: %s passed, %s failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
