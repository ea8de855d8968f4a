//! Tests of reading a page's metadata.

use super::*;

#[test]
fn reads_meta_tags_when_there_is_no_json_ld() {
    let doc = Document::from(
        r#"<html><head><title>Pier reopens | Harbor Beacon</title>
        <meta property="og:site_name" content="Harbor Beacon">
        <meta name="byl" content="By Ann Lee and Bo Chan">
        <meta property="article:author" content="https://facebook.com/x">
        <meta property="article:published_time" content="2020-01-02T03:04:05Z">
        <meta property="og:image" content="https://x.test/p.jpg">
        <meta property="article:tag" content="Piers"><meta property="article:tag" content="Tides">
        </head><body><article><h1>Pier  reopens</h1><time datetime="2019-01-01">x</time></article></body></html>"#,
    );
    let m = read(&doc);
    assert_eq!(m.headline, None);
    assert_eq!(m.title.as_deref(), Some("Pier reopens"));
    assert_eq!(m.h1.as_deref(), Some("Pier reopens"));
    assert_eq!(m.people, ["Ann Lee", "Bo Chan"]);
    assert_eq!(m.published.as_deref(), Some("2020-01-02T03:04:05Z"));
    assert_eq!(m.image.unwrap().url, "https://x.test/p.jpg");
    assert_eq!(m.keywords, ["Piers", "Tides"]);
}

#[test]
fn reads_microdata_and_rel_author() {
    let doc = Document::from(
        r#"<body><div itemscope itemtype="https://schema.org/NewsArticle">
        <h1 itemprop="headline">Dam holds</h1>
        <span itemprop="author" itemscope><span itemprop="name">Cy Diaz</span></span>
        <time itemprop="datePublished" datetime="2018-05-06">May 6</time></div>
        <a rel="author" href="/x">Someone Else</a></body>"#,
    );
    let m = read(&doc);
    assert_eq!(m.headline.as_deref(), Some("Dam holds"));
    assert_eq!(m.people, ["Cy Diaz"]);
    assert_eq!(m.published.as_deref(), Some("2018-05-06"));
}

#[test]
fn the_site_logo_is_no_headline() {
    let doc = Document::from(
        r#"<html><head><title>Drone corridor opens - Global Times</title></head><body>
        <h1 class="logo"><a href="/"><span>Global Times</span></a></h1>
        <h1>Global Times</h1><div><h1>Drone corridor opens</h1></div></body></html>"#,
    );
    assert_eq!(read(&doc).h1.as_deref(), Some("Drone corridor opens"));
}

#[test]
fn titles_lose_the_site_name() {
    assert_eq!(
        without_site_name("Dam holds - Local - The Courier", Some("The Courier")),
        "Dam holds - Local"
    );
    assert_eq!(
        without_site_name("Courier | Dam holds firm", None),
        "Dam holds firm"
    );
    assert_eq!(without_site_name("Dam holds", None), "Dam holds");
}
