//! The back half of a build: every output planned with its fingerprint, and rendered and
//! written only when the previous build (if the cache has it) did not already write the same.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;

use super::{progress, BuildError};
use crate::fingerprint::Fingerprint;
use crate::output::Staging;
use crate::publish::fingerprint::Fingerprints;
use crate::publish::{Output, Page, Publisher};
use crate::render::cards::CardCache;
use crate::render::Renderer;

/// Writes the files that changed and keeps account of every file of the new output.
pub struct Writer<'a> {
    pub staging: &'a Staging,
    /// The previous build's files and their fingerprints (empty for a full build).
    pub(super) previous: &'a foldhash::HashMap<String, Fingerprint>,
    outputs: Mutex<Vec<(String, Fingerprint)>>,
    written: AtomicUsize,
}

impl<'a> Writer<'a> {
    pub fn new(
        staging: &'a Staging,
        previous: &'a foldhash::HashMap<String, Fingerprint>,
    ) -> Writer<'a> {
        Writer {
            staging,
            previous,
            outputs: Mutex::default(),
            written: AtomicUsize::new(0),
        }
    }

    pub(super) fn record(&self, path: String, fingerprint: Fingerprint) {
        self.outputs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path, fingerprint));
    }

    /// Whether the previous build wrote `path` from the same inputs: then it is kept as it is.
    pub(super) fn keeps(&self, path: &str, fingerprint: Fingerprint) -> bool {
        if self.previous.get(path) == Some(&fingerprint) {
            self.record(path.to_string(), fingerprint);
            true
        } else {
            false
        }
    }

    pub(super) fn write(
        &self,
        path: &str,
        fingerprint: Fingerprint,
        bytes: &[u8],
    ) -> Result<(), BuildError> {
        self.staging.write(path, bytes)?;
        self.written.fetch_add(1, Ordering::Relaxed);
        self.record(path.to_string(), fingerprint);
        Ok(())
    }

    /// Writes `bytes` to `path` unless the previous build wrote the same bytes there.
    pub(super) fn write_changed(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError> {
        let fingerprint = Fingerprint::of_bytes(bytes);
        if self.keeps(path, fingerprint) {
            return Ok(());
        }
        self.write(path, fingerprint, bytes)
    }

    /// Every file of the new output with its fingerprint, sorted by path, and how many were
    /// written.
    pub fn finish(self) -> (Vec<(String, Fingerprint)>, usize) {
        let mut outputs = self.outputs.into_inner().unwrap_or_else(|e| e.into_inner());
        outputs.sort_unstable();
        (outputs, self.written.into_inner())
    }
}

/// Renders and writes every page and feed whose fingerprint changed, with the sitemaps and
/// robots.txt.
pub fn render_pages(
    publisher: &Publisher,
    renderer: &Renderer,
    outputs: &[Output],
    prints: &Fingerprints,
    writer: &Writer,
    show_progress: bool,
) -> Result<CardCache, BuildError> {
    let cards = CardCache::new(publisher.site.stories.len());
    let bar = progress(show_progress, "render", outputs.len());
    let write = |page: Page, fingerprint: Fingerprint| -> Result<(), BuildError> {
        let text = renderer.render_page(&page, &cards, publisher.site, publisher.plan)?;
        writer.write(&page.path, fingerprint, text.as_bytes())
    };
    // Render and write each page in one step, so finished pages never pile up in memory.
    outputs.par_iter().try_for_each(|&output| {
        let planned = publisher.plan_output(output, prints)?;
        if !writer.keeps(&planned.path, planned.fingerprint) {
            let page = match planned.page {
                Some(page) => page,
                None => publisher.page(output)?,
            };
            write(page, planned.fingerprint)?;
        }
        bar.inc(1);
        Ok::<_, BuildError>(())
    })?;
    bar.finish_and_clear();
    let mut rest = publisher.sitemaps();
    rest.push(publisher.news_sitemap());
    rest.push(publisher.robots());
    rest.into_par_iter().try_for_each(|page| {
        let fingerprint = prints.of_page(&page);
        if writer.keeps(&page.path, fingerprint) {
            Ok(())
        } else {
            write(page, fingerprint)
        }
    })?;
    Ok(cards)
}

/// Writes the static files whose bytes changed.
pub fn write_assets(assets: &crate::assets::Assets, writer: &Writer) -> Result<(), BuildError> {
    for (path, bytes) in assets.published() {
        writer.write_changed(&path, bytes)?;
    }
    Ok(())
}

/// Links (or copies) every processed picture's files from the image cache into the site, each
/// once however many stories share it. Their names are their contents' fingerprints, so a file
/// the previous build wrote under the same name is kept as it is.
pub fn write_pictures(
    site: &crate::site::Site,
    images: &crate::images::Images,
    writer: &Writer,
) -> Result<(), BuildError> {
    let files: std::collections::BTreeSet<&str> = site
        .stories
        .iter()
        .filter_map(|s| s.picture.as_ref())
        .flat_map(|p| {
            p.sizes
                .iter()
                .chain(std::iter::once(&p.card))
                .chain(&p.crops)
                .flat_map(crate::model::Rendition::files)
        })
        .collect();
    files.into_par_iter().try_for_each(|path| {
        let fingerprint = Fingerprint::of_bytes(path.as_bytes());
        if writer.keeps(path, fingerprint) {
            return Ok(());
        }
        writer.staging.link(path, &images.cached_file(path))?;
        writer.written.fetch_add(1, Ordering::Relaxed);
        writer.record(path.to_string(), fingerprint);
        Ok(())
    })
}
