//! Offline search: articles are indexed with Pagefind, used as a library, and its bundle
//! (index, WASM and UI) is written into the site under `pagefind/`. Nothing to install or run
//! besides `broadsheet build`; the search works on any static host and under a sub-path.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// The files of the search bundle: paths relative to the site root, and their bytes.
pub type SearchBundle = Vec<(String, Vec<u8>)>;

#[derive(Debug, thiserror::Error)]
#[error("search index: {0}")]
pub struct SearchError(String);

/// One article as the search index takes it.
pub struct SearchRecord {
    /// The article's URL from the site root (`/2023/06/16/slug/index.html`); the search page
    /// puts the site's own root in front of it, wherever the site is published.
    pub url: String,
    /// The headline as plain text: Pagefind's result list shows it as text, not HTML.
    pub title: String,
    /// The article's text: headline, dek, byline and body, as HTML text (see [`record_text`]).
    pub content: String,
}

/// What search indexes of an article: headline, dek, bylines and the body's text, with `&`, `<`
/// and `>` escaped, because Pagefind's result list shows excerpts as HTML. Quotes stay as they
/// are, as in a page's own text: Pagefind indexes an entity's letters and digits as words.
pub fn record_text(a: &crate::model::Article) -> String {
    let mut text = String::with_capacity(a.word_count * 7);
    for part in std::iter::once(a.headline.as_str())
        .chain(a.dek.as_deref())
        .chain(a.bylines.iter().map(String::as_str))
        .chain(a.sections.iter().flat_map(|s| {
            s.heading
                .as_deref()
                .into_iter()
                .chain(s.blocks.iter().map(|b| b.text.as_str()))
        }))
    {
        text.push_str(&crate::html::escape_text(part));
        text.push_str(".\n");
    }
    text
}

/// Articles per search shard. Pagefind indexes one shard on one thread, so a large site is
/// split into shards indexed side by side, and the search page merges them (Pagefind's
/// `mergeIndex`). The count depends only on the number of articles, never on the machine, so
/// the same site always gives the same bundle.
const ARTICLES_PER_SHARD: usize = 5_000;
/// Each shard costs the search page one more index to load and ask (its metadata, and the
/// chunks a query needs), so even the largest archive is split no further than this.
const MAX_SHARDS: usize = 4;

/// How many shards a site of `articles` articles gets: one up to 5,000 articles.
pub fn shard_count(articles: usize) -> usize {
    articles.div_ceil(ARTICLES_PER_SHARD).clamp(1, MAX_SHARDS)
}

/// Where shard `index`'s bundle goes, relative to the site root: the first is the whole bundle
/// at `pagefind/`, the others only their index, at `pagefind/shard-N/`.
pub fn shard_dir(index: usize) -> String {
    if index == 0 {
        "pagefind/".to_string()
    } else {
        format!("pagefind/shard-{index}/")
    }
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
                .map(|handle| {
                    handle.join().unwrap_or_else(|_| {
                        Err(SearchError("a search shard stopped unexpectedly".into()))
                    })
                })
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
        .map_err(|e| SearchError(e.to_string()))?;
    let primary = crate::config::primary_language(language);
    let dir = shard_dir(index);
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .force_language(primary.clone())
            .build();
        let mut pagefind =
            PagefindIndex::new(Some(options)).map_err(|e| SearchError(e.to_string()))?;
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
                .map_err(|e| SearchError(format!("{}: {e}", record.url)))?;
        }
        let files = pagefind
            .get_files()
            .await
            .map_err(|e| SearchError(e.to_string()))?;
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

    #[test]
    fn a_record_is_html_text_with_quotes_as_written() {
        use crate::extract::{extract, ExtractOptions, Seed};
        let text = "Biden's \"deal\" & the <b>Senate</b>\n\nBy Ann O'Neil\n\nJune 16, 2023\n\n\
                    WASHINGTON (AP) — The bill's \"last\" step & <script>x</script>.\n";
        let seed = Seed {
            source: "a.txt",
            file_name: "a.txt",
            text,
            format: crate::model::SeedFormat::Text,
            sidecar: None,
        };
        let article = extract(&seed, &ExtractOptions::default()).unwrap();
        let record = record_text(&article);
        assert!(
            record.starts_with("Biden's \"deal\" &amp; the &lt;b&gt;Senate&lt;/b&gt;.\n"),
            "{record}"
        );
        assert!(record.contains("Ann O'Neil.\n"), "{record}");
        assert!(
            record.contains("The bill's \"last\" step &amp; &lt;script&gt;x&lt;/script&gt;."),
            "{record}"
        );
    }

    #[test]
    fn shards_follow_the_number_of_articles_only() {
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(1), 1);
        assert_eq!(shard_count(5_000), 1);
        assert_eq!(shard_count(5_001), 2);
        assert_eq!(shard_count(10_000), 2);
        assert_eq!(shard_count(10_001), 3);
        assert_eq!(shard_count(1_000_000), MAX_SHARDS);
        assert_eq!(shard_dir(0), "pagefind/");
        assert_eq!(shard_dir(2), "pagefind/shard-2/");
    }

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
