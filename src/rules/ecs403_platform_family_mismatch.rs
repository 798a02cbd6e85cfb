//! ECS403 platform-family-mismatch: a service's Windows/Linux settings do not match the task
//! definition's operating system.

use crate::document::service::Capacity;
use crate::rules::cross::{CrossCtx, Links};

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
        let platform = t.field("runtimePlatform");
        let os_node = platform.and_then(|p| p.field("operatingSystemFamily"));
        if os_node.is_some_and(|os| os.is_unknown()) || platform.is_some_and(|p| !p.is_object()) {
            continue;
        }
        let task_windows = t.windows();
        let family = t.name();
        let os_loc = match os_node {
            Some(os) => os.loc(),
            None => t.head(),
        };
        let task_os = if task_windows { "Windows" } else { "Linux" };
        if let Some(pf_at) = s.field("platformFamily")
            && let Some(pf) = pf_at.str()
        {
            let svc_windows = pf.to_ascii_uppercase().starts_with("WINDOWS");
            if svc_windows != task_windows {
                ctx.report(
                    svc.file,
                    pf_at.loc(),
                    format!("the service's platform family is `{pf}`, but task definition `{family}` runs {task_os} containers"),
                )
                .help("make the service's `platformFamily` match the task definition's `runtimePlatform.operatingSystemFamily`")
                .related(task.file, os_loc.clone(), "the task's operating system");
            }
        }
        // Fargate platform versions are per operating system: 1.0.0 is Windows, 1.x above
        // it is Linux.
        if let Some(v_at) = s.field("platformVersion")
            && let Some(v) = v_at.str()
            && v != "LATEST"
            && s.capacity() == Capacity::Fargate
        {
            let windows_version = v == "1.0.0";
            if windows_version != task_windows {
                ctx.report(
                    svc.file,
                    v_at.loc(),
                    format!("Fargate platform version `{v}` is for {} tasks, but task definition `{family}` runs {task_os} containers", if windows_version { "Windows" } else { "Linux" }),
                )
                .help("use `LATEST`, or a platform version of the task's operating system (Linux: 1.4.0; Windows: 1.0.0)")
                .related(task.file, os_loc.clone(), "the task's operating system");
            }
        }
    }
}
