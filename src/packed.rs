//! An analysis packed into flat arrays for the WebAssembly boundary.
//!
//! Building a result object property by property from wasm, or printing and re-parsing it as
//! JSON, costs more than the analysis itself (a 1 MB article has ~90,000 evidence entries).
//! Instead the analysis crosses as two typed arrays and two short strings, and a small
//! JavaScript decoder (`js/decode.js`) builds the same plain objects from them; sentence and
//! token texts are slices of the caller's own string, so no text crosses back at all.
//!
//! Offsets are UTF-16 code units. The layout (all integers `u32`, all reals `f64`):
//!
//! ```text
//! ints:   n_sentences n_topics flags(1 = evidence, 2 = tokens, 4 = names start again)
//!         per sentence: start end n_labels label… n_evidence (topic term kind start end)…
//!                       [n_tokens (start end)…]              -- only with flag 2
//!         then the summary, per topic: count n_terms (term count)… n_top top_sentence…
//! floats: per sentence: score per topic, then one weight per evidence entry;
//!         then the summary, per topic: share, then one total weight per term
//! terms:  JSON array of names: the topic names (`n_topics` of them, in order), then the other
//!         distinct evidence names; `term` above indexes it. With [`pack_analysis_with`], only
//!         the names the receiver has not had yet (an empty string if none), appended to its
//!         list; flag 4 says the list starts again.
//! kinds:  0 term, 1 word, 2 pattern
//! ```
//!
//! Analysed sentences also cross the other way, for `summarize` (the Web Worker sums up the
//! chunks of a long text; deserializing 60,000 sentence objects took seconds):
//!
//! ```text
//! ints:   n_sentences, per sentence: n_labels label… n_evidence (topic term kind)…
//! floats: per sentence: score per topic, then one weight per evidence entry
//! terms:  the distinct evidence terms; `term` above indexes it
//! ```
//!
//! `label` and `topic` index the analyzer's topics; the packer leaves out names that are not
//! among them, as [`Analyzer::summarize`] ignores them.

use crate::analyze::{AnalyzeOptions, Analyzer, SentenceRef, Summary, SummaryRow};
use crate::classify::EvidenceKind;
use crate::error::{Error, Result};
use crate::offsets::Utf16Cursor;
use rustc_hash::FxHashMap;

/// Flag bit: evidence is included.
pub const EVIDENCE: u32 = 1;
/// Flag bit: tokens are included.
pub const TOKENS: u32 = 2;
/// Flag bit: `terms` starts the list of names again (see [`pack_analysis_with`]).
pub const NAMES_RESET: u32 = 4;

/// A packed analysis (see the module documentation for the layout).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Packed {
    /// Counts, indices and UTF-16 offsets.
    pub ints: Vec<u32>,
    /// Scores and evidence weights.
    pub floats: Vec<f64>,
    /// The topic names, then the other distinct evidence names, as a JSON array.
    pub terms: String,
}

/// The evidence kind's code in [`Packed::ints`].
pub fn kind_code(kind: EvidenceKind) -> u32 {
    match kind {
        EvidenceKind::Term => 0,
        EvidenceKind::Word => 1,
        EvidenceKind::Pattern => 2,
    }
}

/// Offsets in the packed form are `u32`: JavaScript strings are far shorter than 4 G units.
fn u(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

/// The names a series of packed analyses refer to, kept from one call to the next so that
/// each call sends JavaScript only the names it has not sent before (see [`pack_analysis_with`]).
#[derive(Debug, Clone, Default)]
pub struct Names {
    ids: FxHashMap<String, u32>,
    /// The [`Analyzer::model_generation`] the names are from.
    generation: Option<u64>,
}

impl Names {
    /// How many names have been sent: what a receiver that got them all has.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no name has been sent.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The id of `name`, adding it to `new` if it is new.
    fn id(&mut self, name: &str, new: &mut Vec<String>) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = u(self.ids.len());
        self.ids.insert(name.to_owned(), id);
        new.push(name.to_owned());
        id
    }
}

/// Analyses `text` and packs the result; the same analysis as [`Analyzer::analyze_with`].
/// `terms` lists every name the result refers to.
pub fn pack_analysis(analyzer: &Analyzer, text: &str, options: AnalyzeOptions) -> Packed {
    let refs = analyzer.analyze_refs(text, options.tokens);
    let summary = analyzer.summarize_refs(&refs);
    let mut names: Vec<&str> = Vec::new();
    let mut index: FxHashMap<&str, u32> = FxHashMap::default();
    let mut id = |name| {
        let next = u(names.len());
        *index.entry(name).or_insert_with(|| {
            names.push(name);
            next
        })
    };
    for t in analyzer.model().topics() {
        id(&t.name);
    }
    let (ints, floats) = pack(analyzer, text, options, &refs, &summary, NAMES_RESET, &mut id);
    Packed {
        ints,
        floats,
        terms: serde_json::to_string(&names).unwrap_or_else(|_| "[]".into()),
    }
}

/// [`pack_analysis`], with the names already sent to JavaScript in `names`: `terms` lists only
/// the names new since then, and flag [`NAMES_RESET`] says the list starts again (the first
/// call, another model, or a receiver whose list does not have `received` names, the number
/// it says it has), so the receiver's list is what `term` indexes. It always starts with the
/// topic names.
pub fn pack_analysis_with(
    analyzer: &Analyzer,
    text: &str,
    options: AnalyzeOptions,
    names: &mut Names,
    received: usize,
) -> Packed {
    let refs = analyzer.analyze_refs(text, options.tokens);
    let summary = analyzer.summarize_refs(&refs);
    let mut new_names = Vec::new();
    let reset = names.generation != Some(analyzer.model_generation()) || names.ids.len() != received;
    if reset {
        *names = Names {
            ids: FxHashMap::default(),
            generation: Some(analyzer.model_generation()),
        };
        // topic names are all different (a config with two of one name is an error), so the
        // topics get ids 0..n_topics
        for t in analyzer.model().topics() {
            names.id(&t.name, &mut new_names);
        }
    }
    let flags = if reset { NAMES_RESET } else { 0 };
    let (ints, floats) = pack(analyzer, text, options, &refs, &summary, flags, &mut |name| {
        names.id(name, &mut new_names)
    });
    Packed {
        ints,
        floats,
        terms: if new_names.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&new_names).unwrap_or_else(|_| "[]".into())
        },
    }
}

/// The `ints` and `floats` of an analysis, naming names by `id`.
fn pack<'a>(
    analyzer: &Analyzer,
    text: &str,
    options: AnalyzeOptions,
    refs: &'a [SentenceRef<'a>],
    summary: &'a Summary,
    flags: u32,
    id: &mut impl FnMut(&'a str) -> u32,
) -> (Vec<u32>, Vec<f64>) {
    let model = analyzer.model();
    let n_topics = model.topics().len();
    let flags = flags | if options.evidence { EVIDENCE } else { 0 } | if options.tokens { TOKENS } else { 0 };
    let evidence_count: usize = if options.evidence {
        refs.iter().map(|r| r.scored.evidence.len()).sum()
    } else {
        0
    };
    let mut ints = Vec::with_capacity(3 + refs.len() * (5 + n_topics) + evidence_count * 5);
    let mut floats = Vec::with_capacity(refs.len() * n_topics + evidence_count);

    ints.extend([u(refs.len()), u(n_topics), flags]);
    let mut cur = Utf16Cursor::new(text);
    for r in refs {
        let u0 = cur.to_utf16(r.start);
        // evidence and tokens are converted within the sentence, so going back to the sentence
        // start never rescans the text before it
        let mut local = Utf16Cursor::new(&text[r.start..r.end]);
        let mut at = |byte: usize| u(u0 + local.to_utf16(byte - r.start));
        ints.push(u(u0));
        ints.push(u(cur.to_utf16(r.end)));
        let labels_at = ints.len();
        ints.push(0);
        ints.extend(r.scored.labels(model).map(u));
        ints[labels_at] = u(ints.len() - labels_at - 1);
        floats.extend_from_slice(&r.scored.scores);
        if options.evidence {
            ints.push(u(r.scored.evidence.len()));
            for e in &r.scored.evidence {
                let term = id(e.term);
                ints.extend([u(e.topic), term, kind_code(e.kind), at(e.start), at(e.end)]);
                floats.push(e.weight);
            }
        } else {
            ints.push(0);
        }
        if let Some(tokens) = &r.tokens {
            ints.push(u(tokens.len()));
            for &(a, b) in tokens {
                ints.extend([at(a), at(b)]);
            }
        }
    }
    for t in &summary.topics {
        ints.extend([u(t.count), u(t.top_terms.len())]);
        floats.push(t.share);
        for term in &t.top_terms {
            ints.extend([id(&term.term), u(term.count)]);
            floats.push(term.weight);
        }
        ints.push(u(t.top_sentences.len()));
        ints.extend(t.top_sentences.iter().map(|&i| u(i)));
    }
    (ints, floats)
}

/// Token spans as UTF-16 `[start, end, start, end, …]` (words are `text.slice(start, end)`).
pub fn pack_spans(text: &str, spans: impl IntoIterator<Item = (usize, usize)>) -> Vec<u32> {
    let mut cur = Utf16Cursor::new(text);
    let mut out = Vec::new();
    for (a, b) in spans {
        out.push(u(cur.to_utf16(a)));
        out.push(u(cur.to_utf16(b)));
    }
    out
}

/// One sentence of the packed summary input, checked.
struct Row<'a> {
    labels: &'a [u32],
    scores: &'a [f64],
    /// (topic, term, kind) triples
    evidence: &'a [u32],
    weights: &'a [f64],
    terms: &'a [String],
}

impl SummaryRow for Row<'_> {
    fn labelled(&self, t: usize, _: &str, _: f64) -> bool {
        self.labels.contains(&u(t))
    }
    fn score(&self, t: usize, _: &str) -> f64 {
        self.scores[t]
    }
    fn each_evidence<'a>(&'a self, _: &[String], f: &mut dyn FnMut(usize, &'a str, EvidenceKind, f64)) {
        for (e, &w) in self.evidence.chunks_exact(3).zip(self.weights) {
            let kind = match e[2] {
                0 => EvidenceKind::Term,
                1 => EvidenceKind::Word,
                _ => EvidenceKind::Pattern,
            };
            f(e[0] as usize, &self.terms[e[1] as usize], kind, w);
        }
    }
}

/// The summary of packed analysed sentences (layout in the module documentation); the same as
/// [`Analyzer::summarize`] of the sentences they were packed from.
///
/// # Errors
/// Arrays that do not follow the layout (too short or too long, an index out of range).
pub fn summarize_packed(analyzer: &Analyzer, ints: &[u32], floats: &[f64], terms: &[String]) -> Result<Summary> {
    let bad = |what: &str| Error::Argument(format!("packed sentences: {what}"));
    let nt = analyzer.topics().len();
    let (mut i, mut f) = (1, 0);
    let take = |k: usize, i: &mut usize| -> Result<std::ops::Range<usize>> {
        let r = *i..i
            .checked_add(k)
            .filter(|&e| e <= ints.len())
            .ok_or_else(|| bad("ints too short"))?;
        *i = r.end;
        Ok(r)
    };
    let n = *ints.first().ok_or_else(|| bad("empty"))? as usize;
    let mut rows = Vec::with_capacity(n.min(ints.len()));
    for _ in 0..n {
        let nl = ints[take(1, &mut i)?.start] as usize;
        let labels = &ints[take(nl, &mut i)?];
        let ne = ints[take(1, &mut i)?.start] as usize;
        let evidence = &ints[take(
            ne.checked_mul(3).ok_or_else(|| bad("too many evidence entries"))?,
            &mut i,
        )?];
        let fr = f..f + nt + ne;
        if fr.end > floats.len() {
            return Err(bad("floats too short"));
        }
        f = fr.end;
        if labels.iter().any(|&t| t as usize >= nt) || evidence.chunks_exact(3).any(|e| e[0] as usize >= nt) {
            return Err(bad("topic index out of range"));
        }
        if evidence
            .chunks_exact(3)
            .any(|e| e[1] as usize >= terms.len() || e[2] > 2)
        {
            return Err(bad("term index or kind out of range"));
        }
        rows.push(Row {
            labels,
            scores: &floats[fr.start..fr.start + nt],
            evidence,
            weights: &floats[fr.start + nt..fr.end],
            terms,
        });
    }
    if i != ints.len() || f != floats.len() {
        return Err(bad("arrays longer than their sentences"));
    }
    Ok(analyzer.summarize_rows(&rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{Analysis, Summary};
    use crate::classify::{Evidence, ModelSpec};
    use crate::offsets::utf16_len;
    use crate::{Scores, Sentence, TermTotal, Token, TopicSummary};

    /// What `js/decode.js` does, in Rust: the packed form must give back the analysis.
    fn unpack(text: &str, p: &Packed) -> Analysis {
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let slice = |a: u32, b: u32| String::from_utf16_lossy(&utf16[a as usize..b as usize]);
        let terms: Vec<String> = serde_json::from_str(&p.terms).unwrap();
        let topics = &terms[..p.ints[1] as usize];
        let (mut i, mut f) = (3, 0);
        let mut next = || {
            i += 1;
            p.ints[i - 1]
        };
        let (n, nt, flags) = (p.ints[0], p.ints[1] as usize, p.ints[2]);
        let mut sentences = Vec::new();
        for _ in 0..n {
            let (start, end) = (next(), next());
            let labels = (0..next()).map(|_| topics[next() as usize].clone()).collect();
            let scores = Scores(
                topics
                    .iter()
                    .cloned()
                    .zip(p.floats[f..f + nt].iter().copied())
                    .collect(),
            );
            f += nt;
            let evidence = (0..next())
                .map(|_| {
                    let (topic, term, kind, s, e) = (next(), next(), next(), next(), next());
                    f += 1;
                    Evidence {
                        topic: topics[topic as usize].clone(),
                        term: terms[term as usize].clone(),
                        kind: [EvidenceKind::Term, EvidenceKind::Word, EvidenceKind::Pattern][kind as usize],
                        weight: p.floats[f - 1],
                        start: s as usize,
                        end: e as usize,
                    }
                })
                .collect();
            let tokens = (flags & TOKENS != 0).then(|| {
                (0..next())
                    .map(|_| {
                        let (a, b) = (next(), next());
                        Token {
                            word: slice(a, b),
                            start: a as usize,
                            end: b as usize,
                        }
                    })
                    .collect()
            });
            sentences.push(Sentence {
                text: slice(start, end),
                start: start as usize,
                end: end as usize,
                topics: labels,
                scores,
                evidence,
                tokens,
            });
        }
        let topics = topics
            .iter()
            .map(|topic| {
                let count = next() as usize;
                f += 1;
                let share = p.floats[f - 1];
                let top_terms = (0..next())
                    .map(|_| {
                        let (term, count) = (next(), next());
                        f += 1;
                        TermTotal {
                            term: terms[term as usize].clone(),
                            count: count as usize,
                            weight: p.floats[f - 1],
                        }
                    })
                    .collect();
                let top_sentences = (0..next()).map(|_| next() as usize).collect();
                TopicSummary {
                    topic: topic.clone(),
                    count,
                    share,
                    top_terms,
                    top_sentences,
                }
            })
            .collect();
        assert_eq!((i, f), (p.ints.len(), p.floats.len()), "every value read");
        Analysis {
            summary: Summary {
                sentences: n as usize,
                topics,
            },
            sentences,
        }
    }

    /// The analysis with byte offsets turned into UTF-16 offsets.
    fn in_utf16(text: &str, mut a: Analysis) -> Analysis {
        let at = |b: usize| utf16_len(&text[..b]);
        for s in &mut a.sentences {
            (s.start, s.end) = (at(s.start), at(s.end));
            for e in &mut s.evidence {
                (e.start, e.end) = (at(e.start), at(e.end));
            }
            for t in s.tokens.iter_mut().flatten() {
                (t.start, t.end) = (at(t.start), at(t.end));
            }
        }
        a
    }

    /// With a kept list of names, a call sends only names new to it, and the whole list again
    /// once the model changed; unpacked against the kept list, the result is the analysis.
    #[test]
    fn names_are_sent_once_per_model() {
        let mut analyzer = Analyzer::new().unwrap();
        let mut names = Names::default();
        let mut kept: Vec<String> = Vec::new();
        let mut call = |analyzer: &Analyzer, text: &str| {
            let p = pack_analysis_with(analyzer, text, AnalyzeOptions::default(), &mut names, kept.len());
            if p.ints[2] & NAMES_RESET != 0 {
                kept.clear();
            }
            let new: Vec<String> = if p.terms.is_empty() {
                Vec::new()
            } else {
                serde_json::from_str(&p.terms).unwrap()
            };
            kept.extend(new.iter().cloned());
            let full = Packed {
                terms: serde_json::to_string(&kept).unwrap(),
                ..p.clone()
            };
            assert_eq!(unpack(text, &full), in_utf16(text, analyzer.analyze(text)), "{text}");
            (p.ints[2] & NAMES_RESET != 0, new)
        };
        let text = "监管部门对TikTok Shop罚款3.25亿元，Shopee趁机抢夺商家。";
        let (reset, new) = call(&analyzer, text);
        assert!(
            reset && new[..3] == ["regulation", "competition", "monetization"] && new.contains(&"罚款".to_string())
        );
        assert_eq!(call(&analyzer, text), (false, vec![]));
        assert_eq!(
            call(&analyzer, "阿里巴巴收取佣金。"),
            (false, vec!["@entity".to_string(), "佣金".to_string()])
        );
        analyzer.set_spec(ModelSpec::lexicons_only().unwrap()).unwrap();
        let (reset, new) = call(&analyzer, text);
        assert!(reset && new.contains(&"罚款".to_string()));
        // another analyzer, even with a model as new, starts the list again
        let other = Analyzer::new().unwrap();
        assert!(call(&other, text).0);
        assert!(call(&analyzer, text).0);
        // and so does a receiver that lost its list
        let p = pack_analysis_with(&analyzer, text, AnalyzeOptions::default(), &mut names, 0);
        assert!(p.ints[2] & NAMES_RESET != 0 && p.terms.contains("罚款"));
    }

    #[test]
    fn packed_analysis_unpacks_to_the_analysis() {
        let analyzer = Analyzer::new().unwrap();
        let sample = include_str!("../tests/fixtures/sample-articles.txt");
        let text = format!(
            "𠮷😀 TikTok Shop与Shopee竞争。{}\n监管部门宣布罚款3.25亿元！",
            &sample[..2000.min(sample.len())]
        );
        for (tokens, evidence) in [(false, true), (true, true), (false, false), (true, false)] {
            let options = AnalyzeOptions { tokens, evidence };
            let packed = pack_analysis(&analyzer, &text, options);
            let expected = in_utf16(&text, analyzer.analyze_with(&text, options));
            assert!(!expected.sentences.is_empty());
            assert_eq!(unpack(&text, &packed), expected, "{options:?}");
        }
        let empty = pack_analysis(&analyzer, "", AnalyzeOptions::default());
        // (a list of names of its own, so it starts the list)
        assert_eq!(empty.ints, [0, 3, EVIDENCE | NAMES_RESET, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(empty.terms, r#"["regulation","competition","monetization"]"#);
    }

    /// What `packSentences` in `js/decode.js` does, in Rust.
    fn pack_sentences(topics: &[String], sentences: &[Sentence]) -> (Vec<u32>, Vec<f64>, Vec<String>) {
        let (mut ints, mut floats, mut terms) = (vec![u(sentences.len())], Vec::new(), Vec::<String>::new());
        let topic = |name: &str| topics.iter().position(|t| t == name).map(u);
        for s in sentences {
            let labels: Vec<u32> = s.topics.iter().filter_map(|t| topic(t)).collect();
            ints.push(u(labels.len()));
            ints.extend(labels);
            floats.extend(topics.iter().map(|t| s.scores.get(t).unwrap_or(0.0)));
            let evidence: Vec<&Evidence> = s.evidence.iter().filter(|e| topic(&e.topic).is_some()).collect();
            ints.push(u(evidence.len()));
            for e in evidence {
                let term = terms.iter().position(|t| *t == e.term).unwrap_or_else(|| {
                    terms.push(e.term.clone());
                    terms.len() - 1
                });
                ints.extend([topic(&e.topic).unwrap(), u(term), kind_code(e.kind)]);
                floats.push(e.weight);
            }
        }
        (ints, floats, terms)
    }

    #[test]
    fn packed_sentences_summarize_as_the_sentences() {
        let analyzer = Analyzer::new().unwrap();
        let text = include_str!("../tests/fixtures/sample-articles.txt");
        let analysis = analyzer.analyze(text);
        let (ints, floats, terms) = pack_sentences(&analyzer.topics(), &analysis.sentences);
        let summary = summarize_packed(&analyzer, &ints, &floats, &terms).unwrap();
        assert!(summary.topics.iter().all(|t| t.count > 0 && !t.top_terms.is_empty()));
        assert_eq!(summary, analysis.summary);
        assert_eq!(summary, analyzer.summarize(&analysis.sentences));
        let empty = summarize_packed(&analyzer, &[0], &[], &[]).unwrap();
        assert_eq!(empty, analyzer.analyze("").summary);

        // arrays that do not follow the layout are errors, never panics
        let few = &analysis.sentences[..12];
        let (ints, floats, terms) = pack_sentences(&analyzer.topics(), few);
        assert!(summarize_packed(&analyzer, &ints, &floats, &terms).is_ok());
        for k in 0..ints.len() {
            assert!(
                summarize_packed(&analyzer, &ints[..k], &floats, &terms).is_err(),
                "ints cut at {k}"
            );
        }
        for k in 0..floats.len() {
            assert!(
                summarize_packed(&analyzer, &ints, &floats[..k], &terms).is_err(),
                "floats cut at {k}"
            );
        }
        let longer = [&ints[..], &[0]].concat();
        assert!(summarize_packed(&analyzer, &longer, &floats, &terms).is_err());
        let mut huge = ints.clone();
        huge[0] = u32::MAX;
        assert!(summarize_packed(&analyzer, &huge, &floats, &terms).is_err());
        let mut labels = ints.clone();
        labels[1] = u32::MAX; // the first sentence's number of labels
        assert!(summarize_packed(&analyzer, &labels, &floats, &terms).is_err());
        let e = summarize_packed(&analyzer, &ints, &floats, &terms[..terms.len() - 1]).unwrap_err();
        assert!(e.to_string().contains("packed sentences: term index"), "{e}");
    }

    #[test]
    fn spans_are_utf16() {
        assert_eq!(pack_spans("𠮷a中", [(0, 4), (4, 5), (5, 8)]), [0, 2, 2, 3, 3, 4]);
    }
}
