//! `broadsheet build`: plan → seeds → articles → site → outputs → bytes → public/, each stage in
//! parallel where it can be, with one summary at the end.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

use crate::bodies::BodyStore;
use crate::config::Plan;
use crate::confine::Boundary;
use crate::diagnostics::{display_path, Diagnostic, Severity};
use crate::extract::{self, ExtractOptions};
use crate::images::Images;
use crate::ingest;
use crate::model::{LeadImage, Picture};
use crate::output::{self, OutputError, Staging};
use crate::publish::{Output, Page, PublishError, Publisher};
use crate::render::cards::CardCache;
use crate::render::{RenderError, Renderer};
use crate::site::{Filed, Site};

/// Why a build stopped. Configuration problems exit with 2, the rest with 1.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Template(#[from] RenderError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Search(#[from] crate::search::SearchError),
    #[error(transparent)]
    Asset(#[from] crate::assets::AssetError),
    #[error(transparent)]
    Publish(#[from] PublishError),
    #[error("cannot keep article bodies in a scratch file in {dir}: {source}")]
    BodyStore {
        dir: String,
        #[source]
        source: std::io::Error,
    },
    #[error("none of the {count} seeds in {dir} could be read")]
    NothingRead { count: usize, dir: String },
    #[error("cannot start threads to render with: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
}

impl BuildError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            BuildError::Config(_) | BuildError::Output(OutputError::Refused { .. }) => 2,
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
    /// Lead images decoded and written in this build, and those found in the cache.
    pub images_processed: usize,
    pub images_cached: usize,
}

/// `1 article`, `2 articles`.
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
            "built {}, {}{}, {} in {:.2}s ({}) into {}",
            counted(self.articles, "article", "articles"),
            counted(self.pages, "page", "pages"),
            self.images(),
            counted(self.warnings, "warning", "warnings"),
            self.seconds,
            stages.join(", "),
            self.output.display()
        )
    }
}

impl BuildSummary {
    /// `, 3 images (1 processed, 2 from the cache)`, or nothing for a site without any.
    fn images(&self) -> String {
        let total = self.images_processed + self.images_cached;
        if total == 0 {
            return String::new();
        }
        format!(
            ", {} ({} processed, {} from the cache)",
            counted(total, "image", "images"),
            self.images_processed,
            self.images_cached
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
    Filed(Box<Filed>, Vec<Diagnostic>),
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
    picture: Option<String>,
    plan: &Plan,
    boundary: &Boundary,
    options: &ExtractOptions,
    bodies: &BodyStore,
    images: &Images,
) -> Result<SeedOutcome, BuildError> {
    let mut source = match ingest::read_seed(path, &plan.root, boundary) {
        Ok(source) => source,
        Err(d) => return Ok(SeedOutcome::Skipped(d)),
    };
    source.picture = picture;
    let extraction = match extract::extract(&(&source).into(), options) {
        Ok(e) => e,
        Err(e) => return Ok(SeedOutcome::Skipped(extract_error(e))),
    };
    let article = extraction.article;
    let mut diagnostics = source.notes;
    diagnostics.extend(article.warnings.iter().map(|w| Diagnostic {
        line: w.line,
        ..Diagnostic::warning(&article.source, &w.message)
    }));
    let heads = extraction
        .body
        .sections
        .iter()
        .filter_map(|s| s.heading.clone())
        .collect();
    // The picture is processed by the thread that read its story, so pictures are decoded on
    // every core, side by side with the extraction of other seeds.
    let picture = article
        .image
        .as_ref()
        .and_then(|image| lead_picture(image, path, plan, images, &mut diagnostics));
    let body = bodies
        .put(&extraction.body.sections)
        .map_err(|source| BuildError::BodyStore {
            dir: plan.output.display().to_string(),
            source,
        })?;
    Ok(SeedOutcome::Filed(
        Box::new(Filed {
            article,
            body,
            heads,
            picture,
        }),
        diagnostics,
    ))
}

/// The processed files of a story's lead image; a picture that cannot be used is a warning
/// naming it, and the story goes on without it. A URL (from a saved web page) is never fetched.
fn lead_picture(
    image: &LeadImage,
    seed: &std::path::Path,
    plan: &Plan,
    images: &Images,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Picture> {
    let src = image.src.to_ascii_lowercase();
    if src.starts_with("http://") || src.starts_with("https://") || src.starts_with("//") {
        return None;
    }
    let path = seed
        .parent()
        .unwrap_or(std::path::Path::new(""))
        .join(&image.src);
    match images.prepare(&path, &plan.boundary) {
        Ok(picture) => Some(picture),
        Err(message) => {
            diagnostics.push(Diagnostic::warning(
                display_path(&path, &plan.root),
                format!("{message}; the story is published without it"),
            ));
            None
        }
    }
}

/// Options the command line adds to the plan.
#[derive(Debug, Default, Clone)]
pub struct BuildOptions {
    /// The moment the news sitemap's two days run back from (default: the newest story).
    pub now: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Show progress bars (on a terminal, when not quiet).
    pub progress: bool,
}

/// Renders every page and feed and writes it, with the sitemaps and robots.txt.
fn render_pages(
    publisher: &Publisher,
    renderer: &Renderer,
    outputs: &[Output],
    staging: &Staging,
    show_progress: bool,
) -> Result<CardCache, BuildError> {
    let cards = CardCache::new(publisher.site.stories.len());
    let bar = progress(show_progress, "render", outputs.len());
    let write = |page: Page| -> Result<(), BuildError> {
        let text = renderer.render_page(&page, &cards, publisher.site, publisher.plan)?;
        staging.write(&page.path, text.as_bytes())?;
        Ok(())
    };
    // Render and write each page in one step, so finished pages never pile up in memory.
    outputs.par_iter().try_for_each(|&output| {
        write(publisher.page(output)?)?;
        bar.inc(1);
        Ok::<_, BuildError>(())
    })?;
    bar.finish_and_clear();
    let mut rest = publisher.sitemaps();
    rest.push(publisher.news_sitemap());
    rest.push(publisher.robots());
    rest.into_par_iter().try_for_each(write)?;
    Ok(cards)
}

/// Indexes every story's search record and writes the bundle.
fn write_search(publisher: &Publisher, staging: &Staging) -> Result<(), BuildError> {
    crate::search::index_stories(
        publisher.site.stories.len(),
        &publisher.plan.site.language,
        |i| Ok(publisher.search_record(i)?),
        |path, bytes| Ok(staging.write(path, bytes)?),
    )
}

/// Links (or copies) every processed picture's files from the cache into the site, each once
/// however many stories share it.
fn publish_pictures(site: &Site, images: &Images, staging: &Staging) -> Result<(), BuildError> {
    let files: std::collections::BTreeSet<&str> = site
        .stories
        .iter()
        .filter_map(|s| s.picture.as_ref())
        .flat_map(|p| {
            p.sizes
                .iter()
                .chain(std::iter::once(&p.card))
                .chain(&p.crops)
                .flat_map(|r| std::iter::once(r.jpeg.as_str()).chain(r.webp.as_deref()))
        })
        .collect();
    files
        .into_par_iter()
        .try_for_each(|path| staging.link(path, &images.cached_file(path)))?;
    Ok(())
}

/// The seeds read and extracted, and the site they make: what every output is made from.
pub struct Gathered {
    pub site: Site,
    /// The articles' bodies, in a scratch file.
    pub bodies: BodyStore,
    /// The lead images' processor, which knows where their files are.
    pub images: Images,
    pub diagnostics: Vec<Diagnostic>,
}

/// Walks the seeds, reads and extracts each (in parallel, its body sent to a store in
/// `scratch`) and places the articles in a site.
pub fn gather(
    plan: &Plan,
    scratch: &std::path::Path,
    show_progress: bool,
) -> Result<Gathered, BuildError> {
    let boundary = &plan.boundary;
    let mut walked = ingest::walk(&plan.seeds, &plan.root, boundary);
    let mut diagnostics = std::mem::take(&mut walked.diagnostics);
    let seeds_found = walked.seeds.len();
    let bodies = BodyStore::new_in(scratch).map_err(|source| BuildError::BodyStore {
        dir: scratch.display().to_string(),
        source,
    })?;
    let extract_options = ExtractOptions {
        timezone: plan.timezone,
        ..ExtractOptions::default()
    };
    // Each seed is read, extracted and its body stored in one step, so neither the raw copy
    // nor the bodies of the whole archive are ever in memory together.
    let images = Images::new(crate::images::cache_dir_for(&plan.output));
    let bar = progress(show_progress, "extract", seeds_found);
    let outcomes: Vec<SeedOutcome> = walked
        .seeds
        .par_iter()
        .map(|path| {
            let picture = walked.picture_of(path);
            let outcome = extract_seed(
                path,
                picture,
                plan,
                boundary,
                &extract_options,
                &bodies,
                &images,
            );
            bar.inc(1);
            outcome
        })
        .collect::<Result<_, _>>()?;
    bar.finish_and_clear();
    let mut articles = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        match outcome {
            SeedOutcome::Filed(article, notes) => {
                diagnostics.extend(notes);
                articles.push(*article);
            }
            SeedOutcome::Skipped(d) => diagnostics.push(d),
        }
    }
    if articles.is_empty() && seeds_found > 0 {
        return Err(BuildError::NothingRead {
            count: seeds_found,
            dir: plan.seeds.display().to_string(),
        });
    }

    Ok(Gathered {
        site: Site::new(articles, plan),
        bodies,
        images,
        diagnostics,
    })
}

/// Builds the site `plan` describes.
pub fn build(plan: Plan, options: &BuildOptions) -> Result<BuildSummary, BuildError> {
    let started = Instant::now();
    let mut watch = Stopwatch::new();
    let boundary = &plan.boundary;
    let sources: Vec<&std::path::Path> = [
        Some(plan.seeds.as_path()),
        plan.templates.as_deref(),
        plan.static_dir.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let target = output::check_target(&plan.output, &plan.root, &sources)?;
    let (renderer, mut diagnostics) =
        Renderer::new(plan.templates.as_deref(), &plan.root, boundary)?;
    let (assets, refused_assets) =
        crate::assets::Assets::collect(plan.static_dir.as_deref(), &plan.root, boundary)?;
    diagnostics.extend(refused_assets);

    let staging = Staging::begin(&target)?;
    let gathered = gather(&plan, staging.scratch_dir(), options.progress)?;
    diagnostics.extend(gathered.diagnostics);
    let (site, bodies, images) = (gathered.site, gathered.bodies, gathered.images);
    watch.lap("extract");

    let asset_paths = assets.paths();
    let publisher = Publisher::new(&plan, &site, &bodies, &asset_paths, options.now);
    let pages = publisher.pages();

    let cards = std::thread::scope(|scope| -> Result<CardCache, BuildError> {
        // Search indexing is mostly serial inside Pagefind, so it runs on its own thread beside
        // rendering instead of after it.
        let search = plan
            .search
            .then(|| scope.spawn(|| write_search(&publisher, &staging)));
        let render = || render_pages(&publisher, &renderer, &pages, &staging, options.progress);
        let cards = if search.is_some() && rayon::current_num_threads() > 1 {
            // Pagefind indexes each shard on one thread, and on a site of one or two shards
            // that is the longest path of a build with search: rendering leaves search a core
            // of its own instead of competing for all.
            rayon::ThreadPoolBuilder::new()
                .num_threads(rayon::current_num_threads() - 1)
                .build()?
                .install(render)?
        } else {
            render()?
        };
        watch.lap("render");
        if let Some(handle) = search {
            handle
                .join()
                .map_err(|_| crate::search::SearchError::Stopped)??;
        }
        watch.lap("search");
        Ok(cards)
    })?;
    for (path, bytes) in assets.published() {
        staging.write(&path, bytes)?;
    }
    publish_pictures(&site, &images, &staging)?;
    watch.lap("images");
    let output = staging.commit()?;
    watch.lap("commit");

    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .count();
    let (articles, page_count) = (site.stories.len(), pages.len());
    let (images_processed, images_cached) = images.counts();
    // Freeing a large archive's stories, cards and page list takes about half a second at
    // 100,000 articles, on one thread; the build is done, so nothing needs to wait for it.
    std::thread::spawn(move || drop((site, cards, pages)));
    Ok(BuildSummary {
        articles,
        pages: page_count,
        warnings,
        seconds: started.elapsed().as_secs_f64(),
        stages: watch.stages,
        output,
        diagnostics,
        images_processed,
        images_cached,
    })
}
