//! `broadsheet build`: plan → seeds → articles → site → outputs → bytes → public/, each stage in
//! parallel where it can be, with one summary at the end.

mod gather;
mod previous;
mod search;
mod write;

use std::path::PathBuf;
use std::time::Instant;

use crate::bodies::BodyStore;
use crate::cache::manifest::{Manifest, Placed, SeedEntry, Stamp};
use crate::cache::seeds::Reusable;
use crate::cache::BuildCache;
use crate::config::Plan;
use crate::diagnostics::{Diagnostic, Severity};
use crate::output::{self, OutputError, Staging};
use crate::publish::fingerprint::Fingerprints;
use crate::publish::{PublishError, Publisher};
use crate::render::{RenderError, Renderer};
pub use gather::{gather, gather_into, Earlier, Gathered, Ledger};
use write::Writer;

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
    /// What an incremental build took from the previous one; `None` for a full build.
    pub incremental: Option<Incremental>,
    /// Why the build cache could not be used or kept, when it could not.
    pub cache_note: Option<String>,
    /// The next embargo or expiry to come, when the site should be built again.
    pub next_change: Option<crate::site::schedule::NextChange>,
    /// Lead images decoded and written in this build, and those found in the cache.
    pub images_processed: usize,
    pub images_cached: usize,
    /// What became of the search index (`None` when the site has no search).
    pub search: Option<SearchIndex>,
}

/// What a build did with the search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchIndex {
    /// No story's search document changed: the previous build's index stays.
    Kept,
    /// Stories changed but the index stays as the previous build left it, for a later build
    /// to bring up to date ([`BuildOptions::defer_search`]).
    Deferred,
    /// The previous index was patched for this many new, edited or gone stories.
    Patched(usize),
    /// Every story was indexed.
    Indexed,
}

impl std::fmt::Display for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SearchIndex::Kept => write!(f, "search index kept"),
            SearchIndex::Deferred => write!(f, "search index to follow"),
            SearchIndex::Patched(n) => {
                write!(
                    f,
                    "search index patched for {}",
                    counted(*n, "story", "stories")
                )
            }
            SearchIndex::Indexed => write!(f, "search index built"),
        }
    }
}

impl BuildSummary {
    /// Whether stories changed but the search index kept the previous build's.
    pub fn search_deferred(&self) -> bool {
        self.search == Some(SearchIndex::Deferred)
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

/// What an incremental build did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Incremental {
    /// Seeds read from disk (the others were taken from the cache unread).
    pub read: usize,
    /// Seeds extracted (read seeds whose text had not changed were not).
    pub extracted: usize,
    /// Files written, and files of the previous output removed.
    pub written: usize,
    pub removed: usize,
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
        )?;
        if let Some(i) = self.incremental {
            write!(
                f,
                "; incremental: {} read, {} extracted, {} written, {} removed",
                counted(i.read, "seed", "seeds"),
                i.extracted,
                counted(i.written, "file", "files"),
                i.removed
            )?;
            if let Some(search) = self.search {
                write!(f, ", {search}")?;
            }
        }
        match &self.next_change {
            Some(next) => write!(f, "\nnext change: {next}"),
            None => Ok(()),
        }
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

/// Options the command line adds to the plan.
#[derive(Debug, Default, Clone)]
pub struct BuildOptions {
    /// The moment the build is for: which stories are out of embargo and not yet expired
    /// (default: the clock), and the moment the news sitemap's two days run back from (default:
    /// the newest story).
    pub now: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Show progress bars (on a terminal, when not quiet).
    pub progress: bool,
    /// Ignore the build cache and build everything afresh (`--clean`).
    pub clean: bool,
    /// Keep the search index the output has instead of indexing again when stories changed,
    /// and mark it for the next build to index. `serve` shows a change this
    /// way first, then builds the index; an output with no index yet is always given one.
    pub defer_search: bool,
}

/// The fingerprint of the settings a build cache is for: the plan and the build's `--now`.
fn settings_fingerprint(plan: &Plan, options: &BuildOptions) -> crate::fingerprint::Fingerprint {
    crate::fingerprint::Hasher::new()
        .fingerprint(plan.fingerprint)
        .add(&options.now.map(|t| t.to_rfc3339()))
        .finish()
}

/// The manifest of the output a build made: its seeds (articles by reference from the site)
/// and its files. Seeds whose entries the seed store holds as they are stay there unless
/// `rewrite` (the store is written anew).
fn manifest_of<'g>(
    gathered: &'g Gathered,
    rewrite: bool,
    started: i128,
    output_marker: Stamp,
    bodies_len: u64,
    outputs: Vec<(String, crate::fingerprint::Fingerprint)>,
) -> Manifest<Placed<'g>> {
    let by_source: foldhash::HashMap<&str, &crate::model::Article> = gathered
        .site
        .stories
        .iter()
        .map(|s| (s.article.source.as_str(), &*s.article))
        .collect();
    let seeds = gathered
        .ledger
        .iter()
        .filter_map(|l| {
            let article = l
                .draft
                .as_deref()
                .or_else(|| by_source.get(l.path.as_str()).copied())?;
            if let Some(at) = l.stored.filter(|_| !rewrite) {
                return Some(Placed::Stored(at));
            }
            Some(Placed::Entry(Box::new(SeedEntry {
                path: l.path.clone(),
                stamps: l.stamps.clone(),
                content: l.content,
                article,
                article_print: l.article_print,
                unshown: crate::cache::manifest::Unshown::of(article),
                body: l.body,
                heads: l.heads.clone(),
                diagnostics: l.diagnostics.clone(),
            })))
        })
        .collect();
    Manifest {
        started,
        output_marker,
        bodies_len,
        seeds,
        related: gathered.site.related.clone(),
        outputs,
    }
}

/// Whether the build cache's seed store is written anew rather than appended to (see
/// [`BuildCache::rewrites_store`]).
fn rewrites_store(cache: &BuildCache, gathered: &Gathered) -> bool {
    let kept = gathered
        .ledger
        .iter()
        .filter_map(|l| l.stored)
        .map(|at| at.len)
        .sum();
    cache.rewrites_store(kept)
}

fn now_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

/// A body store that could not be opened or written.
fn store_error(cache: &BuildCache) -> impl FnOnce(std::io::Error) -> BuildError + '_ {
    move |source| BuildError::BodyStore {
        dir: cache.dir.display().to_string(),
        source,
    }
}

/// What a build makes of the site's own folders before it reads a seed: the templates
/// compiled, the static files collected and the seeds walked, with what they had to say.
fn prepare(
    plan: &Plan,
) -> Result<
    (
        Renderer,
        crate::assets::Assets,
        crate::ingest::Walk,
        Vec<Diagnostic>,
    ),
    BuildError,
> {
    let boundary = &plan.boundary;
    let (renderer, mut diagnostics) =
        Renderer::new(plan.templates.as_deref(), &plan.root, boundary)?;
    let (assets, refused_assets) =
        crate::assets::Assets::collect(plan.static_dir.as_deref(), &plan.root, boundary)?;
    diagnostics.extend(refused_assets);
    let walked = crate::ingest::walk(&plan.seeds, &plan.root, boundary);
    Ok((renderer, assets, walked, diagnostics))
}

/// Builds the site `plan` describes. With a build cache from the previous build of the same
/// output (and the same settings and program), only the seeds that changed are read and
/// extracted and only the files whose inputs changed are written; the rest of the output is
/// left as it is. The output is the same, byte for byte, as a full build's.
pub fn build(plan: Plan, options: &BuildOptions) -> Result<BuildSummary, BuildError> {
    let started = Instant::now();
    let started_ns = now_ns();
    let mut watch = Stopwatch::new();
    let sources: Vec<&std::path::Path> = [
        Some(plan.seeds.as_path()),
        plan.templates.as_deref(),
        plan.static_dir.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let target = output::check_target(&plan.output, &plan.root, &sources)?;
    // A patch a stopped build had committed to is finished first, so the cache and the output
    // agree again.
    let finished_patch = output::finish_interrupted(&target)?;
    let settings = settings_fingerprint(&plan, options);
    // The previous build's cache is opened beside the templates, the static files and the walk
    // of the seeds, which need nothing of it.
    let ((cache, previous), prepared) = std::thread::scope(|scope| {
        let opening =
            scope.spawn(|| previous::open(&target, settings, options.clean, finished_patch));
        let prepared = prepare(&plan);
        let opened = opening
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (opened, prepared)
    });
    let (renderer, assets, walked, mut diagnostics) = prepared?;
    let mut cache = cache;
    cache.make_folder().map_err(store_error(&cache))?;
    let incremental = previous.is_some();
    let (reusable, previous_outputs, bodies, related) = match previous {
        Some(previous) => {
            let bodies = BodyStore::open(&cache.bodies_path(), previous.bodies_len)
                .map_err(store_error(&cache))?;
            let related = Some(previous.related);
            (previous.reusable, previous.outputs, bodies, related)
        }
        None => {
            // The old manifest goes before the body store it points into is started afresh.
            cache.forget().map_err(store_error(&cache))?;
            let bodies = BodyStore::open(&cache.bodies_path(), 0).map_err(store_error(&cache))?;
            (Reusable::none(), Default::default(), bodies, None)
        }
    };

    let staging = Staging::begin(&target)?;
    let now = options
        .now
        .unwrap_or_else(|| chrono::Utc::now().fixed_offset());
    let earlier = Earlier {
        seeds: &reusable,
        related,
    };
    let gathered = gather_into(&plan, walked, bodies, earlier, options.progress, now)?;
    drop(reusable);
    diagnostics.extend(gathered.diagnostics.iter().cloned());
    watch.lap("extract");

    let asset_paths = assets.paths();
    let site = &gathered.site;
    let publisher = Publisher::new(&plan, site, &gathered.bodies, &asset_paths, options.now);
    let pages = publisher.pages();
    let prints = Fingerprints::new(&publisher, renderer.fingerprint);
    let writer = Writer::new(&staging, &previous_outputs);

    let (cards, search) = std::thread::scope(|scope| -> Result<_, BuildError> {
        // The search index is built on a thread (and a pool) of its own beside rendering, which
        // keeps every core of its own pool.
        let search = plan.search.then(|| {
            let sources = search::SearchSources {
                output: &target,
                cache: &cache.dir,
            };
            let (publisher, writer) = (&publisher, &writer);
            scope.spawn(move || {
                search::write_search(publisher, writer, options.defer_search, &sources)
            })
        });
        let cards = write::render_pages(
            &publisher,
            &renderer,
            &pages,
            &prints,
            &writer,
            options.progress,
        )?;
        watch.lap("render");
        let search = match search {
            Some(handle) => Some(
                handle
                    .join()
                    .map_err(|_| crate::search::SearchError::Stopped)??,
            ),
            None => None,
        };
        watch.lap("search");
        Ok((cards, search))
    })?;
    write::write_assets(&assets, &writer)?;
    write::write_pictures(site, &gathered.images, &writer)?;
    let (outputs, written) = writer.finish();
    let bodies_len = gathered.bodies.finish().map_err(store_error(&cache))?;
    let removed: Vec<String> = {
        let now: foldhash::HashSet<&str> = outputs.iter().map(|(p, _)| p.as_str()).collect();
        let mut gone: Vec<String> = previous_outputs
            .keys()
            .filter(|p| !now.contains(p.as_str()))
            .cloned()
            .collect();
        gone.sort_unstable();
        gone
    };
    let mut cache_note = cache.note.take();
    let output = if incremental {
        // The manifest of the patched output is made ready first, and takes over once the patch
        // is applied (or, if this build is stopped in between, when the next one finishes it).
        let marker = Stamp::of(&target.join(output::MARKER)).unwrap_or(Stamp {
            size: 0,
            modified: 0,
            inode: 0,
            device: 0,
        });
        let rewrite = rewrites_store(&cache, &gathered);
        let manifest = manifest_of(&gathered, rewrite, started_ns, marker, bodies_len, outputs);
        if let Err(e) = cache.prepare(&manifest, settings) {
            cache_note = Some(format!(
                "cannot keep the build cache ({e}); the next build is a full one"
            ));
            cache.forget().map_err(store_error(&cache))?;
        }
        let output = staging.commit_patch(&removed)?;
        cache.take_up_prepared();
        output
    } else {
        let output = staging.commit()?;
        match Stamp::of(&target.join(output::MARKER)) {
            Some(marker) => {
                let manifest =
                    manifest_of(&gathered, true, started_ns, marker, bodies_len, outputs);
                if let Err(e) = cache.save(&manifest, settings) {
                    cache_note = Some(format!(
                        "cannot keep the build cache ({e}); the next build is a full one"
                    ));
                }
            }
            None => {
                cache_note = Some("the output has no marker; the build cache is not kept".into())
            }
        }
        output
    };
    watch.lap("commit");

    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .count();
    let (articles, page_count) = (site.stories.len(), pages.len());
    let next_change = site.next_change.clone();
    let (images_processed, images_cached) = gathered.images.counts();
    let summary = BuildSummary {
        articles,
        pages: page_count,
        warnings,
        seconds: started.elapsed().as_secs_f64(),
        stages: watch.stages,
        output,
        diagnostics,
        incremental: incremental.then_some(Incremental {
            read: gathered.read,
            extracted: gathered.extracted,
            written,
            removed: removed.len(),
        }),
        cache_note,
        next_change,
        images_processed,
        images_cached,
        search,
    };
    // Freeing a large archive's stories, cards and page list takes about half a second at
    // 100,000 articles, on one thread; the build is done, so nothing needs to wait for it.
    drop(prints);
    std::thread::spawn(move || drop((gathered, cards, pages)));
    Ok(summary)
}
