//! Lead images, processed once: each picture a seed names is read through the site boundary,
//! decoded within fixed limits, turned upright, and written in the article's widths, the card's
//! crop and the crops for search engines (`renditions`), every file named by the hash of the
//! source and the settings. What is made goes to a cache folder beside the output
//! (`.broadsheet-cache/images/`), one folder per picture, so a rebuild finds it there and does
//! not decode the picture again; the build then links the files into the site.
//!
//! A picture that cannot be used (unreadable, not a picture, too large, corrupt) is an error
//! message for a warning, and its story builds without it.

mod decode;
pub mod renditions;

use crate::write_gate::pass as gate;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use sha2::{Digest, Sha256};

use crate::confine::Boundary;
use crate::model::Picture;

pub use decode::{DecodeError, MAX_FILE_BYTES, MAX_PIXELS, MAX_SIDE};

/// The cache's folder, beside the output folder `output`: `.broadsheet-cache/images/`.
pub fn cache_dir_for(output: &Path) -> PathBuf {
    let parent = output.parent().unwrap_or(Path::new("."));
    parent.join(".broadsheet-cache").join("images")
}

/// What a picture's cache folder holds besides the files: the [`Picture`] they make, written
/// last, so a folder with it is complete.
const MANIFEST: &str = "picture.json";

/// Hex digits of the SHA-256 kept in names: 80 bits, more than enough to tell a newsroom's
/// pictures apart.
const KEY_DIGITS: usize = 20;

/// The build's picture processor: where the cache is, and how many pictures were made and how
/// many found in the cache, for the build's summary.
#[derive(Debug)]
pub struct Images {
    cache: PathBuf,
    processed: AtomicUsize,
    cached: AtomicUsize,
    temporary: AtomicUsize,
    budget: Budget,
}

/// The decoded bytes the pictures being processed may hold together: 1 GiB, six 50-megapixel
/// pictures with their widths and crops, or a dozen 3,000 × 2,000 ones.
const MEMORY_BUDGET: u64 = 1 << 30;

/// A count of bytes threads take before decoding and give back when done; a thread waits while
/// the rest of the budget is too small for its picture.
#[derive(Debug)]
struct Budget {
    left: std::sync::Mutex<u64>,
    returned: std::sync::Condvar,
}

/// Bytes taken from a [`Budget`], given back when dropped.
struct Taken<'a> {
    budget: &'a Budget,
    bytes: u64,
}

impl Budget {
    fn new(bytes: u64) -> Budget {
        Budget {
            left: std::sync::Mutex::new(bytes),
            returned: std::sync::Condvar::new(),
        }
    }

    /// Takes `bytes` (at most the whole budget, so one picture larger than it still runs, alone).
    fn take(&self, bytes: u64) -> Taken<'_> {
        let bytes = bytes.min(MEMORY_BUDGET);
        let mut left = self.left.lock().unwrap_or_else(|e| e.into_inner());
        while *left < bytes {
            left = self.returned.wait(left).unwrap_or_else(|e| e.into_inner());
        }
        *left -= bytes;
        Taken {
            budget: self,
            bytes,
        }
    }
}

impl Drop for Taken<'_> {
    fn drop(&mut self) {
        let mut left = self.budget.left.lock().unwrap_or_else(|e| e.into_inner());
        *left += self.bytes;
        self.budget.returned.notify_all();
    }
}

impl Images {
    pub fn new(cache: PathBuf) -> Images {
        Images {
            cache,
            processed: AtomicUsize::new(0),
            cached: AtomicUsize::new(0),
            temporary: AtomicUsize::new(0),
            budget: Budget::new(MEMORY_BUDGET),
        }
    }

    /// Pictures decoded and written in this build, and pictures found in the cache.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.processed.load(Ordering::Relaxed),
            self.cached.load(Ordering::Relaxed),
        )
    }

    /// Where the cache keeps the file the site publishes at `site_path` (one of a
    /// [`Picture`]'s paths).
    pub fn cached_file(&self, site_path: &str) -> PathBuf {
        let name = site_path.rsplit('/').next().unwrap_or(site_path);
        let key = name.split('-').next().unwrap_or(name);
        self.cache.join(key).join(name)
    }

    /// The picture at `path`, from the cache or made now. The error completes a sentence
    /// naming the file: "seeds/a.jpg: …".
    pub fn prepare(&self, path: &Path, boundary: &Boundary) -> Result<Picture, String> {
        let bytes = read_picture(path, boundary)?;
        let key = key(&bytes);
        let folder = self.cache.join(&key);
        if let Some(picture) = read_manifest(&folder) {
            self.cached.fetch_add(1, Ordering::Relaxed);
            return Ok(picture);
        }
        // Pictures in memory at once are bounded by their decoded size, not by the number of
        // cores: a machine with many cores and an archive of large pictures still fits.
        let _memory = self.budget.take(decode::decoded_bytes(&bytes));
        let upright = decode::decode(&bytes).map_err(|e| format!("the lead image {e}"))?;
        drop(bytes);
        let (picture, files) = renditions::make(&upright, &key, crate::urls::IMAGES)?;
        drop(upright);
        self.store(&folder, &picture, &files).map_err(|e| {
            format!(
                "cannot keep the processed picture in {}: {e}",
                folder.display()
            )
        })?;
        self.processed.fetch_add(1, Ordering::Relaxed);
        Ok(picture)
    }

    /// Writes a picture's files into a folder of their own and moves it into place, so a
    /// build that is stopped never leaves a half-written entry that a later one would trust.
    fn store(
        &self,
        folder: &Path,
        picture: &Picture,
        files: &[renditions::Made],
    ) -> std::io::Result<()> {
        gate(|| std::fs::create_dir_all(&self.cache))?;
        let n = self.temporary.fetch_add(1, Ordering::Relaxed);
        let name = folder.file_name().unwrap_or_default().to_string_lossy();
        let temporary = self
            .cache
            .join(format!(".{name}.{}.{n}.partial", std::process::id()));
        gate(|| std::fs::create_dir_all(&temporary))?;
        for file in files {
            gate(|| std::fs::write(temporary.join(&file.name), &file.bytes))?;
        }
        let manifest = serde_json::to_vec(picture).map_err(std::io::Error::other)?;
        gate(|| std::fs::write(temporary.join(MANIFEST), manifest))?;
        match gate(|| std::fs::rename(&temporary, folder)) {
            Ok(()) => Ok(()),
            // Another story (or build) with the same picture got there first: the same bytes.
            Err(_) if read_manifest(folder).is_some() => std::fs::remove_dir_all(&temporary),
            Err(e) => {
                let _ = std::fs::remove_dir_all(&temporary);
                Err(e)
            }
        }
    }
}

/// The picture's bytes, read through the boundary and never more than [`MAX_FILE_BYTES`].
fn read_picture(path: &Path, boundary: &Boundary) -> Result<Vec<u8>, String> {
    let file = boundary.open(path).map_err(|refusal| refusal.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the lead image: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "the lead image is larger than {} MB",
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    Ok(bytes)
}

/// The cache key and name of a picture: the SHA-256 of the settings and the source's bytes.
fn key(bytes: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(renditions::settings().as_bytes());
    hash.update([0]);
    hash.update(bytes);
    hash.finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>()[..KEY_DIGITS]
        .to_string()
}

fn read_manifest(folder: &Path) -> Option<Picture> {
    let bytes = std::fs::read(folder.join(MANIFEST)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_follows_the_bytes() {
        assert_eq!(key(b"a"), key(b"a"));
        assert_ne!(key(b"a"), key(b"b"));
        assert_eq!(key(b"a").len(), KEY_DIGITS);
    }

    #[test]
    fn a_picture_is_made_once_then_found_in_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.png");
        image::RgbImage::from_pixel(600, 400, image::Rgb([200, 10, 10]))
            .save(&path)
            .unwrap();
        let boundary = Boundary::new(dir.path(), &[]).unwrap();
        let images = Images::new(cache_dir_for(&dir.path().join("public")));
        let first = images.prepare(&path, &boundary).unwrap();
        let again = images.prepare(&path, &boundary).unwrap();
        assert_eq!(first, again);
        assert_eq!(images.counts(), (1, 1));
        let file = images.cached_file(&first.sizes[0].jpeg);
        assert!(file.starts_with(dir.path().join(".broadsheet-cache/images")));
        assert_eq!(image::open(file).unwrap().width(), 480);
    }
}
