//! Helpers shared by the integration tests: fixture sites in temporary folders, running the real
//! binary, and reading the produced HTML back.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use proptest::prelude::*;
use regex::Regex;

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_broadsheet")
}

/// A project folder in a temporary directory.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn new() -> Project {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
        Project { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> &Self {
        let p = self.path().join(relative);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
        self
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(bin())
            .args(args)
            .current_dir(self.path())
            .output()
            .expect("runs broadsheet")
    }

    pub fn build(&self, extra: &[&str]) -> Output {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        let out = self.run(&args);
        assert!(
            out.status.success(),
            "build failed: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Hidden entries beside the output other than the build cache: what a build's staging
    /// would leave behind.
    pub fn hidden_entries(&self) -> Vec<String> {
        std::fs::read_dir(self.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with('.') && n != ".broadsheet-cache")
            .collect()
    }

    pub fn public(&self) -> PathBuf {
        self.path().join("public")
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path().join(relative))
            .unwrap_or_else(|e| panic!("{relative}: {e}"))
    }
}

/// A small wire story with the given headline, dateline place and date line.
pub fn wire_story(headline: &str, byline: &str, date: &str, place: &str, body: &str) -> String {
    format!(
        "{headline}\n\nBy {byline}\n\n{date}\n\n{place} (AP) — {body}\n\nThe agency said more details would follow later in the week.\n"
    )
}

/// Every HTML file under `root`, as paths relative to it.
pub fn html_files(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            out.push(
                entry
                    .path()
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
    out
}

/// The `href` and `src` values in a page.
pub fn links(html: &str) -> Vec<String> {
    let re = Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap();
    re.captures_iter(html)
        .map(|c| c[1].replace("&amp;", "&"))
        .collect()
}

/// Resolves a relative link from the folder of `from` (both site-relative, `/`-separated).
/// Returns `None` for links that leave the site root.
pub fn resolve(from: &str, link: &str) -> Option<String> {
    let link = link.split(['#', '?']).next().unwrap_or_default();
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop(); // the file name
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if link.ends_with('/') || link.is_empty() || link == "." || link.ends_with("/.") {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

/// Checks every internal link of every page resolves to a file; returns the broken ones.
pub fn broken_links(root: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    for page in html_files(root) {
        if page == "404.html" {
            continue; // absolute links, checked separately
        }
        let html = std::fs::read_to_string(root.join(&page)).unwrap();
        for link in links(&html) {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with('#')
                || link.starts_with("mailto:")
            {
                continue;
            }
            match resolve(&page, &link) {
                Some(target) if root.join(&target).is_file() => {}
                _ => broken.push(format!("{page} → {link}")),
            }
        }
    }
    broken
}

/// Every file under `root` with its bytes, for comparing two builds.
pub fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Copy-like text: news words, markup, dashes, dates and line breaks in any order.
pub fn copy_like() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("By JANE DOE".to_string()),
        Just("WASHINGTON (AP) — ".to_string()),
        Just("(Bloomberg) —".to_string()),
        Just("June 16, 2023".to_string()),
        Just("–With assistance from A B.".to_string()),
        Just("1. Heading".to_string()),
        Just("+++".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("   ".to_string()),
        Just("- ".to_string()),
        Just("©2023".to_string()),
        "[A-Za-z’“”—,.:;()| ]{0,40}",
        any::<String>(),
    ];
    prop::collection::vec(token, 0..40).prop_map(|parts| parts.concat())
}

/// Every result line of a built site's search index (`search/data/d/<g>.json`), in id order.
pub fn search_lines(public: &Path) -> Vec<serde_json::Value> {
    let groups = public.join("search/data/d");
    let mut lines = Vec::new();
    for g in 0.. {
        let Ok(bytes) = std::fs::read(groups.join(format!("{g}.json"))) else {
            break;
        };
        let group: Vec<serde_json::Value> = serde_json::from_slice(&bytes).expect("JSON");
        lines.extend(group);
    }
    lines
}

/// Every word of a built site's search index, with the ids of the stories that hold it, read
/// from the table of contents and every chunk it names.
pub fn search_words(public: &Path) -> BTreeMap<String, Vec<u32>> {
    let data = public.join("search/data");
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data.join("meta.json")).unwrap()).unwrap();
    let impact = meta["bitmap_impact"].as_u64().unwrap() as u8;
    let mut words = BTreeMap::new();
    for chunk in meta["chunks"].as_array().unwrap() {
        let file = data.join(format!("w/{}.bin", chunk[1].as_str().unwrap()));
        let bytes = std::fs::read(&file).unwrap();
        for (word, stories) in broadsheet::search::read::chunk_entries(&bytes, impact).unwrap() {
            words.insert(word, stories.into_iter().map(|s| s.0).collect());
        }
    }
    words
}
