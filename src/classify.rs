//! Topic classification: lexicon terms, learned words and patterns, scored per topic by a
//! logistic model whose every weight is shown as evidence.
//!
//! # How a sentence is scored
//! 1. The sentence is cut into words by jieba. Lexicon terms are matched with one
//!    Aho-Corasick automaton (ASCII case-insensitive) and kept only where the match starts and
//!    ends on word boundaries, so 法 inside 方法 never fires, while a phrase may span several
//!    words (`TikTok Shop`, 二选一). A match inside a longer match is dropped.
//! 2. Words not covered by a lexicon term or an entity name are *word* features (weights learned
//!    from the training articles).
//! 3. Patterns: `@rivals` (two or more different companies or platforms named), `@entity`
//!    (exactly one named), `@money` (an amount with a currency: 3.25亿美元, $50, 数十亿元),
//!    `@percent` (12%, 3个百分点), `@compare` (与 X 相比, X 比 Y 更), `@rank` (第二大, 排名第三),
//!    `@players` (各大平台, 其他车企), `@law` (a law, rule or decree named by its title:
//!    《移动软件竞争促进法》; the terms, words and names inside the title are dropped, so the
//!    title speaks only as a law).
//! 4. For every topic, `score = sigmoid(bias + Σ weights of the features present)`; a feature
//!    counts once per sentence, and its weight is shared equally between its occurrences in
//!    the evidence, so `bias + Σ evidence weights` is exactly the logit of the score.
//! 5. A topic is a label when its score is at least the topic's threshold
//!    ([`DEFAULT_THRESHOLD`] unless configured or fitted).

use crate::error::{Error, Result};
use crate::lexicon::{self, WeightLine};
use crate::script::{normalized, Reading};
use crate::segment::Segmenter;
use aho_corasick::automaton::OverlappingState;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use rustc_hash::FxHashMap;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::collections::HashMap;

/// The label threshold unless a topic says otherwise.
pub const DEFAULT_THRESHOLD: f64 = 0.5;
/// The bias of a topic that has not been fitted (custom topics): with it, one term of
/// weight 1 gives a score of 0.5.
pub const DEFAULT_BIAS: f64 = -1.0;

/// The three default topics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Topic {
    /// Rules, regulators, laws, bans, licences, investigations, compliance.
    Regulation,
    /// Rivalry between companies: rivals, market share, overtaking, exclusivity, price wars.
    Competition,
    /// How money is made or moved: revenue, GMV, ads, commissions, subsidies, prices, payments.
    Monetization,
}

impl Topic {
    /// All default topics, in their fixed order.
    pub const ALL: [Topic; 3] = [Topic::Regulation, Topic::Competition, Topic::Monetization];

    /// The lowercase name used in results: `regulation`, `competition`, `monetization`.
    pub fn name(self) -> &'static str {
        match self {
            Topic::Regulation => "regulation",
            Topic::Competition => "competition",
            Topic::Monetization => "monetization",
        }
    }

    /// The topic with this name, if it is a default topic.
    pub fn from_name(name: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// The patterns the classifier recognises besides words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pattern {
    /// Two or more different companies or platforms named in the sentence.
    Rivals,
    /// Exactly one company or platform named.
    Entity,
    /// An amount of money.
    Money,
    /// A percentage or percentage points.
    Percent,
    /// A comparison construction: 与 X 相比, X 比 Y 更…, 而 X 则, 前者 … 后者.
    Compare,
    /// A rank: 第二大, 排名第三, 前五, TOP 3.
    Rank,
    /// Several players of a market named as a class: 各大平台, 几家云厂商, 其他车企.
    Players,
    /// A law, rule or decree named by its title: 《数字市场法》, 《网络游戏管理办法（草案）》.
    Law,
}

impl Pattern {
    /// All patterns.
    pub const ALL: [Pattern; 8] = [
        Pattern::Rivals,
        Pattern::Entity,
        Pattern::Money,
        Pattern::Percent,
        Pattern::Compare,
        Pattern::Rank,
        Pattern::Players,
        Pattern::Law,
    ];

    /// The name shown as evidence, e.g. `@rivals`.
    pub fn name(self) -> &'static str {
        match self {
            Pattern::Rivals => "@rivals",
            Pattern::Entity => "@entity",
            Pattern::Money => "@money",
            Pattern::Percent => "@percent",
            Pattern::Compare => "@compare",
            Pattern::Rank => "@rank",
            Pattern::Players => "@players",
            Pattern::Law => "@law",
        }
    }

    /// The pattern with this name.
    pub fn from_name(name: &str) -> Option<Pattern> {
        Pattern::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// Patterns with a prior weight, as lexicon terms have (on the same 0.2..3.0 scale): knowledge
/// of the guidelines rather than only what the fit learns. A law, rule or decree named by its
/// title is regulation by definition, but train's few such sentences nearly all have a
/// regulation term besides, so the fit alone would leave the pattern weak (+0.84) for the laws
/// the lexicon does not list (《移动软件竞争促进法》).
const PATTERN_PRIORS: &[(Pattern, &str, f64)] = &[(Pattern::Law, "regulation", 2.5)];

/// Where a piece of evidence comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EvidenceKind {
    /// A lexicon term (default or custom).
    Term,
    /// A word whose weight was learned from labelled sentences.
    Word,
    /// A pattern such as `@rivals` or `@money`.
    Pattern,
}

/// One feature occurrence that moved a topic's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// The topic whose score it moved.
    pub topic: String,
    /// The lexicon term, learned word or pattern name (`@money`).
    pub term: String,
    /// What kind of feature it is.
    pub kind: EvidenceKind,
    /// Its share of the feature's weight (logit units; negative weights lower the score).
    pub weight: f64,
    /// Byte offset of the matched text in the classified text.
    pub start: usize,
    /// Byte offset one past the matched text.
    pub end: usize,
}

/// Scores per topic, in topic order; serialized as an object `{ "regulation": 0.93, ... }`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scores(pub Vec<(String, f64)>);

impl Scores {
    /// The score of the topic named `name`.
    pub fn get(&self, name: &str) -> Option<f64> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, s)| *s)
    }
}

impl Serialize for Scores {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Scores {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scores;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of topic scores")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Scores, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, f64>()? {
                    out.push((k, v));
                }
                Ok(Scores(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// The labels, scores and evidence of one sentence.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Classification {
    /// Topics whose score reached their threshold, in topic order.
    pub labels: Vec<String>,
    /// Every topic's score in [0, 1], in topic order.
    pub scores: Scores,
    /// Every feature occurrence with a non-zero weight, ordered by position.
    pub evidence: Vec<Evidence>,
}

impl Classification {
    /// Whether the sentence carries the label `topic`.
    pub fn has(&self, topic: Topic) -> bool {
        self.labels.iter().any(|l| l == topic.name())
    }
}

/// A topic's name, bias and threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicSpec {
    /// Name used in labels and scores.
    pub name: String,
    /// The logit when no feature is present.
    pub bias: f64,
    /// The score at or above which the topic is a label.
    pub threshold: f64,
}

/// A lexicon entry: a term with its prior weight for one topic.
#[derive(Debug, Clone, PartialEq)]
pub struct TermSpec {
    /// The term as written in the lexicon.
    pub term: String,
    /// Index of its topic in [`ModelSpec::topics`].
    pub topic: usize,
    /// Prior weight (what the lexicon says, before any fitting).
    pub prior: f64,
}

/// The kind of a learned weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FeatureKind {
    /// A lexicon term (matched case-insensitively).
    Term,
    /// A word (lowercased).
    Word,
    /// A pattern, named as in [`Pattern::name`].
    Pattern,
}

impl FeatureKind {
    /// Name used in the weights file.
    pub fn name(self) -> &'static str {
        match self {
            FeatureKind::Term => "term",
            FeatureKind::Word => "word",
            FeatureKind::Pattern => "pattern",
        }
    }
}

/// A weight learned from labelled sentences; it replaces the prior of the same feature.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnedWeight {
    /// Index of the topic.
    pub topic: usize,
    /// Kind of feature.
    pub kind: FeatureKind,
    /// Term, word or pattern name.
    pub feature: String,
    /// The weight.
    pub weight: f64,
}

/// Everything a model is made of, as plain data: what the lexicons, the weights file and a
/// configuration edit, before it is compiled into a [`Model`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ModelSpec {
    /// Topics in order.
    pub topics: Vec<TopicSpec>,
    /// Lexicon entries.
    pub terms: Vec<TermSpec>,
    /// Learned weights.
    pub learned: Vec<LearnedWeight>,
    /// Company groups (each a list of names of one company) for the patterns.
    pub entities: Vec<Vec<String>>,
}

impl ModelSpec {
    /// The shipped model: the three lexicons, the entity list and the fitted weights.
    ///
    /// # Errors
    /// Only if a shipped data file were malformed (tests guard them).
    pub fn default_spec() -> Result<ModelSpec> {
        let mut spec = ModelSpec::lexicons_only()?;
        spec.apply_weights(&lexicon::parse_weights("weights.tsv", lexicon::default_weights()?)?)?;
        Ok(spec)
    }

    /// The three lexicons and the entity list with no fitted weights: the prior the fit starts from.
    ///
    /// # Errors
    /// Only if a shipped lexicon were malformed.
    pub fn lexicons_only() -> Result<ModelSpec> {
        let mut spec = ModelSpec {
            entities: lexicon::parse_entities(lexicon::DEFAULT_ENTITIES),
            ..ModelSpec::default()
        };
        for (name, text) in lexicon::DEFAULT_LEXICONS {
            let topic = spec.add_topic(name, DEFAULT_BIAS, DEFAULT_THRESHOLD);
            for (term, prior) in lexicon::parse_lexicon(name, text)? {
                spec.terms.push(TermSpec { term, topic, prior });
            }
        }
        for &(pattern, name, weight) in PATTERN_PRIORS {
            if let Some(topic) = spec.topic_index(name) {
                spec.learned.push(LearnedWeight {
                    topic,
                    kind: FeatureKind::Pattern,
                    feature: pattern.name().to_owned(),
                    weight,
                });
            }
        }
        Ok(spec)
    }

    /// Appends a topic and returns its index.
    pub fn add_topic(&mut self, name: &str, bias: f64, threshold: f64) -> usize {
        self.topics.push(TopicSpec {
            name: name.to_owned(),
            bias,
            threshold,
        });
        self.topics.len() - 1
    }

    /// The index of the topic named `name`.
    pub fn topic_index(&self, name: &str) -> Option<usize> {
        self.topics.iter().position(|t| t.name == name)
    }

    /// Applies the lines of a weights file: biases, thresholds and learned weights.
    ///
    /// # Errors
    /// A line naming an unknown topic or pattern.
    pub fn apply_weights(&mut self, lines: &[WeightLine]) -> Result<()> {
        for l in lines {
            let topic = self
                .topic_index(&l.topic)
                .ok_or_else(|| Error::Model(format!("weights name an unknown topic `{}`", l.topic)))?;
            let kind = match l.kind.as_str() {
                "bias" => {
                    self.topics[topic].bias = l.value;
                    continue;
                }
                "threshold" => {
                    if !(l.value > 0.0 && l.value < 1.0) {
                        return Err(Error::Model(format!(
                            "threshold {} of `{}` is not in (0, 1)",
                            l.value, l.topic
                        )));
                    }
                    self.topics[topic].threshold = l.value;
                    continue;
                }
                "term" => FeatureKind::Term,
                "word" => FeatureKind::Word,
                _ => {
                    if Pattern::from_name(&l.feature).is_none() {
                        return Err(Error::Model(format!("weights name an unknown pattern `{}`", l.feature)));
                    }
                    FeatureKind::Pattern
                }
            };
            self.learned.push(LearnedWeight {
                topic,
                kind,
                feature: l.feature.clone(),
                weight: l.value,
            });
        }
        Ok(())
    }

    /// Compiles the spec into a [`Model`] (builds the matchers once).
    ///
    /// # Errors
    /// If the automaton cannot be built (far beyond any real lexicon size).
    pub fn compile(&self) -> Result<Model> {
        let n = self.topics.len();
        let mut term_index: HashMap<String, usize> = HashMap::new();
        let mut terms: Vec<String> = Vec::new();
        let mut term_weights: Vec<Vec<(usize, f64)>> = Vec::new();
        let mut intern = |term: &str, terms: &mut Vec<String>, tw: &mut Vec<Vec<(usize, f64)>>| {
            let key = term_key(term);
            *term_index.entry(key).or_insert_with(|| {
                terms.push(term.to_owned());
                tw.push(Vec::new());
                terms.len() - 1
            })
        };
        let set = |ws: &mut Vec<(usize, f64)>, topic: usize, w: f64| match ws.iter_mut().find(|(t, _)| *t == topic) {
            Some(slot) => slot.1 = w,
            None => ws.push((topic, w)),
        };
        for t in &self.terms {
            let i = intern(&t.term, &mut terms, &mut term_weights);
            set(&mut term_weights[i], t.topic, t.prior);
        }
        let mut words: FxHashMap<String, Vec<(usize, f64)>> = FxHashMap::default();
        let mut patterns: Vec<Vec<(usize, f64)>> = vec![Vec::new(); Pattern::ALL.len()];
        for l in &self.learned {
            if l.topic >= n {
                continue;
            }
            match l.kind {
                FeatureKind::Term => {
                    let i = intern(&l.feature, &mut terms, &mut term_weights);
                    set(&mut term_weights[i], l.topic, l.weight);
                }
                FeatureKind::Word => set(words.entry(term_key(&l.feature)).or_default(), l.topic, l.weight),
                FeatureKind::Pattern => {
                    if let Some(p) = Pattern::from_name(&l.feature) {
                        set(&mut patterns[p as usize], l.topic, l.weight);
                    }
                }
            }
        }
        for ws in term_weights
            .iter_mut()
            .chain(words.values_mut())
            .chain(patterns.iter_mut())
        {
            ws.retain(|(_, w)| *w != 0.0);
            ws.sort_by_key(|(t, _)| *t);
        }
        let mut entities: Vec<String> = Vec::new();
        let mut entity_group: Vec<usize> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (g, names) in self.entities.iter().enumerate() {
            for e in names {
                if !e.is_empty() && seen.insert(term_key(e)) {
                    entities.push(e.clone());
                    entity_group.push(g);
                }
            }
        }
        Ok(Model {
            topics: self.topics.clone(),
            matcher: build_matcher(terms.iter().chain(&entities))?,
            n_terms: terms.len(),
            terms,
            term_weights,
            entity_group,
            words,
            patterns,
        })
    }
}

/// The form in which two terms (words, names) are one: read as a text is (traditional
/// characters as simplified, full-width letters and digits as ASCII; see [`crate::script`]) and
/// ASCII-lowercased, as the matcher compares them, so 監管 and 监管, ＧＭＶ and gmv are one term.
pub(crate) fn term_key(term: &str) -> String {
    normalized(term).to_ascii_lowercase()
}

fn build_matcher<'a>(patterns: impl Iterator<Item = &'a String> + Clone) -> Result<Option<AhoCorasick>> {
    if patterns.clone().next().is_none() {
        return Ok(None);
    }
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        // searched only from word starts (see `word_matches`)
        .start_kind(StartKind::Anchored)
        .build(patterns.map(|p| normalized(p).into_owned()))
        .map(Some)
        .map_err(|e| Error::Config(format!("terms: cannot build the matcher: {e}")))
}

/// A feature found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Feature<'t> {
    /// Lexicon term, by index into the model's terms.
    Term(usize),
    /// A word (ASCII-lowercased).
    Word(Cow<'t, str>),
    /// A pattern.
    Pattern(Pattern),
}

/// One occurrence of a feature, with its byte span in the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit<'t> {
    /// The feature.
    pub feature: Feature<'t>,
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
}

/// A compiled model: matchers built once, weights indexed for scoring.
#[derive(Debug, Clone)]
pub struct Model {
    topics: Vec<TopicSpec>,
    terms: Vec<String>,
    term_weights: Vec<Vec<(usize, f64)>>,
    /// Lexicon terms (pattern ids below `n_terms`), then entity names.
    matcher: Option<AhoCorasick>,
    n_terms: usize,
    entity_group: Vec<usize>,
    words: FxHashMap<String, Vec<(usize, f64)>>,
    patterns: Vec<Vec<(usize, f64)>>,
}

impl Model {
    /// The topics, in order.
    pub fn topics(&self) -> &[TopicSpec] {
        &self.topics
    }

    /// The display name of term feature `i`.
    pub fn term(&self, i: usize) -> &str {
        &self.terms[i]
    }

    /// Reads `text` as the model is meant to: traditional characters as simplified, full-width
    /// letters and digits as ASCII (a [`Reading`], see [`crate::script`]), cut into words by
    /// `segmenter`; `f` gets the words (slices of the reading) and their
    /// [`features`](Model::features). Offsets are bytes into `text`.
    pub fn read<R>(
        &self,
        segmenter: &Segmenter,
        text: &str,
        f: impl FnOnce(&[(&str, usize, usize)], Vec<Hit<'_>>) -> R,
    ) -> R {
        let read = Reading::new(text);
        let mut words = segmenter.words(read.as_str());
        let mut hits = self.features(read.as_str(), &words);
        if !read.same_offsets() {
            // full-width letters or digits were read as ASCII: back to the text's own offsets
            for (_, s, e) in &mut words {
                (*s, *e) = (read.original(*s), read.original(*e));
            }
            for h in &mut hits {
                (h.start, h.end) = (read.original(h.start), read.original(h.end));
            }
        }
        f(&words, hits)
    }

    /// Finds the features of `sentence`, given its words (as from
    /// [`Segmenter::words`](crate::segment::Segmenter::words): slices with byte offsets that tile it).
    /// [`Model::read`] does both for a text as given.
    pub fn features<'t>(&self, sentence: &'t str, words: &[(&'t str, usize, usize)]) -> Vec<Hit<'t>> {
        let mut boundary = vec![false; sentence.len() + 1];
        for &(_, s, e) in words {
            boundary[s] = true;
            boundary[e] = true;
        }
        let mut hits = Vec::with_capacity(words.len() + 4);
        let mut covered: Vec<(usize, usize)> = Vec::new();
        let (term_hits, entity_hits) = word_matches(self.matcher.as_ref(), self.n_terms, sentence, words, &boundary);
        for (s, e, i) in term_hits {
            covered.push((s, e));
            hits.push(Hit {
                feature: Feature::Term(i),
                start: s,
                end: e,
            });
        }
        covered.extend(entity_hits.iter().map(|&(s, e, _)| (s, e)));
        covered.sort_unstable();
        let mut ci = 0;
        for &(word, s, e) in words {
            while ci < covered.len() && covered[ci].1 <= s {
                ci += 1;
            }
            if ci < covered.len() && covered[ci].0 < e {
                continue; // part of a term or entity
            }
            if let Some(key) = word_key(word) {
                hits.push(Hit {
                    feature: Feature::Word(key),
                    start: s,
                    end: e,
                });
            }
        }
        let mut distinct: Vec<usize> = entity_hits.iter().map(|&(_, _, i)| self.entity_group[i]).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let entity_pattern = match distinct.len() {
            0 => None,
            1 => Some(Pattern::Entity),
            _ => Some(Pattern::Rivals),
        };
        if let Some(p) = entity_pattern {
            hits.extend(entity_hits.iter().map(|&(s, e, _)| Hit {
                feature: Feature::Pattern(p),
                start: s,
                end: e,
            }));
        }
        let patterns = crate::patterns::amounts(sentence).into_iter();
        let first_cue = hits.len();
        for (s, e, p) in patterns.chain(crate::patterns::cues(sentence)) {
            hits.push(Hit {
                feature: Feature::Pattern(p),
                start: s,
                end: e,
            });
        }
        // a law's title speaks as a law (`@law`), not through the words of its name
        // (《移动软件竞争促进法》 is no rivalry)
        let laws: Vec<(usize, usize)> = hits[first_cue..]
            .iter()
            .filter(|h| h.feature == Feature::Pattern(Pattern::Law))
            .map(|h| (h.start, h.end))
            .collect();
        if !laws.is_empty() {
            hits.retain(|h| {
                h.feature == Feature::Pattern(Pattern::Law) || !laws.iter().any(|&(s, e)| s <= h.start && h.end <= e)
            });
        }
        hits
    }

    /// Every feature with a weight: kind, name, weights per topic index.
    pub fn weighted_features(&self) -> impl Iterator<Item = (FeatureKind, &str, &[(usize, f64)])> {
        let terms = self
            .terms
            .iter()
            .zip(&self.term_weights)
            .map(|(t, w)| (FeatureKind::Term, t.as_str(), w.as_slice()));
        let words = self
            .words
            .iter()
            .map(|(k, w)| (FeatureKind::Word, k.as_str(), w.as_slice()));
        let patterns = Pattern::ALL
            .iter()
            .map(|p| (FeatureKind::Pattern, p.name(), self.patterns[*p as usize].as_slice()));
        terms.chain(words).chain(patterns).filter(|(_, _, w)| !w.is_empty())
    }

    /// The weights of a feature, per topic index.
    pub fn weights(&self, feature: &Feature<'_>) -> &[(usize, f64)] {
        self.lookup(feature).2
    }

    /// The weights of a feature per topic index, with its display name and evidence kind, the
    /// name borrowed from the model.
    fn lookup<'a>(&'a self, feature: &Feature<'_>) -> (&'a str, EvidenceKind, &'a [(usize, f64)]) {
        match feature {
            Feature::Term(i) => (&self.terms[*i], EvidenceKind::Term, &self.term_weights[*i]),
            Feature::Word(w) => match self.words.get_key_value(w.as_ref()) {
                Some((k, ws)) => (k, EvidenceKind::Word, ws),
                None => ("", EvidenceKind::Word, &[]),
            },
            Feature::Pattern(p) => (p.name(), EvidenceKind::Pattern, &self.patterns[*p as usize]),
        }
    }

    /// Scores a sentence from its features.
    pub fn score(&self, hits: &[Hit<'_>]) -> Classification {
        self.classification(&self.score_ref(hits), true)
    }

    /// The owned labels, scores and (if `evidence`) evidence of a scored sentence.
    pub fn classification(&self, scored: &Scored<'_>, evidence: bool) -> Classification {
        Classification {
            labels: scored.labels(self).map(|t| self.topics[t].name.clone()).collect(),
            scores: Scores(
                self.topics
                    .iter()
                    .zip(&scored.scores)
                    .map(|(t, &s)| (t.name.clone(), s))
                    .collect(),
            ),
            evidence: if evidence {
                scored.evidence.iter().map(|e| e.to_owned(self)).collect()
            } else {
                Vec::new()
            },
        }
    }

    /// Scores a sentence from its features, without copying any name: what
    /// [`Model::score`] and the analyzer build on.
    pub fn score_ref<'m>(&'m self, hits: &[Hit<'_>]) -> Scored<'m> {
        let n = self.topics.len();
        let mut logits: Vec<f64> = self.topics.iter().map(|t| t.bias).collect();
        // one weight lookup per hit; hits of the same feature share the same weight slice, so
        // its address identifies the feature
        type Weighted<'h, 'm> = (&'h Hit<'h>, &'m str, EvidenceKind, &'m [(usize, f64)]);
        let weighted: Vec<Weighted<'_, 'm>> = hits
            .iter()
            .map(|h| {
                let (name, kind, ws) = self.lookup(&h.feature);
                (h, name, kind, ws)
            })
            .filter(|(_, _, _, ws)| !ws.is_empty())
            .collect();
        // a feature counts once, summed in the order of the hits (the same result on every
        // run and platform); its weight is shared between its occurrences in the evidence
        let mut counts: Vec<(usize, usize)> = Vec::with_capacity(weighted.len());
        let mut count_of = Vec::with_capacity(weighted.len());
        for &(_, _, _, ws) in &weighted {
            let key = ws.as_ptr() as usize;
            let slot = match counts.iter().position(|&(k, _)| k == key) {
                Some(i) => i,
                None => {
                    for &(t, w) in ws {
                        if t < n {
                            logits[t] += w;
                        }
                    }
                    counts.push((key, 0));
                    counts.len() - 1
                }
            };
            counts[slot].1 += 1;
            count_of.push(slot);
        }
        let mut evidence = Vec::with_capacity(weighted.len() * 2);
        for (&(h, term, kind, ws), &slot) in weighted.iter().zip(&count_of) {
            let share = counts[slot].1 as f64;
            for &(t, w) in ws {
                evidence.push(EvidenceRef {
                    topic: t,
                    term,
                    kind,
                    weight: w / share,
                    start: h.start,
                    end: h.end,
                });
            }
        }
        // by position; a stable sort keeps the order of the hits and topics at one position
        evidence.sort_by_key(|e| (e.start, e.end));
        Scored {
            scores: logits.into_iter().map(sigmoid).collect(),
            evidence,
        }
    }
}

/// One feature occurrence's weight towards one topic, naming the feature by reference into
/// the model: [`Evidence`] without the copies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EvidenceRef<'m> {
    /// Index of the topic.
    pub topic: usize,
    /// The lexicon term, learned word or pattern name.
    pub term: &'m str,
    /// What kind of feature it is.
    pub kind: EvidenceKind,
    /// Its share of the feature's weight.
    pub weight: f64,
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
}

impl EvidenceRef<'_> {
    /// The owned [`Evidence`], naming the topic.
    pub fn to_owned(&self, model: &Model) -> Evidence {
        Evidence {
            topic: model.topics[self.topic].name.clone(),
            term: self.term.to_owned(),
            kind: self.kind,
            weight: self.weight,
            start: self.start,
            end: self.end,
        }
    }
}

/// A scored sentence: a score per topic index and the evidence, ordered by position.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored<'m> {
    /// Score in [0, 1] per topic index.
    pub scores: Vec<f64>,
    /// Every feature occurrence with a non-zero weight, per topic, ordered by position.
    pub evidence: Vec<EvidenceRef<'m>>,
}

impl Scored<'_> {
    /// Indices of the topics whose score reached their threshold, in topic order.
    pub fn labels<'a>(&'a self, model: &'a Model) -> impl Iterator<Item = usize> + 'a {
        (0..self.scores.len()).filter(move |&t| self.scores[t] >= model.topics[t].threshold)
    }
}

/// A match: `(start, end, pattern index)`.
type Match = (usize, usize, usize);

/// Matches that start and end on word boundaries, in order, without the matches inside a
/// longer one: `(start, end, pattern index)`, separately for the lexicon terms (pattern ids
/// below `n_terms`) and the entity names (ids from `n_terms`, given relative to it). The
/// automaton is run anchored at each word start, so it reads only as far as some pattern could
/// still match: a few bytes per word instead of a scan of every byte.
fn word_matches(
    matcher: Option<&AhoCorasick>,
    n_terms: usize,
    text: &str,
    words: &[(&str, usize, usize)],
    boundary: &[bool],
) -> (Vec<Match>, Vec<Match>) {
    let mut found = (Vec::new(), Vec::new());
    let Some(m) = matcher else { return found };
    let mut max_end = [0, 0];
    for &(_, start, _) in words {
        let input = Input::new(text).range(start..).anchored(Anchored::Yes);
        // the longest term and the longest entity from this start that end on a word boundary
        let mut best: [Option<(usize, usize)>; 2] = [None, None];
        let mut state = OverlappingState::start();
        // the matcher is built for anchored search, so this cannot fail
        while m.try_find_overlapping(input.clone(), &mut state).is_ok() {
            let Some(hit) = state.get_match() else { break };
            let (kind, id) = match hit.pattern().as_usize() {
                id if id < n_terms => (0, id),
                id => (1, id - n_terms),
            };
            // an anchored search still reports the patterns that end here as suffixes of a
            // longer one, which start later: only those starting at `start` count
            if hit.start() == start && boundary[hit.end()] && best[kind].map_or(true, |(e, _)| hit.end() > e) {
                best[kind] = Some((hit.end(), id));
            }
        }
        for (kind, out) in [(0, &mut found.0), (1, &mut found.1)] {
            // a match inside an earlier, longer one is dropped
            if let Some((end, id)) = best[kind].filter(|&(end, _)| end > max_end[kind]) {
                max_end[kind] = end;
                out.push((start, end, id));
            }
        }
    }
    found
}

/// The logistic function.
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// The key of a word feature: ASCII-lowercased; `None` for one-character words, punctuation,
/// whitespace and pure numbers, which carry no topic.
fn word_key(word: &str) -> Option<Cow<'_, str>> {
    // one-character words (的, 在, 了) carry grammar, not topic; topical ones (罚, 禁) are lexicon terms
    let mut chars = word.chars();
    // (most words are CJK ideographs, alphabetic without a lookup in Unicode's tables)
    let alphabetic = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c) || c.is_alphabetic();
    if chars.next().is_none() || chars.next().is_none() || !word.chars().any(alphabetic) {
        return None;
    }
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        Some(Cow::Owned(word.to_ascii_lowercase()))
    } else {
        Some(Cow::Borrowed(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let mut spec = ModelSpec {
            entities: vec![
                vec!["TikTok".into(), "抖音".into()],
                vec!["Shopee".into()],
                vec!["阿里".into()],
            ],
            ..ModelSpec::default()
        };
        let r = spec.add_topic("regulation", -1.0, 0.5);
        let m = spec.add_topic("monetization", -1.0, 0.5);
        for (term, topic, prior) in [
            ("法律", r, 2.0),
            ("反垄断法", r, 3.0),
            ("TikTok Shop", m, 1.5),
            ("佣金", m, 2.0),
        ] {
            spec.terms.push(TermSpec {
                term: term.into(),
                topic,
                prior,
            });
        }
        spec.learned.push(LearnedWeight {
            topic: m,
            kind: FeatureKind::Word,
            feature: "收费".into(),
            weight: 0.7,
        });
        spec.compile().unwrap()
    }

    fn words(s: &str, cuts: &[&str]) -> Vec<(&'static str, usize, usize)> {
        // test words given explicitly so these tests do not depend on jieba
        let mut out = Vec::new();
        let mut pos = 0;
        for c in cuts {
            let c: &'static str = Box::leak(c.to_string().into_boxed_str());
            assert_eq!(&s[pos..pos + c.len()], c);
            out.push((c, pos, pos + c.len()));
            pos += c.len();
        }
        assert_eq!(pos, s.len());
        out
    }

    #[test]
    fn word_keys_skip_short_and_non_alphabetic_words() {
        // the fast path of `word_key` agrees with Unicode's Alphabetic property
        assert!(('\u{4e00}'..='\u{9fff}').all(char::is_alphabetic));
        assert_eq!(word_key("监管").as_deref(), Some("监管"));
        assert_eq!(word_key("TikTok").as_deref(), Some("tiktok"));
        assert_eq!(word_key("α值").as_deref(), Some("α值"));
        for w in ["", "罚", "……", "——", "2023", "3.25", "  ", "$%"] {
            assert_eq!(word_key(w), None, "{w}");
        }
    }

    #[test]
    fn terms_match_on_word_boundaries_only() {
        let m = tiny();
        let s = "这种方法律师不用";
        let hits = m.features(s, &words(s, &["这种", "方法", "律师", "不用"]));
        assert!(hits.iter().all(|h| !matches!(h.feature, Feature::Term(_))), "{hits:?}");
        let s = "违反法律";
        let hits = m.features(s, &words(s, &["违反", "法律"]));
        assert!(hits
            .iter()
            .any(|h| h.feature == Feature::Term(0) && &s[h.start..h.end] == "法律"));
    }

    #[test]
    fn phrases_span_words_and_longest_wins() {
        let m = tiny();
        let s = "tiktok shop 违反反垄断法";
        let hits = m.features(s, &words(s, &["tiktok", " ", "shop", " ", "违反", "反垄断", "法"]));
        let terms: Vec<&str> = hits
            .iter()
            .filter_map(|h| match h.feature {
                Feature::Term(i) => Some(m.term(i)),
                _ => None,
            })
            .collect();
        assert_eq!(terms, ["TikTok Shop", "反垄断法"]);
    }

    #[test]
    fn a_term_ending_inside_a_longer_match_keeps_its_own_span() {
        // 法律 ends where 违反法律 would; it must be found at its own start, not the anchor's
        let mut spec = ModelSpec::default();
        let r = spec.add_topic("regulation", -1.0, 0.5);
        for term in ["违反法律规定", "法律"] {
            spec.terms.push(TermSpec {
                term: term.into(),
                topic: r,
                prior: 1.0,
            });
        }
        spec.entities = vec![vec!["违反法律".into()]];
        let m = spec.compile().unwrap();
        let s = "违反法律条款";
        let hits = m.features(s, &words(s, &["违反", "法律", "条款"]));
        let spans: Vec<(usize, usize)> = hits.iter().map(|h| (h.start, h.end)).collect();
        assert_eq!(spans, [(6, 12), (12, 18), (0, 12)], "{hits:?}");
        assert_eq!(hits[0].feature, Feature::Term(1));
    }

    #[test]
    fn score_is_sigmoid_of_bias_plus_evidence() {
        let m = tiny();
        let s = "Shopee和TikTok的佣金和佣金收费";
        let w = words(s, &["Shopee", "和", "TikTok", "的", "佣金", "和", "佣金", "收费"]);
        let c = m.score(&m.features(s, &w));
        assert_eq!(c.labels, ["monetization"]);
        let sum: f64 = c
            .evidence
            .iter()
            .filter(|e| e.topic == "monetization")
            .map(|e| e.weight)
            .sum();
        assert!((c.scores.get("monetization").unwrap() - sigmoid(-1.0 + sum)).abs() < 1e-12);
        assert!(
            (sum - 2.7).abs() < 1e-12,
            "佣金 counted once, shared by its two occurrences: {sum}"
        );
        let yong: Vec<&Evidence> = c.evidence.iter().filter(|e| e.term == "佣金").collect();
        assert_eq!(yong.len(), 2);
        assert!((yong[0].weight - 1.0).abs() < 1e-12);
        assert_eq!(
            c.evidence.iter().find(|e| e.term == "收费").unwrap().kind,
            EvidenceKind::Word
        );
        assert_eq!(c.scores.get("regulation"), Some(sigmoid(-1.0)));
    }

    #[test]
    fn rivals_pattern_needs_two_different_entities() {
        let m = tiny();
        let s = "TikTok和tiktok与抖音";
        let hits = m.features(s, &words(s, &["TikTok", "和", "tiktok", "与", "抖音"]));
        assert!(hits.iter().all(|h| h.feature != Feature::Pattern(Pattern::Rivals)));
        assert_eq!(
            hits.iter()
                .filter(|h| h.feature == Feature::Pattern(Pattern::Entity))
                .count(),
            3
        );
        let s = "阿里和Shopee";
        let hits = m.features(s, &words(s, &["阿里", "和", "Shopee"]));
        assert_eq!(
            hits.iter()
                .filter(|h| h.feature == Feature::Pattern(Pattern::Rivals))
                .count(),
            2
        );
        // entity names are not word features
        assert!(hits
            .iter()
            .all(|h| !matches!(&h.feature, Feature::Word(w) if w == "阿里")));
    }

    #[test]
    fn scores_serialize_as_an_ordered_object() {
        let c = tiny().score(&[]);
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            r#"{"labels":[],"scores":{"regulation":0.2689414213699951,"monetization":0.2689414213699951},"evidence":[]}"#
        );
    }
}
