//! Search records: what the offline search index holds of each story, and how the index is
//! laid out in shards. The records are made from each story's metadata and its body read back
//! from the store, so no story's search text is held in memory beside the site.

use super::{PublishError, Publisher};
use crate::model::{Article, Body};
use crate::urls;

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
pub fn record_text(a: &Article, body: &Body) -> String {
    let mut text = String::with_capacity(a.word_count * 7);
    for part in std::iter::once(a.headline.as_str())
        .chain(a.dek.as_deref())
        .chain(a.bylines.iter().map(String::as_str))
        .chain(body.sections.iter().flat_map(|s| {
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

/// Articles per search shard. An index being built holds one shard, and a changed story costs
/// the indexing of its shard alone, so a large site is split into shards, and the search page
/// merges them (Pagefind's `mergeIndex`). The count depends only on the number of articles, never on the machine, so
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
        urls::PAGEFIND.to_string()
    } else {
        format!("{}shard-{index}/", urls::PAGEFIND)
    }
}

/// The entry file of shard `index`'s bundle (`pagefind-entry.json`), relative to the site root.
pub fn shard_entry(index: usize) -> String {
    format!("{}pagefind-entry.json", shard_dir(index))
}

impl Publisher<'_> {
    /// The search shard of story `i` in an index of `shards`: dealt by a fingerprint of its
    /// link, which is the story's own and stays when other stories come and go.
    pub fn shard_of(&self, i: usize, shards: usize) -> usize {
        let link = &self.site.stories[i].link;
        (crate::fingerprint::Fingerprint::of_bytes(link.as_bytes()).0 % shards.max(1) as u128)
            as usize
    }

    /// The shard a file of the search bundle (site-relative) belongs to.
    pub fn shard_of_file(path: &str) -> Option<usize> {
        let inside = path.strip_prefix(urls::PAGEFIND)?;
        let shard = inside
            .strip_prefix("shard-")
            .and_then(|rest| rest.split_once('/'))
            .and_then(|(n, _)| n.parse().ok());
        Some(shard.unwrap_or(0))
    }

    /// Story `i`'s search record.
    pub fn search_record(&self, i: usize) -> Result<SearchRecord, PublishError> {
        let story = &self.site.stories[i];
        Ok(SearchRecord {
            url: format!("/{}", story.link),
            title: story.article.headline.clone(),
            content: record_text(&story.article, &self.body(i)?),
        })
    }
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
            picture: None,
        };
        let e = extract(&seed, &ExtractOptions::default()).unwrap();
        let record = record_text(&e.article, &e.body);
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
        for k in 0..3 {
            assert_eq!(Publisher::shard_of_file(&shard_entry(k)), Some(k));
        }
        assert_eq!(
            Publisher::shard_of_file("pagefind/shard-2/index/en_1.pf_index"),
            Some(2)
        );
        assert_eq!(Publisher::shard_of_file("pagefind/pagefind-ui.js"), Some(0));
        assert_eq!(Publisher::shard_of_file("search/index.html"), None);
    }
}
