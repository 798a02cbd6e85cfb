//! ECS212 fargate-platform-version: a retired Fargate platform version, a platform version
//! off Fargate, or a version pinned instead of `LATEST`.

use crate::diagnostic::Severity;
use crate::document::service::Service;
use crate::rules::Ctx;

rule!(
    "ECS212",
    "fargate-platform-version",
    Error | Info,
    Service(check)
);

/// Linux Fargate platform versions that no longer run new tasks. (`1.0.0` is also the
/// current Windows version, so it is only retired for a service known to be Linux.)
const RETIRED_LINUX: &[&str] = &["1.1.0", "1.2.0", "1.3.0"];

fn check(svc: &Service, ctx: &mut Ctx) {
    let Some(field) = svc.field("platformVersion") else {
        return;
    };
    let Some(version) = field.str() else {
        return;
    };
    if version.is_empty() {
        return;
    }
    let at = field.member_loc();
    let label = svc.label();
    let shown = crate::diagnostic::shorten(version);

    if let Some(launch) = svc.field("launchType")
        && let Some(lt @ ("EC2" | "EXTERNAL" | "MANAGED_INSTANCES")) = launch.str()
    {
        ctx.report(
            at,
            format!("{label} sets `platformVersion` with launch type {lt}; platform versions only exist for Fargate"),
        )
        .help("remove `platformVersion`")
        .related(launch.member_loc(), "the launch type");
        return;
    }

    // describe-services output and deploy tools' definitions say which OS family it is.
    let family_at = svc.field("platformFamily");
    let family = family_at.and_then(|f| f.str()).map(str::to_ascii_uppercase);
    let windows = family.as_deref().map(|f| f.starts_with("WINDOWS"));
    let retired =
        RETIRED_LINUX.contains(&version) || (version == "1.0.0" && windows == Some(false));
    if retired {
        ctx.report(
            at,
            format!("{label} pins Fargate platform version {version}, which is retired: new Linux tasks cannot start on it"),
        )
        .help("use `\"platformVersion\": \"LATEST\"` (currently 1.4.0), or remove it, which means LATEST");
        return;
    }
    if let Some(family_at) = family_at.filter(|_| windows == Some(true))
        && !matches!(version, "LATEST" | "1.0.0")
    {
        ctx.report(
            at,
            format!("{label} runs Windows on Fargate with platform version {shown}; Windows has its own versions (`LATEST`, `1.0.0`)"),
        )
        .help("use `\"platformVersion\": \"LATEST\"` or remove it")
        .related(family_at.member_loc(), "the platform family");
        return;
    }
    if version != "LATEST" {
        ctx.report(
            at,
            format!("{label} pins Fargate platform version {shown}: its tasks do not move to newer platform versions (security patches, features) until you change it"),
        )
        .severity(Severity::Info)
        .help("use `\"platformVersion\": \"LATEST\"` (the default) unless you need to hold a version; then review the pin when AWS releases a new one");
    }
}
