//! Every output knows which stories it reads: that is what lets a change to one story be mapped
//! to exactly the pages, feeds, sitemap entries and search record it touches. Checked here on the
//! sample site against the built output itself: the outputs said to read a story are exactly
//! the files that show it (link to it), plus its search record.

use std::collections::BTreeSet;
use std::path::Path;

use broadsheet::config::{Overrides, Plan, Purpose};
use broadsheet::pipeline::{build, gather, BuildOptions};
use broadsheet::publish::{Output, Publisher};

fn sample_plan(output: &Path) -> Plan {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let overrides = Overrides {
        base_url: None,
        output: Some(output.to_path_buf()),
    };
    Plan::load(&root.join("site.toml"), true, Purpose::Build, &overrides).expect("the sample plan")
}

#[test]
fn the_outputs_that_read_a_story_are_the_ones_that_show_it() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    build(sample_plan(&public), &BuildOptions::default()).expect("the sample site builds");

    let plan = sample_plan(&public);
    let gathered = gather(&plan, tmp.path(), false, chrono::Utc::now().fixed_offset())
        .expect("the sample seeds read");
    let assets = std::collections::BTreeMap::new();
    let publisher = Publisher::new(&plan, &gathered.site, &gathered.bodies, &assets, None);
    let stories = &gathered.site.stories;
    let i = stories
        .iter()
        .position(|s| s.article.source.ends_with("000_33ded8e119d33a78.txt"))
        .expect("the reference seed is on the site");
    let dir = &stories[i].dir;

    let reading = publisher.outputs_reading(i);
    assert!(reading.contains(&Output::SearchDoc(i)));
    assert!(reading.contains(&Output::Article(i)));
    let said: BTreeSet<String> = reading
        .iter()
        .filter(|o| !matches!(o, Output::SearchDoc(_)))
        .map(|&o| publisher.path(o))
        .collect();

    let mut shown = BTreeSet::new();
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(&public)
            .unwrap()
            .to_string_lossy()
            .to_string();
        if !entry.file_type().is_file()
            || rel.starts_with("search/data/")
            || rel.starts_with("static/")
        {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).to_string();
        if text.contains(dir.as_str()) {
            shown.insert(rel);
        }
    }
    assert!(shown.len() > 5, "the story is shown on {shown:?}");
    assert_eq!(said, shown);
}

#[test]
fn every_page_is_written_where_its_output_says() {
    let tmp = tempfile::tempdir().unwrap();
    let plan = sample_plan(&tmp.path().join("public"));
    let gathered = gather(&plan, tmp.path(), false, chrono::Utc::now().fixed_offset())
        .expect("the sample seeds read");
    let assets = std::collections::BTreeMap::new();
    let publisher = Publisher::new(&plan, &gathered.site, &gathered.bodies, &assets, None);
    for output in publisher.pages() {
        let page = publisher.page(output).expect("the page is made");
        assert_eq!(page.path, publisher.path(output), "{output:?}");
    }
}
