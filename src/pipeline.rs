//! `broadsheet build`: seeds → articles → site → pages → output, each stage in parallel where
//! it can be, with one summary at the end.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

use crate::bodies::BodyStore;
use crate::config::Config;
use crate::confine::Boundary;
use crate::diagnostics::{Diagnostic, Severity};
use crate::extract::{self, ExtractOptions};
use crate::ingest;
use crate::output::{self, OutputError, Staging};
use crate::pages::Pages;
use crate::render::{RenderError, Renderer};
use crate::site::{Extracted, Site};

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
    #[error(transparent)]
    Asset(#[from] crate::assets::AssetError),
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
    /// Seconds each stage took, in order.
    pub stages: Vec<(&'static str, f64)>,
    pub output: PathBuf,
    pub diagnostics: Vec<Diagnostic>,
}

impl std::fmt::Display for BuildSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let stages: Vec<String> = self
            .stages
            .iter()
            .map(|(name, secs)| format!("{name} {secs:.2}s"))
            .collect();
        write!(
            f,
            "built {} articles, {} pages, {} warnings in {:.2}s ({}) into {}",
            self.articles,
            self.pages,
            self.warnings,
            self.seconds,
            stages.join(", "),
            self.output.display()
        )
    }
}

/// A progress bar on a terminal, nothing otherwise.
fn progress(show: bool, stage: &'static str, total: usize) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{prefix:>8} [{bar:30}] {pos}/{len} ({per_sec})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix(stage);
    bar
}

/// Times the stages of a build.
struct Stopwatch {
    last: Instant,
    stages: Vec<(&'static str, f64)>,
}

impl Stopwatch {
    fn new() -> Self {
        Stopwatch {
            last: Instant::now(),
            stages: Vec::new(),
        }
    }
    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push((stage, (now - self.last).as_secs_f64()));
        self.last = now;
    }
}

/// What became of one seed.
enum SeedOutcome {
    /// Extracted; with the notes and warnings it earned.
    Extracted(Box<Extracted>, Vec<Diagnostic>),
    Skipped(Diagnostic),
}

fn extract_error(e: extract::ExtractError) -> Diagnostic {
    match e {
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
    }
}

/// Reads and extracts one seed, and sends its body to the store. Only the store failing (the
/// disk is full, say) stops the build; a bad seed is a diagnostic.
fn extract_seed(
    path: &std::path::Path,
    display_root: &std::path::Path,
    options: &ExtractOptions,
    bodies: &BodyStore,
    with_search: bool,
    boundary: &Boundary,
) -> Result<SeedOutcome, BuildError> {
    let source = match ingest::read_seed(path, display_root, boundary) {
        Ok(source) => source,
        Err(d) => return Ok(SeedOutcome::Skipped(d)),
    };
    let mut article = match extract::extract(&source.seed(), options) {
        Ok(article) => article,
        Err(e) => return Ok(SeedOutcome::Skipped(extract_error(e))),
    };
    let mut diagnostics = source.notes;
    diagnostics.extend(
        article
            .warnings
            .iter()
            .map(|w| Diagnostic::warning(&article.source, w)),
    );
    let search_text = with_search.then(|| crate::search::record_text(&article));
    let headed_sections = article
        .sections
        .iter()
        .filter(|s| s.heading.is_some())
        .count();
    let body = bodies.put(&article.sections).map_err(|e| {
        BuildError::Failed(format!("cannot keep the body of {}: {e}", article.source))
    })?;
    article.sections = Vec::new();
    Ok(SeedOutcome::Extracted(
        Box::new(Extracted {
            article,
            body,
            headed_sections,
            search_text,
        }),
        diagnostics,
    ))
}

/// Renders every page and writes it, then the sitemaps, which list the pages written.
fn render_pages(
    pages: &Pages,
    jobs: &[crate::pages::PageJob],
    staging: &Staging,
    options: &BuildOptions,
) -> Result<(), BuildError> {
    let bar = progress(options.progress, "render", jobs.len());
    // Render and write each page in one step, so finished pages never pile up in memory.
    let written: Vec<String> = jobs
        .par_iter()
        .map(|job| -> Result<String, BuildError> {
            let (path, html) = pages.render(*job)?;
            staging.write(&path, html.as_bytes())?;
            bar.inc(1);
            Ok(path)
        })
        .collect::<Result<_, _>>()?;
    bar.finish_and_clear();
    let html_paths: Vec<String> = written
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .collect();
    for (path, text) in pages.sitemaps(&html_paths, options.now)? {
        staging.write(&path, text.as_bytes())?;
    }
    Ok(())
}

/// Options the command line adds to `site.toml`.
#[derive(Debug, Default, Clone)]
pub struct BuildOptions {
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    /// The moment the news sitemap's two days run back from (default: the newest story).
    pub now: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Show progress bars (on a terminal, when not quiet).
    pub progress: bool,
}

/// Builds the site described by `config`.
pub fn build(mut config: Config, options: &BuildOptions) -> Result<BuildSummary, BuildError> {
    let started = Instant::now();
    let mut watch = Stopwatch::new();
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
    let boundary = config.boundary()?;
    config.check_folders(&boundary)?;
    let (renderer, mut diagnostics) = Renderer::new(&templates_dir, &display_root, &boundary)?;
    let (assets, refused_assets) =
        crate::assets::Assets::collect(&static_dir, &display_root, &boundary)?;
    diagnostics.extend(refused_assets);

    let walked = ingest::walk(&seeds_dir, &display_root, &boundary);
    diagnostics.extend(walked.diagnostics);
    let seeds_found = walked.seeds.len();
    let staging = Staging::begin(&target)?;
    let bodies = BodyStore::new_in(staging.scratch_dir()).map_err(|e| {
        BuildError::Failed(format!(
            "cannot create a scratch file in {}: {e}",
            staging.scratch_dir().display()
        ))
    })?;
    watch.lap("walk");
    let extract_options = ExtractOptions {
        timezone: config.timezone,
        ..ExtractOptions::default()
    };
    // Each seed is read, extracted and its body stored in one step, so neither the raw copy
    // nor the bodies of the whole archive are ever in memory together.
    let bar = progress(options.progress, "extract", seeds_found);
    let outcomes: Vec<SeedOutcome> = walked
        .seeds
        .par_iter()
        .map(|path| {
            let outcome = extract_seed(
                path,
                &display_root,
                &extract_options,
                &bodies,
                config.site.search,
                &boundary,
            );
            bar.inc(1);
            outcome
        })
        .collect::<Result<_, _>>()?;
    bar.finish_and_clear();
    let mut articles = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        match outcome {
            SeedOutcome::Extracted(article, notes) => {
                diagnostics.extend(notes);
                articles.push(*article);
            }
            SeedOutcome::Skipped(d) => diagnostics.push(d),
        }
    }
    if articles.is_empty() && seeds_found > 0 {
        return Err(BuildError::Failed(format!(
            "none of the {seeds_found} seeds in {} could be read",
            seeds_dir.display()
        )));
    }
    watch.lap("extract");

    let mut site = Site::new(articles, &config);
    // Search indexing is mostly serial inside Pagefind, so it runs on its own thread beside
    // rendering instead of after it.
    let records: Option<Vec<crate::search::SearchRecord>> = config.site.search.then(|| {
        site.stories
            .iter_mut()
            .map(|s| crate::search::SearchRecord {
                url: format!("/{}", s.link),
                title: s.article.headline.clone(),
                content: s.search_text.take().unwrap_or_default(),
            })
            .collect()
    });
    let asset_paths = assets.paths();
    let cards = crate::cards::CardCache::new(site.stories.len());
    let pages = Pages {
        config: &config,
        site: &site,
        renderer: &renderer,
        assets: &asset_paths,
        cards: &cards,
        bodies: &bodies,
    };
    let jobs = pages.jobs();
    watch.lap("site");

    let language = config.site.language.as_str();
    let search_bundle = std::thread::scope(|scope| -> Result<_, BuildError> {
        let search = records
            .map(|records| scope.spawn(move || crate::search::index_records(records, language)));
        if search.is_some() && rayon::current_num_threads() > 1 {
            // Pagefind indexes each shard on one thread, and on a site of one or two shards
            // that is the longest path of a build with search: rendering leaves search a core
            // of its own instead of competing for all.
            rayon::ThreadPoolBuilder::new()
                .num_threads(rayon::current_num_threads() - 1)
                .build()
                .map_err(|e| BuildError::Failed(format!("cannot start render threads: {e}")))?
                .install(|| render_pages(&pages, &jobs, &staging, options))?;
        } else {
            render_pages(&pages, &jobs, &staging, options)?;
        }
        watch.lap("render");
        search
            .map(|handle| {
                handle
                    .join()
                    .map_err(|_| BuildError::Failed("search indexing stopped unexpectedly".into()))
            })
            .transpose()
    })?;
    if let Some(bundle) = search_bundle {
        // One fragment file per article: at 10,000 articles, writing them one after another
        // took longer than making them on every core.
        bundle?
            .par_iter()
            .try_for_each(|(path, bytes)| staging.write(path, bytes))?;
    }
    watch.lap("search");
    assets.write(&staging)?;
    let output = staging.commit()?;
    watch.lap("commit");

    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .count();
    let (articles, page_count) = (site.stories.len(), jobs.len());
    // Freeing a large archive's stories, cards and page list takes about half a second at
    // 100,000 articles, on one thread; the build is done, so nothing needs to wait for it.
    std::thread::spawn(move || drop((site, cards, jobs)));
    Ok(BuildSummary {
        articles,
        pages: page_count,
        warnings,
        seconds: started.elapsed().as_secs_f64(),
        stages: watch.stages,
        output,
        diagnostics,
    })
}
