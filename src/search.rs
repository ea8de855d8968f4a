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
    pub title: String,
    /// The article's text: headline, dek, byline and body.
    pub content: String,
}

/// What search indexes of an article: headline, dek, bylines and the body's text, HTML-escaped,
/// because Pagefind's result list shows excerpts as HTML.
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
        text.push_str(&crate::html::escape_html(part));
        text.push_str(".\n");
    }
    text
}

/// Builds the search bundle from the articles' text. Records are handed to Pagefind directly
/// (no HTML to parse again), in site order, so the same site always gives the same index.
/// `language` is the site's BCP 47 tag; Pagefind wants its primary language code.
pub fn index_records(
    records: Vec<SearchRecord>,
    language: &str,
) -> Result<SearchBundle, SearchError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| SearchError(e.to_string()))?;
    let primary = crate::config::primary_language(language);
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .force_language(primary.clone())
            .build();
        let mut index =
            PagefindIndex::new(Some(options)).map_err(|e| SearchError(e.to_string()))?;
        for record in records {
            let meta = std::collections::BTreeMap::from([("title".to_string(), record.title)]);
            index
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
        let files = index
            .get_files()
            .await
            .map_err(|e| SearchError(e.to_string()))?;
        Ok(files
            .into_iter()
            .map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                let name = name.trim_start_matches("./").to_string();
                let name = if name.starts_with("pagefind/") {
                    name
                } else {
                    format!("pagefind/{name}")
                };
                (name, f.contents)
            })
            .collect())
    })
}
