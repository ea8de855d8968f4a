//! Offline search: the search records are indexed with Pagefind, used as a library, and its bundle
//! (index, WASM and UI) is written into the site under `pagefind/`. Nothing to install or run
//! besides `broadsheet build`; the search works on any static host and under a sub-path.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::publish::search::{shard_count, shard_dir, SearchRecord};

/// The files of the search bundle: paths relative to the site root, and their bytes.
pub type SearchBundle = Vec<(String, Vec<u8>)>;

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

/// Builds the search bundle from the articles' text, given in site order. Records are dealt
/// to [`shard_count`] shards in turn, so every shard holds stories of every period and their
/// word statistics, which rank the merged results, stay alike.
pub fn index_records(
    records: Vec<SearchRecord>,
    language: &str,
) -> Result<SearchBundle, SearchError> {
    let shards = shard_count(records.len());
    index_in_shards(records, language, shards)
}

/// [`index_records`] with the number of shards given.
fn index_in_shards(
    records: Vec<SearchRecord>,
    language: &str,
    shards: usize,
) -> Result<SearchBundle, SearchError> {
    let mut dealt: Vec<Vec<SearchRecord>> = (0..shards)
        .map(|_| Vec::with_capacity(records.len().div_ceil(shards)))
        .collect();
    for (n, record) in records.into_iter().enumerate() {
        dealt[n % shards].push(record);
    }
    // Pagefind holds every record it has read until it writes its index, far more than the
    // record itself, so no more shards are indexed at once than there are cores to run them.
    let at_once = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut bundle = SearchBundle::new();
    let mut waiting = dealt.into_iter().enumerate().peekable();
    while waiting.peek().is_some() {
        let wave: Vec<(usize, Vec<SearchRecord>)> = waiting.by_ref().take(at_once).collect();
        let results: Vec<Result<SearchBundle, SearchError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = wave
                .into_iter()
                .map(|(index, records)| scope.spawn(move || index_shard(index, records, language)))
                .collect();
            handles
                .into_iter()
                .map(|handle| handle.join().unwrap_or(Err(SearchError::Stopped)))
                .collect()
        });
        for shard in results {
            bundle.extend(shard?);
        }
    }
    Ok(bundle)
}

/// Indexes one shard's records with Pagefind, in the order given. The first shard keeps
/// Pagefind's whole bundle; the others keep only what `mergeIndex` loads.
/// `language` is the site's BCP 47 tag; Pagefind wants its primary language code.
fn index_shard(
    index: usize,
    records: Vec<SearchRecord>,
    language: &str,
) -> Result<SearchBundle, SearchError> {
    // add_custom_record hands each record to a blocking task; one thread runs them all.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(SearchError::Runtime)?;
    let primary = crate::config::primary_language(language);
    let dir = shard_dir(index);
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .force_language(primary.clone())
            .build();
        let mut pagefind =
            PagefindIndex::new(Some(options)).map_err(|e| SearchError::Setup(e.to_string()))?;
        for record in records {
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
        let files = pagefind
            .get_files()
            .await
            .map_err(|e| SearchError::Bundle(e.to_string()))?;
        Ok(files
            .into_iter()
            .filter_map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                let name = name.trim_start_matches("./");
                let name = name.strip_prefix("pagefind/").unwrap_or(name);
                (index == 0 || merged_index_needs(name))
                    .then(|| (format!("{dir}{name}"), f.contents))
            })
            .collect())
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

    /// The number of pages a bundle's `pagefind-entry.json` (at `dir`) says its index holds.
    fn page_count(bundle: &SearchBundle, dir: &str) -> u64 {
        let entry = bundle
            .iter()
            .find(|(name, _)| *name == format!("{dir}pagefind-entry.json"))
            .unwrap_or_else(|| panic!("no entry for {dir}"));
        let json: serde_json::Value = serde_json::from_slice(&entry.1).unwrap();
        json["languages"]["en"]["page_count"].as_u64().unwrap()
    }

    #[test]
    fn records_are_dealt_to_shards_and_only_the_first_carries_the_ui() {
        let records = (0..5)
            .map(|n| SearchRecord {
                url: format!("/story-{n}/index.html"),
                title: format!("Story {n}"),
                content: format!("Harbour pilots strike for the {n}th day."),
            })
            .collect();
        let bundle = index_in_shards(records, "en-GB", 2).unwrap();
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
