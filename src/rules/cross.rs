//! What cross-document rules see and report into: the linked documents of a run, each with
//! the file it is in.

use crate::diagnostic::{Finding, Loc, Severity};
use crate::discover::Input;
use crate::document::ecr::{Policy, Repository};
use crate::document::facts::family_of_reference;
use crate::document::service::Service;
use crate::document::taskdef::TaskDef;
use crate::rules::Rule;

/// A document of the run, with the file it is in.
pub struct Linked<T> {
    /// Index of the file in the run's inputs.
    pub file: usize,
    pub doc: T,
}

/// The linked documents of a run, for cross-document rules.
pub struct Links<'a> {
    pub tasks: Vec<Linked<TaskDef<'a>>>,
    pub services: Vec<Linked<Service<'a>>>,
    pub policies: Vec<Linked<Policy<'a>>>,
    pub repositories: Vec<Linked<Repository<'a>>>,
    pub(crate) inputs: &'a [Input],
    /// Built on first use: task definitions by family, and each file's directory as the
    /// file system names it (every cross rule asks `task_of` for every service, so a run with
    /// many task definitions of one family would otherwise resolve each directory again and
    /// again).
    pub(crate) by_family: std::sync::OnceLock<std::collections::HashMap<&'a str, Vec<usize>>>,
    pub(crate) dirs: std::sync::OnceLock<Vec<Option<std::path::PathBuf>>>,
}

impl<'a> Links<'a> {
    /// Is this file only loaded for context (`--context`)? Findings there are not reported.
    pub fn is_context(&self, file: usize) -> bool {
        self.inputs[file].context
    }

    pub fn display(&self, file: usize) -> &str {
        &self.inputs[file].display
    }

    /// The task definition a service runs: the one task definition of the run whose family
    /// the service's `taskDefinition` names; if several share the family, the one in the
    /// service's directory. `None` when there is no such single task definition.
    pub fn task_of(&self, service: &Linked<Service<'a>>) -> Option<&Linked<TaskDef<'a>>> {
        // In a template: the task definition resource the service names (in the same file;
        // in Terraform, in any file of the same module, which the identity names).
        if let Some(link) = service.doc.task_link {
            let module_wide = link.starts_with("tf:");
            return self
                .tasks
                .iter()
                .find(|t| (module_wide || t.file == service.file) && t.doc.link == Some(link));
        }
        let reference = service.doc.field("taskDefinition").and_then(|r| r.str())?;
        let family = family_of_reference(reference)?;
        let by_family = self.by_family.get_or_init(|| {
            let mut map: std::collections::HashMap<&'a str, Vec<usize>> = Default::default();
            for (i, t) in self.tasks.iter().enumerate() {
                if let Some(f) = t.doc.field("family").and_then(|f| f.str()) {
                    map.entry(f).or_default().push(i);
                }
            }
            map
        });
        match by_family.get(family).map(Vec::as_slice).unwrap_or_default() {
            [one] => Some(&self.tasks[*one]),
            [] => None,
            many => {
                let dirs = self.dirs.get_or_init(|| {
                    self.inputs
                        .iter()
                        .map(|input| {
                            let parent = input.path.parent()?;
                            let parent = if parent.as_os_str().is_empty() {
                                std::path::Path::new(".")
                            } else {
                                parent
                            };
                            Some(
                                std::fs::canonicalize(parent)
                                    .unwrap_or_else(|_| parent.to_path_buf()),
                            )
                        })
                        .collect()
                });
                let here = &dirs[service.file];
                let near: Vec<usize> = many
                    .iter()
                    .copied()
                    .filter(|&t| &dirs[self.tasks[t].file] == here)
                    .collect();
                match near.as_slice() {
                    [one] => Some(&self.tasks[*one]),
                    _ => None,
                }
            }
        }
    }
}

/// One cross-document finding: a location in one file, related locations in others.
pub struct CrossFinding {
    pub file: usize,
    pub finding: Finding,
    pub related_files: Vec<usize>,
}

/// What a cross-document rule reports into.
pub struct CrossCtx<'r> {
    pub rule: &'static Rule,
    pub findings: &'r mut Vec<CrossFinding>,
}

impl CrossCtx<'_> {
    pub fn report(&mut self, file: usize, at: Loc, message: impl Into<String>) -> Reported<'_> {
        self.findings.push(CrossFinding {
            file,
            finding: Finding::new(self.rule, message.into(), None, at),
            related_files: Vec::new(),
        });
        Reported(self.findings.last_mut().expect("just pushed"))
    }
}

/// A cross-document finding being built.
pub struct Reported<'f>(&'f mut CrossFinding);

impl Reported<'_> {
    pub fn help(self, help: impl Into<String>) -> Self {
        self.0.finding.help = Some(help.into());
        self
    }

    pub fn severity(self, severity: Severity) -> Self {
        self.0.finding.severity(severity);
        self
    }

    /// A related location, in this file or another.
    pub fn related(self, file: usize, at: Loc, message: impl Into<String>) -> Self {
        self.0.finding.related.push((at, message.into()));
        self.0.related_files.push(file);
        self
    }
}
