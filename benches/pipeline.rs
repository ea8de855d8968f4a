//! `cargo bench`: extraction throughput (MB/s of copy) and whole-build throughput (pages/s) on
//! the sample seeds, repeated to a realistic archive size.

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
            let ext = if s.format == broadsheet::model::SeedFormat::Markdown {
                "md"
            } else {
                "txt"
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

criterion_group!(benches, extraction, whole_build);
criterion_main!(benches);
