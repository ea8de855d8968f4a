//! Symbolic links and the site folder: a link that leads out of the site is refused with a
//! warning naming it, and none of the bytes it leads to reach any output file; links that stay
//! inside keep working.
#![cfg(unix)]

mod common;

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use common::*;

const SECRET: &str = "sk-live-XYZZY-40e1c9d7";

/// A folder outside the site holding a secret, a template and a link that leads back in.
struct Outside {
    dir: tempfile::TempDir,
}

impl Outside {
    fn new(site: &Path) -> Outside {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write(
            "key.txt",
            &format!("Key rotation notice\n\nThe deploy key is {SECRET} until Friday.\n"),
        );
        write("article.html", &format!("<!doctype html><p>{SECRET}</p>"));
        std::fs::create_dir_all(dir.path().join("folder")).unwrap();
        write(
            "folder/notes.txt",
            &format!("Private notes\n\nThe password is {SECRET}.\n"),
        );
        // Links that live outside: one leads back into the site, one to the secret.
        symlink(site.join("other/back.txt"), dir.path().join("hop-back")).unwrap();
        symlink(dir.path().join("key.txt"), dir.path().join("hop-out")).unwrap();
        Outside { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// A site whose seeds, templates and static folders hold every kind of link.
fn linked_site() -> (Project, Outside) {
    let p = Project::new();
    p.write(
        "seeds/good.txt",
        wire_story(
            "Harbour board approves new ferry pier",
            "Jane Doe",
            "June 16, 2023",
            "PORTLAND, Maine",
            "The harbour board voted 5-2 on Thursday to build a second ferry pier.",
        ),
    );
    p.write(
        "other/back.txt",
        "Library extends weekend hours\n\nJune 12, 2023\n\nThe city library will open on Sundays from July.\n",
    );
    p.write(
        "drafts/kept.txt",
        "Council names new parks director\n\nJune 14, 2023\n\nThe council named a new parks director on Wednesday.\n",
    );
    let outside = Outside::new(p.path());
    let seeds = p.path().join("seeds");
    symlink("/etc/passwd", seeds.join("passwd.txt")).unwrap();
    symlink(outside.dir.path(), seeds.join("linked")).unwrap();
    symlink(outside.path("hop-back"), seeds.join("chain-back.txt")).unwrap();
    symlink(outside.path("hop-out"), seeds.join("chain-out.txt")).unwrap();
    symlink("../drafts/kept.txt", seeds.join("inside.txt")).unwrap();
    symlink(p.path().join("nowhere.txt"), seeds.join("dangling.txt")).unwrap();
    // A sidecar that leads out: the seed builds, the sidecar is not read.
    p.write(
        "seeds/with-sidecar.txt",
        "Bakery wins regional bread prize\n\nJune 15, 2023\n\nA bakery on Main Street won the prize.\n",
    );
    symlink(outside.path("key.txt"), seeds.join("with-sidecar.toml")).unwrap();
    std::fs::create_dir_all(p.path().join("templates")).unwrap();
    symlink(
        outside.path("article.html"),
        p.path().join("templates/article.html"),
    )
    .unwrap();
    std::fs::create_dir_all(p.path().join("static")).unwrap();
    symlink(outside.path("key.txt"), p.path().join("static/secret.css")).unwrap();
    symlink(
        p.path().join("other/back.txt"),
        p.path().join("static/back.txt"),
    )
    .unwrap();
    (p, outside)
}

/// Every output file's bytes.
fn output_bytes(root: &Path) -> Vec<(String, Vec<u8>)> {
    tree(root).into_iter().collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn links_out_of_the_site_are_refused_and_links_inside_followed() {
    let (p, _outside) = linked_site();
    let out = p.run(&["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for link in [
        "seeds/passwd.txt",
        "seeds/linked",
        "seeds/chain-out.txt",
        "seeds/with-sidecar.toml",
        "templates/article.html",
        "static/secret.css",
    ] {
        assert!(
            stderr.lines().any(|l| l.starts_with("warning: ")
                && l.contains(&format!("{link}: a link to"))
                && l.contains("outside the site folder")),
            "{link} is not named in a warning:\n{stderr}"
        );
    }
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("seeds/dangling.txt") && l.contains("does not exist")),
        "{stderr}"
    );
    assert!(
        stderr.contains("seeds/passwd.txt: a link to a file outside the site folder (/etc/passwd)"),
        "{stderr}"
    );

    let passwd = std::fs::read("/etc/passwd").unwrap();
    let first_line = passwd.split(|&b| b == b'\n').next().unwrap().to_vec();
    assert!(first_line.len() > 8);
    for (name, bytes) in output_bytes(&p.public()) {
        assert!(
            !contains(&bytes, SECRET.as_bytes()),
            "{name} holds the secret"
        );
        assert!(
            !contains(&bytes, &first_line),
            "{name} holds a line of /etc/passwd"
        );
        assert!(!contains(&bytes, b"nologin"), "{name} holds /etc/passwd");
    }
    let files: Vec<String> = tree(&p.public()).into_keys().collect();
    assert!(!files.iter().any(|f| f.contains("secret")), "{files:?}");
    assert!(files.iter().any(|f| f == "static/back.txt"), "{files:?}");

    let front = p.read("public/index.html");
    for kept in [
        "Harbour board approves new ferry pier",
        // A link inside the seeds folder to a file elsewhere in the site.
        "Council names new parks director",
        // A chain that leaves the site and comes back: its file is the site's own.
        "Library extends weekend hours",
        "Bakery wins regional bread prize",
    ] {
        assert!(front.contains(kept), "{kept} missing from the front page");
    }
    assert!(!front.contains("Key rotation notice"));
    assert!(!front.contains("Private notes"));
}

#[test]
fn strict_turns_a_refused_link_into_a_failure() {
    let (p, _outside) = linked_site();
    let out = p.run(&["build", "--strict"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("seeds/passwd.txt: a link to"), "{stderr}");
}

#[test]
fn allow_paths_opens_a_folder_explicitly() {
    let (p, outside) = linked_site();
    p.write(
        "site.toml",
        format!(
            "allow_paths = [{:?}]\n",
            outside.dir.path().display().to_string()
        ),
    );
    let out = p.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("seeds/linked: a link"), "{stderr}");
    assert!(stderr.contains("seeds/passwd.txt: a link to"), "{stderr}");
    assert!(p.read("public/index.html").contains("Key rotation notice"));
}

#[test]
fn a_seeds_folder_that_leads_out_is_a_configuration_error() {
    let p = Project::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("story.txt"), "Elsewhere\n\nText.\n").unwrap();
    std::fs::remove_dir(p.path().join("seeds")).unwrap();
    symlink(outside.path(), p.path().join("seeds")).unwrap();
    let out = p.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`seeds`") && stderr.contains("allow_paths"),
        "{stderr}"
    );
    assert!(!p.public().exists());
}

#[test]
fn extract_reads_what_it_is_given_but_not_links_out_of_a_folder_it_walks() {
    let (p, outside) = linked_site();
    let given = p.run(&[
        "extract",
        "--json",
        &outside.path("key.txt").display().to_string(),
    ]);
    assert!(given.status.success());
    assert!(String::from_utf8_lossy(&given.stdout).contains("Key rotation notice"));

    let walked = p.run(&["extract", "--json", "seeds"]);
    let stdout = String::from_utf8_lossy(&walked.stdout);
    let stderr = String::from_utf8_lossy(&walked.stderr);
    assert!(
        stdout.contains("Harbour board approves new ferry pier"),
        "{stdout}"
    );
    assert!(!stdout.contains(SECRET), "{stdout}");
    assert!(!stdout.contains("nologin"), "{stdout}");
    assert!(stderr.contains("seeds/passwd.txt: a link to"), "{stderr}");
    assert!(
        stderr.contains("seeds/linked: a link to a folder outside"),
        "{stderr}"
    );
}
