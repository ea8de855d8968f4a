//! The feeds and sitemaps of a built site: RSS and Atom well-formed XML and JSON Feed valid
//! JSON, every entry with a title, a link and a date, and every link and sitemap `<loc>` mapped
//! to a file of the site.

use roxmltree::{Document, Node};

use super::links;
use super::site_files::SiteFiles;
use crate::diagnostics::Diagnostic;

/// What the feed and sitemap files of `files` hold wrong, and how many there were.
pub fn findings(files: &SiteFiles) -> (Vec<Diagnostic>, usize) {
    let mut found = Vec::new();
    let mut checked = 0;
    for path in files.sorted_files() {
        let name = path.rsplit('/').next().unwrap_or(path);
        let kind = match name {
            "feed.xml" | "atom.xml" => Kind::XmlFeed,
            "feed.json" => Kind::JsonFeed,
            n if n.starts_with("sitemap") && n.ends_with(".xml") => Kind::Sitemap,
            _ => continue,
        };
        checked += 1;
        let shown = files.shown(path);
        let text = match std::fs::read_to_string(files.root.join(path)) {
            Ok(t) => t,
            Err(e) => {
                found.push(Diagnostic::error(shown, format!("cannot read: {e}")));
                continue;
            }
        };
        let mut problems = Vec::new();
        match kind {
            Kind::XmlFeed | Kind::Sitemap => match Document::parse(&text) {
                Ok(doc) => {
                    let mut report = |node: Node, message: String| {
                        let line = doc.text_pos_at(node.range().start).row as usize;
                        problems.push((Some(line), message));
                    };
                    if kind == Kind::Sitemap {
                        sitemap(files, path, &doc, &mut report);
                    } else {
                        xml_feed(files, path, &doc, &mut report);
                    }
                }
                Err(e) => problems.push((
                    Some(e.pos().row as usize),
                    format!("not well-formed XML: {e}"),
                )),
            },
            Kind::JsonFeed => json_feed(files, path, &text, &mut problems),
        }
        found.extend(problems.into_iter().map(|(line, message)| Diagnostic {
            line,
            ..Diagnostic::error(shown.clone(), message)
        }));
    }
    (found, checked)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    XmlFeed,
    JsonFeed,
    Sitemap,
}

/// The child element of `node` named `name` (in any namespace).
fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// The text of the child element `name`, trimmed, when it has some.
fn child_text<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    child(node, name)
        .and_then(|c| c.text())
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// How a feed format gives an entry's link.
type LinkOf = fn(Node) -> Option<String>;

/// RSS 2.0 (`<rss><channel><item>`) or Atom (`<feed><entry>`): each entry's title, link and
/// date, and its link mapped to a page.
fn xml_feed(files: &SiteFiles, path: &str, doc: &Document, report: &mut impl FnMut(Node, String)) {
    let root = doc.root_element();
    let (entries, link_of, date_names): (Vec<Node>, LinkOf, &[&str]) = match root.tag_name().name()
    {
        "rss" => {
            let Some(channel) = child(root, "channel") else {
                report(root, "an RSS feed without a <channel>".into());
                return;
            };
            let items = channel
                .children()
                .filter(|c| c.has_tag_name("item"))
                .collect();
            (
                items,
                |n| child_text(n, "link").map(String::from),
                &["pubDate"],
            )
        }
        "feed" => {
            let entries = root
                .children()
                .filter(|c| c.has_tag_name("entry"))
                .collect();
            let link = |n: Node| {
                n.children()
                    .filter(|c| c.has_tag_name("link"))
                    .find(|c| c.attribute("rel").is_none_or(|r| r == "alternate"))
                    .and_then(|c| c.attribute("href"))
                    .map(String::from)
            };
            (entries, link, &["updated", "published"])
        }
        other => {
            report(
                root,
                format!("<{other}> is neither an RSS nor an Atom feed"),
            );
            return;
        }
    };
    for entry in entries {
        if child_text(entry, "title").is_none() {
            report(entry, "an entry without a title".into());
        }
        if !date_names.iter().any(|d| child_text(entry, d).is_some()) {
            report(
                entry,
                format!("an entry without a date (<{}>)", date_names[0]),
            );
        }
        match link_of(entry) {
            None => report(entry, "an entry without a link".into()),
            Some(url) => {
                if let Some(problem) = links::problem(files, path, &url) {
                    report(entry, problem);
                }
            }
        }
    }
}

/// A sitemap (`<urlset>`) or sitemap index (`<sitemapindex>`): every `<loc>` is a file of the
/// site, under its base URL.
fn sitemap(files: &SiteFiles, path: &str, doc: &Document, report: &mut impl FnMut(Node, String)) {
    let root = doc.root_element();
    let entry = match root.tag_name().name() {
        "urlset" => "url",
        "sitemapindex" => "sitemap",
        other => {
            report(root, format!("<{other}> is not a sitemap"));
            return;
        }
    };
    for node in root.children().filter(|c| c.has_tag_name(entry)) {
        let Some(loc) = child_text(node, "loc") else {
            report(node, format!("a <{entry}> without a <loc>"));
            continue;
        };
        if !loc.starts_with(files.base().as_str()) {
            report(
                node,
                format!("<loc> {loc} is not under the base URL {}", files.base()),
            );
        } else if let Some(problem) = links::problem(files, path, loc) {
            report(node, problem);
        }
    }
}

/// JSON Feed 1.1: valid JSON, its version, title and items, and each item's id, title, URL and
/// date, its URL mapped to a page.
fn json_feed(
    files: &SiteFiles,
    path: &str,
    text: &str,
    problems: &mut Vec<(Option<usize>, String)>,
) {
    let feed: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            problems.push((Some(e.line()), format!("not valid JSON: {e}")));
            return;
        }
    };
    let version = feed.get("version").and_then(|v| v.as_str()).unwrap_or("");
    if !version.starts_with("https://jsonfeed.org/version/1") {
        problems.push((
            None,
            format!("\"version\" {version:?} is not a JSON Feed version"),
        ));
    }
    if feed.get("title").and_then(|t| t.as_str()).is_none() {
        problems.push((None, "no \"title\"".into()));
    }
    let Some(items) = feed.get("items").and_then(|i| i.as_array()) else {
        problems.push((None, "no \"items\" list".into()));
        return;
    };
    for (n, item) in items.iter().enumerate() {
        let text_of = |key: &str| {
            item.get(key)
                .and_then(|v| v.as_str())
                .filter(|s| !s.trim().is_empty())
        };
        let name =
            text_of("id").map_or_else(|| format!("item {}", n + 1), |id| format!("item {id}"));
        if text_of("id").is_none() {
            problems.push((None, format!("{name}: no \"id\"")));
        }
        if text_of("title").is_none() {
            problems.push((None, format!("{name}: no \"title\"")));
        }
        if text_of("date_published").is_none() {
            problems.push((None, format!("{name}: no \"date_published\"")));
        }
        match text_of("url") {
            None => problems.push((None, format!("{name}: no \"url\""))),
            Some(url) => {
                if let Some(problem) = links::problem(files, path, url) {
                    problems.push((None, format!("{name}: {problem}")));
                }
            }
        }
    }
}
