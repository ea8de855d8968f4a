//! The corrections page (every correction the site has published, newest first), its RSS feed,
//! and the notice an expired story's URL serves when its policy is `notice`.

use serde::Serialize;

use super::context::{feed_links, Common};
use super::feeds::FeedView;
use super::{Page, PageContext, Publisher};
use crate::site::corrections::CorrectionView;
use crate::urls::{self, FeedFormat};

/// The corrections feed's one format: RSS, which every reader takes, as for topic and author
/// feeds (a second and third format would only repeat it).
pub const CORRECTIONS_FEED: FeedFormat = FeedFormat::Rss;

/// One correction with the story it corrects.
#[derive(Serialize)]
pub struct CorrectionEntry<'a> {
    pub headline: &'a str,
    /// The story's link relative to the root, and its absolute URL.
    pub link: &'a str,
    pub url: &'a str,
    #[serde(flatten)]
    pub correction: &'a CorrectionView,
}

/// What `corrections.html` and `corrections.xml` receive.
#[derive(Serialize)]
pub struct CorrectionsPage<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    /// The feed's description (for the feed; the page announces it in its head).
    pub feed: FeedView,
    /// The feed's link relative to `root`, for the page to show.
    pub feed_link: String,
    pub corrections: Vec<CorrectionEntry<'a>>,
}

impl<'a> Publisher<'a> {
    /// Every story with a correction: what the corrections page and feed read.
    pub(super) fn corrected_stories(&self) -> Vec<usize> {
        let mut stories: Vec<usize> = self.site.corrections.iter().map(|&(i, _)| i).collect();
        stories.sort_unstable();
        stories.dedup();
        stories
    }

    /// The corrections page (`feed = false`) or its feed.
    pub(super) fn corrections(&self, feed: bool) -> Page<'a> {
        let plan = self.plan;
        let dir = urls::CORRECTIONS;
        let feed_link = format!("{dir}{}", CORRECTIONS_FEED.file());
        let path = if feed {
            feed_link.clone()
        } else {
            urls::index_file(dir)
        };
        let title = format!("Corrections — {}", plan.site.title);
        let description = format!(
            "Corrections published by {}, newest first.",
            plan.site.title
        );
        let kind = if feed { "feed" } else { "corrections" };
        let mut common = self.common_at(&path, dir, title.clone(), description.clone(), kind);
        common.page.feeds = feed_links(plan, dir, &title, &[CORRECTIONS_FEED]);
        let corrections: Vec<CorrectionEntry<'a>> = self
            .site
            .corrections
            .iter()
            // A feed holds the newest, as the site's feeds do; the page holds every one.
            .take(if feed { plan.feeds.items } else { usize::MAX })
            .map(|&(i, c)| {
                let story = &self.site.stories[i];
                CorrectionEntry {
                    headline: &story.article.headline,
                    link: &story.link,
                    url: &story.url,
                    correction: &story.corrections[c],
                }
            })
            .collect();
        let newest = corrections.first();
        let feed_view = FeedView {
            title,
            description,
            home: plan.urls.absolute_dir(dir),
            self_url: plan
                .urls
                .absolute(&format!("{dir}{}", CORRECTIONS_FEED.file())),
            updated: newest
                .map(|c| c.correction.date_rfc3339.clone())
                .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into()),
            updated_rfc822: newest
                .map(|c| c.correction.date_rfc822.clone())
                .unwrap_or_else(|| "Thu, 1 Jan 1970 00:00:00 +0000".into()),
        };
        Page {
            path,
            template: if feed {
                "corrections.xml"
            } else {
                "corrections.html"
            },
            context: PageContext::Corrections(CorrectionsPage {
                common,
                feed: feed_view,
                feed_link,
                corrections,
            }),
            cards: Vec::new(),
        }
    }

    /// The notice at expired story `k`'s URL: the story is no longer available. It names
    /// nothing of the story, which may have been taken down for what it said.
    pub(super) fn expired_notice(&self, k: usize) -> Page<'a> {
        let notice = &self.site.expired[k];
        let title = format!("No longer available — {}", self.plan.site.title);
        let mut common = self.common(
            &notice.dir,
            title,
            "This story is no longer available.".into(),
            "expired",
        );
        common.page.canonical = notice.url.clone();
        Page {
            path: urls::index_file(&notice.dir),
            template: "expired.html",
            context: PageContext::Plain(common),
            cards: Vec::new(),
        }
    }
}
