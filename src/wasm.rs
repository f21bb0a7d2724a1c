//! The thin `wasm-bindgen` layer: argument checks, UTF-16 offsets, plain objects out.
//! All logic lives in the core so it tests natively.
//!
//! Results cross as plain camelCase objects (no per-sentence class instances, which would
//! hold Rust memory until JS frees them). Offsets are UTF-16 code units, so
//! `text.slice(start, end)` is exact. Every error is a thrown JS `Error`.

use crate::analyze::{Analysis, AnalyzeOptions};
use crate::offsets::Utf16Cursor;
use crate::{Config, Mode};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn err(context: &str, e: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("{context}: {e}"))
}

fn type_name(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(v) {
        "array".into()
    } else {
        v.js_typeof().as_string().unwrap_or_else(|| "unknown".into())
    }
}

/// A string argument, or a clear error naming the method and argument.
fn string_arg(v: &JsValue, method: &str, name: &str) -> Result<String, JsError> {
    v.as_string()
        .ok_or_else(|| JsError::new(&format!("{method}: {name} must be a string, got {}", type_name(v))))
}

/// The longest text, in UTF-16 code units (JS `text.length`), that `analyze`, `segment`,
/// `classify` and `learn` take. Their results need up to ~160 bytes of wasm memory per unit of
/// pathological text (`'罚款。'.repeat(n)` with evidence; ~35 for news) and wasm32 has 4 GB: past
/// that an allocation fails, and a wasm module that has trapped is unusable until reloaded.
/// 4,194,304 units is a few thousand news articles.
pub const MAX_TEXT: u32 = 1 << 22;
/// The longest text `splitSentences` takes: its spans need far less (the Web Worker splits a
/// long text first, then analyses it in chunks of sentences).
pub const MAX_SPLIT_TEXT: u32 = 4 * MAX_TEXT;

/// What to do with a text over [`MAX_TEXT`]: `analyze` can hand it to the Web Worker, which
/// analyses it in chunks; the other methods take it in parts.
const IN_PARTS: &str = "pass it in parts (paragraphs, or runs of sentences from splitSentences)";
const IN_PARTS_OR_WORKER: &str = "pass it in parts (paragraphs, or runs of sentences from splitSentences) or \
     analyse it with newslens/worker, which does that (up to 16,777,216 units)";
// the worker splits with splitSentences (js/worker.js checks 4 × maxTextLength); the advice says so
const _: () = assert!(MAX_SPLIT_TEXT == 16_777_216);

/// A text argument of at most `max` UTF-16 code units, or a clear error naming the method,
/// the argument, the limit and what to do (checked before the text is copied into wasm memory).
fn text_arg(v: &JsValue, method: &str, name: &str, max: u32, advice: &str) -> Result<String, JsError> {
    if let Some(s) = v.dyn_ref::<js_sys::JsString>() {
        if s.length() > max {
            return Err(too_long(&format!("{method}: {name}"), s.length() as usize, max, advice));
        }
    }
    string_arg(v, method, name)
}

/// The error for a text of `len` UTF-16 code units over `max`; `what` is `method: argument`.
fn too_long(what: &str, len: usize, max: u32, advice: &str) -> JsError {
    JsError::new(&format!(
        "{what} is {len} UTF-16 code units long, over the limit of {max}: {advice}"
    ))
}

/// Results cross as one JSON string parsed by the engine's native `JSON.parse`: several times
/// faster for large analyses than building the objects property by property from wasm.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(value).map_err(|e| err("newslens: cannot convert the result", e))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("newslens: cannot convert the result"))
}

fn options_object(v: &JsValue, method: &str) -> Result<Option<js_sys::Object>, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    if !v.is_object() || js_sys::Array::is_array(v) {
        return Err(JsError::new(&format!(
            "{method}: options must be an object, got {}",
            type_name(v)
        )));
    }
    Ok(Some(v.clone().into()))
}

/// The keys of a plain object that are not in `allowed`: `path.key: unknown field …`, worded as
/// serde words it for JSON (serde-wasm-bindgen looks up only the fields it knows, so a misspelt
/// option would otherwise be ignored without a word). Anything else is left to the deserializer.
fn check_keys(v: &JsValue, path: &str, allowed: &[&str]) -> Result<(), String> {
    if !v.is_object() || js_sys::Array::is_array(v) {
        return Ok(());
    }
    for key in js_sys::Object::keys(v.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !allowed.contains(&key.as_str()) {
            let expected: Vec<String> = allowed.iter().map(|k| format!("`{k}`")).collect();
            let at = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            return Err(format!(
                "{at}: unknown field `{key}`, expected one of {}",
                expected.join(", ")
            ));
        }
    }
    Ok(())
}

/// The elements of array `obj[key]` (none if it is absent, `null` or `undefined`); an error
/// naming `path` if it is something else.
fn array_field(obj: &js_sys::Object, key: &str, path: &str) -> Result<Vec<JsValue>, String> {
    let v = get(obj, key);
    if v.is_undefined() || v.is_null() {
        Ok(Vec::new())
    } else if js_sys::Array::is_array(&v) {
        Ok(js_sys::Array::from(&v).iter().collect())
    } else {
        Err(format!("{path}: must be an array, got {}", type_name(&v)))
    }
}

/// Every key of a configuration object is one it knows (see [`check_keys`]), and its lists are
/// arrays.
fn check_config_keys(options: &JsValue) -> Result<(), String> {
    check_keys(options, "", &["replaceDefaults", "threshold", "topics", "words"])?;
    let obj: &js_sys::Object = options.unchecked_ref();
    let topics = array_field(obj, "topics", "topics")?;
    let words = array_field(obj, "words", "words")?;
    for (i, topic) in topics.iter().enumerate() {
        let path = format!("topics[{i}]");
        check_keys(topic, &path, &["name", "terms", "threshold", "bias"])?;
        if topic.is_object() {
            for (j, term) in array_field(topic.unchecked_ref(), "terms", &format!("{path}.terms"))?
                .iter()
                .enumerate()
            {
                let path = format!("{path}.terms[{j}]");
                check_keys(term, &path, &["term", "weight"])?;
                check_field_types(term, &path, &[("term", "a string"), ("weight", "a number")])?;
            }
        }
    }
    for (i, word) in words.iter().enumerate() {
        let path = format!("words[{i}]");
        check_keys(word, &path, &["word", "freq", "tag"])?;
        check_field_types(
            word,
            &path,
            &[("word", "a string"), ("freq", "a number"), ("tag", "a string")],
        )?;
    }
    Ok(())
}

/// The fields of an object that are present (not `undefined` or `null`) have the JS type named
/// (`a string`, `a number`): `words[0].tag: must be a string, got number`, where serde, reading an
/// entry that may be a string or an object, could only say that the entry is neither.
fn check_field_types(v: &JsValue, path: &str, fields: &[(&str, &str)]) -> Result<(), String> {
    if !v.is_object() || js_sys::Array::is_array(v) {
        return Ok(());
    }
    for &(key, want) in fields {
        let x = get(v.unchecked_ref(), key);
        let ok = match want {
            "a string" => x.is_string(),
            "a number" => x.as_f64().is_some(),
            _ => true,
        };
        if !ok && !x.is_undefined() && !x.is_null() {
            return Err(format!("{path}.{key}: must be {want}, got {}", type_name(&x)));
        }
    }
    Ok(())
}

/// Deserializes `v`; an error names where in it the problem is (`topics[1].terms[2]: …`), in
/// JS's words rather than Rust's.
fn from_js<T: serde::de::DeserializeOwned>(v: JsValue) -> Result<T, String> {
    serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(v.clone())).map_err(|e| {
        let path = e.path().to_string();
        let found = || type_at(&v, &path);
        let inner = JsValue::from(e.into_inner());
        let message = if inner.is_instance_of::<js_sys::TypeError>() {
            // serde-wasm-bindgen looked into a value that is no object (`Reflect.get called on
            // non-object`): say what the value is instead
            format!("invalid type: {}", found().unwrap_or_else(|| "not an object".into()))
        } else {
            // (serde-wasm-bindgen's errors are JS Errors)
            let m = inner
                .dyn_ref::<js_sys::Error>()
                .map_or_else(|| format!("{inner:?}"), |e| String::from(e.message()));
            in_js_words(&m, found)
        };
        crate::config::with_path(&path, &message)
    })
}

/// serde's `invalid type: X, expected Y` in JS's words: X `floating point \`1.0\`` → `number
/// \`1\``, a value serde-wasm-bindgen shows as `JsValue(…)` → its JS type (`found`); Y `f64` → `a
/// number`, `struct Example` → `an object`. Only those two places are rewritten, never a value
/// the caller gave (`string "expected f64"` stays as it is); other messages are left alone.
fn in_js_words(message: &str, found: impl FnOnce() -> Option<String>) -> String {
    let Some(rest) = message.strip_prefix("invalid type: ") else {
        return message.to_owned();
    };
    // the expected part is serde's own text, never the caller's: the last `, expected ` starts it
    let Some(at) = rest.rfind(", expected ") else {
        return message.to_owned();
    };
    let (got, expected) = (&rest[..at], &rest[at + ", expected ".len()..]);
    let got = if let Some(n) = got.strip_prefix("floating point `").and_then(|n| n.strip_suffix('`')) {
        let n = match n {
            "inf" => "Infinity",
            "-inf" => "-Infinity",
            _ => n.strip_suffix(".0").unwrap_or(n),
        };
        format!("number `{n}`")
    } else if got.starts_with("JsValue(") {
        // (a key with `.` or `[` in it cannot be followed: then serde's text, as it is)
        found().unwrap_or_else(|| got.to_owned())
    } else {
        match got {
            "sequence" => "array".into(),
            "map" => "object".into(),
            "unit value" => "null".into(),
            _ => got.to_owned(),
        }
    };
    let expected = match expected {
        "f64" | "f32" => "a number",
        "usize" | "u32" | "u64" => "an integer ≥ 0",
        "a sequence" => "an array",
        "a map" => "an object",
        e if e.starts_with("struct ") => "an object",
        e if e.starts_with("enum ") => "a string",
        e => e,
    };
    format!("invalid type: {got}, expected {expected}")
}

/// The JS type of the value at `path` (serde_path_to_error's `[0].labels`, `topics[1].terms`,
/// `.` for the value itself) in `v`, if it can be followed there.
fn type_at(v: &JsValue, path: &str) -> Option<String> {
    let mut cur = v.clone();
    let mut rest = if path == "." || path == "?" { "" } else { path };
    while !rest.is_empty() {
        let (key, tail) = if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            (JsValue::from(r[..end].parse::<u32>().ok()?), &r[end + 1..])
        } else {
            let r = rest.strip_prefix('.').unwrap_or(rest);
            let end = r.bytes().position(|b| b == b'.' || b == b'[').unwrap_or(r.len());
            (JsValue::from_str(&r[..end]), &r[end..])
        };
        if !cur.is_object() {
            return None;
        }
        cur = js_sys::Reflect::get(&cur, &key).ok()?;
        rest = tail;
    }
    Some(type_name(&cur))
}

/// An array argument deserialized, or an error naming the method, the argument and where in it
/// the problem is.
fn array_arg<T: serde::de::DeserializeOwned>(
    v: JsValue,
    method: &str,
    name: &str,
    what: &str,
) -> Result<Vec<T>, JsError> {
    if !js_sys::Array::is_array(&v) {
        return Err(JsError::new(&format!(
            "{method}: {name} must be {what}, got {}",
            type_name(&v)
        )));
    }
    from_js(v).map_err(|e| JsError::new(&format!("{method}: {name}{}", at_path(&e))))
}

/// What follows the argument's name in an error: a path into it as it is (`[1].labels: …`),
/// a message without one after `: `.
fn at_path(e: &str) -> String {
    if e.starts_with('[') {
        e.to_owned()
    } else {
        format!(": {e}")
    }
}

fn get(obj: &js_sys::Object, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn bool_opt(obj: &Option<js_sys::Object>, key: &str, method: &str, default: bool) -> Result<bool, JsError> {
    let Some(obj) = obj else { return Ok(default) };
    let v = get(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(default);
    }
    v.as_bool().ok_or_else(|| {
        JsError::new(&format!(
            "{method}: options.{key} must be a boolean, got {}",
            type_name(&v)
        ))
    })
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A topic name: `regulation`, `competition`, `monetization`, or a custom topic's name. */
export type Topic = 'regulation' | 'competition' | 'monetization' | (string & {});

/** A feature occurrence that moved a topic's score. Offsets are UTF-16 code units. */
export interface Evidence {
  topic: Topic;
  /** The lexicon term, learned word, or pattern name (`@rivals`, `@entity`, `@money`, `@percent`, `@compare`, `@rank`, `@players`, `@law`). */
  term: string;
  kind: 'term' | 'word' | 'pattern';
  /** Its share of the feature's weight (logit units; negative lowers the score). */
  weight: number;
  start: number;
  end: number;
}

/** A word with its UTF-16 span. */
export interface Token {
  word: string;
  start: number;
  end: number;
}

/** Scores in [0, 1] for every topic, in topic order. */
export type Scores = Record<Topic, number>;

/** One analysed sentence; `text === input.slice(start, end)` (where the input has a lone surrogate, `text` has U+FFFD in its place; the offsets still index the input). */
export interface Sentence {
  text: string;
  start: number;
  end: number;
  /** Labels: topics whose score reached their threshold, in topic order. */
  topics: Topic[];
  scores: Scores;
  evidence: Evidence[];
  /** Present with `analyze(text, { tokens: true })`. */
  tokens?: Token[];
}

export interface TermTotal {
  term: string;
  count: number;
  weight: number;
}

export interface TopicSummary {
  topic: Topic;
  /** Sentences with this label. */
  count: number;
  /** count / number of sentences. */
  share: number;
  topTerms: TermTotal[];
  /** Indices into `sentences`, best first. */
  topSentences: number[];
}

export interface Summary {
  sentences: number;
  topics: TopicSummary[];
}

export interface Analysis {
  sentences: Sentence[];
  summary: Summary;
}

/** The result of `classify(sentence)`. */
export interface Classification {
  labels: Topic[];
  scores: Scores;
  evidence: Evidence[];
}

/** A sentence span from `splitSentences`. */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

/**
 * A custom term: a bare string, or a term with its weight (logit units, within ±20). A bare term
 * labels a sentence on its own: weight 1.5 in a new topic (bias −1), more in a topic of lower bias
 * (4.0 added to `regulation`, whose fitted bias is −3.5). Terms match whole jieba words: a term
 * inside a longer word jieba keeps (罢工 in 罢工抗议) does not fire; add that word as a term too.
 */
export type TermConfig = string | { term: string; weight: number };

/** A custom topic, or more terms for a default topic (same name). */
export interface TopicConfig {
  name: string;
  /** Required for a new topic; a default topic's name may come with a threshold or bias alone. */
  terms?: TermConfig[] | null;
  /** Label threshold in (0, 1); default: the top-level `threshold`, else 0.5 for a new topic and the fitted one for a default topic (regulation 0.2, competition 0.16, monetization 0.46). */
  threshold?: number | null;
  /** Logit with no term present; default −1 for a new topic (one term of weight 1 scores 0.5), the fitted one for a default topic (about −3.5). */
  bias?: number | null;
}

/** A dictionary word for segmentation. */
export type WordConfig = string | { word: string; freq?: number | null; tag?: string | null };

export interface AnalyzerOptions {
  /** Custom topics: new names are added after the defaults; default names get extra terms. */
  topics?: TopicConfig[] | null;
  /** true: `topics` replace the three default topics. */
  replaceDefaults?: boolean | null;
  /** Label threshold, in (0, 1), for every topic not given its own in `topics`: it replaces the default topics' fitted thresholds (0.2 / 0.16 / 0.46) too. */
  threshold?: number | null;
  /** User dictionary words. */
  words?: WordConfig[] | null;
}

export interface AnalyzeOptions {
  /** Include each sentence's words (default false). */
  tokens?: boolean | null;
  /** Include each sentence's evidence (default true); without it large results are several times smaller and faster. */
  evidence?: boolean | null;
}

/** A sentence labelled by the reader. */
export interface Example {
  text: string;
  labels: Topic[];
}

/** Precision, recall and F1 of one topic. */
export interface TopicMetrics {
  topic: Topic;
  support: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Per-topic metrics and their mean F1. */
export interface Evaluation {
  topics: TopicMetrics[];
  macroF1: number;
}

export interface SegmentOptions {
  /** 'default': most likely cut; 'search': also the words inside long words; 'all': every dictionary word. */
  mode?: 'default' | 'search' | 'all' | null;
  /** New-word discovery with jieba's HMM (default true). */
  hmm?: boolean | null;
}
"#;

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_owned()
}

/// Splits, segments and classifies Chinese news text. Construct once, reuse, `free()` when done.
///
/// Every method takes `&self` and borrows the state only after its arguments are read: reading
/// them runs the caller's getters and Proxy traps, and one that throws unwinds through wasm
/// without running Rust code. Had the glue's exclusive borrow of `&mut self` been held then, it
/// would never be released, and every later call would fail ("recursive use of an object").
#[wasm_bindgen]
pub struct Analyzer {
    state: std::cell::RefCell<State>,
}

struct State {
    inner: crate::Analyzer,
    /// The last packed analysis, kept so JS can read it in place (see `analyze_packed`).
    packed: crate::packed::Packed,
    /// The names `analyze_packed` has sent to the package's `analyze`.
    names: crate::packed::Names,
}

fn config_from(options: &JsValue, method: &str) -> Result<Config, JsError> {
    let Some(obj) = options_object(options, method)? else {
        return Ok(Config::default());
    };
    check_config_keys(&obj)
        .and_then(|()| from_js(obj.into()))
        .map_err(|e| JsError::new(&format!("{method}: invalid options: {e}")))
}

#[wasm_bindgen]
impl Analyzer {
    /// `new Analyzer({ topics, words, threshold, replaceDefaults })`, all optional.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "AnalyzerOptions | null | undefined")] options: JsValue,
    ) -> Result<Analyzer, JsError> {
        let config = config_from(&options, "new Analyzer")?;
        let inner = crate::Analyzer::with_config(&config).map_err(|e| err("new Analyzer", e))?;
        Ok(Analyzer {
            state: std::cell::RefCell::new(State {
                inner,
                packed: crate::packed::Packed::default(),
                names: crate::packed::Names::default(),
            }),
        })
    }

    /// Replaces the topics (starting again from the defaults) and adds words; on error the
    /// analyzer keeps working as before.
    pub fn configure(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AnalyzerOptions | null | undefined")] options: JsValue,
    ) -> Result<(), JsError> {
        let config = config_from(&options, "configure")?;
        self.state
            .borrow_mut()
            .inner
            .configure(&config)
            .map_err(|e| err("configure", e))
    }

    /// Loads the rest of jieba's dictionary now, so that no later call pays for it. The
    /// dictionary is otherwise loaded as texts need it: a first headline loads a few thousand
    /// of its 349,045 words, a first long article most of them (100–300 ms in all). Results
    /// are the same either way.
    pub fn preload(&self) {
        self.state.borrow().inner.preload();
    }

    /// The longest text, in UTF-16 code units (`text.length`), that `analyze`, `segment`,
    /// `classify` and `learn` take: 4,194,304 (a few thousand news articles). A longer one is an
    /// Error; pass it in parts, or use `newslens/worker`, which does that. `splitSentences` takes
    /// texts four times as long.
    #[wasm_bindgen(getter = maxTextLength)]
    pub fn max_text_length() -> u32 {
        MAX_TEXT
    }

    /// Topic names, in order.
    #[wasm_bindgen(getter, unchecked_return_type = "Topic[]")]
    pub fn topics(&self) -> Vec<String> {
        self.state.borrow().inner.topics()
    }

    /// Analyses an article: `{ sentences: [{ text, start, end, topics, scores, evidence, tokens? }], summary }`.
    /// Traditional characters are read as simplified and full-width letters and digits as ASCII;
    /// offsets and words stay those of `text`.
    #[wasm_bindgen(unchecked_return_type = "Analysis")]
    pub fn analyze(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | null | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let text = text_arg(&text, "analyze", "text", MAX_TEXT, IN_PARTS_OR_WORKER)?;
        let options = analyze_options(&options)?;
        let mut analysis = self.state.borrow().inner.analyze_with(&text, options);
        analysis_to_utf16(&text, &mut analysis);
        to_js(&analysis)
    }

    /// `analyze`, packed (see `src/packed.rs`): `[ints, floats, termsJson]`, the two arrays
    /// being views into wasm memory. The package's `analyze` (`js/decode.js`) calls this and
    /// builds the result objects in JS at once. With `received`, the length of the caller's
    /// list of names, `termsJson` holds only the names not sent by earlier such calls (see
    /// `packed::pack_analysis_with`; a list of another length starts again), otherwise every
    /// name the result uses.
    #[wasm_bindgen(js_name = __analyzePacked, skip_typescript)]
    pub fn analyze_packed(&self, text: JsValue, options: JsValue, received: JsValue) -> Result<js_sys::Array, JsError> {
        let text = text_arg(&text, "analyze", "text", MAX_TEXT, IN_PARTS_OR_WORKER)?;
        let options = analyze_options(&options)?;
        let mut guard = self.state.borrow_mut();
        let st = &mut *guard;
        st.packed = match received.as_f64() {
            Some(n) => crate::packed::pack_analysis_with(&st.inner, &text, options, &mut st.names, n as usize),
            None => crate::packed::pack_analysis(&st.inner, &text, options),
        };
        let terms = JsValue::from_str(&st.packed.terms);
        // SAFETY: views into memory owned by `st.packed`, which lives until the next call of
        // this method. Nothing runs in wasm between here and the decoder reading them (it
        // copies what it needs into plain objects at once and never keeps the views), so the
        // memory can neither be freed nor grow (which would detach them) while they are read.
        let (ints, floats) = unsafe {
            (
                js_sys::Uint32Array::view(&st.packed.ints),
                js_sys::Float64Array::view(&st.packed.floats),
            )
        };
        Ok(js_sys::Array::of3(&ints, &floats, &terms))
    }

    /// `segment`, packed: UTF-16 `[start, end, …]` of each word (the words are slices of the
    /// text). The package's `segment` (`js/decode.js`) calls this.
    #[wasm_bindgen(js_name = __segmentPacked, skip_typescript)]
    pub fn segment_packed(&self, text: JsValue, options: JsValue) -> Result<js_sys::Uint32Array, JsError> {
        let text = text_arg(&text, "segment", "text", MAX_TEXT, IN_PARTS)?;
        let (mode, hmm) = segment_options(&options)?;
        let tokens = self.state.borrow().inner.segment_with(&text, mode, hmm);
        let spans = crate::packed::pack_spans(&text, tokens.iter().map(|t| (t.start, t.end)));
        Ok(js_sys::Uint32Array::from(&spans[..]))
    }

    /// The number of words jieba-rs cuts `text` into, inside this module, with nothing sent
    /// back but the count; with `sentences`, sentence by sentence as `analyze` cuts them.
    /// `benches/node-bench.mjs` times it as the floor of `analyze`, which does this and more.
    #[wasm_bindgen(js_name = __cutCount, skip_typescript)]
    pub fn cut_count(&self, text: JsValue, sentences: bool) -> Result<u32, JsError> {
        let text = text_arg(&text, "cut", "text", MAX_TEXT, IN_PARTS)?;
        let st = self.state.borrow();
        let segmenter = st.inner.segmenter();
        let n = if sentences {
            crate::split_sentences(&text)
                .into_iter()
                .map(|r| segmenter.words(crate::script::Reading::new(&text[r]).as_str()).len())
                .sum()
        } else {
            segmenter.words(crate::script::Reading::new(&text).as_str()).len()
        };
        Ok(n as u32)
    }

    /// Classifies one sentence: `{ labels, scores, evidence }`.
    #[wasm_bindgen(unchecked_return_type = "Classification")]
    pub fn classify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] sentence: JsValue,
    ) -> Result<JsValue, JsError> {
        let sentence = text_arg(&sentence, "classify", "sentence", MAX_TEXT, IN_PARTS)?;
        let mut c = self.state.borrow().inner.classify(&sentence);
        let mut cur = Utf16Cursor::new(&sentence);
        for e in &mut c.evidence {
            e.start = cur.to_utf16(e.start);
            e.end = cur.to_utf16(e.end);
        }
        to_js(&c)
    }

    /// Segments text: `[{ word, start, end }]`; options `{ mode: 'default' | 'search' | 'all', hmm: true }`.
    /// Traditional characters are cut as simplified and full-width letters and digits as ASCII;
    /// the words are the text's own. Emoji sequences (👨‍👩‍👧, 👍🏽), flags and words with diacritics,
    /// Greek, Cyrillic, Hangul or katakana (café, Việt) stay one token each.
    #[wasm_bindgen(unchecked_return_type = "Token[]")]
    pub fn segment(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SegmentOptions | null | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let text = text_arg(&text, "segment", "text", MAX_TEXT, IN_PARTS)?;
        let (mode, hmm) = segment_options(&options)?;
        let mut tokens = self.state.borrow().inner.segment_with(&text, mode, hmm);
        let mut cur = Utf16Cursor::new(&text);
        for t in &mut tokens {
            t.start = cur.to_utf16(t.start);
            t.end = cur.to_utf16(t.end);
        }
        to_js(&tokens)
    }

    /// Sentences as `[{ text, start, end }]`.
    #[wasm_bindgen(js_name = splitSentences, unchecked_return_type = "SentenceSpan[]")]
    pub fn split_sentences(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsError> {
        let text = text_arg(
            &text,
            "splitSentences",
            "text",
            MAX_SPLIT_TEXT,
            "pass it in parts (paragraphs)",
        )?;
        #[derive(Serialize)]
        struct Span<'a> {
            text: &'a str,
            start: usize,
            end: usize,
        }
        let mut cur = Utf16Cursor::new(&text);
        let spans: Vec<Span<'_>> = self
            .state
            .borrow()
            .inner
            .split_sentences(&text)
            .into_iter()
            .map(|r| Span {
                text: &text[r.clone()],
                start: cur.to_utf16(r.start),
                end: cur.to_utf16(r.end),
            })
            .collect();
        to_js(&spans)
    }

    /// Learns from one sentence labelled by the reader; the whole model refits at once.
    pub fn learn(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] sentence: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Topic[]")] labels: JsValue,
    ) -> Result<(), JsError> {
        let sentence = text_arg(&sentence, "learn", "sentence", MAX_TEXT, IN_PARTS)?;
        let topics = self.state.borrow().inner.topics();
        let labels = labels_arg(&labels, "learn: labels", &topics)?;
        self.state
            .borrow_mut()
            .inner
            .learn(&sentence, &labels)
            .map_err(|e| err("learn", e))
    }

    /// Learns from many labelled sentences, `[{ text, labels }]`, refitting once.
    pub fn train(&self, #[wasm_bindgen(unchecked_param_type = "Example[]")] examples: JsValue) -> Result<(), JsError> {
        let topics = self.state.borrow().inner.topics();
        let examples = examples_arg(&examples, "train", &topics)?;
        self.state
            .borrow_mut()
            .inner
            .train(&examples)
            .map_err(|e| err("train", e))
    }

    /// k-fold cross-validated precision, recall and F1 of learning from `examples`.
    #[wasm_bindgen(js_name = crossValidate, unchecked_return_type = "Evaluation")]
    pub fn cross_validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Example[]")] examples: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] k: JsValue,
    ) -> Result<JsValue, JsError> {
        let topics = self.state.borrow().inner.topics();
        let examples = examples_arg(&examples, "crossValidate", &topics)?;
        // a number of folds, not whatever JS would coerce to one (-3, 2.5, '5', undefined)
        let k = match k.as_f64() {
            Some(f) if f.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&f) => f as usize,
            _ => {
                return Err(JsError::new(&format!(
                    "crossValidate: k must be a number of folds, an integer ≥ 2, got {}",
                    k.as_f64().map_or_else(|| type_name(&k), |f| f.to_string())
                )))
            }
        };
        let e = self
            .state
            .borrow()
            .inner
            .cross_validate(&examples, k)
            .map_err(|e| err("crossValidate", e))?;
        to_js(&e)
    }

    /// The reader's examples so far.
    #[wasm_bindgen(unchecked_return_type = "Example[]")]
    pub fn examples(&self) -> Result<JsValue, JsError> {
        to_js(&self.state.borrow().inner.examples())
    }

    /// Forgets the reader's examples.
    #[wasm_bindgen(js_name = resetLearning)]
    pub fn reset_learning(&self) -> Result<(), JsError> {
        self.state
            .borrow_mut()
            .inner
            .reset_learning()
            .map_err(|e| err("resetLearning", e))
    }

    /// The model and the reader's examples as versioned JSON.
    #[wasm_bindgen(js_name = exportModel)]
    pub fn export_model(&self) -> String {
        self.state.borrow().inner.export_model()
    }

    /// Replaces the model with an exported one; on error the analyzer keeps its model.
    #[wasm_bindgen(js_name = importModel)]
    pub fn import_model(&self, #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue) -> Result<(), JsError> {
        let json = text_arg(
            &json,
            "importModel",
            "json",
            MAX_SPLIT_TEXT,
            "is it a string from exportModel()?",
        )?;
        self.state
            .borrow_mut()
            .inner
            .import_model(&json)
            .map_err(|e| err("importModel", e))
    }

    /// The summary of analysed sentences, e.g. the chunks of a long text analysed one by one
    /// and concatenated (the Web Worker does this).
    #[wasm_bindgen(unchecked_return_type = "Summary")]
    pub fn summarize(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Sentence[]")] sentences: JsValue,
    ) -> Result<JsValue, JsError> {
        let sentences: Vec<crate::Sentence> =
            array_arg(sentences, "summarize", "sentences", "an array of analysed sentences")?;
        to_js(&self.state.borrow().inner.summarize(&sentences))
    }

    /// `summarize`, packed (see `src/packed.rs`); the package's `summarize` (`js/decode.js`)
    /// packs the sentences and calls this. `terms` is a JSON array of strings.
    #[wasm_bindgen(js_name = __summarizePacked, skip_typescript)]
    pub fn summarize_packed(&self, ints: &[u32], floats: &[f64], terms: &str) -> Result<JsValue, JsError> {
        let terms: Vec<String> = serde_json::from_str(terms)
            .map_err(|e| err("summarize: packed terms must be a JSON array of strings", e))?;
        let summary = crate::packed::summarize_packed(&self.state.borrow().inner, ints, floats, &terms)
            .map_err(|e| err("summarize", e))?;
        to_js(&summary)
    }

    /// Adds a dictionary word; returns the frequency it was given (without `freq`, the one jieba
    /// suggests to keep it whole). The dictionary's total frequency may not exceed 4294967295
    /// (jieba's own is 64 million): a word that would take it over is an Error.
    #[wasm_bindgen(js_name = addWord)]
    pub fn add_word(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] word: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number | null | undefined")] freq: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] tag: JsValue,
    ) -> Result<f64, JsError> {
        // (a word is at most 64 characters; a longer one is refused without copying all of it)
        let word = text_arg(&word, "addWord", "word", 256, "a word is at most 64 characters")?;
        let freq = if freq.is_undefined() || freq.is_null() {
            None
        } else {
            match freq.as_f64() {
                Some(f) if f.is_finite() && f >= 1.0 && f.fract() == 0.0 && f <= crate::segment::MAX_TOTAL as f64 => {
                    Some(f as usize)
                }
                _ => {
                    return Err(JsError::new(&format!(
                        "addWord: freq must be a positive integer up to {}",
                        crate::segment::MAX_TOTAL
                    )))
                }
            }
        };
        let tag = if tag.is_undefined() || tag.is_null() {
            None
        } else {
            Some(string_arg(&tag, "addWord", "tag")?)
        };
        let f = self
            .state
            .borrow_mut()
            .inner
            .add_word(&word, freq, tag.as_deref())
            .map_err(|e| err("addWord", e))?;
        Ok(f as f64)
    }
}

fn analyze_options(options: &JsValue) -> Result<AnalyzeOptions, JsError> {
    let opts = options_object(options, "analyze")?;
    if let Some(o) = &opts {
        check_keys(o, "options", &["tokens", "evidence"]).map_err(|e| JsError::new(&format!("analyze: {e}")))?;
    }
    Ok(AnalyzeOptions {
        tokens: bool_opt(&opts, "tokens", "analyze", false)?,
        evidence: bool_opt(&opts, "evidence", "analyze", true)?,
    })
}

fn segment_options(options: &JsValue) -> Result<(Mode, bool), JsError> {
    let opts = options_object(options, "segment")?;
    if let Some(o) = &opts {
        check_keys(o, "options", &["mode", "hmm"]).map_err(|e| JsError::new(&format!("segment: {e}")))?;
    }
    let mode = match &opts {
        Some(o) => {
            let v = get(o, "mode");
            if v.is_undefined() || v.is_null() {
                Mode::Default
            } else {
                let s = v.as_string().ok_or_else(|| {
                    JsError::new(&format!(
                        "segment: options.mode must be a string, got {}",
                        type_name(&v)
                    ))
                })?;
                Mode::parse(&s).map_err(|e| err("segment", e))?
            }
        }
        None => Mode::Default,
    };
    Ok((mode, bool_opt(&opts, "hmm", "segment", true)?))
}

/// The examples of `train` and `crossValidate`, each `{ text, labels }` with a text of at most
/// [`MAX_TEXT`] units and [`MAX_SPLIT_TEXT`] in all, and labels as [`labels_arg`] takes them:
/// checked before any text is copied into wasm memory (a few texts of hundreds of MB would
/// otherwise grow it by GBs, never given back, or exhaust it and leave the module unusable).
/// Each field is read once, so a getter cannot show the check one value and the copy another.
fn examples_arg(v: &JsValue, method: &str, topics: &[String]) -> Result<Vec<crate::learn::Example>, JsError> {
    if !js_sys::Array::is_array(v) {
        return Err(JsError::new(&format!(
            "{method}: examples must be an array of {{ text, labels }}, got {}",
            type_name(v)
        )));
    }
    let items = v.unchecked_ref::<js_sys::Array>();
    if items.length() > MAX_SPLIT_TEXT {
        // each needs a text of a unit at least
        return Err(JsError::new(&format!(
            "{method}: examples has {} entries, more than the {MAX_SPLIT_TEXT} units of text they may have in all",
            items.length()
        )));
    }
    // every example is checked before any text is copied: until then the texts stay JS strings
    // (not reserved from the caller's length: a long array of holes would cost memory at once)
    let mut checked: Vec<(js_sys::JsString, Vec<String>)> = Vec::new();
    let mut total = 0u64;
    for (i, e) in items.iter().enumerate() {
        let at = format!("{method}: examples[{i}]");
        if !e.is_object() || js_sys::Array::is_array(&e) {
            return Err(JsError::new(&format!(
                "{at} must be {{ text, labels }}, got {}",
                type_name(&e)
            )));
        }
        let text = read(&e, "text", &at)?;
        if !text.is_string() {
            return Err(JsError::new(&format!(
                "{at}.text must be a string, got {}",
                type_name(&text)
            )));
        }
        let s: js_sys::JsString = text.unchecked_into();
        if s.length() > MAX_TEXT {
            return Err(too_long(&format!("{at}.text"), s.length() as usize, MAX_TEXT, IN_PARTS));
        }
        total += u64::from(s.length());
        if total > u64::from(MAX_SPLIT_TEXT) {
            return Err(JsError::new(&format!(
                "{method}: the texts of examples[0] to examples[{i}] are {total} UTF-16 code units long together, \
                 over the limit of {MAX_SPLIT_TEXT}: learn from fewer examples at a time"
            )));
        }
        let labels = labels_arg(&read(&e, "labels", &at)?, &format!("{at}.labels"), topics)?;
        checked.push((s, labels));
    }
    Ok(checked
        .into_iter()
        .map(|(text, labels)| crate::learn::Example {
            text: String::from(&text),
            labels,
        })
        .collect())
}

/// `obj[key]`, or an Error if reading it threw (a getter or a Proxy's trap).
fn read(obj: &JsValue, key: &str, at: &str) -> Result<JsValue, JsError> {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).map_err(|e| {
        let why = e
            .dyn_ref::<js_sys::Error>()
            .map_or_else(|| format!("{e:?}"), |e| String::from(e.message()));
        JsError::new(&format!("{at}.{key} could not be read: {why}"))
    })
}

/// An array of topic names (`what` names it in an error): strings, no more of them than there
/// are `topics`, none longer than the longest name (which could be no topic's), so nothing
/// larger than a list of names is copied into wasm memory. Which names are topics, and whether
/// one is given twice, the core checks.
fn labels_arg(v: &JsValue, what: &str, topics: &[String]) -> Result<Vec<String>, JsError> {
    if !js_sys::Array::is_array(v) {
        return Err(JsError::new(&format!(
            "{what} must be an array of topic names, got {}",
            type_name(v)
        )));
    }
    let items = v.unchecked_ref::<js_sys::Array>();
    if items.length() as usize > topics.len() {
        return Err(JsError::new(&format!(
            "{what} has {} entries, more than there are topics ({})",
            items.length(),
            topics.join(", ")
        )));
    }
    let longest = topics.iter().map(|t| t.encode_utf16().count()).max().unwrap_or(0);
    let mut labels = Vec::with_capacity(items.length() as usize);
    for (j, l) in items.iter().enumerate() {
        let Some(s) = l.dyn_ref::<js_sys::JsString>() else {
            return Err(JsError::new(&format!(
                "{what}[{j}] must be a topic name (a string), got {}",
                type_name(&l)
            )));
        };
        if s.length() as usize > longest {
            return Err(JsError::new(&format!(
                "{what}[{j}] is no topic name: it is {} UTF-16 code units long (topics are {})",
                s.length(),
                topics.join(", ")
            )));
        }
        labels.push(String::from(s));
    }
    Ok(labels)
}

/// Converts every byte offset of an analysis of `text` to UTF-16 code units.
fn analysis_to_utf16(text: &str, analysis: &mut Analysis) {
    let mut cur = Utf16Cursor::new(text);
    for s in &mut analysis.sentences {
        let (b0, b1) = (s.start, s.end);
        let u0 = cur.to_utf16(b0);
        // evidence and tokens are converted within the sentence, so going back to the
        // sentence start never rescans the text before it
        let mut local = Utf16Cursor::new(&text[b0..b1]);
        for e in &mut s.evidence {
            e.start = u0 + local.to_utf16(e.start - b0);
            e.end = u0 + local.to_utf16(e.end - b0);
        }
        for t in s.tokens.iter_mut().flatten() {
            t.start = u0 + local.to_utf16(t.start - b0);
            t.end = u0 + local.to_utf16(t.end - b0);
        }
        s.start = u0;
        s.end = cur.to_utf16(b1);
    }
}
