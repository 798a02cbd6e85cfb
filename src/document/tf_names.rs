//! The AWS provider's arguments and blocks for the resources ecslint reads, and the API
//! field each stands for. Taken from the provider's documentation
//! (`website/docs/r/ecs_task_definition.html.markdown`, `ecs_service`, `ecr_repository`,
//! `ecr_lifecycle_policy`, provider 6.x); the test below checks every API name against the
//! API's own model, so a typo here cannot silently lower a field to nothing.
//!
//! `api` is a dotted path into the API's request (`deploymentConfiguration.maximumPercent`);
//! empty for the provider's own arguments, which are accepted and not lowered.

use crate::document::cfn_names::Ty;

pub struct Arg {
    pub tf: &'static str,
    pub api: &'static str,
    pub nested: Nested,
}

pub enum Nested {
    Scalar(Ty),
    /// A block written once (`runtime_platform { … }`): an API structure.
    Block(&'static [Arg]),
    /// A block written any number of times (`volume { … }`): an API list of structures.
    Blocks(&'static [Arg]),
    /// `tags = { k = v }`: the API's list of (key field, value field).
    Tags(&'static str, &'static str),
    /// A map that the API takes as `[{"name": k, "value": v}]`.
    NameValues,
    /// JSON in the API's own names (`container_definitions`, `policy`).
    Json,
}

const fn s(tf: &'static str, api: &'static str) -> Arg {
    Arg {
        tf,
        api,
        nested: Nested::Scalar(Ty::String),
    }
}
const fn t(tf: &'static str, api: &'static str, ty: Ty) -> Arg {
    Arg {
        tf,
        api,
        nested: Nested::Scalar(ty),
    }
}
const fn b(tf: &'static str, api: &'static str, args: &'static [Arg]) -> Arg {
    Arg {
        tf,
        api,
        nested: Nested::Block(args),
    }
}
const fn bs(tf: &'static str, api: &'static str, args: &'static [Arg]) -> Arg {
    Arg {
        tf,
        api,
        nested: Nested::Blocks(args),
    }
}
/// The provider's own argument (or one it computes), not an API field.
const fn own(tf: &'static str) -> Arg {
    Arg {
        tf,
        api: "",
        nested: Nested::Scalar(Ty::Any),
    }
}

/// Terraform's meta-arguments and blocks, valid in every resource.
pub const META: &[&str] = &[
    "count",
    "for_each",
    "provider",
    "depends_on",
    "lifecycle",
    "provisioner",
    "connection",
    "dynamic",
    // The provider's operation timeouts (`timeouts { create = "20m" }`), on the resources
    // that have them.
    "timeouts",
];

const EFS_AUTH: &[Arg] = &[s("access_point_id", "accessPointId"), s("iam", "iam")];
const FSX_AUTH: &[Arg] = &[
    s("credentials_parameter", "credentialsParameter"),
    s("domain", "domain"),
];
const VOLUME: &[Arg] = &[
    s("name", "name"),
    s("host_path", "host.sourcePath"),
    t("configure_at_launch", "configuredAtLaunch", Ty::Boolean),
    b(
        "docker_volume_configuration",
        "dockerVolumeConfiguration",
        &[
            s("scope", "scope"),
            t("autoprovision", "autoprovision", Ty::Boolean),
            s("driver", "driver"),
            t("driver_opts", "driverOpts", Ty::Map),
            t("labels", "labels", Ty::Map),
        ],
    ),
    b(
        "efs_volume_configuration",
        "efsVolumeConfiguration",
        &[
            s("file_system_id", "fileSystemId"),
            s("root_directory", "rootDirectory"),
            s("transit_encryption", "transitEncryption"),
            t(
                "transit_encryption_port",
                "transitEncryptionPort",
                Ty::Integer,
            ),
            b("authorization_config", "authorizationConfig", EFS_AUTH),
        ],
    ),
    b(
        "fsx_windows_file_server_volume_configuration",
        "fsxWindowsFileServerVolumeConfiguration",
        &[
            s("file_system_id", "fileSystemId"),
            s("root_directory", "rootDirectory"),
            b("authorization_config", "authorizationConfig", FSX_AUTH),
        ],
    ),
];
const PLACEMENT_CONSTRAINT: &[Arg] = &[s("type", "type"), s("expression", "expression")];

pub const TASK: &[Arg] = &[
    s("family", "family"),
    Arg {
        tf: "container_definitions",
        api: "containerDefinitions",
        nested: Nested::Json,
    },
    s("cpu", "cpu"),
    s("memory", "memory"),
    s("execution_role_arn", "executionRoleArn"),
    s("task_role_arn", "taskRoleArn"),
    s("network_mode", "networkMode"),
    s("ipc_mode", "ipcMode"),
    s("pid_mode", "pidMode"),
    t(
        "requires_compatibilities",
        "requiresCompatibilities",
        Ty::Array,
    ),
    t(
        "enable_fault_injection",
        "enableFaultInjection",
        Ty::Boolean,
    ),
    Arg {
        tf: "tags",
        api: "tags",
        nested: Nested::Tags("key", "value"),
    },
    bs("volume", "volumes", VOLUME),
    bs(
        "placement_constraints",
        "placementConstraints",
        PLACEMENT_CONSTRAINT,
    ),
    b(
        "proxy_configuration",
        "proxyConfiguration",
        &[
            s("type", "type"),
            s("container_name", "containerName"),
            Arg {
                tf: "properties",
                api: "properties",
                nested: Nested::NameValues,
            },
        ],
    ),
    b(
        "ephemeral_storage",
        "ephemeralStorage",
        &[t("size_in_gib", "sizeInGiB", Ty::Integer)],
    ),
    b(
        "runtime_platform",
        "runtimePlatform",
        &[
            s("operating_system_family", "operatingSystemFamily"),
            s("cpu_architecture", "cpuArchitecture"),
        ],
    ),
    bs(
        "inference_accelerator",
        "inferenceAccelerators",
        &[
            s("device_name", "deviceName"),
            s("device_type", "deviceType"),
        ],
    ),
    own("skip_destroy"),
    own("track_latest"),
    own("region"),
    own("tags_all"),
    own("arn"),
    own("arn_without_revision"),
    own("revision"),
    own("id"),
];

pub const SERVICE: &[Arg] = &[
    s("name", "serviceName"),
    s("cluster", "cluster"),
    s("task_definition", "taskDefinition"),
    t("desired_count", "desiredCount", Ty::Integer),
    s("launch_type", "launchType"),
    s("platform_version", "platformVersion"),
    s("scheduling_strategy", "schedulingStrategy"),
    s("iam_role", "role"),
    s("propagate_tags", "propagateTags"),
    t(
        "enable_ecs_managed_tags",
        "enableECSManagedTags",
        Ty::Boolean,
    ),
    t(
        "enable_execute_command",
        "enableExecuteCommand",
        Ty::Boolean,
    ),
    t(
        "health_check_grace_period_seconds",
        "healthCheckGracePeriodSeconds",
        Ty::Integer,
    ),
    s(
        "availability_zone_rebalancing",
        "availabilityZoneRebalancing",
    ),
    t(
        "deployment_maximum_percent",
        "deploymentConfiguration.maximumPercent",
        Ty::Integer,
    ),
    t(
        "deployment_minimum_healthy_percent",
        "deploymentConfiguration.minimumHealthyPercent",
        Ty::Integer,
    ),
    Arg {
        tf: "tags",
        api: "tags",
        nested: Nested::Tags("key", "value"),
    },
    b(
        "deployment_circuit_breaker",
        "deploymentConfiguration.deploymentCircuitBreaker",
        &[
            t("enable", "enable", Ty::Boolean),
            t("rollback", "rollback", Ty::Boolean),
        ],
    ),
    b(
        "alarms",
        "deploymentConfiguration.alarms",
        &[
            t("alarm_names", "alarmNames", Ty::Array),
            t("enable", "enable", Ty::Boolean),
            t("rollback", "rollback", Ty::Boolean),
        ],
    ),
    b(
        "deployment_controller",
        "deploymentController",
        &[s("type", "type")],
    ),
    bs(
        "load_balancer",
        "loadBalancers",
        &[
            s("elb_name", "loadBalancerName"),
            s("target_group_arn", "targetGroupArn"),
            s("container_name", "containerName"),
            t("container_port", "containerPort", Ty::Integer),
            own("advanced_configuration"),
        ],
    ),
    b(
        "network_configuration",
        "networkConfiguration.awsvpcConfiguration",
        &[
            t("subnets", "subnets", Ty::Array),
            t("security_groups", "securityGroups", Ty::Array),
            s("assign_public_ip", "assignPublicIp"),
        ],
    ),
    bs(
        "ordered_placement_strategy",
        "placementStrategy",
        &[s("type", "type"), s("field", "field")],
    ),
    bs(
        "placement_constraints",
        "placementConstraints",
        PLACEMENT_CONSTRAINT,
    ),
    bs(
        "capacity_provider_strategy",
        "capacityProviderStrategy",
        &[
            s("capacity_provider", "capacityProvider"),
            t("weight", "weight", Ty::Integer),
            t("base", "base", Ty::Integer),
        ],
    ),
    bs(
        "service_registries",
        "serviceRegistries",
        &[
            s("registry_arn", "registryArn"),
            t("port", "port", Ty::Integer),
            s("container_name", "containerName"),
            t("container_port", "containerPort", Ty::Integer),
        ],
    ),
    // Accepted, not lowered: structures whose provider shape differs from the API's in
    // ways no rule reads yet.
    own("service_connect_configuration"),
    own("volume_configuration"),
    own("vpc_lattice_configurations"),
    own("deployment_configuration"),
    own("force_new_deployment"),
    own("force_delete"),
    own("wait_for_steady_state"),
    own("triggers"),
    own("sigint_rollback"),
    own("region"),
    own("tags_all"),
    own("id"),
];

pub const REPOSITORY: &[Arg] = &[
    s("name", "repositoryName"),
    s("image_tag_mutability", "imageTagMutability"),
    b(
        "image_scanning_configuration",
        "imageScanningConfiguration",
        &[t("scan_on_push", "scanOnPush", Ty::Boolean)],
    ),
    b(
        "encryption_configuration",
        "encryptionConfiguration",
        &[
            s("encryption_type", "encryptionType"),
            s("kms_key", "kmsKey"),
        ],
    ),
    bs(
        "image_tag_mutability_exclusion_filter",
        "imageTagMutabilityExclusionFilters",
        &[s("filter", "filter"), s("filter_type", "filterType")],
    ),
    Arg {
        tf: "tags",
        api: "tags",
        nested: Nested::Tags("Key", "Value"),
    },
    own("force_delete"),
    own("region"),
    own("tags_all"),
    own("id"),
];

pub const CLUSTER: &[Arg] = &[
    s("name", "clusterName"),
    bs(
        "setting",
        "settings",
        &[s("name", "name"), s("value", "value")],
    ),
    b(
        "configuration",
        "configuration",
        &[
            b(
                "execute_command_configuration",
                "executeCommandConfiguration",
                &[
                    s("kms_key_id", "kmsKeyId"),
                    s("logging", "logging"),
                    b(
                        "log_configuration",
                        "logConfiguration",
                        &[
                            t(
                                "cloud_watch_encryption_enabled",
                                "cloudWatchEncryptionEnabled",
                                Ty::Boolean,
                            ),
                            s("cloud_watch_log_group_name", "cloudWatchLogGroupName"),
                            s("s3_bucket_name", "s3BucketName"),
                            t(
                                "s3_bucket_encryption_enabled",
                                "s3EncryptionEnabled",
                                Ty::Boolean,
                            ),
                            s("s3_key_prefix", "s3KeyPrefix"),
                        ],
                    ),
                ],
            ),
            b(
                "managed_storage_configuration",
                "managedStorageConfiguration",
                &[
                    s(
                        "fargate_ephemeral_storage_kms_key_id",
                        "fargateEphemeralStorageKmsKeyId",
                    ),
                    s("kms_key_id", "kmsKeyId"),
                ],
            ),
        ],
    ),
    b(
        "service_connect_defaults",
        "serviceConnectDefaults",
        &[s("namespace", "namespace")],
    ),
    Arg {
        tf: "tags",
        api: "tags",
        nested: Nested::Tags("key", "value"),
    },
    own("region"),
    own("tags_all"),
    own("arn"),
    own("id"),
];

pub const POLICY: &[Arg] = &[
    s("repository", "repositoryName"),
    Arg {
        tf: "policy",
        api: "lifecyclePolicyText",
        nested: Nested::Scalar(Ty::Any),
    },
    own("region"),
    own("id"),
];

/// The argument name for an API field that is a resource argument (or a field of one of
/// its blocks), when it differs; `None` for fields written in the API's names (inside
/// `container_definitions`) and for names that are the same.
pub fn tf_name(api: &str) -> Option<&'static str> {
    static MAP: std::sync::LazyLock<std::collections::HashMap<&'static str, &'static str>> =
        std::sync::LazyLock::new(|| {
            let mut map = std::collections::HashMap::new();
            fn add(
                map: &mut std::collections::HashMap<&'static str, &'static str>,
                args: &'static [Arg],
            ) {
                for a in args {
                    let last = a.api.rsplit('.').next().unwrap_or("");
                    if !last.is_empty() && last != a.tf && !CONTAINER_FIELDS.contains(&last) {
                        map.entry(last).or_insert(a.tf);
                    }
                    if let Nested::Block(inner) | Nested::Blocks(inner) = a.nested {
                        add(map, inner);
                    }
                }
            }
            for args in [TASK, SERVICE, REPOSITORY, POLICY, CLUSTER] {
                add(&mut map, args);
            }
            // The service's network block stands for two API levels.
            map.insert("networkConfiguration", "network_configuration");
            map.insert("awsvpcConfiguration", "network_configuration");
            map
        });
    MAP.get(api).copied()
}

/// Container definition fields: written in the API's names inside `container_definitions`,
/// so a message about them keeps them.
const CONTAINER_FIELDS: &[&str] = &[
    "name",
    "image",
    "cpu",
    "memory",
    "memoryReservation",
    "links",
    "portMappings",
    "containerPort",
    "hostPort",
    "essential",
    "environment",
    "secrets",
    "user",
    "privileged",
    "readonlyRootFilesystem",
    "logConfiguration",
    "healthCheck",
    "linuxParameters",
    "mountPoints",
    "volumesFrom",
    "dependsOn",
    "type",
    "value",
    "containerName",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every API name in the tables is a field of the API's model (through the
    /// CloudFormation table, which holds each resource's API names and shapes).
    #[test]
    fn every_api_name_is_an_api_field() {
        use crate::document::cfn_names::{Shape, resource};
        fn api_names(shape: &Shape, out: &mut std::collections::BTreeSet<String>) {
            for p in shape.props.values() {
                if let Some(api) = &p.api {
                    out.insert(api.clone());
                }
                api_names(p, out);
            }
            if let Some(item) = &shape.item {
                api_names(item, out);
            }
        }
        let mut known = std::collections::BTreeSet::new();
        for r in [
            "AWS::ECS::TaskDefinition",
            "AWS::ECS::Service",
            "AWS::ECR::Repository",
            "AWS::ECS::Cluster",
        ] {
            api_names(resource(r).unwrap(), &mut known);
        }
        // Fields the CloudFormation resources do not have, checked against the API schemas.
        for extra in [
            "lifecyclePolicyText",
            "repositoryName",
            "deploymentConfiguration",
            "host",
            "key",
            "value",
            "Key",
            "Value",
        ] {
            known.insert(extra.into());
        }
        fn check(args: &[Arg], known: &std::collections::BTreeSet<String>) {
            for a in args {
                for part in a.api.split('.').filter(|p| !p.is_empty()) {
                    assert!(
                        known.contains(part),
                        "`{}` → `{part}` is not an API field",
                        a.tf
                    );
                }
                if let Nested::Block(inner) | Nested::Blocks(inner) = a.nested {
                    check(inner, known);
                }
            }
        }
        for args in [TASK, SERVICE, REPOSITORY, POLICY, CLUSTER] {
            check(args, &known);
        }
        assert_eq!(tf_name("networkMode"), Some("network_mode"));
        assert_eq!(tf_name("volumes"), Some("volume"));
        assert_eq!(tf_name("privileged"), None);
    }
}
