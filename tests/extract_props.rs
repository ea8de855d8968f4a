//! Property tests: whatever bytes land in seeds/, extraction gives an article or a clear error,
//! never a panic, and never unescaped markup in the HTML it produces from plain text.

use broadsheet::extract::{extract, ExtractOptions, Seed};
use broadsheet::ingest::{decode, Decoded};
use broadsheet::model::SeedFormat;
use proptest::prelude::*;

fn run(text: &str, format: SeedFormat) {
    let seed = Seed {
        source: "seeds/prop.txt",
        file_name: "prop.txt",
        text,
        format,
        sidecar: None,
    };
    if let Ok(article) = extract(&seed, &ExtractOptions::default()) {
        if format == SeedFormat::Text {
            for block in article.blocks() {
                assert!(!block.html.contains("<script"), "{}", block.html);
            }
        }
    }
}

/// Copy-like text: news words, markup, dashes, dates and line breaks in any order.
fn copy_like() -> impl Strategy<Value = String> {
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Decoded::Text(text, _) = decode(&bytes) {
            run(&text, SeedFormat::Text);
            run(&text, SeedFormat::Markdown);
        }
    }

    #[test]
    fn copy_like_text_never_panics(text in copy_like()) {
        run(&text, SeedFormat::Text);
        run(&text, SeedFormat::Markdown);
    }
}

#[test]
fn one_megabyte_line() {
    let line = "word ".repeat(200_000);
    run(&line, SeedFormat::Text);
    run(&line, SeedFormat::Markdown);
}

/// A 50 MB file that is one single line (a broken export): an article, no panic, and time
/// linear in its size (a quadratic step would not finish).
#[test]
fn fifty_megabyte_single_line() {
    let line =
        "Officials said the plan, which runs to many pages, would cost more. ".repeat(740_000);
    assert!(line.len() >= 50_000_000);
    let started = std::time::Instant::now();
    run(&line, SeedFormat::Text);
    eprintln!(
        "50 MB single line extracted in {:.1}s",
        started.elapsed().as_secs_f64()
    );
}
