//! ECS501 exec-logging: ECS Exec sessions on the cluster are not logged, or logged to a
//! destination that is not required to be encrypted.

use crate::document::cluster::Cluster;
use crate::rules::Ctx;

rule!("ECS501", "exec-logging", Warning, Cluster(check));

fn check(c: &Cluster, ctx: &mut Ctx) {
    let Some(exec) = c.exec_configuration() else {
        return; // no ECS Exec configuration: the default logs to the task's awslogs group
    };
    if exec.is_unknown() {
        return;
    }
    let Some(logging) = exec.field("logging") else {
        return; // DEFAULT
    };
    if logging.is_unknown() {
        return;
    }
    match logging.str() {
        Some("NONE") => {
            ctx.report(
                logging.member_loc(),
                format!(
                    "{} does not log ECS Exec sessions (`logging` is `NONE`): commands run in containers leave no record",
                    c.label()
                ),
            )
            .help("set `\"logging\": \"DEFAULT\"` (the task's awslogs group) or `\"OVERRIDE\"` with a `logConfiguration` whose CloudWatch group or S3 bucket requires encryption");
        }
        Some("OVERRIDE") => {
            let Some(config) = exec.field("logConfiguration") else {
                return; // the API rejects OVERRIDE without it
            };
            if config.is_unknown() {
                return;
            }
            for (dest, flag, what) in [
                (
                    "cloudWatchLogGroupName",
                    "cloudWatchEncryptionEnabled",
                    "a CloudWatch log group",
                ),
                ("s3BucketName", "s3EncryptionEnabled", "an S3 bucket"),
            ] {
                if config.field(dest).is_none() {
                    continue;
                }
                let on = config.field(flag);
                if on.is_some_and(|f| f.is_unknown() || f.bool() == Some(true)) {
                    continue;
                }
                let at = match on {
                    Some(f) => f.member_loc(),
                    None => config.key_loc(),
                };
                ctx.report(
                    at,
                    format!(
                        "{} sends ECS Exec session logs to {what} without requiring it to be encrypted (`{flag}` is not true)",
                        c.label()
                    ),
                )
                .help(format!(
                    "set `\"{flag}\": true`: ECS then refuses to write the session logs to {what} that is not encrypted"
                ));
            }
        }
        _ => {}
    }
}
