//! Everything that needs all articles at once: ordering, unique permalinks, the lead story and
//! front-page pagination. O(n log n): one sort, one pass of claims.

pub mod archive;
pub mod corrections;
pub mod dates;
pub mod groups;
pub mod permalink;
pub mod related;
pub mod schedule;

use rayon::prelude::*;
use serde::Serialize;

use crate::bodies::BodyRef;
use crate::config::Plan;
use crate::fingerprint::Fingerprint;
use crate::model::{Article, Picture};
use crate::slug::slugify;
use crate::urls::GroupKind;
use archive::YearArchive;
use corrections::CorrectionView;
use groups::{group_by, Group, NamedLink};
use permalink::{article_dir, DirClaims};
use schedule::{NextChange, Standing};

/// An article placed in the site.
#[derive(Debug, Clone, Serialize)]
pub struct Story {
    /// Boxed, as in [`Filed`]: stories are sorted and moved as a whole archive at a time.
    #[serde(flatten)]
    pub article: Box<Article>,
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
    /// Full timestamps for feeds and sitemaps (see [`crate::model::PartialDate::moment`]).
    pub published_rfc3339: Option<String>,
    pub published_rfc822: Option<String>,
    /// The story's last change (its update or its latest correction), for feeds, sitemaps and
    /// structured data.
    pub updated_rfc3339: Option<String>,
    /// Its corrections, in the seed's order.
    pub corrections: Vec<CorrectionView>,
    pub reading_minutes: usize,
    /// Each byline with the link to the author's page.
    pub author_links: Vec<NamedLink>,
    /// Each topic with the link to its page.
    pub topic_links: Vec<NamedLink>,
    /// The agency the dateline names, with the link to its page.
    pub source_link: Option<NamedLink>,
    /// Whether the article has enough sections for a table of contents.
    pub has_toc: bool,
    /// Whether its heads carry their own numbers (`1. China’s Reception`), so a table of
    /// contents must not number them again.
    pub toc_numbered: bool,
    /// Where the body is kept.
    #[serde(skip)]
    pub body: BodyRef,
    /// The fingerprint of `article` as it serializes (see [`Filed::article_print`]).
    #[serde(skip)]
    pub article_print: Fingerprint,
    /// The lead image's files, when it could be processed.
    pub picture: Option<Picture>,
}

/// An extracted article whose body has gone to the body store, with what the site needs to
/// know of the body without reading it back.
pub struct Filed {
    /// Boxed: a large archive's articles are moved several times on their way into the site
    /// (sorted, filtered by schedule, placed), and a box moves in a word where an article
    /// takes half a kilobyte.
    pub article: Box<Article>,
    /// The fingerprint of the article as it serializes, made once when it is extracted.
    pub article_print: Fingerprint,
    pub body: BodyRef,
    /// The body's section heads (for the table of contents).
    pub heads: Vec<String>,
    /// The lead image as processed; `None` when there is none or it could not be used.
    pub picture: Option<Picture>,
}

/// What listings, related stories, neighbours and feeds show of a story: everything but the
/// body, so a page that lists twenty stories does not carry twenty whole articles.
#[derive(Debug, Serialize)]
pub struct StoryCard<'a> {
    pub headline: &'a str,
    pub label: Option<&'a str>,
    pub dek: Option<&'a str>,
    pub summary: &'a str,
    pub bylines: &'a [String],
    pub topics: &'a [String],
    pub dateline: Option<&'a crate::model::Dateline>,
    pub link: &'a str,
    pub url: &'a str,
    pub date_display: Option<&'a str>,
    pub date_iso: Option<&'a str>,
    pub updated_display: Option<&'a str>,
    pub updated_iso: Option<&'a str>,
    pub published_rfc3339: Option<&'a str>,
    pub published_rfc822: Option<&'a str>,
    pub updated_rfc3339: Option<&'a str>,
    pub reading_minutes: usize,
    pub author_links: &'a [NamedLink],
    pub topic_links: &'a [NamedLink],
    pub source_link: Option<&'a NamedLink>,
    /// The lead image's files: listings show its card crop.
    pub picture: Option<&'a Picture>,
}

/// What related-story lists and previous/next links show of a story.
#[derive(Debug, Serialize)]
pub struct StoryLink<'a> {
    pub headline: &'a str,
    pub label: Option<&'a str>,
    pub link: &'a str,
    pub date_display: Option<&'a str>,
    pub date_iso: Option<&'a str>,
}

impl Story {
    pub fn story_link(&self) -> StoryLink<'_> {
        StoryLink {
            headline: &self.article.headline,
            label: self.article.label.as_deref(),
            link: &self.link,
            date_display: self.date_display.as_deref(),
            date_iso: self.date_iso.as_deref(),
        }
    }

    fn topic_names(&self) -> Vec<&str> {
        self.article.topics.iter().map(String::as_str).collect()
    }

    fn author_names(&self) -> Vec<&str> {
        self.article.bylines.iter().map(String::as_str).collect()
    }

    /// The agency of the dateline, which the story's source page is for.
    fn source_names(&self) -> Vec<&str> {
        self.article
            .dateline
            .as_ref()
            .and_then(|d| d.agency.as_deref())
            .into_iter()
            .collect()
    }

    pub fn card(&self) -> StoryCard<'_> {
        let a = &self.article;
        StoryCard {
            headline: &a.headline,
            label: a.label.as_deref(),
            dek: a.dek.as_deref(),
            summary: &a.summary,
            bylines: &a.bylines,
            topics: &a.topics,
            dateline: a.dateline.as_ref(),
            link: &self.link,
            url: &self.url,
            date_display: self.date_display.as_deref(),
            date_iso: self.date_iso.as_deref(),
            updated_display: self.updated_display.as_deref(),
            updated_iso: self.updated_iso.as_deref(),
            published_rfc3339: self.published_rfc3339.as_deref(),
            published_rfc822: self.published_rfc822.as_deref(),
            updated_rfc3339: self.updated_rfc3339.as_deref(),
            reading_minutes: self.reading_minutes,
            author_links: &self.author_links,
            topic_links: &self.topic_links,
            source_link: self.source_link.as_ref(),
            picture: self.picture.as_ref(),
        }
    }
}

/// A story past its expiry whose URL serves a notice that it is no longer available.
#[derive(Debug, Clone)]
pub struct ExpiredNotice {
    /// The folder the story had, which the notice keeps.
    pub dir: String,
    pub url: String,
    pub source: String,
}

/// The folder `article` asks for: its permalink with its own `slug`, or its headline's. A
/// story gets another only when an earlier one (by source path) or the site's own pages have
/// it.
pub fn wanted_dir(article: &Article, plan: &Plan) -> String {
    let mut slug = article.slug.as_deref().map(slugify).unwrap_or_default();
    if slug.is_empty() {
        slug = slugify(&article.headline);
    }
    article_dir(&plan.permalink, article.date.as_ref(), &slug)
}

/// The whole site: stories newest first, and everything that groups them.
#[derive(Debug)]
pub struct Site {
    /// The stories published at the build's moment.
    pub stories: Vec<Story>,
    /// Expired stories whose URLs serve a notice, by source path.
    pub expired: Vec<ExpiredNotice>,
    /// Every correction, newest first: (story, correction) indices.
    pub corrections: Vec<(usize, usize)>,
    /// The next embargo or expiry to come.
    pub next_change: Option<NextChange>,
    /// Index into `stories` of the lead story.
    pub lead: Option<usize>,
    pub topics: Vec<Group>,
    pub authors: Vec<Group>,
    pub sources: Vec<Group>,
    pub years: Vec<YearArchive>,
    /// For each story, its related stories (indices), best first, under the fingerprint of
    /// what they were worked out from (for the build cache).
    pub related: related::Memo,
}

/// How many related stories an article page shows, at most and at least (nearest stories in time
/// fill in when fewer share a topic or author).
const RELATED_MAX: usize = 5;
const RELATED_MIN: usize = 3;

/// Sections with headings needed before an article gets a table of contents.
const TOC_MIN_SECTIONS: usize = 3;

/// Words a reader gets through in a minute, for reading-time estimates.
const WORDS_PER_MINUTE: usize = 230;

/// Whether a head carries its own number: `1. China’s Reception`, `2) Prices`.
fn is_numbered_head(head: &str) -> bool {
    let digits = head.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && head[digits..].starts_with(['.', ')']) && head[digits + 1..].starts_with(' ')
}

impl Site {
    /// Story `i`'s related stories (indices), best first.
    pub fn related_of(&self, i: usize) -> &[usize] {
        &self.related.related[i]
    }

    /// Orders and places the articles published at `now`. Drafts are left out, and so are
    /// stories under embargo or past their expiry (see [`schedule`]). Related stories are taken
    /// from `related_memo` (a previous build's) when the stories' topics and authors are as they
    /// were then.
    pub fn new(
        articles: Vec<Filed>,
        plan: &Plan,
        now: chrono::DateTime<chrono::FixedOffset>,
        related_memo: Option<related::Memo>,
    ) -> Site {
        let mut articles: Vec<Filed> = articles.into_iter().filter(|e| !e.article.draft).collect();
        let next_change =
            schedule::next_change(articles.iter().map(|x| &*x.article), now, plan.timezone);
        // Newest first; undated stories after dated ones; ties broken by source path so the
        // order never depends on the file system. Each key is made once and each (large)
        // article moved once, rather than at every comparison.
        articles.par_sort_by_cached_key(|x| {
            (
                std::cmp::Reverse(x.article.date.map(|d| d.moment(plan.timezone).timestamp())),
                x.article.source.clone(),
            )
        });
        // Folders are claimed in source order, so which of two same-headline stories gets the
        // plain slug does not change when a newer story arrives.
        // Sorted with each source beside its index, rather than reached through every article
        // at every comparison.
        let by_source: Vec<usize> = {
            let mut keyed: Vec<(&str, usize)> = articles
                .iter()
                .enumerate()
                .map(|(i, x)| (x.article.source.as_str(), i))
                .collect();
            keyed.par_sort_unstable();
            keyed.into_iter().map(|(_, i)| i).collect()
        };
        let mut claims = DirClaims::new();
        // Archive folders are the site's own, never an article's.
        let periods: std::collections::BTreeSet<(i32, Option<u32>)> = articles
            .iter()
            .filter_map(|x| x.article.date.map(|d| (d.year(), d.month())))
            .collect();
        for (year, month) in periods {
            claims.reserve(&crate::urls::year_dir(year));
            if let Some(m) = month {
                claims.reserve(&crate::urls::month_dir(year, m));
            }
        }
        // The folder each story asks for, worked out on every core; only claiming, which
        // depends on the claims before it, goes one story at a time.
        let wanted: Vec<String> = articles
            .par_iter()
            .map(|x| wanted_dir(&x.article, plan))
            .collect();
        let mut dirs = vec![String::new(); articles.len()];
        for i in by_source {
            dirs[i] = claims.claim(&wanted[i]);
        }
        let urls = &plan.urls;
        // Every scheduled story claims its folder, so a story's URL is the same before its
        // embargo lifts, while it is out and once it has expired, and no other story's changes.
        let mut expired = Vec::new();
        // Filled in a loop with room reserved: an unzip would grow the vector of (large) stories
        // one push at a time, copying it over and over.
        let mut published = Vec::with_capacity(articles.len());
        let mut published_dirs = Vec::with_capacity(articles.len());
        for (x, dir) in articles.into_iter().zip(dirs) {
            match schedule::standing(&x.article, now, plan.expired) {
                Standing::Published => {
                    published.push(x);
                    published_dirs.push(dir);
                }
                Standing::Embargoed => {}
                Standing::Expired(policy) => {
                    if policy == crate::config::ExpiredPolicy::Notice {
                        expired.push(ExpiredNotice {
                            url: urls.absolute(&urls.link(&dir)),
                            dir,
                            source: x.article.source.clone(),
                        });
                    }
                }
            }
        }
        let (articles, dirs) = (published, published_dirs);
        expired.sort_by(|a, b| a.source.cmp(&b.source));
        let style = dates::DateStyle::for_language(&plan.site.language);
        // Dates formatted four ways and links for each story: independent, so in parallel.
        let mut stories: Vec<Story> = articles
            .into_par_iter()
            .zip(dirs)
            .map(|(extracted, dir)| {
                let Filed {
                    article,
                    article_print,
                    body,
                    heads,
                    picture,
                } = extracted;
                let link = urls.link(&dir);
                let url = urls.absolute(&link);
                let tz = plan.timezone;
                let human = |d: &crate::model::PartialDate| style.human(d, tz);
                let last_change =
                    corrections::last_change(article.updated, &article.corrections, tz);
                Story {
                    date_display: article.date.as_ref().map(human),
                    date_iso: article.date.map(|d| dates::machine(&d, tz)),
                    updated_display: article.updated.as_ref().map(human),
                    updated_iso: article.updated.map(|d| dates::machine(&d, tz)),
                    published_rfc3339: article.date.map(|d| dates::rfc3339(&d, tz)),
                    published_rfc822: article.date.map(|d| dates::rfc822(&d, tz)),
                    updated_rfc3339: last_change.map(|d| dates::rfc3339(&d, tz)),
                    corrections: corrections::views(&article.corrections, &style, tz),
                    reading_minutes: article.word_count.div_ceil(WORDS_PER_MINUTE).max(1),
                    has_toc: heads.len() >= TOC_MIN_SECTIONS,
                    toc_numbered: !heads.is_empty() && heads.iter().all(|h| is_numbered_head(h)),
                    body,
                    article_print,
                    picture,
                    article,
                    dir,
                    link,
                    url,
                    author_links: Vec::new(),
                    topic_links: Vec::new(),
                    source_link: None,
                }
            })
            .collect();
        let lead = stories
            .iter()
            .position(|s| s.article.lead)
            .or((!stories.is_empty()).then_some(0));

        let n = stories.len();
        // Three independent groupings, side by side.
        let ((topics, topics_of), ((authors, authors_of), (sources, sources_of))) = rayon::join(
            || group_by(n, GroupKind::Topic, urls, |i| stories[i].topic_names()),
            || {
                rayon::join(
                    || group_by(n, GroupKind::Author, urls, |i| stories[i].author_names()),
                    || group_by(n, GroupKind::Source, urls, |i| stories[i].source_names()),
                )
            },
        );
        let link_of = |g: &Group| NamedLink {
            name: g.name.clone(),
            link: g.link.clone(),
        };
        stories.par_iter_mut().enumerate().for_each(|(i, story)| {
            story.topic_links = topics_of[i].iter().map(|&g| link_of(&topics[g])).collect();
            story.author_links = authors_of[i]
                .iter()
                .map(|&g| link_of(&authors[g]))
                .collect();
            story.source_link = sources_of[i].first().map(|&g| link_of(&sources[g]));
        });

        // Related stories: topics weigh most, a shared author a little.
        let mut lists: Vec<Vec<usize>> = topics.iter().map(|g| g.stories.clone()).collect();
        let author_offset = lists.len();
        lists.extend(authors.iter().map(|g| g.stories.clone()));
        let memberships: Vec<Vec<(usize, f64)>> = (0..n)
            .map(|i| {
                topics_of[i]
                    .iter()
                    .map(|&g| (g, 1.0))
                    .chain(authors_of[i].iter().map(|&g| (g + author_offset, 0.5)))
                    .collect()
            })
            .collect();
        let related =
            related::related_stories(&memberships, &lists, RELATED_MAX, RELATED_MIN, related_memo);

        let dates: Vec<Option<(i32, Option<u32>)>> = stories
            .iter()
            .map(|s| s.article.date.map(|d| (d.year(), d.month())))
            .collect();
        let years = archive::archives(&dates, urls, &style);
        let corrections = corrections::newest_first(&stories, plan.timezone);
        Site {
            stories,
            expired,
            corrections,
            next_change,
            lead,
            topics,
            authors,
            sources,
            years,
            related,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_that_carry_their_own_numbers() {
        assert!(is_numbered_head("1. China’s Reception"));
        assert!(is_numbered_head("12) Prices"));
        assert!(!is_numbered_head("1984 and after"));
        assert!(!is_numbered_head("2.5 million jobs"));
        assert!(!is_numbered_head("The vote"));
    }
}
