//! `sitemap.xml` (an index of parts past 50,000 URLs), the Google News sitemap and robots.txt.
//! The sitemap lists every page but the 404 and search pages and expired stories' notices, worked out from the outputs
//! themselves, so it can be rendered beside the pages rather than after them.

use rayon::prelude::*;
use serde::Serialize;

use super::context::SiteView;
use super::{Output, Page, PageContext, Publisher};
use crate::site::StoryCard;
use crate::urls;

/// The most URLs one sitemap file may hold (sitemaps.org); past it, a sitemap index.
pub const SITEMAP_LIMIT: usize = 50_000;
/// Google News sitemaps: at most 1,000 articles from the last two days.
const NEWS_LIMIT: usize = 1_000;
const NEWS_WINDOW_HOURS: i64 = 48;

/// One URL of a sitemap.
#[derive(Serialize)]
pub struct SitemapUrl {
    pub loc: String,
    pub lastmod: Option<String>,
}

/// What the sitemap, news sitemap and robots.txt templates receive.
#[derive(Serialize)]
pub struct SitemapPage<'a> {
    pub site: SiteView<'a>,
    pub urls: Vec<SitemapUrl>,
    /// The sitemap index's parts, or the sitemaps robots.txt names.
    pub sitemaps: Vec<String>,
    /// The news sitemap's stories.
    pub items: Vec<StoryCard<'a>>,
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

impl<'a> Publisher<'a> {
    /// Where an output that templates render is written, relative to the site root.
    pub fn path(&self, output: Output) -> String {
        let site = self.site;
        match output {
            Output::Front(n) => urls::index_file(&urls::page_dir("", n)),
            Output::Article(i) => urls::index_file(&site.stories[i].dir),
            Output::Group(kind, g, n) => {
                urls::index_file(&urls::page_dir(&self.groups(kind)[g].dir, n))
            }
            Output::GroupIndex(kind) => urls::index_file(kind.dir()),
            Output::Year(y, n) => urls::index_file(&urls::page_dir(&site.years[y].dir, n)),
            Output::Month(y, m, n) => {
                urls::index_file(&urls::page_dir(&site.years[y].months[m].dir, n))
            }
            Output::ArchiveIndex => urls::index_file(urls::ARCHIVE),
            Output::Search => urls::index_file(urls::SEARCH),
            Output::NotFound => urls::NOT_FOUND.to_string(),
            Output::Feed(scope, format) => {
                let dir = match scope {
                    super::FeedScope::Site => "",
                    super::FeedScope::Group(kind, g) => self.groups(kind)[g].dir.as_str(),
                };
                format!("{dir}{}", format.file())
            }
            Output::Corrections => urls::index_file(urls::CORRECTIONS),
            Output::CorrectionsFeed => format!(
                "{}{}",
                urls::CORRECTIONS,
                super::corrections::CORRECTIONS_FEED.file()
            ),
            Output::Expired(k) => urls::index_file(&site.expired[k].dir),
            Output::Sitemaps => urls::SITEMAP.to_string(),
            Output::NewsSitemap => urls::NEWS_SITEMAP.to_string(),
            Output::Robots => urls::ROBOTS.to_string(),
            Output::SearchDoc(i) => urls::index_file(&site.stories[i].dir),
        }
    }

    fn sitemap_page(&self) -> SitemapPage<'a> {
        SitemapPage {
            site: SiteView::of(self.plan),
            urls: Vec::new(),
            sitemaps: Vec::new(),
            items: Vec::new(),
        }
    }

    /// The sitemap's URLs: every HTML page but the 404 and search pages, sorted, with each
    /// article's last change.
    fn sitemap_urls(&self) -> Vec<SitemapUrl> {
        let plan = self.plan;
        let mut pages: Vec<(String, Option<&str>)> = self
            .pages()
            .into_par_iter()
            .filter(|o| {
                !matches!(
                    o,
                    Output::Feed(..)
                        | Output::CorrectionsFeed
                        | Output::NotFound
                        | Output::Search
                        | Output::Expired(_)
                )
            })
            .map(|o| {
                let lastmod = match o {
                    Output::Article(i) => {
                        let s = &self.site.stories[i];
                        s.updated_rfc3339
                            .as_deref()
                            .or(s.published_rfc3339.as_deref())
                    }
                    _ => None,
                };
                (self.path(o), lastmod)
            })
            .collect();
        // At 100,000 articles the sitemaps list 140,000 pages: sorted and written on every core.
        pages.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        pages
            .into_par_iter()
            .map(|(path, lastmod)| {
                let link = match path.strip_suffix("index.html") {
                    Some(dir) if plan.urls.pretty() => dir.to_string(),
                    _ => path,
                };
                SitemapUrl {
                    loc: plan.urls.absolute(&link),
                    lastmod: lastmod.map(str::to_string),
                }
            })
            .collect()
    }

    /// The sitemap files: one, or an index and its parts past [`SITEMAP_LIMIT`] URLs.
    pub fn sitemaps(&self) -> Vec<Page<'a>> {
        let urls = self.sitemap_urls();
        let page = |path: String, template, context| Page {
            path,
            template,
            context: PageContext::Sitemap(context),
            cards: Vec::new(),
        };
        if urls.len() <= SITEMAP_LIMIT {
            return vec![page(
                urls::SITEMAP.to_string(),
                "sitemap.xml",
                SitemapPage {
                    urls,
                    ..self.sitemap_page()
                },
            )];
        }
        let mut files: Vec<Page<'a>> = split_sitemap(urls, SITEMAP_LIMIT)
            .into_iter()
            .enumerate()
            .map(|(n, chunk)| {
                page(
                    urls::sitemap_part(n + 1),
                    "sitemap.xml",
                    SitemapPage {
                        urls: chunk,
                        ..self.sitemap_page()
                    },
                )
            })
            .collect();
        let index = files
            .iter()
            .map(|p| self.plan.urls.absolute(&p.path))
            .collect();
        files.push(page(
            urls::SITEMAP.to_string(),
            "sitemap_index.xml",
            SitemapPage {
                sitemaps: index,
                ..self.sitemap_page()
            },
        ));
        files
    }

    /// The stories of the news sitemap: those dated in the two days before `now` (default: the
    /// newest story's moment), newest first, at most 1,000.
    pub(super) fn news_stories(&self) -> Vec<usize> {
        let tz = self.plan.timezone;
        let moments: Vec<(usize, chrono::DateTime<chrono::FixedOffset>)> = self
            .site
            .stories
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((i, s.article.date?.moment(tz))))
            .collect();
        let Some(reference) = self.now.or_else(|| moments.iter().map(|(_, t)| *t).max()) else {
            return Vec::new();
        };
        let from = reference - chrono::Duration::hours(NEWS_WINDOW_HOURS);
        moments
            .into_iter()
            .filter(|(_, t)| *t >= from && *t <= reference)
            .take(NEWS_LIMIT)
            .map(|(i, _)| i)
            .collect()
    }

    pub fn news_sitemap(&self) -> Page<'a> {
        let items = self
            .news_stories()
            .into_iter()
            .map(|i| self.site.stories[i].card())
            .collect();
        Page {
            path: urls::NEWS_SITEMAP.to_string(),
            template: "news_sitemap.xml",
            context: PageContext::Sitemap(SitemapPage {
                items,
                ..self.sitemap_page()
            }),
            cards: Vec::new(),
        }
    }

    pub fn robots(&self) -> Page<'a> {
        let sitemaps = [urls::SITEMAP, urls::NEWS_SITEMAP]
            .iter()
            .map(|file| self.plan.urls.absolute(file))
            .collect();
        Page {
            path: urls::ROBOTS.to_string(),
            template: "robots.txt",
            context: PageContext::Sitemap(SitemapPage {
                sitemaps,
                ..self.sitemap_page()
            }),
            cards: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
