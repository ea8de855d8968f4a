//! Runs the saved-page fixtures through the code `broadsheet extract --json` runs (the page's
//! bytes decoded as ingest decodes them, then extraction and the JSON contract) and compares
//! each field with the extraction an editor made (`tests/fixtures/html/README.md`). Prints
//! per-field accuracy and fails below the floors in `tests/fixtures/floors.toml`.
//!
//! `tests/fixtures/html/` is the tuning suite; `tests/fixtures/html-heldout/` is kept out of
//! tuning: its misses are never printed.
//!
//! `cargo test --test html_fixtures -- --nocapture` shows the tables; `FIXTURE_DIFF=1` adds the
//! tuning suite's misses.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use broadsheet::extract::{extract, ExtractOptions, Seed};
use broadsheet::ingest::{decode_html, Decoded};
use broadsheet::model::{ExtractRecord, SeedFormat};
use serde_json::Value;

/// The measures compared exactly, in table order; `body F1` is the mean bag-of-words F1 of the
/// story's heads and paragraphs, `body shingle F1` the Article Extraction Benchmark's metric
/// over them (four-token shingles), and `all fields` every exact measure together.
const EXACT: &[&str] = &[
    "headline",
    "dek",
    "bylines",
    "date",
    "updated",
    "first_paragraph",
    "image",
];

fn record(path: &Path) -> Value {
    let bytes = std::fs::read(path).expect("fixture");
    let text = match decode_html(bytes) {
        Decoded::Text(text, _) => text,
        Decoded::Binary(what) => panic!("{}: {what}", path.display()),
    };
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let seed = Seed {
        source: &name,
        file_name: &name,
        text: &text,
        format: SeedFormat::Html,
        sidecar: None,
        picture: None,
    };
    let extraction = extract(&seed, &ExtractOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::to_value(ExtractRecord::from(&extraction)).expect("serializes")
}

/// The story's heads and paragraphs in order, one string each.
fn body(record: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for section in record["sections"].as_array().into_iter().flatten() {
        if let Some(h) = section["heading"].as_str() {
            out.push(h.to_string());
        }
        for p in section["paragraphs"].as_array().into_iter().flatten() {
            out.push(p.as_str().unwrap_or_default().to_string());
        }
    }
    out
}

fn words(lines: &[String]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for line in lines {
        for w in line
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            *counts.entry(w.to_lowercase()).or_insert(0) += 1;
        }
    }
    counts
}

/// Bag-of-words F1 of `got` against `want`.
fn f1(want: &[String], got: &[String]) -> f64 {
    let (w, g) = (words(want), words(got));
    let common: usize = w
        .iter()
        .map(|(word, n)| (*n).min(g.get(word).copied().unwrap_or(0)))
        .sum();
    let (nw, ng): (usize, usize) = (w.values().sum(), g.values().sum());
    if common == 0 {
        return if nw == 0 && ng == 0 { 1.0 } else { 0.0 };
    }
    let precision = common as f64 / ng as f64;
    let recall = common as f64 / nw as f64;
    2.0 * precision * recall / (precision + recall)
}

/// The tokens of the Article Extraction Benchmark's metric: runs of letters, digits and `_`,
/// in their own case.
fn tokens(lines: &[String]) -> Vec<&str> {
    lines
        .iter()
        .flat_map(|line| line.split(|c: char| !(c.is_alphanumeric() || c == '_')))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Each run of four tokens (the whole text when it is shorter), with its count.
fn shingles<'t>(tokens: &[&'t str]) -> HashMap<Vec<&'t str>, usize> {
    const N: usize = 4;
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    for window in tokens.windows(N.min(tokens.len())) {
        *counts.entry(window.to_vec()).or_insert(0) += 1;
    }
    counts
}

/// The benchmark's shingle matching of one page: true positives, false positives and false
/// negatives over four-token shingles, scaled to sum to one so that every page weighs alike.
fn shingle_match(want: &[String], got: &[String]) -> (f64, f64, f64) {
    let (w_tokens, g_tokens) = (tokens(want), tokens(got));
    let (w, g) = (shingles(&w_tokens), shingles(&g_tokens));
    let mut tp = 0usize;
    for (shingle, n) in &w {
        tp += (*n).min(g.get(shingle).copied().unwrap_or(0));
    }
    let fp = g.values().sum::<usize>() - tp;
    let fn_ = w.values().sum::<usize>() - tp;
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return (0.0, 0.0, 0.0);
    }
    (tp as f64 / sum, fp as f64 / sum, fn_ as f64 / sum)
}

/// The benchmark's F1: the mean precision over pages that extracted something and the mean
/// recall over pages that have a story, combined.
fn shingle_f1(matches: &[(f64, f64, f64)]) -> f64 {
    fn mean(values: Vec<f64>) -> f64 {
        values.iter().sum::<f64>() / values.len().max(1) as f64
    }
    // A page with no misses of either kind scores one, as in the benchmark.
    let ratio = |tp: f64, miss: f64, other: f64| {
        if miss == 0.0 && other == 0.0 {
            1.0
        } else {
            tp / (tp + miss)
        }
    };
    let precision = mean(
        matches
            .iter()
            .filter(|(tp, fp, _)| tp + fp > 0.0)
            .map(|&(tp, fp, fn_)| ratio(tp, fp, fn_))
            .collect(),
    );
    let recall = mean(
        matches
            .iter()
            .filter(|(tp, _, fn_)| tp + fn_ > 0.0)
            .map(|&(tp, fp, fn_)| ratio(tp, fn_, fp))
            .collect(),
    );
    if precision + recall == 0.0 {
        return 0.0;
    }
    2.0 * precision * recall / (precision + recall)
}

/// Whether the extraction agrees with the editor's: equal values, or for a date with a time
/// the same moment, whatever offset either writes it in (`2024-02-14T03:20:00+00:00` is
/// `2024-02-14T16:20:00+13:00`): the site shows every date in its own time zone.
fn agrees(measure: &str, want: &Value, got: &Value) -> bool {
    let moment = |v: &Value| {
        v.as_str()
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
    };
    want == got
        || (matches!(measure, "date" | "updated")
            && moment(want).is_some_and(|w| moment(got) == Some(w)))
}

fn got_field(measure: &str, got: &Value) -> Value {
    match measure {
        "first_paragraph" => got["sections"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|s| s["paragraphs"].as_array().cloned().unwrap_or_default())
            .next()
            .unwrap_or(Value::Null),
        "image" => got["image"]["src"].clone(),
        field => got.get(field).cloned().unwrap_or(Value::Null),
    }
}

fn floors() -> BTreeMap<String, BTreeMap<String, BTreeMap<String, f64>>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/floors.toml");
    let text = std::fs::read_to_string(&path).expect("tests/fixtures/floors.toml");
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn check_suite(suite: &str, minimum: usize, show_misses: bool) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(suite);
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(p.extension().and_then(|e| e.to_str()), Some("html" | "htm"))
                && p.with_extension("json").exists()
        })
        .collect();
    pages.sort();
    assert!(
        pages.len() >= minimum,
        "{suite} needs at least {minimum} fixtures, found {}",
        pages.len()
    );
    let verbose = show_misses && std::env::var_os("FIXTURE_DIFF").is_some();
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut body_f1 = 0.0;
    let mut shingle_matches = Vec::with_capacity(pages.len());
    for page in &pages {
        let name = page.file_name().unwrap().to_string_lossy().to_string();
        let want: Value =
            serde_json::from_str(&std::fs::read_to_string(page.with_extension("json")).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", page.display()));
        let got = record(page);
        assert_eq!(got["format"], "html", "{name}");
        for measure in EXACT {
            let Some(w) = want.get(*measure) else {
                continue;
            };
            let g = got_field(measure, &got);
            let right = agrees(measure, w, &g);
            for key in [*measure, "all fields"] {
                let entry = tally.entry(key).or_default();
                entry.1 += 1;
                entry.0 += usize::from(right);
            }
            if !right && verbose {
                println!("{name} {measure}:\n  want {w}\n  got  {g}");
            }
        }
        let wanted: Vec<String> = want["body"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        let got_body = body(&got);
        let shingles = shingle_match(&wanted, &got_body);
        shingle_matches.push(shingles);
        let score = f1(&wanted, &got_body);
        if verbose && score < 0.99 {
            println!("{name} body F1 {score:.3}");
        }
        let page_shingle_f1 = shingle_f1(&[shingles]);
        if verbose && page_shingle_f1 < 0.97 {
            println!("{name} body shingle F1 {page_shingle_f1:.3}");
        }
        body_f1 += score;
    }
    let body_pct = 100.0 * body_f1 / pages.len() as f64;
    let percent = |(ok, total): (usize, usize)| {
        if total == 0 {
            100.0
        } else {
            100.0 * ok as f64 / total as f64
        }
    };
    println!(
        "\nsaved-page extraction over {} pages in tests/fixtures/{suite}",
        pages.len()
    );
    let mut scores: BTreeMap<String, f64> = BTreeMap::new();
    for measure in EXACT.iter().chain(&["all fields"]) {
        let Some(&t) = tally.get(measure) else {
            continue;
        };
        println!(
            "{measure:<16} {:>14}",
            format!("{}/{} {:.1}%", t.0, t.1, percent(t))
        );
        scores.insert(measure.to_string(), percent(t));
    }
    println!("{:<16} {:>14}", "body F1", format!("{body_pct:.1}%"));
    scores.insert("body F1".to_string(), body_pct);
    let shingle_pct = 100.0 * shingle_f1(&shingle_matches);
    println!(
        "{:<16} {:>14}",
        "body shingle F1",
        format!("{shingle_pct:.1}%")
    );
    scores.insert("body shingle F1".to_string(), shingle_pct);

    let mut failures = Vec::new();
    for (measure, floor) in floors()
        .get(suite)
        .and_then(|classes| classes.get("all"))
        .into_iter()
        .flatten()
    {
        let pct = scores.get(measure).copied().unwrap_or(0.0);
        if pct + 1e-9 < *floor {
            failures.push(format!(
                "{suite} {measure}: {pct:.1}% is below its floor of {floor}%"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn saved_page_suite_accuracy() {
    check_suite("html", 40, true);
}

#[test]
fn held_out_saved_page_suite_accuracy() {
    check_suite("html-heldout", 20, false);
}

#[test]
fn shingle_f1_is_the_benchmarks_metric() {
    let text = |s: &str| vec![s.to_string()];
    let story = text("one two three four five six");
    // The same text: every shingle matched.
    assert_eq!(shingle_f1(&[shingle_match(&story, &story)]), 1.0);
    // Nothing extracted: no precision to count, recall zero.
    assert_eq!(shingle_f1(&[shingle_match(&story, &[])]), 0.0);
    // Half the story: 3 shingles wanted, 1 extracted and right (precision 1, recall 1/3).
    let half = text("one two three four");
    let f1 = shingle_f1(&[shingle_match(&story, &half)]);
    assert!((f1 - 0.5).abs() < 1e-9, "{f1}");
    // Case counts, as in the benchmark's tokens.
    assert!(shingle_f1(&[shingle_match(&story, &text("One two three four five six"))]) < 1.0);
}
