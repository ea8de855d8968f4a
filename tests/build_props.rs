//! Property test over the whole build of a one-seed site: whatever the seed holds, the build
//! succeeds or fails with a message, never panics, writes only inside its output folder, and no
//! script from the seed reaches a page.

mod common;

use broadsheet::config::{Overrides, Plan, Purpose};
use broadsheet::pipeline::{build, BuildOptions};
use common::copy_like;
use proptest::prelude::*;

fn build_one(seed: &[u8], name: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
    std::fs::write(dir.path().join("seeds").join(name), seed).unwrap();
    let plan = Plan::parse(
        "search = false\n",
        "site.toml",
        dir.path().to_path_buf(),
        Purpose::Build,
        &Overrides::default(),
    )
    .unwrap();
    let _ = build(plan, &BuildOptions::default());
    for entry in walkdir::WalkDir::new(dir.path()).min_depth(1).max_depth(1) {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        assert!(
            name == "seeds" || name == "public" || name == ".broadsheet-cache",
            "{name} written outside the output and its build cache"
        );
    }
    let public = dir.path().join("public");
    if !public.exists() {
        return;
    }
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(entry.path())
                .unwrap()
                .to_lowercase();
            let ours = html
                .matches("<script type=\"application/ld+json\">")
                .count()
                + html.matches("<script src=").count();
            assert_eq!(
                html.matches("<script").count(),
                ours,
                "{}",
                entry.path().display()
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn any_text_seed_builds_safely(text in copy_like()) {
        build_one(text.as_bytes(), "seed.txt");
        build_one(text.as_bytes(), "seed.md");
    }

    #[test]
    fn any_bytes_build_safely(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        build_one(&bytes, "seed.txt");
    }
}
