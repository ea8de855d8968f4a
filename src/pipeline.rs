//! `broadsheet build`: seeds → articles → site → pages → output, each stage in parallel where
//! it can be, with one summary at the end.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Severity};
use crate::extract::{self, ExtractOptions, Seed};
use crate::ingest::{self, SourceFile};
use crate::model::Article;
use crate::output::{self, OutputError, Staging};
use crate::pages::Pages;
use crate::render::{RenderError, Renderer};
use crate::site::Site;

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
    #[error(transparent)]
    Search(#[from] crate::search::SearchError),
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

/// Options the command line adds to `site.toml`.
#[derive(Debug, Default, Clone)]
pub struct BuildOptions {
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    /// The moment the news sitemap's two days run back from (default: the newest story).
    pub now: Option<chrono::DateTime<chrono::FixedOffset>>,
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
    let assets = crate::assets::Assets::collect(&static_dir).map_err(BuildError::Failed)?;

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
    let asset_paths = assets.paths();
    let pages = Pages {
        config: &config,
        site: &site,
        renderer: &renderer,
        assets: &asset_paths,
    };
    let jobs = pages.jobs();

    let staging = Staging::begin(&target)?;
    // Render and write each page in one step, so finished pages never pile up in memory.
    let written: Vec<String> = jobs
        .par_iter()
        .map(|job| -> Result<String, BuildError> {
            let (path, html) = pages.render(*job)?;
            staging.write(&path, html.as_bytes())?;
            Ok(path)
        })
        .collect::<Result<_, _>>()?;
    let html_paths: Vec<String> = written
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .collect();
    for (path, text) in pages.sitemaps(&html_paths, options.now)? {
        staging.write(&path, text.as_bytes())?;
    }
    if config.site.search {
        let article_paths: Vec<String> = site
            .stories
            .iter()
            .map(|s| format!("{}index.html", s.dir))
            .collect();
        let bundle = crate::search::index_articles(
            staging.path(),
            &article_paths,
            &config.site.language,
            !config.site.pretty_urls,
        )?;
        for (path, bytes) in &bundle {
            staging.write(path, bytes)?;
        }
    }
    assets.write(&staging)?;
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
