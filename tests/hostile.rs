//! Hostile input: files nobody cleaned, script in every field, paths that try to leave the output
//! folder, broken configuration. Every case builds (or fails cleanly) with a message naming the
//! file, never a panic, never script from a seed in the output.

mod common;

use std::path::Path;

use common::*;

/// Every output file's text, for scanning.
fn all_output(root: &Path) -> Vec<(String, String)> {
    tree(root)
        .into_iter()
        .filter(|(name, _)| !name.starts_with("search/data/w/") && !name.ends_with(".png"))
        .map(|(name, bytes)| (name, String::from_utf8_lossy(&bytes).to_string()))
        .collect()
}

fn no_panic(out: &std::process::Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn broken_files_are_reported_and_the_rest_build() {
    let p = Project::new();
    p.write(
        "seeds/good.txt",
        "A good story\n\nBy Jane Doe\n\nJune 16, 2023\n\nIt is fine.\n",
    );
    p.write("seeds/empty.txt", "");
    p.write("seeds/blank.txt", " \n\t\n\r\n");
    p.write(
        "seeds/photo.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".as_slice(),
    );
    p.write(
        "seeds/report.md",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj".as_slice(),
    );
    p.write("seeds/archive.txt", b"PK\x03\x04\x14\0\0\0".as_slice());
    p.write(
        "seeds/latin1.txt",
        b"Caf\xe9 owner\x92s plea\n\nShe said \x93no\x94.\n".as_slice(),
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Wide headline\n\nWide body.\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    p.write("seeds/utf16.txt", utf16);
    p.write(
        "seeds/line-ends.txt",
        "Mixed ends\r\n\r\nOne.\rTwo.\n\nThree.\r\n",
    );
    p.write("seeds/nul.txt", "Nul\0 bytes\0 here\n\nBody\0 text.\n");
    p.write("seeds/one-line.txt", "word ".repeat(200_000));
    p.write(
        "seeds/bad-front.md",
        "+++\ntitle = \"Unclosed\n+++\n\nBody.\n",
    );
    p.write(
        "seeds/unknown-key.md",
        "+++\ntitle = \"X\"\nauthr = \"Y\"\n+++\n\nBody.\n",
    );
    p.write("seeds/notes.docx", "not a seed");
    let mut deep = String::from("seeds");
    for i in 0..40 {
        deep.push_str(&format!("/level{i}"));
    }
    p.write(
        &format!("{deep}/deep.txt"),
        "Deep story\n\nFound far down.\n",
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(p.path().join("seeds"), p.path().join("seeds/loop")).unwrap();
        std::os::unix::fs::symlink(
            p.path().join("seeds/gone.txt"),
            p.path().join("seeds/dangling.txt"),
        )
        .unwrap();
    }
    let out = p.run(&["build"]);
    no_panic(&out);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (file, says) in [
        ("seeds/empty.txt", "no text"),
        ("seeds/blank.txt", "no text"),
        ("seeds/photo.txt", "PNG image"),
        ("seeds/report.md", "PDF document"),
        ("seeds/archive.txt", "ZIP archive"),
        ("seeds/latin1.txt", "Windows-1252"),
        ("seeds/bad-front.md", "seeds/bad-front.md:"),
        ("seeds/unknown-key.md:3", "authr"),
        ("seeds/notes.docx", "not a .txt, .md or .html seed"),
    ] {
        assert!(
            stderr.lines().any(|l| l.contains(file) && l.contains(says)),
            "{file}: {says}\n{stderr}"
        );
    }
    #[cfg(unix)]
    {
        assert!(stderr.contains("loops back"), "{stderr}");
        assert!(stderr.contains("seeds/dangling.txt"), "{stderr}");
    }
    let front = p.read("public/index.html");
    for headline in [
        "A good story",
        "Café owner’s plea",
        "Wide headline",
        "Mixed ends",
        "Nul bytes here",
        "Deep story",
    ] {
        assert!(
            front.contains(headline),
            "{headline} missing from the front page"
        );
    }
}

#[test]
fn a_seed_deleted_after_the_walk_is_a_message() {
    let p = Project::new();
    p.write("seeds/gone.txt", "Gone\n\nSoon.\n");
    let path = p.path().join("seeds/gone.txt");
    std::fs::remove_file(&path).unwrap();
    let boundary = broadsheet::confine::Boundary::new(p.path(), &[]).unwrap();
    let err = broadsheet::ingest::read_seed(&path, p.path(), &boundary).unwrap_err();
    assert_eq!(err.file, "seeds/gone.txt");
    assert!(err.message.contains("cannot read"), "{}", err.message);
}

#[test]
fn ten_thousand_seeds_with_one_headline() {
    let p = Project::new();
    p.write("site.toml", "search = false\narticles_per_page = 50\n");
    for i in 0..10_000 {
        p.write(
            &format!("seeds/s{i:05}.txt"),
            "Storm hits coast\n\nThe storm hit the coast.\n",
        );
    }
    let out = p.build(&["--quiet"]);
    no_panic(&out);
    assert!(p.public().join("storm-hits-coast/index.html").is_file());
    assert!(p
        .public()
        .join("storm-hits-coast-10000/index.html")
        .is_file());
    assert!(!p.public().join("storm-hits-coast-10001").exists());
}

/// Checks every tag in `html`: no script but broadsheet's own (JSON-LD and `src=` scripts), no
/// svg, iframe, object or embed, no event-handler attribute, no `javascript:` URL. Text between
/// tags may say anything: it is escaped.
fn assert_safe_markup(name: &str, html: &str) {
    let tag = regex::Regex::new(r"<([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>").unwrap();
    let handler = regex::Regex::new(r"(?i)\son[a-z]+\s*=").unwrap();
    let quoted = regex::Regex::new(r#""[^"]*"|'[^']*'"#).unwrap();
    let url = regex::Regex::new(r#"(?i)\s(?:href|src|action)\s*=\s*"\s*javascript:"#).unwrap();
    for caps in tag.captures_iter(html) {
        let element = caps[1].to_lowercase();
        let attributes = &caps[2];
        // Attribute values are quoted with their own quotes escaped; what they say is text.
        let names_only = quoted.replace_all(attributes, "\"\"");
        match element.as_str() {
            "script" => assert!(
                attributes.contains("type=\"application/ld+json\"")
                    || attributes.trim_start().starts_with("src="),
                "{name}: <script{attributes}>"
            ),
            "svg" | "iframe" | "object" | "embed" | "style" | "form"
                if !(element == "form"
                    && (attributes.contains("class=\"search-form\"")
                        || attributes.contains("class=\"search-page-form\""))) =>
            {
                panic!("{name}: <{element}{attributes}>")
            }
            _ => {}
        }
        assert!(
            !handler.is_match(&names_only),
            "{name}: <{element}{attributes}>"
        );
        assert!(!url.is_match(attributes), "{name}: <{element}{attributes}>");
    }
}

const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><svg onload=alert(1)>",
    "<img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "javascript:alert(1)",
    "{{ config }}",
    "{% include \"base.html\" %}",
    "]]><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
];

#[test]
fn script_from_seeds_never_reaches_the_output() {
    let p = Project::new();
    p.write("site.toml", "base_url = \"https://example.org/news/\"\n");
    for (i, bad) in HOSTILE.iter().enumerate() {
        // In the headline, the byline, the body, and every front matter field.
        p.write(
            &format!("seeds/text-{i}.txt"),
            format!("Headline {bad}\n\nBy Jane {bad}\n\nJune {}, 2023\n\nWASHINGTON (AP) — Body {bad} text.\n\n## Head {bad}\n\nMore {bad}.\n", i + 1),
        );
        let toml_bad = bad.replace('\\', "\\\\").replace('"', "\\\"");
        p.write(
            &format!("seeds/md-{i}.md"),
            format!("+++\ntitle = \"Title {toml_bad}\"\ndek = \"Dek {toml_bad}\"\nauthors = [\"Ann {toml_bad}\"]\ntopics = [\"Topic {toml_bad}\"]\ndate = 2023-07-{:02}\ndateline = \"PARIS {toml_bad}\"\ncopyright = \"© {toml_bad}\"\nslug = \"{toml_bad}\"\n+++\n\nRaw {bad} in Markdown, [a link]({bad}) and <a href=\"javascript:alert(1)\">x</a>.\n", i + 1),
        );
    }
    let out = p.build(&[]);
    no_panic(&out);
    for (name, text) in all_output(&p.public()) {
        if name.ends_with(".html") {
            assert_safe_markup(&name, &text);
        } else if name.ends_with(".json") {
            let feed: serde_json::Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            for item in feed["items"].as_array().into_iter().flatten() {
                assert_safe_markup(&name, item["content_html"].as_str().unwrap_or_default());
            }
        } else {
            // Feeds and sitemaps: markup from the copy is escaped, never raw.
            let lower = text.to_lowercase();
            for raw in ["<script", "<img", "<svg", "<a "] {
                assert!(!lower.contains(raw), "{name}: raw {raw}");
            }
        }
    }
    // The search page shows a result line's fields as text: they are the copy as written (no
    // entities, which would show as such), and no seed's markup reaches them as markup, since
    // the page never reads them as HTML (tests/browser).
    let titles: Vec<String> = search_lines(&p.public())
        .iter()
        .map(|line| line["t"].as_str().unwrap().to_string())
        .collect();
    assert!(
        titles
            .iter()
            .all(|t| !t.contains("&quot;") && !t.contains("&amp;")),
        "{titles:?}"
    );
    for (i, bad) in HOSTILE.iter().enumerate() {
        assert!(
            titles.contains(&format!("Headline {bad}")),
            "{i}: {titles:?}"
        );
    }
    // Tera syntax in a seed is text, shown as written, never evaluated.
    let front = p.read("public/index.html");
    assert!(
        front.contains("Headline {{ config }}"),
        "template syntax is shown as text"
    );
    // Feeds stay well-formed XML even with ]]> and </title> in the copy.
    let rss = p.read("public/feed.xml");
    assert!(rss.contains("Headline ]]&gt;&lt;script&gt;"), "{rss}");
}

#[test]
fn slugs_and_paths_never_leave_the_output() {
    let p = Project::new();
    for (i, slug) in [
        "../../escape",
        "/etc/passwd",
        "C:\\Windows\\evil",
        "a\0b",
        "CON",
        ".",
        "..",
        &"x".repeat(500),
    ]
    .iter()
    .enumerate()
    {
        let slug = slug.replace('\\', "\\\\").replace('\0', "\\u0000");
        p.write(
            &format!("seeds/s{i}.md"),
            format!("+++\ntitle = \"Story {i}\"\nslug = \"{slug}\"\n+++\n\nBody.\n"),
        );
    }
    p.write(
        "seeds/same1.md",
        "+++\ntitle = \"Same\"\nslug = \"same\"\n+++\n\nOne.\n",
    );
    p.write(
        "seeds/same2.md",
        "+++\ntitle = \"Same\"\nslug = \"same\"\n+++\n\nTwo.\n",
    );
    let out = p.build(&[]);
    no_panic(&out);
    let outside: Vec<_> = std::fs::read_dir(p.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    // The output and, beside it, the build cache.
    let mut expected = vec![
        ".broadsheet-cache".to_string(),
        "public".to_string(),
        "seeds".to_string(),
    ];
    expected.sort();
    let mut outside = outside;
    outside.sort();
    assert_eq!(
        outside, expected,
        "nothing written beside the output but the cache"
    );
    assert!(!p.path().join("escape").exists());
    for (name, _) in tree(&p.public()) {
        assert!(
            name.split('/')
                .all(|part| part.len() <= 255 && part != ".." && !part.is_empty()),
            "{name}"
        );
    }
    // Two stories asking for one slug do not overwrite each other.
    let one = p.read("public/same/index.html");
    let two = p.read("public/same-2/index.html");
    assert_ne!(one.contains("One."), two.contains("One."));
}

#[test]
fn template_errors_name_the_file_and_line() {
    let p = Project::new();
    p.write("seeds/a.txt", "A story\n\nBody.\n");
    p.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock content %}\n",
    );
    let out = p.run(&["build"]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("templates/article.html"), "{stderr}");
    assert!(stderr.contains("3:"), "the line of the error: {stderr}");
    p.write("templates/article.html", "{% extends \"base.html\" %}{% block content %}{{ nothing_here.at_all }}{% endblock content %}");
    let out = p.run(&["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("templates/article.html") && stderr.contains("nothing_here"),
        "{stderr}"
    );
}

#[test]
fn killed_build_leaves_the_previous_site() {
    let p = Project::new();
    p.write("site.toml", "search = false\n");
    for i in 0..3000 {
        p.write(
            &format!("seeds/s{i:04}.txt"),
            format!("Story {i}\n\nBy Jane Doe\n\nJune 16, 2023\n\nBody {i}.\n"),
        );
    }
    p.build(&["--quiet"]);
    let before = tree(&p.public());
    p.write("seeds/new.txt", "A new story\n\nBody.\n");
    // A full build (`--clean`), stopped once it has written pages into its staging folder: the
    // moment the previous site is most at risk, told by the folder rather than by a clock.
    let mut child = std::process::Command::new(bin())
        .args(["build", "--quiet", "--clean"])
        .current_dir(p.path())
        .spawn()
        .unwrap();
    let staged_pages = || {
        std::fs::read_dir(p.path())
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".staging-"))
            .any(|e| {
                walkdir::WalkDir::new(e.path())
                    .into_iter()
                    .nth(100)
                    .is_some()
            })
    };
    let started = std::time::Instant::now();
    while !staged_pages() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it had written 100 files: make the site larger"
        );
        assert!(
            started.elapsed().as_secs() < 120,
            "the build never wrote its pages"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let _ = child.kill(); // SIGKILL: no chance to clean up
    let _ = child.wait();
    assert_eq!(tree(&p.public()), before, "the previous site is intact");
    // The next build clears what the killed one left and succeeds.
    p.build(&["--quiet"]);
    assert!(p.public().join("a-new-story/index.html").is_file());
    assert_eq!(
        p.hidden_entries(),
        Vec::<String>::new(),
        "no staging folders left"
    );
}

/// A saved page with script in every field and attribute, a `<base href>`, a meta refresh,
/// remote images, iframes and stylesheets.
fn hostile_page(bad: &str, n: usize) -> String {
    let attr = bad.replace('"', "&quot;");
    format!(
        r#"<!DOCTYPE html><html><head><base href="https://evil.test/">
<meta http-equiv="refresh" content="0; url=https://evil.test/">
<title>Page {bad} {n} | Evil</title>
<meta property="og:title" content="Headline {attr} {n}">
<meta property="og:description" content="Dek {attr}">
<meta property="og:image" content="javascript:alert(1)">
<meta name="author" content="Ann {attr}">
<link rel="stylesheet" href="https://evil.test/s.css"><script src="https://evil.test/x.js"></script>
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Headline {json} {n}",
"author":{{"@type":"Person","name":"Ann {json}"}},"datePublished":"2023-06-{day:02}T10:00:00Z",
"image":"https://evil.test/lead.jpg"}}</script>
<style>body{{background:url(https://evil.test/bg.png)}}</style></head>
<body onload="alert(1)"><article><h1 onclick="alert(1)">Headline {bad} {n}</h1>
<p class="byline">By Ann {bad}</p>
<img src="https://evil.test/a.png" onerror="alert(1)" srcset="https://evil.test/b.png 2x">
<iframe src="https://evil.test/frame"></iframe><object data="https://evil.test/o"></object>
<p>First paragraph {bad} with <a href="javascript:alert(1)" onmouseover="alert(1)">a link</a>
and <a href="https://example.com/ok">a fine one</a> and <a href="data:text/html,x">data</a>.</p>
<h2 style="color:red">Head {bad}</h2><p>Second paragraph <svg onload="alert(1)"></svg>{bad}.</p>
<ul><li onclick="alert(1)">Item {bad}</li></ul><blockquote>Quote {bad}</blockquote>
<form action="https://evil.test/"><input name="q"></form><video src="https://evil.test/v.mp4"></video>
<p>Third paragraph for the story, long enough to count as one, about the harbour.</p>
</article></body></html>"#,
        json = bad.replace('\\', "\\\\").replace('"', "\\\""),
        day = n % 28 + 1,
    )
}

/// `src`, `srcset`, `data` and stylesheet `href` attributes: what a browser loads by itself.
fn loaded_urls(html: &str) -> Vec<String> {
    let attr =
        regex::Regex::new(r#"(?i)<(?:img|script|iframe|audio|video|source|embed|object|link[^>]*rel="?(?:stylesheet|preload|icon)[^>]*)[^>]*\s(?:src|srcset|data|href)\s*=\s*"([^"]*)""#)
            .unwrap();
    attr.captures_iter(html).map(|c| c[1].to_string()).collect()
}

#[test]
fn hostile_saved_pages_build_safely() {
    let p = Project::new();
    p.write("site.toml", "base_url = \"https://example.org/news/\"\n");
    for (i, bad) in HOSTILE.iter().enumerate() {
        p.write(&format!("seeds/page-{i}.html"), hostile_page(bad, i));
    }
    // 100,000 nested elements; a 50 MB page on one line; bytes that are no encoding.
    let depth = 100_000;
    p.write(
        "seeds/deep.html",
        format!(
            "<html><head><title>Deep page</title></head><body>{}<p>Found deep down.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        ),
    );
    let mut big =
        String::from("<html><head><title>Big page</title></head><body><article><h1>Big page</h1>");
    // One line of paragraphs of about 10 KB each, a long story's worth of them many times over.
    let paragraph = format!(
        "<p>{}with a <b>bold</b> word.</p>",
        "Words of the big page ".repeat(450)
    );
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(&paragraph);
    }
    big.push_str("</article></body></html>");
    p.write("seeds/big.htm", big);
    p.write(
        "seeds/invalid.html",
        b"<html><head><meta charset=\"utf-8\"><title>Bytes \xff\xfe\xc3</title></head><body><p>Caf\xe9 \x80\x81 and \xed\xa0\x80.</p></body></html>".as_slice(),
    );
    let out = p.build(&[]);
    no_panic(&out);
    let site = all_output(&p.public());
    for (name, text) in &site {
        if name.ends_with(".html") {
            assert_safe_markup(name, text);
            for url in loaded_urls(text) {
                assert!(
                    !url.contains("evil.test") && !url.starts_with("//"),
                    "{name} loads {url}"
                );
            }
            let lower = text.to_lowercase();
            assert!(!lower.contains("<base"), "{name}: <base>");
            assert!(!lower.contains("http-equiv=\"refresh\""), "{name}: refresh");
        }
    }
    assert!(
        site.iter().any(|(_, t)| t.contains("Found deep down.")),
        "the deep page's story is read"
    );
    // The fine link is kept as a link; the page's text is there, escaped.
    let article = site
        .iter()
        .find(|(n, t)| n.ends_with("index.html") && t.contains("First paragraph {{ config }}"))
        .map(|(_, t)| t.clone())
        .expect("a hostile page's article");
    assert!(
        article.contains("href=\"https://example.com/ok\""),
        "{article}"
    );
}
