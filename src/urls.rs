//! Every URL and folder name of a built site, in one place: the site stage places stories and
//! groups with it, publishing links pages and names output files with it, and templates get their
//! navigation from it, so a folder is renamed here or nowhere.
//!
//! Links between pages are relative to the site root (templates put `root` in front), so the same
//! output works from disk, at a domain's root and under a sub-path. By default a link names the
//! folder's `index.html`, which every host and `file://` serve; `pretty_urls` links to folders.

use serde::Serialize;

/// The folders of the site's own pages; an article never takes one at the top level.
pub const TOPICS: &str = "topics/";
pub const AUTHORS: &str = "authors/";
pub const SOURCES: &str = "sources/";
pub const ARCHIVE: &str = "archive/";
pub const SEARCH: &str = "search/";
/// The page listing every correction, and its feed.
pub const CORRECTIONS: &str = "corrections/";
/// Where the search index's files go, inside the search page's folder.
pub const SEARCH_DATA: &str = "search/data/";
/// Where the theme's and the site's static files go.
pub const STATIC: &str = "static/";
/// Where processed lead images go, inside the static folder: their names are content hashes.
pub const IMAGES: &str = "static/images/";
/// Pages after the first of a listing: `page/2/`.
const PAGE: &str = "page/";

/// Top-level folder names the site itself uses. `feeds` is kept free for feed folders.
pub const RESERVED_DIRS: &[&str] = &[
    "static",
    "page",
    "topics",
    "authors",
    "sources",
    "archive",
    "search",
    "feeds",
    "corrections",
];

pub const NOT_FOUND: &str = "404.html";
pub const SITEMAP: &str = "sitemap.xml";
pub const NEWS_SITEMAP: &str = "sitemap-news.xml";
pub const ROBOTS: &str = "robots.txt";

/// A part of a split sitemap: `sitemap-1.xml`.
pub fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// The kinds of group a story is filed under, each with pages of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupKind {
    Topic,
    Author,
    Source,
}

impl GroupKind {
    pub const ALL: [GroupKind; 3] = [GroupKind::Topic, GroupKind::Author, GroupKind::Source];

    /// The folder of the kind's index page, under which each group has its own.
    pub fn dir(self) -> &'static str {
        match self {
            GroupKind::Topic => TOPICS,
            GroupKind::Author => AUTHORS,
            GroupKind::Source => SOURCES,
        }
    }

    /// A group's folder: `topics/china/`.
    pub fn group_dir(self, slug: &str) -> String {
        format!("{}{slug}/", self.dir())
    }
}

/// The feed formats, with the file each is written to in a feed's folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedFormat {
    Rss,
    Atom,
    Json,
}

impl FeedFormat {
    pub const ALL: [FeedFormat; 3] = [FeedFormat::Rss, FeedFormat::Atom, FeedFormat::Json];

    pub fn file(self) -> &'static str {
        match self {
            FeedFormat::Rss => "feed.xml",
            FeedFormat::Atom => "atom.xml",
            FeedFormat::Json => "feed.json",
        }
    }
}

/// A year's archive folder: `2023/`.
pub fn year_dir(year: i32) -> String {
    format!("{year:04}/")
}

/// A month's archive folder: `2023/06/`.
pub fn month_dir(year: i32, month: u32) -> String {
    format!("{year:04}/{month:02}/")
}

/// The folder of page `n` (1-based) of a listing at `dir` (the front page's is the root).
pub fn page_dir(dir: &str, n: usize) -> String {
    if n == 1 {
        dir.to_string()
    } else {
        format!("{dir}{PAGE}{n}/")
    }
}

/// The page file of a folder.
pub fn index_file(dir: &str) -> String {
    format!("{dir}index.html")
}

/// The relative way up from a file at `path` (site-relative) to the site root.
pub fn root_from(path: &str) -> String {
    let depth = path.matches('/').count();
    if depth == 0 {
        "./".into()
    } else {
        "../".repeat(depth)
    }
}

/// Where the site is published and how its links are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Urls {
    /// The absolute URL of the site root, ending in `/`.
    base: String,
    pretty: bool,
    nav: Nav,
}

/// The navigation templates link to, relative to the root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Nav {
    pub front: String,
    pub topics: String,
    pub authors: String,
    pub sources: String,
    pub archive: String,
    pub search: String,
    pub corrections: String,
}

impl Urls {
    /// `base` is already validated and ends in `/`.
    pub fn new(base: String, pretty: bool) -> Urls {
        let link = |dir: &str| {
            if pretty {
                dir.to_string()
            } else {
                index_file(dir)
            }
        };
        let nav = Nav {
            front: link(""),
            topics: link(TOPICS),
            authors: link(AUTHORS),
            sources: link(SOURCES),
            archive: link(ARCHIVE),
            search: link(SEARCH),
            corrections: link(CORRECTIONS),
        };
        Urls { base, pretty, nav }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn pretty(&self) -> bool {
        self.pretty
    }

    /// The link to a folder relative to the site root: the folder itself with pretty URLs, its
    /// `index.html` otherwise.
    pub fn link(&self, dir: &str) -> String {
        if self.pretty {
            dir.to_string()
        } else {
            index_file(dir)
        }
    }

    /// The absolute URL of a site-relative link or file.
    pub fn absolute(&self, link: &str) -> String {
        format!("{}{link}", self.base)
    }

    /// The absolute URL of a folder's page.
    pub fn absolute_dir(&self, dir: &str) -> String {
        self.absolute(&self.link(dir))
    }

    /// The front page's link relative to the root.
    pub fn home(&self) -> &'static str {
        if self.pretty {
            ""
        } else {
            "index.html"
        }
    }

    /// The navigation templates link to.
    pub fn nav(&self) -> &Nav {
        &self.nav
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_name_files_unless_pretty() {
        let plain = Urls::new("https://example.org/news/".into(), false);
        assert_eq!(plain.link("topics/china/"), "topics/china/index.html");
        assert_eq!(plain.home(), "index.html");
        assert_eq!(
            plain.absolute_dir("2023/"),
            "https://example.org/news/2023/index.html"
        );
        let pretty = Urls::new("https://example.org/".into(), true);
        assert_eq!(pretty.link("topics/china/"), "topics/china/");
        assert_eq!(pretty.nav().front, "");
        assert_eq!(GroupKind::Author.group_dir("jane-doe"), "authors/jane-doe/");
        assert_eq!(page_dir("topics/x/", 3), "topics/x/page/3/");
        assert_eq!(page_dir("", 1), "");
    }

    #[test]
    fn roots() {
        assert_eq!(root_from("index.html"), "./");
        assert_eq!(root_from("2023/06/16/x/index.html"), "../../../../");
    }

    #[test]
    fn every_own_folder_is_reserved() {
        for dir in [
            TOPICS,
            AUTHORS,
            SOURCES,
            ARCHIVE,
            SEARCH,
            STATIC,
            PAGE,
            CORRECTIONS,
        ] {
            assert!(RESERVED_DIRS.contains(&dir.trim_end_matches('/')), "{dir}");
        }
    }
}
