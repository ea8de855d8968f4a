//! Pages that list stories or groups: the front pages, topic, author and source pages, year and
//! month archives, the indexes of groups and of the archive, and the search and 404 pages.

use serde::Serialize;

use super::context::{description_or, Common};
use super::{listing_pages, Page, PageContext, Publisher};
use crate::site::archive::{MonthArchive, YearArchive};
use crate::site::groups::Group;
use crate::site::StoryCard;
use crate::urls::{self, GroupKind};

#[derive(Serialize)]
pub struct Pagination {
    pub number: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// What a listing page (topic, author, source, year, month) or index page is about.
#[derive(Serialize)]
pub struct ListingView {
    /// `topic`, `author`, `source`, `year` or `month`.
    pub kind: &'static str,
    pub name: String,
    pub count: usize,
    pub link: String,
}

/// A front page: the lead story on the first, then cards.
#[derive(Serialize)]
pub struct FrontPage<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    pub lead: Option<StoryCard<'a>>,
    pub pagination: Pagination,
}

/// A page of a topic's, author's, source's, year's or month's stories.
#[derive(Serialize)]
pub struct ListingPage<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    pub listing: ListingView,
    pub pagination: Pagination,
    /// A year page's months.
    pub months: Option<&'a [MonthArchive]>,
}

/// The index of every topic, author or source.
#[derive(Serialize)]
pub struct TermsPage<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    pub listing: ListingView,
    pub terms: &'a [Group],
}

/// The archive's index of years and months.
#[derive(Serialize)]
pub struct ArchivePage<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    pub years: &'a [YearArchive],
}

/// The search page: its script reads the index from `search/data/`.
#[derive(Serialize)]
pub struct SearchPage<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
}

/// Number of front pages: page 1 holds the lead and `per_page - 1` others.
pub fn front_page_count(stories: usize, per_page: usize) -> usize {
    if stories <= per_page {
        1
    } else {
        1 + (stories - per_page).div_ceil(per_page)
    }
}

fn kind_name(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::Topic => "topic",
        GroupKind::Author => "author",
        GroupKind::Source => "source",
    }
}

fn index_title(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::Topic => "Topics",
        GroupKind::Author => "Authors",
        GroupKind::Source => "Sources",
    }
}

impl<'a> Publisher<'a> {
    fn pagination(&self, dir: &str, n: usize, total: usize) -> Pagination {
        let link = |n| self.plan.urls.link(&urls::page_dir(dir, n));
        Pagination {
            number: n,
            total,
            previous: (n > 1).then(|| link(n - 1)),
            next: (n < total).then(|| link(n + 1)),
        }
    }

    /// The stories of front page `n`, lead not repeated. Positions count the stories without
    /// the lead, mapped back to indices on the fly, so each page costs its own length and not
    /// the whole archive's.
    pub(super) fn front_stories(&self, n: usize) -> Vec<usize> {
        let per_page = self.plan.per_page;
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
        let mut shown: Vec<usize> = (start..end).map(story_at).collect();
        if n == 1 {
            shown.extend(lead);
        }
        shown
    }

    pub(super) fn front(&self, n: usize) -> Page<'a> {
        let plan = self.plan;
        let title = if n == 1 {
            plan.site.title.clone()
        } else {
            format!("{} — page {n}", plan.site.title)
        };
        let description = description_or(plan, || {
            if n == 1 {
                format!("Latest stories from {}.", plan.site.title)
            } else {
                format!("Earlier stories from {}, page {n}.", plan.site.title)
            }
        });
        let dir = urls::page_dir("", n);
        let common = self.common(&dir, title, description, "front");
        let mut cards = self.front_stories(n);
        // The lead is shown large, not as a card.
        let lead = if n == 1 { self.site.lead } else { None };
        if lead.is_some() {
            cards.pop();
        }
        let total = front_page_count(self.site.stories.len(), plan.per_page);
        Page {
            path: urls::index_file(&dir),
            template: "index.html",
            context: PageContext::Front(FrontPage {
                common,
                lead: lead.map(|i| self.site.stories[i].card()),
                pagination: self.pagination("", n, total),
            }),
            cards,
        }
    }

    /// Page `n` of a paginated list of stories at `dir`.
    fn listing(
        &self,
        dir: &str,
        n: usize,
        stories: &[usize],
        listing: ListingView,
        months: Option<&'a [MonthArchive]>,
    ) -> (Page<'a>, usize) {
        let plan = self.plan;
        let per_page = plan.per_page;
        let total = listing_pages(stories.len(), per_page);
        let title = if n == 1 {
            format!("{} — {}", listing.name, plan.site.title)
        } else {
            format!("{}, page {n} — {}", listing.name, plan.site.title)
        };
        let description = format!("Stories filed under {} ({}).", listing.name, listing.count);
        let page_dir = urls::page_dir(dir, n);
        let common = self.common(&page_dir, title, description, "listing");
        let start = ((n - 1) * per_page).min(stories.len());
        let end = (start + per_page).min(stories.len());
        let page = Page {
            path: urls::index_file(&page_dir),
            template: "list.html",
            context: PageContext::Listing(ListingPage {
                common,
                pagination: self.pagination(dir, n, total),
                listing,
                months,
            }),
            cards: stories[start..end].to_vec(),
        };
        (page, total)
    }

    pub(super) fn group_page(&self, kind: GroupKind, g: usize, n: usize) -> Page<'a> {
        let group = &self.groups(kind)[g];
        let view = ListingView {
            kind: kind_name(kind),
            name: group.name.clone(),
            count: group.count,
            link: group.link.clone(),
        };
        let (mut page, _) = self.listing(&group.dir, n, &group.stories, view, None);
        if self.has_feed(kind, g) {
            if let PageContext::Listing(listing) = &mut page.context {
                listing.common.page.feeds = super::context::feed_links(
                    self.plan,
                    &group.dir,
                    &group.name,
                    super::TERM_FEEDS,
                );
            }
        }
        page
    }

    pub(super) fn year_page(&self, y: usize, n: usize) -> Page<'a> {
        let year = &self.site.years[y];
        let view = ListingView {
            kind: "year",
            name: year.name.clone(),
            count: year.count,
            link: year.link.clone(),
        };
        self.listing(&year.dir, n, &year.stories, view, Some(&year.months))
            .0
    }

    pub(super) fn month_page(&self, y: usize, m: usize, n: usize) -> Page<'a> {
        let month = &self.site.years[y].months[m];
        let view = ListingView {
            kind: "month",
            name: month.name.clone(),
            count: month.count,
            link: month.link.clone(),
        };
        self.listing(&month.dir, n, &month.stories, view, None).0
    }

    pub(super) fn group_index(&self, kind: GroupKind) -> Page<'a> {
        let plan = self.plan;
        let dir = kind.dir();
        let title = format!("{} — {}", index_title(kind), plan.site.title);
        let description = description_or(plan, || match kind {
            GroupKind::Topic => format!("Every topic {} has covered.", plan.site.title),
            GroupKind::Author => format!("Every author who has written for {}.", plan.site.title),
            GroupKind::Source => {
                format!("Every agency {} has carried stories from.", plan.site.title)
            }
        });
        let groups = self.groups(kind);
        Page {
            path: urls::index_file(dir),
            template: "terms.html",
            context: PageContext::Terms(TermsPage {
                common: self.common(dir, title, description, "index"),
                listing: ListingView {
                    kind: kind_name(kind),
                    name: index_title(kind).to_string(),
                    count: groups.len(),
                    link: plan.urls.link(dir),
                },
                terms: groups,
            }),
            cards: Vec::new(),
        }
    }

    pub(super) fn archive_index(&self) -> Page<'a> {
        let plan = self.plan;
        let title = format!("Archive — {}", plan.site.title);
        let description = description_or(plan, || {
            format!("Stories from {} by year and month.", plan.site.title)
        });
        Page {
            path: urls::index_file(urls::ARCHIVE),
            template: "archive.html",
            context: PageContext::Archive(ArchivePage {
                common: self.common(urls::ARCHIVE, title, description, "archive"),
                years: &self.site.years,
            }),
            cards: Vec::new(),
        }
    }

    pub(super) fn search_page(&self) -> Page<'a> {
        let plan = self.plan;
        let title = format!("Search — {}", plan.site.title);
        let description = description_or(plan, || {
            format!("Search the stories of {}.", plan.site.title)
        });
        Page {
            path: urls::index_file(urls::SEARCH),
            template: "search.html",
            context: PageContext::Search(SearchPage {
                common: self.common(urls::SEARCH, title, description, "search"),
            }),
            cards: Vec::new(),
        }
    }

    pub(super) fn not_found(&self) -> Page<'a> {
        let plan = self.plan;
        let title = format!("Page not found — {}", plan.site.title);
        let description = description_or(plan, || {
            format!("This page of {} does not exist.", plan.site.title)
        });
        let mut common = self.common_at(urls::NOT_FOUND, "", title, description, "404");
        // Hosts serve 404.html at any depth, so its links are absolute.
        common.root = plan.urls.base().to_string();
        common.page.canonical = plan.urls.absolute(urls::NOT_FOUND);
        Page {
            path: urls::NOT_FOUND.to_string(),
            template: "404.html",
            context: PageContext::Plain(common),
            cards: Vec::new(),
        }
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
}
