//! Runs the extractor over the fixture suites and compares every field with the expected JSON a
//! human editor wrote. Prints per-field accuracy for each suite and layout class (the README
//! quotes it) and fails when a field falls below the floor recorded in
//! `tests/fixtures/floors.toml`, so a change that makes extraction worse cannot land unnoticed.
//!
//! `tests/fixtures/extract/` is the tuning suite; `tests/fixtures/heldout/` is written without
//! looking at the extractor and kept out of tuning, so its figures are the honest estimate for
//! copy nobody has seen.
//!
//! `cargo test --test extract_fixtures -- --nocapture` shows the tables; `FIXTURE_DIFF=1` adds
//! every mismatch of the tuning suite (never of the held-out one, whose misses stay unseen).

use std::collections::BTreeMap;
use std::path::Path;

use broadsheet::extract::{extract, ExtractOptions, Seed};
use broadsheet::model::{ExtractRecord, SeedFormat};
use serde_json::Value;

/// Every measure, in the order the tables print them. Each is compared for exact equality
/// where the expected JSON gives it; `dateline.*` compare parts of the dateline, `date (day)`
/// the date's day alone, `first_paragraph` and `last_paragraph` the body's first and last
/// paragraph strings, and the topics are scored for recall and precision.
const MEASURES: &[&str] = &[
    "headline",
    "dek",
    "summary",
    "bylines",
    "dateline",
    "dateline.place",
    "dateline.agency",
    "dateline.date",
    "date",
    "date (day)",
    "date_source",
    "updated",
    "sections",
    "first_paragraph",
    "last_paragraph",
    "credits",
    "copyright",
    "topics (recall)",
    "topics (precision)",
];

/// The layout class of a fixture, from its file name: the 1980s wire stories, copied web
/// pages, and the original suite of modern wire, web and Markdown layouts.
fn class_of(name: &str) -> &'static str {
    if name.starts_with("wire87-") {
        "wire87"
    } else if name.starts_with("web-") {
        "web"
    } else {
        "classic"
    }
}

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
        picture: None,
    };
    let extraction = extract(&seed, &ExtractOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", seed_path.display()));
    serde_json::to_value(ExtractRecord::from(&extraction)).expect("serializes")
}

/// The body's paragraphs in order, as the contract prints them.
fn paragraphs(record: &Value) -> Vec<Value> {
    record["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["paragraphs"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// What a measure compares, for one fixture: (wanted, got) pairs; none when the fixture does
/// not give the field.
fn compared(measure: &str, want: &Value, got: &Value) -> Vec<(Value, Value)> {
    let pair = |w: Option<&Value>, g: Value| w.map(|w| vec![(w.clone(), g)]).unwrap_or_default();
    match measure {
        "dateline.place" | "dateline.agency" | "dateline.date" => {
            let part = &measure["dateline.".len()..];
            let Some(w) = want.get("dateline") else {
                return Vec::new();
            };
            vec![(w[part].clone(), got["dateline"][part].clone())]
        }
        "date (day)" => {
            let day = |v: &Value| match v.as_str() {
                Some(s) => Value::String(s.chars().take(10).collect()),
                None => Value::Null,
            };
            pair(want.get("date").map(day).as_ref(), day(&got["date"]))
        }
        "first_paragraph" => pair(
            want.get("first_paragraph"),
            paragraphs(got).first().cloned().unwrap_or(Value::Null),
        ),
        "last_paragraph" => pair(
            want.get("last_paragraph"),
            paragraphs(got).last().cloned().unwrap_or(Value::Null),
        ),
        field => pair(
            want.get(field),
            got.get(field).cloned().unwrap_or(Value::Null),
        ),
    }
}

/// Right and total for each measure.
type Tally = BTreeMap<&'static str, (usize, usize)>;

fn tally(seed: &Path, want: &Value, got: &Value, into: &mut Tally, verbose: bool) {
    let name = seed.file_name().unwrap().to_string_lossy();
    for measure in MEASURES {
        if measure.starts_with("topics") {
            continue;
        }
        for (w, g) in compared(measure, want, got) {
            let entry = into.entry(measure).or_default();
            entry.1 += 1;
            if w == g {
                entry.0 += 1;
            } else if verbose {
                println!("{name} {measure}:\n  want {w}\n  got  {g}");
            }
        }
    }
    let got_topics: Vec<Value> = got["topics"].as_array().cloned().unwrap_or_default();
    // Recall: every topic the editor would tag is among those extracted.
    if let Some(Value::Array(wanted)) = want.get("topics") {
        let entry = into.entry("topics (recall)").or_default();
        for topic in wanted {
            entry.1 += 1;
            if got_topics.contains(topic) {
                entry.0 += 1;
            } else if verbose {
                println!("{name} topics: missing {topic} in {got_topics:?}");
            }
        }
    }
    // Precision: every topic extracted is one the editor would accept.
    if let Some(Value::Array(acceptable)) = want.get("topics_acceptable") {
        let entry = into.entry("topics (precision)").or_default();
        for topic in &got_topics {
            entry.1 += 1;
            if acceptable.contains(topic) {
                entry.0 += 1;
            } else if verbose {
                println!("{name} topics: {topic} is not a topic an editor would accept");
            }
        }
    }
}

fn percent((ok, total): (usize, usize)) -> f64 {
    if total == 0 {
        100.0
    } else {
        100.0 * ok as f64 / total as f64
    }
}

/// The floors of `tests/fixtures/floors.toml`: suite → class → measure → lowest percentage.
fn floors() -> BTreeMap<String, BTreeMap<String, BTreeMap<String, f64>>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/floors.toml");
    let text = std::fs::read_to_string(&path).expect("tests/fixtures/floors.toml");
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn check_suite(suite: &str, minimum: usize, show_misses: bool) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(suite);
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
        "{suite} needs at least {minimum} fixtures, found {}",
        seeds.len()
    );
    let verbose = show_misses && std::env::var_os("FIXTURE_DIFF").is_some();
    let mut by_class: BTreeMap<&str, (usize, Tally)> = BTreeMap::new();
    for seed in &seeds {
        let want: Value =
            serde_json::from_str(&std::fs::read_to_string(seed.with_extension("json")).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", seed.display()));
        let got = extract_fixture(seed);
        let class = class_of(&seed.file_name().unwrap().to_string_lossy());
        let (count, into) = by_class.entry(class).or_default();
        *count += 1;
        tally(seed, &want, &got, into, verbose);
    }
    let mut all = Tally::new();
    for (_, tally) in by_class.values() {
        for (measure, (ok, total)) in tally {
            let entry = all.entry(measure).or_default();
            entry.0 += ok;
            entry.1 += total;
        }
    }

    let classes: Vec<&str> = by_class.keys().copied().collect();
    println!(
        "\nextraction accuracy over {} fixtures in tests/fixtures/{suite}",
        seeds.len()
    );
    print!("{:<20} {:>14}", "measure", "all");
    for class in &classes {
        print!(" {:>18}", format!("{class} ({})", by_class[class].0));
    }
    println!();
    for measure in MEASURES {
        let Some(total) = all.get(measure).copied() else {
            continue;
        };
        print!(
            "{measure:<20} {:>14}",
            format!("{}/{} {:.1}%", total.0, total.1, percent(total))
        );
        for class in &classes {
            let cell = by_class[class]
                .1
                .get(measure)
                .map(|&t| format!("{}/{} {:.1}%", t.0, t.1, percent(t)))
                .unwrap_or_default();
            print!(" {cell:>18}");
        }
        println!();
    }

    let floors = floors();
    let mut failures = Vec::new();
    for (class, measures) in floors.get(suite).into_iter().flatten() {
        let tally = if class == "all" {
            &all
        } else {
            match by_class.get(class.as_str()) {
                Some((_, t)) => t,
                None => {
                    failures.push(format!("{suite}: no fixtures of class {class}"));
                    continue;
                }
            }
        };
        for (measure, floor) in measures {
            let pct = percent(tally.get(measure.as_str()).copied().unwrap_or_default());
            if pct + 1e-9 < *floor {
                failures.push(format!(
                    "{suite} {class} {measure}: {pct:.1}% is below its floor of {floor}%"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fixture_suite_accuracy() {
    check_suite("extract", 160, true);
}

#[test]
fn held_out_suite_accuracy() {
    check_suite("heldout", 80, false);
}
