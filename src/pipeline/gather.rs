//! The front half of a build: walk the seeds, read and extract each (or take it from the build
//! cache when it has not changed), send the bodies to the store, and place the articles in a
//! site.

use rayon::prelude::*;

use super::{progress, BuildError};
use crate::bodies::{BodyRef, BodyStore};
use crate::cache::manifest::{EntryAt, SeedEntry, Stamp};
use crate::cache::seeds::{self, Reusable};
use crate::config::Plan;
use crate::diagnostics::{display_path, Diagnostic, Severity};
use crate::extract::{self, ExtractOptions};
use crate::fingerprint::Fingerprint;
use crate::images::Images;
use crate::ingest;
use crate::model::{Article, LeadImage, Picture, SeedFormat};
use crate::site::{Filed, Site};

/// What the cache keeps of a seed besides its article (which the site holds meanwhile).
pub struct Ledger {
    pub path: String,
    pub article_print: Fingerprint,
    pub stamps: Vec<Option<Stamp>>,
    pub content: Fingerprint,
    pub body: BodyRef,
    pub heads: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// A draft's article, which the site leaves out and so does not hold (boxed: every seed
    /// has a ledger, and few are drafts).
    pub draft: Option<Box<Article>>,
    /// Where the seed's entry sits in the cache's seed store, when the one there is still its
    /// entry as it is (the seed was taken from the cache unread).
    pub stored: Option<EntryAt>,
}

/// The seeds read and extracted, and the site they make: what every output is made from.
pub struct Gathered {
    pub site: Site,
    /// The articles' bodies.
    pub bodies: BodyStore,
    /// The lead images' processor, which knows where their files are.
    pub images: Images,
    pub diagnostics: Vec<Diagnostic>,
    /// Each seed that was filed, in walk order, for the build cache.
    pub ledger: Vec<Ledger>,
    /// How many seeds were read from disk, and how many of those extracted, this build.
    pub read: usize,
    pub extracted: usize,
}

/// What a previous build lends this one: its seeds and its related stories.
pub struct Earlier<'a> {
    pub seeds: &'a Reusable,
    pub related: Option<crate::site::related::Memo>,
}

/// What became of one seed.
enum SeedOutcome {
    /// Filed, with the notes and warnings it earned; `read` and `extracted` say what it took.
    Filed {
        filed: Box<Filed>,
        ledger: Box<Ledger>,
        /// What became of its lead image this build. Kept apart from the ledger's diagnostics,
        /// which the cache keeps with the seed: the image is prepared again by every build, and
        /// its notes would otherwise pile up, one more copy each build.
        picture_notes: Vec<Diagnostic>,
        read: bool,
        extracted: bool,
    },
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

/// A seed the cache had, filed again as it was. Its lead image is prepared again: the image
/// cache finds it by its bytes' fingerprint, so a picture changed under the same name is
/// processed anew.
fn reused(
    mut entry: SeedEntry,
    stamps: Vec<Option<Stamp>>,
    stored: Option<EntryAt>,
    context: &SeedContext,
) -> SeedOutcome {
    std::mem::take(&mut entry.unshown).restore(&mut entry.article);
    let mut picture_notes = Vec::new();
    let picture = entry
        .article
        .image
        .as_ref()
        .and_then(|image| lead_picture(image, context, &mut picture_notes));
    let ledger = Box::new(Ledger {
        path: entry.path,
        article_print: entry.article_print,
        stamps,
        content: entry.content,
        body: entry.body,
        heads: entry.heads.clone(),
        diagnostics: entry.diagnostics,
        draft: entry.article.draft.then(|| Box::new(entry.article.clone())),
        stored,
    });
    SeedOutcome::Filed {
        filed: Box::new(Filed {
            article: Box::new(entry.article),
            article_print: entry.article_print,
            body: entry.body,
            heads: entry.heads,
            picture,
        }),
        ledger,
        picture_notes,
        // A seed whose entry is no longer the stored one was read to find its text unchanged.
        read: stored.is_none(),
        extracted: false,
    }
}

/// Files one seed: from the cache when its files are as they were, else read, and extracted
/// unless its text is as it was; its body goes to the store. Only the store failing (the disk
/// is full, say) stops the build; a bad seed is a diagnostic.
/// What every seed of a build is filed with.
struct SeedContext<'a> {
    plan: &'a Plan,
    options: &'a ExtractOptions,
    bodies: &'a BodyStore,
    cached: &'a Reusable,
    images: &'a Images,
    /// The seed being filed.
    path: &'a std::path::Path,
}

/// The processed files of a story's lead image; a picture that cannot be used is a warning
/// naming it, and the story goes on without it. A URL (from a saved web page) is never fetched.
fn lead_picture(
    image: &LeadImage,
    context: &SeedContext,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Picture> {
    let src = image.src.to_ascii_lowercase();
    if src.starts_with("http://") || src.starts_with("https://") || src.starts_with("//") {
        return None;
    }
    let path = context
        .path
        .parent()
        .unwrap_or(std::path::Path::new(""))
        .join(&image.src);
    match context.images.prepare(&path, &context.plan.boundary) {
        Ok(picture) => Some(picture),
        Err(message) => {
            diagnostics.push(Diagnostic::warning(
                display_path(&path, &context.plan.root),
                format!("{message}; the story is published without it"),
            ));
            None
        }
    }
}

fn gather_seed(
    context: &SeedContext,
    picture_name: Option<String>,
    sidecar_listed: bool,
) -> Result<SeedOutcome, BuildError> {
    let (path, plan, cached) = (context.path, context.plan, context.cached);
    let shown = display_path(path, &plan.root);
    let takes_sidecar = matches!(
        ingest::seed_format(path),
        Some(SeedFormat::Text | SeedFormat::Html)
    );
    let mut stamps = seeds::stamps(path, takes_sidecar, sidecar_listed);
    // The picture paired with the seed by its name is part of what the seed reads.
    stamps.push(
        picture_name
            .as_ref()
            .and_then(|name| Stamp::of(&path.with_file_name(name))),
    );
    if let Some((entry, at)) = cached.unchanged(&shown, &stamps) {
        return Ok(reused(entry, stamps, Some(at), context));
    }
    let mut source = match ingest::read_seed(path, &plan.root, &plan.boundary) {
        Ok(source) => source,
        Err(d) => return Ok(SeedOutcome::Skipped(d)),
    };
    source.picture = picture_name;
    let content = seeds::content(&source);
    if let Some(entry) = cached.same_text(&shown, content) {
        return Ok(reused(entry, stamps, None, context));
    }
    let (options, bodies) = (context.options, context.bodies);
    let extraction = match extract::extract(&(&source).into(), options) {
        Ok(e) => e,
        Err(e) => return Ok(SeedOutcome::Skipped(extract_error(e))),
    };
    let article = extraction.article;
    let article_print = Fingerprint::of(&article);
    let mut diagnostics = source.notes;
    diagnostics.extend(article.warnings.iter().map(|w| Diagnostic {
        line: w.line,
        ..Diagnostic::warning(&article.source, &w.message)
    }));
    let heads: Vec<String> = extraction
        .body
        .sections
        .iter()
        .filter_map(|s| s.heading.clone())
        .collect();
    // The picture is processed by the thread that read its story, so pictures are decoded on
    // every core, side by side with the extraction of other seeds.
    let mut picture_notes = Vec::new();
    let picture = article
        .image
        .as_ref()
        .and_then(|image| lead_picture(image, context, &mut picture_notes));
    let body = bodies
        .put(&extraction.body.sections)
        .map_err(|source| BuildError::BodyStore {
            dir: plan.output.display().to_string(),
            source,
        })?;
    let ledger = Box::new(Ledger {
        path: shown,
        article_print,
        stamps,
        content,
        body,
        heads: heads.clone(),
        diagnostics,
        draft: article.draft.then(|| Box::new(article.clone())),
        stored: None,
    });
    Ok(SeedOutcome::Filed {
        filed: Box::new(Filed {
            article: Box::new(article),
            article_print,
            body,
            heads,
            picture,
        }),
        ledger,
        picture_notes,
        read: true,
        extracted: true,
    })
}

/// Walks the seeds, reads and extracts each (in parallel, its body sent to a store in
/// `scratch`) and places the articles published at `now` in a site. Nothing is taken from a
/// build cache.
pub fn gather(
    plan: &Plan,
    scratch: &std::path::Path,
    show_progress: bool,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Gathered, BuildError> {
    let bodies = BodyStore::new_in(scratch).map_err(|source| BuildError::BodyStore {
        dir: scratch.display().to_string(),
        source,
    })?;
    let walked = ingest::walk(&plan.seeds, &plan.root, &plan.boundary);
    let earlier = Earlier {
        seeds: &Reusable::none(),
        related: None,
    };
    gather_into(plan, walked, bodies, earlier, show_progress, now)
}

/// [`gather`] of the seeds `walked` found, into the store `bodies`, taking from `earlier` the
/// seeds it still holds and its related stories if they still hold.
pub fn gather_into(
    plan: &Plan,
    mut walked: ingest::Walk,
    bodies: BodyStore,
    earlier: Earlier,
    show_progress: bool,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Gathered, BuildError> {
    let mut diagnostics = std::mem::take(&mut walked.diagnostics);
    let seeds_found = walked.seeds.len();
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
            let context = SeedContext {
                plan,
                options: &extract_options,
                bodies: &bodies,
                cached: earlier.seeds,
                images: &images,
                path,
            };
            let outcome = gather_seed(&context, walked.picture_of(path), walked.has_sidecar(path));
            bar.inc(1);
            outcome
        })
        .collect::<Result<_, _>>()?;
    bar.finish_and_clear();
    let mut articles = Vec::with_capacity(outcomes.len());
    let mut ledger = Vec::with_capacity(outcomes.len());
    let (mut read, mut extracted) = (0, 0);
    for outcome in outcomes {
        match outcome {
            SeedOutcome::Filed {
                filed,
                ledger: entry,
                picture_notes,
                read: was_read,
                extracted: was_extracted,
            } => {
                diagnostics.extend(entry.diagnostics.iter().cloned());
                diagnostics.extend(picture_notes);
                read += usize::from(was_read);
                extracted += usize::from(was_extracted);
                articles.push(*filed);
                ledger.push(*entry);
            }
            SeedOutcome::Skipped(d) => {
                read += 1;
                diagnostics.push(d);
            }
        }
    }
    if articles.is_empty() && seeds_found > 0 {
        return Err(BuildError::NothingRead {
            count: seeds_found,
            dir: plan.seeds.display().to_string(),
        });
    }

    Ok(Gathered {
        site: Site::new(articles, plan, now, earlier.related),
        bodies,
        images,
        diagnostics,
        ledger,
        read,
        extracted,
    })
}
