//! `cargo bench`: extraction throughput (MB/s of copy) and whole-build throughput (pages/s) on
//! the sample seeds, repeated to a realistic archive size; saved web pages' throughput (MB/s
//! of HTML) on the saved-page fixtures, and on one page grown to 4 and 16 times its story, to
//! show the time grows in proportion to the page.

use std::path::Path;

use broadsheet::config::{Plan, Purpose};
use broadsheet::extract::{extract, ExtractOptions};
use broadsheet::ingest;
use broadsheet::pipeline::{build, BuildOptions};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn seeds() -> Vec<ingest::SourceFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let boundary = broadsheet::confine::Boundary::new(root, &[]).expect("the repository exists");
    let mut sources = ingest::ingest(&root.join("seeds"), root, &boundary).sources;
    sources.extend(ingest::ingest(&root.join("tests/fixtures/extract"), root, &boundary).sources);
    sources
}

fn extraction(c: &mut Criterion) {
    let sources = seeds();
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let options = ExtractOptions::default();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("all sample and fixture seeds, one thread", |b| {
        b.iter(|| {
            for s in &sources {
                let seed = broadsheet::extract::Seed::from(s);
                let _ = extract(&seed, &options);
            }
        })
    });
    group.finish();
}

/// The saved-page fixtures, decoded as ingest decodes them.
fn saved_pages() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("the saved-page fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| match ingest::decode_html(std::fs::read(p).ok()?) {
            ingest::Decoded::Text(text, _) => Some(text),
            ingest::Decoded::Binary(_) => None,
        })
        .collect()
}

fn html_seed(text: &str) -> broadsheet::extract::Seed<'_> {
    broadsheet::extract::Seed {
        source: "page.html",
        file_name: "page.html",
        text,
        format: broadsheet::model::SeedFormat::Html,
        sidecar: None,
        picture: None,
    }
}

fn html_extraction(c: &mut Criterion) {
    let pages = saved_pages();
    let options = ExtractOptions::default();
    let mut group = c.benchmark_group("extract html");
    group.sample_size(10);
    let bytes: usize = pages.iter().map(String::len).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("saved-page fixtures, one thread", |b| {
        b.iter(|| {
            for page in &pages {
                let _ = extract(&html_seed(page), &options);
            }
        })
    });
    // One page with its story's paragraphs repeated: MB/s that stays level as the page grows
    // is time in proportion to its size.
    let page = &pages[0];
    let story_end = page.rfind("</p>").map_or(page.len(), |i| i + 4);
    let story_start = page.find("<p").unwrap_or(0);
    for times in [1usize, 4, 16] {
        let grown = format!(
            "{}{}{}",
            &page[..story_end],
            page[story_start..story_end].repeat(times - 1),
            &page[story_end..]
        );
        group.throughput(Throughput::Bytes(grown.len() as u64));
        group.bench_function(format!("one page, story x{times}"), |b| {
            b.iter(|| extract(&html_seed(&grown), &options))
        });
    }
    group.finish();
}

fn whole_build(c: &mut Criterion) {
    let sources = seeds();
    let project = tempfile::tempdir().expect("temp dir");
    let seeds_dir = project.path().join("seeds");
    std::fs::create_dir_all(&seeds_dir).unwrap();
    // 1,000 articles: the samples and fixtures, copied under distinct names.
    let copies = 1000 / sources.len() + 1;
    let mut articles = 0;
    for n in 0..copies {
        for s in &sources {
            if articles == 1000 {
                break;
            }
            let ext = match s.format {
                broadsheet::model::SeedFormat::Markdown => "md",
                broadsheet::model::SeedFormat::Html => "html",
                broadsheet::model::SeedFormat::Text => "txt",
            };
            std::fs::write(
                seeds_dir.join(format!("{n:03}-{articles:04}.{ext}")),
                &s.text,
            )
            .unwrap();
            articles += 1;
        }
    }
    let plan = Plan::defaults(project.path(), Purpose::Build).expect("a valid plan");
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    // Pages: 1,000 articles, 50 front pages, one 404.
    group.throughput(Throughput::Elements(1051));
    group.bench_function("1000 articles", |b| {
        b.iter(|| build(plan.clone(), &BuildOptions::default()).expect("builds"))
    });
    group.finish();
}

criterion_group!(benches, extraction, html_extraction, whole_build);
criterion_main!(benches);
