//! What learning from a reader's labels does, measured on the held-out dev sentences:
//!
//! 1. 5-fold cross-validated macro-F1 of the shipped model + learning from the other folds,
//!    against the shipped model alone (the lexicons and train-fitted weights), on the same folds.
//! 2. Learning from one article's labels, scored on the other articles, against no learning.
//!
//! ```sh
//! cargo run --release --example teach
//! cargo run --release --example teach -- data/eval/train.jsonl   # the same on other articles
//! ```

mod common;

use newslens::learn::{cross_validate, evaluate};
use newslens::teach::teaching_options;
use newslens::Analyzer;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "data/eval/dev.jsonl".into());
    let rows = common::read_jsonl(&path)?;
    let examples = common::examples(&rows);
    let folds = common::article_folds(&rows);
    let analyzer = Analyzer::new()?;
    let topics = analyzer.topics();
    let gold: Vec<Vec<String>> = examples.iter().map(|e| e.labels.clone()).collect();
    let shipped: Vec<Vec<String>> = examples.iter().map(|e| analyzer.classify(&e.text).labels).collect();
    let base = evaluate(&topics, &gold, &shipped);
    let cv = cross_validate(analyzer.segmenter(), analyzer.spec(), &examples, 5, &teaching_options())?;
    println!(
        "{path}, {} sentences: shipped model macro-F1 {:.3}; 5-fold CV with learning {:.3}",
        rows.len(),
        base.macro_f1,
        cv.macro_f1
    );
    for (b, c) in base.topics.iter().zip(&cv.topics) {
        println!("  {:<13} F1 {:.3} -> {:.3}", b.topic, b.f1, c.f1);
    }
    let n_articles = folds.iter().max().map_or(0, |m| m + 1);
    let (mut lower, mut same, mut higher) = (0, 0, 0);
    for held in 0..n_articles {
        let (train, test): (Vec<usize>, Vec<usize>) = (0..rows.len()).partition(|&i| folds[i] == held);
        if test.is_empty() {
            continue;
        }
        let mut taught = Analyzer::new()?;
        taught.train(&train.iter().map(|&i| examples[i].clone()).collect::<Vec<_>>())?;
        let g: Vec<Vec<String>> = test.iter().map(|&i| gold[i].clone()).collect();
        let p0: Vec<Vec<String>> = test.iter().map(|&i| shipped[i].clone()).collect();
        let p1: Vec<Vec<String>> = test
            .iter()
            .map(|&i| taught.classify(&examples[i].text).labels)
            .collect();
        let (before, after) = (evaluate(&topics, &g, &p0).macro_f1, evaluate(&topics, &g, &p1).macro_f1);
        match after.total_cmp(&before) {
            std::cmp::Ordering::Less => lower += 1,
            std::cmp::Ordering::Equal => same += 1,
            std::cmp::Ordering::Greater => higher += 1,
        }
        println!(
            "learn from article {} ({} sentences), score the other {} sentences: macro-F1 {before:.3} -> {after:.3}",
            rows[train[0]].article,
            train.len(),
            test.len(),
        );
    }
    println!("learning from one article: other articles' macro-F1 lower {lower}, same {same}, higher {higher} times");
    Ok(())
}
