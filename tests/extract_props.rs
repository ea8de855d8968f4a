//! Property tests: whatever bytes land in seeds/, extraction gives an article or a clear error,
//! never a panic; plain text never turns into markup, and what Markdown keeps of HTML or links
//! is never script.

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
        picture: None,
    };
    if let Ok(extraction) = extract(&seed, &ExtractOptions::default()) {
        for block in extraction.body.blocks() {
            let links = block
                .spans
                .iter()
                .chain(block.items.iter().flat_map(|i| i.spans.iter()))
                .filter_map(|s| s.link.as_deref());
            if format == SeedFormat::Text {
                assert!(block.html.is_none(), "{block:?}");
                assert_eq!(links.count(), 0, "{block:?}");
                continue;
            }
            for link in links {
                let lower = link.trim().to_ascii_lowercase();
                assert!(
                    !lower.starts_with("javascript:") && !lower.starts_with("data:"),
                    "{link}"
                );
            }
            if let Some(html) = &block.html {
                let lower = html.to_ascii_lowercase();
                assert!(!lower.contains("<script"), "{html}");
                assert!(!has_event_attribute(&lower), "{html}");
            }
        }
    }
}

/// Whether markup holds an event handler attribute (` onclick=`).
fn has_event_attribute(html: &str) -> bool {
    html.match_indices(" on").any(|(at, _)| {
        let rest = &html[at + 3..];
        let name = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        name > 0 && rest[name..].trim_start().starts_with('=')
    })
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
