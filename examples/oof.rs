//! Leave-one-article-out errors on the training articles, to see which guideline concepts the
//! model misses (dev is never used here):
//!
//! ```sh
//! cargo run --release --example oof                     # per-topic out-of-fold P/R/F1
//! cargo run --release --example oof -- --curve           # F1 by threshold
//! cargo run --release --example oof -- --errors         # also each misclassified sentence
//! cargo run --release --example oof -- --errors competition
//! cargo run --release --example oof -- --articles=10 --seed=2   # fit each fold on 10 of the others
//! cargo run --release --example oof -- --articles=10 --score=data/eval/dev.jsonl  # and dev, fitted
//!     # on 10 of the 22 articles at the thresholds chosen on the out-of-fold scores
//! ```
//!
//! Each sentence is scored by the model fitted without its article, at the thresholds of the
//! shipped fit; the evidence shown is that fold model's.

mod common;

use newslens::classify::ModelSpec;
use newslens::learn::{best_threshold, evaluate, fit, Evaluation};
use newslens::segment::Segmenter;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let errors = args.iter().any(|a| a == "--errors");
    let only = args.iter().find(|a| !a.starts_with("--")).cloned();
    let rows = common::read_jsonl("data/eval/train.jsonl")?;
    let examples = common::examples(&rows);
    let folds = common::article_folds(&rows);
    let segmenter = Segmenter::new()?;
    let base = ModelSpec::lexicons_only()?;
    let opts = common::options_from_env()?;
    let k = folds.iter().max().map_or(0, |m| m + 1);
    let mut scores = vec![Vec::new(); examples.len()];
    let mut evidence = vec![String::new(); examples.len()];
    let subset = args
        .iter()
        .find_map(|a| a.strip_prefix("--articles="))
        .map(str::parse::<usize>)
        .transpose()?;
    let seed: u64 = args
        .iter()
        .find_map(|a| a.strip_prefix("--seed="))
        .map_or(Ok(1), str::parse)?;
    for fold in 0..k {
        let others = learning_curve_articles(k, fold, subset, seed);
        let train: Vec<_> = examples
            .iter()
            .zip(&folds)
            .filter(|(_, f)| others.contains(f))
            .map(|(e, _)| e.clone())
            .collect();
        let model = fit(&segmenter, &base, &train, &opts)?.compile()?;
        for (i, e) in examples.iter().enumerate().filter(|(i, _)| folds[*i] == fold) {
            let c = model.read(&segmenter, &e.text, |_, hits| model.score(&hits));
            scores[i] = c.scores.0.iter().map(|(_, s)| *s).collect::<Vec<f64>>();
            evidence[i] = c
                .evidence
                .iter()
                .map(|e| format!("{}:{}{:+.2}", &e.topic[..3], e.term, e.weight))
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    let topics: Vec<String> = base.topics.iter().map(|t| t.name.clone()).collect();
    let gold: Vec<Vec<String>> = examples.iter().map(|e| e.labels.clone()).collect();
    let mut thresholds = Vec::new();
    for (t, name) in topics.iter().enumerate() {
        let s: Vec<f64> = scores.iter().map(|s| s[t]).collect();
        let g: Vec<bool> = gold.iter().map(|l| l.contains(name)).collect();
        thresholds.push(best_threshold(&s, &g));
    }
    for (label, th) in [
        ("0.5", vec![0.5; topics.len()]),
        ("fitted thresholds", thresholds.clone()),
    ] {
        let predicted: Vec<Vec<String>> = scores
            .iter()
            .map(|s| {
                topics
                    .iter()
                    .enumerate()
                    .filter(|(t, _)| s[*t] >= th[*t])
                    .map(|(_, n)| n.clone())
                    .collect()
            })
            .collect();
        print_evaluation(
            &format!("out-of-fold at {label} {th:?}"),
            &evaluate(&topics, &gold, &predicted),
        );
    }
    let score: Vec<&str> = args.iter().filter_map(|a| a.strip_prefix("--score=")).collect();
    if !score.is_empty() {
        // a model fitted on the same number of articles (all of them, or --articles=N of the
        // 22), at the thresholds chosen above, scored on another file: the learning curve on
        // held-out text (train's own curve is flattered: its errors were read to choose terms).
        // Drawn as for a fold k that holds no sentence, so it is every article or N of them.
        let articles = learning_curve_articles(k + 1, k, subset, seed);
        let train: Vec<_> = examples
            .iter()
            .zip(&folds)
            .filter(|(_, f)| articles.contains(f))
            .map(|(e, _)| e.clone())
            .collect();
        let model = fit(&segmenter, &base, &train, &opts)?.compile()?;
        for path in score {
            let other = common::read_jsonl(path)?;
            let predicted: Vec<Vec<String>> = other
                .iter()
                .map(|r| {
                    let c = model.read(&segmenter, &r.text, |_, hits| model.score(&hits));
                    c.scores
                        .0
                        .iter()
                        .zip(&thresholds)
                        .filter(|((_, s), th)| s >= th)
                        .map(|((t, _), _)| t.clone())
                        .collect()
                })
                .collect();
            let gold: Vec<Vec<String>> = other.iter().map(|r| r.labels.clone()).collect();
            print_evaluation(
                &format!("{path}, fitted on {} articles", articles.len()),
                &evaluate(&topics, &gold, &predicted),
            );
        }
    }
    // honest thresholds: each article's from the out-of-fold scores of the other articles
    let mut nested: Vec<Vec<String>> = vec![Vec::new(); rows.len()];
    for fold in 0..k {
        for (t, name) in topics.iter().enumerate() {
            let (s, g): (Vec<f64>, Vec<bool>) = scores
                .iter()
                .zip(&gold)
                .zip(&folds)
                .filter(|(_, &f)| f != fold)
                .map(|((s, l), _)| (s[t], l.contains(name)))
                .unzip();
            let th = best_threshold(&s, &g);
            for i in (0..rows.len()).filter(|&i| folds[i] == fold) {
                if scores[i][t] >= th {
                    nested[i].push(name.clone());
                }
            }
        }
    }
    print_evaluation(
        "out-of-fold, each article at thresholds chosen on the other articles",
        &evaluate(&topics, &gold, &nested),
    );
    if args.iter().any(|a| a == "--curve") {
        for (t, name) in topics.iter().enumerate() {
            let g: Vec<bool> = gold.iter().map(|l| l.contains(name)).collect();
            let curve: Vec<String> = (5..=80)
                .step_by(5)
                .map(|step| {
                    let th = f64::from(step) / 100.0;
                    let (mut tp, mut np) = (0.0, 0.0);
                    for (s, &gg) in scores.iter().zip(&g) {
                        if s[t] >= th {
                            np += 1.0;
                            if gg {
                                tp += 1.0;
                            }
                        }
                    }
                    let pos = g.iter().filter(|x| **x).count() as f64;
                    format!("{th:.2}:{:.3}", 2.0 * tp / (np + pos))
                })
                .collect();
            println!("{name}: {}", curve.join(" "));
        }
    }
    if let Some(path) = args.iter().find_map(|a| a.strip_prefix("--dump=")) {
        let lines: Vec<String> = rows
            .iter()
            .zip(&scores)
            .map(|(r, s)| serde_json::json!({"article": r.article, "labels": r.labels, "scores": s}).to_string())
            .collect();
        std::fs::write(path, lines.join("\n"))?;
    }
    if errors {
        for (t, name) in topics.iter().enumerate() {
            if only.as_ref().is_some_and(|o| o != name) {
                continue;
            }
            for kind in ["missed", "extra"] {
                println!("\n== {name}: {kind}");
                for (i, r) in rows.iter().enumerate() {
                    let g = gold[i].contains(name);
                    let p = scores[i][t] >= thresholds[t];
                    if (kind == "missed" && g && !p) || (kind == "extra" && !g && p) {
                        println!(
                            "{} {:.2} {:?}\n  {}\n  {}",
                            r.article, scores[i][t], gold[i], r.text, evidence[i]
                        );
                    }
                }
            }
        }
    }
    Ok(())
}

/// The articles a fold is fitted on: every other article, or (`--articles=N`, for a learning
/// curve) N of them drawn by a seeded shuffle, so a run is repeatable.
fn learning_curve_articles(k: usize, fold: usize, n: Option<usize>, seed: u64) -> Vec<usize> {
    let mut others: Vec<usize> = (0..k).filter(|&f| f != fold).collect();
    let Some(n) = n else { return others };
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (fold as u64 + 1);
    for i in (1..others.len()).rev() {
        // xorshift64*: enough to draw articles, not a statistical generator
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        let j = (state.wrapping_mul(0x2545_f491_4f6c_dd1d) % (i as u64 + 1)) as usize;
        others.swap(i, j);
    }
    others.truncate(n);
    others
}

fn print_evaluation(title: &str, ev: &Evaluation) {
    println!("{title}:");
    for m in &ev.topics {
        println!(
            "  {:<13} P {:.3} R {:.3} F1 {:.3}  (tp {} fp {} fn {})",
            m.topic, m.precision, m.recall, m.f1, m.tp, m.fp, m.fn_
        );
    }
    println!("  macro F1 {:.3}", ev.macro_f1);
}
