//! The site's pages: which pages there are, and the context each template receives.

use rayon::prelude::*;
use serde::Serialize;

use crate::bodies::BodyStore;
use crate::cards::CardCache;
use crate::config::{Config, SiteConfig};
use crate::model::Section;
use crate::render::{RenderError, Renderer};
use crate::site::archive::{MonthArchive, YearArchive};
use crate::site::groups::Group;
use crate::site::{folder_link, Site, Story, StoryCard, StoryLink};

/// The site settings templates see.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    publisher: &'a str,
    description: &'a str,
    base_url: &'a str,
    language: &'a str,
}

#[derive(Serialize)]
struct PageView {
    title: String,
    description: String,
    canonical: String,
    kind: &'static str,
    /// `article` for article pages, `website` for the rest (OpenGraph).
    og_type: &'static str,
    /// An absolute image URL for previews (the publisher's logo).
    image: String,
    /// Feeds to announce with `<link rel="alternate">`.
    feeds: Vec<FeedLink>,
    /// Structured data for the page, ready for a `<script type="application/ld+json">`.
    json_ld: Option<String>,
    /// Whether search engines should leave the page out (search and 404 pages).
    noindex: bool,
}

/// A feed announced in a page's head.
#[derive(Serialize, Clone)]
struct FeedLink {
    mime: &'static str,
    title: String,
    href: String,
}

/// The feed formats broadsheet writes, with their file names.
#[derive(Debug, Clone, Copy)]
pub enum FeedFormat {
    Rss,
    Atom,
    Json,
}

impl FeedFormat {
    const ALL: [FeedFormat; 3] = [FeedFormat::Rss, FeedFormat::Atom, FeedFormat::Json];

    fn file(self) -> &'static str {
        match self {
            FeedFormat::Rss => "feed.xml",
            FeedFormat::Atom => "atom.xml",
            FeedFormat::Json => "feed.json",
        }
    }
    fn template(self) -> &'static str {
        match self {
            FeedFormat::Rss => "rss.xml",
            FeedFormat::Atom => "atom.xml",
            FeedFormat::Json => "feed.json",
        }
    }
    fn mime(self) -> &'static str {
        match self {
            FeedFormat::Rss => "application/rss+xml",
            FeedFormat::Atom => "application/atom+xml",
            FeedFormat::Json => "application/feed+json",
        }
    }
    fn label(self) -> &'static str {
        match self {
            FeedFormat::Rss => "RSS",
            FeedFormat::Atom => "Atom",
            FeedFormat::Json => "JSON Feed",
        }
    }
}

/// A feed's own description.
#[derive(Serialize)]
struct FeedView {
    title: String,
    description: String,
    /// The page the feed belongs to (absolute).
    home: String,
    /// The feed's own URL (absolute).
    self_url: String,
    /// The newest item's date, RFC 3339 and RFC 822.
    updated: String,
    updated_rfc822: String,
}

/// A story in a feed, with the HTML the feed carries for it.
#[derive(Serialize)]
struct FeedItem<'a> {
    #[serde(flatten)]
    story: StoryCard<'a>,
    content_html: String,
}

/// One URL of a sitemap.
#[derive(Serialize)]
struct SitemapUrl {
    loc: String,
    lastmod: Option<String>,
}

/// The most URLs one sitemap file may hold (sitemaps.org); past it, a sitemap index.
pub const SITEMAP_LIMIT: usize = 50_000;
/// Google News sitemaps: at most 1,000 articles from the last two days.
const NEWS_LIMIT: usize = 1_000;
const NEWS_WINDOW_HOURS: i64 = 48;

#[derive(Serialize)]
struct Pagination {
    number: usize,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
}

/// What a listing page (topic, author, source, year, month) or index page is about.
#[derive(Serialize)]
struct ListingView {
    kind: &'static str,
    name: String,
    count: usize,
    link: String,
}

/// Everything a template receives. Fields that do not apply to a page are left out.
#[derive(Serialize)]
struct PageContext<'a> {
    site: SiteView<'a>,
    /// The way from this page back to the site root (`./`, `../../`).
    root: String,
    /// The front page's link relative to the root.
    home: &'static str,
    /// Static files by name → published path relative to the root (`static/style.3f9a1c2e.css`).
    assets: &'a std::collections::BTreeMap<String, String>,
    page: PageView,
    #[serde(skip_serializing_if = "Option::is_none")]
    article: Option<ArticleView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    related: Option<Vec<StoryLink<'a>>>,
    /// The next older story.
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<StoryLink<'a>>,
    /// The next newer story.
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<StoryLink<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lead: Option<StoryCard<'a>>,
    /// A listing's stories as HTML, each rendered once through `card.html` (see [`CardCache`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    cards: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pagination: Option<Pagination>,
    #[serde(skip_serializing_if = "Option::is_none")]
    listing: Option<ListingView>,
    /// Index pages: the topics, authors or sources with their counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    terms: Option<&'a [Group]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    years: Option<&'a [YearArchive]>,
    /// A year page's months.
    #[serde(skip_serializing_if = "Option::is_none")]
    months: Option<&'a [MonthArchive]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    feed: Option<FeedView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    items: Option<Vec<FeedItem<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    urls: Option<Vec<SitemapUrl>>,
    /// The sitemap index's sitemaps, and robots.txt's.
    #[serde(skip_serializing_if = "Option::is_none")]
    sitemaps: Option<Vec<String>>,
    /// The site's primary language code (`en` for `en-GB`), for the news sitemap.
    language_code: String,
    /// The search page: the search index's further shards (`pagefind/shard-1/`…, relative to
    /// the root), which the page merges into the first one's results.
    #[serde(skip_serializing_if = "Option::is_none")]
    search_shards: Option<Vec<String>>,
}

/// An article page's story, with its body read back from the store.
#[derive(Serialize)]
struct ArticleView<'a> {
    #[serde(flatten)]
    story: &'a Story,
    sections: Vec<Section>,
}

/// What the context of `card.html` holds: the story and the page's way to the root.
#[derive(Serialize)]
struct CardContext<'a> {
    site: SiteView<'a>,
    story: StoryCard<'a>,
    root: &'a str,
}

/// Which kind of group a listing shows.
#[derive(Debug, Clone, Copy)]
pub enum GroupKind {
    Topic,
    Author,
    Source,
}

impl GroupKind {
    fn name(self) -> &'static str {
        match self {
            GroupKind::Topic => "topic",
            GroupKind::Author => "author",
            GroupKind::Source => "source",
        }
    }
    fn index_dir(self) -> &'static str {
        match self {
            GroupKind::Topic => "topics/",
            GroupKind::Author => "authors/",
            GroupKind::Source => "sources/",
        }
    }
    fn index_title(self) -> &'static str {
        match self {
            GroupKind::Topic => "Topics",
            GroupKind::Author => "Authors",
            GroupKind::Source => "Sources",
        }
    }
}

/// One page to render.
#[derive(Debug, Clone, Copy)]
pub enum PageJob {
    Front(usize),
    Article(usize),
    NotFound,
    Group(GroupKind, usize, usize),
    GroupIndex(GroupKind),
    Year(usize, usize),
    Month(usize, usize, usize),
    ArchiveIndex,
    Search,
    /// The site's feed (`None`) or a topic's or author's.
    Feed(Option<(GroupKind, usize)>, FeedFormat),
}

/// Cuts a sitemap's URLs into files of at most `limit`.
fn split_sitemap<T>(mut urls: Vec<T>, limit: usize) -> Vec<Vec<T>> {
    let mut parts = Vec::new();
    while !urls.is_empty() {
        let tail = urls.split_off(urls.len().min(limit));
        parts.push(urls);
        urls = tail;
    }
    parts
}

/// A body as HTML, for full-text feeds.
fn body_html(sections: &[Section]) -> String {
    let mut html = String::new();
    for section in sections {
        if let Some(heading) = &section.heading {
            html.push_str(&format!("<h2>{}</h2>", crate::html::escape_html(heading)));
        }
        for block in &section.blocks {
            html.push_str(&block.html);
        }
    }
    html
}

/// The relative way up from a file at `path` to the site root.
pub fn root_from(path: &str) -> String {
    let depth = path.matches('/').count();
    if depth == 0 {
        "./".into()
    } else {
        "../".repeat(depth)
    }
}

/// The folder of page `n` (1-based) of a listing at `dir` (the front page's is the root).
fn page_dir(dir: &str, n: usize) -> String {
    if n == 1 {
        dir.to_string()
    } else {
        format!("{dir}page/{n}/")
    }
}

/// Pages a listing of `count` stories needs.
fn listing_pages(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page).max(1)
}

/// Number of front pages: page 1 holds the lead and `per_page - 1` others.
pub fn front_page_count(stories: usize, per_page: usize) -> usize {
    if stories <= per_page {
        1
    } else {
        1 + (stories - per_page).div_ceil(per_page)
    }
}

/// Renders the pages of one site.
pub struct Pages<'a> {
    pub config: &'a Config,
    pub site: &'a Site,
    pub renderer: &'a Renderer,
    /// Static file name → its published (fingerprinted) path.
    pub assets: &'a std::collections::BTreeMap<String, String>,
    /// Listing cards already rendered, one slot per story and depth.
    pub cards: &'a CardCache,
    /// The articles' bodies.
    pub bodies: &'a BodyStore,
}

impl<'a> Pages<'a> {
    /// Every page of the site, in a stable order.
    pub fn jobs(&self) -> Vec<PageJob> {
        let per_page = self.config.site.articles_per_page;
        let mut jobs: Vec<PageJob> = (1..=front_page_count(self.site.stories.len(), per_page))
            .map(PageJob::Front)
            .collect();
        jobs.extend((0..self.site.stories.len()).map(PageJob::Article));
        for kind in [GroupKind::Topic, GroupKind::Author, GroupKind::Source] {
            jobs.push(PageJob::GroupIndex(kind));
            for (g, group) in self.groups(kind).iter().enumerate() {
                for n in 1..=listing_pages(group.count, per_page) {
                    jobs.push(PageJob::Group(kind, g, n));
                }
            }
        }
        jobs.push(PageJob::ArchiveIndex);
        for (y, year) in self.site.years.iter().enumerate() {
            for n in 1..=listing_pages(year.count, per_page) {
                jobs.push(PageJob::Year(y, n));
            }
            for (m, month) in year.months.iter().enumerate() {
                for n in 1..=listing_pages(month.count, per_page) {
                    jobs.push(PageJob::Month(y, m, n));
                }
            }
        }
        jobs.push(PageJob::Search);
        jobs.push(PageJob::NotFound);
        for format in FeedFormat::ALL {
            jobs.push(PageJob::Feed(None, format));
            for kind in [GroupKind::Topic, GroupKind::Author] {
                for g in 0..self.groups(kind).len() {
                    if self.has_feed(kind, g) {
                        jobs.push(PageJob::Feed(Some((kind, g)), format));
                    }
                }
            }
        }
        jobs
    }

    fn site_view(&self) -> SiteView<'a> {
        let s: &'a SiteConfig = &self.config.site;
        SiteView {
            title: &s.title,
            publisher: &s.publisher,
            description: &s.description,
            base_url: &s.base_url,
            language: &s.language,
        }
    }

    fn home(&self) -> &'static str {
        if self.config.site.pretty_urls {
            ""
        } else {
            "index.html"
        }
    }

    fn link(&self, dir: &str) -> String {
        folder_link(dir, self.config.site.pretty_urls)
    }

    fn groups(&self, kind: GroupKind) -> &'a [Group] {
        match kind {
            GroupKind::Topic => &self.site.topics,
            GroupKind::Author => &self.site.authors,
            GroupKind::Source => &self.site.sources,
        }
    }

    /// A context with nothing page-specific yet, for the page `dir/index.html`.
    fn context(&self, dir: &str, title: String, kind: &'static str) -> (String, PageContext<'a>) {
        let path = format!("{dir}index.html");
        let base = &self.config.site.base_url;
        let ctx = PageContext {
            site: self.site_view(),
            root: root_from(&path),
            home: self.home(),
            assets: self.assets,
            page: PageView {
                title,
                description: self.config.site.description.clone(),
                canonical: format!("{base}{}", self.link(dir)),
                kind,
                og_type: "website",
                image: format!("{base}{}", self.config.site.logo),
                feeds: self.feed_links("", &self.config.site.title),
                json_ld: None,
                noindex: matches!(kind, "search" | "404"),
            },
            article: None,
            related: None,
            previous: None,
            next: None,
            lead: None,
            cards: None,
            pagination: None,
            listing: None,
            terms: None,
            years: None,
            months: None,
            feed: None,
            items: None,
            urls: None,
            sitemaps: None,
            language_code: crate::config::primary_language(&self.config.site.language),
            search_shards: None,
        };
        (path, ctx)
    }

    /// The three feeds of the folder `dir` (the site's when empty), for page heads.
    fn feed_links(&self, dir: &str, title: &str) -> Vec<FeedLink> {
        FeedFormat::ALL
            .iter()
            .map(|f| FeedLink {
                mime: f.mime(),
                title: format!("{title} ({})", f.label()),
                href: format!("{}{dir}{}", self.config.site.base_url, f.file()),
            })
            .collect()
    }

    /// A feed: the newest dated stories of `stories` (indices, newest first).
    fn feed(
        &self,
        dir: &str,
        title: String,
        stories: &[usize],
        format: FeedFormat,
    ) -> Result<(String, PageContext<'a>), RenderError> {
        let base = &self.config.site.base_url;
        let path = format!("{dir}{}", format.file());
        let (_, mut ctx) = self.context(dir, title.clone(), "feed");
        let dated: Vec<&Story> = stories
            .iter()
            .map(|&i| &self.site.stories[i])
            .filter(|s| s.published_rfc3339.is_some())
            .take(self.config.site.feed_items)
            .collect();
        let newest = dated.first();
        ctx.feed = Some(FeedView {
            description: if self.config.site.description.is_empty() {
                title.clone()
            } else {
                self.config.site.description.clone()
            },
            title,
            home: format!("{base}{}", self.link(dir)),
            self_url: format!("{base}{path}"),
            updated: newest
                .and_then(|s| s.published_rfc3339.clone())
                .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into()),
            updated_rfc822: newest
                .and_then(|s| s.published_rfc822.clone())
                .unwrap_or_else(|| "Thu, 1 Jan 1970 00:00:00 +0000".into()),
        });
        let full = self.config.site.feed_full_text;
        ctx.items = Some(
            dated
                .into_iter()
                .map(|story| {
                    Ok(FeedItem {
                        content_html: if full {
                            body_html(&self.body(story)?)
                        } else {
                            format!(
                                "<p>{}</p>",
                                crate::html::escape_html(&story.article.summary)
                            )
                        },
                        story: story.card(),
                    })
                })
                .collect::<Result<_, RenderError>>()?,
        );
        Ok((path, ctx))
    }

    /// A story's body, read back from the store.
    fn body(&self, story: &Story) -> Result<Vec<Section>, RenderError> {
        self.bodies
            .get(story.body)
            .map_err(|source| RenderError::Body {
                file: story.article.source.clone(),
                source,
            })
    }

    fn pagination(&self, dir: &str, n: usize, total: usize) -> Pagination {
        Pagination {
            number: n,
            total,
            previous: (n > 1).then(|| self.link(&page_dir(dir, n - 1))),
            next: (n < total).then(|| self.link(&page_dir(dir, n + 1))),
        }
    }

    /// Page `n` of a paginated list of stories at `dir`.
    fn listing(
        &self,
        dir: &str,
        n: usize,
        stories: &[usize],
        view: ListingView,
    ) -> Result<(String, PageContext<'a>), RenderError> {
        let per_page = self.config.site.articles_per_page;
        let total = listing_pages(stories.len(), per_page);
        let title = if n == 1 {
            format!("{} — {}", view.name, self.config.site.title)
        } else {
            format!("{}, page {n} — {}", view.name, self.config.site.title)
        };
        let (path, mut ctx) = self.context(&page_dir(dir, n), title, "listing");
        let start = ((n - 1) * per_page).min(stories.len());
        let end = (start + per_page).min(stories.len());
        ctx.cards = Some(self.cards(&stories[start..end], &ctx.root)?);
        ctx.pagination = Some(self.pagination(dir, n, total));
        ctx.page.description = format!("Stories filed under {} ({}).", view.name, view.count);
        ctx.listing = Some(view);
        Ok((path, ctx))
    }

    /// The cards of `stories` for a page whose way to the root is `root`.
    fn cards(&self, stories: &[usize], root: &str) -> Result<Vec<String>, RenderError> {
        stories
            .iter()
            .map(|&i| {
                self.cards.get(i, root, |root| {
                    let context = CardContext {
                        site: self.site_view(),
                        story: self.site.stories[i].card(),
                        root,
                    };
                    self.renderer.render("card.html", &context)
                })
            })
            .collect()
    }

    fn front(&self, n: usize) -> Result<(String, PageContext<'a>), RenderError> {
        let per_page = self.config.site.articles_per_page;
        let title = if n == 1 {
            self.config.site.title.clone()
        } else {
            format!("{} — page {n}", self.config.site.title)
        };
        let (path, mut ctx) = self.context(&page_dir("", n), title, "front");
        // Page 1 shows the lead story on its own, then the rest; the lead is not repeated.
        // Positions count the stories without the lead, mapped back to indices on the fly, so
        // each page costs its own length and not the whole archive's.
        let lead = self.site.lead;
        let others = self.site.stories.len() - usize::from(lead.is_some());
        let story_at = |k: usize| match lead {
            Some(l) if k >= l => k + 1,
            _ => k,
        };
        let first_page_room = per_page.saturating_sub(1);
        let (start, end) = if n == 1 {
            (0, first_page_room.min(others))
        } else {
            let start = first_page_room + (n - 2) * per_page;
            (start.min(others), (start + per_page).min(others))
        };
        ctx.lead = if n == 1 {
            lead.map(|i| self.site.stories[i].card())
        } else {
            None
        };
        let shown: Vec<usize> = (start..end).map(story_at).collect();
        ctx.cards = Some(self.cards(&shown, &ctx.root)?);
        let total = front_page_count(self.site.stories.len(), per_page);
        ctx.pagination = Some(self.pagination("", n, total));
        Ok((path, ctx))
    }

    fn article(&self, i: usize) -> Result<(String, PageContext<'a>), RenderError> {
        let story = &self.site.stories[i];
        let title = format!("{} — {}", story.article.headline, self.config.site.title);
        let (path, mut ctx) = self.context(&story.dir, title, "article");
        ctx.page.description = story.article.summary.clone();
        ctx.page.canonical = story.url.clone();
        ctx.page.og_type = "article";
        ctx.page.json_ld = Some(crate::jsonld::script_safe(&crate::jsonld::article_graph(
            story,
            self.config,
        )));
        ctx.article = Some(ArticleView {
            story,
            sections: self.body(story)?,
        });
        ctx.related = Some(
            self.site.related[i]
                .iter()
                .map(|&j| self.site.stories[j].story_link())
                .collect(),
        );
        ctx.previous = self.site.stories.get(i + 1).map(Story::story_link);
        ctx.next = i.checked_sub(1).map(|j| self.site.stories[j].story_link());
        Ok((path, ctx))
    }

    /// Feeds need dates: a topic or author gets feeds when one of its stories has one. Stories
    /// are ordered dated first, so the first one tells.
    fn has_feed(&self, kind: GroupKind, g: usize) -> bool {
        self.groups(kind)[g]
            .stories
            .first()
            .is_some_and(|&i| self.site.stories[i].published_rfc3339.is_some())
    }

    fn all_stories(&self) -> Vec<usize> {
        (0..self.site.stories.len()).collect()
    }

    /// The sitemaps (one, or an index and parts past [`SITEMAP_LIMIT`] URLs), the Google News
    /// sitemap and robots.txt, for the pages at `html_paths`. `now` is the moment the news
    /// sitemap's two days run back from (default: the newest story).
    pub fn sitemaps(
        &self,
        html_paths: &[String],
        now: Option<chrono::DateTime<chrono::FixedOffset>>,
    ) -> Result<Vec<(String, String)>, RenderError> {
        let base = &self.config.site.base_url;
        // Each story's last change, by its folder: a page `DIR/index.html` is a story's when
        // DIR is in here.
        let lastmod: std::collections::HashMap<&str, &str> = self
            .site
            .stories
            .iter()
            .filter_map(|s| {
                let date = s
                    .updated_rfc3339
                    .as_ref()
                    .or(s.published_rfc3339.as_ref())?;
                Some((s.dir.as_str(), date.as_str()))
            })
            .collect();
        let mut paths: Vec<&String> = html_paths
            .iter()
            .filter(|p| p.as_str() != "404.html" && p.as_str() != "search/index.html")
            .collect();
        // At 100,000 articles the sitemaps list 140,000 pages, and this whole step runs after
        // every page is written with nothing beside it: the list is made and the files
        // rendered on every core.
        paths.par_sort_unstable();
        let urls: Vec<SitemapUrl> = paths
            .par_iter()
            .map(|p| {
                let folder = p.strip_suffix("index.html");
                let link = match folder {
                    Some(dir) if self.config.site.pretty_urls => dir,
                    _ => p.as_str(),
                };
                SitemapUrl {
                    loc: format!("{base}{link}"),
                    lastmod: folder
                        .and_then(|dir| lastmod.get(dir))
                        .map(|date| date.to_string()),
                }
            })
            .collect();
        let mut out = Vec::new();
        let (_, blank) = self.context("", String::new(), "sitemap");
        let render = |template: &str, mut ctx: PageContext<'a>, urls, sitemaps| {
            ctx.urls = urls;
            ctx.sitemaps = sitemaps;
            self.renderer.render(template, &ctx)
        };
        let mut sitemap_files = Vec::new();
        if urls.len() <= SITEMAP_LIMIT {
            out.push((
                "sitemap.xml".to_string(),
                render("sitemap.xml", blank, Some(urls), None)?,
            ));
        } else {
            let parts: Vec<(String, String)> = split_sitemap(urls, SITEMAP_LIMIT)
                .into_par_iter()
                .enumerate()
                .map(|(n, chunk)| {
                    let name = format!("sitemap-{}.xml", n + 1);
                    let (_, ctx) = self.context("", String::new(), "sitemap");
                    Ok((name, render("sitemap.xml", ctx, Some(chunk), None)?))
                })
                .collect::<Result<_, RenderError>>()?;
            let index: Vec<String> = parts
                .iter()
                .map(|(name, _)| format!("{base}{name}"))
                .collect();
            out.extend(parts);
            out.push((
                "sitemap.xml".to_string(),
                render("sitemap_index.xml", blank, None, Some(index))?,
            ));
        }
        sitemap_files.push(format!("{base}sitemap.xml"));

        // The news sitemap: stories from the two days before `now` (or the newest story).
        let tz = self.config.timezone;
        let instants: Vec<(usize, chrono::DateTime<chrono::FixedOffset>)> = self
            .site
            .stories
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((i, crate::site::dates::instant(&s.article.date?, tz))))
            .collect();
        let reference = now.or_else(|| instants.iter().map(|(_, t)| *t).max());
        let mut news: Vec<FeedItem<'a>> = Vec::new();
        if let Some(reference) = reference {
            let from = reference - chrono::Duration::hours(NEWS_WINDOW_HOURS);
            news = instants
                .iter()
                .filter(|(_, t)| *t >= from && *t <= reference)
                .take(NEWS_LIMIT)
                .map(|(i, _)| FeedItem {
                    story: self.site.stories[*i].card(),
                    content_html: String::new(),
                })
                .collect();
        }
        let (_, mut ctx) = self.context("", String::new(), "sitemap");
        ctx.items = Some(news);
        out.push((
            "sitemap-news.xml".to_string(),
            self.renderer.render("news_sitemap.xml", &ctx)?,
        ));
        sitemap_files.push(format!("{base}sitemap-news.xml"));
        let (_, ctx) = self.context("", String::new(), "robots");
        out.push((
            "robots.txt".to_string(),
            render("robots.txt", ctx, None, Some(sitemap_files))?,
        ));
        Ok(out)
    }

    /// Renders one page: its output path and HTML.
    pub fn render(&self, job: PageJob) -> Result<(String, String), RenderError> {
        let (path, template, context) = match job {
            PageJob::Front(n) => {
                let (path, ctx) = self.front(n)?;
                (path, "index.html", ctx)
            }
            PageJob::Article(i) => {
                let (path, ctx) = self.article(i)?;
                (path, "article.html", ctx)
            }
            PageJob::Group(kind, g, n) => {
                let group = &self.groups(kind)[g];
                let view = ListingView {
                    kind: kind.name(),
                    name: group.name.clone(),
                    count: group.count,
                    link: group.link.clone(),
                };
                let (path, mut ctx) = self.listing(&group.dir, n, &group.stories, view)?;
                if !matches!(kind, GroupKind::Source) && self.has_feed(kind, g) {
                    ctx.page.feeds = self.feed_links(&group.dir, &group.name);
                }
                (path, "list.html", ctx)
            }
            PageJob::Feed(scope, format) => {
                let (dir, title, stories) = match scope {
                    None => (
                        String::new(),
                        self.config.site.title.clone(),
                        self.all_stories(),
                    ),
                    Some((kind, g)) => {
                        let group = &self.groups(kind)[g];
                        (
                            group.dir.clone(),
                            format!("{} — {}", group.name, self.config.site.title),
                            group.stories.clone(),
                        )
                    }
                };
                let (path, ctx) = self.feed(&dir, title, &stories, format)?;
                (path, format.template(), ctx)
            }
            PageJob::GroupIndex(kind) => {
                let dir = kind.index_dir();
                let title = format!("{} — {}", kind.index_title(), self.config.site.title);
                let (path, mut ctx) = self.context(dir, title, "index");
                ctx.terms = Some(self.groups(kind));
                ctx.listing = Some(ListingView {
                    kind: kind.name(),
                    name: kind.index_title().to_string(),
                    count: self.groups(kind).len(),
                    link: self.link(dir),
                });
                (path, "terms.html", ctx)
            }
            PageJob::Year(y, n) => {
                let year = &self.site.years[y];
                let view = ListingView {
                    kind: "year",
                    name: year.name.clone(),
                    count: year.count,
                    link: year.link.clone(),
                };
                let (path, mut ctx) = self.listing(&year.dir, n, &year.stories, view)?;
                ctx.months = Some(&year.months);
                (path, "list.html", ctx)
            }
            PageJob::Month(y, m, n) => {
                let month = &self.site.years[y].months[m];
                let view = ListingView {
                    kind: "month",
                    name: month.name.clone(),
                    count: month.count,
                    link: month.link.clone(),
                };
                let (path, ctx) = self.listing(&month.dir, n, &month.stories, view)?;
                (path, "list.html", ctx)
            }
            PageJob::ArchiveIndex => {
                let title = format!("Archive — {}", self.config.site.title);
                let (path, mut ctx) = self.context("archive/", title, "archive");
                ctx.years = Some(&self.site.years);
                (path, "archive.html", ctx)
            }
            PageJob::Search => {
                let title = format!("Search — {}", self.config.site.title);
                let (path, mut ctx) = self.context("search/", title, "search");
                let shards = crate::search::shard_count(self.site.stories.len());
                ctx.search_shards = Some((1..shards).map(crate::search::shard_dir).collect());
                (path, "search.html", ctx)
            }
            PageJob::NotFound => {
                let title = format!("Page not found — {}", self.config.site.title);
                let (_, mut ctx) = self.context("", title, "404");
                // Hosts serve 404.html at any depth, so its links are absolute.
                ctx.root = self.config.site.base_url.clone();
                ctx.page.canonical = format!("{}404.html", self.config.site.base_url);
                ("404.html".to_string(), "404.html", ctx)
            }
        };
        let html = self.renderer.render(template, &context)?;
        Ok((path, html))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_page_counts() {
        assert_eq!(front_page_count(0, 10), 1);
        assert_eq!(front_page_count(1, 10), 1);
        assert_eq!(front_page_count(10, 10), 1);
        assert_eq!(front_page_count(11, 10), 2);
        assert_eq!(front_page_count(20, 10), 2);
        assert_eq!(front_page_count(21, 10), 3);
        assert_eq!(listing_pages(0, 10), 1);
        assert_eq!(listing_pages(10, 10), 1);
        assert_eq!(listing_pages(11, 10), 2);
    }

    #[test]
    fn sitemaps_split_at_the_limit() {
        let parts = split_sitemap((0..5).collect::<Vec<_>>(), 2);
        assert_eq!(parts, vec![vec![0, 1], vec![2, 3], vec![4]]);
        assert_eq!(
            split_sitemap((0..50_000).collect::<Vec<_>>(), SITEMAP_LIMIT).len(),
            1
        );
        assert_eq!(
            split_sitemap((0..50_001).collect::<Vec<_>>(), SITEMAP_LIMIT).len(),
            2
        );
    }

    #[test]
    fn roots() {
        assert_eq!(root_from("index.html"), "./");
        assert_eq!(root_from("2023/06/16/x/index.html"), "../../../../");
    }
}
