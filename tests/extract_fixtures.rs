//! Runs the extractor over the fixture suite in `tests/fixtures/extract/` and compares every
//! field with the expected JSON a human editor wrote. Prints per-field accuracy (the README
//! quotes it) and fails when a field falls below the floor recorded here, so a change that makes
//! extraction worse on real layouts cannot land unnoticed.
//!
//! `cargo test --test extract_fixtures -- --nocapture` shows the table and every mismatch.

use std::collections::BTreeMap;
use std::path::Path;

use broadsheet::extract::{extract, ExtractOptions, Seed};
use broadsheet::model::{ExtractRecord, SeedFormat};
use serde_json::Value;

/// Fields compared for exact equality.
const EXACT_FIELDS: &[&str] = &[
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
];

/// The lowest accuracy (in percent) each field may fall to. Raise these as extraction improves.
const FLOORS: &[(&str, f64)] = &[
    ("headline", 98.0),
    ("dek", 98.0),
    ("summary", 98.0),
    ("bylines", 98.0),
    ("dateline", 98.0),
    ("date", 95.0),
    ("date_source", 98.0),
    ("updated", 98.0),
    ("sections", 98.0),
    ("credits", 95.0),
    ("copyright", 98.0),
    ("topics", 78.0),
];

fn extract_fixture(seed_path: &Path) -> Value {
    let raw = std::fs::read_to_string(seed_path).expect("fixture is UTF-8");
    let name = seed_path.file_name().unwrap().to_string_lossy().to_string();
    let format = if name.ends_with(".md") {
        SeedFormat::Markdown
    } else {
        SeedFormat::Text
    };
    let sidecar_path = seed_path.with_extension("toml");
    let sidecar_text = std::fs::read_to_string(&sidecar_path).ok();
    let sidecar_name = sidecar_path.to_string_lossy().to_string();
    let seed = Seed {
        source: &name,
        file_name: &name,
        text: &raw,
        format,
        sidecar: sidecar_text.as_deref().map(|t| (sidecar_name.as_str(), t)),
    };
    let article = extract(&seed, &ExtractOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", seed_path.display()));
    serde_json::to_value(ExtractRecord::from(&article)).expect("serializes")
}

#[test]
fn fixture_suite_accuracy() {
    check_suite("tests/fixtures/extract", 60, FLOORS);
}

/// The held-out suite: written without looking at the extractor and not used to tune it, so
/// its figures are the honest estimate for copy broadsheet has never seen.
const HELD_OUT_FLOORS: &[(&str, f64)] = &[
    ("headline", 95.0),
    ("dek", 91.0),
    ("summary", 75.0),
    ("bylines", 87.0),
    ("dateline", 66.0),
    ("date", 66.0),
    ("date_source", 70.0),
    ("updated", 79.0),
    ("sections", 41.0),
    ("credits", 87.0),
    ("copyright", 100.0),
    ("topics", 79.0),
];

#[test]
fn held_out_suite_accuracy() {
    check_suite("tests/fixtures/heldout", 20, HELD_OUT_FLOORS);
}

fn check_suite(folder: &str, minimum: usize, floors: &[(&str, f64)]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut seeds: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md"))
                && p.with_extension("json").exists()
        })
        .collect();
    seeds.sort();
    assert!(
        seeds.len() >= minimum,
        "{folder} needs at least {minimum} fixtures, found {}",
        seeds.len()
    );

    let mut right: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let verbose = std::env::var_os("FIXTURE_DIFF").is_some();
    for seed in &seeds {
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(seed.with_extension("json")).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", seed.display()));
        let got = extract_fixture(seed);
        for field in EXACT_FIELDS {
            let Some(want) = expected.get(*field) else {
                continue;
            };
            let entry = right.entry(field).or_default();
            entry.1 += 1;
            if got.get(*field) == Some(want) {
                entry.0 += 1;
            } else if verbose {
                println!(
                    "{} {field}:\n  want {}\n  got  {}",
                    seed.file_name().unwrap().to_string_lossy(),
                    want,
                    got.get(*field).unwrap_or(&Value::Null)
                );
            }
        }
        // Topics: every expected topic must be among those extracted (recall).
        if let Some(Value::Array(want)) = expected.get("topics") {
            let got_topics = got
                .get("topics")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let entry = right.entry("topics").or_default();
            for topic in want {
                entry.1 += 1;
                if got_topics.contains(topic) {
                    entry.0 += 1;
                } else if verbose {
                    println!(
                        "{} topics: missing {topic} in {got_topics:?}",
                        seed.file_name().unwrap().to_string_lossy()
                    );
                }
            }
        }
    }

    println!(
        "\nextraction accuracy over {} fixtures in {folder}",
        seeds.len()
    );
    let mut failures = Vec::new();
    for (field, floor) in floors {
        let (ok, total) = right.get(field).copied().unwrap_or_default();
        let pct = if total == 0 {
            100.0
        } else {
            100.0 * ok as f64 / total as f64
        };
        println!("{field:<12} {ok:>4}/{total:<4} {pct:5.1}%");
        if pct + 1e-9 < *floor {
            failures.push(format!("{field}: {pct:.1}% is below its floor of {floor}%"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
