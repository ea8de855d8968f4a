//! What the settings of `site.toml` do to a built site, including the ones a site leaves out:
//! a named theme folder must exist, search off means no search anywhere, every page has a
//! description of its own, the summary counts in words, and dates are ordered in the site's
//! time zone.

mod common;

use common::*;
use regex::Regex;

fn meta_description(html: &str) -> Option<String> {
    Regex::new(r#"<meta name="description" content="([^"]*)">"#)
        .unwrap()
        .captures(html)
        .map(|c| c[1].to_string())
}

fn one_story_site() -> Project {
    let p = Project::new();
    p.write(
        "seeds/vote.txt",
        wire_story(
            "Council backs sea wall plan",
            "Jane Doe",
            "June 16, 2023",
            "PORTHWEN, Wales",
            "The council voted 7-2 on Thursday to build a new sea wall.",
        ),
    );
    p
}

#[test]
fn a_named_theme_folder_that_does_not_exist_is_an_error() {
    let p = one_story_site();
    p.write(
        "site.toml",
        "title = \"x\"\ntemplates = \"no-such-theme\"\n",
    );
    let out = p.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("site.toml:2:") && stderr.contains("no-such-theme"),
        "{stderr}"
    );
    assert!(!p.public().exists());
}

#[test]
fn search_off_leaves_out_the_search_page_and_form() {
    let p = one_story_site();
    p.write("site.toml", "search = false\n");
    p.build(&[]);
    assert!(!p.public().join("search").exists());
    for page in html_files(&p.public()) {
        let html = p.read(&format!("public/{page}"));
        assert!(
            !html.contains("role=\"search\""),
            "{page} has a search form"
        );
        assert!(!html.contains("search/"), "{page} links to search");
        assert!(!html.contains("search.js"), "{page} loads search");
    }
    assert!(broken_links(&p.public()).is_empty());

    let on = one_story_site();
    on.build(&[]);
    assert!(on.read("public/index.html").contains("role=\"search\""));
    assert!(on.public().join("search/index.html").is_file());
}

#[test]
fn pages_without_a_site_description_get_their_own() {
    let p = Project::new();
    for k in 0..25 {
        p.write(
            &format!("seeds/s{k:02}.txt"),
            wire_story(
                &format!("Harbour story number {k}"),
                "Jane Doe",
                &format!("June {}, 2023", k + 1),
                "PORTLAND, Maine",
                "The harbour board met on Thursday.",
            ),
        );
    }
    p.write(
        "site.toml",
        "title = \"The Harbour\"\narticles_per_page = 10\n",
    );
    p.build(&[]);
    let pages = html_files(&p.public());
    for must in [
        "index.html",
        "page/2/index.html",
        "topics/index.html",
        "authors/index.html",
        "sources/index.html",
        "archive/index.html",
        "search/index.html",
        "404.html",
    ] {
        assert!(pages.iter().any(|p| p == must), "{must} is not built");
    }
    for page in &pages {
        let html = p.read(&format!("public/{page}"));
        let description = meta_description(&html).unwrap_or_default();
        assert!(!description.is_empty(), "{page} has no description");
    }
    let front = meta_description(&p.read("public/index.html")).unwrap();
    assert_eq!(front, "Latest stories from The Harbour.");
    let second = meta_description(&p.read("public/page/2/index.html")).unwrap();
    assert_ne!(front, second);
    // A site description, when there is one, is the front page's.
    p.write(
        "site.toml",
        "title = \"The Harbour\"\ndescription = \"News from the quay\"\n",
    );
    p.build(&[]);
    assert_eq!(
        meta_description(&p.read("public/index.html")).unwrap(),
        "News from the quay"
    );
}

#[test]
fn the_summary_counts_in_words() {
    let p = one_story_site();
    let out = p.build(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("built 1 article, "), "{stdout}");
    assert!(!stdout.contains("1 articles"), "{stdout}");
}

#[test]
fn numbered_heads_are_not_numbered_again_in_the_contents() {
    let p = Project::new();
    p.write(
        "seeds/watch.txt",
        "What to Watch at the Harbour Talks\n\nBy Jane Doe\n\nJune 16, 2023\n\n\
         PORTLAND, Maine (AP) — Talks open on Friday.\n\n\
         1. The Pier\n\nThe pier is old and the board wants a new one.\n\n\
         2. The Money\n\nNobody has said who will pay for it yet.\n\n\
         3. The Vote\n\nThe board votes on it next month.\n",
    );
    p.build(&[]);
    let page = html_files(&p.public())
        .into_iter()
        .find(|f| f.contains("what-to-watch"))
        .expect("the article page");
    let html = p.read(&format!("public/{page}"));
    let toc = &html[html.find("class=\"toc\"").expect("a table of contents")..];
    let toc = &toc[..toc.find("</nav>").unwrap()];
    assert!(toc.contains("1. The Pier"), "{toc}");
    assert!(!toc.contains("<ol>"), "numbered twice: {toc}");
}

#[test]
fn a_day_is_its_midnight_in_the_site_zone() {
    let p = Project::new();
    p.write("site.toml", "timezone = \"America/New_York\"\n");
    // June 16 midnight in New York is after June 15, 22:00 New York time.
    p.write(
        "seeds/day.md",
        "+++\ntitle = \"Day story\"\ndate = 2023-06-16\n+++\n\nThe day story.\n",
    );
    p.write(
        "seeds/evening.md",
        "+++\ntitle = \"Evening story\"\ndate = 2023-06-15T22:00:00-04:00\n+++\n\nThe evening story.\n",
    );
    p.build(&[]);
    let front = p.read("public/index.html");
    let day = front.find("Day story").unwrap();
    let evening = front.find("Evening story").unwrap();
    assert!(day < evening, "the June 16 story must lead");
    let feed = p.read("public/feed.xml");
    assert!(feed.find("Day story").unwrap() < feed.find("Evening story").unwrap());
    assert!(
        feed.contains("<pubDate>Fri, 16 Jun 2023 00:00:00 -0400</pubDate>"),
        "{feed}"
    );
}
