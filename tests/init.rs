//! `broadsheet init`: a new site that builds at once, in an empty or new folder only, and never
//! a file written over.

mod common;

use std::process::Command;

use common::*;

fn init(args: &[&str], cwd: &std::path::Path) -> std::process::Output {
    Command::new(bin())
        .arg("init")
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("runs broadsheet")
}

#[test]
fn a_new_site_builds_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(&["news"], tmp.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let site = tmp.path().join("news");
    for file in ["site.toml", ".gitignore"] {
        assert!(site.join(file).is_file(), "{file}");
    }
    let seeds = std::fs::read_dir(site.join("seeds")).unwrap().count();
    assert_eq!(seeds, 2);
    let build = Command::new(bin())
        .args(["build", "--strict"])
        .current_dir(&site)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(String::from_utf8_lossy(&build.stdout).starts_with("built 2 articles"));
    let front = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(front.contains("Harbour board approves second ferry pier"));
    assert!(front.contains("Library opens on Sundays from July"));
    // Every key of site.toml is there, commented, and the file parses as written.
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    for key in [
        "base_url",
        "timezone",
        "allow_paths",
        "search",
        "term_feed_full_text",
    ] {
        assert!(toml.contains(&format!("# {key} = ")), "{key}");
    }
}

#[test]
fn a_folder_in_use_is_refused_and_nothing_is_written_over() {
    let p = Project::new();
    p.write("site.toml", "title = \"Mine\"\n");
    let out = init(&[], p.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert!(!p.path().join(".gitignore").exists());
    let out = init(&["--force"], p.path());
    assert!(out.status.success());
    assert_eq!(p.read("site.toml"), "title = \"Mine\"\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("site.toml: already there"));
    assert!(p.path().join(".gitignore").is_file());
}
