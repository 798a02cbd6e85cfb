//! ECS302 count-unit-mismatch: `countUnit` given with `imageCountMoreThan`, or missing with an
//! age-based count type.

use crate::diagnostic::Loc;
use crate::document::ecr::Policy;
use crate::rules::Ctx;

rule!(
    "ECS302",
    "count-unit-mismatch",
    Error,
    LifecyclePolicy(check)
);

fn check(p: &Policy, ctx: &mut Ctx) {
    for rule in &p.rules {
        let Some(count_type) = rule.count_type else {
            continue;
        };
        let unit = rule.selection("countUnit");
        let label = rule.label();
        match count_type {
            // A placeholder unit might render to nothing; only a written unit is certain.
            "imageCountMoreThan" if unit.is_some_and(|u| !u.is_unknown()) => {
                ctx.report(
                    Loc::member(rule.selection_ptr("countUnit")),
                    format!("{label} counts images (`imageCountMoreThan`), which takes no `countUnit`; ECR rejects the rule"),
                )
                .help("remove `countUnit`: `countNumber` is then the number of images to keep. To expire by age instead, use `\"countType\": \"sinceImagePushed\"` with `\"countUnit\": \"days\"`")
                .related(Loc::value(rule.selection_ptr("countType")), "the count type");
            }
            "sinceImagePushed" | "sinceImagePulled" | "sinceImageTransitioned"
                if unit.is_none() =>
            {
                ctx.report(
                    Loc::value(rule.selection_ptr("countType")),
                    format!("{label} counts age with `{count_type}` but has no `countUnit`; age-based count types need `\"countUnit\": \"days\"`"),
                )
                .help("add `\"countUnit\": \"days\"` to the selection; `countNumber` is then a number of days");
            }
            _ => {}
        }
    }
}
