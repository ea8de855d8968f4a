//! Builds fixture sites with the real binary and reads the HTML back.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;

use common::*;

/// The published (fingerprinted) stylesheet, relative to the site root.
fn stylesheet(p: &Project) -> String {
    let names: Vec<String> = std::fs::read_dir(p.public().join("static"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("style.") && n.ends_with(".css"))
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    format!("static/{}", names[0])
}

fn sample_project() -> Project {
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
    p.write(
        "seeds/nested/harbor.txt",
        wire_story(
            "Harbor bridge reopens after repairs",
            "JOHN ROE",
            "March 3, 2024",
            "PORTLAND, Maine",
            "The bridge reopened on Sunday.",
        ),
    );
    p.write(
        "seeds/undated.md",
        "+++\ntitle = \"An undated explainer\"\nauthors = [\"Ann Lee\"]\n+++\n\nWhat the council decided, and why it matters.\n\n## The vote\n\nIt passed.\n",
    );
    p
}

#[test]
fn builds_front_page_and_articles() {
    let p = sample_project();
    let out = p.build(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("built 3 articles"), "{stdout}");

    let article = p.read("public/2023/06/16/senate-passes-water-bill/index.html");
    assert!(article.contains(r#"<h1 class="headline">Senate passes water bill</h1>"#));
    assert!(
        article.contains(r#"<span class="dateline">WASHINGTON (AP) —</span> The Senate passed"#)
    );
    assert!(article.contains(r#"<time datetime="2023-06-16">June 16, 2023</time>"#));
    assert!(article.contains("Jane Doe"));

    // Undated articles get a permalink without the date part.
    let undated = p.read("public/an-undated-explainer/index.html");
    assert!(undated.contains(r#"<h2 id="the-vote">The vote</h2>"#));

    // The front page links every article, newest first.
    let front = p.read("public/index.html");
    let harbor = front
        .find("2024/03/03/harbor-bridge-reopens-after-repairs/index.html")
        .expect("harbor linked");
    let senate = front
        .find("2023/06/16/senate-passes-water-bill/index.html")
        .expect("senate linked");
    let undated = front
        .find("an-undated-explainer/index.html")
        .expect("undated linked");
    assert!(harbor < senate && senate < undated);
    assert!(p.public().join("404.html").is_file());
    // The stylesheet carries a content hash in its name, and every page links that name.
    let style = stylesheet(&p);
    assert!(
        front.contains(&format!(r#"<link rel="stylesheet" href="./{style}">"#)),
        "{front}"
    );
    assert_eq!(broken_links(&p.public()), Vec::<String>::new());
}

#[test]
fn warnings_name_the_file_and_strict_fails() {
    let p = Project::new();
    p.write(
        "seeds/a.txt",
        "A headline\n\nJust a paragraph of copy without byline or date.\n",
    );
    let out = p.run(&["build"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("seeds/a.txt: no byline found"), "{stderr}");
    assert!(stderr.contains("seeds/a.txt: no date found"), "{stderr}");
    let out = p.run(&["build", "--strict"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn override_template_wins_and_can_extend_the_default() {
    let p = sample_project();
    p.write(
        "templates/article.html",
        "{% extends \"default/article.html\" %}{% block title %}OVERRIDDEN {{ article.headline }}{% endblock title %}",
    );
    p.build(&[]);
    let article = p.read("public/2023/06/16/senate-passes-water-bill/index.html");
    assert!(
        article.contains("<title>OVERRIDDEN Senate passes water bill</title>"),
        "{article}"
    );
    assert!(
        article.contains(r#"<h1 class="headline">"#),
        "the default body is kept"
    );
}

#[test]
fn a_component_in_a_site_template_replaces_the_default_everywhere() {
    let p = sample_project();
    p.write(
        "templates/mine.html",
        "{% component byline(story, root) %}<span class=\"byline\">BYLINE {{ story.bylines | join(sep=\" + \") }}</span>{% endcomponent byline %}",
    );
    p.build(&[]);
    let article = p.read("public/2023/06/16/senate-passes-water-bill/index.html");
    let front = p.read("public/index.html");
    for page in [&article, &front] {
        assert!(page.contains(r#"<span class="byline">BYLINE "#), "{page}");
        assert!(!page.contains(r#"<a class="author""#), "{page}");
    }
    // The default components that call it are kept.
    assert!(article.contains(r#"<p class="story-meta"><span class="byline">BYLINE "#));
}

#[test]
fn site_static_files_are_copied_over_the_defaults() {
    let p = sample_project();
    p.write("static/style.css", "body { color: red; }");
    p.write(
        "static/img/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    p.build(&[]);
    assert_eq!(
        p.read(&format!("public/{}", stylesheet(&p))),
        "body { color: red; }"
    );
    assert!(p.public().join("static/img/logo.svg").is_file());
}

#[test]
fn bad_site_toml_names_the_line_and_exits_2() {
    let p = sample_project();
    p.write(
        "site.toml",
        "title = \"News\"\nbase_url = \"https://example.org/\"\narticles_per_pag = 5\n",
    );
    let out = p.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("site.toml:3"), "{stderr}");
    assert!(stderr.contains("articles_per_pag"), "{stderr}");
    assert!(!p.public().exists());
}

#[test]
fn failed_build_leaves_the_previous_site_untouched() {
    let p = sample_project();
    p.build(&[]);
    let before = tree(&p.public());
    p.write("templates/article.html", "{% extends \"base.html\" %}{% block content %}{{ article.headline | no_such_filter }}{% endblock content %}");
    let out = p.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("templates/article.html"), "{stderr}");
    assert_eq!(tree(&p.public()), before, "the old site is intact");
    assert_eq!(
        p.hidden_entries(),
        Vec::<String>::new(),
        "no staging folders left"
    );
}

#[test]
fn refuses_to_write_over_sources() {
    let p = sample_project();
    for target in [".", "seeds", "seeds/out", ".."] {
        let out = p.run(&["build", "--output", target]);
        assert_eq!(out.status.code(), Some(2), "{target}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("refusing"),
            "{target}"
        );
    }
    p.write("docs/thesis.txt", "mine");
    let out = p.run(&["build", "--output", "docs"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(p.read("docs/thesis.txt"), "mine");
    assert!(p.path().join("seeds/senate.txt").is_file());
}

#[test]
fn windows_1252_copy_is_decoded() {
    let p = Project::new();
    p.write(
        "seeds/old.txt",
        b"Mayor\x92s plan wins\r\n\r\nBy JANE DOE\r\n\r\n\x93We did it,\x94 the mayor said \x97 twice.\r\n".as_slice(),
    );
    p.build(&[]);
    let front = p.read("public/index.html");
    assert!(front.contains("Mayor’s plan wins"), "{front}");
    let article = p.read("public/mayors-plan-wins/index.html");
    assert!(article.contains("“We did it,” the mayor said — twice."));
}

#[test]
fn same_headline_gets_a_stable_suffix() {
    let p = Project::new();
    for name in ["a", "b", "c"] {
        p.write(
            &format!("seeds/{name}.txt"),
            "Storm hits coast\n\nThe storm hit the coast.\n",
        );
    }
    p.build(&[]);
    for dir in [
        "storm-hits-coast",
        "storm-hits-coast-2",
        "storm-hits-coast-3",
    ] {
        assert!(p.public().join(dir).join("index.html").is_file(), "{dir}");
    }
}

#[test]
fn pagination_keeps_every_story_reachable() {
    let p = Project::new();
    p.write("site.toml", "articles_per_page = 3\n");
    for day in 1..=7 {
        p.write(
            &format!("seeds/s{day}.txt"),
            format!(
                "Story number {day}\n\nBy Jane Doe\n\nMay {day}, 2024\n\nCopy for story {day}.\n"
            ),
        );
    }
    p.build(&[]);
    // 7 stories, 3 a page: pages 1, 2 and 3.
    assert!(p.public().join("page/3/index.html").is_file());
    assert!(!p.public().join("page/4").exists());
    let all: String = ["index.html", "page/2/index.html", "page/3/index.html"]
        .iter()
        .map(|f| p.read(&format!("public/{f}")))
        .collect();
    for day in 1..=7 {
        assert_eq!(
            all.matches(&format!("story-number-{day}/index.html"))
                .count(),
            1,
            "story {day} listed once"
        );
    }
    assert_eq!(broken_links(&p.public()), Vec::<String>::new());
}

#[test]
fn pretty_urls_link_to_folders() {
    let p = sample_project();
    p.write("site.toml", "pretty_urls = true\n");
    p.build(&[]);
    let front = p.read("public/index.html");
    assert!(
        front.contains(r#"href="./2023/06/16/senate-passes-water-bill/""#),
        "{front}"
    );
    assert_eq!(broken_links(&p.public()), Vec::<String>::new());
}

#[test]
fn two_builds_are_identical() {
    let p = sample_project();
    p.build(&[]);
    let first = tree(&p.public());
    p.build(&[]);
    assert_eq!(tree(&p.public()), first);
}

#[test]
fn extract_json_follows_the_contract() {
    let p = sample_project();
    let out = p.run(&["extract", "--json", "seeds/senate.txt", "seeds/undated.md"]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    let v: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for key in [
        "source",
        "format",
        "headline",
        "dek",
        "summary",
        "bylines",
        "dateline",
        "date",
        "date_source",
        "updated",
        "sections",
        "credits",
        "copyright",
        "topics",
        "warnings",
    ] {
        assert!(keys.contains(&key), "{key} missing");
    }
    assert_eq!(v["headline"], "Senate passes water bill");
    assert_eq!(v["format"], "text");
    assert_eq!(v["dateline"]["place"], "WASHINGTON");
    assert_eq!(v["date_source"], "text");
    let v: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(v["format"], "markdown");
    assert_eq!(v["bylines"][0], "Ann Lee");
}

#[test]
fn usage_errors_exit_2() {
    let p = Project::new();
    assert_eq!(p.run(&["build", "--bogus"]).status.code(), Some(2));
    assert_eq!(p.run(&["extract"]).status.code(), Some(2));
    assert!(p.run(&["--version"]).status.success());
    let out = p.run(&["build", "--base-url", "ftp://x"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Serves `root` under `prefix` over HTTP the way a static host does: a folder URL serves its
/// `index.html`, anything else 404.
fn serve(root: PathBuf, prefix: &'static str) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) <= 2 {
                    break;
                }
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            let mut stream = stream;
            let body = path.strip_prefix(prefix).and_then(|rel| {
                let rel = if rel.is_empty() || rel.ends_with('/') {
                    format!("{rel}index.html")
                } else {
                    rel.to_string()
                };
                if rel.split('/').any(|s| s == "..") {
                    return None;
                }
                std::fs::read(root.join(rel)).ok()
            });
            let (status, body) = match body {
                Some(b) => ("200 OK", b),
                None => ("404 Not Found", b"not found".to_vec()),
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(&body);
        }
    });
    port
}

fn http_get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).unwrap();
    let response = String::from_utf8_lossy(&bytes).to_string();
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn every_link_works_when_served_under_a_sub_path() {
    for pretty in [false, true] {
        let p = sample_project();
        p.write(
            "site.toml",
            format!("base_url = \"https://example.org/news/\"\npretty_urls = {pretty}\n"),
        );
        p.build(&[]);
        let port = serve(p.public(), "/news/");
        // Crawl from the front page, following every relative link as a browser resolves it.
        let mut queue = vec!["news/index.html".to_string()];
        let mut seen = std::collections::BTreeSet::new();
        while let Some(page) = queue.pop() {
            if !seen.insert(page.clone()) {
                continue;
            }
            let (status, body) = http_get(port, &format!("/{page}"));
            assert_eq!(status, 200, "/{page} (pretty {pretty})");
            if !page.ends_with(".html") {
                continue;
            }
            for link in links(&body) {
                if link.starts_with("https://example.org/news/") {
                    continue; // canonical URLs: absolute, checked below
                }
                let target = resolve(&page, &link)
                    .unwrap_or_else(|| panic!("{link} leaves the site from {page}"));
                assert!(
                    target.starts_with("news/"),
                    "{link} from {page} leaves the sub-path"
                );
                queue.push(target);
            }
        }
        for page in [
            "news/2023/06/16/senate-passes-water-bill/index.html",
            "news/an-undated-explainer/index.html",
            "news/topics/index.html",
            "news/authors/jane-doe/index.html",
            "news/archive/index.html",
            "news/2024/03/index.html",
        ] {
            assert!(seen.contains(page), "{page} not reached: {seen:?}");
        }
        let article = p.read("public/2023/06/16/senate-passes-water-bill/index.html");
        let canonical = if pretty {
            "https://example.org/news/2023/06/16/senate-passes-water-bill/"
        } else {
            "https://example.org/news/2023/06/16/senate-passes-water-bill/index.html"
        };
        assert!(
            article.contains(&format!(r#"<link rel="canonical" href="{canonical}">"#)),
            "{article}"
        );
        // The 404 page is served at any depth, so its links are absolute under base_url.
        let not_found = p.read("public/404.html");
        assert!(not_found.contains(&format!(
            r#"href="https://example.org/news/{}""#,
            stylesheet(&p)
        )));
        assert!(
            seen.contains(&format!("news/{}", stylesheet(&p))),
            "stylesheet reached"
        );
    }
}
