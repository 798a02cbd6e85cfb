//! Text written for a person to replace by hand, which no parser marks as a template
//! placeholder: `[your role ARN]`, `{INSERT your image}`, `TASK ROLE`. Rules that check a
//! value's grammar stay silent on it: the value is plainly not meant to be used as written.

/// Words that say "put your value here" (not `todo`: `todo-app` is a common name).
const WORDS: &[&str] = &["your", "insert", "replace", "placeholder"];

/// Is `value` hand-fill text rather than a value?
pub fn fill_in(value: &str) -> bool {
    let t = value.trim();
    if t.is_empty() {
        return false;
    }
    let wrapped = (t.starts_with('[') && t.ends_with(']'))
        || (t.starts_with('{') && t.ends_with('}'))
        || (t.starts_with('(') && t.ends_with(')'));
    if wrapped {
        return true;
    }
    let lower = t.to_ascii_lowercase();
    if lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| WORDS.contains(&w))
    {
        return true;
    }
    // Upper-case words with spaces between them: `TASK ROLE`, `IMAGE URI`.
    t.contains(' ') && !t.chars().any(|c| c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::fill_in;

    #[test]
    fn blanks() {
        for b in [
            "[your task definition execution role arn]",
            "{INSERT your task role}",
            "TASK ROLE",
            "TASK EXEC ROLE",
            "your-image-here",
            "REPLACE_WITH_ROLE",
        ] {
            assert!(fill_in(b), "{b}");
        }
        for v in [
            "nginx 1.27",
            "my role",
            "ecsTaskExecutionRole",
            "IMAGE",
            "",
            "arn:aws:iam::123456789012:role/x",
        ] {
            assert!(!fill_in(v), "{v}");
        }
    }
}
