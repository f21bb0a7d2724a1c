//! Learning weights from labelled sentences: a logistic regression per topic over the same
//! features the classifier uses (lexicon terms, words, patterns), regularised towards the
//! current weights, so a few examples shift the model without erasing what it knew.
//!
//! The shipped `data/weights.tsv` is this fit over the training articles
//! (`cargo run --release --example fit`); the same code learns from a user's own labels.

use crate::classify::{sigmoid, Feature, FeatureKind, LearnedWeight, Model, ModelSpec};
use crate::error::{Error, Result};
use crate::segment::Segmenter;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A labelled sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// The sentence.
    pub text: String,
    /// Its topics (names of the model's topics).
    pub labels: Vec<String>,
}

/// Settings of a fit.
#[derive(Debug, Clone, PartialEq)]
pub struct FitOptions {
    /// L2 strength pulling lexicon-term weights towards their prior.
    pub l2_term: f64,
    /// L2 strength pulling word weights towards their prior (0 for a word never learned).
    pub l2_word: f64,
    /// L2 strength pulling pattern weights towards their prior.
    pub l2_pattern: f64,
    /// L2 strength pulling the bias towards its prior.
    pub l2_bias: f64,
    /// L2 strength pulling each topic's prior scale towards 1.
    pub l2_scale: f64,
    /// A word must occur in this many examples to get a weight.
    pub min_count: usize,
    /// Full-batch gradient steps (Adam).
    pub iterations: usize,
    /// Adam step size.
    pub learning_rate: f64,
    /// Learned word weights smaller than this are dropped from the model.
    pub min_word_weight: f64,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            l2_term: 1.0,
            l2_word: 4.0,
            l2_pattern: 1.0,
            l2_bias: 0.01,
            l2_scale: 0.1,
            min_count: 2,
            iterations: 400,
            learning_rate: 0.05,
            min_word_weight: 0.15,
        }
    }
}

/// Feature vectors of examples, indexed against a feature table.
struct Design {
    keys: Vec<(FeatureKind, String)>,
    prior: Vec<Vec<f64>>, // [feature][topic]
    rows: Vec<Vec<usize>>,
}

fn design(segmenter: &Segmenter, model: &Model, examples: &[Example], min_count: usize) -> Result<Design> {
    let n_topics = model.topics().len();
    let mut index: HashMap<(FeatureKind, String), usize> = HashMap::new();
    let mut keys = Vec::new();
    let mut prior = Vec::new();
    let mut df: Vec<usize> = Vec::new();
    let mut rows = Vec::with_capacity(examples.len());
    for ex in examples {
        let mut row: Vec<usize> = Vec::new();
        model.read(segmenter, &ex.text, |_, hits| {
            for hit in hits {
                let key = match &hit.feature {
                    Feature::Term(i) => (FeatureKind::Term, model.term(*i).to_owned()),
                    Feature::Word(w) => (FeatureKind::Word, w.to_string()),
                    Feature::Pattern(p) => (FeatureKind::Pattern, p.name().to_owned()),
                };
                let id = *index.entry(key.clone()).or_insert_with(|| {
                    let mut p = vec![0.0; n_topics];
                    for &(t, w) in model.weights(&hit.feature) {
                        p[t] = w;
                    }
                    keys.push(key);
                    prior.push(p);
                    df.push(0);
                    keys.len() - 1
                });
                if !row.contains(&id) {
                    row.push(id);
                    df[id] += 1;
                }
            }
        });
        rows.push(row);
    }
    // rare words get no weight of their own (their prior still applies when scoring)
    let keep: Vec<bool> = keys
        .iter()
        .zip(&df)
        .zip(&prior)
        .map(|(((k, _), &d), p)| *k != FeatureKind::Word || d >= min_count || p.iter().any(|&w| w != 0.0))
        .collect();
    for row in &mut rows {
        row.retain(|&f| keep[f]);
    }
    Ok(Design { keys, prior, rows })
}

/// Fits the weights of every topic of `base` on `examples` and returns the new spec.
///
/// Weights start at, and are regularised towards, those of `base`; features that do not occur
/// in `examples` keep their weights.
///
/// # Errors
/// An example labelled with a topic the model does not have.
pub fn fit(segmenter: &Segmenter, base: &ModelSpec, examples: &[Example], opts: &FitOptions) -> Result<ModelSpec> {
    check_labels(base, examples)?;
    // the base model is compiled once: it finds the features and holds the prior weights
    let base_model = base.compile()?;
    let d = design(segmenter, &base_model, examples, opts.min_count)?;
    let mut spec = base.clone();
    let mut learned: Vec<LearnedWeight> = Vec::new();
    let mut fitted: std::collections::HashSet<(usize, FeatureKind, String)> = std::collections::HashSet::new();
    for (t, topic) in base.topics.iter().enumerate() {
        let y: Vec<f64> = examples
            .iter()
            .map(|e| f64::from(u8::from(e.labels.contains(&topic.name))))
            .collect();
        let prior: Vec<f64> = d.prior.iter().map(|p| p[t]).collect();
        let l2: Vec<f64> = d
            .keys
            .iter()
            .map(|(k, _)| match k {
                FeatureKind::Term => opts.l2_term,
                FeatureKind::Word => opts.l2_word,
                FeatureKind::Pattern => opts.l2_pattern,
            })
            .collect();
        let (bias, w, alpha) = logistic(&d.rows, &y, &prior, &l2, topic.bias, opts);
        spec.topics[t].bias = round4(bias);
        let used: std::collections::HashSet<usize> = d.rows.iter().flatten().copied().collect();
        // features absent from the examples keep their relative strength: α times their weight,
        // so a lexicon term the examples never showed counts as much as the ones they did
        let seen: std::collections::HashSet<(FeatureKind, &str)> =
            used.iter().map(|&f| (d.keys[f].0, d.keys[f].1.as_str())).collect();
        for (kind, name, ws) in base_model.weighted_features() {
            let Some(&(_, w0)) = ws.iter().find(|(tt, _)| *tt == t) else {
                continue;
            };
            if seen.contains(&(kind, name)) {
                continue;
            }
            fitted.insert((t, kind, name.to_owned()));
            learned.push(LearnedWeight {
                topic: t,
                kind,
                feature: name.to_owned(),
                weight: round4(alpha * w0),
            });
        }
        for f in used {
            let (kind, name) = &d.keys[f];
            let w = round4(w[f]);
            fitted.insert((t, *kind, name.clone()));
            let keep = match kind {
                FeatureKind::Word => w.abs() >= opts.min_word_weight,
                _ => w != 0.0 || prior[f] != 0.0,
            };
            if keep {
                learned.push(LearnedWeight {
                    topic: t,
                    kind: *kind,
                    feature: name.clone(),
                    weight: w,
                });
            }
        }
    }
    // learned weights of other topics or features stay as they were
    spec.learned
        .retain(|l| !fitted.contains(&(l.topic, l.kind, l.feature.clone())));
    spec.learned.extend(learned);
    spec.learned
        .sort_by(|a, b| (a.topic, a.kind, &a.feature).cmp(&(b.topic, b.kind, &b.feature)));
    Ok(spec)
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Each example's labels are topics of `base` (a fit needs no more; exports made before the
/// stricter checks of new examples, [`check_example`], still import).
fn check_labels(base: &ModelSpec, examples: &[Example]) -> Result<()> {
    for (i, e) in examples.iter().enumerate() {
        if let Some(l) = e.labels.iter().find(|l| base.topic_index(l).is_none()) {
            return Err(Error::Config(format!("examples[{i}]: {}", unknown_topic(base, l))));
        }
    }
    Ok(())
}

fn unknown_topic(base: &ModelSpec, label: &str) -> String {
    let names: Vec<&str> = base.topics.iter().map(|t| t.name.as_str()).collect();
    format!("unknown topic `{label}` (topics are {})", names.join(", "))
}

/// A new example: its text (called `what` in the message) is not blank, and each label is one
/// of the topics of `base`, once; else what is wrong, naming the topics.
pub(crate) fn check_example(base: &ModelSpec, what: &str, text: &str, labels: &[String]) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err(format!("{what} is empty"));
    }
    for (i, l) in labels.iter().enumerate() {
        if base.topic_index(l).is_none() {
            return Err(unknown_topic(base, l));
        }
        if labels[..i].contains(l) {
            return Err(format!("topic `{l}` is given twice"));
        }
    }
    Ok(())
}

/// Full-batch Adam on `Σ logloss + ½ Σ l2·δ² + ½ l2_scale·(α − 1)² + ½ l2_bias·(b − bias0)²`,
/// where a feature's weight is `α·prior + δ`: one scale per topic calibrates the whole prior
/// (the lexicon's weights are relative strengths), and each feature may deviate from it.
/// Returns the bias, the weights and the scale α.
fn logistic(
    rows: &[Vec<usize>],
    y: &[f64],
    prior: &[f64],
    l2: &[f64],
    bias0: f64,
    opts: &FitOptions,
) -> (f64, Vec<f64>, f64) {
    let nf = prior.len();
    // parameters: δ (nf), α, b
    let (ia, ib) = (nf, nf + 1);
    let mut p = vec![0.0; nf + 2];
    p[ia] = 1.0;
    p[ib] = bias0;
    let (b1, b2, eps) = (0.9, 0.999, 1e-8);
    let mut m = vec![0.0; nf + 2];
    let mut v = vec![0.0; nf + 2];
    let mut g = vec![0.0; nf + 2];
    let weight = |p: &[f64], f: usize| p[ia] * prior[f] + p[f];
    for step in 1..=opts.iterations {
        g.iter_mut().for_each(|x| *x = 0.0);
        for (row, &yi) in rows.iter().zip(y) {
            let z = p[ib] + row.iter().map(|&f| weight(&p, f)).sum::<f64>();
            let r = sigmoid(z) - yi;
            g[ib] += r;
            for &f in row {
                g[f] += r;
                g[ia] += r * prior[f];
            }
        }
        for f in 0..nf {
            g[f] += l2[f] * p[f];
        }
        g[ia] += opts.l2_scale * (p[ia] - 1.0);
        g[ib] += opts.l2_bias * (p[ib] - bias0);
        let lr = opts.learning_rate * (1.0 - f64::powi(b2, step as i32)).sqrt() / (1.0 - f64::powi(b1, step as i32));
        for i in 0..nf + 2 {
            m[i] = b1 * m[i] + (1.0 - b1) * g[i];
            v[i] = b2 * v[i] + (1.0 - b2) * g[i] * g[i];
            p[i] -= lr * m[i] / (v[i].sqrt() + eps);
        }
    }
    let max = crate::lexicon::MAX_WEIGHT;
    let w = (0..nf).map(|f| weight(&p, f).clamp(-max, max)).collect();
    (p[ib], w, p[ia])
}

/// Precision, recall and F1 of one topic.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TopicMetrics {
    /// The topic.
    pub topic: String,
    /// Sentences labelled with it in the gold data.
    pub support: usize,
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// tp / (tp + fp), 0 when nothing was predicted.
    pub precision: f64,
    /// tp / (tp + fn), 0 when there is nothing to find.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

/// Per-topic metrics and their macro average.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// One entry per topic.
    pub topics: Vec<TopicMetrics>,
    /// Mean F1 over topics.
    pub macro_f1: f64,
}

/// Compares predicted labels with gold labels, per topic.
pub fn evaluate(topics: &[String], gold: &[Vec<String>], predicted: &[Vec<String>]) -> Evaluation {
    let metrics: Vec<TopicMetrics> = topics
        .iter()
        .map(|t| {
            let (mut tp, mut fp, mut fn_) = (0, 0, 0);
            for (g, p) in gold.iter().zip(predicted) {
                match (g.contains(t), p.contains(t)) {
                    (true, true) => tp += 1,
                    (false, true) => fp += 1,
                    (true, false) => fn_ += 1,
                    _ => {}
                }
            }
            let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
            let precision = ratio(tp, tp + fp);
            let recall = ratio(tp, tp + fn_);
            let f1 = if precision + recall == 0.0 {
                0.0
            } else {
                2.0 * precision * recall / (precision + recall)
            };
            TopicMetrics {
                topic: t.clone(),
                support: tp + fn_,
                tp,
                fp,
                fn_,
                precision,
                recall,
                f1,
            }
        })
        .collect();
    let macro_f1 = if metrics.is_empty() {
        0.0
    } else {
        metrics.iter().map(|m| m.f1).sum::<f64>() / metrics.len() as f64
    };
    Evaluation {
        topics: metrics,
        macro_f1,
    }
}

/// Cross-validation: fits on all folds but one, predicts the held-out fold, for each fold.
/// `fold_of[i]` is the fold of example `i` (group sentences of one article into one fold to
/// measure what happens on unseen articles). Returns the metrics and the out-of-fold scores
/// (`[example][topic]`).
///
/// # Errors
/// Fewer than two folds, or an unknown label.
pub fn cross_validate_folds(
    segmenter: &Segmenter,
    base: &ModelSpec,
    examples: &[Example],
    fold_of: &[usize],
    opts: &FitOptions,
) -> Result<(Evaluation, Vec<Vec<f64>>)> {
    check_labels(base, examples)?;
    let k = fold_of.iter().copied().max().map_or(0, |m| m + 1);
    if k < 2 || fold_of.len() != examples.len() {
        return Err(Error::Argument(format!(
            "cross-validation needs at least 2 folds and one fold per example (got {k} folds)"
        )));
    }
    let mut scores = vec![Vec::new(); examples.len()];
    let mut predicted = vec![Vec::new(); examples.len()];
    for fold in 0..k {
        let train: Vec<Example> = examples
            .iter()
            .zip(fold_of)
            .filter(|(_, &f)| f != fold)
            .map(|(e, _)| e.clone())
            .collect();
        let spec = fit(segmenter, base, &train, opts)?;
        let model = spec.compile()?;
        for (i, e) in examples.iter().enumerate().filter(|(i, _)| fold_of[*i] == fold) {
            let c = model.read(segmenter, &e.text, |_, hits| model.score(&hits));
            scores[i] = c.scores.0.iter().map(|(_, s)| *s).collect();
            predicted[i] = c.labels;
        }
    }
    let gold: Vec<Vec<String>> = examples.iter().map(|e| e.labels.clone()).collect();
    let topics: Vec<String> = base.topics.iter().map(|t| t.name.clone()).collect();
    Ok((evaluate(&topics, &gold, &predicted), scores))
}

/// k-fold cross-validation with example `i` in fold `i % k`.
///
/// # Errors
/// `k` < 2 or greater than the number of examples, or an unknown label.
pub fn cross_validate(
    segmenter: &Segmenter,
    base: &ModelSpec,
    examples: &[Example],
    k: usize,
    opts: &FitOptions,
) -> Result<Evaluation> {
    if k < 2 || k > examples.len() {
        return Err(Error::Argument(format!(
            "k: {k} folds for {} examples (need 2 ≤ k ≤ examples)",
            examples.len()
        )));
    }
    let folds: Vec<usize> = (0..examples.len()).map(|i| i % k).collect();
    Ok(cross_validate_folds(segmenter, base, examples, &folds, opts)?.0)
}

/// The threshold in 0.10, 0.11, …, 0.80 that maximises F1 of one topic, given scores and gold flags.
///
/// F1 is averaged over the thresholds within ±0.05 of each candidate before taking the best:
/// out-of-fold F1 is often flat over a wide range, and its highest single point then depends on
/// a few sentences; the middle of a good range is more robust on unseen articles.
pub fn best_threshold(scores: &[f64], gold: &[bool]) -> f64 {
    let steps: Vec<u32> = (10..=80).collect();
    let f1s: Vec<f64> = steps
        .iter()
        .map(|&step| {
            let th = f64::from(step) / 100.0;
            let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
            for (&s, &g) in scores.iter().zip(gold) {
                match (g, s >= th) {
                    (true, true) => tp += 1.0,
                    (false, true) => fp += 1.0,
                    (true, false) => fn_ += 1.0,
                    _ => {}
                }
            }
            if tp == 0.0 {
                0.0
            } else {
                2.0 * tp / (2.0 * tp + fp + fn_)
            }
        })
        .collect();
    let mut best = (f64::MIN, 0.5);
    for (i, &step) in steps.iter().enumerate() {
        let th = f64::from(step) / 100.0;
        let window = &f1s[i.saturating_sub(5)..(i + 6).min(f1s.len())];
        let f1 = window.iter().sum::<f64>() / window.len() as f64;
        // prefer the threshold nearest 0.5 among equals
        if f1 > best.0 + 1e-12 || ((f1 - best.0).abs() <= 1e-12 && (th - 0.5).abs() < (best.1 - 0.5f64).abs()) {
            best = (f1, th);
        }
    }
    best.1
}

/// Writes a spec's fitted parts (biases, thresholds, learned weights) as a weights file.
pub fn weights_file(spec: &ModelSpec, header: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("# topic\tkind\tfeature\tweight\n");
    for t in &spec.topics {
        out.push_str(&format!("{}\tbias\t\t{}\n", t.name, t.bias));
        out.push_str(&format!("{}\tthreshold\t\t{}\n", t.name, t.threshold));
    }
    for l in &spec.learned {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            spec.topics[l.topic].name,
            l.kind.name(),
            l.feature,
            l.weight
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::best_threshold;

    #[test]
    fn threshold_is_the_middle_of_a_flat_range_not_a_lone_peak() {
        // positives score 0.30..0.60, negatives 0.05..0.25, and one negative at 0.62:
        // every threshold from 0.26 to 0.30 separates the rest perfectly
        let mut scores = vec![0.3, 0.4, 0.5, 0.6, 0.05, 0.1, 0.2, 0.25, 0.62];
        let mut gold = vec![true, true, true, true, false, false, false, false, false];
        let th = best_threshold(&scores, &gold);
        assert!((0.26..=0.30).contains(&th), "{th}");
        // a lone positive at 0.70 above a negative at 0.69 does not pull the threshold up
        scores.extend([0.69, 0.70]);
        gold.extend([false, true]);
        let th = best_threshold(&scores, &gold);
        assert!(th <= 0.31, "{th}");
    }
}
