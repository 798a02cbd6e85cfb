//! Secret detection shared by the rules that look for plaintext secrets.

use std::sync::LazyLock;

use regex::Regex;

/// Split a variable name into lower-case words: `dbPassword` / `DB_PASSWORD` → [db, password].
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for ch in name.chars() {
        if !ch.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if ch.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = ch.is_ascii_lowercase() || ch.is_ascii_digit();
        cur.push(ch.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

const SECRET_SUBSTRINGS: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "token",
    "apikey",
    "privatekey",
    "accesskey",
    "credential",
    "passphrase",
    "signingkey",
    "encryptionkey",
];
const SECRET_WORDS: &[&str] = &["pass", "pwd", "pw", "authkey"];
/// `<prefix>_KEY` is a secret (API_KEY, ACCESS_KEY, AUTH_KEY); other `*_KEY` names are
/// references or settings (KMS_KEY, CACHE_KEY).
const KEY_PREFIXES: &[&str] = &[
    "api",
    "access",
    "private",
    "secret",
    "signing",
    "master",
    "encryption",
    "client",
    "auth",
];
/// `AUTH` alone names settings as often as secrets (AUTH_URL, AUTH_ENABLED, AUTH_MODE,
/// GF_AUTH_ANONYMOUS_ORG_ROLE, OAUTH_CLIENT_ID), so it counts only where it ends the name as
/// the credential itself: `<x>_AUTH_DATA` (ECS_ENGINE_AUTH_DATA, the ECS agent's registry
/// credentials), `BASIC_AUTH`. AUTH_TOKEN, AUTH_PASSWORD, AUTH_SECRET are secrets by their
/// other word, AUTH_KEY by [`KEY_PREFIXES`].
const AUTH_PAYLOAD: &[&str] = &["data", "string", "json", "b64", "base64", "creds", "cred"];
/// Every secret-like name contains one of these (case-insensitively); most names (PORT,
/// NODE_ENV) contain none and are decided without splitting them into words. Each entry of the
/// lists above, and the word `auth`, contains one (a test checks it).
const HINTS: &[&[u8]] = &[
    b"pass",
    b"pw",
    b"secret",
    b"token",
    b"key",
    b"credential",
    b"auth",
];
/// A last word that makes the variable a reference or a setting, not the secret itself.
const BENIGN_LAST: &[&str] = &[
    "arn",
    "name",
    "id",
    "ids",
    "path",
    "file",
    "dir",
    "url",
    "uri",
    "endpoint",
    "host",
    "port",
    "ttl",
    "seconds",
    "secs",
    "sec",
    "ms",
    "minutes",
    "mins",
    "hours",
    "days",
    "length",
    "len",
    "size",
    "enabled",
    "enable",
    "disabled",
    "disable",
    "header",
    "type",
    "mode",
    "region",
    "version",
    "format",
    "prefix",
    "suffix",
    "count",
    "policy",
    "algorithm",
    "algo",
    "location",
    "expiry",
    "expiration",
    "expires",
    "timeout",
    "interval",
    "user",
    "username",
    "field",
    "param",
    "parameter",
    "key",
    "kind",
    "store",
    "provider",
    "method",
    "audience",
    "issuer",
    "scope",
    "scopes",
    "lifetime",
    "age",
    "duration",
    "limit",
    "rotation",
    "strategy",
    "source",
    "backend",
    "manager",
    "service",
    "bucket",
    "table",
    "queue",
    "topic",
    "vault",
    "label",
    "level",
    "strength",
    "complexity",
    "required",
    "validation",
    "hash",
    "salt_rounds",
    "rounds",
    "cost",
];
const BENIGN_ANY: &[&str] = &[
    "min",
    "max",
    "minimum",
    "maximum",
    "reset",
    "expire",
    "expiry",
    "refresh_interval",
];

/// Does this variable name suggest its value is a secret?
pub fn secret_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    if !HINTS
        .iter()
        .any(|h| bytes.windows(h.len()).any(|w| w.eq_ignore_ascii_case(h)))
    {
        return false;
    }
    let ws = words(name);
    if ws.is_empty() {
        return false;
    }
    let joined: String = ws.concat();
    let last = ws.last().map(String::as_str).unwrap_or("");
    let before_last = ws.len().checked_sub(2).map_or("", |i| ws[i].as_str());
    let named = SECRET_SUBSTRINGS.iter().any(|s| joined.contains(s))
        || ws.iter().any(|w| SECRET_WORDS.contains(&w.as_str()))
        || ws
            .windows(2)
            .any(|p| p[1] == "key" && KEY_PREFIXES.contains(&p[0].as_str()));
    let auth = (before_last == "auth" && AUTH_PAYLOAD.contains(&last))
        || (before_last == "basic" && last == "auth");
    if !named && !auth {
        return false;
    }
    // `*_KEY` alone is a reference for most names, but API_KEY / ACCESS_KEY are secrets.
    let key_secret = last == "key" && KEY_PREFIXES.contains(&before_last);
    if BENIGN_LAST.contains(&last) && !key_secret {
        return false;
    }
    if ws.iter().any(|w| BENIGN_ANY.contains(&w.as_str())) {
        return false;
    }
    true
}

/// Words tutorials use for "put your value here".
const FILLER: &[&str] = &[
    "here",
    "your",
    "replace",
    "changeme_later",
    "placeholder",
    "todo",
    "xxx",
    "tbd",
    "example_only",
    "insert",
    "paste",
    "fill",
];

/// Could this value (under a secret-like name) be a real secret?
pub fn secret_value(value: &str) -> bool {
    let v = value.trim();
    if v.len() < 3 {
        return false;
    }
    let lower = v.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "true"
            | "false"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "none"
            | "null"
            | "nil"
            | "undefined"
            | "disabled"
            | "enabled"
            | "empty"
    ) {
        return false;
    }
    if v.parse::<f64>().is_ok() {
        return false;
    }
    if lower.starts_with("arn:")
        || v.starts_with('/')
        || lower.starts_with("ssm:")
        || lower.starts_with("secretsmanager:")
    {
        return false; // a reference to a secret, not the secret
    }
    if (lower.starts_with("http://") || lower.starts_with("https://"))
        && !URL_CREDENTIALS.is_match(v)
    {
        return false;
    }
    filler_free(v)
}

/// False for tutorial fillers: PASTE_DB_PASSWORD_HERE, your_token_here, GOOGLE_CLIENT_SECRET_VALUE,
/// `...`, `xxxx`, `dummy`.
pub fn filler_free(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    let word_like = v
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if word_like && FILLER.iter().any(|f| lower.contains(f)) {
        return false;
    }
    if v.bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        && lower.ends_with("_value")
    {
        return false;
    }
    if lower.chars().all(|c| matches!(c, 'x' | '*' | '.')) {
        return false;
    }
    ![
        "dummy",
        "replace_me",
        "change_me",
        "changeit",
        "placeholder",
        "redacted",
    ]
    .iter()
    .any(|f| lower.contains(f))
}

pub static URL_CREDENTIALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[a-z][a-z0-9+.-]*://[^/\s:@]+:([^/\s@]{3,})@").expect("valid regex")
});

/// Values that are secrets whatever they are called.
/// Well-known secret formats, matched in one pass over the value.
const KNOWN: &[(&str, &str)] = &[
    ("an AWS access key ID", r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"),
    (
        "a GitHub token",
        r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})",
    ),
    ("a Slack token", r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    ("a Stripe live key", r"\b[rs]k_live_[A-Za-z0-9]{16,}"),
    ("a Google API key", r"\bAIza[0-9A-Za-z_-]{35}\b"),
    ("a private key", r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
];

static KNOWN_SET: LazyLock<regex::RegexSet> =
    LazyLock::new(|| regex::RegexSet::new(KNOWN.iter().map(|(_, re)| *re)).expect("valid regexes"));

pub fn known_secret(value: &str) -> Option<&'static str> {
    if let Some(i) = KNOWN_SET.matches(value).iter().next() {
        return Some(KNOWN[i].0);
    }
    if !value.contains("://") || !value.contains('@') {
        return None;
    }
    let caps = URL_CREDENTIALS.captures(value)?;
    let password = caps.get(1)?.as_str();
    (!crate::parse::template::contains_placeholder(password) && !password.starts_with('$'))
        .then_some("a URL with an embedded password")
}

/// `--password=hunter2`, `--db-token hunter2` inside one command-line string.
static FLAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|\s)--?([a-z0-9_.-]*(?:password|passwd|secret|token|api[-_]?key|access[-_]?key|auth)[a-z0-9_.-]*)(?:=|\s+)(\S+)").expect("valid regex")
});

/// A secret passed as a command-line flag value: `(flag, value)`.
pub fn flag_secret(arg: &str) -> Option<(String, String)> {
    if !arg.contains('-') {
        return None;
    }
    let caps = FLAG.captures(arg)?;
    let flag = caps.get(1)?.as_str().to_string();
    let value = caps.get(2)?.as_str().trim_matches(['"', '\'']).to_string();
    if !filler_free(&value) {
        return None;
    }
    if !secret_name(&flag)
        || value.starts_with('$')
        || value.starts_with('-')
        || crate::parse::template::contains_placeholder(&value)
        || !secret_value(&value)
    {
        return None;
    }
    Some((flag, value))
}

/// Is this a bare flag naming a secret, whose value is the next argument (`["--password", "x"]`)?
pub fn secret_flag_alone(arg: &str) -> bool {
    let Some(flag) = arg.strip_prefix("--").or_else(|| arg.strip_prefix('-')) else {
        return false;
    };
    !flag.contains('=') && !flag.contains(' ') && flag.len() > 2 && secret_name(flag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for n in [
            "DB_PASSWORD",
            "dbPassword",
            "API_KEY",
            "apiKey",
            "GITHUB_TOKEN",
            "CLIENT_SECRET",
            "AWS_SECRET_ACCESS_KEY",
            "DB_PASS",
            "SMTP_PWD",
            "PRIVATE_KEY",
            "secret",
            "ECS_ENGINE_AUTH_DATA",
            "AUTH_DATA",
            "AUTH_TOKEN",
            "BASIC_AUTH",
            "HTTP_BASIC_AUTH",
            "basicAuth",
            "AUTH_PASSWORD",
            "BASIC_AUTH_PASSWORD",
            "AUTH_KEY",
            "SECURE_AUTH_KEY",
            "TS_AUTHKEY",
            "REGISTRY_AUTH_STRING",
            "NEXTAUTH_SECRET",
        ] {
            assert!(secret_name(n), "{n}");
        }
        for n in [
            "DB_SECRET_ARN",
            "SECRET_NAME",
            "PASSWORD_MIN_LENGTH",
            "TOKEN_TTL_SECONDS",
            "DB_HOST",
            "PATH",
            "TOKEN_URL",
            "KMS_KEY_ID",
            "PASSWORD_FILE",
            "SECRET_KEY_ID",
            "PASSWORD_RESET_TIMEOUT",
            "AUTH_URL",
            "AUTH_ENABLED",
            "AUTH_MODE",
            "AUTH_TYPE",
            "AUTH",
            "DISABLE_AUTH",
            "OAUTH_CLIENT_ID",
            "AUTH_DOMAIN",
            "AUTH_KEY_ID",
            "AUTH_DATA_DIR",
            "ECS_ENGINE_AUTH_TYPE",
            "BASIC_AUTH_USER",
            "AUTH_KEYCLOAK_REALM",
            "GF_AUTH_ANONYMOUS_ORG_ROLE",
            "GF_AUTH_BASIC_ENABLED",
            "ADMIN_NO_SRP_AUTH",
            "AUTHOR",
        ] {
            assert!(!secret_name(n), "{n}");
        }
    }

    /// The fast pre-filter in `secret_name` must let through every name the word rules can
    /// accept.
    #[test]
    fn hints_cover_every_secret_word() {
        let has_hint = |s: &str| {
            HINTS.iter().any(|h| {
                s.as_bytes()
                    .windows(h.len())
                    .any(|w| w.eq_ignore_ascii_case(h))
            })
        };
        let key_pairs: Vec<String> = KEY_PREFIXES.iter().map(|p| format!("{p}key")).collect();
        for s in SECRET_SUBSTRINGS
            .iter()
            .chain(SECRET_WORDS)
            .copied()
            .chain(key_pairs.iter().map(String::as_str))
            .chain(["auth"])
        {
            assert!(has_hint(s), "{s} passes no hint of the pre-filter");
        }
        // And the AUTH names reach the word rules at all.
        assert!(secret_name("ECS_ENGINE_AUTH_DATA") && secret_name("BASIC_AUTH"));
    }

    #[test]
    fn values() {
        assert!(secret_value("hunter2-example"));
        assert!(secret_value("changeme"));
        for v in [
            "",
            "12",
            "3600",
            "true",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db",
            "/prod/db/password",
            "PASTE_DB_PASSWORD_HERE",
            "https://vault.example.com",
        ] {
            assert!(!secret_value(v), "{v}");
        }
    }

    #[test]
    fn known() {
        assert_eq!(
            known_secret("AKIAIOSFODNN7EXAMPLE"),
            Some("an AWS access key ID")
        );
        assert!(known_secret("postgres://app:s3cr3tpw@db:5432/app").is_some());
        assert!(known_secret("postgres://app:${DB_PASSWORD}@db:5432/app").is_none());
        assert!(known_secret("https://example.com/a:b").is_none());
    }

    #[test]
    fn flags() {
        assert_eq!(
            flag_secret("--password=hunter2x").map(|f| f.1),
            Some("hunter2x".into())
        );
        assert!(flag_secret("java -jar app.jar --db.password=S3cretValue").is_some());
        assert!(flag_secret("--password=$DB_PASSWORD").is_none());
        assert!(flag_secret("--password-file=/run/secrets/db").is_none());
        assert!(flag_secret("--basic-auth=admin:hunter2x").is_some());
        assert!(flag_secret("--auth=oidc").is_none());
        assert!(flag_secret("--oauth-client-id=abc123").is_none());
        assert!(secret_flag_alone("--basic-auth"));
        assert!(!secret_flag_alone("--auth"));
        assert!(secret_flag_alone("--password"));
        assert!(!secret_flag_alone("--verbose"));
    }
}
