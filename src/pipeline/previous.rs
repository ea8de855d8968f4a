//! What the previous build left, opened for this one: its manifest read and decoded, the seeds
//! it can lend, the files it wrote and where its body store ends.

use std::path::Path;

use crate::cache::seeds::Reusable;
use crate::cache::BuildCache;
use crate::fingerprint::Fingerprint;

/// The previous build of the same output, when its cache can be used.
pub struct Previous {
    pub reusable: Reusable,
    /// Every file it wrote, with the fingerprint of what it was made from (by foldhash: each
    /// is looked up on every build).
    pub outputs: foldhash::HashMap<String, Fingerprint>,
    /// How many bytes of the body store its seeds refer to.
    pub bodies_len: u64,
    /// Its site's related stories.
    pub related: crate::site::related::Memo,
}

/// Opens the build cache of `target` (see [`BuildCache::open`]) and turns its manifest into
/// what this build looks things up in. At 100,000 articles that is a 70 MB manifest, so a build
/// runs this on a thread of its own while it compiles the templates and walks the seeds.
pub fn open(
    target: &Path,
    settings: Fingerprint,
    fresh: bool,
    patch_finished: bool,
) -> (BuildCache, Option<Previous>) {
    let mut cache = BuildCache::open(target, settings, fresh, patch_finished);
    let previous = cache.previous.take().map(|manifest| Previous {
        reusable: Reusable::new(manifest.seeds, manifest.started),
        outputs: manifest.outputs.into_iter().collect(),
        bodies_len: manifest.bodies_len,
        related: manifest.related,
    });
    (cache, previous)
}
