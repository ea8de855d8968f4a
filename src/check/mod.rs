//! `broadsheet check`: what a build would say about every seed, then the built site itself
//! read back as a reader's browser and feed reader would: every internal link and `#fragment`,
//! every feed, every sitemap URL.
//!
//! It reuses the build rather than imitating it: the seeds are read with
//! [`pipeline::gather`](crate::pipeline::gather) and the site is made with
//! [`pipeline::build`](crate::pipeline::build) into a temporary folder, so what `check` reads is
//! exactly what `build` would publish.

mod feeds;
mod links;
mod report;
mod seeds;
mod site_files;

use crate::config::Plan;
use crate::diagnostics::{Diagnostic, Severity};
use crate::pipeline::{self, BuildOptions};

pub use report::Report;

/// Why a check could not run at all (as against what it found, which is in the [`Report`]).
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("cannot make a temporary folder to build into: {0}")]
    TempDir(#[source] std::io::Error),
    #[error(transparent)]
    Build(#[from] pipeline::BuildError),
}

impl CheckError {
    /// The process exit code: configuration problems 2, the rest 1, as for `build`.
    pub fn exit_code(&self) -> i32 {
        match self {
            CheckError::Build(e) => e.exit_code(),
            CheckError::TempDir(_) => 1,
        }
    }
}

/// Checks the seeds and the site `plan` describes. The site is built into a temporary folder,
/// removed when the check ends; `plan.output` is never written.
pub fn check(plan: &Plan) -> Result<Report, CheckError> {
    let scratch = tempfile::tempdir().map_err(CheckError::TempDir)?;
    let mut report = Report::default();

    let now = chrono::Utc::now().fixed_offset();
    let gathered = pipeline::gather(plan, scratch.path(), false, now)?;
    report.extend(gathered.diagnostics.iter().cloned().map(seeds::graded));
    report.extend(seeds::findings(&gathered, plan));
    report.seeds = gathered.site.stories.len();
    drop(gathered);

    let mut built_plan = plan.clone();
    let out = scratch.path().join("site");
    built_plan.output = out.clone();
    match pipeline::build(built_plan, &BuildOptions::default()) {
        Ok(summary) => {
            // The seeds' messages are already in; the build adds the templates' and static
            // files' (a refused link, say).
            let fresh: Vec<Diagnostic> = summary
                .diagnostics
                .into_iter()
                .map(seeds::graded)
                .filter(|d| !report.contains(d))
                .collect();
            report.extend(fresh);
        }
        // A template that does not render is the site's error, not the check's: report it and
        // stop, as there is no site to read.
        Err(e @ pipeline::BuildError::Template(_)) => {
            report.push(Diagnostic::error("templates", e.to_string()));
            return Ok(report);
        }
        Err(e) => return Err(e.into()),
    }

    let shown = crate::diagnostics::display_path(&plan.output, &plan.root);
    let files = site_files::SiteFiles::read(&out, &plan.urls, &shown);
    report.pages = files.pages();
    let (link_findings, links) = links::findings(&files);
    report.links = links;
    report.extend(link_findings);
    let (feed_findings, feeds) = feeds::findings(&files);
    report.feeds = feeds;
    report.extend(feed_findings);
    Ok(report)
}

/// Whether `report` fails the check: on any error, and with `strict` on any warning.
pub fn fails(report: &Report, strict: bool) -> bool {
    report.count(Severity::Error) > 0 || (strict && report.count(Severity::Warning) > 0)
}
