//! ECS122 efs-transit-encryption: an EFS volume does not encrypt data in transit (an error when
//! IAM authorization or an access point needs it).

use crate::diagnostic::Severity;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS122", "efs-transit-encryption", Warning | Error, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    for v in task.volumes() {
        let Some(efs) = v.field("efsVolumeConfiguration") else {
            continue;
        };
        if !efs.is_object() {
            continue;
        }
        let encryption = efs.field("transitEncryption");
        // Omitted (or empty, which deploy tools drop) means DISABLED. Another value is a
        // schema error (ECS003), and a placeholder is not known.
        let omitted = match encryption {
            None => true,
            Some(e) => match e.str() {
                Some("") => true,
                Some("DISABLED") => false,
                _ => continue,
            },
        };
        let auth = efs.field("authorizationConfig");
        let iam = auth
            .and_then(|a| a.field("iam"))
            .filter(|i| i.str() == Some("ENABLED"));
        // A placeholder access point id still sets an access point.
        let access_point = auth
            .and_then(|a| a.field("accessPointId"))
            .filter(|a| a.is_unknown() || a.str().is_some_and(|s| !s.is_empty()));
        let at = match encryption {
            Some(e) if !omitted => e.member_loc(),
            _ => efs.key_loc(),
        };
        let state = if omitted {
            "`transitEncryption` is omitted, so it is `DISABLED`"
        } else {
            "`transitEncryption` is `DISABLED`"
        };
        if let Some(needs) = iam.or(access_point) {
            let what = if iam.is_some() {
                "IAM authorization (`authorizationConfig.iam: ENABLED`)"
            } else {
                "an EFS access point"
            };
            ctx.report(
                at,
                format!(
                    "EFS {} uses {what}, which requires transit encryption, but {state}: AWS rejects the task definition",
                    v.label()
                ),
            )
            .severity(Severity::Error)
            .help("set `\"transitEncryption\": \"ENABLED\"` in `efsVolumeConfiguration`")
            .related(needs.member_loc(), "this needs transit encryption");
        } else {
            ctx.report(
                at,
                format!(
                    "EFS {} sends file data to EFS unencrypted: {state}",
                    v.label()
                ),
            )
            .help("set `\"transitEncryption\": \"ENABLED\"` in `efsVolumeConfiguration` (TLS to the mount target; the ECS agent and Fargate handle it, nothing changes in the container)");
        }
    }
}
