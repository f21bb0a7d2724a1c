//! Reads one sentence per line on stdin, writes one JSON object per line on stdout:
//! `{"labels": ["regulation"], "scores": {"regulation": 0.93, "competition": 0.04, "monetization": 0.12}}`
//!
//! ```sh
//! echo '市场监管总局对阿里巴巴处以182.28亿元罚款。' | cargo run --release --example classify
//! ```

use std::io::{self, BufRead, BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let analyzer = newslens::Analyzer::new()?;
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let c = analyzer.classify(line?.trim_end_matches('\r'));
        // a struct, not json!(): keeps the scores in topic order
        #[derive(serde::Serialize)]
        struct Line<'a> {
            labels: &'a [String],
            scores: &'a newslens::Scores,
        }
        writeln!(
            out,
            "{}",
            serde_json::to_string(&Line {
                labels: &c.labels,
                scores: &c.scores
            })?
        )?;
    }
    out.flush()?;
    Ok(())
}
