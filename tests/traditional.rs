//! Traditional Chinese gets the analysis of its simplified twin, with its own offsets and words.
#![cfg(not(target_arch = "wasm32"))]

use newslens::{AnalyzeOptions, Analyzer, Config, Mode};
use std::collections::HashMap;
use std::sync::OnceLock;

const SAMPLE: &str = include_str!("fixtures/sample-articles.txt");
const DEV: &str = include_str!("../data/eval/dev.jsonl");

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| Analyzer::new().unwrap())
}

/// Simplified text written in traditional characters: each character the table maps to is
/// replaced by one traditional character that maps to it (so `simplified` gives the text back).
fn traditional(text: &str) -> String {
    static INVERSE: OnceLock<HashMap<char, char>> = OnceLock::new();
    let inverse = INVERSE.get_or_init(|| {
        let mut m = HashMap::new();
        for line in include_str!("../data/t2s.txt").lines().filter(|l| !l.starts_with('#')) {
            let mut c = line.chars();
            let (t, s) = (c.next().unwrap(), c.nth(1).unwrap());
            m.entry(s).or_insert(t);
        }
        m
    });
    text.chars().map(|c| *inverse.get(&c).unwrap_or(&c)).collect()
}

fn texts() -> Vec<String> {
    let mut v: Vec<String> = DEV
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    v.push(SAMPLE.to_owned());
    v
}

#[test]
fn every_dev_sentence_and_the_sample_in_traditional_get_the_same_analysis() {
    let a = analyzer();
    let options = AnalyzeOptions {
        tokens: true,
        ..Default::default()
    };
    let mut changed = 0;
    for s in texts() {
        let t = traditional(&s);
        assert_eq!(t.len(), s.len());
        if t != s {
            changed += 1;
        }
        let (x, y) = (a.analyze_with(&s, options), a.analyze_with(&t, options));
        assert_eq!(x.summary, y.summary, "{t}");
        assert_eq!(x.sentences.len(), y.sentences.len(), "{t}");
        for (p, q) in x.sentences.iter().zip(&y.sentences) {
            assert_eq!(
                (p.start, p.end, &p.topics, &p.scores),
                (q.start, q.end, &q.topics, &q.scores),
                "{t}"
            );
            assert_eq!(p.evidence, q.evidence, "{t}");
            assert_eq!(q.text, t[q.start..q.end]);
            let (pt, qt) = (p.tokens.as_ref().unwrap(), q.tokens.as_ref().unwrap());
            assert_eq!(
                pt.iter().map(|k| (k.start, k.end)).collect::<Vec<_>>(),
                qt.iter().map(|k| (k.start, k.end)).collect::<Vec<_>>()
            );
            // the words are the text's own, in traditional characters
            assert!(qt.iter().all(|k| k.word == t[k.start..k.end]));
        }
        assert_eq!(a.classify(&s), a.classify(&t), "{t}");
        for mode in [Mode::Default, Mode::Search, Mode::All] {
            let (p, q) = (a.segment(&s, mode), a.segment(&t, mode));
            assert_eq!(p.len(), q.len());
            assert!(p
                .iter()
                .zip(&q)
                .all(|(p, q)| (p.start, p.end) == (q.start, q.end) && q.word == t[q.start..q.end]));
        }
    }
    // most of them really are different text
    assert!(changed > 200, "{changed}");
}

#[test]
fn a_traditional_sentence_is_labelled() {
    let c = analyzer().classify("Shopee與Lazada的市場份額之爭日益激烈，競爭對手紛紛降價搶奪用戶。");
    assert_eq!(c.labels, ["competition", "monetization"]);
    let c = analyzer().classify("香港證監會對該平台展開調查，並處以罰款。");
    assert_eq!(c.labels, ["regulation"]);
    // Taiwan usage (公平會, 罰鍰) and platforms (momo購物, PChome)
    let c = analyzer().classify("公平會認定該外送平台違反公平交易法，處以罰鍰。");
    assert_eq!(c.labels, ["regulation"]);
    // 公平会 is a dictionary word: jieba alone cut 公平/会今 and the term never fired
    let c = analyzer().classify("公平會今日宣布此案。");
    assert_eq!(c.labels, ["regulation"]);
    assert_eq!(c.evidence[0].term, "公平会");
    let c = analyzer().classify("蝦皮在台灣的市佔率持續領先momo購物與PChome。");
    assert_eq!(c.labels, ["competition"]);
}

#[test]
fn terms_and_words_given_in_either_script_match_both() {
    // jieba alone cuts 骑手/权益/站
    let config = Config::from_json(
        r#"{"topics":[{"name":"labor","terms":["騎手權益站",{"term":"罢工","weight":2}]}],
            "words":[{"word":"騎手權益站","freq":50000}]}"#,
    )
    .unwrap();
    let a = Analyzer::with_config(&config).unwrap();
    for text in ["騎手權益站發起罷工。", "骑手权益站发起罢工。"] {
        let c = a.classify(text);
        assert!(c.labels.contains(&"labor".to_owned()), "{text}");
        let terms: Vec<&str> = c
            .evidence
            .iter()
            .filter(|e| e.topic == "labor")
            .map(|e| e.term.as_str())
            .collect();
        assert_eq!(terms, ["騎手權益站", "罢工"], "{text}");
        let words: Vec<String> = a.segment(text, Mode::Default).into_iter().map(|t| t.word).collect();
        assert_eq!(words[0], &text[..15], "{text}: {words:?}");
    }
}
