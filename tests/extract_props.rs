//! Property tests: whatever bytes land in seeds/, extraction gives an article or a clear error,
//! never a panic, and never unescaped markup in the HTML it produces from plain text.

use broadsheet::extract::{extract, ExtractOptions, Seed};
use broadsheet::ingest::{decode, Decoded};
use broadsheet::model::SeedFormat;
use proptest::prelude::*;

mod common;
use common::copy_like;

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

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Decoded::Text(text, _) = decode(bytes) {
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
