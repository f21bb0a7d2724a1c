//! The pipeline: sentences → words → topic labels with evidence → an article summary.

use crate::classify::{Classification, Evidence, EvidenceKind, Model, ModelSpec, Scored, Scores};
use crate::config::{Config, WordConfig};
use crate::error::{Error, Result};
use crate::learn::{Evaluation, Example};
use crate::segment::{Mode, Segmenter, Token};
use crate::sentence::split_sentences;
use crate::teach::{teaching_options, DictWord};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// How many evidence terms and sentences a topic summary lists.
pub const SUMMARY_TOP: usize = 5;

/// One analysed sentence. Offsets are bytes into the analysed text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sentence {
    /// The sentence, exactly `text[start..end]`.
    pub text: String,
    /// Byte offset of its start in the analysed text.
    pub start: usize,
    /// Byte offset of its end.
    pub end: usize,
    /// Topics whose score reached their threshold, in topic order.
    pub topics: Vec<String>,
    /// Every topic's score in [0, 1].
    pub scores: Scores,
    /// The features that moved the scores; offsets into the analysed text.
    pub evidence: Vec<Evidence>,
    /// The sentence's words (only when asked for); offsets into the analysed text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<Token>>,
}

/// A summary of one topic over the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TopicSummary {
    /// The topic.
    pub topic: String,
    /// How many sentences carry the label.
    pub count: usize,
    /// `count` / number of sentences (0 for an empty text).
    pub share: f64,
    /// The evidence terms (lexicon terms and learned words, not patterns) with the most total
    /// weight towards the topic in labelled sentences.
    pub top_terms: Vec<TermTotal>,
    /// Indices of the labelled sentences with the highest scores, best first.
    pub top_sentences: Vec<usize>,
}

/// An evidence term and how much it contributed over the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TermTotal {
    /// The term.
    pub term: String,
    /// Occurrences in labelled sentences.
    pub count: usize,
    /// Sum of its evidence weights.
    pub weight: f64,
}

/// The whole article's summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Number of sentences.
    pub sentences: usize,
    /// One entry per topic, in topic order.
    pub topics: Vec<TopicSummary>,
}

/// The result of [`Analyzer::analyze`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Analysis {
    /// The sentences, in order; they tile the text up to whitespace between them.
    pub sentences: Vec<Sentence>,
    /// Per-topic counts, shares, top terms and top sentences.
    pub summary: Summary,
}

/// Options of [`Analyzer::analyze_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnalyzeOptions {
    /// Include each sentence's words (default false).
    pub tokens: bool,
    /// Include each sentence's evidence (default true). Without it the result is several times
    /// smaller, which is what makes large texts fast across the wasm boundary; labels, scores
    /// and the summary (which is computed from the evidence first) are the same.
    pub evidence: bool,
}

impl Default for AnalyzeOptions {
    fn default() -> Self {
        AnalyzeOptions {
            tokens: false,
            evidence: true,
        }
    }
}

/// A model generation not given out before in this process.
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Splits, segments and classifies. Build once, then reuse for every text. jieba's dictionary
/// is loaded as texts need it (see [`Segmenter`]): a first headline loads a few thousand
/// words, a first long article most of the 349,045; [`Analyzer::preload`] loads the rest at a
/// time of your choosing. Results never depend on what was loaded before.
///
/// ```
/// let analyzer = newslens::Analyzer::new().unwrap();
/// let analysis = analyzer.analyze("印尼政府宣布禁止社交媒体平台进行电商交易。TikTok Shop的GMV随之下滑。");
/// assert_eq!(analysis.sentences.len(), 2);
/// assert!(analysis.sentences[0].topics.contains(&"regulation".to_string()));
/// ```
#[derive(Debug)]
pub struct Analyzer {
    segmenter: Segmenter,
    /// The model as configured, before the reader's examples: what learning starts from.
    base: ModelSpec,
    spec: ModelSpec,
    model: Model,
    examples: Vec<Example>,
    /// The dictionary words added so far, each once (its last frequency), for
    /// [`Analyzer::export_model`], in the order first added.
    words: Vec<DictWord>,
    /// The index of each word in `words`.
    word_index: FxHashMap<String, usize>,
    /// A number no other model in this process has had (see [`Analyzer::model_generation`]).
    generation: u64,
}

/// New examples (of `train`, `crossValidate`): see [`crate::learn::check_example`]; indices are
/// into `examples`.
fn check_examples(base: &ModelSpec, examples: &[Example]) -> Result<()> {
    for (i, e) in examples.iter().enumerate() {
        crate::learn::check_example(base, "text", &e.text, &e.labels)
            .map_err(|m| Error::Argument(format!("examples[{i}]: {m}")))?;
    }
    Ok(())
}

impl Analyzer {
    /// The default analyzer: jieba with the domain dictionary, the shipped lexicons and weights.
    ///
    /// # Errors
    /// Only if the shipped data were malformed (tests guard it).
    pub fn new() -> Result<Analyzer> {
        Analyzer::with_config(&Config::default())
    }

    /// An analyzer with custom topics, threshold and dictionary words.
    ///
    /// # Errors
    /// An invalid configuration; the message names the topic, term or field at fault.
    pub fn with_config(config: &Config) -> Result<Analyzer> {
        let mut spec = ModelSpec::default_spec()?;
        config.apply(&mut spec)?;
        let model = spec.compile()?;
        let mut analyzer = Analyzer {
            segmenter: Segmenter::new()?,
            base: spec.clone(),
            spec,
            model,
            examples: Vec::new(),
            words: Vec::new(),
            word_index: FxHashMap::default(),
            generation: next_generation(),
        };
        // checked first, as `configure` does, so an error names the word at fault (`words[3]`)
        analyzer
            .segmenter
            .check_words(config.words.iter().map(WordConfig::parts))?;
        for w in &config.words {
            let (word, freq, tag) = w.parts();
            analyzer.add_word(word, freq, tag)?;
        }
        Ok(analyzer)
    }

    /// Replaces the topics and threshold with those of `config` (starting again from the
    /// shipped defaults) and adds its words. On error nothing changes.
    ///
    /// # Errors
    /// As [`Analyzer::with_config`].
    pub fn configure(&mut self, config: &Config) -> Result<()> {
        let mut spec = ModelSpec::default_spec()?;
        config.apply(&mut spec)?;
        let model = spec.compile()?;
        // every word can be added (the total frequency included) before any is
        self.segmenter.check_words(config.words.iter().map(WordConfig::parts))?;
        for w in &config.words {
            let (word, freq, tag) = w.parts();
            self.add_word(word, freq, tag)?;
        }
        self.base = spec.clone();
        self.spec = spec;
        self.model = model;
        self.generation = next_generation();
        self.examples.clear();
        Ok(())
    }

    /// Learns from one labelled sentence (see [`Analyzer::train`]).
    ///
    /// # Errors
    /// A blank sentence, or a label that is not one of the topics or is given twice.
    pub fn learn(&mut self, sentence: &str, labels: &[String]) -> Result<()> {
        crate::learn::check_example(&self.base, "sentence", sentence, labels).map_err(Error::Argument)?;
        self.train(&[Example {
            text: sentence.to_owned(),
            labels: labels.to_vec(),
        }])
    }

    /// Adds labelled sentences to the reader's examples and refits every topic on all of them,
    /// starting from (and regularised towards) the configured model, so a few examples move
    /// the words they contain without erasing the defaults. On error nothing changes.
    ///
    /// # Errors
    /// An example with blank text, or a label that is not one of the topics or is given twice.
    pub fn train(&mut self, examples: &[Example]) -> Result<()> {
        // (indices into `examples`, not into all the examples so far)
        check_examples(&self.base, examples)?;
        let mut all = self.examples.clone();
        all.extend_from_slice(examples);
        let spec = crate::learn::fit(&self.segmenter, &self.base, &all, &teaching_options())?;
        self.set_spec(spec)?;
        self.examples = all;
        Ok(())
    }

    /// The reader's examples so far.
    pub fn examples(&self) -> &[Example] {
        &self.examples
    }

    /// Forgets the reader's examples: back to the configured model.
    pub fn reset_learning(&mut self) -> Result<()> {
        self.set_spec(self.base.clone())?;
        self.examples.clear();
        Ok(())
    }

    /// k-fold cross-validation of learning from `examples` on top of the configured model.
    ///
    /// # Errors
    /// k < 2 or more than the examples; an example with blank text, or a label unknown or given twice.
    pub fn cross_validate(&self, examples: &[Example], k: usize) -> Result<Evaluation> {
        check_examples(&self.base, examples)?;
        crate::learn::cross_validate(&self.segmenter, &self.base, examples, k, &teaching_options())
    }

    /// The configured model and the reader's examples as versioned JSON; [`Analyzer::import_model`]
    /// refits the same model from it.
    pub fn export_model(&self) -> String {
        crate::teach::export(&self.base, &self.examples, &self.words)
    }

    /// Replaces the model with an exported one and adds its dictionary words. On error nothing
    /// changes.
    ///
    /// # Errors
    /// Not an export, another version, or invalid content (see [`crate::teach::import`]).
    pub fn import_model(&mut self, json: &str) -> Result<()> {
        let crate::teach::Imported {
            spec: base,
            examples,
            words,
        } = crate::teach::import(json)?;
        // the exported dictionary words first, so that the examples are fitted as they were;
        // all of them can be added (checked here, the total frequency included) before any is
        self.segmenter
            .check_words(words.iter().map(|w| (w.word.as_str(), Some(w.freq), w.tag.as_deref())))
            .map_err(|e| Error::Model(e.to_string()))?;
        for w in &words {
            self.add_word(&w.word, Some(w.freq), w.tag.as_deref())?;
        }
        let spec = if examples.is_empty() {
            base.clone()
        } else {
            crate::learn::fit(&self.segmenter, &base, &examples, &teaching_options())?
        };
        self.set_spec(spec)?;
        self.base = base;
        self.examples = examples;
        Ok(())
    }

    /// The model spec in use (topics, terms, learned weights).
    pub fn spec(&self) -> &ModelSpec {
        &self.spec
    }

    /// Replaces the model spec (used by learning). On error nothing changes.
    ///
    /// # Errors
    /// If the spec cannot be compiled.
    pub fn set_spec(&mut self, spec: ModelSpec) -> Result<()> {
        self.model = spec.compile()?;
        self.spec = spec;
        self.generation = next_generation();
        Ok(())
    }

    /// Loads the rest of jieba's dictionary now (100–300 ms in WebAssembly, 110–210 ms
    /// natively), so that no later call pays for it. Results are the same either way.
    pub fn preload(&self) {
        self.segmenter.preload();
    }

    /// A number that changes whenever the model (topics, terms, weights) does, and that no
    /// other analyzer's model in this process has had: what the WebAssembly layer checks before
    /// reusing the names it has already sent to JavaScript.
    pub fn model_generation(&self) -> u64 {
        self.generation
    }

    /// The segmenter (jieba with the domain dictionary).
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// The compiled model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Topic names, in order.
    pub fn topics(&self) -> Vec<String> {
        self.model.topics().iter().map(|t| t.name.clone()).collect()
    }

    /// Analyses an article. Empty text gives no sentences.
    pub fn analyze(&self, text: &str) -> Analysis {
        self.analyze_with(text, AnalyzeOptions::default())
    }

    /// Analyses an article, with options.
    pub fn analyze_with(&self, text: &str, options: AnalyzeOptions) -> Analysis {
        let refs = self.analyze_refs(text, options.tokens);
        let summary = self.summarize_refs(&refs);
        let sentences = refs
            .iter()
            .map(|r| self.sentence_from_ref(text, r, options.evidence))
            .collect();
        Analysis { sentences, summary }
    }

    /// Analyses an article into [`SentenceRef`]s: the same results as
    /// [`Analyzer::analyze_with`], naming topics by index and features by reference, with
    /// nothing copied; what the WebAssembly layer packs for JavaScript.
    pub fn analyze_refs(&self, text: &str, tokens: bool) -> Vec<SentenceRef<'_>> {
        split_sentences(text)
            .into_iter()
            .map(|r| self.sentence_ref(text, r.start, r.end, tokens))
            .collect()
    }

    /// Segments and scores the sentence `text[start..end]`; offsets are into `text`.
    fn sentence_ref(&self, text: &str, start: usize, end: usize, tokens: bool) -> SentenceRef<'_> {
        let (scored, tokens) = self.model.read(&self.segmenter, &text[start..end], |words, hits| {
            let mut scored = self.model.score_ref(&hits);
            for e in &mut scored.evidence {
                e.start += start;
                e.end += start;
            }
            let tokens = tokens.then(|| words.iter().map(|&(_, a, b)| (start + a, start + b)).collect());
            (scored, tokens)
        });
        SentenceRef {
            start,
            end,
            scored,
            tokens,
        }
    }

    /// The summary of sentences from [`Analyzer::analyze_refs`].
    pub fn summarize_refs(&self, sentences: &[SentenceRef<'_>]) -> Summary {
        summarize(&self.topics(), sentences, |s| self.model.topics()[s].threshold)
    }

    /// The summary of already analysed sentences (for example the chunks of a long text
    /// analysed one after another).
    pub fn summarize(&self, sentences: &[Sentence]) -> Summary {
        self.summarize_rows(sentences)
    }

    /// The summary of rows that carry their own labels (analysed sentences, or their packed form).
    pub(crate) fn summarize_rows<S: SummaryRow>(&self, rows: &[S]) -> Summary {
        summarize(&self.topics(), rows, |_| 0.0)
    }

    fn sentence_from_ref(&self, text: &str, r: &SentenceRef<'_>, evidence: bool) -> Sentence {
        let c = self.model.classification(&r.scored, evidence);
        Sentence {
            text: text[r.start..r.end].to_owned(),
            start: r.start,
            end: r.end,
            topics: c.labels,
            scores: c.scores,
            evidence: c.evidence,
            tokens: r.tokens.as_ref().map(|ts| {
                ts.iter()
                    .map(|&(a, b)| Token {
                        word: text[a..b].to_owned(),
                        start: a,
                        end: b,
                    })
                    .collect()
            }),
        }
    }

    /// Analyses the sentence `text[start..end]`; offsets in the result are into `text`.
    pub fn analyze_sentence(&self, text: &str, start: usize, end: usize, options: AnalyzeOptions) -> Sentence {
        let r = self.sentence_ref(text, start, end, options.tokens);
        self.sentence_from_ref(text, &r, options.evidence)
    }

    /// Classifies one sentence (the whole text is taken as one sentence); evidence offsets are
    /// bytes into `sentence`.
    pub fn classify(&self, sentence: &str) -> Classification {
        self.model
            .read(&self.segmenter, sentence, |_, hits| self.model.score(&hits))
    }

    /// Segments text into words; offsets are bytes.
    pub fn segment(&self, text: &str, mode: Mode) -> Vec<Token> {
        self.segmenter.segment(text, mode, true)
    }

    /// Segments text with HMM (new-word discovery) on or off.
    pub fn segment_with(&self, text: &str, mode: Mode, hmm: bool) -> Vec<Token> {
        self.segmenter.segment(text, mode, hmm)
    }

    /// Sentence byte ranges of `text` (see [`crate::sentence`]).
    pub fn split_sentences(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        split_sentences(text)
    }

    /// Adds a dictionary word; returns the frequency it was given.
    ///
    /// # Errors
    /// An empty word or one containing whitespace.
    pub fn add_word(&mut self, word: &str, freq: Option<usize>, tag: Option<&str>) -> Result<usize> {
        let freq = self.segmenter.add_word(word, freq, tag)?;
        let added = DictWord {
            word: word.to_owned(),
            freq,
            tag: tag.map(str::to_owned),
        };
        match self.word_index.get(word) {
            Some(&i) => self.words[i] = added,
            None => {
                self.word_index.insert(word.to_owned(), self.words.len());
                self.words.push(added);
            }
        }
        Ok(freq)
    }
}

/// One analysed sentence as [`Analyzer::analyze_refs`] gives it: byte offsets into the text,
/// scores per topic index, evidence naming features by reference into the model.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceRef<'m> {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// Scores and evidence; evidence offsets are into the text.
    pub scored: Scored<'m>,
    /// The words' byte spans, when asked for.
    pub tokens: Option<Vec<(usize, usize)>>,
}

/// What a summary reads from a sentence, in either form.
pub(crate) trait SummaryRow {
    /// Whether the sentence carries topic `t` (named `name`).
    fn labelled(&self, t: usize, name: &str, threshold: f64) -> bool;
    /// Its score for topic `t`.
    fn score(&self, t: usize, name: &str) -> f64;
    /// Calls `f(topic index, term, kind, weight)` for each evidence entry, in order.
    fn each_evidence<'a>(&'a self, topics: &[String], f: &mut dyn FnMut(usize, &'a str, EvidenceKind, f64));
}

impl SummaryRow for Sentence {
    fn labelled(&self, _: usize, name: &str, _: f64) -> bool {
        self.topics.iter().any(|t| t == name)
    }
    fn score(&self, _: usize, name: &str) -> f64 {
        self.scores.get(name).unwrap_or(0.0)
    }
    fn each_evidence<'a>(&'a self, topics: &[String], f: &mut dyn FnMut(usize, &'a str, EvidenceKind, f64)) {
        for e in &self.evidence {
            if let Some(t) = topics.iter().position(|name| *name == e.topic) {
                f(t, &e.term, e.kind, e.weight);
            }
        }
    }
}

impl SummaryRow for SentenceRef<'_> {
    fn labelled(&self, t: usize, _: &str, threshold: f64) -> bool {
        self.scored.scores[t] >= threshold
    }
    fn score(&self, t: usize, _: &str) -> f64 {
        self.scored.scores[t]
    }
    fn each_evidence<'a>(&'a self, _: &[String], f: &mut dyn FnMut(usize, &'a str, EvidenceKind, f64)) {
        for e in &self.scored.evidence {
            f(e.topic, e.term, e.kind, e.weight);
        }
    }
}

fn summarize<S: SummaryRow>(topics: &[String], sentences: &[S], threshold: impl Fn(usize) -> f64) -> Summary {
    let n = sentences.len();
    let mut labelled: Vec<Vec<usize>> = vec![Vec::new(); topics.len()];
    let mut totals: Vec<FxHashMap<&str, (usize, f64)>> = vec![FxHashMap::default(); topics.len()];
    for (i, s) in sentences.iter().enumerate() {
        let has: Vec<bool> = topics
            .iter()
            .enumerate()
            .map(|(t, name)| s.labelled(t, name, threshold(t)))
            .collect();
        for (t, &h) in has.iter().enumerate() {
            if h {
                labelled[t].push(i);
            }
        }
        // patterns (@rivals, @money) are shown per sentence, not as terms
        s.each_evidence(topics, &mut |t, term, kind, weight| {
            if has[t] && kind != EvidenceKind::Pattern && weight > 0.0 {
                let total = totals[t].entry(term).or_default();
                total.0 += 1;
                total.1 += weight;
            }
        });
    }
    let topics = topics
        .iter()
        .enumerate()
        .zip(labelled.into_iter().zip(totals))
        .map(|((t, topic), (labelled, totals))| {
            let mut top_terms: Vec<TermTotal> = totals
                .into_iter()
                .map(|(term, (count, weight))| TermTotal {
                    term: term.to_owned(),
                    count,
                    weight,
                })
                .collect();
            top_terms.sort_by(|a, b| b.weight.total_cmp(&a.weight).then_with(|| a.term.cmp(&b.term)));
            top_terms.truncate(SUMMARY_TOP);
            let mut top_sentences = labelled.clone();
            let score = |i: usize| sentences[i].score(t, topic);
            top_sentences.sort_by(|&a, &b| score(b).total_cmp(&score(a)).then(a.cmp(&b)));
            top_sentences.truncate(SUMMARY_TOP);
            TopicSummary {
                topic: topic.clone(),
                count: labelled.len(),
                share: if n == 0 { 0.0 } else { labelled.len() as f64 / n as f64 },
                top_terms,
                top_sentences,
            }
        })
        .collect();
    Summary { sentences: n, topics }
}
