//! Structured data for article pages: schema.org `NewsArticle` and a `BreadcrumbList`, built as
//! JSON by serde (never by string templates) and made safe to sit inside a `<script>` element.

use serde::Serialize;

use crate::config::Plan;
use crate::site::Story;

/// JSON for a `<script type="application/ld+json">` element: `<` is written as `\u003c`, so no
/// seed text (`</script>`) can close the element early.
pub fn script_safe<T: Serialize>(value: &T) -> String {
    // The types given here are structs, lists and strings, which always serialize.
    let json = serde_json::to_string(value).unwrap_or_else(|_| "{}".to_string());
    crate::html::replace_ascii(
        &json,
        [(b'<', "\\u003c"), (b'>', "\\u003e"), (b'&', "\\u0026")],
    )
}

// The graph is written from these types rather than built as a `serde_json::Value` first: an
// article page's structured data was a few percent of a build that way. Fields are declared
// in the byte order of their names, the order the graph has always been written in.

/// The `@graph` of an article page: its `NewsArticle` and `BreadcrumbList`.
#[derive(Serialize)]
pub struct ArticleGraph<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: (NewsArticle<'a>, BreadcrumbList<'a>),
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    article_section: Option<&'a str>,
    author: Vec<Agent<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    correction: Vec<CorrectionComment<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dateline: Option<&'a str>,
    description: &'a str,
    headline: &'a str,
    /// The lead image's 16:9, 4:3 and 1:1 crops, or the logo.
    image: Vec<String>,
    in_language: &'a str,
    keywords: &'a [String],
    main_entity_of_page: WebPage<'a>,
    publisher: Publisher<'a>,
    url: &'a str,
    word_count: usize,
}

/// A correction published with the story (schema.org `CorrectionComment`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CorrectionComment<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    date_published: &'a str,
    text: &'a str,
}

/// A person or an organization, as an author.
#[derive(Serialize)]
struct Agent<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct WebPage<'a> {
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Publisher<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    logo: ImageObject,
    name: &'a str,
}

#[derive(Serialize)]
struct ImageObject {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BreadcrumbList<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    item_list_element: Vec<ListItem<'a>>,
}

#[derive(Serialize)]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    item: String,
    name: &'a str,
    position: usize,
}

/// The `@graph` of an article page.
pub fn article_graph<'a>(story: &'a Story, plan: &'a Plan) -> ArticleGraph<'a> {
    let urls = &plan.urls;
    let a = &story.article;
    let logo = urls.absolute(&plan.site.logo);
    // Wire copy without a byline is the publisher's own.
    let author = if story.author_links.is_empty() {
        vec![Agent {
            kind: "Organization",
            name: &plan.site.publisher,
            url: urls.base().to_string(),
        }]
    } else {
        story
            .author_links
            .iter()
            .map(|l| Agent {
                kind: "Person",
                name: &l.name,
                url: urls.absolute(&l.link),
            })
            .collect()
    };
    let published = story.published_rfc3339.as_deref();
    let topic = story.topic_links.first();
    let article = NewsArticle {
        kind: "NewsArticle",
        article_section: topic.map(|t| t.name.as_str()),
        author,
        correction: story
            .corrections
            .iter()
            .map(|c| CorrectionComment {
                kind: "CorrectionComment",
                date_published: &c.date_rfc3339,
                text: &c.text,
            })
            .collect(),
        date_modified: published.map(|p| story.updated_rfc3339.as_deref().unwrap_or(p)),
        date_published: published,
        dateline: a
            .dateline
            .as_ref()
            .map(|d| d.place.as_deref().unwrap_or(&d.text)),
        description: &a.summary,
        headline: &a.headline,
        image: match &story.picture {
            Some(p) => p.crops.iter().map(|c| urls.absolute(&c.jpeg)).collect(),
            None => vec![logo.clone()],
        },
        in_language: &plan.site.language,
        keywords: &a.topics,
        main_entity_of_page: WebPage {
            id: &story.url,
            kind: "WebPage",
        },
        publisher: Publisher {
            kind: "Organization",
            logo: ImageObject {
                kind: "ImageObject",
                url: logo,
            },
            name: &plan.site.publisher,
        },
        url: &story.url,
        word_count: a.word_count,
    };
    let mut crumbs = vec![ListItem {
        kind: "ListItem",
        item: urls.absolute(urls.home()),
        name: &plan.site.title,
        position: 1,
    }];
    if let Some(topic) = topic {
        crumbs.push(ListItem {
            kind: "ListItem",
            item: urls.absolute(&topic.link),
            name: &topic.name,
            position: 2,
        });
    }
    crumbs.push(ListItem {
        kind: "ListItem",
        item: story.url.clone(),
        name: &a.headline,
        position: crumbs.len() + 1,
    });
    ArticleGraph::of(article, crumbs)
}

impl<'a> ArticleGraph<'a> {
    /// The graph of an article and the breadcrumbs to it.
    fn of(article: NewsArticle<'a>, crumbs: Vec<ListItem<'a>>) -> ArticleGraph<'a> {
        ArticleGraph {
            context: "https://schema.org",
            graph: (
                article,
                BreadcrumbList {
                    kind: "BreadcrumbList",
                    item_list_element: crumbs,
                },
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn script_cannot_be_closed_early() {
        let v = json!({"headline": "</script><script>alert(1)</script>"});
        let s = script_safe(&v);
        assert!(!s.contains("</"), "{s}");
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["headline"], "</script><script>alert(1)</script>");
    }

    /// The graph is written in the order its fields are declared; it has always been written
    /// in the byte order of its keys (a `serde_json::Value` sorts them), and must stay so.
    #[test]
    fn fields_are_written_in_the_byte_order_of_their_names() {
        let keywords = vec!["Trade".to_string()];
        let graph = |full: bool| {
            let article = NewsArticle {
                kind: "NewsArticle",
                article_section: full.then_some("Trade"),
                author: if full {
                    vec![Agent {
                        kind: "Person",
                        name: "Jane Doe",
                        url: "https://example.org/authors/jane-doe/".into(),
                    }]
                } else {
                    Vec::new()
                },
                correction: if full {
                    vec![CorrectionComment {
                        kind: "CorrectionComment",
                        date_published: "2023-06-17T00:00:00+00:00",
                        text: "An earlier version misspelt a name.",
                    }]
                } else {
                    Vec::new()
                },
                date_modified: full.then_some("2023-06-17T09:00:00+00:00"),
                date_published: full.then_some("2023-06-16T09:00:00+00:00"),
                dateline: full.then_some("BEIJING"),
                description: "A summary.",
                headline: "A headline",
                image: vec!["https://example.org/logo.png".into()],
                in_language: "en",
                keywords: &keywords,
                main_entity_of_page: WebPage {
                    id: "https://example.org/a/",
                    kind: "WebPage",
                },
                publisher: Publisher {
                    kind: "Organization",
                    logo: ImageObject {
                        kind: "ImageObject",
                        url: "https://example.org/logo.png".into(),
                    },
                    name: "The Paper",
                },
                url: "https://example.org/a/",
                word_count: 420,
            };
            let crumbs = vec![ListItem {
                kind: "ListItem",
                item: "https://example.org/".into(),
                name: "The Paper",
                position: 1,
            }];
            ArticleGraph::of(article, crumbs)
        };
        for full in [true, false] {
            let g = graph(full);
            let as_declared = serde_json::to_string(&g).unwrap();
            let sorted = serde_json::to_value(&g).unwrap().to_string();
            assert_eq!(as_declared, sorted);
        }
    }
}
