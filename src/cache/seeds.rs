//! Which seeds the previous build already read: a seed whose files have the stamps they had is
//! taken from the cache without being read; one whose stamps changed but whose text did not
//! (a `touch`, a checkout) is read but not extracted again.

use std::path::Path;
use std::sync::Mutex;

use super::manifest::{EntryAt, SeedEntry, Stamp};
use crate::fingerprint::{Fingerprint, Hasher};
use crate::ingest::SourceFile;

/// The previous build's seeds, each to be taken once.
pub struct Reusable {
    /// By path (foldhash: every seed of the archive is looked up on every build).
    index: foldhash::HashMap<String, usize>,
    /// Each entry with where it sits in the seed store.
    entries: Vec<Mutex<Option<(SeedEntry, EntryAt)>>>,
    /// Stamps of files modified at or after this moment are not trusted: the previous build
    /// may have read such a file before a change made in the same instant.
    trusted_before: i128,
}

/// How far before a build's start a modification must lie for its stamp to be trusted: file
/// systems keep modification times coarser than a nanosecond (ext4 follows the kernel's clock
/// tick, FAT two seconds).
const CLOCK_SLACK_NS: i128 = 2_000_000_000;

impl Reusable {
    pub fn new(seeds: Vec<(SeedEntry, EntryAt)>, started: i128) -> Reusable {
        let index = seeds
            .iter()
            .enumerate()
            .map(|(i, (e, _))| (e.path.clone(), i))
            .collect();
        Reusable {
            index,
            entries: seeds.into_iter().map(|e| Mutex::new(Some(e))).collect(),
            trusted_before: started - CLOCK_SLACK_NS,
        }
    }

    pub fn none() -> Reusable {
        Reusable::new(Vec::new(), 0)
    }

    fn take_if(
        &self,
        path: &str,
        keep: impl FnOnce(&SeedEntry) -> bool,
    ) -> Option<(SeedEntry, EntryAt)> {
        let slot = self.entries.get(*self.index.get(path)?)?;
        let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
        if slot.as_ref().is_some_and(|(entry, _)| keep(entry)) {
            slot.take()
        } else {
            None
        }
    }

    /// The cached seed at `path` when its files still have the stamps `stamps`, with where
    /// its entry sits (which, being the same in every part, can stay where it is).
    pub fn unchanged(&self, path: &str, stamps: &[Option<Stamp>]) -> Option<(SeedEntry, EntryAt)> {
        let trusted = stamps
            .iter()
            .flatten()
            .all(|s| s.modified < self.trusted_before);
        if !trusted {
            return None;
        }
        self.take_if(path, |e| e.stamps == stamps)
    }

    /// The cached seed at `path` when its text is still `content`.
    pub fn same_text(&self, path: &str, content: Fingerprint) -> Option<SeedEntry> {
        self.take_if(path, |e| e.content == content)
            .map(|(entry, _)| entry)
    }
}

/// The stamps of the files a seed is read from: the seed and, for a text or HTML seed
/// (`takes_sidecar`), the sidecar `read_seed` looks for beside it, `None` when the walk did not
/// list one (`sidecar_listed`).
pub fn stamps(path: &Path, takes_sidecar: bool, sidecar_listed: bool) -> Vec<Option<Stamp>> {
    let mut stamps = vec![Stamp::of(path)];
    if takes_sidecar {
        stamps.push(
            sidecar_listed
                .then(|| Stamp::of(&path.with_extension("toml")))
                .flatten(),
        );
    }
    stamps
}

/// The fingerprint of a seed as read: its text, its sidecar's, how they were decoded, and the
/// name of the picture beside it.
pub fn content(source: &SourceFile) -> Fingerprint {
    let mut h = Hasher::new();
    h.str(&source.text);
    match &source.sidecar {
        Some((shown, text)) => h.str(shown).str(text),
        None => h.str("\0no sidecar"),
    };
    h.add(&source.notes);
    h.add(&source.picture);
    h.finish()
}
