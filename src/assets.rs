//! The theme's static files: the embedded defaults with the site's `static/` copied over them.
//! Stylesheets and scripts get a content hash in their names (`style.3f9a1c2e.css`), so hosts can
//! cache them for ever and a changed file is a new URL.

use std::collections::BTreeMap;
use std::path::Path;

use crate::output::{OutputError, Staging};
use crate::render::DEFAULT_STATIC;

/// The static files of one build.
#[derive(Debug, Default)]
pub struct Assets {
    /// Name under `static/` → bytes.
    files: BTreeMap<String, Vec<u8>>,
}

/// FNV-1a: a small, stable hash (the same bytes give the same name on every machine and with
/// every Rust version, unlike the standard library's hasher).
fn fingerprint(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", hash >> 32)
}

fn is_fingerprinted(name: &str) -> bool {
    name.ends_with(".css") || name.ends_with(".js")
}

impl Assets {
    /// The defaults, then every file of `static_dir` (hidden files skipped).
    pub fn collect(static_dir: &Path) -> Result<Assets, String> {
        let mut files: BTreeMap<String, Vec<u8>> = DEFAULT_STATIC
            .iter()
            .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
            .collect();
        if static_dir.is_dir() {
            let walker = walkdir::WalkDir::new(static_dir)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            for entry in walker {
                let entry = entry.map_err(|e| format!("{}: {e}", static_dir.display()))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let name = entry
                    .path()
                    .strip_prefix(static_dir)
                    .unwrap_or(entry.path())
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().to_string())
                    .collect::<Vec<_>>()
                    .join("/");
                let bytes = std::fs::read(entry.path())
                    .map_err(|e| format!("{}: {e}", entry.path().display()))?;
                files.insert(name, bytes);
            }
        }
        Ok(Assets { files })
    }

    /// Where each file is published, relative to the site root: templates link
    /// `{{ root }}{{ assets["style.css"] }}`.
    pub fn paths(&self) -> BTreeMap<String, String> {
        self.files
            .iter()
            .map(|(name, bytes)| (name.clone(), self.published_path(name, bytes)))
            .collect()
    }

    fn published_path(&self, name: &str, bytes: &[u8]) -> String {
        if !is_fingerprinted(name) {
            return format!("static/{name}");
        }
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        format!("static/{stem}.{}.{ext}", fingerprint(bytes))
    }

    /// Writes every file.
    pub fn write(&self, staging: &Staging) -> Result<(), OutputError> {
        for (name, bytes) in &self.files {
            staging.write(&self.published_path(name, bytes), bytes)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stylesheets_and_scripts_carry_their_hash() {
        let assets = Assets::collect(Path::new("no-such-folder")).unwrap();
        let paths = assets.paths();
        let style = &paths["style.css"];
        assert!(
            style.starts_with("static/style.")
                && style.ends_with(".css")
                && style.len() == "static/style.12345678.css".len(),
            "{style}"
        );
        assert_eq!(paths["logo.png"], "static/logo.png");
        assert_eq!(fingerprint(b"a"), fingerprint(b"a"));
        assert_ne!(fingerprint(b"a"), fingerprint(b"b"));
    }
}
