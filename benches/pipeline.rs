//! Native throughput of each stage over the sample articles (`Throughput::Bytes`).
//! `make test` runs these once in test mode (`cargo test --benches`) so they never rot;
//! `make bench` measures.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newslens::packed::pack_analysis;
use newslens::{split_sentences, AnalyzeOptions, Analyzer, Mode};
use std::hint::black_box;

const SAMPLE: &str = include_str!("../tests/fixtures/sample-articles.txt");

fn stages(c: &mut Criterion) {
    let analyzer = Analyzer::new().unwrap();
    let mut g = c.benchmark_group("pipeline");
    g.sample_size(20);
    // jieba's dictionary is inflated once per process (before this, by `analyzer` above) and
    // then loaded as texts need it: `new` builds the model and an empty dictionary,
    // `preload` adds all of jieba's 349,045 words
    g.bench_function("Analyzer::new", |b| b.iter(|| black_box(Analyzer::new().unwrap())));
    g.bench_function("Analyzer::new + preload", |b| {
        b.iter(|| {
            let analyzer = Analyzer::new().unwrap();
            analyzer.preload();
            black_box(analyzer)
        })
    });
    g.throughput(Throughput::Bytes(SAMPLE.len() as u64));
    g.bench_function("split_sentences", |b| {
        b.iter(|| black_box(split_sentences(black_box(SAMPLE))))
    });
    g.bench_function("segment", |b| {
        b.iter(|| black_box(analyzer.segment(black_box(SAMPLE), Mode::Default)))
    });
    let sentences: Vec<&str> = split_sentences(SAMPLE).into_iter().map(|r| &SAMPLE[r]).collect();
    g.bench_function("classify (each sentence)", |b| {
        b.iter(|| {
            for s in &sentences {
                black_box(analyzer.classify(s));
            }
        })
    });
    g.bench_function("analyze", |b| b.iter(|| black_box(analyzer.analyze(black_box(SAMPLE)))));
    // what the WebAssembly `analyze` computes before JavaScript builds the objects
    g.bench_function("analyze packed (the wasm path)", |b| {
        b.iter(|| black_box(pack_analysis(&analyzer, black_box(SAMPLE), AnalyzeOptions::default())))
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
