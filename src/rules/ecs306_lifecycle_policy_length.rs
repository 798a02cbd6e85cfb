//! ECS306 lifecycle-policy-length: the policy text is longer than ECR accepts (30,720
//! characters), or, sent through the API, shorter than its 100-character minimum.

use crate::diagnostic::Severity;
use crate::document::Form;
use crate::document::ecr::Policy;
use crate::rules::Ctx;

rule!(
    "ECS306",
    "lifecycle-policy-length",
    Error | Warning,
    LifecyclePolicy(check)
);

/// Longest lifecycle policy text ECR accepts, in characters (a fixed quota).
const MAX_CHARS: usize = 30_720;
/// Shortest `lifecyclePolicyText` PutLifecyclePolicy accepts.
const MIN_CHARS: usize = 100;

fn check(p: &Policy, ctx: &mut Ctx) {
    let Some(len) = p.text_chars() else {
        return;
    };
    // A policy that is a template is not the text ECR will receive.
    if p.rules.iter().any(|r| r.templated) {
        return;
    }
    let compact = p.compact_chars();
    if len.chars > MAX_CHARS {
        // A length is known only of a written string, or of a policy file (which has `rules`).
        let at = if len.in_string {
            p.text_at().map(|t| t.loc())
        } else {
            p.at.field("rules").map(|r| r.key_loc())
        };
        let Some(at) = at else {
            return;
        };
        let what = if len.in_string {
            "`lifecyclePolicyText`"
        } else {
            "this lifecycle policy file"
        };
        let finding = ctx.report(
            at,
            format!(
                "{what} is {} characters long; ECR accepts at most {MAX_CHARS} characters of lifecycle policy text",
                len.chars
            ),
        );
        if compact <= MAX_CHARS {
            finding.help(format!(
                "whitespace counts too: without it the policy is {compact} characters, which fits (for example `jq -c . policy.json`); otherwise shorten descriptions or merge rules"
            ));
            if !len.in_string {
                // The file may be minified on its way (Terraform's jsonencode); only sent
                // as written (`file://`) is it too long.
                finding.severity(Severity::Warning);
            }
        } else {
            finding.help(format!(
                "even without whitespace it is {compact} characters: shorten or remove descriptions, merge rules that share a selection, or use `tagPatternList` wildcards instead of long prefix lists"
            ));
        }
        return;
    }
    if len.in_string
        && p.form == Form::PutPolicy
        && len.chars < MIN_CHARS
        && let Some(text) = p.text_at()
    {
        ctx.report(
            text.loc(),
            format!(
                "`lifecyclePolicyText` is {} characters long; PutLifecyclePolicy requires at least {MIN_CHARS}",
                len.chars
            ),
        )
        .help(if p.rules.is_empty() {
            "a policy without rules does nothing: add a rule, or delete the lifecycle policy instead (`aws ecr delete-lifecycle-policy`)"
        } else {
            "the API counts every character of the string, whitespace included: write the policy out in full (a `description` per rule also helps)"
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{self, ecr::Policy};

    fn run(text: &str) -> Vec<(Severity, String)> {
        let parsed = crate::parse::json::parse(text, true);
        let root = parsed.root.expect("parses");
        let embedded = document::embedded(&root, text, true);
        let docs = document::recognise(&root, &embedded);
        let policy = Policy::new(&docs[0]);
        let mut findings = Vec::new();
        let mut secrets = Vec::new();
        let options = crate::rules::RuleOptions::default();
        let mut ctx = Ctx {
            rule: &RULE,
            findings: &mut findings,
            secrets: &mut secrets,
            options: &options,
        };
        check(&policy, &mut ctx);
        findings
            .into_iter()
            .map(|f| (f.severity, f.message))
            .collect()
    }

    fn rule(description: &str) -> String {
        format!(
            r#"{{"rulePriority": 1, "description": "{description}", "selection": {{"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}}, "action": {{"type": "expire"}}}}"#
        )
    }

    #[test]
    fn whitespace_only_overflow_is_a_warning() {
        let padding = " ".repeat(MAX_CHARS);
        let text = format!("{{\"rules\": [{padding}{}]}}\n", rule("untagged"));
        let found = run(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Warning);
    }

    #[test]
    fn multibyte_characters_count_once() {
        // 12,000 three-byte characters: 36,000 bytes, but well under the limit in characters.
        let text = format!("{{\"rules\": [{}]}}", rule(&"설".repeat(12_000)));
        assert!(run(&text).is_empty());
        let text = format!("{{\"rules\": [{}]}}", rule(&"설".repeat(31_000)));
        assert_eq!(run(&text)[0].0, Severity::Error);
    }

    #[test]
    fn string_length_is_exact() {
        let policy = format!("{{\"rules\": [{}]}}", rule(&"x".repeat(MAX_CHARS)));
        let text =
            serde_json::json!({"repositoryName": "web", "lifecyclePolicyText": policy}).to_string();
        let found = run(&text);
        assert!(
            found[0].1.contains(&policy.chars().count().to_string()),
            "{found:?}"
        );
        let short =
            serde_json::json!({"repositoryName": "web", "lifecyclePolicyText": "{\"rules\": []}"})
                .to_string();
        assert!(run(&short)[0].1.contains("at least 100"));
    }
}
