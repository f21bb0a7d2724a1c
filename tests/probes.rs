//! The probe sets and dev's re-readings (`data/eval/probes/`, see its README) are well formed,
//! the re-readings hold dev's sentences in dev's order, and the macro-F1 figures of the README's
//! accuracy section (model on each probe set, each re-reading against gold, reader 1 against
//! reader 2) are what they give now.

use newslens::learn::evaluate;
use newslens::Analyzer;

struct Row {
    id: String,
    text: String,
    labels: Vec<String>,
}

fn read(name: &str) -> Vec<Row> {
    let path = format!("{}/data/eval/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}: {e}: {l}"));
            Row {
                id: v["id"].as_str().unwrap().to_owned(),
                text: v["text"].as_str().unwrap().to_owned(),
                labels: v["labels"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| l.as_str().unwrap().to_owned())
                    .collect(),
            }
        })
        .collect()
}

const TOPICS: [&str; 3] = ["regulation", "competition", "monetization"];

fn well_formed(rows: &[Row], name: &str) {
    let mut ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), rows.len(), "{name}: an id is given twice");
    for r in rows {
        assert!(!r.text.trim().is_empty(), "{name} {}: no text", r.id);
        assert!(
            r.labels.iter().all(|l| TOPICS.contains(&l.as_str())),
            "{name} {}: {:?}",
            r.id,
            r.labels
        );
    }
}

fn macro_f1(gold: &[Row], predicted: &[Vec<String>]) -> f64 {
    let topics: Vec<String> = TOPICS.iter().map(|t| t.to_string()).collect();
    let gold: Vec<Vec<String>> = gold.iter().map(|r| r.labels.clone()).collect();
    evaluate(&topics, &gold, predicted).macro_f1
}

/// `f1` is the figure the README gives, to its three decimals.
fn as_reported(what: &str, f1: f64, reported: f64) {
    assert!(
        (f1 - reported).abs() < 0.0005,
        "{what}: macro-F1 {f1:.3}, the README says {reported}"
    );
}

#[test]
fn probe_sets_are_well_formed_and_score_as_reported() {
    let analyzer = Analyzer::new().unwrap();
    for (name, sentences, reported) in [
        ("probes/probe-a.jsonl", 160, 0.876),
        ("probes/probe-b.jsonl", 160, 0.902),
        ("probes/probe-c.jsonl", 200, 0.825),
        ("probes/probe-d.jsonl", 200, 0.820),
    ] {
        let rows = read(name);
        assert_eq!(rows.len(), sentences, "{name}");
        well_formed(&rows, name);
        let predicted: Vec<Vec<String>> = rows.iter().map(|r| analyzer.classify(&r.text).labels).collect();
        let f1 = macro_f1(&rows, &predicted);
        as_reported(name, f1, reported);
    }
}

#[test]
fn second_readings_of_dev_hold_its_sentences_and_agree_as_reported() {
    let dev = read("dev.jsonl");
    for (name, reported) in [
        ("probes/dev-relabel-1.jsonl", 0.951),
        ("probes/dev-relabel-2.jsonl", 0.963),
        ("probes/dev-relabel-shuffled.jsonl", 0.920),
    ] {
        let rows = read(name);
        well_formed(&rows, name);
        assert!(
            rows.len() == dev.len() && rows.iter().zip(&dev).all(|(r, d)| r.id == d.id && r.text == d.text),
            "{name} does not hold dev's sentences in dev's order"
        );
        let predicted: Vec<Vec<String>> = rows.into_iter().map(|r| r.labels).collect();
        let f1 = macro_f1(&dev, &predicted);
        as_reported(name, f1, reported);
    }
    let two: Vec<Vec<String>> = read("probes/dev-relabel-2.jsonl")
        .into_iter()
        .map(|r| r.labels)
        .collect();
    as_reported(
        "readers 1 and 2",
        macro_f1(&read("probes/dev-relabel-1.jsonl"), &two),
        0.945,
    );
}
