//! ECS212 fargate-platform-version: a retired Fargate platform version, a platform version
//! off Fargate, or a version pinned instead of `LATEST`.

use crate::diagnostic::{Loc, Severity};
use crate::document::service::Service;
use crate::rules::Ctx;

rule!("ECS212", "fargate-platform-version", Error, Service(check));

/// Linux Fargate platform versions that no longer run new tasks. (`1.0.0` is also the
/// current Windows version, so it is only retired for a service known to be Linux.)
const RETIRED_LINUX: &[&str] = &["1.1.0", "1.2.0", "1.3.0"];

fn check(svc: &Service, ctx: &mut Ctx) {
    let Some(version) = svc.str("platformVersion") else {
        return;
    };
    if version.is_empty() {
        return;
    }
    let at = Loc::member(svc.ptr("platformVersion"));
    let label = svc.label();
    let shown = crate::diagnostic::shorten(version);

    if let Some(lt @ ("EC2" | "EXTERNAL" | "MANAGED_INSTANCES")) = svc.launch_type() {
        ctx.report(
            at,
            format!("{label} sets `platformVersion` with launch type {lt}; platform versions only exist for Fargate"),
        )
        .help("remove `platformVersion`")
        .related(Loc::member(svc.ptr("launchType")), "the launch type");
        return;
    }

    // describe-services output and deploy tools' definitions say which OS family it is.
    let family = svc.str("platformFamily").map(str::to_ascii_uppercase);
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
    if windows == Some(true) && !matches!(version, "LATEST" | "1.0.0") {
        ctx.report(
            at,
            format!("{label} runs Windows on Fargate with platform version {shown}; Windows has its own versions (`LATEST`, `1.0.0`)"),
        )
        .help("use `\"platformVersion\": \"LATEST\"` or remove it")
        .related(Loc::member(svc.ptr("platformFamily")), "the platform family");
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
