//! Structured data for article pages: schema.org `NewsArticle` and a `BreadcrumbList`, built as
//! JSON by serde (never by string templates) and made safe to sit inside a `<script>` element.

use serde_json::{json, Value};

use crate::config::Config;
use crate::site::Story;

/// JSON for a `<script type="application/ld+json">` element: `<` is written as `\u003c`, so no
/// seed text (`</script>`) can close the element early.
pub fn script_safe(value: &Value) -> String {
    crate::html::replace_ascii(
        &value.to_string(),
        [(b'<', "\\u003c"), (b'>', "\\u003e"), (b'&', "\\u0026")],
    )
}

/// The `@graph` of an article page.
pub fn article_graph(story: &Story, config: &Config) -> Value {
    let base = &config.site.base_url;
    let a = &story.article;
    let logo = format!("{base}{}", config.site.logo);
    let mut article = json!({
        "@type": "NewsArticle",
        "headline": a.headline,
        "description": a.summary,
        "url": story.url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": story.url},
        // Wire copy without a byline is the publisher's own.
        "author": if story.author_links.is_empty() {
            vec![json!({"@type": "Organization", "name": config.site.publisher, "url": base})]
        } else {
            story.author_links.iter().map(|l| json!({
                "@type": "Person",
                "name": l.name,
                "url": format!("{base}{}", l.link),
            })).collect::<Vec<_>>()
        },
        "publisher": {
            "@type": "Organization",
            "name": config.site.publisher,
            "logo": {"@type": "ImageObject", "url": logo},
        },
        "image": [logo],
        "keywords": a.topics,
        "wordCount": a.word_count,
        "inLanguage": config.site.language,
    });
    let object = article.as_object_mut().expect("an object");
    if let Some(published) = &story.published_rfc3339 {
        object.insert("datePublished".into(), json!(published));
        let modified = story.updated_rfc3339.as_ref().unwrap_or(published);
        object.insert("dateModified".into(), json!(modified));
    }
    if let Some(topic) = story.topic_links.first() {
        object.insert("articleSection".into(), json!(topic.name));
    }
    if let Some(dateline) = &a.dateline {
        object.insert(
            "dateline".into(),
            json!(dateline
                .place
                .clone()
                .unwrap_or_else(|| dateline.text.clone())),
        );
    }
    let mut crumbs = vec![
        json!({"@type": "ListItem", "position": 1, "name": config.site.title, "item": format!("{base}{}", if config.site.pretty_urls { "" } else { "index.html" })}),
    ];
    if let Some(topic) = story.topic_links.first() {
        crumbs.push(json!({"@type": "ListItem", "position": 2, "name": topic.name, "item": format!("{base}{}", topic.link)}));
    }
    crumbs.push(json!({"@type": "ListItem", "position": crumbs.len() + 1, "name": a.headline, "item": story.url}));
    json!({
        "@context": "https://schema.org",
        "@graph": [article, {"@type": "BreadcrumbList", "itemListElement": crumbs}],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_cannot_be_closed_early() {
        let v = json!({"headline": "</script><script>alert(1)</script>"});
        let s = script_safe(&v);
        assert!(!s.contains("</"), "{s}");
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["headline"], "</script><script>alert(1)</script>");
    }
}
