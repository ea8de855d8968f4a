//! The theme's static files: the embedded defaults with the site's `static/` copied over them.
//! Stylesheets and scripts get a content hash in their names (`style.3f9a1c2e.css`), so hosts can
//! cache them for ever and a changed file is a new URL.

use std::collections::BTreeMap;
use std::path::Path;

use crate::confine::Boundary;
use crate::diagnostics::Diagnostic;
use crate::theme::DEFAULT_STATIC;

/// A static file that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("cannot read {file}: {source}")]
pub struct AssetError {
    pub file: String,
    #[source]
    pub source: std::io::Error,
}

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
    /// The defaults, then every file of `static_dir` (hidden files skipped) that really lies
    /// inside `boundary`; the files refused come back as warnings.
    pub fn collect(
        static_dir: Option<&Path>,
        display_root: &Path,
        boundary: &Boundary,
    ) -> Result<(Assets, Vec<Diagnostic>), AssetError> {
        let mut files: BTreeMap<String, Vec<u8>> = DEFAULT_STATIC
            .iter()
            .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
            .collect();
        let mut refused = Vec::new();
        if let Some(static_dir) = static_dir {
            let (read, notes) = boundary
                .read_folder(static_dir, display_root)
                .map_err(|e| AssetError {
                    file: e.shown,
                    source: e.source,
                })?;
            refused = notes;
            files.extend(read.into_iter().map(|f| (f.name, f.bytes)));
        }
        Ok((Assets { files }, refused))
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

    /// Every file with the path it is published at, relative to the site root.
    pub fn published(&self) -> impl Iterator<Item = (String, &[u8])> {
        self.files
            .iter()
            .map(|(name, bytes)| (self.published_path(name, bytes), bytes.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stylesheets_and_scripts_carry_their_hash() {
        let here = tempfile::tempdir().unwrap();
        let boundary = Boundary::new(here.path(), &[]).unwrap();
        let (assets, _) = Assets::collect(None, here.path(), &boundary).unwrap();
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
