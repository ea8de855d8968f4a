//! The fingerprints of the stories the output's search index holds, by id, kept in the cache
//! so that a build can tell which stories changed and patch the index for those alone
//! (`crate::search::patch_stories`).
//!
//! The file holds the fingerprints and nothing else: it is trusted only when the fingerprint
//! of the whole list equals the one the manifest records for the index's table of contents, so
//! a file left by a build that stopped, or from another output, is never taken for this one's.

use std::path::{Path, PathBuf};

use crate::fingerprint::Fingerprint;
use crate::write_gate::pass as gate;

const FILE: &str = "search-docs";

fn path(cache: &Path) -> PathBuf {
    cache.join(FILE)
}

/// The fingerprints the cache holds, or `None` when it holds none that can be read.
pub fn load(cache: &Path) -> Option<Vec<Fingerprint>> {
    let bytes = std::fs::read(path(cache)).ok()?;
    if bytes.len() % 16 != 0 {
        return None;
    }
    Some(
        bytes
            .chunks_exact(16)
            .map(|b| Fingerprint(u128::from_le_bytes(b.try_into().expect("16 bytes"))))
            .collect(),
    )
}

/// Keeps `docs` for the next build (written to a temporary name, then renamed).
pub fn save(cache: &Path, docs: &[Fingerprint]) -> std::io::Result<()> {
    let bytes: Vec<u8> = docs.iter().flat_map(|d| d.0.to_le_bytes()).collect();
    let temporary = cache.join(format!("{FILE}.new"));
    gate(|| std::fs::write(&temporary, bytes))?;
    gate(|| std::fs::rename(&temporary, path(cache)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_saved_is_loaded_and_a_torn_file_is_not() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), None);
        let docs = [Fingerprint(1), Fingerprint(u128::MAX)];
        save(dir.path(), &docs).unwrap();
        assert_eq!(load(dir.path()).as_deref(), Some(&docs[..]));
        std::fs::write(path(dir.path()), [0u8; 17]).unwrap();
        assert_eq!(load(dir.path()), None);
    }
}
