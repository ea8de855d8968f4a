//! `broadsheet build`: seeds → articles → site → pages → output, each stage in parallel where
//! it can be, with one summary at the end.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::{Config, SiteConfig};
use crate::diagnostics::{Diagnostic, Severity};
use crate::extract::{self, ExtractOptions, Seed};
use crate::ingest::{self, SourceFile};
use crate::model::Article;
use crate::output::{self, OutputError, Staging};
use crate::render::{RenderError, Renderer, DEFAULT_STATIC};
use crate::site::{folder_link, Site, Story};

/// Why a build stopped. Configuration problems exit with 2, the rest with 1.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Template(#[from] RenderError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("{0}")]
    Failed(String),
}

impl BuildError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            BuildError::Config(_)
            | BuildError::Usage(_)
            | BuildError::Output(OutputError::Refused { .. }) => 2,
            _ => 1,
        }
    }
}

/// What `build` reports.
#[derive(Debug)]
pub struct BuildSummary {
    pub articles: usize,
    pub pages: usize,
    pub warnings: usize,
    pub seconds: f64,
    pub output: PathBuf,
    pub diagnostics: Vec<Diagnostic>,
}

impl std::fmt::Display for BuildSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "built {} articles, {} pages, {} warnings in {:.2}s into {}",
            self.articles,
            self.pages,
            self.warnings,
            self.seconds,
            self.output.display()
        )
    }
}

/// Extracts every source in parallel; a seed that cannot be read becomes a diagnostic.
pub fn extract_all(
    sources: &[SourceFile],
    options: &ExtractOptions,
) -> (Vec<Article>, Vec<Diagnostic>) {
    let results: Vec<Result<Article, Diagnostic>> = sources
        .par_iter()
        .map(|s| {
            let seed = Seed {
                source: &s.display,
                file_name: &s.file_name,
                text: &s.text,
                format: s.format,
                sidecar: s.sidecar.as_ref().map(|(p, t)| (p.as_str(), t.as_str())),
            };
            extract::extract(&seed, options).map_err(|e| match e {
                extract::ExtractError::Metadata {
                    file,
                    line,
                    message,
                } => Diagnostic {
                    severity: Severity::Error,
                    file,
                    line: Some(line),
                    message,
                },
                extract::ExtractError::Empty { file } => {
                    Diagnostic::error(file, "the file holds no text; skipped")
                }
            })
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    let mut diagnostics = Vec::new();
    for r in results {
        match r {
            Ok(a) => {
                for w in &a.warnings {
                    diagnostics.push(Diagnostic::warning(&a.source, w));
                }
                articles.push(a);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    (articles, diagnostics)
}

/// The site settings templates see.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    language: &'a str,
}

#[derive(Serialize)]
struct PageView {
    title: String,
    description: String,
    canonical: String,
    kind: &'static str,
}

#[derive(Serialize)]
struct Pagination {
    number: usize,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
}

/// Everything a template receives.
#[derive(Serialize)]
struct PageContext<'a> {
    site: SiteView<'a>,
    /// The way from this page back to the site root (`./`, `../../`).
    root: String,
    /// The front page's link relative to the root.
    home: &'static str,
    page: PageView,
    #[serde(skip_serializing_if = "Option::is_none")]
    article: Option<&'a Story>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lead: Option<&'a Story>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stories: Option<Vec<&'a Story>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pagination: Option<Pagination>,
}

/// One page to render.
enum PageJob {
    Front(usize),
    Article(usize),
    NotFound,
}

/// The relative way up from a file at `path` to the site root.
fn root_from(path: &str) -> String {
    let depth = path.matches('/').count();
    if depth == 0 {
        "./".into()
    } else {
        "../".repeat(depth)
    }
}

/// The folder of front page `n` (1-based): the root for page 1, `page/N/` after.
fn front_dir(n: usize) -> String {
    if n == 1 {
        String::new()
    } else {
        format!("page/{n}/")
    }
}

struct Builder<'a> {
    config: &'a Config,
    site: &'a Site,
    renderer: &'a Renderer,
    front_pages: usize,
}

impl<'a> Builder<'a> {
    fn site_view(&self) -> SiteView<'a> {
        let s: &'a SiteConfig = &self.config.site;
        SiteView {
            title: &s.title,
            description: &s.description,
            base_url: &s.base_url,
            language: &s.language,
        }
    }

    fn home(&self) -> &'static str {
        if self.config.site.pretty_urls {
            ""
        } else {
            "index.html"
        }
    }

    fn link(&self, dir: &str) -> String {
        folder_link(dir, self.config.site.pretty_urls)
    }

    /// Renders one page: its output path and HTML.
    fn render(&self, job: &PageJob) -> Result<(String, String), RenderError> {
        let base = &self.config.site.base_url;
        let (path, template, context) = match job {
            PageJob::Front(n) => {
                let per_page = self.config.site.articles_per_page;
                let dir = front_dir(*n);
                let path = format!("{dir}index.html");
                // Page 1 shows the lead story on its own, then the rest; the lead is not
                // repeated in the list.
                let lead = if *n == 1 { self.site.lead } else { None };
                let rest: Vec<&Story> = self
                    .site
                    .stories
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| Some(*i) != self.site.lead)
                    .map(|(_, s)| s)
                    .collect();
                let first_page_room = per_page.saturating_sub(1);
                let (start, end) = if *n == 1 {
                    (0, first_page_room.min(rest.len()))
                } else {
                    let start = first_page_room + (n - 2) * per_page;
                    (start.min(rest.len()), (start + per_page).min(rest.len()))
                };
                let title = if *n == 1 {
                    self.config.site.title.clone()
                } else {
                    format!("{} — page {n}", self.config.site.title)
                };
                let ctx = PageContext {
                    site: self.site_view(),
                    root: root_from(&path),
                    home: self.home(),
                    page: PageView {
                        title,
                        description: self.config.site.description.clone(),
                        canonical: format!("{base}{}", self.link(&dir)),
                        kind: "front",
                    },
                    article: None,
                    lead: lead.map(|i| &self.site.stories[i]),
                    stories: Some(rest[start..end].to_vec()),
                    pagination: Some(Pagination {
                        number: *n,
                        total: self.front_pages,
                        previous: (*n > 1).then(|| self.link(&front_dir(n - 1))),
                        next: (*n < self.front_pages).then(|| self.link(&front_dir(n + 1))),
                    }),
                };
                (path, "index.html", ctx)
            }
            PageJob::Article(i) => {
                let story = &self.site.stories[*i];
                let path = format!("{}index.html", story.dir);
                let ctx = PageContext {
                    site: self.site_view(),
                    root: root_from(&path),
                    home: self.home(),
                    page: PageView {
                        title: format!("{} — {}", story.article.headline, self.config.site.title),
                        description: story.article.summary.clone(),
                        canonical: story.url.clone(),
                        kind: "article",
                    },
                    article: Some(story),
                    lead: None,
                    stories: None,
                    pagination: None,
                };
                (path, "article.html", ctx)
            }
            PageJob::NotFound => {
                // Hosts serve 404.html at any depth, so its links are absolute.
                let ctx = PageContext {
                    site: self.site_view(),
                    root: base.clone(),
                    home: self.home(),
                    page: PageView {
                        title: format!("Page not found — {}", self.config.site.title),
                        description: self.config.site.description.clone(),
                        canonical: format!("{base}404.html"),
                        kind: "404",
                    },
                    article: None,
                    lead: None,
                    stories: None,
                    pagination: None,
                };
                ("404.html".to_string(), "404.html", ctx)
            }
        };
        let html = self
            .renderer
            .render(template, &Renderer::context(&context))?;
        Ok((path, html))
    }
}

/// Number of front pages: page 1 holds the lead and `per_page - 1` others.
fn front_page_count(stories: usize, per_page: usize) -> usize {
    if stories <= per_page {
        1
    } else {
        let after_first = stories - per_page;
        1 + after_first.div_ceil(per_page)
    }
}

/// Copies the default static files, then the site's own over them.
fn write_static(staging: &Staging, static_dir: &Path) -> Result<usize, BuildError> {
    let mut count = 0;
    for (name, bytes) in DEFAULT_STATIC {
        staging.write(&format!("static/{name}"), bytes)?;
        count += 1;
    }
    if static_dir.is_dir() {
        for entry in walkdir::WalkDir::new(static_dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        {
            let entry =
                entry.map_err(|e| BuildError::Failed(format!("{}: {e}", static_dir.display())))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(static_dir)
                .unwrap_or(entry.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy().to_string())
                .collect::<Vec<_>>()
                .join("/");
            let bytes = std::fs::read(entry.path())
                .map_err(|e| BuildError::Failed(format!("{}: {e}", entry.path().display())))?;
            staging.write(&format!("static/{rel}"), &bytes)?;
            count += 1;
        }
    }
    Ok(count)
}

/// Options the command line adds to `site.toml`.
#[derive(Debug, Default, Clone)]
pub struct BuildOptions {
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
}

/// Builds the site described by `config`.
pub fn build(mut config: Config, options: &BuildOptions) -> Result<BuildSummary, BuildError> {
    let started = Instant::now();
    if let Some(url) = &options.base_url {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(BuildError::Usage(format!(
                "--base-url {url:?} must start with http:// or https://"
            )));
        }
        config.set_base_url(url);
    }
    let seeds_dir = config.seeds_dir();
    let templates_dir = config.templates_dir();
    let static_dir = config.static_dir();
    let target = options
        .output
        .clone()
        .unwrap_or_else(|| config.output_dir());
    let display_root = config.root.clone();
    if !seeds_dir.is_dir() {
        return Err(BuildError::Usage(format!(
            "{}: the seeds folder does not exist; create it and put articles in it, or set `seeds` in site.toml",
            seeds_dir.display()
        )));
    }
    let target = output::check_target(
        &target,
        &config.root,
        &[&seeds_dir, &templates_dir, &static_dir],
    )?;
    let renderer = Renderer::new(&templates_dir, &display_root)?;

    let ingested = ingest::ingest(&seeds_dir, &display_root);
    let mut diagnostics = ingested.diagnostics;
    let extract_options = ExtractOptions {
        timezone: config.timezone,
        ..ExtractOptions::default()
    };
    let (articles, extract_diagnostics) = extract_all(&ingested.sources, &extract_options);
    diagnostics.extend(extract_diagnostics);
    if articles.is_empty() && ingested.seeds_found > 0 {
        return Err(BuildError::Failed(format!(
            "none of the {} seeds in {} could be read",
            ingested.seeds_found,
            seeds_dir.display()
        )));
    }

    let site = Site::new(articles, &config);
    let front_pages = front_page_count(site.stories.len(), config.site.articles_per_page);
    let builder = Builder {
        config: &config,
        site: &site,
        renderer: &renderer,
        front_pages,
    };
    let jobs: Vec<PageJob> = (1..=front_pages)
        .map(PageJob::Front)
        .chain((0..site.stories.len()).map(PageJob::Article))
        .chain(std::iter::once(PageJob::NotFound))
        .collect();

    let staging = Staging::begin(&target)?;
    // Render and write each page in one step, so finished pages never pile up in memory.
    jobs.par_iter()
        .try_for_each(|job| -> Result<(), BuildError> {
            let (path, html) = builder.render(job)?;
            staging.write(&path, html.as_bytes())?;
            Ok(())
        })?;
    write_static(&staging, &static_dir)?;
    let output = staging.commit()?;

    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .count();
    Ok(BuildSummary {
        articles: site.stories.len(),
        pages: jobs.len(),
        warnings,
        seconds: started.elapsed().as_secs_f64(),
        output,
        diagnostics,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_page_counts() {
        assert_eq!(front_page_count(0, 10), 1);
        assert_eq!(front_page_count(1, 10), 1);
        assert_eq!(front_page_count(10, 10), 1);
        assert_eq!(front_page_count(11, 10), 2);
        assert_eq!(front_page_count(20, 10), 2);
        assert_eq!(front_page_count(21, 10), 3);
    }

    #[test]
    fn roots() {
        assert_eq!(root_from("index.html"), "./");
        assert_eq!(root_from("2023/06/16/x/index.html"), "../../../../");
    }
}
