//! Offline search: the search records are indexed with Pagefind, used as a library, and its bundle
//! (index, WASM and UI) is written into the site under `pagefind/`. Nothing to install or run
//! besides `broadsheet build`; the search works on any static host and under a sub-path.

use std::collections::BTreeMap;

use pagefind::api::{CustomRecord, PagefindIndex};
use pagefind::options::PagefindServiceConfig;

use crate::publish::search::{shard_dir, SearchRecord};

/// Why the search index could not be built.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("cannot start the search indexer: {0}")]
    Runtime(#[source] std::io::Error),
    #[error("the search indexer refused its settings: {0}")]
    Setup(String),
    #[error("cannot start the search indexer's threads: {0}")]
    Pool(String),
    #[error("the search indexer refused one of the stories {first} to {last}: {message}")]
    Records {
        first: String,
        last: String,
        message: String,
    },
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
/// Shards are indexed one after another, each on a pool of its own threads beside the
/// rendering of the pages: two shards indexed at once took the default build at 10,000
/// articles (two shards) from about 235 MB to about 310 MB at its peak, and made it no faster
/// (measured 2026-12-02, `benches/results/`).
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
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cores)
        .thread_name(|n| format!("search-{n}"))
        .build()
        .map_err(|e| SearchError::Pool(e.to_string()))?;
    for (shard, stories) in members.iter().enumerate() {
        if (sharding.wanted)(shard) {
            index_shard(&pool, shard, stories, language, &record, &write)?;
        }
    }
    Ok(())
}

/// Stories whose records are made and fossicked together, on every core of the search's pool:
/// enough to keep the cores busy, few enough that a batch's records and words take a few MB.
const RECORDS_PER_BATCH: usize = 128;

/// Indexes one shard's stories with Pagefind, in the order given, and writes its files. The
/// first shard keeps Pagefind's whole bundle; the others keep only what `mergeIndex` loads.
/// `language` is the site's BCP 47 tag; Pagefind wants its primary language code. Runs on
/// `pool`, where the records are made and fossicked, a batch at a time, on every core: its own
/// threads, so that indexing shares the cores with the rendering beside it rather than waiting
/// behind it in rayon's global pool.
fn index_shard<E>(
    pool: &rayon::ThreadPool,
    index: usize,
    stories: &[usize],
    language: &str,
    record: &(impl Fn(usize) -> Result<SearchRecord, E> + Sync),
    write: &(impl Fn(&str, &[u8]) -> Result<(), E> + Sync),
) -> Result<(), E>
where
    E: From<SearchError> + Send,
{
    use rayon::prelude::*;
    // Only the bundle's assembly is async (Pagefind's files are written through tokio's).
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(SearchError::Runtime)?;
    let primary = crate::config::primary_language(language);
    let dir = shard_dir(index);
    let fragment_files = stories.len().div_ceil(FRAGMENTS_PER_FILE).max(1);
    let options = PagefindServiceConfig::builder()
        .force_language(primary.clone())
        // Each record is folded into the index as it is added (vendor/pagefind/PATCHES.md), so
        // a shard holds its index, not every record until the end.
        .fold_records_as_added(true)
        .max_fragments(fragment_files as u32)
        .build();
    let mut pagefind =
        PagefindIndex::new(Some(options)).map_err(|e| SearchError::Setup(e.to_string()))?;
    let files = pool.install(|| -> Result<_, E> {
        for batch in stories.chunks(RECORDS_PER_BATCH) {
            let records = batch
                .par_iter()
                .map(|&i| record(i))
                .collect::<Result<Vec<SearchRecord>, E>>()?;
            let first = records.first().map(|r| r.url.clone()).unwrap_or_default();
            let last = records.last().map(|r| r.url.clone()).unwrap_or_default();
            let records = records
                .into_iter()
                .map(|record| CustomRecord {
                    url: record.url,
                    content: record.content,
                    language: primary.clone(),
                    meta: Some(BTreeMap::from([("title".to_string(), record.title)])),
                    filters: None,
                    sort: None,
                })
                .collect();
            pagefind
                .add_custom_records_blocking(records)
                .map_err(|e| SearchError::Records {
                    first,
                    last,
                    message: e.to_string(),
                })?;
        }
        runtime
            .block_on(pagefind.get_files())
            .map_err(|e| E::from(SearchError::Bundle(e.to_string())))
    })?;
    // A file per group of excerpts: writing them on every core beats one after another.
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
