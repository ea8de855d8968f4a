//! A built site as `check` reads it: every file it holds, every page's anchors and links, and
//! how a URL found in a page or feed resolves against the site's base URL.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use lol_html::{element, HtmlRewriter, Settings};
use rayon::prelude::*;
use url::Url;

use crate::urls::Urls;

/// A URL a page names, where it names it.
#[derive(Debug, Clone)]
pub struct Reference {
    pub url: String,
    pub line: usize,
}

/// What one page holds for the link check.
#[derive(Debug, Default)]
pub struct PageScan {
    /// Every `id`, and every `name` of an `<a>`: what a `#fragment` may name.
    pub anchors: HashSet<String>,
    pub references: Vec<Reference>,
}

/// Where a URL leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Another host, or a scheme that is not the web's (`mailto:`): not the site's to check.
    External,
    /// A file of the site: its path from the output folder, and the fragment, if any.
    Internal {
        path: String,
        fragment: Option<String>,
    },
    /// The site's host but not under its base path, or above the site root: a link that
    /// leaves the site where it is published.
    OutsideSite(String),
    /// Not a URL at all.
    Malformed(String),
}

/// The built site.
pub struct SiteFiles {
    pub root: PathBuf,
    /// The folder messages name in place of `root`: where `build` would write the site.
    shown_as: String,
    base: Url,
    /// Every file's path from the output folder, with `/` between folders.
    files: HashSet<String>,
    /// Every folder's path from the output folder, ending in `/`.
    dirs: HashSet<String>,
    /// Each HTML page, by path.
    pub pages: HashMap<String, PageScan>,
}

/// The attributes of each element that name a URL the page loads or links to.
const URL_ATTRIBUTES: &[(&str, &str)] = &[
    ("a[href]", "href"),
    ("area[href]", "href"),
    ("link[href]", "href"),
    ("img[src]", "src"),
    ("script[src]", "src"),
    ("source[src]", "src"),
    ("iframe[src]", "src"),
    ("audio[src]", "src"),
    ("video[src]", "src"),
    ("video[poster]", "poster"),
    ("track[src]", "src"),
    ("embed[src]", "src"),
    ("form[action]", "action"),
];

/// The URLs of a `srcset`: each candidate is a URL and, after a space, its width or density.
fn srcset_urls(srcset: &str) -> impl Iterator<Item = &str> {
    srcset
        .split(',')
        .filter_map(|candidate| candidate.split_whitespace().next())
}

/// The line of the byte at `offset` in `text`.
fn line_at(text: &[u8], offset: usize) -> usize {
    1 + memchr::memchr_iter(b'\n', &text[..offset.min(text.len())]).count()
}

/// Reads one page's anchors and links with lol_html's streaming HTML5 parser, run without
/// rewriting: its output is thrown away.
pub fn scan_page(html: &[u8]) -> PageScan {
    let scan = RefCell::new(PageScan::default());
    let mut handlers = vec![
        element!("[id]", |el| {
            if let Some(id) = el.get_attribute("id") {
                scan.borrow_mut().anchors.insert(id);
            }
            Ok(())
        }),
        element!("a[name]", |el| {
            if let Some(name) = el.get_attribute("name") {
                scan.borrow_mut().anchors.insert(name);
            }
            Ok(())
        }),
        element!("img[srcset], source[srcset]", |el| {
            let line = line_at(html, el.source_location().bytes().start);
            if let Some(srcset) = el.get_attribute("srcset") {
                let mut scan = scan.borrow_mut();
                for url in srcset_urls(&srcset) {
                    scan.references.push(Reference {
                        url: url.to_string(),
                        line,
                    });
                }
            }
            Ok(())
        }),
    ];
    for &(selector, attribute) in URL_ATTRIBUTES {
        let scan = &scan;
        handlers.push(element!(selector, move |el| {
            if let Some(url) = el.get_attribute(attribute) {
                let line = line_at(html, el.source_location().bytes().start);
                scan.borrow_mut().references.push(Reference { url, line });
            }
            Ok(())
        }));
    }
    let settings = handlers
        .into_iter()
        .fold(Settings::new(), Settings::append_element_content_handler);
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // lol_html reads any bytes as HTML (a parse error is a page the browser would still show);
    // it stops only on memory limits not set here.
    let _ = rewriter.write(html).and_then(|()| rewriter.end());
    scan.into_inner()
}

/// `path` relative to `root`, with `/` between folders.
fn relative(path: &Path, root: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

impl SiteFiles {
    /// Reads the site built into `root`, whose pages will be published at `urls`' base.
    /// Messages name its files under `shown_as`.
    pub fn read(root: &Path, urls: &Urls, shown_as: &str) -> SiteFiles {
        let base = Url::parse(urls.base()).expect("the plan's base URL is validated");
        let mut files = HashSet::new();
        let mut dirs = HashSet::new();
        for entry in walkdir::WalkDir::new(root).into_iter().flatten() {
            let Some(rel) = relative(entry.path(), root) else {
                continue;
            };
            if entry.file_type().is_dir() {
                dirs.insert(format!("{rel}/"));
            } else {
                files.insert(rel);
            }
        }
        let pages = files
            .par_iter()
            .filter(|f| f.ends_with(".html"))
            .filter_map(|f| {
                let bytes = std::fs::read(root.join(f)).ok()?;
                Some((f.clone(), scan_page(&bytes)))
            })
            .collect();
        SiteFiles {
            root: root.to_path_buf(),
            shown_as: shown_as.trim_end_matches('/').to_string(),
            base,
            files,
            dirs,
            pages,
        }
    }

    /// How many HTML pages the site holds.
    pub fn pages(&self) -> usize {
        self.pages.len()
    }

    /// Every file's path, sorted.
    pub fn sorted_files(&self) -> Vec<&str> {
        let mut files: Vec<&str> = self.files.iter().map(String::as_str).collect();
        files.sort_unstable();
        files
    }

    /// The path a message gives for the file at `path`.
    pub fn shown(&self, path: &str) -> String {
        format!("{}/{path}", self.shown_as)
    }

    pub fn base(&self) -> &Url {
        &self.base
    }

    /// Where `url`, found in the file at `from` (a path from the output folder), leads once
    /// published at the base URL: relative URLs from that file's own URL, root-relative ones
    /// from the host, so a `/about/` on a site under `/news/` leaves the site.
    pub fn resolve(&self, from: &str, url: &str) -> Resolved {
        let page = match self.base.join(from) {
            Ok(u) => u,
            Err(e) => return Resolved::Malformed(e.to_string()),
        };
        let target = match page.join(url.trim()) {
            Ok(u) => u,
            Err(e) => return Resolved::Malformed(e.to_string()),
        };
        let same_origin = target.scheme() == self.base.scheme()
            && target.host() == self.base.host()
            && target.port_or_known_default() == self.base.port_or_known_default();
        if !same_origin {
            return Resolved::External;
        }
        let Some(rest) = target.path().strip_prefix(self.base.path()) else {
            return Resolved::OutsideSite(target.path().to_string());
        };
        let path = percent_encoding::percent_decode_str(rest)
            .decode_utf8_lossy()
            .into_owned();
        let fragment = target.fragment().map(|f| {
            percent_encoding::percent_decode_str(f)
                .decode_utf8_lossy()
                .into_owned()
        });
        Resolved::Internal { path, fragment }
    }

    /// The file a path from the output folder is served from: a folder (or the root) serves
    /// its `index.html`, as every static host does. `None` when there is no such file.
    pub fn served_file(&self, path: &str) -> Option<String> {
        if path.is_empty() || path.ends_with('/') {
            let index = format!("{path}index.html");
            return self.files.contains(&index).then_some(index);
        }
        if self.files.contains(path) {
            return Some(path.to_string());
        }
        let dir = format!("{path}/");
        let index = format!("{dir}index.html");
        (self.dirs.contains(&dir) && self.files.contains(&index)).then_some(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_give_their_anchors_and_links_with_lines() {
        let scan = scan_page(
            b"<!doctype html><title>x</title>\n<h2 id=\"a\">A</h2>\n<a href=\"b.html#c\">b</a>\n<img src=\"p.png\" srcset=\"p1.png 1x, p2.png 2x\" alt=\"\">",
        );
        assert!(scan.anchors.contains("a"));
        let urls: Vec<(&str, usize)> = scan
            .references
            .iter()
            .map(|r| (r.url.as_str(), r.line))
            .collect();
        for expected in [("b.html#c", 3), ("p.png", 4), ("p1.png", 4), ("p2.png", 4)] {
            assert!(urls.contains(&expected), "{expected:?} in {urls:?}");
        }
    }

    fn site(base: &str) -> SiteFiles {
        SiteFiles {
            root: PathBuf::new(),
            shown_as: "public".into(),
            base: Url::parse(base).unwrap(),
            files: ["index.html", "a/index.html"].map(String::from).into(),
            dirs: ["a/"].map(String::from).into(),
            pages: HashMap::new(),
        }
    }

    #[test]
    fn urls_resolve_against_the_base_path() {
        let s = site("https://example.org/news/");
        let internal = |path: &str, fragment: Option<&str>| Resolved::Internal {
            path: path.into(),
            fragment: fragment.map(String::from),
        };
        assert_eq!(
            s.resolve("a/index.html", "../index.html"),
            internal("index.html", None)
        );
        assert_eq!(
            s.resolve("a/index.html", "#top"),
            internal("a/index.html", Some("top"))
        );
        assert_eq!(s.resolve("index.html", "/news/a/"), internal("a/", None));
        assert_eq!(
            s.resolve("index.html", "https://example.org/news/a/index.html"),
            internal("a/index.html", None)
        );
        assert_eq!(
            s.resolve("index.html", "/about/"),
            Resolved::OutsideSite("/about/".into())
        );
        assert_eq!(
            s.resolve("index.html", "../../x.html"),
            Resolved::OutsideSite("/x.html".into())
        );
        assert_eq!(
            s.resolve("index.html", "mailto:x@example.org"),
            Resolved::External
        );
        assert_eq!(
            s.resolve("index.html", "https://other.example/"),
            Resolved::External
        );
        assert_eq!(s.served_file("a"), Some("a/index.html".into()));
        assert_eq!(s.served_file(""), Some("index.html".into()));
        assert_eq!(s.served_file("b/"), None);
    }
}
