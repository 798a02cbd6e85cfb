//! Discover stage: command-line paths → candidate files, walked in parallel with the
//! `ignore` crate (respects .gitignore; skips .git, node_modules, target), symlinks followed
//! with loop detection.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

/// A file to check.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// The path as shown in output: as given, or as found by the walk, with `/` separators.
    pub display: String,
    pub path: PathBuf,
    /// Named on the command line (not found by walking).
    pub explicit: bool,
    /// Set when discovery itself failed for this path (loop, dangling link, unreadable dir).
    pub error: Option<String>,
    /// Loaded only so other documents can link to it (`--context`): not reported.
    pub context: bool,
    /// The text, when it does not come from disk (stdin).
    pub content: Option<std::sync::Arc<[u8]>>,
    /// Index of its configuration in [`crate::engine::Options::settings`].
    pub settings: usize,
    /// The file's identity on disk (device and inode; the canonical path where there are no
    /// inodes), whatever path named it: `infra/x.json`, `./infra/x.json`, an absolute path
    /// and a symbolic link to it are one input. `None` for stdin and unreadable paths.
    pub id: Option<FileId>,
}

/// What makes two paths the same file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileId {
    Inode(u64, u64),
    Path(PathBuf),
}

impl FileId {
    /// The identity of the file a path names (following symbolic links).
    pub fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(path)
                .ok()
                .map(|m| FileId::Inode(m.dev(), m.ino()))
        }
        #[cfg(not(unix))]
        {
            std::fs::canonicalize(path).ok().map(FileId::Path)
        }
    }
}

/// Give each input its identity and keep one input per file. Of the paths naming one file,
/// the one kept is the first in `inputs` order (callers put checked inputs before context),
/// preferring a checked input to context and a real path to a symbolic link. Inputs without
/// an identity are kept, once per display name.
pub fn dedup(inputs: &mut Vec<Input>) {
    use rayon::prelude::*;
    use std::collections::HashMap;
    inputs
        .par_iter_mut()
        .filter(|i| i.id.is_none() && i.error.is_none() && i.content.is_none())
        .for_each(|i| i.id = FileId::of(&i.path));
    let key = |i: &Input| {
        i.id.clone()
            .unwrap_or_else(|| FileId::Path(PathBuf::from(&i.display)))
    };
    let mut best: HashMap<FileId, usize> = HashMap::with_capacity(inputs.len());
    for (n, i) in inputs.iter().enumerate() {
        match best.entry(key(i)) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(n);
            }
            std::collections::hash_map::Entry::Occupied(mut o) => {
                let rank = |i: &Input| {
                    let link = std::fs::symlink_metadata(&i.path).is_ok_and(|m| m.is_symlink());
                    (i.context, link)
                };
                if rank(i) < rank(&inputs[*o.get()]) {
                    o.insert(n);
                }
            }
        }
    }
    let mut n = 0;
    inputs.retain(|i| {
        let keep = best.get(&key(i)) == Some(&n);
        n += 1;
        keep
    });
}

impl Input {
    /// A file named on the command line.
    pub fn new(path: &Path) -> Input {
        Input {
            display: display(path),
            path: path.to_path_buf(),
            explicit: true,
            error: None,
            context: false,
            content: None,
            settings: 0,
            id: None,
        }
    }
}

const SKIP_DIRS: &[&str] = &[
    ".git",
    "node_modules",
    "target",
    ".terraform",
    ".venv",
    "__pycache__",
];
/// `.template`: CloudFormation templates (JSON or YAML); `.tf`: Terraform.
const EXTENSIONS: &[&str] = &["json", "yaml", "yml", "template", "tf"];

/// A CDK asset directory (`cdk.out/asset.<hash>`): copies of the app's sources and bundles,
/// not templates.
fn cdk_asset(path: &Path, name: &str) -> bool {
    name.starts_with("asset.")
        && path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|p| p == "cdk.out")
}

fn display(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

fn wanted(path: &Path) -> bool {
    has_ext(path) || loose(path)
}

fn has_ext(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Names that only hint at JSON/YAML (`task.json.tpl`, `nasa-task,json`): checked when they
/// hold an ECS document, skipped quietly when they do not even parse.
pub fn loose(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    !has_ext(path)
        && [".json", ",json", ".yaml", ".yml"]
            .iter()
            .any(|x| name.contains(x))
}

/// Expand paths into a sorted, de-duplicated list of inputs.
pub fn discover(paths: &[PathBuf], threads: usize) -> Vec<Input> {
    let found = Mutex::new(Vec::new());
    for root in paths {
        let meta = std::fs::metadata(root);
        match meta {
            Ok(m) if m.is_dir() => walk(root, threads, &found),
            Ok(_) => found.lock().expect("no poisoning").push(Input {
                display: display(root),
                path: root.clone(),
                explicit: true,
                error: None,
                context: false,
                content: None,
                settings: 0,
                id: None,
            }),
            Err(e) => {
                let why = if e.to_string().contains("levels of symbolic links") {
                    format!("symbolic link loop: {e}")
                } else if std::fs::symlink_metadata(root).is_ok() {
                    format!("dangling symbolic link or unreadable target: {e}")
                } else {
                    format!("cannot open: {e}")
                };
                found.lock().expect("no poisoning").push(Input {
                    display: display(root),
                    path: root.clone(),
                    explicit: true,
                    error: Some(why),
                    context: false,
                    content: None,
                    settings: 0,
                    id: None,
                });
            }
        }
    }
    let mut inputs = found.into_inner().expect("no poisoning");
    inputs.sort_by(|a, b| a.display.cmp(&b.display));
    dedup(&mut inputs);
    inputs
}

fn walk(root: &Path, threads: usize, found: &Mutex<Vec<Input>>) {
    let walker = WalkBuilder::new(root)
        .follow_links(true)
        .hidden(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .parents(true)
        .threads(threads)
        .filter_entry(|e| {
            !(e.depth() > 0
                && e.file_type().is_some_and(|t| t.is_dir())
                && e.file_name()
                    .to_str()
                    .is_some_and(|n| SKIP_DIRS.contains(&n) || cdk_asset(e.path(), n)))
        })
        .build_parallel();
    walker.run(|| {
        Box::new(|entry| {
            match entry {
                Ok(e) => {
                    let is_dir = e.file_type().is_some_and(|t| t.is_dir());
                    if !is_dir && wanted(e.path()) {
                        found.lock().expect("no poisoning").push(Input {
                            display: display(e.path()),
                            path: e.path().to_path_buf(),
                            explicit: false,
                            error: None,
                            context: false,
                            content: None,
                            settings: 0,
                            id: None,
                        });
                    }
                }
                Err(err) => {
                    // A loop, a dangling link or an unreadable directory: report it on the path.
                    let path = error_path(&err).unwrap_or_else(|| root.to_path_buf());
                    if wanted(&path)
                        || is_loop(&err)
                        || path.is_dir()
                        || std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_symlink())
                    {
                        found.lock().expect("no poisoning").push(Input {
                            display: display(&path),
                            path,
                            explicit: false,
                            error: Some(describe(&err)),
                            context: false,
                            content: None,
                            settings: 0,
                            id: None,
                        });
                    }
                }
            }
            WalkState::Continue
        })
    });
}

fn is_loop(err: &ignore::Error) -> bool {
    match err {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        _ => false,
    }
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

fn describe(err: &ignore::Error) -> String {
    match err {
        ignore::Error::Loop { ancestor, .. } => format!(
            "symbolic link loop: it points back to {}",
            display(ancestor)
        ),
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => describe(err),
        ignore::Error::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
            "dangling symbolic link: its target does not exist".into()
        }
        other => other.to_string(),
    }
}
