//! ECS118 memory-reservation-exceeds-limit: `memoryReservation` above `memory`.

use crate::document::taskdef::TaskDef;
use crate::rules::Ctx;

task_rule!("ECS118", "memory-reservation-exceeds-limit", Error, check);

fn check(task: &TaskDef, ctx: &mut Ctx) {
    for c in task.containers() {
        if let (Some(soft_at), Some(hard_at)) = (c.field("memoryReservation"), c.field("memory"))
            && let (Some(soft), Some(hard)) = (soft_at.int(), hard_at.int())
            && soft > hard
        {
            ctx.report(
                soft_at.member_loc(),
                format!(
                    "{} reserves {soft} MiB but its hard limit `memory` is {hard} MiB",
                    c.label()
                ),
            )
            .help(format!(
                "lower `memoryReservation` to at most {hard}, or raise `memory` to at least {soft}"
            ))
            .related(hard_at.member_loc(), "the hard limit");
        }
    }
}
