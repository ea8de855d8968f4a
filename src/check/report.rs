//! What a check found, and the table it prints: one row per warning or error, with its file
//! and line, sorted by file so each seed's problems sit together.

use std::fmt;

use crate::diagnostics::{Diagnostic, Severity};

/// The findings of one check, and what it looked at.
#[derive(Debug, Default)]
pub struct Report {
    findings: Vec<Diagnostic>,
    /// Stories read (drafts aside).
    pub seeds: usize,
    /// HTML pages of the built site.
    pub pages: usize,
    /// Links and resource URLs followed in those pages.
    pub links: usize,
    /// Feeds and sitemaps read.
    pub feeds: usize,
}

impl Report {
    /// Keeps a warning or error; notes (a file that is not a seed, say) are not findings.
    pub fn push(&mut self, d: Diagnostic) {
        if d.severity >= Severity::Warning {
            self.findings.push(d);
        }
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        for d in ds {
            self.push(d);
        }
    }

    pub fn contains(&self, d: &Diagnostic) -> bool {
        self.findings.contains(d)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// The findings by file, then line, errors before warnings on the same line.
    pub fn findings(&self) -> Vec<&Diagnostic> {
        let mut sorted: Vec<&Diagnostic> = self.findings.iter().collect();
        sorted.sort_by(|a, b| {
            (&a.file, a.line, std::cmp::Reverse(a.severity), &a.message).cmp(&(
                &b.file,
                b.line,
                std::cmp::Reverse(b.severity),
                &b.message,
            ))
        });
        sorted
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Note => "note",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

fn place(d: &Diagnostic) -> String {
    match d.line {
        Some(line) => format!("{}:{line}", d.file),
        None => d.file.clone(),
    }
}

/// The table, then a summary line.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows = self.findings();
        if !rows.is_empty() {
            let width = rows
                .iter()
                .map(|d| place(d).chars().count())
                .max()
                .unwrap_or(0)
                .max("FILE".len());
            writeln!(f, "{:<7}  {:<width$}  PROBLEM", "LEVEL", "FILE")?;
            for d in rows {
                writeln!(
                    f,
                    "{:<7}  {:<width$}  {}",
                    level(d.severity),
                    place(d),
                    d.message
                )?;
            }
        }
        write!(
            f,
            "{} errors, {} warnings: {} stories, {} pages, {} links, {} feeds and sitemaps checked",
            self.count(Severity::Error),
            self.count(Severity::Warning),
            self.seeds,
            self.pages,
            self.links,
            self.feeds
        )
    }
}
