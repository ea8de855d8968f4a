//! What a page's markup says about its story, before its text is read: JSON-LD, OpenGraph and
//! `article:*` meta, the `author`/`byl`/`parsely-*`/`sailthru.*`/`dc.*` meta tags, microdata
//! (`itemprop`), `rel="author"` links, `<time datetime>` and the `<title>`.

use dom_query::{Document, Selection};

use super::collapse;
use super::jsonld::{self, LinkedArticle};

/// The story's metadata as the markup gives it, each field from its strongest source.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PageMeta {
    pub headline: Option<String>,
    /// The `<title>` with the site's name taken off, for pages that give nothing better.
    pub title: Option<String>,
    /// The first `<h1>` of the page's article (or of the page).
    pub h1: Option<String>,
    pub description: Option<String>,
    /// People named as authors by JSON-LD, meta tags, microdata or `rel="author"`.
    pub people: Vec<String>,
    /// Organizations named as the author: a byline only when the text names nobody.
    pub organizations: Vec<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub image: Option<jsonld::LinkedImage>,
    pub section: Option<String>,
    pub keywords: Vec<String>,
    pub site_name: Option<String>,
    /// The publisher JSON-LD names (`RTÉ` on a site named `RTE.ie`).
    pub publisher: Option<String>,
    /// The names the page's byline element gives (`<div class="byline">`), read by the text
    /// rules for bylines: for pages whose byline sits outside the story's own markup.
    pub byline: Vec<String>,
    /// An outlet the byline element names alone (`<div class="author-info">Reuters</div>`).
    pub byline_outlet: Option<String>,
    /// The names after a byline label in an element of no byline class (`<p>WRITER: …`):
    /// weaker evidence than the markup's authors, used only when the markup names nobody.
    pub labelled_byline: Vec<String>,
}

/// The page's `<meta>` tags: each `name`, `property` or `itemprop` (lower case) with its
/// `content`, in page order. Read once: every field asks for several names.
struct Metas(Vec<(String, String)>);

impl Metas {
    fn of(doc: &Document) -> Metas {
        let mut found = Vec::new();
        for m in doc.select("meta[content]").iter() {
            let content = m.attr("content").map(|c| collapse(&c)).unwrap_or_default();
            if content.is_empty() {
                continue;
            }
            for attr in ["name", "property", "itemprop"] {
                if let Some(key) = m.attr(attr) {
                    found.push((key.trim().to_ascii_lowercase(), content.clone()));
                }
            }
        }
        Metas(found)
    }

    /// The first value of the first of `keys` (in order of preference) the page gives.
    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|key| self.all(key).into_iter().next())
    }

    /// Every distinct value given for `key`, in page order.
    fn all(&self, key: &str) -> Vec<String> {
        let mut values: Vec<String> = Vec::new();
        for (k, v) in &self.0 {
            if k == key && !values.contains(v) {
                values.push(v.clone());
            }
        }
        values
    }
}

fn first_text(doc: &Document, selector: &str) -> Option<String> {
    doc.select(selector)
        .iter()
        .map(|s| collapse(&s.text()))
        .find(|t| !t.is_empty())
}

/// An element's machine-readable value: `content`, `datetime`, else its text.
fn value_of(s: &Selection) -> Option<String> {
    s.attr("content")
        .or_else(|| s.attr("datetime"))
        .map(|v| collapse(&v))
        .or_else(|| Some(collapse(&s.text())))
        .filter(|v| !v.is_empty())
}

/// A meta author value that is a profile URL (`article:author` often is) names nobody.
fn is_name(value: &str) -> bool {
    !value.contains("://") && !value.starts_with("www.") && !value.contains('@')
}

/// Names in a meta author value: `By A and B`, `A, B`, `A; B`.
fn names_in(value: &str) -> Vec<String> {
    let value = value.trim();
    let value = ["By ", "by ", "BY "]
        .iter()
        .find_map(|p| value.strip_prefix(p))
        .unwrap_or(value);
    value
        .split([';', '|'])
        .flat_map(|part| {
            let part = part.trim();
            if part.contains(" and ") || part.contains(',') || part.contains(" & ") {
                crate::extract::byline::split_names(part)
                    .into_iter()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            } else {
                vec![part.to_string()]
            }
        })
        .map(|n| collapse(&n))
        .filter(|n| !n.is_empty() && is_name(n))
        .collect()
}

fn push_all(into: &mut Vec<String>, names: impl IntoIterator<Item = String>) {
    for name in names {
        if !into.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            into.push(name);
        }
    }
}

/// The first of the dates a page states, in order of trust; where another of them is the same
/// moment written in a local time (`2024-02-14T16:20:00+13:00` beside JSON-LD's
/// `2024-02-14T03:20:00Z`), that one, since the story's day is the day where it was published.
fn in_local_time<const N: usize>(stated: [Option<String>; N]) -> Option<String> {
    let moment = |v: &str| {
        let v = v.trim();
        chrono::DateTime::parse_from_rfc3339(v)
            .or_else(|_| chrono::DateTime::parse_from_str(v, "%Y-%m-%dT%H:%M:%S%z"))
            .ok()
    };
    let mut stated = stated.into_iter().flatten();
    let first = stated.next()?;
    let Some(at) = moment(&first).filter(|t| t.offset().local_minus_utc() == 0) else {
        return Some(first);
    };
    Some(
        stated
            .find(|v| moment(v).is_some_and(|t| t == at && t.offset().local_minus_utc() != 0))
            .unwrap_or(first),
    )
}

/// Reads the page's metadata.
pub fn read(doc: &Document) -> PageMeta {
    let blocks: Vec<String> = doc
        .select("script[type=\"application/ld+json\" i]")
        .iter()
        .map(|s| s.text().to_string())
        .collect();
    let linked = jsonld::read(&blocks).unwrap_or_default();
    let LinkedArticle {
        headline,
        people,
        organizations,
        published,
        modified,
        description,
        image,
        sections,
        keywords,
        publisher,
    } = linked;

    let metas = Metas::of(doc);
    let meta = |_: &Document, keys: &[&str]| metas.first(keys);
    let site_name =
        meta(doc, &["og:site_name", "application-name", "dc.publisher"]).or(publisher.clone());
    let article = doc.select("article");
    let scope = if article.exists() {
        article.first()
    } else {
        doc.select("body")
    };

    let microdata = |prop: &str| {
        let sel = format!("[itemprop~=\"{prop}\"]");
        doc.select(&sel).iter().find_map(|s| value_of(&s))
    };
    let headline = headline
        .or_else(|| {
            meta(
                doc,
                &[
                    "og:title",
                    "twitter:title",
                    "sailthru.title",
                    "parsely-title",
                ],
            )
        })
        .or_else(|| {
            doc.select("[itemprop~=\"headline\"]")
                .iter()
                .find(|s| !s.is("meta"))
                .map(|s| collapse(&s.text()))
                .filter(|t| !t.is_empty())
        })
        .or_else(|| meta(doc, &["dc.title"]));

    let mut authors = people;
    if authors.is_empty() {
        for key in [
            "author",
            "byl",
            "parsely-author",
            "sailthru.author",
            "dc.creator",
            "article:author",
            "cxenseparse:author",
        ] {
            for value in metas.all(key) {
                push_all(&mut authors, names_in(&value));
            }
            if !authors.is_empty() {
                break;
            }
        }
    }
    if authors.is_empty() {
        let names = doc
            .select("[itemprop~=\"author\"]")
            .iter()
            .filter(|s| !s.is("meta") || s.attr("content").is_some_and(|c| is_name(&c)))
            .filter_map(|s| {
                let inner = s.select("[itemprop~=\"name\"]");
                if inner.exists() {
                    value_of(&inner.first())
                } else {
                    value_of(&s)
                }
            })
            .flat_map(|v| names_in(&v))
            .collect::<Vec<_>>();
        push_all(&mut authors, names);
    }
    if authors.is_empty() {
        let names = doc
            .select("a[rel~=\"author\"]")
            .iter()
            .map(|s| collapse(&s.text()))
            .flat_map(|v| names_in(&v))
            .collect::<Vec<_>>();
        push_all(&mut authors, names);
    }

    let published_meta = meta(
        doc,
        &[
            "article:published_time",
            "og:article:published_time",
            "parsely-pub-date",
            "sailthru.date",
            "dc.date.issued",
            "dc.date",
            "pubdate",
            "publishdate",
            "publish-date",
            "publish_date",
            "date",
        ],
    );
    let shown_time = scope
        .select("time[datetime]")
        .iter()
        .find_map(|t| t.attr("datetime").map(|d| collapse(&d)))
        .filter(|d| !d.is_empty());
    // A `<time>` in the page is the last resort: it may be a comment's or a related story's.
    let published =
        in_local_time([published, published_meta, microdata("datePublished")]).or(shown_time);
    let modified_meta = meta(
        doc,
        &[
            "article:modified_time",
            "og:article:modified_time",
            "og:updated_time",
            "dc.date.modified",
            "lastmod",
        ],
    );
    let modified = in_local_time([modified, modified_meta, microdata("dateModified")]);
    let description = description.or_else(|| {
        meta(
            doc,
            &[
                "og:description",
                "description",
                "twitter:description",
                "dc.description",
            ],
        )
    });
    // The image a page gives its social card is its lead picture; JSON-LD's may be another
    // crop of it, whose caption and credit still describe it.
    let card = meta(
        doc,
        &[
            "og:image",
            "og:image:url",
            "twitter:image",
            "twitter:image:src",
        ],
    );
    let image = match card {
        Some(url) => Some(jsonld::LinkedImage {
            url,
            caption: image
                .as_ref()
                .and_then(|i| i.caption.clone())
                .or_else(|| meta(doc, &["og:image:alt", "twitter:image:alt"])),
            credit: image.as_ref().and_then(|i| i.credit.clone()),
        }),
        None => image,
    };
    let section = sections
        .into_iter()
        .next()
        .or_else(|| meta(doc, &["article:section", "parsely-section"]));
    let mut tags = keywords;
    if tags.is_empty() {
        for value in metas
            .all("article:tag")
            .into_iter()
            .chain(meta(doc, &["news_keywords", "keywords", "parsely-tags"]))
        {
            push_all(
                &mut tags,
                value.split(',').map(collapse).filter(|t| !t.is_empty()),
            );
        }
    }

    let raw_title = first_text(doc, "head title");
    let title = raw_title
        .as_deref()
        .map(|t| without_site_name(t, site_name.as_deref()));
    // The site's name set as an `<h1>` over its masthead (`<h1 class="logo">`) is no headline:
    // a logo's class says so, or the name is the one the page's title ends with.
    let title_site = raw_title
        .as_deref()
        .zip(title.as_deref())
        .and_then(|(raw, bare)| raw.strip_prefix(bare))
        .map(|rest| {
            rest.trim_start_matches(|c: char| !c.is_alphanumeric())
                .to_string()
        });
    let names_the_site = |text: &str| {
        [site_name.as_deref(), title_site.as_deref()]
            .into_iter()
            .flatten()
            .any(|site| !site.is_empty() && site.eq_ignore_ascii_case(text))
    };
    let h1 = scope
        .select("h1")
        .iter()
        .chain(doc.select("h1").iter())
        .filter(|h| {
            !h.attr("class")
                .or_else(|| h.attr("id"))
                .is_some_and(|c| c.to_lowercase().contains("logo"))
        })
        .map(|s| collapse(&s.text()))
        .find(|t| !t.is_empty() && !names_the_site(t));

    let (byline, byline_outlet) = byline_element(doc);
    PageMeta {
        byline,
        byline_outlet,
        labelled_byline: labelled_byline(doc).unwrap_or_default(),
        headline,
        title,
        h1,
        description,
        people: authors,
        organizations,
        published,
        modified,
        image,
        section,
        keywords: tags,
        site_name,
        publisher,
    }
}

/// Elements sites mark as the byline or the author's name.
const BYLINE_ELEMENTS: &str = "[class*=byline i], [class*=author-name i], [class*=authorname i], \
    [class*=author i], [rel~=author], [class*=contributor i]";

/// The names the first byline element that reads as a byline gives, and the first outlet a
/// byline element names alone (an agency's story: `Reuters`).
fn byline_element(doc: &Document) -> (Vec<String>, Option<String>) {
    let mut outlet = None;
    for e in doc.select(BYLINE_ELEMENTS).iter() {
        if crate::extract::text::longer_than(&e.text(), 400) {
            continue;
        }
        // Read block by block, as the text rules read lines: a byline and the job line under
        // it are two. Inside a block, the spans a page sets side by side (`<span>Maren
        // Halvorsen</span><span>Star Tribune</span>`) are words apart, not glued as a
        // selection's copy glues them.
        for node in e.nodes() {
            let pieces = super::blocks::pieces_spaced(node);
            for (at, piece) in pieces.iter().enumerate() {
                for part in piece.text.split(['|', '·', '•']) {
                    if let Some(names) = crate::extract::byline::parse_byline(part.trim(), true) {
                        if !names.is_empty() {
                            // One block per author (`<p>By — A</p><p>By — B</p>`), in this
                            // element or in elements of its class beside it.
                            let mut names = within_elements(names, node);
                            for next in &pieces[at + 1..] {
                                match crate::extract::byline::parse_byline(&next.text, true) {
                                    Some(more) if !more.is_empty() => {
                                        names.extend(within_elements(more, node))
                                    }
                                    _ => break,
                                }
                            }
                            names.extend(sibling_bylines(node));
                            let mut seen = std::collections::HashSet::new();
                            names.retain(|n| seen.insert(n.clone()));
                            return (names, outlet);
                        }
                    }
                    let part = part.trim();
                    let part = crate::extract::byline::after_byline_lead(part).unwrap_or(part);
                    if outlet.is_none()
                        && part.split_whitespace().count() <= 4
                        && crate::extract::byline::names_an_outlet(part)
                    {
                        outlet = Some(part.to_string());
                    }
                }
            }
        }
    }
    (Vec::new(), outlet)
}

/// The names in the elements of the same class after `byline`, beside it: pages that give each
/// author a byline of their own (`<div class="byline">By — A</div><div class="byline">By — B`).
fn sibling_bylines(byline: &dom_query::NodeRef) -> Vec<String> {
    let class = byline.attr("class");
    let mut names = Vec::new();
    let mut next = byline.next_element_sibling();
    while let Some(sibling) = next.filter(|s| class.is_some() && s.attr("class") == class) {
        let Some(text) = super::text_within(&sibling, 200) else {
            break;
        };
        match crate::extract::byline::parse_byline(&collapse(&text), true) {
            Some(found) if !found.is_empty() => names.extend(within_elements(found, &sibling)),
            _ => break,
        }
        next = sibling.next_element_sibling();
    }
    names
}

/// Labels pages print before the names in a byline that carries no byline class
/// (`<p>WRITER: <a>…</a> &amp; <a>…</a></p>`). Only the forms with a colon: a paragraph that
/// opens `By` may be the story's (`By Wednesday the river had…`).
const BYLINE_LABELS: [&str; 5] = ["writer:", "writers:", "author:", "authors:", "by:"];

/// The names of the first short element whose text opens with a byline label.
fn labelled_byline(doc: &Document) -> Option<Vec<String>> {
    doc.select("p, div, span, li")
        .nodes()
        .iter()
        .find_map(|node| {
            if super::dates::in_comments(node) {
                return None;
            }
            let text = collapse(&super::text_within(node, 200)?);
            let labelled = BYLINE_LABELS.iter().any(|label| {
                text.get(..label.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(label))
            });
            if !labelled {
                return None;
            }
            crate::extract::byline::parse_byline(&text, true).filter(|names| !names.is_empty())
        })
}

/// Names read from a byline's words cut back to the element that holds each name, where the
/// words ran on into the next one (`Maren Halvorsen Star` of `<a>Maren Halvorsen</a> <span>Star
/// Tribune</span>`).
fn within_elements(names: Vec<String>, byline: &dom_query::NodeRef) -> Vec<String> {
    let texts: Vec<String> = byline
        .descendants_it()
        .filter(|n| n.is_text())
        .map(|n| collapse(&n.text()))
        .filter(|t| t.split_whitespace().count() >= 2)
        .collect();
    names
        .into_iter()
        .map(|name| {
            texts
                .iter()
                .filter(|t| name.starts_with(&format!("{t} ")))
                .max_by_key(|t| t.len())
                .cloned()
                .unwrap_or(name)
        })
        .collect()
}

/// A `<title>` without the site's name: `Story - Site`, `Site | Story`, `Story — Section — Site`.
pub fn without_site_name(title: &str, site: Option<&str>) -> String {
    const SEPARATORS: [&str; 6] = [" | ", " - ", " – ", " — ", " :: ", " · "];
    let title = collapse(title);
    for sep in SEPARATORS {
        let parts: Vec<&str> = title.split(sep).collect();
        if parts.len() < 2 {
            continue;
        }
        if let Some(site) = site {
            let kept: Vec<&str> = parts
                .iter()
                .copied()
                .filter(|p| !p.eq_ignore_ascii_case(site.trim()))
                .collect();
            if kept.len() < parts.len() && !kept.is_empty() {
                return kept.join(sep);
            }
        }
        // Without the site's name, the longest part is the story's.
        return parts
            .iter()
            .max_by_key(|p| p.chars().count())
            .map(|p| p.to_string())
            .unwrap_or_default();
    }
    title
}

#[cfg(test)]
mod tests;
