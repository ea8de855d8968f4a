//! Building the site for `serve`: the plan for a served build, the build itself, and whether
//! its outcome may be shown.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use crate::config::{ConfigError, Overrides, Plan, Purpose};
use crate::diagnostics::Severity;
use crate::pipeline::{self, BuildError, BuildOptions, BuildSummary};
use crate::urls::Urls;

use super::paths::base_path;
use super::state::Served;

/// Builds the site `plan` describes into `plan.output`, incrementally from that folder's last
/// build; with `defer_search`, the search shards a change touched keep their index until a
/// later build (see [`BuildOptions::defer_search`]).
pub fn rebuild(plan: &Plan, defer_search: bool) -> Result<BuildSummary, BuildError> {
    let options = BuildOptions {
        defer_search,
        ..BuildOptions::default()
    };
    pipeline::build(plan.clone(), &options)
}

/// What every served build is made with.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The site configuration the user named, or `None` for an optional `site.toml`.
    pub config: Option<PathBuf>,
    /// The address the server listens on, for the base URL.
    pub addr: SocketAddr,
    /// Warnings fail a build too.
    pub strict: bool,
}

impl Settings {
    /// The plan for a build into `output`: the site's own, with its base URL moved to the
    /// server's address and the configured path kept (`https://example.org/news/` served at
    /// `http://127.0.0.1:1111/news/`). Returns the plan and that path.
    pub fn plan(&self, output: &Path) -> Result<(Plan, String), ConfigError> {
        let (path, required) = match &self.config {
            Some(p) => (p.clone(), true),
            None => (PathBuf::from("site.toml"), false),
        };
        let overrides = Overrides {
            base_url: None,
            output: Some(output.to_path_buf()),
        };
        let mut plan = Plan::load(&path, required, Purpose::Build, &overrides)?;
        let base = base_path(plan.urls.base());
        let host = if self.addr.ip().is_unspecified() {
            // Listening on every address: links name the loopback one, which always answers.
            match self.addr {
                SocketAddr::V4(a) => SocketAddr::from(([127, 0, 0, 1], a.port())),
                SocketAddr::V6(a) => SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, a.port())),
            }
        } else {
            self.addr
        };
        plan.urls = Urls::new(format!("http://{host}{base}"), plan.urls.pretty());
        Ok((plan, base))
    }
}

/// What became of one served build.
pub enum Outcome {
    /// A good build: serve it. With the plan, for the folders to watch, and whether its search
    /// index is still to be brought up to date.
    Good(Served, Box<Plan>, bool),
    /// The message to show; the previous good build stays served. With the plan when it loaded.
    Failed(String, Option<Box<Plan>>),
}

/// Builds into one of two folders in turn, so the folder being served is never the one being
/// written: a build that fails, or one that succeeds with a seed it could not read, is simply
/// not shown, and the last good build stays as it was.
pub struct Builder {
    settings: Settings,
    folders: [PathBuf; 2],
    /// The folder the next build goes into.
    next: usize,
}

impl Builder {
    pub fn new(settings: Settings, work: &Path) -> Builder {
        Builder {
            settings,
            folders: [work.join("site-a"), work.join("site-b")],
            next: 0,
        }
    }

    /// Builds once, printing what a build prints. With `defer_search`, a change is shown before
    /// the search index is brought up to date; a build with `false` then does that.
    pub fn build(&mut self, defer_search: bool) -> Outcome {
        let folder = self.folders[self.next].clone();
        let (plan, base) = match self.settings.plan(&folder) {
            Ok(p) => p,
            Err(e) => {
                let message = format!("error: {e}");
                eprintln!("{message}");
                return Outcome::Failed(message, None);
            }
        };
        let summary = match rebuild(&plan, defer_search) {
            Ok(s) => s,
            Err(e) => {
                let message = format!("error: {e}");
                eprintln!("{message}");
                return Outcome::Failed(message, Some(Box::new(plan)));
            }
        };
        for d in &summary.diagnostics {
            eprintln!("{d}");
        }
        let failing = if self.settings.strict {
            Severity::Warning
        } else {
            Severity::Error
        };
        let blocking: Vec<String> = summary
            .diagnostics
            .iter()
            .filter(|d| d.severity >= failing)
            .map(ToString::to_string)
            .collect();
        if !blocking.is_empty() {
            let what = if self.settings.strict {
                "errors and warnings"
            } else {
                "errors"
            };
            eprintln!(
                "not shown: the build has {what} ({}); the last good build stays served",
                blocking.len()
            );
            return Outcome::Failed(blocking.join("\n"), Some(Box::new(plan)));
        }
        let articles = match summary.articles {
            1 => "1 article".to_string(),
            n => format!("{n} articles"),
        };
        let search = if summary.search_deferred() {
            "; search index to follow"
        } else {
            ""
        };
        println!(
            "built {articles}, {} pages in {:.2}s{search}",
            summary.pages, summary.seconds
        );
        self.next = 1 - self.next;
        Outcome::Good(
            Served {
                dir: folder,
                base_path: base,
            },
            Box::new(plan),
            summary.search_deferred(),
        )
    }
}
