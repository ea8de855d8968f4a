//! `broadsheet check` with the real binary: what it finds in seeds and in the built site, and
//! its exit codes.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;

fn text(out: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The default theme's template `name`, as the repository holds it.
fn default_template(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("templates")
            .join(name),
    )
    .unwrap()
}

/// A site whose one story has everything a check asks for.
fn clean_project() -> Project {
    let p = Project::new();
    p.write(
        "seeds/senate.txt",
        wire_story(
            "Senate passes water bill",
            "JANE DOE",
            "June 16, 2023",
            "WASHINGTON",
            "The Senate passed the bill on Friday.",
        ),
    );
    p
}

#[test]
fn the_sample_site_is_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(bin())
        .arg("check")
        .current_dir(root)
        .output()
        .unwrap();
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(0), "{shown}");
    assert!(shown.contains("0 errors"), "{shown}");
    // It read the site: pages, links and feeds were counted.
    let pages: usize = regex::Regex::new(r"(\d+) pages")
        .unwrap()
        .captures(&shown)
        .map(|c| c[1].parse().unwrap())
        .unwrap_or(0);
    assert!(pages > 10, "{shown}");
}

#[test]
fn a_clean_site_passes_even_strict() {
    let p = clean_project();
    let out = p.run(&["check", "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    // Nothing was written where `build` writes.
    assert!(!p.public().exists());
}

#[test]
fn finds_a_broken_link_and_a_missing_anchor_planted_in_a_template() {
    let p = clean_project();
    let article = default_template("article.html").replacen(
        "</article>",
        "<p><a href=\"{{ root }}no-such-page/index.html\">gone</a> <a href=\"#no-such-anchor\">here</a> <a href=\"https://elsewhere.example/x\">out</a></p></article>",
        1,
    );
    p.write("templates/article.html", article);
    let out = p.run(&["check"]);
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("no file no-such-page/index.html in the site"),
        "{shown}"
    );
    assert!(shown.contains("has no anchor #no-such-anchor"), "{shown}");
    assert!(!shown.contains("elsewhere.example"), "{shown}");
    // The row names the page and the line of the link.
    assert!(
        regex::Regex::new(r"error +public/2023/06/16/senate-passes-water-bill/index\.html:\d+")
            .unwrap()
            .is_match(&shown),
        "{shown}"
    );
}

#[test]
fn root_relative_links_resolve_against_the_base_path() {
    let p = clean_project();
    p.write("site.toml", "base_url = \"https://example.org/news/\"\n");
    let article = default_template("article.html").replacen(
        "</article>",
        "<p><a href=\"/news/index.html\">home</a> <a href=\"/about/\">about</a></p></article>",
        1,
    );
    p.write("templates/article.html", article);
    let shown = text(&p.run(&["check"]));
    assert!(
        shown.contains("leads to /about/, outside the site's base path /news/"),
        "{shown}"
    );
    assert!(!shown.contains("\"/news/index.html\""), "{shown}");
}

#[test]
fn finds_a_seed_with_no_headline() {
    let p = clean_project();
    p.write(
        "seeds/untitled.txt",
        "WASHINGTON (AP) — The council voted on Tuesday to close the harbor pool for a year while the city repairs its roof.\n\nThe work starts in May.\n",
    );
    let out = p.run(&["check"]);
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(
        regex::Regex::new(r"error +seeds/untitled\.txt:1 +no headline")
            .unwrap()
            .is_match(&shown),
        "{shown}"
    );
}

#[test]
fn strict_fails_on_a_warning() {
    let p = clean_project();
    p.write(
        "seeds/unsigned.txt",
        "Harbor pool closes for a year\n\nJune 17, 2023\n\nThe council voted on Tuesday to close the harbor pool for a year while the city repairs its roof.\n",
    );
    let out = p.run(&["check"]);
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(0), "{shown}");
    assert!(
        regex::Regex::new(r"warning +seeds/unsigned\.txt +no byline found")
            .unwrap()
            .is_match(&shown),
        "{shown}"
    );
    let strict = p.run(&["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", text(&strict));
}

#[test]
fn finds_a_slug_clash_and_unknown_front_matter() {
    let p = clean_project();
    p.write(
        "seeds/senate-again.md",
        "+++\ntitle = \"Senate passes water bill\"\ndate = 2023-06-16\nauthors = [\"Ann Lee\"]\n+++\n\nThe bill goes to the House next.\n",
    );
    p.write(
        "seeds/typo.md",
        "+++\ntitle = \"A story\"\nauthour = \"Ann Lee\"\n+++\n\nText.\n",
    );
    let out = p.run(&["check"]);
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("slug clash") && shown.contains("is taken by seeds/senate-again.md"),
        "{shown}"
    );
    assert!(
        regex::Regex::new(r"error +seeds/typo\.md:3 ")
            .unwrap()
            .is_match(&shown),
        "{shown}"
    );
}

#[test]
fn finds_a_malformed_feed_and_an_entry_without_a_date() {
    let p = clean_project();
    let rss =
        default_template("rss.xml").replace("<pubDate>{{ item.published_rfc822 }}</pubDate>\n", "");
    p.write("templates/rss.xml", rss);
    let atom = default_template("atom.xml").replacen("</feed>", "</feed", 1);
    p.write("templates/atom.xml", atom);
    let out = p.run(&["check"]);
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(
        regex::Regex::new(r"error +public/feed\.xml:\d+ +an entry without a date")
            .unwrap()
            .is_match(&shown),
        "{shown}"
    );
    assert!(
        shown.contains("public/atom.xml") && shown.contains("not well-formed XML"),
        "{shown}"
    );
}

#[test]
fn finds_heads_that_read_like_bylines() {
    let p = clean_project();
    p.write(
        "seeds/explainer.md",
        "+++\ntitle = \"What the council decided\"\ndate = 2023-06-18\nauthors = [\"Ann Lee\"]\n+++\n\nThe council voted on Tuesday.\n\n## By Jane Doe\n\nIt passed by seven votes to two.\n",
    );
    let shown = text(&p.run(&["check"]));
    assert!(
        regex::Regex::new(
            r#"warning +seeds/explainer\.md:9 +the section head "By Jane Doe" looks like a byline"#
        )
        .unwrap()
        .is_match(&shown),
        "{shown}"
    );
}
