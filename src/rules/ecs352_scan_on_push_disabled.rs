//! ECS352 scan-on-push-disabled: the repository does not scan images on push.

use crate::diagnostic::Change;
use crate::document::ecr::Repository;
use crate::rules::Ctx;

rule!(
    "ECS352",
    "scan-on-push-disabled",
    Info,
    Repository(check),
    fix = Unsafe
);

const HELP: &str = "prefer scanning for the whole registry, which replaces this deprecated repository setting: `aws ecr put-registry-scanning-configuration` with a scan-on-push rule (basic) or a continuous-scan rule (enhanced, Amazon Inspector); if that already covers this repository, ignore this rule. Otherwise set `\"imageScanningConfiguration\": {\"scanOnPush\": true}`";

fn check(r: &Repository, ctx: &mut Ctx) {
    let config = r.field("imageScanningConfiguration");
    let flag = config.and_then(|c| c.field("scanOnPush"));
    if config.is_some_and(|c| c.is_unknown()) || flag.is_some_and(|f| f.is_unknown()) {
        return;
    }
    match flag {
        Some(f) if f.bool() == Some(false) => {
            ctx.report(
                f.member_loc(),
                format!(
                    "{} does not scan images for vulnerabilities when they are pushed (`scanOnPush` is false)",
                    r.label()
                ),
            )
            .help(HELP)
            .fix("set `scanOnPush` to true", vec![Change::set(f.node(), serde_json::json!(true))]);
        }
        // true, or a value the schema rejects.
        Some(_) => {}
        // put-image-tag-mutability input leaves the scanning setting as it is.
        None if config.is_none() && r.may_be_put_request() => {}
        None => {
            let at = match config {
                Some(c) => c.key_loc(),
                None => r.head_at(),
            };
            let change = match config {
                Some(c) => Change::insert(c.node(), "scanOnPush", serde_json::json!(true)),
                None => Change::insert(
                    r.node,
                    "imageScanningConfiguration",
                    serde_json::json!({"scanOnPush": true}),
                ),
            };
            ctx.report(
                at,
                format!(
                    "{} does not turn on scan on push (`imageScanningConfiguration.scanOnPush` is not set; the default is false)",
                    r.label()
                ),
            )
            .help(HELP)
            .fix("turn on scan on push", vec![change]);
        }
    }
}
