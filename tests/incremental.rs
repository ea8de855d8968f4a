//! Incremental builds: after every kind of change, a build that reuses the previous build's
//! cache writes the same output, byte for byte, as a clean build of the same input, and writes
//! only a small part of it.

mod common;

use std::path::Path;

use common::{bin, tree, Project};
use proptest::prelude::*;

const TOPICS: &[&str] = &[
    "Harbours",
    "Elections",
    "Rail",
    "Farming",
    "Courts",
    "Energy",
    "Schools",
    "Weather",
];
const AUTHORS: &[&str] = &[
    "Ann Lee",
    "Tom Okafor",
    "Mia Sørensen",
    "Raj Patel",
    "Lena Vogel",
    "Sam Ortiz",
];
const PLACES: &[&str] = &["LONDON", "LAGOS", "OSLO", "LIMA", "PERTH", "DELHI"];

/// Story `i` of a generated archive, as a text seed and its sidecar.
fn story(i: usize) -> (String, String) {
    let headline = format!(
        "Council votes on plan number {i} for the {} district",
        PLACES[i % 6].to_lowercase()
    );
    let date = format!(
        "{} {}, {}",
        ["March", "June", "October"][i % 3],
        1 + i % 28,
        2019 + i % 5
    );
    let body = format!(
        "{} (Reuters) - Officials approved measure {i} on Tuesday after a long debate.\n\n\
         The vote followed weeks of hearings, said a spokesperson for the council.\n\n\
         Opponents said they would appeal the decision in the coming months.\n",
        PLACES[i % 6]
    );
    let seed = format!("{headline}\n\nBy {}\n\n{date}\n\n{body}", AUTHORS[i % 6]);
    let topics = format!(
        "topics = [\"{}\", \"{}\"]\n",
        TOPICS[i % 8],
        TOPICS[(i / 8) % 8]
    );
    (seed, topics)
}

fn seed_path(i: usize) -> String {
    format!("seeds/{:02}/{i:05}.txt", i / 500)
}

fn write_archive(project: &Project, n: usize) {
    for i in 0..n {
        let (seed, topics) = story(i);
        let path = seed_path(i);
        project.write(&path, seed);
        project.write(&path.replace(".txt", ".toml"), topics);
    }
    project.write(
        "site.toml",
        "title = \"The Generated Gazette\"\nbase_url = \"https://example.org/news/\"\n",
    );
}

/// Builds incrementally (the build must say so), then builds the same input clean into another
/// folder, and asserts the two outputs are the same. Returns the incremental build's summary.
fn assert_same_as_clean(project: &Project, what: &str) -> String {
    let out = project.build(&[]);
    let summary = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        summary.contains("incremental:"),
        "{what}: not incremental: {summary}"
    );
    let clean = tempfile::tempdir().unwrap();
    let clean_out = clean.path().join("public");
    let status = std::process::Command::new(bin())
        .args(["build", "--quiet", "--clean", "--output"])
        .arg(&clean_out)
        .current_dir(project.path())
        .status()
        .unwrap();
    assert!(status.success(), "{what}: clean build failed");
    let (incremental, clean) = (tree(&project.public()), tree(&clean_out));
    let differing: Vec<&String> = incremental
        .keys()
        .chain(clean.keys())
        .filter(|k| incremental.get(*k) != clean.get(*k))
        .collect();
    assert!(
        differing.is_empty(),
        "{what}: {} files differ from a clean build, e.g. {:?}",
        differing.len(),
        &differing[..differing.len().min(8)]
    );
    summary
}

/// Each file of an output with its inode and modification time: what tells a file left
/// untouched from one written again.
fn stamps(root: &Path) -> std::collections::BTreeMap<String, (u64, std::time::SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(root)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let m = e.metadata().unwrap();
            (
                e.path().strip_prefix(root).unwrap().display().to_string(),
                (m.ino(), m.modified().unwrap()),
            )
        })
        .collect()
}

/// The pages, feeds and sitemaps (all but the search index) that differ between two stamps.
fn touched_pages(
    before: &std::collections::BTreeMap<String, (u64, std::time::SystemTime)>,
    after: &std::collections::BTreeMap<String, (u64, std::time::SystemTime)>,
) -> Vec<String> {
    after
        .iter()
        .filter(|(path, stamp)| {
            !path.starts_with("search/data/") && before.get(*path) != Some(stamp)
        })
        .map(|(path, _)| path.clone())
        .collect()
}

/// `N files written` from a summary.
fn written(summary: &str) -> usize {
    let at = summary.find(" written").expect("written count");
    let before = &summary[..at];
    let start = before.rfind(", ").map_or(0, |i| i + 2);
    before[start..]
        .trim_end_matches(" files")
        .trim_end_matches(" file")
        .parse()
        .unwrap_or_else(|_| panic!("no count in {summary}"))
}

fn file_count(root: &Path) -> usize {
    walkdir::WalkDir::new(root)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .count()
}

#[test]
fn every_kind_of_change_on_a_large_archive_gives_a_clean_builds_output() {
    let n = 5_000;
    let project = Project::new();
    write_archive(&project, n);
    project.build(&["--quiet"]);
    let files = file_count(&project.public());
    let edit = |i: usize, from: &str, to: &str| {
        let path = project.path().join(seed_path(i));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from:?} not in seed {i}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };

    // A one-story change touches its page, its neighbours', its listings and feeds: a few
    // dozen files of thousands, and the search index the chunks of the words it changed.
    let few = |what: &str, before, summary: &str| {
        let touched = touched_pages(&before, &stamps(&project.public()));
        assert!(
            !touched.is_empty() && touched.len() * 20 < files,
            "{what}: {} of {files} pages written again: {:?}; {summary}",
            touched.len(),
            &touched[..touched.len().min(10)]
        );
    };
    let before = stamps(&project.public());
    edit(
        17,
        "after a long debate",
        "after a short debate and a recount",
    );
    let summary = assert_same_as_clean(&project, "body");
    few("body", before, &summary);
    assert!(
        summary.contains("search index patched for 1 story"),
        "{summary}"
    );

    let before = stamps(&project.public());
    edit(42, "Council votes on plan", "Mayor vetoes plan");
    let summary = assert_same_as_clean(&project, "headline");
    few("headline", before, &summary);
    assert!(
        summary.contains("search index patched for 1 story"),
        "{summary}"
    );

    let before = stamps(&project.public());
    let sidecar = project.path().join(seed_path(99).replace(".txt", ".toml"));
    std::fs::write(&sidecar, "topics = [\"Volcanoes\", \"Harbours\"]\n").unwrap();
    let summary = assert_same_as_clean(&project, "topics");
    few("topics", before, &summary);

    let (seed, topics) = story(n + 1);
    project.write(
        "seeds/new/added.txt",
        seed.replace("Council votes", "Added story votes"),
    );
    project.write("seeds/new/added.toml", topics);
    assert_same_as_clean(&project, "added seed");

    std::fs::remove_file(project.path().join(seed_path(1234))).unwrap();
    std::fs::remove_file(
        project
            .path()
            .join(seed_path(1234).replace(".txt", ".toml")),
    )
    .unwrap();
    let summary = assert_same_as_clean(&project, "deleted seed");
    assert!(summary.contains("removed"), "{summary}");

    project.write(
        "templates/article.html",
        "{% extends \"default/article.html\" %}{% block title %}Changed — {{ article.headline }}{% endblock title %}",
    );
    assert_same_as_clean(&project, "template");

    project.write(
        "site.toml",
        "title = \"The Regenerated Gazette\"\nbase_url = \"https://example.org/news/\"\n",
    );
    let out = project.build(&[]);
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        !summary.contains("incremental:"),
        "a changed site.toml must build in full: {summary}"
    );
    assert_same_as_clean(&project, "after site.toml");
}

#[test]
fn a_damaged_or_foreign_cache_is_ignored_with_a_note() {
    let project = Project::new();
    write_archive(&project, 12);
    project.build(&["--quiet"]);
    let manifest = project.path().join(".broadsheet-cache/public/manifest");
    assert!(
        manifest.is_file(),
        "the build keeps a cache beside its output"
    );
    let mut bytes = std::fs::read(&manifest).unwrap();
    let middle = bytes.len() / 2;
    bytes.truncate(middle);
    std::fs::write(&manifest, bytes).unwrap();
    let out = project.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("note:") && stderr.contains("a full build"),
        "{stderr}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("incremental:"));
    std::fs::write(&manifest, "not a cache at all").unwrap();
    let out = project.build(&[]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a broadsheet build cache"));
    // A folder put in the output's place is not the one the cache describes.
    std::fs::remove_dir_all(project.public()).unwrap();
    std::fs::create_dir(project.public()).unwrap();
    let out = project.build(&[]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("incremental:"));
    assert_same_as_clean(&project, "after a damaged cache");
}

#[test]
fn a_search_index_changed_in_the_output_or_the_cache_is_built_anew() {
    let project = Project::new();
    write_archive(&project, 40);
    project.build(&["--quiet"]);
    let edit = |i: usize, run: usize| {
        let path = project.path().join(seed_path(i));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}\nA line added in run {run}.\n")).unwrap();
    };
    edit(5, 0);
    let summary = assert_same_as_clean(&project, "one story");
    assert!(
        summary.contains("search index patched for 1 story"),
        "{summary}"
    );
    // A chunk of the index changed in the output is not patched.
    let chunk = std::fs::read_dir(project.public().join("search/data/w"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut bytes = std::fs::read(&chunk).unwrap();
    bytes.push(0);
    std::fs::write(&chunk, bytes).unwrap();
    edit(6, 1);
    let summary = assert_same_as_clean(&project, "a changed chunk");
    assert!(summary.contains("search index built"), "{summary}");
    // Nor is an index whose stories the cache lists otherwise.
    let docs = project.path().join(".broadsheet-cache/public/search-docs");
    let mut bytes = std::fs::read(&docs).unwrap();
    bytes[0] ^= 1;
    std::fs::write(&docs, bytes).unwrap();
    edit(7, 2);
    let summary = assert_same_as_clean(&project, "a changed list of stories");
    assert!(summary.contains("search index built"), "{summary}");
    edit(8, 3);
    let summary = assert_same_as_clean(&project, "after the index was built");
    assert!(
        summary.contains("search index patched for 1 story"),
        "{summary}"
    );
}

#[test]
fn an_unchanged_site_writes_nothing_and_clean_ignores_the_cache() {
    let project = Project::new();
    write_archive(&project, 20);
    project.build(&["--quiet"]);
    let before = std::fs::metadata(project.public().join("index.html"))
        .unwrap()
        .modified()
        .unwrap();
    let summary = assert_same_as_clean(&project, "nothing changed");
    assert_eq!(written(&summary), 0, "{summary}");
    let after = std::fs::metadata(project.public().join("index.html"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after, "an unchanged page is left untouched");
    let out = project.build(&["--clean"]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("incremental:"));
}

/// A story's lead image that cannot be used is a warning in every build, once: a seed taken from
/// the cache brings its own warnings, and its image's are those of the build that prepares it.
#[test]
fn a_reused_seed_warns_about_its_lead_image_once_per_build() {
    let project = Project::new();
    project
        .write("site.toml", "title = \"T\"\nbase_url = \"https://example.org/\"\n")
        .write(
            "seeds/deal.md",
            "+++\ntitle = \"Harbour deal\"\ndate = 2023-06-16\nimage = \"gone.jpg\"\n\
             image_alt = \"The quay\"\n+++\n\nBy Ann Lee\n\nROTTERDAM (Reuters) - The port signed.\n",
        );
    let warnings = |out: std::process::Output| {
        let text = String::from_utf8_lossy(&out.stderr).to_string();
        text.matches("gone.jpg: cannot read").count()
    };
    assert_eq!(warnings(project.build(&[])), 1);
    for _ in 0..2 {
        let out = project.build(&[]);
        assert!(String::from_utf8_lossy(&out.stdout).contains("incremental:"));
        assert_eq!(warnings(out), 1);
    }
}

/// The files of an output's search index.
fn search_bundle(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    tree(root)
        .into_iter()
        .filter(|(path, _)| path.starts_with("search/data/"))
        .collect()
}

/// Builds `project` into its `public/` in this process (the cache is this program's own), with
/// or without deferring the search index.
fn build_here(project: &Project, defer_search: bool) -> broadsheet::pipeline::BuildSummary {
    use broadsheet::config::{Overrides, Plan, Purpose};
    let overrides = Overrides {
        base_url: None,
        output: Some(project.public()),
    };
    let plan = Plan::load(
        &project.path().join("site.toml"),
        true,
        Purpose::Build,
        &overrides,
    )
    .unwrap();
    let options = broadsheet::pipeline::BuildOptions {
        defer_search,
        ..Default::default()
    };
    broadsheet::pipeline::build(plan, &options).unwrap()
}

#[test]
fn a_deferred_search_index_is_kept_until_the_next_build_indexes_it() {
    let project = Project::new();
    write_archive(&project, 30);
    build_here(&project, false);
    let index_before = search_bundle(&project.public());
    let (seed, _) = story(7);
    project.write(
        &seed_path(7),
        seed.replace("long debate", "long debate about the zanzibarite quarry"),
    );
    let summary = build_here(&project, true);
    assert!(summary.incremental.is_some(), "{summary}");
    assert!(summary.search_deferred(), "{summary}");
    assert_eq!(
        search_bundle(&project.public()),
        index_before,
        "a deferred index is left as it was"
    );
    assert!(
        tree(&project.public())
            .values()
            .any(|page| String::from_utf8_lossy(page).contains("zanzibarite")),
        "the change is in the pages"
    );
    // The next build finds the kept index out of date and indexes again: its output is a clean
    // build's.
    let summary = build_here(&project, false);
    assert!(!summary.search_deferred(), "{summary}");
    let clean = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(bin())
        .args(["build", "--quiet", "--output"])
        .arg(clean.path().join("public"))
        .current_dir(project.path())
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        tree(&project.public()) == tree(&clean.path().join("public")),
        "the caught-up output is a clean build's"
    );
    assert!(
        common::search_words(&project.public()).contains_key("zanzibarite"),
        "the index holds the change"
    );
}

/// One edit of a small site.
#[derive(Debug, Clone)]
enum Edit {
    Body(usize),
    Headline(usize),
    Topics(usize, usize),
    Add(usize),
    Delete(usize),
    Draft(usize),
    Lead(usize),
    /// Held back until a moment long after the test.
    Embargo(usize),
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..10usize).prop_map(Edit::Body),
        (0..10usize).prop_map(Edit::Headline),
        (0..10usize, 0..8usize).prop_map(|(i, t)| Edit::Topics(i, t)),
        (10..14usize).prop_map(Edit::Add),
        (0..10usize).prop_map(Edit::Delete),
        (0..10usize).prop_map(Edit::Draft),
        (0..10usize).prop_map(Edit::Lead),
        (0..10usize).prop_map(Edit::Embargo),
    ]
}

fn apply(project: &Project, edit: &Edit, step: usize) {
    let seed = |i: usize| project.path().join(seed_path(i));
    let sidecar = |i: usize| project.path().join(seed_path(i).replace(".txt", ".toml"));
    let rewrite = |i: usize, change: &dyn Fn(String) -> String| {
        if let Ok(text) = std::fs::read_to_string(seed(i)) {
            std::fs::write(seed(i), change(text)).unwrap();
        }
    };
    match *edit {
        Edit::Body(i) => rewrite(i, &|t| format!("{t}\nA new paragraph, edit {step}.\n")),
        Edit::Headline(i) => rewrite(i, &|t| t.replacen("Council", &format!("Board {step}"), 1)),
        Edit::Topics(i, t) => {
            if seed(i).exists() {
                std::fs::write(sidecar(i), format!("topics = [\"{}\"]\n", TOPICS[t])).unwrap();
            }
        }
        Edit::Add(i) => {
            let (text, topics) = story(i);
            project.write(&seed_path(i), text);
            project.write(&seed_path(i).replace(".txt", ".toml"), topics);
        }
        Edit::Delete(i) => {
            let _ = std::fs::remove_file(seed(i));
            let _ = std::fs::remove_file(sidecar(i));
        }
        Edit::Draft(i) | Edit::Lead(i) | Edit::Embargo(i) => {
            if seed(i).exists() {
                let line = match edit {
                    Edit::Draft(_) => "draft = true",
                    Edit::Lead(_) => "lead = true",
                    _ => "embargo = 2199-01-01T00:00:00Z",
                };
                let old = std::fs::read_to_string(sidecar(i)).unwrap_or_default();
                std::fs::write(sidecar(i), format!("{old}{line}\n")).unwrap();
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn random_edit_sequences_keep_the_output_equal_to_a_clean_build(
        edits in proptest::collection::vec(edit_strategy(), 1..5)
    ) {
        let project = Project::new();
        write_archive(&project, 10);
        project.build(&["--quiet"]);
        for (step, edit) in edits.iter().enumerate() {
            apply(&project, edit, step);
            assert_same_as_clean(&project, &format!("step {step}: {edit:?}"));
        }
    }
}
