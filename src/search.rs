//! Offline search: the search records are indexed with Pagefind, used as a library, and its bundle
//! (index, WASM and UI) is written into the site under `pagefind/`. Nothing to install or run
//! besides `broadsheet build`; the search works on any static host and under a sub-path.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::publish::search::{shard_dir, SearchRecord};

/// Why the search index could not be built.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("cannot start the search indexer: {0}")]
    Runtime(#[source] std::io::Error),
    #[error("the search indexer refused its settings: {0}")]
    Setup(String),
    #[error("{url}: the search indexer refused the story: {message}")]
    Record { url: String, message: String },
    #[error("the search indexer could not put its index together: {0}")]
    Bundle(String),
    #[error("a search shard stopped unexpectedly")]
    Stopped,
}

/// Stories whose result excerpts share one file of the bundle. Pagefind writes a file per
/// story otherwise, which at 100,000 articles is 100,000 files for the disk to make; a search
/// shows five results at first and so loads at most five such files.
const FRAGMENTS_PER_FILE: usize = 10;

/// Which stories go to which shard, and which shards to index.
pub struct Sharding<'a> {
    /// How many shards the index has.
    pub shards: usize,
    /// The shard of story `i`. Stories are dealt by a fingerprint of their own (see
    /// `Publisher::shard_of`), so every shard holds stories of every period and their word
    /// statistics, which rank the merged results, stay alike; and a story keeps its shard when
    /// others come and go, so an incremental build indexes again only the shards that changed.
    pub shard_of: &'a (dyn Fn(usize) -> usize + Sync),
    /// Whether shard `k` is to be indexed (an incremental build keeps the others' files).
    pub wanted: &'a (dyn Fn(usize) -> bool + Sync),
}

/// Indexes `count` stories, in site order within each shard, and hands every file of the
/// search bundle to `write` (its path relative to the site root, its bytes). Each shard asks
/// `record` for its own stories' records one at a time and writes its files as soon as it is
/// indexed, so neither the records nor the bundle of the whole archive are ever in memory at
/// once.
///
/// Shards are indexed one after another, on the thread that calls this. A build indexes beside
/// the rendering of the pages, which keeps every core busy; a second shard indexed at the same
/// time took the default build at 10,000 articles (two shards) from about 235 MB to about
/// 310 MB at its peak, and made it no faster (measured 2026-12-02, `benches/results/`).
pub fn index_stories<E>(
    count: usize,
    language: &str,
    sharding: &Sharding<'_>,
    record: impl Fn(usize) -> Result<SearchRecord, E> + Sync,
    write: impl Fn(&str, &[u8]) -> Result<(), E> + Sync,
) -> Result<(), E>
where
    E: From<SearchError> + Send,
{
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); sharding.shards];
    for i in 0..count {
        members[(sharding.shard_of)(i) % sharding.shards].push(i);
    }
    for (shard, stories) in members.into_iter().enumerate() {
        if (sharding.wanted)(shard) {
            index_shard(shard, stories.into_iter(), language, &record, &write)?;
        }
    }
    Ok(())
}

/// Indexes one shard's stories with Pagefind, in the order given, and writes its files. The
/// first shard keeps Pagefind's whole bundle; the others keep only what `mergeIndex` loads.
/// `language` is the site's BCP 47 tag; Pagefind wants its primary language code.
fn index_shard<E>(
    index: usize,
    stories: impl Iterator<Item = usize>,
    language: &str,
    record: &(impl Fn(usize) -> Result<SearchRecord, E> + Sync),
    write: &(impl Fn(&str, &[u8]) -> Result<(), E> + Sync),
) -> Result<(), E>
where
    E: From<SearchError> + Send,
{
    // add_custom_record hands each record to a blocking task. Left to itself, tokio starts a
    // new thread for nearly every record (the previous one has not yet gone back to idle when
    // the next is handed over): 20 and more threads per shard, each with its own allocator
    // heap, which at 10,000 articles added about 100 MB to the build's peak. One thread runs them
    // all, one after another, as the records are added one after another anyway.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .max_blocking_threads(1)
        .enable_all()
        .build()
        .map_err(SearchError::Runtime)?;
    let primary = crate::config::primary_language(language);
    let dir = shard_dir(index);
    let fragment_files = stories.size_hint().0.div_ceil(FRAGMENTS_PER_FILE).max(1);
    let files = runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .force_language(primary.clone())
            // Each record is folded into the index as it is added (vendor/pagefind/PATCHES.md),
            // so a shard holds its index, not every record until the end.
            .fold_records_as_added(true)
            .max_fragments(fragment_files as u32)
            .build();
        let mut pagefind =
            PagefindIndex::new(Some(options)).map_err(|e| SearchError::Setup(e.to_string()))?;
        for i in stories {
            let record = record(i)?;
            let meta = std::collections::BTreeMap::from([("title".to_string(), record.title)]);
            pagefind
                .add_custom_record(
                    record.url.clone(),
                    record.content,
                    primary.clone(),
                    Some(meta),
                    None,
                    None,
                )
                .await
                .map_err(|e| SearchError::Record {
                    url: record.url.clone(),
                    message: e.to_string(),
                })?;
        }
        pagefind
            .get_files()
            .await
            .map_err(|e| E::from(SearchError::Bundle(e.to_string())))
    })?;
    use rayon::prelude::*;
    // One fragment file per story: writing them on every core beats one after another.
    files.par_iter().try_for_each(|f| {
        let name = f.filename.to_string_lossy().replace('\\', "/");
        let name = name.trim_start_matches("./");
        let name = name.strip_prefix("pagefind/").unwrap_or(name);
        if index == 0 || merged_index_needs(name) {
            write(&format!("{dir}{name}"), &f.contents)
        } else {
            Ok(())
        }
    })
}

/// Whether a file of Pagefind's bundle (named relative to the bundle) is one that a merged
/// index loads: its entry, metadata, and the index, filter and fragment chunks. The WASM and
/// the scripts and styles of the search UI come from the first shard only (Pagefind's
/// `mergeIndex` runs every index on the first one's WASM).
fn merged_index_needs(name: &str) -> bool {
    name == "pagefind-entry.json"
        || name.ends_with(".pf_meta")
        || ["index/", "filter/", "fragment/"]
            .iter()
            .any(|folder| name.starts_with(folder))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bundle written to memory.
    type Bundle = std::sync::Mutex<Vec<(String, Vec<u8>)>>;

    /// The number of pages a bundle's `pagefind-entry.json` (at `dir`) says its index holds.
    fn page_count(bundle: &[(String, Vec<u8>)], dir: &str) -> u64 {
        let entry = bundle
            .iter()
            .find(|(name, _)| *name == format!("{dir}pagefind-entry.json"))
            .unwrap_or_else(|| panic!("no entry for {dir}"));
        let json: serde_json::Value = serde_json::from_slice(&entry.1).unwrap();
        json["languages"]["en"]["page_count"].as_u64().unwrap()
    }

    #[test]
    fn records_are_dealt_to_shards_and_only_the_first_carries_the_ui() {
        let record = |n: usize| -> Result<SearchRecord, SearchError> {
            Ok(SearchRecord {
                url: format!("/story-{n}/index.html"),
                title: format!("Story {n}"),
                content: format!("Harbour pilots strike for the {n}th day."),
            })
        };
        let written = Bundle::default();
        let write = |name: &str, bytes: &[u8]| -> Result<(), SearchError> {
            written
                .lock()
                .unwrap()
                .push((name.to_string(), bytes.to_vec()));
            Ok(())
        };
        let sharding = Sharding {
            shards: 2,
            shard_of: &|i| usize::from(i % 5 == 1 || i % 5 == 3),
            wanted: &|_| true,
        };
        index_stories(5, "en-GB", &sharding, record, write).unwrap();
        let bundle = written.into_inner().unwrap();
        assert_eq!(page_count(&bundle, "pagefind/"), 3);
        assert_eq!(page_count(&bundle, "pagefind/shard-1/"), 2);
        let names: Vec<&str> = bundle.iter().map(|(name, _)| name.as_str()).collect();
        assert!(names.contains(&"pagefind/pagefind-ui.js"));
        assert!(names.contains(&"pagefind/wasm.en.pagefind"));
        assert!(!names
            .iter()
            .any(|n| n.starts_with("pagefind/shard-1/wasm.")));
        assert!(names
            .iter()
            .any(|n| n.starts_with("pagefind/shard-1/fragment/")));
        let shard_files: Vec<&&str> = names
            .iter()
            .filter(|n| n.starts_with("pagefind/shard-1/"))
            .collect();
        assert!(
            shard_files
                .iter()
                .all(|n| !n.ends_with(".js") && !n.ends_with(".css")),
            "{shard_files:?}"
        );
        assert!(
            names.iter().all(|n| n.starts_with("pagefind/")),
            "{names:?}"
        );
    }
}
