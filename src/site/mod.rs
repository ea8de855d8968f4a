//! Everything that needs all articles at once: ordering, unique permalinks, the lead story and
//! front-page pagination. O(n log n): one sort, one pass of claims.

pub mod dates;
pub mod permalink;

use serde::Serialize;

use crate::config::Config;
use crate::model::Article;
use crate::slug::slugify;
use permalink::{article_dir, DirClaims};

/// An article placed in the site.
#[derive(Debug, Clone, Serialize)]
pub struct Story {
    #[serde(flatten)]
    pub article: Article,
    /// The folder the article's page is written to, relative to the site root (`2023/06/16/x/`).
    pub dir: String,
    /// The link to the article relative to the site root (the folder, or its `index.html`).
    pub link: String,
    /// The absolute URL under `base_url`.
    pub url: String,
    /// The date for readers, in the site's time zone (`June 16, 2023`).
    pub date_display: Option<String>,
    /// The date for machines (`<time datetime>`).
    pub date_iso: Option<String>,
    pub updated_display: Option<String>,
    pub updated_iso: Option<String>,
    pub reading_minutes: usize,
}

/// The whole site: stories newest first.
#[derive(Debug)]
pub struct Site {
    pub stories: Vec<Story>,
    /// Index into `stories` of the lead story.
    pub lead: Option<usize>,
}

/// Words a reader gets through in a minute, for reading-time estimates.
const WORDS_PER_MINUTE: usize = 230;

/// The link to a folder relative to the site root: the folder itself with pretty URLs, its
/// `index.html` otherwise (which works from disk and on every host).
pub fn folder_link(dir: &str, pretty: bool) -> String {
    if pretty {
        dir.to_string()
    } else {
        format!("{dir}index.html")
    }
}

impl Site {
    /// Orders and places the articles. Drafts are left out.
    pub fn new(articles: Vec<Article>, config: &Config) -> Site {
        let mut articles: Vec<Article> = articles.into_iter().filter(|a| !a.draft).collect();
        // Newest first; undated stories after dated ones; ties broken by source path so the
        // order never depends on the file system.
        articles.sort_by(|a, b| {
            let key = |x: &Article| x.date.map(|d| d.sort_key());
            key(b).cmp(&key(a)).then_with(|| a.source.cmp(&b.source))
        });
        // Folders are claimed in source order, so which of two same-headline stories gets the
        // plain slug does not change when a newer story arrives.
        let mut by_source: Vec<usize> = (0..articles.len()).collect();
        by_source.sort_by(|&a, &b| articles[a].source.cmp(&articles[b].source));
        let mut claims = DirClaims::new();
        let mut dirs = vec![String::new(); articles.len()];
        for i in by_source {
            let a = &articles[i];
            let mut slug = a.slug.as_deref().map(slugify).unwrap_or_default();
            if slug.is_empty() {
                slug = slugify(&a.headline);
            }
            let dir = article_dir(&config.site.permalink, a.date.as_ref(), &slug);
            dirs[i] = claims.claim(&dir);
        }
        let pretty = config.site.pretty_urls;
        let stories: Vec<Story> = articles
            .into_iter()
            .zip(dirs)
            .map(|(article, dir)| {
                let link = folder_link(&dir, pretty);
                let url = format!("{}{}", config.site.base_url, link);
                let tz = config.timezone;
                Story {
                    date_display: article.date.map(|d| dates::human(&d, tz)),
                    date_iso: article.date.map(|d| dates::machine(&d, tz)),
                    updated_display: article.updated.map(|d| dates::human(&d, tz)),
                    updated_iso: article.updated.map(|d| dates::machine(&d, tz)),
                    reading_minutes: article.word_count.div_ceil(WORDS_PER_MINUTE).max(1),
                    article,
                    dir,
                    link,
                    url,
                }
            })
            .collect();
        let lead = stories
            .iter()
            .position(|s| s.article.lead)
            .or((!stories.is_empty()).then_some(0));
        Site { stories, lead }
    }
}
