//! ECS353 no-kms-encryption: the repository is created without KMS encryption (AES256, the
//! default), or with KMS but the AWS managed key; neither can be changed later.

use crate::document::ecr::Repository;
use crate::rules::Ctx;

rule!("ECS353", "no-kms-encryption", Info, Repository(check));

const HELP: &str = "set `\"encryptionConfiguration\": {\"encryptionType\": \"KMS\", \"kmsKey\": \"<key ARN>\"}` with a customer managed key in the same Region (without `kmsKey` ECR uses the AWS managed key `aws/ecr`); `KMS_DSSE` adds a second layer. Decide before creating: encryption settings cannot be changed afterwards";

fn check(r: &Repository, ctx: &mut Ctx) {
    let config = r.field("encryptionConfiguration");
    if config.is_some_and(|c| c.is_unknown()) {
        return;
    }
    let Some(config) = config else {
        // Encryption is chosen at creation; put-image-* input changes an existing repository.
        if r.may_be_put_request() {
            return;
        }
        ctx.report(
            r.head_at(),
            format!(
                "{} is encrypted with Amazon S3-managed keys (AES256, the default): `encryptionConfiguration` is not set, and it cannot be changed after the repository is created",
                r.label()
            ),
        )
        .help(HELP);
        return;
    };
    let kind = config.field("encryptionType");
    if let Some(kind) = kind
        && let Some(t @ ("KMS" | "KMS_DSSE")) = kind.str()
    {
        // Without `kmsKey`, or with the alias of the AWS managed key, ECR uses `aws/ecr`.
        let key = config.field("kmsKey");
        let managed = match key {
            None => true,
            Some(k) => k.str().is_some_and(|k| {
                k.is_empty() || k == "alias/aws/ecr" || k.ends_with(":alias/aws/ecr")
            }),
        };
        if managed {
            let at = key.map_or_else(|| kind.member_loc(), |k| k.member_loc());
            ctx.report(
                at,
                format!(
                    "{} is encrypted with `{t}` with the AWS managed key `aws/ecr`, not a customer managed key, so its key policy is not yours to set; encryption cannot be changed after the repository is created",
                    r.label()
                ),
            )
            .help("set `kmsKey` to the ARN of a customer managed KMS key in the same Region, so that you control its key policy, rotation and who may decrypt the images");
        }
        return;
    }
    if let Some(kind) = kind
        && kind.str() == Some("AES256")
    {
        ctx.report(
            kind.loc(),
            format!(
                "{} is encrypted with Amazon S3-managed keys (AES256), not a KMS key you control; this cannot be changed after the repository is created",
                r.label()
            ),
        )
        .help(HELP);
    }
}
