//! ECS353 no-kms-encryption: the repository is created without KMS encryption (AES256, the
//! default), which cannot be changed later.

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
    if let Some(kind) = config.field("encryptionType")
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
