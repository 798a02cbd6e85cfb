//! ECS118 memory-reservation-exceeds-limit: `memoryReservation` above `memory`.

use crate::diagnostic::Loc;
use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS118", "memory-reservation-exceeds-limit", Error, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    for c in task.containers() {
        if let (Some(soft), Some(hard)) = (c.int("memoryReservation"), c.int("memory"))
            && soft > hard
        {
            ctx.report(
                Loc::member(c.ptr("memoryReservation")),
                format!(
                    "{} reserves {soft} MiB but its hard limit `memory` is {hard} MiB",
                    c.label()
                ),
            )
            .help(format!(
                "lower `memoryReservation` to at most {hard}, or raise `memory` to at least {soft}"
            ))
            .related(Loc::member(c.ptr("memory")), "the hard limit");
        }
    }
}
