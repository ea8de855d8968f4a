//! The build cache: what one build leaves for the next, so that a build after a small change
//! reads, extracts and writes only what the change touches.
//!
//! It lives beside the output, in `.broadsheet-cache/NAME/` for an output folder `NAME`, and
//! holds `search-docs` ([`search_docs`]) and three kinds of file that describe the seeds:
//! `bodies`, the body store of every cached article (see [`crate::bodies::BodyStore`]);
//! `seeds-a` or `seeds-b`, the seed store, each seed's entry (the files it was read from, with
//! their size, modification time and inode, its extracted article and where its body sits)
//! one after another, appended to as seeds change; and `manifest`, which says where each seed's
//! entry sits and, for each file of the output, the fingerprint of what it was made from. The
//! manifest opens with the fingerprint of the broadsheet binary that wrote it and of the site's
//! configuration: a build by another binary, or with other settings, starts afresh.
//!
//! A cache that is missing, unreadable, written by another version or for another output is
//! ignored with a note, and the build is a full one. A cache is never trusted for more than it
//! says: a seed whose stamp differs is read again, and a read seed whose text is unchanged is
//! reused without being extracted again.

pub mod manifest;
pub mod search_docs;
pub mod seeds;

use crate::write_gate::pass as gate;
use std::path::{Path, PathBuf};

use crate::fingerprint::{Fingerprint, Hasher};
use manifest::{Encoded, Placed, SeedStore};
pub use manifest::{Manifest, SeedEntry};

/// The cache's folder for the output folder `target`.
pub fn folder_for(target: &Path) -> PathBuf {
    let parent = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    parent.join(".broadsheet-cache").join(name)
}

/// The fingerprint of the running program: a new build of broadsheet may extract or render
/// differently, so its cache is not another's. Taken from the executable's stamp (size,
/// modification time, inode) with the version, rather than from the version alone, which does
/// not change between builds of one version; hashing the executable itself would cost a
/// debug build's 200 MB read on every run.
pub fn program_fingerprint() -> Fingerprint {
    static PROGRAM: std::sync::OnceLock<Fingerprint> = std::sync::OnceLock::new();
    *PROGRAM.get_or_init(|| {
        let mut h = Hasher::new();
        h.str(env!("CARGO_PKG_VERSION"));
        match std::env::current_exe()
            .ok()
            .and_then(|exe| manifest::Stamp::of(&exe))
        {
            Some(stamp) => h.add(&stamp),
            // No way to know the program: a value no other run shares, so nothing is reused.
            None => h.str(&format!(
                "{:?} {}",
                std::time::SystemTime::now(),
                std::process::id()
            )),
        };
        h.finish()
    })
}

/// An open build cache.
pub struct BuildCache {
    pub dir: PathBuf,
    /// What the previous build left, when it can be used.
    pub previous: Option<Manifest>,
    /// Why the previous build's cache is not used, for the summary.
    pub note: Option<String>,
    /// The seed store of the manifest in force and how many of its bytes that manifest refers
    /// to; `None` when no manifest is in force.
    store: Option<(SeedStore, u64)>,
    /// The seed store the prepared manifest uses, for when it takes over.
    prepared_store: Option<(SeedStore, u64)>,
}

/// How many bytes of entries no manifest refers to a seed store may hold before a build writes
/// it anew, beyond as many as the live ones: each build that changes a seed appends its entry,
/// and the one it replaces stays behind.
const STORE_SLACK: u64 = 1 << 20;

const MANIFEST: &str = "manifest";
/// The manifest of an incremental build's output, written before its patch is applied.
const PREPARED: &str = "manifest.next";
const BODIES: &str = "bodies";

impl BuildCache {
    /// Opens the cache of `target` for a build whose settings have fingerprint `settings`.
    /// `fresh` (from `--clean`) ignores what is there. `patch_finished` says that a stopped
    /// build's patch of the output was just finished: the manifest it had prepared is then the
    /// one that describes the output; otherwise a prepared manifest is of a patch never
    /// applied, and is dropped.
    pub fn open(
        target: &Path,
        settings: Fingerprint,
        fresh: bool,
        patch_finished: bool,
    ) -> BuildCache {
        let dir = folder_for(target);
        let mut cache = BuildCache {
            dir,
            previous: None,
            note: None,
            store: None,
            prepared_store: None,
        };
        if patch_finished {
            cache.take_up_prepared();
        } else {
            let _ = std::fs::remove_file(cache.dir.join(PREPARED));
        }
        if fresh {
            return cache;
        }
        let path = cache.dir.join(MANIFEST);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return cache,
            Err(e) => {
                cache.note = Some(format!(
                    "{}: cannot read the build cache ({e}); a full build",
                    path.display()
                ));
                return cache;
            }
        };
        let dir = cache.dir.clone();
        let decoded = Manifest::decode(&bytes, settings, |store| {
            std::fs::read(dir.join(store.file_name()))
        });
        match decoded {
            Ok((manifest, store, store_len)) => match manifest.matches_output(target) {
                Ok(()) => {
                    cache.previous = Some(manifest);
                    cache.store = Some((store, store_len));
                    cache.remove_store(store.other());
                }
                Err(why) => cache.note = Some(format!("{}: {why}; a full build", path.display())),
            },
            Err(why) => cache.note = Some(format!("{}: {why}; a full build", path.display())),
        }
        cache
    }

    /// Removes a seed store no manifest refers to.
    fn remove_store(&self, store: SeedStore) {
        let _ = gate(
            || match std::fs::remove_file(self.dir.join(store.file_name())) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            },
        );
    }

    /// Whether a build whose unchanged seeds' entries take `kept` bytes of the store writes
    /// every entry anew rather than appending the changed ones: when there is no store in force,
    /// or when appending would leave more dead entries in it than live ones.
    pub fn rewrites_store(&self, kept: u64) -> bool {
        match self.store {
            Some((_, len)) => len > kept.saturating_mul(2).saturating_add(STORE_SLACK),
            None => true,
        }
    }

    pub fn bodies_path(&self) -> PathBuf {
        self.dir.join(BODIES)
    }

    /// Makes the cache's folder.
    pub fn make_folder(&self) -> std::io::Result<()> {
        gate(|| std::fs::create_dir_all(&self.dir))
    }

    /// Removes the manifest, before a full build replaces the output it describes: a build
    /// stopped after that finds no cache and builds in full, rather than trusting a manifest
    /// of an output that is gone.
    pub fn forget(&mut self) -> std::io::Result<()> {
        self.store = None;
        match std::fs::remove_file(self.dir.join(MANIFEST)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Writes the manifest of the output an incremental build is about to patch, to take over
    /// with [`Self::take_up_prepared`] once the patch is applied.
    pub fn prepare(
        &mut self,
        manifest: &Manifest<Placed<'_>>,
        settings: Fingerprint,
    ) -> std::io::Result<()> {
        self.prepared_store = Some(self.write_manifest(PREPARED, manifest, settings)?);
        Ok(())
    }

    /// Writes the seeds' entries to a store and a manifest to `name` in the cache (to a
    /// temporary name, then renamed, so a reader never sees half of one). Entries already in
    /// the store in force stay where they are and new ones are appended after what the
    /// manifest in force refers to (anything after that is what a stopped build left); a
    /// manifest whose seeds are all entries goes to the other store, written from its start.
    /// Says which store the manifest uses and how many of its bytes.
    fn write_manifest(
        &self,
        name: &str,
        manifest: &Manifest<Placed<'_>>,
        settings: Fingerprint,
    ) -> std::io::Result<(SeedStore, u64)> {
        use std::io::{Seek, Write};
        let appending = manifest
            .seeds
            .iter()
            .any(|s| matches!(s, Placed::Stored(_)));
        let (store, start) = match self.store {
            Some((store, len)) if appending => (store, len),
            Some((store, _)) => (store.other(), 0),
            None => (SeedStore::A, 0),
        };
        let encoded = manifest.encode_entries()?;
        let (at, end) = manifest::lay_out(&encoded, start);
        gate(|| -> std::io::Result<()> {
            let mut file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(self.dir.join(store.file_name()))?;
            file.set_len(start)?;
            file.seek(std::io::SeekFrom::Start(start))?;
            let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
            for seed in &encoded {
                if let Encoded::New(bytes) = seed {
                    out.write_all(bytes)?;
                }
            }
            out.flush()
        })?;
        let bytes = manifest.encode(settings, store, end, &at)?;
        let temporary = self.dir.join(format!("{name}.new"));
        gate(|| std::fs::write(&temporary, bytes))?;
        gate(|| std::fs::rename(&temporary, self.dir.join(name)))?;
        Ok((store, end))
    }

    /// Makes the prepared manifest the cache's (nothing happens when there is none), and drops
    /// the seed store it does not use.
    pub fn take_up_prepared(&mut self) {
        if gate(|| std::fs::rename(self.dir.join(PREPARED), self.dir.join(MANIFEST))).is_ok() {
            if let Some((store, len)) = self.prepared_store.take() {
                self.store = Some((store, len));
                self.remove_store(store.other());
            }
        }
    }

    /// Writes the manifest of the output just committed.
    pub fn save(
        &mut self,
        manifest: &Manifest<Placed<'_>>,
        settings: Fingerprint,
    ) -> std::io::Result<()> {
        let (store, len) = self.write_manifest(MANIFEST, manifest, settings)?;
        self.store = Some((store, len));
        self.remove_store(store.other());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::manifest::tests::{empty_body, entry_of, plain_article};
    use super::manifest::{EntryAt, Stamp};
    use super::*;
    use crate::model::Article;

    fn entry<'a>(path: &str, article: &'a Article, body: crate::bodies::BodyRef) -> Placed<'a> {
        Placed::Entry(Box::new(entry_of(path, article, body)))
    }

    fn manifest_of(seeds: Vec<Placed<'_>>, marker: Stamp) -> Manifest<Placed<'_>> {
        Manifest {
            started: 0,
            output_marker: marker,
            bodies_len: 0,
            seeds,
            related: Default::default(),
            outputs: Vec::new(),
        }
    }

    /// Where each seed read back sits, by path.
    fn opened(target: &Path) -> (BuildCache, Vec<(String, EntryAt)>) {
        let mut cache = BuildCache::open(target, Fingerprint(9), false, false);
        let seeds = cache.previous.take().expect("a manifest in force").seeds;
        (
            cache,
            seeds.into_iter().map(|(e, at)| (e.path, at)).collect(),
        )
    }

    /// A build that changes one seed appends its entry and leaves the others where they are;
    /// once the dead entries outweigh the live ones, the store is written anew into the other
    /// file and the old one goes.
    #[test]
    fn the_seed_store_is_appended_to_until_it_is_mostly_dead_entries() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join(crate::output::MARKER), "").unwrap();
        let marker = Stamp::of(&target.join(crate::output::MARKER)).unwrap();
        let body = empty_body();
        let article = plain_article();
        let mut cache = BuildCache::open(&target, Fingerprint(9), false, false);
        cache.make_folder().unwrap();
        let first = vec![
            entry("seeds/a.txt", &article, body),
            entry("seeds/b.txt", &article, body),
        ];
        cache
            .save(&manifest_of(first, marker), Fingerprint(9))
            .unwrap();
        let store_a = cache.dir.join("seeds-a");
        let one_entry = std::fs::metadata(&store_a).unwrap().len() / 2;

        let mut rounds = 0;
        loop {
            let (mut cache, seeds) = opened(&target);
            assert_eq!(
                seeds.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
                ["seeds/a.txt", "seeds/b.txt"]
            );
            let kept = seeds[0].1;
            if cache.rewrites_store(kept.len) {
                let all = vec![
                    entry("seeds/a.txt", &article, body),
                    entry("seeds/b.txt", &article, body),
                ];
                cache
                    .save(&manifest_of(all, marker), Fingerprint(9))
                    .unwrap();
                break;
            }
            let before = std::fs::metadata(&store_a).unwrap().len();
            let next = vec![Placed::Stored(kept), entry("seeds/b.txt", &article, body)];
            cache
                .save(&manifest_of(next, marker), Fingerprint(9))
                .unwrap();
            assert_eq!(
                std::fs::metadata(&store_a).unwrap().len(),
                before + one_entry
            );
            assert_eq!(
                opened(&target).1[0].1,
                kept,
                "an unchanged entry stays where it was"
            );
            rounds += 1;
            assert!(rounds < 100_000, "the store is never written anew");
        }
        assert!(
            rounds > 10,
            "the store was written anew after {rounds} changes"
        );
        assert!(!store_a.exists(), "the store no manifest uses is removed");
        let (_, seeds) = opened(&target);
        assert_eq!(seeds.len(), 2);
        assert_eq!(
            std::fs::metadata(cache.dir.join("seeds-b")).unwrap().len(),
            2 * one_entry
        );
    }
}
