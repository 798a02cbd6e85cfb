//! ECS500 container-insights-disabled: a cluster without Container Insights.

use crate::document::cluster::Cluster;
use crate::rules::Ctx;

rule!(
    "ECS500",
    "container-insights-disabled",
    Info,
    Cluster(check)
);

const HELP: &str = "add `\"settings\": [{\"name\": \"containerInsights\", \"value\": \"enhanced\"}]` (or `\"enabled\"`) for CPU, memory, network and storage metrics per task and service in CloudWatch";

fn check(c: &Cluster, ctx: &mut Ctx) {
    if c.field("settings").is_some_and(|s| s.is_unknown()) {
        return;
    }
    let Some(setting) = c.setting("containerInsights") else {
        // A list with an unknown item may hold the setting.
        if c.field("settings").is_some_and(|s| {
            s.items()
                .any(|i| i.is_unknown() || i.field("name").is_some_and(|n| n.is_unknown()))
        }) {
            return;
        }
        ctx.report(
            c.missing("settings"),
            format!(
                "{} does not set `containerInsights`, so Container Insights is off unless the account's default turns it on",
                c.label()
            ),
        )
        .help(HELP);
        return;
    };
    let Some(value) = setting.field("value") else {
        return; // the schema check reports the missing value
    };
    if value.is_unknown() {
        return;
    }
    if value.str() == Some("disabled") {
        ctx.report(
            value.member_loc(),
            format!("{} turns Container Insights off", c.label()),
        )
        .help(HELP);
    }
}
