//! Offline search: article pages are indexed with Pagefind, used as a library, and its bundle
//! (index, WASM and UI) is written into the site under `pagefind/`. Nothing to install or run
//! besides `broadsheet build`; the search works on any static host and under a sub-path.

use std::path::Path;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// The files of the search bundle: paths relative to the site root, and their bytes.
pub type SearchBundle = Vec<(String, Vec<u8>)>;

#[derive(Debug, thiserror::Error)]
#[error("search index: {0}")]
pub struct SearchError(String);

/// Indexes the article pages (site-relative paths of files already written under `site_dir`).
/// `language` is the site's BCP 47 tag; Pagefind wants its primary language code.
pub fn index_articles(
    site_dir: &Path,
    article_paths: &[String],
    language: &str,
    keep_index_url: bool,
) -> Result<SearchBundle, SearchError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| SearchError(e.to_string()))?;
    let primary = language
        .split(['-', '_'])
        .next()
        .unwrap_or("en")
        .to_ascii_lowercase();
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .keep_index_url(keep_index_url)
            .force_language(primary)
            .build();
        let mut index =
            PagefindIndex::new(Some(options)).map_err(|e| SearchError(e.to_string()))?;
        // Added one by one in site order, so the same site always gives the same index.
        for path in article_paths {
            let html = std::fs::read_to_string(site_dir.join(path))
                .map_err(|e| SearchError(format!("{path}: {e}")))?;
            index
                .add_html_file(Some(path.clone()), None, html)
                .await
                .map_err(|e| SearchError(format!("{path}: {e}")))?;
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
