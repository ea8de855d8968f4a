//! The article a page describes in its JSON-LD (`<script type="application/ld+json">`): the
//! `NewsArticle`, `Article`, `ReportageNewsArticle`, `BlogPosting` (or another `…Article`)
//! object, found alone, in an array or inside an `@graph`, with authors given by `@id`
//! resolved against the rest of the graph.

use serde_json::{Map, Value};

/// What a JSON-LD article object says, as text.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct LinkedArticle {
    pub headline: Option<String>,
    /// People named as authors.
    pub people: Vec<String>,
    /// Organizations named as authors (often the publisher standing in for a byline).
    pub organizations: Vec<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub description: Option<String>,
    pub image: Option<LinkedImage>,
    pub sections: Vec<String>,
    pub keywords: Vec<String>,
    /// The publisher's name.
    pub publisher: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct LinkedImage {
    pub url: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

/// Types that are an article. Schema.org's news types all end in `Article`
/// (`AnalysisNewsArticle`, `OpinionNewsArticle`…), and live blogs are `LiveBlogPosting`.
fn is_article_type(t: &str) -> bool {
    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
    t.ends_with("Article") || t == "BlogPosting" || t == "LiveBlogPosting" || t == "Report"
}

fn types(object: &Map<String, Value>) -> Vec<&str> {
    match object.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Every object in a JSON-LD value: the value itself, an array's members, a graph's nodes.
fn objects<'a>(value: &'a Value, into: &mut Vec<&'a Map<String, Value>>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| objects(v, into)),
        Value::Object(object) => {
            into.push(object);
            if let Some(graph) = object.get("@graph") {
                objects(graph, into);
            }
        }
        _ => {}
    }
}

/// Reads the article out of the page's JSON-LD blocks (their texts, in page order). Blocks
/// that are not valid JSON are skipped: sites ship broken ones, and the rest of the page still
/// says what it says.
pub fn read(blocks: &[String]) -> Option<LinkedArticle> {
    let values: Vec<Value> = blocks
        .iter()
        .filter_map(|b| serde_json::from_str(clean(b)).ok())
        .collect();
    let mut all = Vec::new();
    for v in &values {
        objects(v, &mut all);
    }
    let article = all
        .iter()
        .find(|o| types(o).iter().any(|t| is_article_type(t)))?;
    let by_id = |id: &str| {
        all.iter()
            .find(|o| o.get("@id").and_then(Value::as_str) == Some(id) && o.len() > 1)
            .copied()
    };
    let mut found = LinkedArticle {
        headline: text_of(article.get("headline")).or_else(|| text_of(article.get("name"))),
        published: text_of(article.get("datePublished")),
        modified: text_of(article.get("dateModified")),
        description: text_of(article.get("description")),
        sections: texts_of(article.get("articleSection")),
        keywords: texts_of(article.get("keywords"))
            .iter()
            .flat_map(|k| k.split(','))
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect(),
        ..LinkedArticle::default()
    };
    for author in members(article.get("author")) {
        match author {
            Value::String(name) => push_name(&mut found.people, name),
            Value::Object(o) => {
                let o = match o.get("@id").and_then(Value::as_str) {
                    Some(id) if o.get("name").is_none() => by_id(id).unwrap_or(o),
                    _ => o,
                };
                let Some(name) = text_of(o.get("name")) else {
                    continue;
                };
                let organization = types(o)
                    .iter()
                    .any(|t| t.contains("Organization") || t.contains("Corporation"));
                if organization {
                    push_name(&mut found.organizations, &name);
                } else {
                    push_name(&mut found.people, &name);
                }
            }
            _ => {}
        }
    }
    found.publisher = members(article.get("publisher")).find_map(|p| match p {
        Value::Object(o) => match o.get("@id").and_then(Value::as_str) {
            Some(id) if o.get("name").is_none() => by_id(id).and_then(|o| text_of(o.get("name"))),
            _ => text_of(o.get("name")),
        },
        Value::String(name) => Some(name.trim().to_string()),
        _ => None,
    });
    found.image = members(article.get("image")).find_map(|image| match image {
        Value::String(url) => Some(LinkedImage {
            url: url.trim().to_string(),
            ..LinkedImage::default()
        }),
        Value::Object(o) => {
            let o = match o.get("@id").and_then(Value::as_str) {
                Some(id) if o.get("url").is_none() => by_id(id).unwrap_or(o),
                _ => o,
            };
            Some(LinkedImage {
                url: text_of(o.get("url")).or_else(|| text_of(o.get("contentUrl")))?,
                caption: text_of(o.get("caption")),
                credit: text_of(o.get("creditText"))
                    .or_else(|| text_of(o.get("copyrightHolder")))
                    .or_else(|| members(o.get("author")).find_map(name_of)),
            })
        }
        _ => None,
    });
    Some(found)
}

/// A block's text without what some sites wrap it in (`<!--`, `//<![CDATA[`) or end it with.
fn clean(block: &str) -> &str {
    let mut b = block.trim();
    for prefix in ["<!--", "//<![CDATA[", "<![CDATA["] {
        b = b.strip_prefix(prefix).unwrap_or(b).trim();
    }
    for suffix in ["-->", "//]]>", "]]>", ";"] {
        b = b.strip_suffix(suffix).unwrap_or(b).trim();
    }
    b
}

fn members(value: Option<&Value>) -> impl Iterator<Item = &Value> {
    let list: Vec<&Value> = match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v) => vec![v],
        None => Vec::new(),
    };
    list.into_iter()
}

fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Object(o) => text_of(o.get("name")),
        _ => None,
    }
}

/// A string value (or the first of an array of them), whitespace collapsed; never empty.
fn text_of(value: Option<&Value>) -> Option<String> {
    let s = match value? {
        Value::String(s) => s.as_str(),
        Value::Array(items) => items.iter().find_map(Value::as_str)?,
        _ => return None,
    };
    let s = super::collapse(s);
    (!s.is_empty()).then_some(s)
}

fn texts_of(value: Option<&Value>) -> Vec<String> {
    members(value).filter_map(|v| text_of(Some(v))).collect()
}

fn push_name(names: &mut Vec<String>, name: &str) {
    let name = super::collapse(name);
    if !name.is_empty() && !names.contains(&name) {
        names.push(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_article_in_a_graph_and_resolves_its_author() {
        let block = r##"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","@id":"#site","name":"The Beacon"},
            {"@type":["NewsArticle"],"headline":"Ferry  cuts","author":{"@id":"#p1"},
             "datePublished":"2021-01-02T03:04:05Z","keywords":"ferries, winter",
             "image":[{"@type":"ImageObject","url":"https://x.test/a.jpg","caption":"A ferry"}]},
            {"@type":"Person","@id":"#p1","name":"Walt Brennan"}]}"##;
        let a = read(&[block.to_string()]).unwrap();
        assert_eq!(a.headline.as_deref(), Some("Ferry cuts"));
        assert_eq!(a.people, ["Walt Brennan"]);
        assert_eq!(a.published.as_deref(), Some("2021-01-02T03:04:05Z"));
        assert_eq!(a.keywords, ["ferries", "winter"]);
        let image = a.image.unwrap();
        assert_eq!(image.url, "https://x.test/a.jpg");
        assert_eq!(image.caption.as_deref(), Some("A ferry"));
    }

    #[test]
    fn tells_people_from_organizations_and_skips_broken_blocks() {
        let blocks = [
            "{not json".to_string(),
            r#"[{"@type":"BreadcrumbList"},{"@type":"ReportageNewsArticle",
               "author":[{"@type":"Person","name":"A. Writer"},
                         {"@type":"NewsMediaOrganization","name":"BBC News"}, "B. Writer"]}]"#
                .to_string(),
        ];
        let a = read(&blocks).unwrap();
        assert_eq!(a.people, ["A. Writer", "B. Writer"]);
        assert_eq!(a.organizations, ["BBC News"]);
        assert!(read(&[r#"{"@type":"WebPage"}"#.to_string()]).is_none());
    }
}
