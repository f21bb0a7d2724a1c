//! Text as newslens reads it (`src/script.rs`): traditional Chinese gets the analysis of its
//! simplified twin, and full-width letters and digits (ＧＭＶ, ＴｉｋＴｏｋ, ３０％, as mainland papers
//! set them) that of their ASCII twin, each with the text's own offsets and words.
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

/// Every dev sentence and the sample articles.
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

/// Rewrites every text of [`texts`] with `rewrite` (the new text, and the map from the old
/// text's byte offsets to the new one's) and checks that the rewritten text gets the same
/// analysis: labels, scores, summary, evidence and token spans (mapped), in `analyze`,
/// `classify` and all three `segment` modes, with the words and sentence texts its own slices.
/// Returns how many texts the rewrite changed, and how many evidence spans it changed.
fn same_analysis_when_rewritten(rewrite: impl Fn(&str) -> (String, Vec<usize>)) -> (usize, usize) {
    let a = analyzer();
    let options = AnalyzeOptions {
        tokens: true,
        ..Default::default()
    };
    let (mut changed, mut evidence_changed) = (0, 0);
    for s in texts() {
        let (t, at) = rewrite(&s);
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
                    evidence_changed += 1;
                }
            }
            let (pt, qt) = (p.tokens.as_ref().unwrap(), q.tokens.as_ref().unwrap());
            assert_eq!(
                pt.iter().map(|k| (at[k.start], at[k.end])).collect::<Vec<_>>(),
                qt.iter().map(|k| (k.start, k.end)).collect::<Vec<_>>(),
                "{t}"
            );
            // the words are the text's own
            assert!(qt.iter().all(|k| k.word == t[k.start..k.end]));
        }
        let (c, d) = (a.classify(&s), a.classify(&t));
        assert_eq!((&c.labels, &c.scores), (&d.labels, &d.scores), "{t}");
        let span = |e: &newslens::Evidence| (e.topic.clone(), e.term.clone(), e.kind, e.weight);
        assert_eq!(
            c.evidence
                .iter()
                .map(|e| (span(e), at[e.start], at[e.end]))
                .collect::<Vec<_>>(),
            d.evidence.iter().map(|e| (span(e), e.start, e.end)).collect::<Vec<_>>(),
            "{t}"
        );
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
    (changed, evidence_changed)
}

#[test]
fn every_dev_sentence_and_the_sample_in_traditional_get_the_same_analysis() {
    let (changed, evidence_changed) = same_analysis_when_rewritten(|s| {
        let t = traditional(s);
        // the same offsets: one three-byte character for another
        assert_eq!(t.len(), s.len());
        (t, (0..=s.len()).collect())
    });
    // most of them really are different text, and so is much of the evidence (競爭對手 for 竞争对手)
    assert!(changed > 200, "{changed}");
    assert!(evidence_changed > 100, "{evidence_changed}");
}

#[test]
fn every_dev_sentence_and_the_sample_set_full_width_get_the_same_analysis() {
    let (changed, evidence_changed) = same_analysis_when_rewritten(full_width);
    assert!(changed > 100, "{changed}");
    // evidence over full-width letters and digits (GMV, TikTok, amounts), not only around them
    assert!(evidence_changed > 100, "{evidence_changed}");
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
