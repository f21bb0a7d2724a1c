//! Learning from a reader's own labels: examples kept on the [`Analyzer`](crate::Analyzer),
//! refitted on every change from the shipped model as the prior (so a handful of examples
//! shifts it without erasing the defaults), and a versioned JSON export of the result.

use crate::classify::{FeatureKind, LearnedWeight, ModelSpec, TermSpec, TopicSpec};
use crate::error::{Error, Result};
use crate::learn::{Example, FitOptions};
use serde::{Deserialize, Serialize};

/// The version written by [`export`]; [`import`] reads it and version 1 (the same without
/// `words`). Version 2 added the dictionary words, so a newslens that reads only version 1 says
/// which version it got rather than failing on an unknown field.
pub const MODEL_VERSION: u32 = 2;
const FORMAT: &str = "newslens-model";

/// Fit settings for a reader's examples: the scale of the shipped weights and the biases stay
/// near where they are, so a few examples move single terms and words, not whole topics.
pub fn teaching_options() -> FitOptions {
    FitOptions {
        l2_term: 0.5,
        l2_word: 0.5,
        l2_pattern: 5.0,
        // the biases and the prior scale move whole topics: a reader's few examples should
        // not, so they are held (almost) where the shipped fit put them
        l2_bias: 1000.0,
        l2_scale: 1000.0,
        min_count: 1,
        iterations: 300,
        learning_rate: 0.05,
        // the shipped fit's cutoff: smaller learned word weights are noise from a few examples
        // and flipped borderline sentences of other articles
        min_word_weight: 0.15,
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Exported {
    format: String,
    version: u32,
    topics: Vec<ExportedTopic>,
    terms: Vec<ExportedTerm>,
    learned: Vec<ExportedWeight>,
    entities: Vec<Vec<String>>,
    examples: Vec<Example>,
    /// Dictionary words added to the analyzer (options `words`, `addWord`); absent in exports
    /// written before it was added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    words: Vec<DictWord>,
}

/// A dictionary word added to an analyzer, with the frequency it was given (or that jieba
/// suggested for it), so that another analyzer segments as this one does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DictWord {
    /// The word.
    pub word: String,
    /// Its frequency.
    pub freq: usize,
    /// Its part-of-speech tag, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

/// What [`import`] reads.
#[derive(Debug)]
pub struct Imported {
    /// The model.
    pub spec: ModelSpec,
    /// The reader's examples.
    pub examples: Vec<Example>,
    /// The dictionary words, checked.
    pub words: Vec<DictWord>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportedTopic {
    name: String,
    bias: f64,
    threshold: f64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportedTerm {
    term: String,
    topic: String,
    prior: f64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportedWeight {
    topic: String,
    kind: String,
    feature: String,
    weight: f64,
}

/// The model (topics, lexicon, learned weights, entities), the examples and the dictionary
/// words, as JSON.
pub fn export(spec: &ModelSpec, examples: &[Example], words: &[DictWord]) -> String {
    let name = |t: usize| spec.topics[t].name.clone();
    let e = Exported {
        format: FORMAT.into(),
        version: MODEL_VERSION,
        topics: spec
            .topics
            .iter()
            .map(|t| ExportedTopic {
                name: t.name.clone(),
                bias: t.bias,
                threshold: t.threshold,
            })
            .collect(),
        terms: spec
            .terms
            .iter()
            .map(|t| ExportedTerm {
                term: t.term.clone(),
                topic: name(t.topic),
                prior: t.prior,
            })
            .collect(),
        learned: spec
            .learned
            .iter()
            .map(|l| ExportedWeight {
                topic: name(l.topic),
                kind: l.kind.name().into(),
                feature: l.feature.clone(),
                weight: l.weight,
            })
            .collect(),
        entities: spec.entities.clone(),
        examples: examples.to_vec(),
        words: words.to_vec(),
    };
    serde_json::to_string(&e).unwrap_or_default()
}

/// Reads what [`export`] wrote.
///
/// # Errors
/// Not JSON, another format, another version (with the versions named), an unknown topic,
/// kind or pattern, a weight or threshold out of range.
pub fn import(json: &str) -> Result<Imported> {
    let head: serde_json::Value = serde_json::from_str(json).map_err(|e| Error::Model(format!("not JSON: {e}")))?;
    if head.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(Error::Model(format!(
            "not a {FORMAT} export (missing \"format\": \"{FORMAT}\")"
        )));
    }
    let version = head.get("version").and_then(serde_json::Value::as_u64).unwrap_or(0);
    if !(1..=u64::from(MODEL_VERSION)).contains(&version) {
        return Err(Error::Model(format!(
            "version {version} is not supported (this newslens reads versions 1 to {MODEL_VERSION})"
        )));
    }
    let e: Exported = serde_json::from_value(head).map_err(|e| Error::Model(e.to_string()))?;
    let mut spec = ModelSpec {
        entities: e.entities,
        ..ModelSpec::default()
    };
    for t in e.topics {
        if spec.topic_index(&t.name).is_some() || t.name.is_empty() {
            return Err(Error::Model(format!("topic `{}` is empty or repeated", t.name)));
        }
        crate::lexicon::check_weight(t.bias).map_err(|m| Error::Model(format!("topic `{}` bias: {m}", t.name)))?;
        if !(t.threshold > 0.0 && t.threshold < 1.0) {
            return Err(Error::Model(format!(
                "topic `{}` threshold {} is not in (0, 1)",
                t.name, t.threshold
            )));
        }
        spec.topics.push(TopicSpec {
            name: t.name,
            bias: t.bias,
            threshold: t.threshold,
        });
    }
    let index = |spec: &ModelSpec, name: &str| {
        spec.topic_index(name)
            .ok_or_else(|| Error::Model(format!("unknown topic `{name}`")))
    };
    for t in e.terms {
        let topic = index(&spec, &t.topic)?;
        crate::lexicon::check_term(&t.term).map_err(Error::Model)?;
        crate::lexicon::check_weight(t.prior).map_err(|m| Error::Model(format!("term `{}`: {m}", t.term)))?;
        spec.terms.push(TermSpec {
            term: t.term,
            topic,
            prior: t.prior,
        });
    }
    for l in e.learned {
        let topic = index(&spec, &l.topic)?;
        let kind = match l.kind.as_str() {
            "term" => FeatureKind::Term,
            "word" => FeatureKind::Word,
            "pattern" if crate::classify::Pattern::from_name(&l.feature).is_some() => FeatureKind::Pattern,
            other => return Err(Error::Model(format!("unknown feature `{other}` `{}`", l.feature))),
        };
        crate::lexicon::check_weight(l.weight).map_err(|m| Error::Model(format!("`{}`: {m}", l.feature)))?;
        spec.learned.push(LearnedWeight {
            topic,
            kind,
            feature: l.feature,
            weight: l.weight,
        });
    }
    for ex in &e.examples {
        for label in &ex.labels {
            index(&spec, label)?;
        }
    }
    // a word of frequency 0 was accepted before it was refused (it never cut whole, so it
    // changed nothing): such an export still imports, without it
    let words: Vec<DictWord> = e.words.into_iter().filter(|w| w.freq > 0).collect();
    for (i, w) in words.iter().enumerate() {
        crate::segment::check_entry(&w.word, Some(w.freq), w.tag.as_deref())
            .map_err(|err| Error::Model(format!("words[{i}]: {err}")))?;
    }
    Ok(Imported {
        spec,
        examples: e.examples,
        words,
    })
}
