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
        let candidates: Vec<&Linked<TaskDef>> = self
            .tasks
            .iter()
            .filter(|t| t.doc.field("family").and_then(|f| f.str()) == Some(family))
            .collect();
        match candidates.as_slice() {
            [one] => Some(one),
            [] => None,
            many => {
                let dir = |f: usize| {
                    let parent = self.inputs[f].path.parent()?;
                    let parent = if parent.as_os_str().is_empty() {
                        std::path::Path::new(".")
                    } else {
                        parent
                    };
                    Some(std::fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf()))
                };
                let here = dir(service.file);
                let near: Vec<_> = many.iter().filter(|t| dir(t.file) == here).collect();
                match near.as_slice() {
                    [one] => Some(**one),
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
