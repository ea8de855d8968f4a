//! `broadsheet serve` as a user runs it: the real binary, real HTTP on the loopback address,
//! real files changed under it. Every wait polls against a deadline.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::*;
use regex::Regex;

/// How long the first build of a small site may take in a debug build on a loaded machine.
const STARTUP: Duration = Duration::from_secs(120);

/// A running `broadsheet serve`.
struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    addr: String,
    /// The base URL's path, `/news/`.
    base: String,
    /// The folder it builds into.
    work: PathBuf,
    /// What it has printed to stderr so far.
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Server {
    /// Waits for `text` on stderr (read on a thread of its own, so it can lag the HTTP answer).
    fn printed(&self, text: &str) {
        poll(Duration::from_secs(5), text, || {
            self.stderr.lock().unwrap().contains(text).then_some(())
        });
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP response.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A project for serving, in a folder that also holds the temporary folder serve builds in
/// (its `TMPDIR`), so files can be planted beside the served site.
struct Fixture {
    project: Project,
    tmp: tempfile::TempDir,
}

fn fixture(base_url: &str) -> Fixture {
    let project = Project::new();
    project.write(
        "site.toml",
        format!("title = \"Served\"\nbase_url = \"{base_url}\"\nsearch = false\n"),
    );
    project.write(
        "seeds/senate.txt",
        wire_story(
            "Senate passes water bill",
            "JANE DOE",
            "June 16, 2023",
            "WASHINGTON",
            "The Senate passed the bill on Friday.",
        ),
    );
    project.write(
        "seeds/harbor.txt",
        wire_story(
            "Harbor bridge reopens after repairs",
            "JOHN ROE",
            "March 3, 2024",
            "PORTLAND, Maine",
            "The bridge reopened on Sunday.",
        ),
    );
    Fixture {
        project,
        tmp: tempfile::tempdir().unwrap(),
    }
}

fn start(f: &Fixture) -> Server {
    start_with(f, &[])
}

fn start_with(f: &Fixture, extra: &[&str]) -> Server {
    let child = Command::new(bin())
        .args(["serve", "--port", "0", "--config", "site.toml"])
        .args(extra)
        .current_dir(f.project.path())
        .env("TMPDIR", f.tmp.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs broadsheet serve");
    // Held from the start, so a failed wait below still stops the process.
    let mut server = Server {
        child,
        addr: String::new(),
        base: String::new(),
        work: PathBuf::new(),
        stderr: Default::default(),
    };
    let stderr = server.child.stderr.take().unwrap();
    let printed = server.stderr.clone();
    std::thread::spawn(move || {
        for l in BufReader::new(stderr).lines().map_while(Result::ok) {
            let mut all = printed.lock().unwrap();
            all.push_str(&l);
            all.push('\n');
        }
    });
    let stdout = server.child.stdout.take().unwrap();
    let (lines, line) = mpsc::channel();
    std::thread::spawn(move || {
        for l in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(l).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + STARTUP;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let l = line
            .recv_timeout(left)
            .expect("serve prints the address it serves within the deadline");
        if let Some(rest) = l.strip_prefix("serving http://") {
            let (url, rest) = rest.split_once(' ').unwrap();
            let (addr, base) = url.split_at(url.find('/').unwrap());
            let work = rest
                .strip_prefix("(built in ")
                .and_then(|r| r.split_once(')'))
                .unwrap()
                .0;
            // Keep draining stdout so the server never blocks on a full pipe.
            std::thread::spawn(move || while line.recv().is_ok() {});
            server.addr = addr.to_string();
            server.base = base.to_string();
            server.work = PathBuf::from(work);
            return server;
        }
    }
}

/// Sends `method target` exactly as written and reads the whole reply.
fn request(addr: &str, method: &str, target: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_string(),
    }
}

fn get(s: &Server, path: &str) -> Reply {
    request(&s.addr, "GET", &format!("{}{path}", s.base))
}

/// Polls `check` until it gives a value or `within` has passed.
fn poll<T>(within: Duration, what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + within;
    loop {
        if let Some(v) = check() {
            return v;
        }
        assert!(Instant::now() < deadline, "not within {within:?}: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

const ARTICLE: &str = "2023/06/16/senate-passes-water-bill/index.html";

#[test]
fn serves_the_front_page_and_an_article_under_the_base_path() {
    let f = fixture("https://example.org/news/");
    let s = start(&f);
    assert_eq!(s.base, "/news/");

    let front = get(&s, "");
    assert_eq!(front.status, 200, "{front:?}");
    assert_eq!(
        front.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(front.body.contains("Harbor bridge reopens after repairs"));
    assert!(
        front.body.contains("/__broadsheet/events"),
        "no reload script"
    );
    // Links name the server's address, with the configured path kept.
    assert!(front
        .body
        .contains(&format!("href=\"http://{}/news/feed.xml\"", s.addr)));

    let article = get(&s, ARTICLE);
    assert_eq!(article.status, 200);
    assert!(article.body.contains("Senate passes water bill"));

    let folder = get(&s, "2023/06/16/senate-passes-water-bill");
    assert_eq!(folder.status, 302);
    assert_eq!(
        folder.header("Location"),
        Some("/news/2023/06/16/senate-passes-water-bill/")
    );
    let slash = get(&s, "2023/06/16/senate-passes-water-bill/");
    assert_eq!((slash.status, slash.body), (200, article.body.clone()));
    assert_eq!(
        request(&s.addr, "GET", "/").header("Location"),
        Some("/news/")
    );
    assert_eq!(
        request(&s.addr, "GET", "/news").header("Location"),
        Some("/news/")
    );

    let head = request(&s.addr, "HEAD", &format!("/news/{ARTICLE}"));
    assert_eq!(head.status, 200);
    assert_eq!(head.body, "");
    assert_eq!(
        head.header("Content-Length"),
        Some(article.body.len().to_string().as_str())
    );

    let stylesheet = Regex::new(r#"href="\./(static/style\.[0-9a-f]+\.css)""#)
        .unwrap()
        .captures(&front.body)
        .expect("the front page links its stylesheet")[1]
        .to_string();
    let css = get(&s, &stylesheet);
    assert_eq!(css.status, 200);
    assert_eq!(css.header("Content-Type"), Some("text/css; charset=utf-8"));
    assert!(!css.body.contains("__broadsheet"));

    for missing in ["no-such-page/", "no-such-file.html"] {
        let r = get(&s, missing);
        assert_eq!(r.status, 404, "{missing}");
        assert!(r.body.contains("Page not found"), "the site's 404 page");
        assert!(r.body.contains("/__broadsheet/events"));
    }
    assert_eq!(request(&s.addr, "GET", "/elsewhere/").status, 404);
}

#[test]
fn the_served_files_are_what_build_writes() {
    let f = fixture("https://example.org/news/");
    let s = start(&f);
    let served_dir = poll(Duration::from_secs(5), "a built folder", || {
        ["site-a", "site-b"]
            .iter()
            .map(|d| s.work.join(d))
            .find(|d| d.join("index.html").is_file())
    });
    let out = f.project.run(&[
        "build",
        "--quiet",
        "--output",
        "built",
        "--base-url",
        &format!("http://{}/news/", s.addr),
    ]);
    assert!(out.status.success(), "{out:?}");
    let built = f.project.path().join("built");
    let pages = html_files(&built);
    assert!(pages.contains(&ARTICLE.to_string()), "{pages:?}");
    for page in pages {
        let on_disk = std::fs::read(served_dir.join(&page)).unwrap();
        let from_build = std::fs::read(built.join(&page)).unwrap();
        assert!(on_disk == from_build, "{page} differs from build's");
        assert!(!String::from_utf8_lossy(&from_build).contains("__broadsheet"));
    }
    // The script is added as the page is sent.
    let served = get(&s, ARTICLE).body;
    let file = std::fs::read_to_string(built.join(ARTICLE)).unwrap();
    assert!(served.len() > file.len() && served.contains("__broadsheet"));
}

/// Opens the event stream and returns it with the generation it announced first.
fn events(s: &Server) -> (BufReader<TcpStream>, String) {
    let mut stream = TcpStream::connect(&s.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET /__broadsheet/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        s.addr
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader.read_line(&mut status).unwrap();
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    let first = next_event(&mut reader);
    (reader, first)
}

/// The data of the next event on the stream (comments skipped).
fn next_event(reader: &mut BufReader<TcpStream>) -> String {
    loop {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "the stream ended");
        if let Some(data) = line.strip_prefix("data: ") {
            return data.trim_end().to_string();
        }
    }
}

#[test]
fn a_changed_seed_is_served_within_two_seconds_and_open_pages_are_told() {
    let f = fixture("https://example.org/");
    let s = start(&f);
    let (mut stream, first) = events(&s);
    assert!(get(&s, "")
        .body
        .contains(&format!("e.data !== \"{first}\"")));

    let written = Instant::now();
    f.project.write(
        "seeds/harbor.txt",
        wire_story(
            "Harbor bridge closes again after storm",
            "JOHN ROE",
            "March 3, 2024",
            "PORTLAND, Maine",
            "The bridge closed on Monday.",
        ),
    );
    poll(Duration::from_secs(2), "the new headline served", || {
        get(&s, "")
            .body
            .contains("Harbor bridge closes again after storm")
            .then_some(())
    });
    eprintln!("served after {:?}", written.elapsed());
    let next = next_event(&mut stream);
    assert_ne!(next, first, "the open page is told the site changed");
    assert!(get(&s, "").body.contains(&format!("e.data !== \"{next}\"")));
}

#[test]
fn with_search_a_change_is_shown_first_and_its_index_follows() {
    let f = fixture("https://example.org/");
    f.project.write(
        "site.toml",
        "title = \"Served\"\nbase_url = \"https://example.org/\"\n",
    );
    let s = start(&f);
    let index_before = get(&s, "search/data/meta.json");
    assert_eq!(index_before.status, 200, "the first build has its index");
    let (mut stream, first) = events(&s);
    f.project.write(
        "seeds/harbor.txt",
        wire_story(
            "Harbor bridge closes again after storm",
            "JOHN ROE",
            "March 3, 2024",
            "PORTLAND, Maine",
            "The bridge closed on Monday.",
        ),
    );
    poll(Duration::from_secs(10), "the new headline served", || {
        get(&s, "")
            .body
            .contains("Harbor bridge closes again after storm")
            .then_some(())
    });
    let shown = next_event(&mut stream);
    assert_ne!(shown, first);
    // The build that brings the index up to date serves the same pages: no reload for it.
    poll(
        Duration::from_secs(30),
        "the search index caught up",
        || {
            let index = get(&s, "search/data/meta.json");
            (index.status == 200 && index.body != index_before.body).then_some(())
        },
    );
    assert!(get(&s, "")
        .body
        .contains(&format!("e.data !== \"{shown}\"")));
}

#[test]
fn a_broken_seed_shows_the_overlay_over_the_last_good_pages() {
    let f = fixture("https://example.org/");
    let s = start(&f);
    let good = get(&s, ARTICLE);
    assert_eq!(good.status, 200);
    assert!(!good.body.contains("broadsheet-serve-error"));

    // Front matter that is not TOML: an error naming the file and line.
    f.project.write(
        "seeds/broken.md",
        "+++\ntitle = \"<script>alert(1)</script>\nauthors = [\n+++\n\nBody.\n",
    );
    let shown = poll(Duration::from_secs(30), "the overlay", || {
        let r = get(&s, ARTICLE);
        r.body.contains("broadsheet-serve-error").then_some(r)
    });
    assert_eq!(shown.status, 200, "the last good article is still served");
    assert!(shown.body.contains("Senate passes water bill"));
    assert!(shown.body.contains("seeds/broken.md"), "{}", shown.body);
    assert_eq!(
        shown.body.matches("<script>").count(),
        1,
        "only the reload script is a script"
    );
    assert!(get(&s, "").body.contains("broadsheet-serve-error"));
    s.printed("error: seeds/broken.md:");

    std::fs::remove_file(f.project.path().join("seeds/broken.md")).unwrap();
    poll(Duration::from_secs(30), "the overlay gone", || {
        (!get(&s, ARTICLE).body.contains("broadsheet-serve-error")).then_some(())
    });
}

#[test]
fn a_bad_site_toml_or_template_is_shown_over_the_last_good_pages() {
    let f = fixture("https://example.org/");
    let s = start(&f);
    let overlaid = |what: &str| {
        poll(Duration::from_secs(30), what, || {
            let r = get(&s, ARTICLE);
            r.body.contains("broadsheet-serve-error").then_some(r)
        })
    };
    let good_toml = f.project.read("site.toml");
    f.project.write(
        "site.toml",
        format!("{good_toml}articles_per_page = \"many\"\n"),
    );
    let shown = overlaid("the overlay for site.toml");
    assert!(shown.body.contains("site.toml"), "{}", shown.body);
    assert!(shown.body.contains("Senate passes water bill"));
    s.printed("site.toml");

    f.project.write("site.toml", &good_toml);
    poll(Duration::from_secs(30), "the overlay gone", || {
        (!get(&s, ARTICLE).body.contains("broadsheet-serve-error")).then_some(())
    });

    // A templates/ folder made while serving is read, and its errors shown.
    f.project.write("templates/404.html", "{% if %}\n");
    let shown = overlaid("the overlay for the template");
    assert!(shown.body.contains("404.html"), "{}", shown.body);
    assert!(shown.body.contains("Senate passes water bill"));
}

#[test]
fn with_strict_a_warning_keeps_a_build_from_being_shown() {
    let f = fixture("https://example.org/");
    let s = start_with(&f, &["--strict"]);
    assert!(!get(&s, ARTICLE).body.contains("broadsheet-serve-error"));
    // No byline: a warning, which `build` would publish.
    f.project.write(
        "seeds/unsigned.txt",
        "Council approves the new library\n\nJune 20, 2023\n\nThe council approved it.\n",
    );
    let shown = poll(Duration::from_secs(30), "the overlay", || {
        let r = get(&s, "");
        r.body.contains("broadsheet-serve-error").then_some(r)
    });
    assert!(
        shown.body.contains("warning: seeds/unsigned.txt"),
        "{}",
        shown.body
    );
    assert!(!shown.body.contains("Council approves the new library</a>"));
}

#[test]
fn no_request_reads_a_file_outside_the_served_folder() {
    let f = fixture("https://example.org/news/");
    let s = start(&f);
    let secret = "TOP-SECRET-7d41c2";
    // Beside the served folders, beside the build folder, and in the project.
    let secret_files = [
        s.work.join("secret.txt"),
        f.tmp.path().join("secret.txt"),
        f.project.path().join("secret.txt"),
    ];
    for file in &secret_files {
        std::fs::write(file, secret).unwrap();
    }
    #[cfg(unix)]
    for site in ["site-a", "site-b"] {
        let dir = s.work.join(site);
        std::fs::create_dir_all(&dir).unwrap();
        let _ = std::os::unix::fs::symlink(&secret_files[0], dir.join("leak.txt"));
        let _ = std::os::unix::fs::symlink(&s.work, dir.join("up"));
    }
    let absolute = secret_files[1].display().to_string();
    let mut attempts: Vec<String> = [
        "/news/../secret.txt",
        "/news/../../secret.txt",
        "/news/%2e%2e/secret.txt",
        "/news/%2E%2E/%2E%2E/secret.txt",
        "/news/.%2e/secret.txt",
        "/news/..%2fsecret.txt",
        "/news/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/news/..%252fsecret.txt",
        "/news/..\\secret.txt",
        "/news/%5c..%5csecret.txt",
        "/news/secret.txt%00.html",
        "/news/leak.txt",
        "/news/up/secret.txt",
        "/news//../secret.txt",
        "/../secret.txt",
        "secret.txt",
        "../secret.txt",
    ]
    .map(String::from)
    .to_vec();
    attempts.push(absolute.clone());
    attempts.push(format!("/news{absolute}"));
    attempts.push(format!("/news/{}", absolute.trim_start_matches('/')));
    attempts.push(format!("http://{}/news/../secret.txt", s.addr));
    attempts.push(format!("file://{absolute}"));
    for target in &attempts {
        let r = request(&s.addr, "GET", target);
        assert!(r.status == 400 || r.status == 404, "{target}: {}", r.status);
        assert!(!r.body.contains(secret), "{target} read a file outside");
    }
}

#[cfg(unix)]
#[test]
fn a_signal_stops_the_server_and_removes_its_folder() {
    for signal in [libc::SIGINT, libc::SIGTERM] {
        let f = fixture("https://example.org/");
        let mut s = start(&f);
        assert!(s.work.is_dir());
        let pid = i32::try_from(s.child.id()).unwrap();
        // SAFETY: kill(2) with the pid of the child this test started and still holds.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
        let status = poll(Duration::from_secs(30), "the server to stop", || {
            s.child.try_wait().unwrap()
        });
        assert!(status.success(), "{status:?}");
        assert!(!s.work.exists(), "{} left behind", s.work.display());
        assert!(!Path::new(&s.work).exists());
    }
}
