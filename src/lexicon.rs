//! Reviewable text formats: topic lexicons (`term<TAB>weight`), the entity list and the
//! fitted weights file. Parsing errors name the file and line.

use crate::error::{Error, Result};

/// Default lexicons, one per topic, in topic order.
pub const DEFAULT_LEXICONS: [(&str, &str); 3] = [
    ("regulation", include_str!("../data/lexicon/regulation.txt")),
    ("competition", include_str!("../data/lexicon/competition.txt")),
    ("monetization", include_str!("../data/lexicon/monetization.txt")),
];

/// Company, platform and brand names (one a line), for the rivalry patterns.
pub const DEFAULT_ENTITIES: &str = include_str!("../data/entities.txt");

/// Weights fitted on the training articles by `cargo run --release --example fit` (native
/// builds embed the text; WebAssembly the same file compressed, see [`default_weights`]).
#[cfg(not(target_arch = "wasm32"))]
const WEIGHTS_TSV: &str = include_str!("../data/weights.tsv");

/// `data/weights.tsv` zstd-compressed, written with it by the fit example: 143 kB of text is
/// 28 kB in the .wasm (a test checks that it inflates to the text byte for byte).
#[cfg(any(target_arch = "wasm32", test))]
const WEIGHTS_ZST: &[u8] = include_bytes!("../data/weights.tsv.zst");

/// The shipped fitted weights file (`data/weights.tsv`), parsed by [`parse_weights`]. In
/// WebAssembly it is inflated on first use and kept.
///
/// # Errors
/// Only if the embedded compressed copy were damaged (tests guard it).
pub fn default_weights() -> Result<&'static str> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        Ok(WEIGHTS_TSV)
    }
    #[cfg(target_arch = "wasm32")]
    {
        static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        if let Some(text) = TEXT.get() {
            return Ok(text);
        }
        let text = inflate_weights(WEIGHTS_ZST)?;
        Ok(TEXT.get_or_init(|| text))
    }
}

/// Inflates the embedded weights.
#[cfg(any(target_arch = "wasm32", test))]
fn inflate_weights(compressed: &[u8]) -> Result<String> {
    let fail = |e: String| Error::Model(format!("embedded weights.tsv: {e}"));
    let bytes = crate::embedded::inflate(compressed).map_err(|e| fail(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| fail(e.to_string()))
}

/// Largest absolute weight accepted anywhere.
pub const MAX_WEIGHT: f64 = 20.0;

/// Longest term accepted, in characters.
pub const MAX_TERM_CHARS: usize = 100;

/// Parses a lexicon: `term<TAB>weight` per line, `#` comments and blank lines ignored.
///
/// # Errors
/// A line without a tab-separated weight, a weight that is not a finite number within
/// ±[`MAX_WEIGHT`], or an invalid term (see [`check_term`]); the error names `source` and the line.
pub fn parse_lexicon(source: &str, text: &str) -> Result<Vec<(String, f64)>> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let err = |message: String| Error::Lexicon {
            source: source.to_owned(),
            line: i + 1,
            message,
        };
        let Some((term, weight)) = line.rsplit_once('\t') else {
            return Err(err(format!("`{line}` has no tab-separated weight")));
        };
        let weight = parse_weight(weight.trim()).map_err(&err)?;
        check_term(term).map_err(&err)?;
        out.push((term.to_owned(), weight));
    }
    Ok(out)
}

/// Parses a weight: a finite number within ±[`MAX_WEIGHT`].
pub fn parse_weight(s: &str) -> std::result::Result<f64, String> {
    let w: f64 = s.parse().map_err(|_| format!("weight `{s}` is not a number"))?;
    check_weight(w)?;
    Ok(w)
}

/// A weight must be finite and within ±[`MAX_WEIGHT`].
pub fn check_weight(w: f64) -> std::result::Result<(), String> {
    if !w.is_finite() || w.abs() > MAX_WEIGHT {
        let shown = if w.is_finite() && w.abs() >= 1e6 {
            format!("{w:e}")
        } else {
            format!("{w}")
        };
        return Err(format!("weight {shown} is out of range (-{MAX_WEIGHT}..={MAX_WEIGHT})"));
    }
    Ok(())
}

/// A term must be non-empty, without leading or trailing whitespace, without tabs or line
/// breaks, and at most [`MAX_TERM_CHARS`] characters.
pub fn check_term(term: &str) -> std::result::Result<(), String> {
    if term.is_empty() {
        return Err("term is empty".into());
    }
    if term.trim() != term {
        return Err(format!("term `{term}` has leading or trailing whitespace"));
    }
    if term.contains(['\t', '\n', '\r']) {
        return Err(format!("term `{}` contains a tab or line break", term.escape_debug()));
    }
    if term.chars().count() > MAX_TERM_CHARS {
        let head: String = term.chars().take(16).collect();
        return Err(format!("term `{head}…` is longer than {MAX_TERM_CHARS} characters"));
    }
    Ok(())
}

/// Parses the entity list: one company group a line, its names separated by ` | `
/// (`字节跳动 | ByteDance | 抖音 | TikTok`), `#` comments. Names of one group are never rivals.
pub fn parse_entities(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            l.split('|')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|g| !g.is_empty())
        .collect()
}

/// One line of the fitted weights file.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightLine {
    /// Topic name.
    pub topic: String,
    /// `bias`, `threshold`, `term`, `word` or `pattern`.
    pub kind: String,
    /// The feature (empty for bias and threshold).
    pub feature: String,
    /// The value.
    pub value: f64,
}

/// Parses the weights file: `topic<TAB>kind<TAB>feature<TAB>value` per line, `#` comments.
///
/// # Errors
/// A line with the wrong number of fields, an unknown kind or a bad value.
pub fn parse_weights(source: &str, text: &str) -> Result<Vec<WeightLine>> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| Error::Lexicon {
            source: source.to_owned(),
            line: i + 1,
            message,
        };
        let fields: Vec<&str> = line.split('\t').collect();
        let [topic, kind, feature, value] = fields[..] else {
            return Err(err(format!("expected 4 tab-separated fields, found {}", fields.len())));
        };
        if !matches!(kind, "bias" | "threshold" | "term" | "word" | "pattern") {
            return Err(err(format!("unknown kind `{kind}`")));
        }
        let value = parse_weight(value).map_err(&err)?;
        out.push(WeightLine {
            topic: topic.to_owned(),
            kind: kind.to_owned(),
            feature: feature.to_owned(),
            value,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_files_parse() {
        for (name, text) in DEFAULT_LEXICONS {
            let terms = parse_lexicon(name, text).unwrap();
            assert!(terms.len() > 100, "{name}: only {} terms", terms.len());
            assert!(terms.iter().all(|(_, w)| *w > 0.0));
        }
        let groups = parse_entities(DEFAULT_ENTITIES);
        assert!(groups.len() > 100);
        assert!(groups
            .iter()
            .any(|g| g.contains(&"TikTok".to_string()) && g.contains(&"抖音".to_string())));
        assert_eq!(
            parse_entities("# c\n阿里 | Alibaba |  淘宝\n\nShopee\n"),
            vec![vec!["阿里", "Alibaba", "淘宝"], vec!["Shopee"]]
        );
        parse_weights("weights.tsv", default_weights().unwrap()).unwrap();
    }

    /// A term twice in one lexicon would be one feature with two priors (a user's config with
    /// that is an error; the shipped files keep the same rule).
    #[test]
    fn no_term_is_twice_in_a_lexicon() {
        for (name, text) in DEFAULT_LEXICONS {
            let mut seen = std::collections::HashSet::new();
            for (term, _) in parse_lexicon(name, text).unwrap() {
                assert!(seen.insert(crate::classify::term_key(&term)), "{name}: `{term}` twice");
            }
        }
    }

    /// The matcher drops a match that lies inside a longer one, whatever its topic, so a term of
    /// one lexicon hides a strong term of another inside it (降价战 would hide 降价). Each such term
    /// is listed in the other lexicon too, or is meant to hide it: a law or agency named after a
    /// concept (竞争法 is not rivalry), or a compound with another sense (竞价排名 is advertising).
    #[test]
    fn a_longer_term_hides_another_topics_term_only_where_meant() {
        const MEANT: [&str; 17] = [
            "竞争和市场管理局",
            "反不正当竞争法",
            "竞争法",
            "公平竞争",
            "竞争事务委员会",
            "竞争条例",
            "广告法",
            "虚假广告",
            "价格法",
            "非法收入",
            "非法利润",
            "封杀令",
            "反补贴",
            "优惠政策",
            "并购审查",
            "竞价排名",
            "转投资",
        ];
        /// A term, its matching key and its weight.
        type Keyed = (String, String, f64);
        let lexicons: Vec<(&str, Vec<Keyed>)> = DEFAULT_LEXICONS
            .iter()
            .map(|(name, text)| {
                let terms = parse_lexicon(name, text).unwrap();
                (
                    *name,
                    terms
                        .into_iter()
                        .map(|(t, w)| {
                            let key = crate::classify::term_key(&t);
                            (t, key, w)
                        })
                        .collect(),
                )
            })
            .collect();
        let mut unmeant = Vec::new();
        for (x, terms) in &lexicons {
            for (term, key) in terms.iter().map(|(t, k, _)| (t, k)) {
                for (y, others) in lexicons.iter().filter(|(y, _)| y != x) {
                    let listed = others.iter().any(|(_, k, _)| k == key);
                    let hidden: Vec<&str> = others
                        .iter()
                        .filter(|(o, k, w)| *w >= 2.0 && o.chars().count() >= 2 && k != key && key.contains(k.as_str()))
                        .map(|(o, _, _)| o.as_str())
                        .collect();
                    if !listed && !hidden.is_empty() && !MEANT.contains(&term.as_str()) {
                        unmeant.push(format!("{x} `{term}` hides {y} {hidden:?}"));
                    }
                }
            }
        }
        assert!(unmeant.is_empty(), "{unmeant:#?}");
    }

    /// The entity list's own rule: no name in two groups (in any ASCII case), or a sentence naming
    /// it would count one company as two rivals, or two rivals as one.
    #[test]
    fn no_entity_name_is_in_two_groups() {
        let mut seen = std::collections::HashMap::new();
        for (g, group) in parse_entities(DEFAULT_ENTITIES).iter().enumerate() {
            for name in group {
                if let Some(other) = seen.insert(name.to_ascii_lowercase(), g) {
                    assert_eq!(other, g, "`{name}` is in two groups");
                }
            }
        }
    }

    /// What WebAssembly embeds is `data/weights.tsv` itself, and damage is an error.
    #[test]
    fn compressed_weights_are_the_weights_file() {
        let text = inflate_weights(WEIGHTS_ZST).unwrap();
        assert!(
            text == default_weights().unwrap(),
            "data/weights.tsv.zst is stale: run `make fit`"
        );
        // the frame records its size and carries a checksum (Frame_Header_Descriptor bit 2), so
        // any damage is an error, not different weights
        let size = zstd::zstd_safe::get_frame_content_size(WEIGHTS_ZST).unwrap();
        assert_eq!(size, Some(text.len() as u64));
        assert_ne!(WEIGHTS_ZST[4] & 0b100, 0, "no checksum in data/weights.tsv.zst");
        for at in (WEIGHTS_ZST.len() / 10..WEIGHTS_ZST.len()).step_by(WEIGHTS_ZST.len() / 10) {
            let mut flipped = WEIGHTS_ZST.to_vec();
            flipped[at] ^= 0x10;
            assert!(
                matches!(inflate_weights(&flipped), Err(Error::Model(_))),
                "flip at {at}"
            );
        }
        assert!(matches!(inflate_weights(&WEIGHTS_ZST[..100]), Err(Error::Model(_))));
    }

    #[test]
    fn lexicon_errors_name_the_line() {
        let e = parse_lexicon("labor", "# c\n裁员\t2\n罢工 3\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid lexicon `labor` line 3: `罢工 3` has no tab-separated weight"
        );
        let e = parse_lexicon("labor", "裁员\tinf\n").unwrap_err();
        assert!(e.to_string().contains("line 1: weight inf is out of range"), "{e}");
        let e = parse_lexicon("labor", "裁员\t1e9\n").unwrap_err();
        assert!(e.to_string().contains("out of range"), "{e}");
        let e = parse_lexicon("labor", " 裁员\t1\n").unwrap_err();
        assert!(e.to_string().contains("leading or trailing whitespace"), "{e}");
        assert_eq!(
            parse_lexicon("x", "a b\t0.5\r\n").unwrap(),
            vec![("a b".to_string(), 0.5)]
        );
    }

    #[test]
    fn weights_errors() {
        assert!(parse_weights("w", "regulation\tbias\t\t-2\n").is_ok());
        let e = parse_weights("w", "regulation\tbias\t-2\n").unwrap_err();
        assert!(
            e.to_string().contains("expected 4 tab-separated fields, found 3"),
            "{e}"
        );
        let e = parse_weights("w", "regulation\tfoo\tx\t1\n").unwrap_err();
        assert!(e.to_string().contains("unknown kind `foo`"), "{e}");
    }
}
