//! The news site's structure on a 32-article fixture site: every page type, pagination at its
//! edges, topic, author and source pages with their counts, archives, related stories,
//! determinism and search.

mod common;

use common::*;

const PER_PAGE: usize = 5;
const STORIES: usize = 32;

/// Story `k` (0-based; higher k is newer): its topics, author and date are chosen so that the
/// groups land on pagination edges: Alpha has exactly one full page, Beta one over, Gamma one
/// story, Delta every story; Kappa is shared by stories 3 and 17 only.
fn story(k: usize) -> String {
    let mut topics = vec!["Delta".to_string()];
    if k < 5 {
        topics.push("Alpha".into());
    }
    if (10..16).contains(&k) {
        topics.push("Beta".into());
    }
    if k == 20 {
        topics.push("Gamma".into());
    }
    if k == 3 || k == 17 {
        topics.push("Kappa".into());
    }
    let author = if k % 3 == 0 { "Ann Lee" } else { "Bo Chen" };
    let day = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()
        + chrono::Duration::days(20 * k as i64);
    let topics_toml = topics
        .iter()
        .map(|t| format!("{t:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    let extra = if k == 7 {
        " The zephyrine committee met once."
    } else {
        ""
    };
    let sections = if k == 9 {
        "\n\n## First part\n\nCopy.\n\n## Second part\n\nCopy.\n\n## Third part\n\nCopy."
    } else {
        ""
    };
    format!(
        "+++\ntitle = \"Story number {k} about the council\"\nauthors = [\"{author}\"]\ndate = {day}\ntopics = [{topics_toml}]\n+++\n\nLONDON (Reuters) — The council met for session {k}.{extra}\n\nMore copy for story {k}.{sections}\n"
    )
}

fn fixture_site() -> Project {
    let p = Project::new();
    p.write(
        "site.toml",
        format!("articles_per_page = {PER_PAGE}\nbase_url = \"https://example.org/news/\"\n"),
    );
    for k in 0..STORIES {
        p.write(&format!("seeds/story-{k:02}.md"), story(k));
    }
    p.build(&[]);
    p
}

fn slug(k: usize) -> String {
    format!("story-number-{k}-about-the-council")
}

fn count_links_to_stories(html: &str) -> usize {
    (0..STORIES)
        .filter(|k| html.contains(&format!("/{}/index.html", slug(*k))))
        .count()
}

#[test]
fn every_page_type_exists_and_links_resolve() {
    let p = fixture_site();
    for page in [
        "index.html",
        "page/2/index.html",
        "topics/index.html",
        "topics/alpha/index.html",
        "authors/index.html",
        "authors/ann-lee/index.html",
        "sources/index.html",
        "sources/reuters/index.html",
        "archive/index.html",
        "2023/index.html",
        "2023/01/index.html",
        "search/index.html",
        "404.html",
        "search/data/meta.json",
    ] {
        assert!(p.public().join(page).is_file(), "{page} missing");
    }
    assert_eq!(broken_links(&p.public()), Vec::<String>::new());
}

#[test]
fn group_pagination_at_its_edges() {
    let p = fixture_site();
    let exists = |f: &str| p.public().join(f).is_file();
    // Alpha: exactly one full page.
    assert!(exists("topics/alpha/index.html"));
    assert!(!exists("topics/alpha/page/2/index.html"));
    assert_eq!(
        count_links_to_stories(&p.read("public/topics/alpha/index.html")),
        5
    );
    // Beta: one over a full page.
    assert!(exists("topics/beta/page/2/index.html"));
    assert!(!exists("topics/beta/page/3/index.html"));
    assert_eq!(
        count_links_to_stories(&p.read("public/topics/beta/page/2/index.html")),
        1
    );
    // Gamma: a single story.
    assert_eq!(
        count_links_to_stories(&p.read("public/topics/gamma/index.html")),
        1
    );
    // Delta: every story, each exactly once across its pages.
    let pages = STORIES.div_ceil(PER_PAGE);
    let mut all = String::new();
    for n in 1..=pages {
        let f = if n == 1 {
            "public/topics/delta/index.html".to_string()
        } else {
            format!("public/topics/delta/page/{n}/index.html")
        };
        all.push_str(&p.read(&f));
    }
    assert!(!exists(&format!(
        "topics/delta/page/{}/index.html",
        pages + 1
    )));
    for k in 0..STORIES {
        assert_eq!(
            all.matches(&format!("/{}/index.html\"", slug(k))).count(),
            1,
            "story {k}"
        );
    }
}

#[test]
fn index_pages_show_counts() {
    let p = fixture_site();
    let topics = p.read("public/topics/index.html");
    assert!(
        topics.contains(
            r#"<a href="../topics/alpha/index.html">Alpha</a> <span class="count">(5)</span>"#
        ),
        "{topics}"
    );
    assert!(topics.contains(r#">Beta</a> <span class="count">(6)</span>"#));
    assert!(topics.contains(r#">Delta</a> <span class="count">(32)</span>"#));
    let authors = p.read("public/authors/index.html");
    assert!(
        authors.contains(r#">Ann Lee</a> <span class="count">(11)</span>"#),
        "{authors}"
    );
    assert!(authors.contains(r#">Bo Chen</a> <span class="count">(21)</span>"#));
    let author = p.read("public/authors/ann-lee/index.html");
    assert!(author.contains("11 stories"));
}

#[test]
fn archives_by_year_and_month() {
    let p = fixture_site();
    let archive = p.read("public/archive/index.html");
    assert!(
        archive.contains(r#"href="../2024/index.html">2024</a>"#),
        "{archive}"
    );
    assert!(archive.contains("January 2023"));
    // Story 0 is dated 2023-01-01 and story 1 2023-01-21: both in January 2023.
    let january = p.read("public/2023/01/index.html");
    assert_eq!(count_links_to_stories(&january), 2);
    // Every story is in exactly one year's pages.
    let mut total = 0;
    for year in ["2023", "2024"] {
        let mut n = 1;
        loop {
            let f = if n == 1 {
                format!("public/{year}/index.html")
            } else {
                format!("public/{year}/page/{n}/index.html")
            };
            if !p.path().join(&f).is_file() {
                break;
            }
            let html = p.read(&f);
            total +=
                count_links_to_stories(html.split("class=\"latest\"").nth(1).unwrap_or_default());
            n += 1;
        }
    }
    assert_eq!(total, STORIES);
}

#[test]
fn article_pages_link_authors_topics_related_and_neighbours() {
    let p = fixture_site();
    let day = |k: usize| {
        (chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()
            + chrono::Duration::days(20 * k as i64))
        .format("%Y/%m/%d")
        .to_string()
    };
    let article = p.read(&format!("public/{}/{}/index.html", day(3), slug(3)));
    assert!(
        article.contains(
            r#"<a class="author" href="../../../../authors/ann-lee/index.html">Ann Lee</a>"#
        ),
        "{article}"
    );
    assert!(article.contains(r#"href="../../../../topics/kappa/index.html">Kappa</a>"#));
    assert!(article.contains("min read"));
    // Story 17 shares only the rare Kappa (and the everywhere Delta) with story 3, which makes
    // story 3 its first related story.
    let other = p.read(&format!("public/{}/{}/index.html", day(17), slug(17)));
    let related = other
        .split("Related stories")
        .nth(1)
        .expect("related section");
    let first_link = related.split("href=\"").nth(1).unwrap();
    assert!(first_link.contains(&slug(3)), "{related}");
    let shown = related
        .split("</ul>")
        .next()
        .unwrap()
        .matches("<li>")
        .count();
    assert!((3..=5).contains(&shown), "{shown} related stories");
    // Previous (older) and next (newer) stories.
    assert!(article.contains(&format!(
        "rel=\"prev\" href=\"../../../../{}/{}/index.html\"",
        day(2),
        slug(2)
    )));
    assert!(article.contains(&format!(
        "rel=\"next\" href=\"../../../../{}/{}/index.html\"",
        day(4),
        slug(4)
    )));
    // A table of contents only for articles with three or more sections.
    assert!(!article.contains("In this story"));
    let long = p.read(&format!("public/{}/{}/index.html", day(9), slug(9)));
    assert!(
        long.contains(r##"<li><a href="#first-part">First part</a></li>"##),
        "{long}"
    );
    assert!(long.contains(r#"<h2 id="third-part">Third part</h2>"#));
}

#[test]
fn front_page_pagination_edges() {
    for (stories, pages) in [(0, 1), (1, 1), (PER_PAGE, 1), (PER_PAGE + 1, 2)] {
        let p = Project::new();
        p.write("site.toml", format!("articles_per_page = {PER_PAGE}\n"));
        for k in 0..stories {
            p.write(&format!("seeds/story-{k:02}.md"), story(k));
        }
        p.build(&[]);
        let front = p.read("public/index.html");
        assert_eq!(
            count_links_to_stories(&front),
            stories.min(PER_PAGE),
            "{stories} stories"
        );
        if stories == 0 {
            assert!(front.contains("No stories yet"));
        }
        for n in 2..=pages {
            assert!(
                p.public().join(format!("page/{n}/index.html")).is_file(),
                "{stories} stories, page {n}"
            );
        }
        assert!(
            !p.public()
                .join(format!("page/{}/index.html", pages + 1))
                .exists(),
            "{stories} stories"
        );
        assert_eq!(broken_links(&p.public()), Vec::<String>::new());
    }
}

#[test]
fn builds_are_byte_identical() {
    let p = fixture_site();
    let first = tree(&p.public());
    p.build(&[]);
    assert_eq!(tree(&p.public()), first);
}

#[test]
fn search_index_finds_the_one_article_with_a_word() {
    let p = fixture_site();
    let lines = search_lines(&p.public());
    assert_eq!(
        lines.len(),
        STORIES,
        "one result line per article, none for listings"
    );
    let groups = std::fs::read_dir(p.public().join("search/data/d"))
        .unwrap()
        .count();
    assert_eq!(groups, STORIES.div_ceil(32), "result lines share files");
    // The word is in one story: the index lists that story alone, and its result line links
    // to it, relative to the site root.
    let words = search_words(&p.public());
    let stories = &words["zephyrine"];
    assert_eq!(stories.len(), 1, "{stories:?}");
    let link = lines[stories[0] as usize]["u"].as_str().unwrap();
    assert!(link.contains(&slug(7)), "{link}");
    assert!(p.public().join(link).exists() || p.public().join(link).with_extension("").exists());
    // Every story's headline words find it.
    for (id, line) in lines.iter().enumerate() {
        for word in broadsheet::search::words(line["t"].as_str().unwrap()) {
            assert!(words[&word].contains(&(id as u32)), "{word} of story {id}");
        }
    }
    // The search page loads its script relative to itself, so it works under a sub-path.
    let search = p.read("public/search/index.html");
    assert!(search.contains(r#"data-root="../""#), "{search}");
}

#[test]
fn news_sitemap_holds_the_last_two_days() {
    let p = fixture_site();
    let day = |k: usize| {
        chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap() + chrono::Duration::days(20 * k as i64)
    };
    // By default the two days run back from the newest story: only story 31 is that recent.
    let news = p.read("public/sitemap-news.xml");
    assert_eq!(count_links_to_stories(&news), 1);
    assert!(news.contains(&slug(31)));
    assert!(news.contains("<news:publication_date>"));
    // --now moves the window: a day after story 10 was published.
    let now = format!("{}T12:00:00Z", day(10) + chrono::Duration::days(1));
    p.build(&["--now", &now]);
    let news = p.read("public/sitemap-news.xml");
    assert_eq!(count_links_to_stories(&news), 1);
    assert!(news.contains(&slug(10)), "{news}");
    // Every page but the 404 and search pages is in sitemap.xml, with absolute URLs.
    let sitemap = p.read("public/sitemap.xml");
    assert_eq!(count_links_to_stories(&sitemap), STORIES);
    assert!(sitemap.contains("<loc>https://example.org/news/topics/alpha/index.html</loc>"));
    assert!(!sitemap.contains("404.html"));
    assert!(p
        .read("public/robots.txt")
        .contains("Sitemap: https://example.org/news/sitemap.xml"));
}

#[test]
fn feeds_for_the_site_topics_and_authors() {
    let p = fixture_site();
    let rss = p.read("public/feed.xml");
    assert!(rss.contains("<link>https://example.org/news/index.html</link>"));
    // Dates in RFC 822 for RSS, RFC 3339 for Atom and JSON Feed, in the site's zone (UTC here).
    assert!(
        rss.contains("<pubDate>Thu, 12 Sep 2024 00:00:00 +0000</pubDate>"),
        "{rss}"
    );
    assert!(p
        .read("public/atom.xml")
        .contains("<published>2024-09-12T00:00:00+00:00</published>"));
    let json: serde_json::Value = serde_json::from_str(&p.read("public/feed.json")).unwrap();
    assert_eq!(
        json["items"].as_array().unwrap().len(),
        20,
        "feed_items defaults to 20"
    );
    assert_eq!(
        json["items"][0]["date_published"],
        "2024-09-12T00:00:00+00:00"
    );
    // Topics and authors get one feed each, RSS, which every reader takes; the site all three.
    assert!(p.public().join("topics/kappa/feed.xml").is_file());
    assert!(p.public().join("authors/ann-lee/feed.xml").is_file());
    for other in ["topics/kappa/atom.xml", "authors/ann-lee/feed.json"] {
        assert!(!p.public().join(other).exists(), "{other}");
    }
    let topic_page = p.read("public/topics/kappa/index.html");
    assert!(topic_page.contains(r#"<link rel="alternate" type="application/rss+xml" title="Kappa (RSS)" href="https://example.org/news/topics/kappa/feed.xml">"#), "{topic_page}");
    assert!(
        !topic_page.contains("topics/kappa/atom.xml"),
        "{topic_page}"
    );
    // The site's feeds carry whole stories, a topic's its summaries, unless site.toml says so.
    let body = "More copy for story 17.";
    assert!(rss.contains(body), "{rss}");
    assert!(!p.read("public/topics/kappa/feed.xml").contains(body));
    p.write(
        "site.toml",
        format!("articles_per_page = {PER_PAGE}\nbase_url = \"https://example.org/news/\"\nterm_feed_full_text = true\nfeed_full_text = false\n"),
    );
    p.build(&[]);
    assert!(p.read("public/topics/kappa/feed.xml").contains(body));
    assert!(!p.read("public/feed.xml").contains(body));
}
