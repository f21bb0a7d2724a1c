//! Full-width letters and digits (ＧＭＶ, ＴｉｋＴｏｋ, ３０％, as mainland papers set them) get the
//! analysis of their ASCII twin, with the text's own offsets and words.
#![cfg(not(target_arch = "wasm32"))]

use newslens::{AnalyzeOptions, Analyzer, Config, Mode};
use std::sync::OnceLock;

const SAMPLE: &str = include_str!("fixtures/sample-articles.txt");
const DEV: &str = include_str!("../data/eval/dev.jsonl");

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| Analyzer::new().unwrap())
}

/// `text` with every ASCII letter and digit set full width, and the map from its byte offsets
/// to the full-width text's.
fn full_width(text: &str) -> (String, Vec<usize>) {
    let mut out = String::new();
    let mut at = Vec::new();
    for c in text.chars() {
        at.extend((0..c.len_utf8()).map(|_| out.len()));
        if c.is_ascii_alphanumeric() {
            out.push(char::from_u32(c as u32 + 0xFEE0).unwrap());
        } else {
            out.push(c);
        }
    }
    at.push(out.len());
    (out, at)
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
fn every_dev_sentence_and_the_sample_set_full_width_get_the_same_analysis() {
    let a = analyzer();
    let options = AnalyzeOptions {
        tokens: true,
        ..Default::default()
    };
    let mut changed = 0;
    let mut evidence_inside = 0;
    for s in texts() {
        let (t, at) = full_width(&s);
        if t != s {
            changed += 1;
        }
        let (x, y) = (a.analyze_with(&s, options), a.analyze_with(&t, options));
        assert_eq!(x.summary, y.summary, "{t}");
        assert_eq!(x.sentences.len(), y.sentences.len(), "{t}");
        for (p, q) in x.sentences.iter().zip(&y.sentences) {
            assert_eq!(
                (at[p.start], at[p.end], &p.topics, &p.scores),
                (q.start, q.end, &q.topics, &q.scores),
                "{t}"
            );
            assert_eq!(q.text, t[q.start..q.end]);
            assert_eq!(p.evidence.len(), q.evidence.len(), "{t}");
            for (e, f) in p.evidence.iter().zip(&q.evidence) {
                assert_eq!(
                    (&e.topic, &e.term, e.kind, e.weight, at[e.start], at[e.end]),
                    (&f.topic, &f.term, f.kind, f.weight, f.start, f.end),
                    "{t}"
                );
                if t[f.start..f.end] != s[e.start..e.end] {
                    evidence_inside += 1;
                }
            }
            let (pt, qt) = (p.tokens.as_ref().unwrap(), q.tokens.as_ref().unwrap());
            assert_eq!(
                pt.iter().map(|k| (at[k.start], at[k.end])).collect::<Vec<_>>(),
                qt.iter().map(|k| (k.start, k.end)).collect::<Vec<_>>(),
                "{t}"
            );
            // the words are the text's own, full width
            assert!(qt.iter().all(|k| k.word == t[k.start..k.end]));
        }
        let (c, d) = (a.classify(&s), a.classify(&t));
        assert_eq!((c.labels, c.scores), (d.labels, d.scores), "{t}");
        for mode in [Mode::Default, Mode::Search, Mode::All] {
            let (p, q) = (a.segment(&s, mode), a.segment(&t, mode));
            assert_eq!(
                p.iter().map(|k| (at[k.start], at[k.end])).collect::<Vec<_>>(),
                q.iter().map(|k| (k.start, k.end)).collect::<Vec<_>>(),
                "{mode:?} {t}"
            );
            assert!(q.iter().all(|k| k.word == t[k.start..k.end]));
        }
    }
    assert!(changed > 100, "{changed}");
    // evidence over full-width letters and digits (GMV, TikTok, amounts), not only around them
    assert!(evidence_inside > 100, "{evidence_inside}");
}

#[test]
fn full_width_names_and_amounts_are_evidence() {
    let c = analyzer().classify("ＴｉｋＴｏｋ的ＧＭＶ同比增长３０％，超过Ｓｈｏｐｅｅ。");
    assert_eq!(c.labels, ["competition", "monetization"]);
    let text = "ＴｉｋＴｏｋ的ＧＭＶ同比增长３０％，超过Ｓｈｏｐｅｅ。";
    let spans: Vec<(&str, &str)> = c
        .evidence
        .iter()
        .map(|e| (e.term.as_str(), &text[e.start..e.end]))
        .collect();
    assert!(spans.contains(&("GMV", "ＧＭＶ")), "{spans:?}");
    assert!(spans.contains(&("@percent", "３０％")), "{spans:?}");
}

#[test]
fn terms_and_words_given_full_width_match_both_widths() {
    let config = Config::from_json(
        r#"{"topics":[{"name":"cloud","terms":["ＡＷＳ",{"term":"ＳａａＳ订阅","weight":2}]}],
            "words":[{"word":"ＳａａＳ订阅","freq":50000}]}"#,
    )
    .unwrap();
    let a = Analyzer::with_config(&config).unwrap();
    // terms match ASCII case-insensitively; jieba's words are case-sensitive
    assert_eq!(a.classify("aws推出saas订阅。").labels, ["cloud"]);
    for text in ["ＡＷＳ推出ＳａａＳ订阅。", "AWS推出SaaS订阅。"] {
        let c = a.classify(text);
        assert_eq!(c.labels, ["cloud"], "{text}");
        let words: Vec<String> = a.segment(text, Mode::Default).into_iter().map(|t| t.word).collect();
        assert!(
            words.iter().any(|w| w.ends_with("订阅") && w.len() > "订阅".len()),
            "{text}: {words:?}"
        );
    }
}
