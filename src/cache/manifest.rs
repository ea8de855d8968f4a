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
const LAYOUT: u32 = 4;

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

/// Where a seed's entry sits in the seed store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryAt {
    pub offset: u64,
    pub len: u64,
}

/// Which of the cache's two seed stores a manifest's entries sit in. A build that writes every
/// entry anew writes them to the other one, so the manifest still in force (the one a stopped
/// build falls back on) keeps the store it points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SeedStore {
    A,
    B,
}

impl SeedStore {
    /// The store's file name in the cache's folder.
    pub fn file_name(self) -> &'static str {
        match self {
            SeedStore::A => "seeds-a",
            SeedStore::B => "seeds-b",
        }
    }

    pub fn other(self) -> SeedStore {
        match self {
            SeedStore::A => SeedStore::B,
            SeedStore::B => SeedStore::A,
        }
    }
}

/// A seed as a build hands it to the cache: its entry already in the store, unchanged since the
/// previous build, or an entry to encode and add.
pub enum Placed<'a> {
    Stored(EntryAt),
    Entry(Box<SeedEntry<&'a Article>>),
}

/// A seed as it goes to the store: where it already is, or its entry's bytes to add.
pub enum Encoded {
    Stored(EntryAt),
    New(Vec<u8>),
}

/// Where each seed's entry sits once the new ones are appended to a store at `start`, and where
/// the store's entries then end.
pub fn lay_out(encoded: &[Encoded], start: u64) -> (Vec<EntryAt>, u64) {
    let mut end = start;
    let at = encoded
        .iter()
        .map(|seed| match seed {
            Encoded::Stored(stored) => *stored,
            Encoded::New(bytes) => {
                let placed = EntryAt {
                    offset: end,
                    len: bytes.len() as u64,
                };
                end += placed.len;
                placed
            }
        })
        .collect();
    (at, end)
}

/// What one build leaves for the next. Its seeds are `S`: as read back, each entry with where it
/// sits (`(SeedEntry, EntryAt)`); as written, [`Placed`].
#[derive(Debug, Clone)]
pub struct Manifest<S = (SeedEntry, EntryAt)> {
    /// When the build that wrote it started reading seeds, in nanoseconds since 1970. A seed
    /// modified after that may have changed while it was read, so its stamp is not trusted.
    pub started: i128,
    /// The stamp of the output's marker file: a manifest is of one output folder, and a
    /// folder made anew (or put back from elsewhere) is not the one it describes.
    pub output_marker: Stamp,
    /// How many bytes of the body store hold bodies this manifest refers to.
    pub bodies_len: u64,
    /// The seeds in the order the walk found them.
    pub seeds: Vec<S>,
    /// The site's related stories, under the fingerprint of what they were worked out from.
    pub related: crate::site::related::Memo,
    /// Every file of the output (relative to its root, sorted) with the fingerprint of what it
    /// was made from.
    pub outputs: Vec<(String, Fingerprint)>,
}

/// The manifest's file, after the magic bytes, the layout and the two fingerprints: the head's
/// length (u64, little-endian) and its postcard encoding. Written with borrowed parts (`R` =
/// `&Memo`, `F` = `&[..]`, `E` = `&[EntryAt]`), read back owned.
#[derive(Serialize, Deserialize)]
struct Head<R, F, E> {
    started: i128,
    output_marker: Stamp,
    bodies_len: u64,
    store: SeedStore,
    /// How many bytes of the seed store hold entries this manifest refers to.
    store_len: u64,
    /// Where each seed's entry (its postcard encoding) sits in the store, in walk order.
    seeds: E,
    related: R,
    outputs: F,
}

/// The seed entries are kept in a store of their own, appended to: at 100,000 articles they are
/// 70 MB, and a build that changed one seed adds one entry instead of writing them all again.
/// An entry's bytes are encoded and decoded on every core.
impl Manifest<Placed<'_>> {
    /// Each seed as the store takes it: where it already is, or its entry encoded.
    pub fn encode_entries(&self) -> std::io::Result<Vec<Encoded>> {
        use rayon::prelude::*;
        self.seeds
            .par_iter()
            .map(|seed| match seed {
                Placed::Stored(at) => Ok(Encoded::Stored(*at)),
                Placed::Entry(entry) => postcard::to_allocvec(entry).map(Encoded::New),
            })
            .collect::<Result<_, _>>()
            .map_err(std::io::Error::other)
    }

    /// The manifest's file, for entries at `at` in `store`, whose first `store_len` bytes they
    /// take.
    pub fn encode(
        &self,
        settings: Fingerprint,
        store: SeedStore,
        store_len: u64,
        at: &[EntryAt],
    ) -> std::io::Result<Vec<u8>> {
        let head = postcard::to_allocvec(&Head {
            started: self.started,
            output_marker: self.output_marker,
            bodies_len: self.bodies_len,
            store,
            store_len,
            seeds: at,
            related: &self.related,
            outputs: self.outputs.as_slice(),
        })
        .map_err(std::io::Error::other)?;
        let mut bytes = Vec::with_capacity(MAGIC.len() + 44 + head.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&LAYOUT.to_le_bytes());
        bytes.extend_from_slice(&super::program_fingerprint().0.to_le_bytes());
        bytes.extend_from_slice(&settings.0.to_le_bytes());
        bytes.extend_from_slice(&(head.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&head);
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
    /// Reads a manifest written by this program for these settings, with its entries from the
    /// seed store `read_store` gives; anything else is refused with the reason. Says which
    /// store it uses, and how many of its bytes.
    pub fn decode(
        bytes: &[u8],
        settings: Fingerprint,
        read_store: impl FnOnce(SeedStore) -> std::io::Result<Vec<u8>>,
    ) -> Result<(Manifest, SeedStore, u64), String> {
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
        let head: Head<crate::site::related::Memo, Vec<(String, Fingerprint)>, Vec<EntryAt>> =
            postcard::from_bytes(piece(rest, &mut at, head_len)?).map_err(damaged)?;
        if at != rest.len() {
            return Err("the build cache is damaged (bytes after its end)".into());
        }
        let store = read_store(head.store).map_err(|e| {
            format!(
                "cannot read the seed store {} ({e})",
                head.store.file_name()
            )
        })?;
        let live = usize::try_from(head.store_len)
            .ok()
            .and_then(|len| store.get(..len))
            .ok_or("the seed store is shorter than the build cache says")?;
        let seeds = head
            .seeds
            .into_par_iter()
            .map(|at| {
                let bytes = usize::try_from(at.offset)
                    .ok()
                    .zip(usize::try_from(at.len).ok())
                    .and_then(|(offset, len)| live.get(offset..offset.checked_add(len)?))
                    .ok_or("the build cache is damaged (an entry outside its store)")?;
                Ok((postcard::from_bytes(bytes).map_err(damaged)?, at))
            })
            .collect::<Result<_, String>>()?;
        let manifest = Manifest {
            started: head.started,
            output_marker: head.output_marker,
            bodies_len: head.bodies_len,
            seeds,
            related: head.related,
            outputs: head.outputs,
        };
        Ok((manifest, head.store, head.store_len))
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
pub(super) mod tests {
    use super::*;

    /// `manifest` as a build writes it with its new entries in a store of their own: the
    /// manifest's bytes and the store's.
    fn written(manifest: &Manifest<Placed<'_>>, store: Vec<u8>) -> (Vec<u8>, Vec<u8>) {
        let encoded = manifest.encode_entries().unwrap();
        let (at, end) = lay_out(&encoded, store.len() as u64);
        let mut store = store;
        for seed in encoded {
            if let Encoded::New(bytes) = seed {
                store.extend(bytes);
            }
        }
        assert_eq!(end, store.len() as u64);
        let bytes = manifest
            .encode(Fingerprint(1), SeedStore::A, end, &at)
            .unwrap();
        (bytes, store)
    }

    fn read(bytes: &[u8], store: &[u8]) -> Result<Manifest, String> {
        Manifest::decode(bytes, Fingerprint(1), |_| Ok(store.to_vec())).map(|(m, _, _)| m)
    }

    /// Every field of an article survives the cache: one the serialized form skips would come
    /// back empty, and a reused seed would lose it (an embargo, say). An entry kept where it
    /// is reads back the same after another is appended.
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
        let body = empty_body();
        let entry = |path: &str| entry_of(path, &article, body);
        let first = Manifest {
            seeds: vec![Placed::Entry(Box::new(entry("seeds/deal.md")))],
            ..manifest()
        };
        let (bytes, store) = written(&first, Vec::new());
        let back = read(&bytes, &store).unwrap();
        let (entry_back, at) = back.seeds.into_iter().next().unwrap();
        let mut restored = entry_back.article;
        entry_back.unshown.restore(&mut restored);
        assert_eq!(restored, article);

        let second = Manifest {
            seeds: vec![
                Placed::Stored(at),
                Placed::Entry(Box::new(entry("seeds/deal-2.md"))),
            ],
            ..manifest()
        };
        let (bytes, store) = written(&second, store);
        let back = read(&bytes, &store).unwrap();
        let paths: Vec<&str> = back.seeds.iter().map(|(e, _)| e.path.as_str()).collect();
        assert_eq!(paths, ["seeds/deal.md", "seeds/deal-2.md"]);
        assert_eq!(back.seeds[0].1, at);
    }

    /// A story extracted from plain text.
    pub(in crate::cache) fn plain_article() -> Article {
        use crate::extract::{extract, ExtractOptions, Seed};
        let seed = Seed {
            source: "seeds/a.txt",
            file_name: "a.txt",
            text: "Harbour deal signed\n\nThe port signed the deal on Friday.\n",
            format: crate::model::SeedFormat::Text,
            sidecar: None,
            picture: None,
        };
        extract(&seed, &ExtractOptions::default()).unwrap().article
    }

    pub(in crate::cache) fn empty_body() -> crate::bodies::BodyRef {
        let store_dir = tempfile::tempdir().unwrap();
        let bodies = crate::bodies::BodyStore::new_in(store_dir.path()).unwrap();
        bodies.put(&[]).unwrap()
    }

    pub(in crate::cache) fn entry_of<'a>(
        path: &str,
        article: &'a Article,
        body: crate::bodies::BodyRef,
    ) -> SeedEntry<&'a Article> {
        SeedEntry {
            path: path.into(),
            stamps: vec![None],
            content: Fingerprint(1),
            article,
            article_print: Fingerprint(2),
            unshown: Unshown::of(article),
            body,
            heads: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    fn manifest<'a>() -> Manifest<Placed<'a>> {
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
        let (bytes, store) = written(&manifest(), Vec::new());
        let back = read(&bytes, &store).unwrap();
        assert_eq!(back.outputs, manifest().outputs);
        assert!(
            Manifest::decode(&bytes, Fingerprint(2), |_| Ok(store.clone()))
                .unwrap_err()
                .contains("settings")
        );
    }

    #[test]
    fn damaged_and_foreign_caches_are_refused_with_a_reason() {
        let (bytes, store) = written(&manifest(), Vec::new());
        for cut in [0, 5, MAGIC.len() + 3, MAGIC.len() + 30, bytes.len() - 3] {
            assert!(read(&bytes[..cut], &store).is_err(), "{cut}");
        }
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[MAGIC.len() + 40..last]
            .iter_mut()
            .for_each(|b| *b = 0xFF);
        assert!(read(&flipped, &store).is_err());
        assert!(read(b"garbage", &store)
            .unwrap_err()
            .contains("not a broadsheet"));
    }

    /// A manifest whose entries lie past the end of its store, or whose store is gone, is
    /// refused: the store was cut short or replaced.
    #[test]
    fn a_seed_store_shorter_than_its_manifest_is_refused() {
        let article = plain_article();
        let one = Manifest {
            seeds: vec![Placed::Entry(Box::new(entry_of(
                "seeds/a.txt",
                &article,
                empty_body(),
            )))],
            ..manifest()
        };
        let (bytes, store) = written(&one, Vec::new());
        assert!(read(&bytes, &store[..store.len() - 1])
            .unwrap_err()
            .contains("shorter"));
        let gone = Manifest::decode(&bytes, Fingerprint(1), |_| {
            Err(std::io::ErrorKind::NotFound.into())
        });
        assert!(gone.unwrap_err().contains("seed store"));
    }
}
