//! ECS403 platform-family-mismatch: a service's Windows/Linux settings do not match the task
//! definition's operating system.

use crate::diagnostic::Loc;
use crate::document::service::Capacity;
use crate::link::{CrossCtx, Links};
use crate::tree::Node;

rule!("ECS403", "platform-family-mismatch", Error, Cross(check));

fn check(links: &Links, ctx: &mut CrossCtx) {
    for svc in &links.services {
        let Some(task) = links.task_of(svc) else {
            continue;
        };
        let (s, t) = (&svc.doc, &task.doc);
        if !t.has_task_level() {
            continue;
        }
        let os_node = t
            .get("runtimePlatform")
            .and_then(|p| p.get("operatingSystemFamily"));
        if os_node.is_some_and(Node::is_unknown)
            || t.get("runtimePlatform").is_some_and(|p| !p.is_object())
        {
            continue;
        }
        let task_windows = t.windows();
        let family = t.get("family").and_then(Node::str).unwrap_or("?");
        let os_loc = match os_node {
            Some(_) => Loc::value(format!(
                "{}/operatingSystemFamily",
                t.ptr("runtimePlatform")
            )),
            None => Loc::head(t.pointer.to_string()),
        };
        let task_os = if task_windows { "Windows" } else { "Linux" };
        if let Some(pf) = s.str("platformFamily") {
            let svc_windows = pf.to_ascii_uppercase().starts_with("WINDOWS");
            if svc_windows != task_windows {
                ctx.report(
                    svc.file,
                    Loc::value(s.ptr("platformFamily")),
                    format!("the service's platform family is `{pf}`, but task definition `{family}` runs {task_os} containers"),
                )
                .help("make the service's `platformFamily` match the task definition's `runtimePlatform.operatingSystemFamily`")
                .related(task.file, os_loc.clone(), "the task's operating system");
            }
        }
        // Fargate platform versions are per operating system: 1.0.0 is Windows, 1.x above
        // it is Linux.
        if let Some(v) = s.str("platformVersion")
            && v != "LATEST"
            && s.capacity() == Capacity::Fargate
        {
            let windows_version = v == "1.0.0";
            if windows_version != task_windows {
                ctx.report(
                    svc.file,
                    Loc::value(s.ptr("platformVersion")),
                    format!("Fargate platform version `{v}` is for {} tasks, but task definition `{family}` runs {task_os} containers", if windows_version { "Windows" } else { "Linux" }),
                )
                .help("use `LATEST`, or a platform version of the task's operating system (Linux: 1.4.0; Windows: 1.0.0)")
                .related(task.file, os_loc.clone(), "the task's operating system");
            }
        }
    }
}
