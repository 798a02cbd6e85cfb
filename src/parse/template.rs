//! Template placeholders: `${VAR}`, `$VAR`, `<VAR>`, `{{ ... }}`, `%VAR%`, `#{VAR}`, `__VAR__`, `@VAR@`.
//!
//! About a third of real task definitions are templates rendered by envsubst, ecspresso,
//! CodePipeline, Octopus, sed and friends. A placeholder is an unknown value, never a mistake.

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// If a placeholder starts at `bytes[i]`, return its length in bytes.
pub fn placeholder_at(bytes: &[u8], i: usize) -> Option<usize> {
    let rest = &bytes[i..];
    let first = *rest.first()?;
    match first {
        b'$' => {
            if rest.get(1) == Some(&b'{') {
                closing(rest, 2, b'{', b'}')
            } else if rest.get(1) == Some(&b'(') {
                closing(rest, 2, b'(', b')')
            } else {
                // Shell-style `$NAME`: upper-case only, so `pa$sword` in a real value is not
                // mistaken for a template.
                let n = rest[1..]
                    .iter()
                    .take_while(|&&b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
                    .count();
                (n > 0 && !rest[1].is_ascii_digit()).then_some(1 + n)
            }
        }
        b'{' if rest.get(1) == Some(&b'{') => {
            let end = find(rest, b"}}", 2)?;
            Some(end + 2)
        }
        b'#' if rest.get(1) == Some(&b'{') => closing(rest, 2, b'{', b'}'),
        b'<' => {
            let n = rest[1..]
                .iter()
                .take_while(|&&b| is_ident(b) || matches!(b, b'-' | b'.' | b':' | b' '))
                .count();
            (n > 0 && is_ident_start(rest[1]) && rest.get(1 + n) == Some(&b'>')).then_some(n + 2)
        }
        b'%' | b'@' => {
            let n = rest[1..].iter().take_while(|&&b| is_ident(b)).count();
            (n > 0 && is_ident_start(rest[1]) && rest.get(1 + n) == Some(&first)).then_some(n + 2)
        }
        b'_' if rest.get(1) == Some(&b'_') => {
            let n = rest[2..]
                .iter()
                .take_while(|&&b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
                .count();
            // `__NAME__`: upper-case, and the name itself must not start with `_`
            if n >= 3 && rest[2].is_ascii_uppercase() && rest.get(2 + n - 2..2 + n) == Some(b"__") {
                Some(2 + n)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Length up to and including the bracket that balances the one before `from`.
fn closing(rest: &[u8], from: usize, open: u8, close: u8) -> Option<usize> {
    let mut depth = 1;
    for (i, &b) in rest.iter().enumerate().skip(from) {
        if b == b'\n' {
            return None;
        }
        if b == open {
            depth += 1;
        } else if b == close {
            depth -= 1;
            if depth == 0 {
                return (i > from).then_some(i + 1);
            }
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Does this string value contain a placeholder anywhere?
pub fn contains_placeholder(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        matches!(b, b'$' | b'{' | b'#' | b'<' | b'%' | b'@' | b'_')
            && placeholder_at(bytes, i).is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_common_placeholders() {
        for s in [
            "${IMAGE}",
            "$ACCOUNT.dkr.ecr.$AWS_REGION.amazonaws.com/app:1",
            "<IMAGE1_NAME>",
            "{{ must_env `TAG` }}",
            "{{ .Env.X }}",
            "%APP_ENV%",
            "#{Octopus.Action.Image}",
            "__TOKEN__",
            "@VERSION@",
            "arn:aws:iam::${AWS::AccountId}:role/x",
            "$(aws_account)",
        ] {
            assert!(contains_placeholder(s), "{s}");
        }
    }

    #[test]
    fn leaves_real_values_alone() {
        for s in [
            "nginx:1.25",
            "pa$sword",
            "50%",
            "a < b > c",
            "user@example.com",
            "__init__",
            "my_var_",
            "${}",
            "100$",
            "S3cr3t#1",
        ] {
            assert!(!contains_placeholder(s), "{s}");
        }
    }
}
