//! Per-topic precision, recall and F1 on the held-out dev sentences:
//!
//! ```sh
//! cargo run --release --example evaluate                    # data/eval/dev.jsonl, shipped model
//! cargo run --release --example evaluate -- --lexicon-only  # the lexicons alone, no fitted weights
//! cargo run --release --example evaluate -- --errors        # also list the misclassified sentences
//! cargo run --release --example evaluate -- path/to/file.jsonl
//! cargo run --release --example evaluate -- data/eval/dev.jsonl --labels=other.jsonl  # another
//!     # annotator's labels of the same sentences, scored as the model's are (agreement)
//! ```

mod common;

use newslens::classify::ModelSpec;
use newslens::learn::evaluate;
use newslens::Analyzer;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map_or("data/eval/dev.jsonl", String::as_str);
    let mut analyzer = Analyzer::new()?;
    if args.iter().any(|a| a == "--lexicon-only") {
        analyzer.set_spec(ModelSpec::lexicons_only()?)?;
    }
    let rows = common::read_jsonl(path)?;
    let other = args.iter().find_map(|a| a.strip_prefix("--labels="));
    let predicted: Vec<Vec<String>> = match other {
        Some(other) => {
            let others = common::read_jsonl(other)?;
            if others.len() != rows.len() || others.iter().zip(&rows).any(|(o, r)| o.text != r.text) {
                return Err(format!("{other} does not hold the sentences of {path}, in order").into());
            }
            println!("labels of {other}, scored against {path}");
            others.into_iter().map(|o| o.labels).collect()
        }
        None => rows.iter().map(|r| analyzer.classify(&r.text).labels).collect(),
    };
    let gold: Vec<Vec<String>> = rows.iter().map(|r| r.labels.clone()).collect();
    let eval = evaluate(&analyzer.topics(), &gold, &predicted);
    println!("{} sentences of {path}\n", rows.len());
    println!("| topic | support | precision | recall | F1 |");
    println!("|---|---:|---:|---:|---:|");
    for m in &eval.topics {
        println!(
            "| {} | {} | {:.3} | {:.3} | {:.3} |",
            m.topic, m.support, m.precision, m.recall, m.f1
        );
    }
    println!("| **macro** | | | | **{:.3}** |", eval.macro_f1);
    if args.iter().any(|a| a == "--errors") {
        for ((r, p), g) in rows.iter().zip(&predicted).zip(&gold).filter(|((_, p), g)| p != g) {
            if other.is_some() {
                println!("\ngold {g:?} other {p:?}\n  {}", r.text);
            } else {
                let c = analyzer.classify(&r.text);
                let ev: Vec<String> = c
                    .evidence
                    .iter()
                    .map(|e| format!("{}:{}{:+.2}", &e.topic[..3], e.term, e.weight))
                    .collect();
                println!("\ngold {g:?} predicted {p:?}\n  {}\n  {}", r.text, ev.join(" "));
            }
        }
    }
    Ok(())
}
