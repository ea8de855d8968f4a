//! The manifest of the build cache: its on-disk form and what it says.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::bodies::BodyRef;
use crate::diagnostics::Diagnostic;
use crate::fingerprint::Fingerprint;
use crate::model::Article;

/// The first bytes of a manifest, and the version of its layout (raised whenever what it holds
/// changes shape, so an older manifest is refused rather than misread).
const MAGIC: &[u8] = b"broadsheet build cache\n";
const LAYOUT: u32 = 3;

/// A file's identity and state as the file system tells it without reading the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    /// Modification time, in nanoseconds since 1970.
    pub modified: i128,
    pub inode: u64,
    pub device: u64,
}

impl Stamp {
    /// The stamp of the file at `path` (following links), or `None` when there is none.
    pub fn of(path: &Path) -> Option<Stamp> {
        std::fs::metadata(path)
            .ok()
            .map(|m| Stamp::from_metadata(&m))
    }

    pub fn from_metadata(m: &std::fs::Metadata) -> Stamp {
        let modified = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        #[cfg(unix)]
        let (inode, device) = {
            use std::os::unix::fs::MetadataExt;
            (m.ino(), m.dev())
        };
        #[cfg(not(unix))]
        let (inode, device) = (0, 0);
        Stamp {
            size: m.len(),
            modified,
            inode,
            device,
        }
    }
}

/// What an article holds that its serialized form (which templates receive) leaves out, kept
/// beside it in the cache: the schedule and the corrections as the seed gave them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Unshown {
    pub corrections: Vec<crate::model::Correction>,
    /// RFC 3339.
    pub embargo: Option<String>,
    pub expires: Option<String>,
    pub expired: Option<crate::config::ExpiredPolicy>,
}

impl Unshown {
    pub fn of(article: &Article) -> Unshown {
        Unshown {
            corrections: article.corrections.clone(),
            embargo: article.embargo.map(|t| t.to_rfc3339()),
            expires: article.expires.map(|t| t.to_rfc3339()),
            expired: article.expired,
        }
    }

    /// Puts what the cache kept back on the article.
    pub fn restore(self, article: &mut Article) {
        let moment =
            |t: Option<String>| t.and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok());
        article.corrections = self.corrections;
        article.embargo = moment(self.embargo);
        article.expires = moment(self.expires);
        article.expired = self.expired;
    }
}

/// One seed as the previous build read it. A build writes its own articles in by reference
/// (`A` = `&Article`) and reads them back owned, so the archive's articles are never copied to
/// be saved.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SeedEntry<A = Article> {
    /// The seed's path as messages show it (relative to the site folder).
    pub path: String,
    /// The stamps of the files the seed was read from: the seed, then its sidecar (`None`
    /// when it had none).
    pub stamps: Vec<Option<Stamp>>,
    /// The fingerprint of the decoded text of those files.
    pub content: Fingerprint,
    pub article: A,
    /// The fingerprint of the article as it serializes.
    pub article_print: Fingerprint,
    pub unshown: Unshown,
    pub body: BodyRef,
    pub heads: Vec<String>,
    /// The notes and warnings reading and extracting it gave.
    pub diagnostics: Vec<Diagnostic>,
}

/// What one build leaves for the next.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest<A = Article> {
    /// When the build that wrote it started reading seeds, in nanoseconds since 1970. A seed
    /// modified after that may have changed while it was read, so its stamp is not trusted.
    pub started: i128,
    /// The stamp of the output's marker file: a manifest is of one output folder, and a
    /// folder made anew (or put back from elsewhere) is not the one it describes.
    pub output_marker: Stamp,
    /// How many bytes of the body store hold bodies this manifest refers to.
    pub bodies_len: u64,
    /// The seeds in the order the walk found them.
    pub seeds: Vec<SeedEntry<A>>,
    /// The site's related stories, under the fingerprint of what they were worked out from.
    pub related: crate::site::related::Memo,
    /// Every file of the output (relative to its root, sorted) with the fingerprint of what it
    /// was made from.
    pub outputs: Vec<(String, Fingerprint)>,
}

/// What a manifest holds besides its seeds, encoded as one piece. Written with borrowed parts
/// (`R` = `&Memo`, `F` = `&[..]`), read back owned.
#[derive(Serialize, Deserialize)]
struct Head<R, F> {
    started: i128,
    output_marker: Stamp,
    bodies_len: u64,
    related: R,
    outputs: F,
}

/// The on-disk form, after the magic bytes, the layout and the two fingerprints: the head's
/// length (u64, little-endian) and its postcard encoding, the number of seeds (u64), and each
/// seed as its length (u32) and its postcard encoding. Each seed framed on its own lets every
/// core encode and decode seeds side by side: at 100,000 articles the seeds are 70 MB.
impl<A: Serialize + Sync> Manifest<A> {
    pub fn encode(&self, settings: Fingerprint) -> std::io::Result<Vec<u8>> {
        use rayon::prelude::*;
        let head = postcard::to_allocvec(&Head {
            started: self.started,
            output_marker: self.output_marker,
            bodies_len: self.bodies_len,
            related: &self.related,
            outputs: self.outputs.as_slice(),
        })
        .map_err(std::io::Error::other)?;
        let seeds: Vec<Vec<u8>> = self
            .seeds
            .par_iter()
            .map(postcard::to_allocvec)
            .collect::<Result<_, _>>()
            .map_err(std::io::Error::other)?;
        let total: usize = seeds.iter().map(|s| s.len() + 4).sum();
        let mut bytes = Vec::with_capacity(MAGIC.len() + 60 + head.len() + total);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&LAYOUT.to_le_bytes());
        bytes.extend_from_slice(&super::program_fingerprint().0.to_le_bytes());
        bytes.extend_from_slice(&settings.0.to_le_bytes());
        bytes.extend_from_slice(&(head.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&head);
        bytes.extend_from_slice(&(seeds.len() as u64).to_le_bytes());
        for seed in &seeds {
            let len = u32::try_from(seed.len()).map_err(std::io::Error::other)?;
            bytes.extend_from_slice(&len.to_le_bytes());
            bytes.extend_from_slice(seed);
        }
        Ok(bytes)
    }
}

/// Reads a little-endian number of `N` bytes at `*at`, moving past it.
fn number<const N: usize>(bytes: &[u8], at: &mut usize) -> Result<[u8; N], String> {
    Ok(piece(bytes, at, N)?.try_into().unwrap_or([0; N]))
}

/// The next `len` bytes at `*at`, moving past them.
fn piece<'b>(bytes: &'b [u8], at: &mut usize, len: usize) -> Result<&'b [u8], String> {
    let end = at.checked_add(len).filter(|&end| end <= bytes.len());
    let end = end.ok_or_else(|| "the build cache is cut short".to_string())?;
    let read = &bytes[*at..end];
    *at = end;
    Ok(read)
}

impl Manifest {
    /// Reads a manifest written by this program for these settings; anything else is refused
    /// with the reason.
    pub fn decode(bytes: &[u8], settings: Fingerprint) -> Result<Manifest, String> {
        use rayon::prelude::*;
        let rest = bytes
            .strip_prefix(MAGIC)
            .ok_or("not a broadsheet build cache")?;
        let mut at = 0;
        let layout = u32::from_le_bytes(number(rest, &mut at)?);
        if layout != LAYOUT {
            return Err(format!("the build cache has layout {layout}, not {LAYOUT}"));
        }
        if u128::from_le_bytes(number(rest, &mut at)?) != super::program_fingerprint().0 {
            return Err("the build cache was written by another build of broadsheet".into());
        }
        if u128::from_le_bytes(number(rest, &mut at)?) != settings.0 {
            return Err(
                "the site's settings have changed since the build cache was written".into(),
            );
        }
        let damaged = |e: postcard::Error| format!("the build cache is damaged ({e})");
        let head_len = u64::from_le_bytes(number(rest, &mut at)?) as usize;
        let head: Head<crate::site::related::Memo, Vec<(String, Fingerprint)>> =
            postcard::from_bytes(piece(rest, &mut at, head_len)?).map_err(damaged)?;
        let count = u64::from_le_bytes(number(rest, &mut at)?);
        // Where each seed lies, found one after another (a few bytes each), then decoded on
        // every core. A count no file this size could hold is damage, not a size to reserve.
        if count > (rest.len() / 4) as u64 {
            return Err("the build cache is damaged (too many seeds)".into());
        }
        let mut pieces = Vec::with_capacity(count as usize);
        for _ in 0..count {
            let len = u32::from_le_bytes(number(rest, &mut at)?) as usize;
            pieces.push(piece(rest, &mut at, len)?);
        }
        if at != rest.len() {
            return Err("the build cache is damaged (bytes after its end)".into());
        }
        let seeds = pieces
            .into_par_iter()
            .map(postcard::from_bytes)
            .collect::<Result<_, _>>()
            .map_err(damaged)?;
        Ok(Manifest {
            started: head.started,
            output_marker: head.output_marker,
            bodies_len: head.bodies_len,
            seeds,
            related: head.related,
            outputs: head.outputs,
        })
    }

    /// Whether this manifest is of the output folder `target` as it is now.
    pub fn matches_output(&self, target: &Path) -> Result<(), String> {
        match Stamp::of(&target.join(crate::output::MARKER)) {
            Some(stamp) if stamp == self.output_marker => Ok(()),
            Some(_) => Err(format!(
                "{} is not the output the build cache is of",
                target.display()
            )),
            None => Err(format!("{} holds no previous build", target.display())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of an article survives the cache: one the serialized form skips would come
    /// back empty, and a reused seed would lose it (an embargo, say).
    #[test]
    fn an_article_comes_back_from_the_cache_whole() {
        use crate::extract::{extract, ExtractOptions, Seed};
        let text = "+++\ntitle = \"Harbour deal\"\ndate = 2023-06-16T09:30:00+02:00\n\
                    embargo = 2023-06-16T10:00:00+02:00\nexpires = 2024-01-01T00:00:00Z\n\
                    expired = \"notice\"\nupdated = 2023-06-17\nupdate_note = \"Figures revised.\"\n\
                    topics = [\"Ports\"]\nslug = \"deal\"\nlead = true\n\n\
                    [[corrections]]\ndate = 2023-06-17\ntext = \"An earlier version misnamed the port.\"\n\
                    +++\n\nBy Ann Lee\n\nROTTERDAM (Reuters) - The port signed.\n";
        let seed = Seed {
            source: "seeds/deal.md",
            file_name: "deal.md",
            text,
            format: crate::model::SeedFormat::Markdown,
            sidecar: None,
            picture: None,
        };
        let article = extract(&seed, &ExtractOptions::default()).unwrap().article;
        assert!(article.embargo.is_some() && !article.corrections.is_empty());
        let store_dir = tempfile::tempdir().unwrap();
        let store = crate::bodies::BodyStore::new_in(store_dir.path()).unwrap();
        let body = store.put(&[]).unwrap();
        let entry = SeedEntry {
            path: "seeds/deal.md".into(),
            stamps: vec![None],
            content: Fingerprint(1),
            article: &article,
            article_print: Fingerprint(2),
            unshown: Unshown::of(&article),
            body,
            heads: Vec::new(),
            diagnostics: Vec::new(),
        };
        let manifest = Manifest {
            seeds: vec![entry],
            ..manifest_of_refs()
        };
        let bytes = manifest.encode(Fingerprint(1)).unwrap();
        let mut back = Manifest::decode(&bytes, Fingerprint(1)).unwrap();
        let entry = back.seeds.remove(0);
        let mut restored = entry.article;
        entry.unshown.restore(&mut restored);
        assert_eq!(restored, article);
    }

    fn manifest_of_refs<'a>() -> Manifest<&'a Article> {
        let m = manifest();
        Manifest {
            started: m.started,
            output_marker: m.output_marker,
            bodies_len: m.bodies_len,
            seeds: Vec::new(),
            related: m.related,
            outputs: m.outputs,
        }
    }

    fn manifest() -> Manifest {
        Manifest {
            started: 12,
            output_marker: Stamp {
                size: 1,
                modified: 2,
                inode: 3,
                device: 4,
            },
            bodies_len: 0,
            seeds: Vec::new(),
            related: Default::default(),
            outputs: vec![("index.html".into(), Fingerprint(7))],
        }
    }

    #[test]
    fn a_manifest_reads_back_only_for_its_settings() {
        let bytes = manifest().encode(Fingerprint(1)).unwrap();
        let back = Manifest::decode(&bytes, Fingerprint(1)).unwrap();
        assert_eq!(back.outputs, manifest().outputs);
        assert!(Manifest::decode(&bytes, Fingerprint(2))
            .unwrap_err()
            .contains("settings"));
    }

    #[test]
    fn damaged_and_foreign_caches_are_refused_with_a_reason() {
        let bytes = manifest().encode(Fingerprint(1)).unwrap();
        for cut in [0, 5, MAGIC.len() + 3, MAGIC.len() + 30, bytes.len() - 3] {
            assert!(
                Manifest::decode(&bytes[..cut], Fingerprint(1)).is_err(),
                "{cut}"
            );
        }
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[MAGIC.len() + 40..last]
            .iter_mut()
            .for_each(|b| *b = 0xFF);
        assert!(Manifest::decode(&flipped, Fingerprint(1)).is_err());
        assert!(Manifest::decode(b"garbage", Fingerprint(1))
            .unwrap_err()
            .contains("not a broadsheet"));
    }
}
