//! Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the whole site and for each topic and author.
//! A feed holds the newest dated stories (feeds need a date per item), each with its body when
//! the feed carries full text, which the template marks up as the article page does.

use serde::Serialize;

use super::context::Common;
use super::{FeedScope, Page, PageContext, PublishError, Publisher};
use crate::model::Section;
use crate::site::StoryCard;
use crate::urls::FeedFormat;

/// A feed's own description.
#[derive(Serialize)]
pub struct FeedView {
    pub title: String,
    pub description: String,
    /// The page the feed belongs to (absolute).
    pub home: String,
    /// The feed's own URL (absolute).
    pub self_url: String,
    /// The newest item's date, RFC 3339 and RFC 822.
    pub updated: String,
    pub updated_rfc822: String,
}

/// A story in a feed, with its body when the feed carries full text.
#[derive(Serialize)]
pub struct FeedItem<'a> {
    #[serde(flatten)]
    pub story: StoryCard<'a>,
    /// The body, for full-text feeds; none for summaries.
    pub sections: Option<Vec<Section>>,
}

/// What a feed's template receives.
#[derive(Serialize)]
pub struct FeedPage<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    pub feed: FeedView,
    pub items: Vec<FeedItem<'a>>,
}

/// The template of a feed format.
pub fn template(format: FeedFormat) -> &'static str {
    match format {
        FeedFormat::Rss => "rss.xml",
        FeedFormat::Atom => "atom.xml",
        FeedFormat::Json => "feed.json",
    }
}

impl<'a> Publisher<'a> {
    /// The folder and title of a feed's scope.
    fn feed_scope(&self, scope: FeedScope) -> (&'a str, String) {
        match scope {
            FeedScope::Site => ("", self.plan.site.title.clone()),
            FeedScope::Group(kind, g) => {
                let group = &self.groups(kind)[g];
                (
                    group.dir.as_str(),
                    format!("{} — {}", group.name, self.plan.site.title),
                )
            }
        }
    }

    /// The stories a feed lists: its scope's newest dated ones.
    pub(super) fn feed_stories(&self, scope: FeedScope) -> Vec<usize> {
        let dated = |i: &usize| self.site.stories[*i].published_rfc3339.is_some();
        let take = self.plan.feeds.items;
        match scope {
            FeedScope::Site => (0..self.site.stories.len())
                .filter(dated)
                .take(take)
                .collect(),
            FeedScope::Group(kind, g) => self.groups(kind)[g]
                .stories
                .iter()
                .copied()
                .filter(dated)
                .take(take)
                .collect(),
        }
    }

    pub(super) fn feed(
        &self,
        scope: FeedScope,
        format: FeedFormat,
    ) -> Result<Page<'a>, PublishError> {
        let plan = self.plan;
        let (dir, title) = self.feed_scope(scope);
        let path = format!("{dir}{}", format.file());
        let description = if plan.site.description.is_empty() {
            title.clone()
        } else {
            plan.site.description.clone()
        };
        let common = self.common_at(&path, dir, title.clone(), description.clone(), "feed");
        let dated = self.feed_stories(scope);
        let newest = dated.first().map(|&i| &self.site.stories[i]);
        let full_text = match scope {
            FeedScope::Site => plan.feeds.full_text,
            FeedScope::Group(..) => plan.feeds.term_full_text,
        };
        let items = dated
            .iter()
            .map(|&i| {
                Ok(FeedItem {
                    story: self.site.stories[i].card(),
                    sections: if full_text {
                        Some(self.body(i)?.sections)
                    } else {
                        None
                    },
                })
            })
            .collect::<Result<_, PublishError>>()?;
        let feed = FeedView {
            description,
            title,
            home: plan.urls.absolute_dir(dir),
            self_url: plan.urls.absolute(&path),
            updated: newest
                .and_then(|s| s.published_rfc3339.clone())
                .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into()),
            updated_rfc822: newest
                .and_then(|s| s.published_rfc822.clone())
                .unwrap_or_else(|| "Thu, 1 Jan 1970 00:00:00 +0000".into()),
        };
        Ok(Page {
            path,
            template: template(format),
            context: PageContext::Feed(FeedPage {
                common,
                feed,
                items,
            }),
            cards: Vec::new(),
        })
    }
}
