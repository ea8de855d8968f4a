//! Saved web pages as seeds, through the real binary: `extract --json` reads them as `build`
//! does, in the encoding the page declares, and a site mixing text, Markdown and HTML seeds
//! builds every story.

mod common;

use common::*;

const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbour pilots vote to strike - The Tideline</title>
<meta property="og:site_name" content="The Tideline">
<meta property="og:image" content="https://cdn.tideline.test/pilots.jpg">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Harbour pilots vote to strike","datePublished":"2022-03-04T09:30:00+00:00",
"author":[{"@type":"Person","name":"Mara Quist"}]}</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour pilots vote to strike</h1><p class="byline">By Mara Quist</p>
<p>Harbour pilots at Port Elden voted on Thursday to strike over new shift rules, the first
walkout at the port in thirty years.</p><h2>What the rules change</h2>
<p>The port authority wants pilots to work twelve-hour shifts during the winter season.</p>
<ul><li>Twelve-hour shifts</li><li>Fewer rest days</li></ul>
<p>Talks are due to resume next week, the union said.</p></article>
<aside><h3>Most read</h3><p>Something else entirely that no story holds.</p></aside>
<footer>© 2022 The Tideline. All rights reserved.</footer></body></html>"#;

#[test]
fn extract_json_reads_a_saved_page() {
    let p = Project::new();
    p.write("seeds/pilots.html", PAGE);
    let out = p.run(&["extract", "--json", "seeds/pilots.html"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let record: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(record["format"], "html");
    assert_eq!(record["headline"], "Harbour pilots vote to strike");
    assert_eq!(record["bylines"], serde_json::json!(["Mara Quist"]));
    assert_eq!(record["date"], "2022-03-04T09:30:00+00:00");
    assert_eq!(record["date_source"], "markup");
    assert_eq!(
        record["image"]["src"],
        "https://cdn.tideline.test/pilots.jpg"
    );
    let text = record["sections"].to_string();
    assert!(
        text.contains("Harbour pilots at Port Elden voted"),
        "{text}"
    );
    assert!(text.contains("What the rules change"), "{text}");
    assert!(text.contains("- Twelve-hour shifts"), "{text}");
    for furniture in ["Most read", "Something else", "All rights reserved", "Home"] {
        assert!(!text.contains(furniture), "{furniture} in {text}");
    }
}

#[test]
fn a_page_decodes_in_the_encoding_it_declares() {
    let p = Project::new();
    let body = "<p>The caf\u{e9} owner\u{2019}s \u{201c}plea\u{201d} \u{2014} and more words to make a story of it.</p>";
    let latin = |charset: &str| {
        let page = format!("<html><head>{charset}<title>Caf\u{e9} plea</title></head><body><article><h1>Caf\u{e9} plea</h1>{body}</article></body></html>");
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
        bytes.into_owned()
    };
    p.write("seeds/a.html", latin("<meta charset=\"windows-1252\">"));
    p.write(
        "seeds/b.htm",
        latin("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"),
    );
    p.write("seeds/c.html", latin(""));
    let out = p.run(&["extract", "--json", "seeds"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let records: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 3);
    for r in &records {
        assert_eq!(r["headline"], "Café plea", "{r}");
        assert!(
            r["sections"]
                .to_string()
                .contains("The café owner’s “plea” —"),
            "{r}"
        );
    }
}

#[test]
fn a_site_of_text_markdown_and_html_seeds_builds() {
    let p = Project::new();
    p.write(
        "seeds/wire.txt",
        "Council delays budget vote\n\nBy Jane Doe\n\nJune 16, 2023\n\nSPRINGFIELD (AP) — The council put off its vote.\n",
    );
    p.write(
        "seeds/note.md",
        "+++\ntitle = \"Library extends hours\"\ndate = 2023-06-17\n+++\n\nThe library will open late on Thursdays.\n",
    );
    p.write("seeds/pilots.html", PAGE);
    p.build(&[]);
    let pages = html_files(&p.public());
    let find = |slug: &str| {
        pages
            .iter()
            .find(|f| f.contains(&format!("{slug}/")))
            .unwrap_or_else(|| panic!("no page for {slug} in {pages:?}"))
            .clone()
    };
    for slug in [
        "council-delays-budget-vote",
        "library-extends-hours",
        "harbour-pilots-vote-to-strike",
    ] {
        find(slug);
    }
    let article = p.read(&format!("public/{}", find("harbour-pilots-vote-to-strike")));
    assert!(article.contains("What the rules change"));
    assert!(
        !article.contains("cdn.tideline.test"),
        "the lead image is not loaded"
    );
    assert!(broken_links(&p.public()).is_empty());
}
