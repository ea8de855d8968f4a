//! Publishing: every output a site has (pages, feeds, sitemaps, robots.txt, search records),
//! what each one's template receives, and which stories and templates each reads. One module per
//! kind of output; every path and link comes from [`crate::urls`].
//!
//! Knowing what each output reads is what lets a change be mapped to the outputs it touches:
//! [`Publisher::reads`] says it for one output, [`Publisher::outputs_reading`] for one story.

pub mod article;
pub mod context;
pub mod corrections;
pub mod feeds;
pub mod fingerprint;
pub mod jsonld;
pub mod listings;
pub mod search;
pub mod sitemaps;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::bodies::BodyStore;
use crate::config::Plan;
use crate::model::Body;
use crate::site::Site;
use crate::urls::{self, FeedFormat, GroupKind};
use context::{Common, PageView, SiteView};

/// Why an output could not be put together.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("{file}: cannot read the article's body back from the build's scratch file: {source}")]
    Body {
        file: String,
        #[source]
        source: std::io::Error,
    },
}

/// Which stories a feed is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedScope {
    Site,
    Group(GroupKind, usize),
}

/// One output of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Output {
    /// Page `n` (1-based) of the front page.
    Front(usize),
    Article(usize),
    /// Page `n` of group `g` of a kind.
    Group(GroupKind, usize, usize),
    /// The index of every group of a kind.
    GroupIndex(GroupKind),
    /// Page `n` of year `y`'s archive.
    Year(usize, usize),
    /// Page `n` of month `m` of year `y`.
    Month(usize, usize, usize),
    ArchiveIndex,
    Search,
    NotFound,
    Feed(FeedScope, FeedFormat),
    /// The page listing every correction, and its feed.
    Corrections,
    CorrectionsFeed,
    /// The notice at expired story `k`'s URL (`Site::expired`).
    Expired(usize),
    /// The sitemap (or its index, when it is split) and its parts.
    Sitemaps,
    NewsSitemap,
    Robots,
    /// Story `i`'s record in the search index.
    SearchDoc(usize),
}

/// The formats of the site's feeds: all three, for readers of every kind.
pub const SITE_FEEDS: &[FeedFormat] = &FeedFormat::ALL;
/// The formats of each topic's and author's feed: RSS alone, which every feed reader takes. A
/// large archive has tens of thousands of terms, and two more files for each would mostly
/// repeat the site's feeds in other formats (see the README's performance section).
pub const TERM_FEEDS: &[FeedFormat] = &[FeedFormat::Rss];

/// Templates each kind of page reads besides its own.
const PAGE_TEMPLATES: &[&str] = &["base.html", "components.html"];
const LISTING_TEMPLATES: &[&str] = &["base.html", "components.html", "card.html"];

/// What an output reads: the stories whose content it shows and the templates it is rendered
/// with. Every output also reads the plan (the site's settings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reads {
    pub stories: Vec<usize>,
    pub templates: Vec<&'static str>,
}

/// A page ready to render: where it goes, its template and what the template receives.
pub struct Page<'a> {
    pub path: String,
    pub template: &'static str,
    pub context: PageContext<'a>,
    /// Stories whose cards the page lists, in order: the renderer puts them into the context as
    /// `cards`, each rendered once for the whole site.
    pub cards: Vec<usize>,
}

/// What a page's template receives, by kind.
#[derive(Serialize)]
#[serde(untagged)]
pub enum PageContext<'a> {
    Front(listings::FrontPage<'a>),
    Article(Box<article::ArticlePage<'a>>),
    Listing(listings::ListingPage<'a>),
    Terms(listings::TermsPage<'a>),
    Archive(listings::ArchivePage<'a>),
    Search(listings::SearchPage<'a>),
    Plain(Common<'a>),
    Feed(feeds::FeedPage<'a>),
    Corrections(corrections::CorrectionsPage<'a>),
    Sitemap(sitemaps::SitemapPage<'a>),
}

impl PageContext<'_> {
    /// The way from the page to the site root, as its cards need it (sitemaps have none).
    pub fn root(&self) -> Option<&str> {
        let common = match self {
            PageContext::Front(p) => &p.common,
            PageContext::Article(p) => &p.common,
            PageContext::Listing(p) => &p.common,
            PageContext::Terms(p) => &p.common,
            PageContext::Archive(p) => &p.common,
            PageContext::Search(p) => &p.common,
            PageContext::Plain(p) => p,
            PageContext::Feed(p) => &p.common,
            PageContext::Corrections(p) => &p.common,
            PageContext::Sitemap(_) => return None,
        };
        Some(&common.root)
    }
}

/// Puts a site's outputs together.
pub struct Publisher<'a> {
    pub plan: &'a Plan,
    pub site: &'a Site,
    pub bodies: &'a BodyStore,
    /// Static file name → its published (fingerprinted) path.
    pub assets: &'a BTreeMap<String, String>,
    /// The moment the news sitemap's two days run back from (default: the newest story's).
    pub now: Option<chrono::DateTime<chrono::FixedOffset>>,
}

/// Pages a listing of `count` stories needs (an empty listing still has its first page).
pub fn listing_pages(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page).max(1)
}

impl<'a> Publisher<'a> {
    pub fn new(
        plan: &'a Plan,
        site: &'a Site,
        bodies: &'a BodyStore,
        assets: &'a BTreeMap<String, String>,
        now: Option<chrono::DateTime<chrono::FixedOffset>>,
    ) -> Publisher<'a> {
        Publisher {
            plan,
            site,
            bodies,
            assets,
            now,
        }
    }

    /// Every page and feed of the site, in a stable order: what templates render one by one.
    pub fn pages(&self) -> Vec<Output> {
        let per_page = self.plan.per_page;
        let mut out: Vec<Output> =
            (1..=listings::front_page_count(self.site.stories.len(), per_page))
                .map(Output::Front)
                .collect();
        out.extend((0..self.site.stories.len()).map(Output::Article));
        for kind in GroupKind::ALL {
            out.push(Output::GroupIndex(kind));
            for (g, group) in self.groups(kind).iter().enumerate() {
                out.extend(
                    (1..=listing_pages(group.count, per_page)).map(|n| Output::Group(kind, g, n)),
                );
            }
        }
        out.push(Output::ArchiveIndex);
        for (y, year) in self.site.years.iter().enumerate() {
            out.extend((1..=listing_pages(year.count, per_page)).map(|n| Output::Year(y, n)));
            for (m, month) in year.months.iter().enumerate() {
                out.extend(
                    (1..=listing_pages(month.count, per_page)).map(|n| Output::Month(y, m, n)),
                );
            }
        }
        if self.plan.search {
            out.push(Output::Search);
        }
        out.push(Output::NotFound);
        out.extend([Output::Corrections, Output::CorrectionsFeed]);
        out.extend((0..self.site.expired.len()).map(Output::Expired));
        out.extend(SITE_FEEDS.iter().map(|&f| Output::Feed(FeedScope::Site, f)));
        for &format in TERM_FEEDS {
            for kind in [GroupKind::Topic, GroupKind::Author] {
                out.extend(
                    (0..self.groups(kind).len())
                        .filter(|&g| self.has_feed(kind, g))
                        .map(|g| Output::Feed(FeedScope::Group(kind, g), format)),
                );
            }
        }
        out
    }

    /// Every output: the pages and feeds, the sitemaps, robots.txt and the search records.
    pub fn outputs(&self) -> Vec<Output> {
        let mut out = self.pages();
        out.extend([Output::Sitemaps, Output::NewsSitemap, Output::Robots]);
        if self.plan.search {
            out.extend((0..self.site.stories.len()).map(Output::SearchDoc));
        }
        out
    }

    pub(crate) fn groups(&self, kind: GroupKind) -> &'a [crate::site::groups::Group] {
        match kind {
            GroupKind::Topic => &self.site.topics,
            GroupKind::Author => &self.site.authors,
            GroupKind::Source => &self.site.sources,
        }
    }

    /// Feeds need dates: a topic or author gets feeds when one of its stories has one. Stories
    /// are ordered dated first, so the first one tells.
    pub(crate) fn has_feed(&self, kind: GroupKind, g: usize) -> bool {
        kind != GroupKind::Source
            && self.groups(kind)[g]
                .stories
                .first()
                .is_some_and(|&i| self.site.stories[i].published_rfc3339.is_some())
    }

    /// A story's body, read back from the store.
    pub(crate) fn body(&self, i: usize) -> Result<Body, PublishError> {
        let story = &self.site.stories[i];
        self.bodies
            .get(story.body)
            .map(|sections| Body { sections })
            .map_err(|source| PublishError::Body {
                file: story.article.source.clone(),
                source,
            })
    }

    /// What every template receives, for the page `dir/index.html` of a kind.
    pub(crate) fn common(
        &self,
        dir: &str,
        title: String,
        description: String,
        kind: &'static str,
    ) -> Common<'a> {
        let path = urls::index_file(dir);
        self.common_at(&path, dir, title, description, kind)
    }

    /// [`Self::common`] for a file at `path` whose canonical folder is `dir`.
    pub(crate) fn common_at(
        &self,
        path: &str,
        dir: &str,
        title: String,
        description: String,
        kind: &'static str,
    ) -> Common<'a> {
        let plan = self.plan;
        Common {
            site: SiteView::of(plan),
            root: urls::root_from(path),
            home: plan.urls.home(),
            nav: plan.urls.nav(),
            assets: self.assets,
            page: PageView {
                title,
                description,
                canonical: plan.urls.absolute_dir(dir),
                kind,
                og_type: "website",
                image: plan.urls.absolute(&plan.site.logo),
                image_width: None,
                image_height: None,
                image_alt: None,
                feeds: context::feed_links(plan, "", &plan.site.title, SITE_FEEDS),
                json_ld: None,
                noindex: matches!(kind, "search" | "404" | "expired"),
            },
        }
    }

    /// The page of an output that templates render (pages and feeds).
    pub fn page(&self, output: Output) -> Result<Page<'a>, PublishError> {
        match output {
            Output::Front(n) => Ok(self.front(n)),
            Output::Article(i) => self.article(i),
            Output::Group(kind, g, n) => Ok(self.group_page(kind, g, n)),
            Output::GroupIndex(kind) => Ok(self.group_index(kind)),
            Output::Year(y, n) => Ok(self.year_page(y, n)),
            Output::Month(y, m, n) => Ok(self.month_page(y, m, n)),
            Output::ArchiveIndex => Ok(self.archive_index()),
            Output::Search => Ok(self.search_page()),
            Output::NotFound => Ok(self.not_found()),
            Output::Feed(scope, format) => self.feed(scope, format),
            Output::Corrections => Ok(self.corrections(false)),
            Output::CorrectionsFeed => Ok(self.corrections(true)),
            Output::Expired(k) => Ok(self.expired_notice(k)),
            Output::Sitemaps | Output::NewsSitemap | Output::Robots | Output::SearchDoc(_) => {
                unreachable!("{output:?} is not a templated page; see sitemaps and search")
            }
        }
    }

    /// The stories and templates an output reads.
    pub fn reads(&self, output: Output) -> Reads {
        let per_page = self.plan.per_page;
        let page_of = |stories: &[usize], n: usize| -> Vec<usize> {
            let start = ((n - 1) * per_page).min(stories.len());
            stories[start..(start + per_page).min(stories.len())].to_vec()
        };
        let with = |template: &'static str, base: &[&'static str]| {
            let mut t = vec![template];
            t.extend_from_slice(base);
            t
        };
        match output {
            Output::Front(n) => Reads {
                stories: self.front_stories(n),
                templates: with("index.html", LISTING_TEMPLATES),
            },
            Output::Article(i) => {
                let mut stories = vec![i];
                stories.extend(self.site.related_of(i).iter().copied());
                stories.extend(i.checked_sub(1));
                stories.extend((i + 1 < self.site.stories.len()).then_some(i + 1));
                Reads {
                    stories,
                    templates: with("article.html", PAGE_TEMPLATES),
                }
            }
            Output::Group(kind, g, n) => Reads {
                stories: page_of(&self.groups(kind)[g].stories, n),
                templates: with("list.html", LISTING_TEMPLATES),
            },
            Output::Year(y, n) => Reads {
                stories: page_of(&self.site.years[y].stories, n),
                templates: with("list.html", LISTING_TEMPLATES),
            },
            Output::Month(y, m, n) => Reads {
                stories: page_of(&self.site.years[y].months[m].stories, n),
                templates: with("list.html", LISTING_TEMPLATES),
            },
            Output::GroupIndex(_) => Reads {
                stories: Vec::new(),
                templates: with("terms.html", PAGE_TEMPLATES),
            },
            Output::ArchiveIndex => Reads {
                stories: Vec::new(),
                templates: with("archive.html", PAGE_TEMPLATES),
            },
            Output::Search => Reads {
                stories: Vec::new(),
                templates: with("search.html", PAGE_TEMPLATES),
            },
            Output::NotFound => Reads {
                stories: Vec::new(),
                templates: with("404.html", PAGE_TEMPLATES),
            },
            Output::Feed(scope, format) => Reads {
                stories: self.feed_stories(scope),
                templates: vec![feeds::template(format), "components.html"],
            },
            Output::Corrections => Reads {
                stories: self.corrected_stories(),
                templates: with("corrections.html", PAGE_TEMPLATES),
            },
            Output::CorrectionsFeed => Reads {
                stories: self.corrected_stories(),
                templates: vec!["corrections.xml"],
            },
            // An expired story's notice names nothing of it: it reads no published story.
            Output::Expired(_) => Reads {
                stories: Vec::new(),
                templates: with("expired.html", PAGE_TEMPLATES),
            },
            Output::Sitemaps => Reads {
                stories: (0..self.site.stories.len()).collect(),
                templates: vec!["sitemap.xml", "sitemap_index.xml"],
            },
            Output::NewsSitemap => Reads {
                stories: self.news_stories(),
                templates: vec!["news_sitemap.xml"],
            },
            Output::Robots => Reads {
                stories: Vec::new(),
                templates: vec!["robots.txt"],
            },
            Output::SearchDoc(i) => Reads {
                stories: vec![i],
                templates: Vec::new(),
            },
        }
    }

    /// Every output that reads story `i`.
    pub fn outputs_reading(&self, i: usize) -> Vec<Output> {
        self.outputs()
            .into_iter()
            .filter(|&o| self.reads(o).stories.contains(&i))
            .collect()
    }
}
