//! User configuration: custom topics (replacing or extending the defaults), a threshold, and
//! dictionary words. Read from JSON (the JS options object has the same shape).

use crate::classify::{term_key, FeatureKind, LearnedWeight, ModelSpec, TermSpec, DEFAULT_BIAS, DEFAULT_THRESHOLD};
use crate::error::{Error, Result};
use crate::lexicon::{check_term, check_weight};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// Most topics a configuration may define.
pub const MAX_TOPICS: usize = 64;
/// Most terms over all topics of a configuration.
pub const MAX_TERMS: usize = 200_000;
/// Longest topic name, in characters.
pub const MAX_TOPIC_NAME: usize = 64;

/// How an [`Analyzer`](crate::Analyzer) is configured.
///
/// ```
/// let config = newslens::Config::from_json(r#"{
///   "topics": [{ "name": "labor", "terms": ["裁员", { "term": "罢工", "weight": 2.5 }] }],
///   "words": ["抖品牌"]
/// }"#).unwrap();
/// assert_eq!(config.topics[0].name, "labor");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Config {
    /// `true`: the configured topics replace the three defaults. `false` (default): a topic with
    /// a default name (`regulation`, `competition`, `monetization`) adds terms to it (a term's
    /// weight replaces the shipped one); any other name is a new topic after the defaults.
    #[serde(default, deserialize_with = "null_as_default")]
    pub replace_defaults: bool,
    /// Label threshold, in (0, 1), for every topic not given its own in `topics`; it replaces
    /// the default topics' fitted thresholds too.
    #[serde(default)]
    pub threshold: Option<f64>,
    /// Custom topics.
    #[serde(default, deserialize_with = "null_as_default")]
    pub topics: Vec<TopicConfig>,
    /// Dictionary words for segmentation.
    #[serde(default, deserialize_with = "null_as_default")]
    pub words: Vec<WordConfig>,
}

/// A custom topic.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TopicConfig {
    /// Its name, used in labels and scores.
    pub name: String,
    /// Its terms.
    #[serde(default, deserialize_with = "null_as_default")]
    pub terms: Vec<TermConfig>,
    /// Its label threshold, in (0, 1).
    #[serde(default)]
    pub threshold: Option<f64>,
    /// Its bias (logit with no term present); for a new topic default −1, so one term of weight 1
    /// scores 0.5; a default topic keeps its fitted bias unless this is given.
    #[serde(default)]
    pub bias: Option<f64>,
}

/// A term: a bare string (a weight that labels a sentence on its own, see [`bare_term_weight`])
/// or `{ "term": ..., "weight": ... }`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged, expecting = "a term must be a string or { term: string, weight: number }")]
pub enum TermConfig {
    /// A term with the weight [`bare_term_weight`] gives.
    Plain(String),
    /// A term with its weight.
    Weighted {
        /// The term.
        term: String,
        /// Its weight (logit units), within ±20.
        weight: f64,
    },
}

/// Weight of a term given without one in a new topic with the default bias (−1): the
/// sentence scores 0.62, over the default threshold 0.5.
pub const DEFAULT_TERM_WEIGHT: f64 = 1.5;

/// Weight of a term given without one in a topic of bias `bias`: enough to label a sentence
/// on its own (its score is then at least 0.62, over any threshold up to 0.62). That is
/// [`DEFAULT_TERM_WEIGHT`] with the default bias; a default topic's fitted bias is lower
/// (regulation −3.5), so a bare term added to it weighs more (4.0).
/// At most the largest weight a term may have (a bias below −18.5 cannot be outweighed by one term).
pub fn bare_term_weight(bias: f64) -> f64 {
    DEFAULT_TERM_WEIGHT
        .max(DEFAULT_TERM_WEIGHT + DEFAULT_BIAS - bias)
        .min(crate::lexicon::MAX_WEIGHT)
}

impl TermConfig {
    /// The term and its weight, if given.
    pub fn parts(&self) -> (&str, Option<f64>) {
        match self {
            TermConfig::Plain(t) => (t, None),
            TermConfig::Weighted { term, weight } => (term, Some(*weight)),
        }
    }
}

/// A dictionary word: a bare string or `{ "word": ..., "freq": ..., "tag": ... }`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(
    untagged,
    expecting = "a word must be a string or { word: string, freq?: integer ≥ 1, tag?: string }"
)]
pub enum WordConfig {
    /// A word with a suggested frequency.
    Plain(String),
    /// A word with frequency and part-of-speech tag.
    Full {
        /// The word.
        word: String,
        /// Its frequency (higher wins more often).
        #[serde(default)]
        freq: Option<usize>,
        /// Its tag.
        #[serde(default)]
        tag: Option<String>,
    },
}

/// A field given as `null` (or `undefined` in JS) is as if absent.
fn null_as_default<'de, D, T>(d: D) -> std::result::Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}

/// `path: message` (the message alone at the top level, where serde_path_to_error's path is `.`,
/// or `?` before anything was read).
pub(crate) fn with_path(path: &str, e: &impl std::fmt::Display) -> String {
    if path == "." || path == "?" {
        e.to_string()
    } else {
        format!("{path}: {e}")
    }
}

impl WordConfig {
    /// Word, frequency, tag.
    pub fn parts(&self) -> (&str, Option<usize>, Option<&str>) {
        match self {
            WordConfig::Plain(w) => (w, None, None),
            WordConfig::Full { word, freq, tag } => (word, *freq, tag.as_deref()),
        }
    }
}

impl Config {
    /// Parses a configuration from JSON.
    ///
    /// # Errors
    /// Invalid JSON or an unknown field, with serde's line and column.
    pub fn from_json(json: &str) -> Result<Config> {
        let mut de = serde_json::Deserializer::from_str(json);
        serde_path_to_error::deserialize(&mut de)
            .map_err(|e| Error::Config(with_path(&e.path().to_string(), e.inner())))
    }

    /// Checks the configuration and applies its topics and threshold to `spec`.
    ///
    /// # Errors
    /// Names the topic, term or field at fault: an empty or duplicate topic name, a topic
    /// with no terms, an empty or too long term, a weight or threshold out of range, too many
    /// topics or terms.
    pub fn apply(&self, spec: &mut ModelSpec) -> Result<()> {
        if let Some(t) = self.threshold {
            check_threshold(t).map_err(|m| Error::Config(format!("threshold: {m}")))?;
        }
        if self.topics.len() > MAX_TOPICS {
            return Err(Error::Config(format!(
                "topics: {} topics, at most {MAX_TOPICS}",
                self.topics.len()
            )));
        }
        let total: usize = self.topics.iter().map(|t| t.terms.len()).sum();
        if total > MAX_TERMS {
            return Err(Error::Config(format!(
                "topics: {total} terms in all, at most {MAX_TERMS}"
            )));
        }
        let mut names = HashSet::new();
        for (i, topic) in self.topics.iter().enumerate() {
            let name = topic.name.as_str();
            let at = |m: String| Error::Config(format!("topic `{name}`: {m}"));
            if name.trim().is_empty() {
                return Err(Error::Config(format!("topics[{i}]: name is empty")));
            }
            if name.chars().count() > MAX_TOPIC_NAME || name.trim() != name || name.contains(char::is_control) {
                return Err(at(format!(
                    "name must be at most {MAX_TOPIC_NAME} characters, without surrounding whitespace or control characters"
                )));
            }
            if !names.insert(name) {
                return Err(at("duplicate topic name".into()));
            }
            let extends_default = !self.replace_defaults && spec.topic_index(name).is_some();
            if topic.terms.is_empty() && !extends_default {
                return Err(at("no terms".into()));
            }
            let mut seen: HashMap<String, (usize, &str)> = HashMap::new();
            for (j, term) in topic.terms.iter().enumerate() {
                let (t, w) = term.parts();
                check_term(t).map_err(|m| at(format!("terms[{j}]: {m}")))?;
                if let Some((k, first)) = seen.insert(term_key(t), (j, t)) {
                    return Err(at(format!(
                        "terms[{j}] `{t}` is terms[{k}] `{first}` again (terms match in either script, either width and any ASCII case)"
                    )));
                }
                if let Some(w) = w {
                    check_weight(w).map_err(|m| at(format!("terms[{j}] `{t}`: {m}")))?;
                }
            }
            if let Some(th) = topic.threshold {
                check_threshold(th).map_err(|m| at(format!("threshold: {m}")))?;
            }
            if let Some(b) = topic.bias {
                check_weight(b).map_err(|m| at(format!("bias: {m}")))?;
            }
        }
        if self.replace_defaults {
            if self.topics.is_empty() {
                return Err(Error::Config("topics: replaceDefaults needs at least one topic".into()));
            }
            spec.topics.clear();
            spec.terms.clear();
            spec.learned.clear();
        }
        for topic in &self.topics {
            let index = match spec.topic_index(&topic.name) {
                Some(i) => {
                    if let Some(b) = topic.bias {
                        spec.topics[i].bias = b;
                    }
                    i
                }
                None => spec.add_topic(&topic.name, topic.bias.unwrap_or(DEFAULT_BIAS), DEFAULT_THRESHOLD),
            };
            // the user's weight replaces both the lexicon prior and any fitted weight
            // (in the form the matcher compares: 監管 or ＧＭＶ replaces 监管 or GMV)
            let keys: HashSet<String> = topic.terms.iter().map(|t| term_key(t.parts().0)).collect();
            spec.terms
                .retain(|s| !(s.topic == index && keys.contains(&term_key(&s.term))));
            spec.learned.retain(|l: &LearnedWeight| {
                !(l.topic == index && l.kind == FeatureKind::Term && keys.contains(&term_key(&l.feature)))
            });
            let bare = bare_term_weight(spec.topics[index].bias);
            spec.terms.extend(topic.terms.iter().map(|term| {
                let (t, w) = term.parts();
                TermSpec {
                    term: t.to_owned(),
                    topic: index,
                    prior: w.unwrap_or(bare),
                }
            }));
        }
        for t in spec.topics.iter_mut() {
            let own = self.topics.iter().find(|c| c.name == t.name).and_then(|c| c.threshold);
            if let Some(th) = own.or(self.threshold) {
                t.threshold = th;
            }
        }
        Ok(())
    }
}

fn check_threshold(t: f64) -> std::result::Result<(), String> {
    if t.is_finite() && t > 0.0 && t < 1.0 {
        Ok(())
    } else {
        Err(format!("{t} is not in (0, 1)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> ModelSpec {
        ModelSpec::lexicons_only().unwrap()
    }

    fn err(json: &str) -> String {
        let c = match Config::from_json(json) {
            Ok(c) => c,
            Err(e) => return e.to_string(),
        };
        c.apply(&mut spec()).unwrap_err().to_string()
    }

    #[test]
    fn a_bare_term_labels_a_sentence_on_its_own_in_any_topic() {
        let analyzer = crate::Analyzer::with_config(
            &Config::from_json(
                r#"{"topics":[{"name":"labor","terms":["裁员"]},{"name":"strikes","bias":-3,"terms":["罢工"]},
                {"name":"regulation","terms":["裁员"]},{"name":"monetization","terms":["罢工"]}]}"#,
            )
            .unwrap(),
        )
        .unwrap();
        let c = analyzer.classify("公司宣布裁员。");
        assert!(
            c.labels.contains(&"labor".to_string()) && c.labels.contains(&"regulation".to_string()),
            "{c:?}"
        );
        let c = analyzer.classify("工人开始罢工。");
        assert!(
            c.labels.contains(&"strikes".to_string()) && c.labels.contains(&"monetization".to_string()),
            "{c:?}"
        );
        // a new topic with the default bias: the documented 1.5
        assert_eq!(bare_term_weight(DEFAULT_BIAS), DEFAULT_TERM_WEIGHT);
        assert_eq!(bare_term_weight(-3.0), 3.5);
        assert_eq!(bare_term_weight(2.0), DEFAULT_TERM_WEIGHT);
        // never over the largest weight a term may have (an export must import again)
        assert_eq!(bare_term_weight(-20.0), crate::lexicon::MAX_WEIGHT);
    }

    #[test]
    fn extend_and_replace() {
        let mut s = spec();
        Config::from_json(r#"{"topics":[{"name":"labor","terms":["裁员"]},{"name":"regulation","terms":[{"term":"罚单","weight":4}]}]}"#)
            .unwrap()
            .apply(&mut s)
            .unwrap();
        assert_eq!(s.topics.len(), 4);
        assert_eq!(s.topics[3].name, "labor");
        assert!(s
            .terms
            .iter()
            .any(|t| t.term == "罚单" && t.topic == 0 && t.prior == 4.0));
        let mut s = spec();
        Config::from_json(r#"{"replaceDefaults":true,"threshold":0.6,"topics":[{"name":"labor","terms":["裁员"]}]}"#)
            .unwrap()
            .apply(&mut s)
            .unwrap();
        assert_eq!(s.topics.len(), 1);
        assert_eq!(s.topics[0].threshold, 0.6);
        assert_eq!(s.terms.len(), 1);
    }

    #[test]
    fn errors_name_what_is_wrong() {
        assert_eq!(
            err(r#"{"topics":[{"name":"a","terms":[]}]}"#),
            "invalid config: topic `a`: no terms"
        );
        assert_eq!(
            err(r#"{"topics":[{"name":"a","terms":["x"]},{"name":"a","terms":["y"]}]}"#),
            "invalid config: topic `a`: duplicate topic name"
        );
        assert_eq!(
            err(r#"{"topics":[{"name":"","terms":["x"]}]}"#),
            "invalid config: topics[0]: name is empty"
        );
        assert_eq!(
            err(r#"{"topics":[{"name":"a","terms":["x",""]}]}"#),
            "invalid config: topic `a`: terms[1]: term is empty"
        );
        assert_eq!(
            err(r#"{"topics":[{"name":"a","terms":[{"term":"x","weight":1e300}]}]}"#),
            "invalid config: topic `a`: terms[0] `x`: weight 1e300 is out of range (-20..=20)"
        );
        assert_eq!(
            err(r#"{"threshold":1.5}"#),
            "invalid config: threshold: 1.5 is not in (0, 1)"
        );
        assert!(err(r#"{"topic":[]}"#).starts_with("invalid config: topic: unknown field `topic`, expected one of"));
        // where a value of the wrong shape is
        assert!(
            err(r#"{"topics":[{"name":"a","terms":["x"]},{"name":"b","terms":["y",{"term":"z"}]}]}"#).starts_with(
                "invalid config: topics[1].terms[1]: a term must be a string or { term: string, weight: number } at line 1"
            )
        );
        assert!(err(r#"{"topics":[{"name":"a","terms":["x"],"treshold":0.2}]}"#)
            .starts_with("invalid config: topics[0].treshold: unknown field `treshold`, expected one of `name`"));
        assert!(err(r#"{"topics":[{"terms":["x"]}]}"#).starts_with("invalid config: topics[0]: missing field `name`"));
        assert!(err(r#"{"words":["a",{"word":"b","freq":-1}]}"#).starts_with(
            "invalid config: words[1]: a word must be a string or { word: string, freq?: integer ≥ 1, tag?: string }"
        ));
        assert!(
            err("{").starts_with("invalid config: EOF while parsing"),
            "{}",
            err("{")
        );
        assert_eq!(
            err(r#"{"replaceDefaults":true}"#),
            "invalid config: topics: replaceDefaults needs at least one topic"
        );
        // one term twice in a topic, in any of the forms the matcher reads as one
        for (a, b) in [
            ("监管", "监管"),
            ("监管", "監管"),
            ("GMV", "ＧＭＶ"),
            ("TikTok Shop", "tiktok shop"),
        ] {
            assert_eq!(
                err(&format!(r#"{{"topics":[{{"name":"a","terms":["{a}","x",{{"term":"{b}","weight":2}}]}}]}}"#)),
                format!("invalid config: topic `a`: terms[2] `{b}` is terms[0] `{a}` again (terms match in either script, either width and any ASCII case)")
            );
        }
        // in two topics it is two terms
        assert!(
            Config::from_json(r#"{"topics":[{"name":"a","terms":["监管"]},{"name":"b","terms":["監管"]}]}"#)
                .unwrap()
                .apply(&mut spec())
                .is_ok()
        );
    }

    #[test]
    fn a_term_given_in_another_script_or_width_replaces_the_shipped_weight() {
        // the shipped GMV weighs ~6 towards monetization, 监管 ~5 towards regulation
        for (topic, term, text) in [
            ("monetization", "ＧＭＶ", "平台GMV增长。"),
            ("monetization", "gmv", "平台ＧＭＶ增长。"),
            ("regulation", "監管", "平台接受监管。"),
        ] {
            let config = Config::from_json(&format!(
                r#"{{"topics":[{{"name":"{topic}","terms":[{{"term":"{term}","weight":0.25}}]}}]}}"#
            ))
            .unwrap();
            let evidence: Vec<(String, f64)> = crate::Analyzer::with_config(&config)
                .unwrap()
                .classify(text)
                .evidence
                .into_iter()
                .filter(|e| e.topic == topic && e.kind == crate::EvidenceKind::Term)
                .map(|e| (e.term, e.weight))
                .collect();
            assert_eq!(evidence, [(term.to_owned(), 0.25)], "{term} in {text}");
        }
    }

    #[test]
    fn many_terms_are_fine_too_many_are_an_error() {
        let terms: Vec<String> = (0..100_000).map(|i| format!("\"词{i}\"")).collect();
        let json = format!(r#"{{"topics":[{{"name":"big","terms":[{}]}}]}}"#, terms.join(","));
        let mut s = spec();
        Config::from_json(&json).unwrap().apply(&mut s).unwrap();
        assert!(s.compile().is_ok());
        let terms: Vec<String> = (0..MAX_TERMS + 1).map(|i| format!("\"{i}\"")).collect();
        let json = format!(r#"{{"topics":[{{"name":"big","terms":[{}]}}]}}"#, terms.join(","));
        assert!(err(&json).contains("at most 200000"));
    }
}
