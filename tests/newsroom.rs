//! Embargo, expiry, corrections and updates on a built site: a story under embargo or past its
//! expiry is in no page, listing, feed, sitemap or search record, and is back at the right
//! `--now`; an expired story's URL serves nothing or a notice; corrections show on the story,
//! in its structured data and feeds, and on the corrections page and its feed; the summary names
//! the next scheduled change; a schedule that cannot be read names its file and line.

mod common;

use std::path::Path;

use common::*;

const EMBARGOED: &str = "seeds/embargoed.md";
const EXPIRING: &str = "seeds/expiring.md";
/// Words no other story uses, so finding one in any output file means the story leaked there.
const EMBARGOED_WORD: &str = "Zephyrine";
const EXPIRING_WORD: &str = "Quillonby";
const GONE_WORD: &str = "Marrowvale";

/// Three published stories around a story under embargo, one that expires with a notice, one
/// that expires with nothing left, and a story with corrections and an update.
fn newsroom_site() -> Project {
    let p = Project::new();
    p.write(
        "site.toml",
        "title = \"The Harbour Times\"\nbase_url = \"https://example.org/news/\"\ntimezone = \"Europe/London\"\n",
    );
    for (n, day) in [(1, 10), (2, 11), (3, 12)] {
        p.write(
            &format!("seeds/plain-{n}.md"),
            format!(
                "+++\ntitle = \"Ferry timetable changes number {n}\"\ndate = 2026-05-{day}\nauthors = [\"Jane Doe\"]\ntopics = [\"Harbour\"]\n+++\nThe ferry company published a new timetable on Monday for the summer season.\n"
            ),
        );
    }
    p.write(
        EMBARGOED,
        format!(
            "+++\ntitle = \"{EMBARGOED_WORD} budget figures set out\"\ndate = 2026-06-01T10:00:00\nembargo = 2026-06-01T10:00:00\nauthors = [\"Jane Doe\"]\ntopics = [\"Harbour\"]\n+++\nThe {EMBARGOED_WORD} council set out its budget for the harbour on Monday morning.\n"
        ),
    );
    p.write(
        EXPIRING,
        format!(
            "+++\ntitle = \"{EXPIRING_WORD} court case opens\"\ndate = 2026-05-15\nexpires = \"2026-06-01 12:00\"\nexpired = \"notice\"\nauthors = [\"Jane Doe\"]\ntopics = [\"Harbour\"]\n+++\nThe {EXPIRING_WORD} case opened at the crown court on Friday before a jury.\n"
        ),
    );
    p.write(
        "seeds/gone.txt",
        wire_story(
            &format!("{GONE_WORD} pier sale agreed"),
            "Tom Roe",
            "May 16, 2026",
            "PORTHWEN, Wales",
            &format!("The {GONE_WORD} pier was sold to a local trust on Saturday."),
        ),
    );
    p.write(
        "seeds/gone.toml",
        "topics = [\"Harbour\"]\nexpires = 2026-06-01T10:30:00Z\n",
    );
    p.write(
        "seeds/corrected.md",
        "+++\ntitle = \"Harbour wall repairs begin\"\ndate = 2026-05-20T08:00:00Z\nupdated = 2026-05-24\nupdate_note = \"Adds the response of the council.\"\nauthors = [\"Jane Doe\"]\ntopics = [\"Harbour\"]\n\n[[corrections]]\ndate = 2026-05-22\ntext = \"An earlier version gave the wrong <b>tide</b> height & date.\"\n\n[[corrections]]\ndate = 2026-05-25T10:00:00Z\ntext = \"The harbourmaster is Ann Wyn, not Ann Wynne.\"\n+++\nWork on the harbour wall began on Wednesday after the winter storms.\n",
    );
    p
}

/// Every output file's bytes (the search index's words are stored as written, in lower case).
fn output_files(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        let name = entry.path().strip_prefix(root).unwrap();
        out.push((name.to_string_lossy().replace('\\', "/"), bytes));
    }
    out
}

/// The output files holding `word` (in any case, so the search index's lower-case words count).
fn files_with(root: &Path, word: &str) -> Vec<String> {
    let word = word.to_lowercase().into_bytes();
    output_files(root)
        .into_iter()
        .filter(|(_, bytes)| {
            bytes
                .to_ascii_lowercase()
                .windows(word.len())
                .any(|w| w == word.as_slice())
        })
        .map(|(name, _)| name)
        .collect()
}

/// The folder of the article page holding `word` in its headline.
fn article_dir_with(root: &Path, word: &str) -> Option<String> {
    html_files(root)
        .into_iter()
        .filter(|f| f.matches('/').count() >= 3)
        .find(|f| {
            std::fs::read_to_string(root.join(f))
                .unwrap()
                .contains(&format!("<h1 class=\"headline\">{word}"))
        })
        .map(|f| f.trim_end_matches("index.html").to_string())
}

fn summary(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn embargoed_stories_are_nowhere_until_the_embargo_lifts() {
    let p = newsroom_site();
    let out = p.build(&["--now", "2026-05-31T09:00:00Z"]);
    let public = p.public();
    assert_eq!(files_with(&public, EMBARGOED_WORD), Vec::<String>::new());
    assert!(
        public.join("search/data/meta.json").is_file(),
        "the search index is built"
    );
    assert!(
        !files_with(&public, EXPIRING_WORD).is_empty(),
        "a story before its expiry is published"
    );
    assert!(
        summary(&out).contains(
            "next change: 2026-06-01T10:00:00+01:00 (embargo lifts on seeds/embargoed.md)"
        ),
        "{}",
        summary(&out)
    );

    // The moment it lifts (10:00 in London is 09:00 UTC) the story is everywhere.
    let out = p.build(&["--now", "2026-06-01T09:00:00Z"]);
    let found = files_with(&public, EMBARGOED_WORD);
    let dir = article_dir_with(&public, EMBARGOED_WORD).expect("the article page is built");
    for must in [
        format!("{dir}index.html"),
        "index.html".to_string(),
        "feed.xml".to_string(),
        "atom.xml".to_string(),
        "feed.json".to_string(),
        "topics/harbour/index.html".to_string(),
        "authors/jane-doe/feed.xml".to_string(),
    ] {
        assert!(found.contains(&must), "{must} lacks the story: {found:?}");
    }
    assert!(
        found.iter().any(|f| f.starts_with("search/data/w/")),
        "no search record: {found:?}"
    );
    let sitemap = p.read("public/sitemap.xml");
    assert!(sitemap.contains(&format!("https://example.org/news/{dir}index.html")));
    // Its neighbours now link to it.
    assert!(found.iter().filter(|f| f.matches('/').count() >= 3).count() > 1);
    assert!(
        summary(&out).contains("next change: 2026-06-01T11:30:00+01:00 (seeds/gone.txt expires)"),
        "{}",
        summary(&out)
    );
}

#[test]
fn expired_stories_leave_every_listing_and_their_url_serves_a_notice_or_nothing() {
    let p = newsroom_site();
    let public = p.public();
    p.build(&["--now", "2026-05-31T00:00:00Z"]);
    let expiring_dir = article_dir_with(&public, EXPIRING_WORD).expect("published before");
    let gone_dir = article_dir_with(&public, GONE_WORD).expect("published before");

    let out = p.build(&["--now", "2026-06-01T11:00:00Z"]);
    // Neither story is in any file: not a listing, a feed or the index; only the notice's own
    // URL (its canonical link) still names the folder.
    let notice_file = format!("{expiring_dir}index.html");
    assert_eq!(
        files_with(&public, EXPIRING_WORD),
        std::slice::from_ref(&notice_file)
    );
    assert_eq!(files_with(&public, GONE_WORD), Vec::<String>::new());
    // `expired = "notice"`: a short page at the same URL, kept out of search engines.
    let notice = p.read(&format!("public/{notice_file}"));
    assert!(
        notice.contains("This story is no longer available"),
        "{notice}"
    );
    assert!(!notice.contains("court case opens") && !notice.contains("crown court"));
    assert!(notice.contains(r#"<meta name="robots" content="noindex">"#));
    // The site's default: the URL serves nothing.
    assert!(!public.join(&gone_dir).exists(), "{gone_dir} still exists");
    for file in ["sitemap.xml", "feed.xml", "atom.xml", "feed.json"] {
        let text = p.read(&format!("public/{file}"));
        assert!(!text.contains(&expiring_dir), "{file} names the notice");
        assert!(!text.contains(&gone_dir), "{file} names the removed story");
    }
    // Every embargo and expiry is past: nothing more to schedule.
    assert!(!summary(&out).contains("next change"), "{}", summary(&out));
}

#[test]
fn the_site_can_serve_a_notice_for_every_expired_story() {
    let p = newsroom_site();
    let toml = p.read("site.toml");
    p.write("site.toml", format!("{toml}expired = \"notice\"\n"));
    p.build(&["--now", "2026-05-31T00:00:00Z"]);
    let gone_dir = article_dir_with(&p.public(), GONE_WORD).expect("published before");
    p.build(&["--now", "2026-06-02T00:00:00Z"]);
    let notice = p.read(&format!("public/{gone_dir}index.html"));
    assert!(notice.contains("This story is no longer available"));
    assert!(!notice.contains(GONE_WORD));
}

/// The `application/ld+json` block of a page.
fn json_ld(html: &str) -> serde_json::Value {
    let start = html.find(r#"<script type="application/ld+json">"#).unwrap();
    let rest = &html[start..];
    let body = &rest[rest.find('>').unwrap() + 1..rest.find("</script>").unwrap()];
    serde_json::from_str(body).unwrap()
}

#[test]
fn corrections_show_on_the_story_in_its_data_and_feeds_and_on_the_corrections_page() {
    let p = newsroom_site();
    p.build(&["--now", "2026-06-02T00:00:00Z"]);
    let public = p.public();
    let dir = article_dir_with(&public, "Harbour wall repairs begin").unwrap();
    let html = p.read(&format!("public/{dir}index.html"));
    assert!(
        html.contains(r#"<strong>Correction, <time datetime="2026-05-22">May 22, 2026</time>:</strong> An earlier version gave the wrong &lt;b&gt;tide&lt;/b&gt; height &amp; date."#),
        "{html}"
    );
    assert!(!html.contains("<b>tide"), "seed markup reached the page");
    assert!(html.contains(r#"<strong>Correction, <time datetime="2026-05-25T10:00:00+00:00">May 25, 2026</time>:</strong>"#));
    assert!(
        html.contains(r#"<strong>Updated <time datetime="2026-05-24">May 24, 2026</time>:</strong> Adds the response of the council."#),
        "{html}"
    );

    let graph = json_ld(&html);
    let article = &graph["@graph"][0];
    let corrections = article["correction"].as_array().expect("correction list");
    assert_eq!(corrections.len(), 2);
    assert_eq!(corrections[0]["@type"], "CorrectionComment");
    assert_eq!(corrections[0]["datePublished"], "2026-05-22T00:00:00+01:00");
    assert_eq!(
        corrections[0]["text"],
        "An earlier version gave the wrong <b>tide</b> height & date."
    );
    // The latest change is the second correction, after the update.
    assert_eq!(article["dateModified"], "2026-05-25T10:00:00+00:00");
    assert_eq!(article["datePublished"], "2026-05-20T08:00:00+00:00");

    let atom = p.read("public/atom.xml");
    let entry = &atom[atom.find("Harbour wall repairs begin").unwrap()..];
    let entry = &entry[..entry.find("</entry>").unwrap()];
    assert!(
        entry.contains("<updated>2026-05-25T10:00:00+00:00</updated>"),
        "{entry}"
    );
    let feed: serde_json::Value = serde_json::from_str(&p.read("public/feed.json")).unwrap();
    let item = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Harbour wall repairs begin")
        .unwrap();
    assert_eq!(item["date_modified"], "2026-05-25T10:00:00+00:00");
    assert!(p
        .read("public/sitemap.xml")
        .contains("<lastmod>2026-05-25T10:00:00+00:00</lastmod>"));

    // The corrections page: newest first, each linking to its notice on the story.
    let page = p.read("public/corrections/index.html");
    let newer = page
        .find("Ann Wyn, not Ann Wynne")
        .expect("newer correction listed");
    let older = page
        .find("the wrong &lt;b&gt;tide")
        .expect("older correction listed");
    assert!(newer < older, "not newest first");
    assert!(
        page.contains(&format!(r#"href="../{dir}index.html#correction-2""#)),
        "{page}"
    );
    assert!(html.contains(r#"id="correction-2""#));
    assert!(page.contains(r#"type="application/rss+xml""#));
    assert!(
        broken_links(&public).is_empty(),
        "{:?}",
        broken_links(&public)
    );
    // Every page links to it from its footer, and the sitemap lists it.
    assert!(p
        .read("public/index.html")
        .contains(r#"href="./corrections/index.html">Corrections</a>"#));
    assert!(p
        .read("public/sitemap.xml")
        .contains("<loc>https://example.org/news/corrections/index.html</loc>"));

    // Its feed is well-formed RSS, newest first, with the text as written.
    let rss = p.read("public/corrections/feed.xml");
    let doc = roxmltree::Document::parse(&rss).expect("well-formed XML");
    let items: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .collect();
    assert_eq!(items.len(), 2);
    let child = |n: &roxmltree::Node, tag: &str| {
        n.children()
            .find(|c| c.has_tag_name(tag))
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        child(&items[0], "title"),
        "Correction: Harbour wall repairs begin"
    );
    assert_eq!(
        child(&items[1], "description"),
        "An earlier version gave the wrong <b>tide</b> height & date."
    );
    assert_eq!(
        child(&items[0], "link"),
        format!("https://example.org/news/{dir}index.html#correction-2")
    );
    assert_eq!(
        child(&items[0], "pubDate"),
        "Mon, 25 May 2026 10:00:00 +0000"
    );
}

#[test]
fn a_site_without_corrections_says_so() {
    let p = Project::new();
    p.write(
        "seeds/a.md",
        "+++\ntitle = \"A quiet day\"\ndate = 2026-05-01\n+++\nNothing happened.\n",
    );
    p.build(&[]);
    assert!(p
        .read("public/corrections/index.html")
        .contains("No corrections have been published."));
    let rss = p.read("public/corrections/feed.xml");
    roxmltree::Document::parse(&rss).expect("well-formed XML");
}

#[test]
fn a_schedule_that_cannot_be_read_names_the_file_and_line_and_the_story_stays_out() {
    let p = Project::new();
    p.write(
        "seeds/bad.md",
        "+++\ntitle = \"Too early\"\n\nembargo = \"next tuesday\"\n+++\nThe story must not go out.\n",
    );
    p.write(
        "seeds/wire.txt",
        "Wire story\n\nThe copy of the wire story.\n",
    );
    p.write(
        "seeds/wire.toml",
        "title = \"Wire story\"\nexpires = 2026\n",
    );
    p.write(
        "seeds/fixed.md",
        "+++\ntitle = \"Fixed\"\n[[corrections]]\ndate = \"yesterday\"\ntext = \"x\"\n+++\nBody.\n",
    );
    p.write("seeds/ok.md", "+++\ntitle = \"Still built\"\n+++\nBody.\n");
    let out = p.run(&["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    for (file, key) in [
        ("seeds/bad.md:4:", "`embargo`"),
        ("seeds/wire.toml:2:", "`expires`"),
        ("seeds/fixed.md:4:", "`corrections.date`"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with("error: ") && l.contains(file) && l.contains(key)),
            "{file} {key} not named:\n{stderr}"
        );
    }
    assert!(files_with(&p.public(), "Too early").is_empty());
    assert!(files_with(&p.public(), "Still built").contains(&"index.html".to_string()));
}

#[test]
fn drafts_stay_unpublished_whatever_their_schedule() {
    let p = Project::new();
    p.write(
        "seeds/draft.md",
        "+++\ntitle = \"Draft Wexhollow\"\ndraft = true\nembargo = 2026-07-01T00:00:00Z\n+++\nBody.\n",
    );
    p.write("seeds/ok.md", "+++\ntitle = \"Published\"\n+++\nBody.\n");
    let out = p.build(&["--now", "2026-06-01T00:00:00Z"]);
    assert!(files_with(&p.public(), "Wexhollow").is_empty());
    assert!(!summary(&out).contains("next change"), "{}", summary(&out));
}

#[test]
fn the_corrections_page_and_feed_read_every_corrected_story_and_no_other() {
    use broadsheet::config::{Overrides, Plan, Purpose};
    use broadsheet::publish::{Output, Publisher};
    let p = newsroom_site();
    let plan = Plan::load(
        &p.path().join("site.toml"),
        true,
        Purpose::Build,
        &Overrides::default(),
    )
    .unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2026-06-02T00:00:00Z").unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let gathered = broadsheet::pipeline::gather(&plan, scratch.path(), false, now).unwrap();
    let assets = std::collections::BTreeMap::new();
    let publisher = Publisher::new(&plan, &gathered.site, &gathered.bodies, &assets, None);
    let stories = &gathered.site.stories;
    let index = |headline: &str| {
        stories
            .iter()
            .position(|s| s.article.headline == headline)
            .unwrap()
    };
    let corrected = publisher.outputs_reading(index("Harbour wall repairs begin"));
    assert!(corrected.contains(&Output::Corrections));
    assert!(corrected.contains(&Output::CorrectionsFeed));
    let plain = publisher.outputs_reading(index("Ferry timetable changes number 1"));
    assert!(!plain.contains(&Output::Corrections));
    // Past both expiries: one notice (the story that asked for one), the other story gone.
    assert_eq!(gathered.site.expired.len(), 1);
    assert_eq!(gathered.site.expired[0].source, EXPIRING);
    assert!(publisher.outputs().contains(&Output::Expired(0)));
    // The embargo lifted the day before.
    assert!(stories.iter().any(|s| s.article.source == EMBARGOED));
}
