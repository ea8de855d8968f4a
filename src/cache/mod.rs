//! The build cache: what one build leaves for the next, so that a build after a small change
//! reads, extracts and writes only what the change touches.
//!
//! It lives beside the output, in `.broadsheet-cache/NAME/` for an output folder `NAME`, and
//! holds `search-docs` ([`search_docs`]) and two files that describe the seeds: `bodies`, the body store of every cached article (see
//! [`crate::bodies::BodyStore`]), and `manifest`, which says for each seed the files it was read
//! from (size, modification time, inode) with its extracted article and where its body sits,
//! and for each file of the output the fingerprint of what it was made from. The manifest
//! opens with the fingerprint of the broadsheet binary that wrote it and of the site's
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
}

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
        match Manifest::decode(&bytes, settings) {
            Ok(manifest) => match manifest.matches_output(target) {
                Ok(()) => cache.previous = Some(manifest),
                Err(why) => cache.note = Some(format!("{}: {why}; a full build", path.display())),
            },
            Err(why) => cache.note = Some(format!("{}: {why}; a full build", path.display())),
        }
        cache
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
    pub fn forget(&self) -> std::io::Result<()> {
        match std::fs::remove_file(self.dir.join(MANIFEST)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Writes the manifest of the output an incremental build is about to patch, to take over
    /// with [`Self::take_up_prepared`] once the patch is applied.
    pub fn prepare<A: serde::Serialize + Sync>(
        &self,
        manifest: &Manifest<A>,
        settings: Fingerprint,
    ) -> std::io::Result<()> {
        self.write_manifest(PREPARED, manifest, settings)
    }

    /// Writes a manifest to `name` in the cache (to a temporary name, then renamed, so a reader
    /// never sees half of one).
    fn write_manifest<A: serde::Serialize + Sync>(
        &self,
        name: &str,
        manifest: &Manifest<A>,
        settings: Fingerprint,
    ) -> std::io::Result<()> {
        let bytes = manifest.encode(settings)?;
        let temporary = self.dir.join(format!("{name}.new"));
        gate(|| std::fs::write(&temporary, bytes))?;
        gate(|| std::fs::rename(&temporary, self.dir.join(name)))
    }

    /// Makes the prepared manifest the cache's (nothing happens when there is none).
    pub fn take_up_prepared(&self) {
        let _ = gate(|| std::fs::rename(self.dir.join(PREPARED), self.dir.join(MANIFEST)));
    }

    /// Writes the manifest of the output just committed.
    pub fn save<A: serde::Serialize + Sync>(
        &self,
        manifest: &Manifest<A>,
        settings: Fingerprint,
    ) -> std::io::Result<()> {
        self.write_manifest(MANIFEST, manifest, settings)
    }
}
