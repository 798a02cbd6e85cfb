//! ECS302 count-unit-mismatch: `countUnit` given with `imageCountMoreThan`, or missing with an
//! age-based count type.

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
        let (Some(count_type), Some(count_type_at)) =
            (rule.count_type, rule.selection_field("countType"))
        else {
            continue;
        };
        let unit = rule.selection_field("countUnit");
        let label = rule.label();
        match (count_type, unit) {
            // A placeholder unit might render to nothing; only a written unit is certain.
            ("imageCountMoreThan", Some(unit)) if !unit.is_unknown() => {
                ctx.report(
                    unit.member_loc(),
                    format!("{label} counts images (`imageCountMoreThan`), which takes no `countUnit`; ECR rejects the rule"),
                )
                .help("remove `countUnit`: `countNumber` is then the number of images to keep. To expire by age instead, use `\"countType\": \"sinceImagePushed\"` with `\"countUnit\": \"days\"`")
                .related(count_type_at.loc(), "the count type");
            }
            ("sinceImagePushed" | "sinceImagePulled" | "sinceImageTransitioned", None) => {
                ctx.report(
                    count_type_at.loc(),
                    format!("{label} counts age with `{count_type}` but has no `countUnit`; age-based count types need `\"countUnit\": \"days\"`"),
                )
                .help("add `\"countUnit\": \"days\"` to the selection; `countNumber` is then a number of days");
            }
            _ => {}
        }
    }
}
