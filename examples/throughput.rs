//! Native `analyze` throughput on the sample articles repeated to about 1 MB, as JSON (read by
//! `benches/node-bench.mjs` to compare wasm with native in the same run); also the packed
//! results the WebAssembly `analyze` hands to JavaScript (`packedParagraphsMBs`).
//!
//! ```sh
//! cargo run --release --example throughput               # best of 5 rounds
//! cargo run --release --example throughput -- --rounds 1  # one round (node-bench runs it in turns)
//! ```

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sample = include_str!("../tests/fixtures/sample-articles.txt");
    let text = sample.repeat((1 << 20) / sample.len() + 1);
    let paragraphs: Vec<&str> = text.split('\n').filter(|p| !p.trim().is_empty()).collect();
    let t = Instant::now();
    let analyzer = newslens::Analyzer::new()?;
    let new_ms = t.elapsed().as_secs_f64() * 1e3;
    // the rest of jieba's dictionary, which the first round would otherwise load as it goes
    let t = Instant::now();
    analyzer.preload();
    let preload_ms = t.elapsed().as_secs_f64() * 1e3;
    let mut best_whole = f64::MAX;
    let mut best_paragraphs = f64::MAX;
    let mut best_packed = f64::MAX;
    let args: Vec<String> = std::env::args().collect();
    let rounds = match args.iter().position(|a| a == "--rounds") {
        Some(i) => args
            .get(i + 1)
            .and_then(|n| n.parse().ok())
            .filter(|&n| n > 0)
            .ok_or("--rounds takes a positive number")?,
        None => 5,
    };
    for _ in 0..rounds {
        let t = Instant::now();
        std::hint::black_box(analyzer.analyze(&text));
        best_whole = best_whole.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for p in &paragraphs {
            std::hint::black_box(analyzer.analyze(p));
        }
        best_paragraphs = best_paragraphs.min(t.elapsed().as_secs_f64());
        // what the WebAssembly `analyze` computes before JavaScript builds the objects (it
        // keeps the names it has sent)
        let mut names = newslens::packed::Names::default();
        let t = Instant::now();
        for p in &paragraphs {
            // (a receiver that got every name sent so far)
            let received = names.len();
            std::hint::black_box(newslens::packed::pack_analysis_with(
                &analyzer,
                p,
                Default::default(),
                &mut names,
                received,
            ));
        }
        best_packed = best_packed.min(t.elapsed().as_secs_f64());
    }
    let mb = text.len() as f64 / 1e6;
    println!(
        "{{\"bytes\":{},\"newMs\":{new_ms:.1},\"preloadMs\":{preload_ms:.1},\"analyzeWholeMBs\":{:.2},\"analyzeParagraphsMBs\":{:.2},\"packedParagraphsMBs\":{:.2}}}",
        text.len(),
        mb / best_whole,
        mb / best_paragraphs,
        mb / best_packed
    );
    Ok(())
}
