//! Word segmentation: one `jieba_rs::Jieba`, built once per [`Segmenter`], plus the shipped
//! platform-economy dictionary (`data/dict.txt`) and words added at runtime.

use crate::error::{Error, Result};
use jieba_rs::{Jieba, TokenizeMode};
use serde::{Deserialize, Serialize};

/// jieba-rs's own dictionary (its `src/data/dict.txt`, byte for byte), zstd-compressed by
/// `scripts/jieba-dict.sh`. In WebAssembly it is embedded here rather than through jieba-rs's
/// `default-dict` feature so that it can be loaded in slices; see [`load_jieba_dict`].
#[cfg(any(target_arch = "wasm32", test))]
const JIEBA_DICT_ZST: &[u8] = include_bytes!("../data/jieba-dict.txt.zst");

/// How many calls the jieba dictionary is loaded in.
#[cfg(any(target_arch = "wasm32", test))]
const JIEBA_DICT_SLICES: usize = 64;

/// The shipped domain dictionary: `word freq [tag]` per line, frequencies explicit.
pub const DOMAIN_DICT: &str = include_str!("../data/dict.txt");

/// How to cut text into words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The most likely segmentation: every character in exactly one token.
    #[default]
    Default,
    /// Default, plus the dictionary words inside long words (for search indexing);
    /// tokens may overlap.
    Search,
    /// Every dictionary word found anywhere; tokens overlap.
    All,
}

impl Mode {
    /// Parses `"default"`, `"search"` or `"all"`.
    ///
    /// # Errors
    /// Any other string, with the valid choices in the message.
    pub fn parse(s: &str) -> Result<Mode> {
        match s {
            "default" => Ok(Mode::Default),
            "search" => Ok(Mode::Search),
            "all" => Ok(Mode::All),
            other => Err(Error::Argument(format!(
                "mode: unknown segmentation mode `{other}` (expected default, search or all)"
            ))),
        }
    }
}

/// A word and its byte span in the text that was segmented.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Token {
    /// The word, exactly as it appears in the text.
    pub word: String,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// Owns the jieba dictionary. Building it (inflating and indexing ~350,000 words) is the
/// expensive step; everything after reuses it.
#[derive(Debug)]
pub struct Segmenter {
    jieba: Jieba,
}

impl Segmenter {
    /// jieba's default dictionary plus the shipped domain dictionary.
    ///
    /// # Errors
    /// Only if the shipped domain dictionary or, in WebAssembly, the embedded jieba dictionary
    /// were malformed (tests guard both).
    pub fn new() -> Result<Self> {
        #[cfg(target_arch = "wasm32")]
        let mut jieba = {
            let mut jieba = Jieba::empty();
            load_jieba_dict(&mut jieba)?;
            jieba
        };
        // Natively one call is as fast as many, and jieba-rs's own loader skips the checks
        // `load_dict` makes (~60 ms less).
        #[cfg(not(target_arch = "wasm32"))]
        let mut jieba = Jieba::new();
        load_dict(&mut jieba, DOMAIN_DICT)?;
        Ok(Segmenter { jieba })
    }

    /// Segments `text`. Offsets are bytes into `text`.
    pub fn segment(&self, text: &str, mode: Mode, hmm: bool) -> Vec<Token> {
        let tokens = match mode {
            Mode::Default => self.jieba.tokenize(text, TokenizeMode::Default, hmm),
            Mode::Search => self.jieba.tokenize(text, TokenizeMode::Search, hmm),
            Mode::All => self.jieba.cut_all(text),
        };
        tokens
            .into_iter()
            .map(|t| Token {
                word: t.word.to_owned(),
                start: t.byte_start,
                end: t.byte_end,
            })
            .collect()
    }

    /// The default-mode words of `text` as borrowed slices with byte offsets: what the
    /// classifier consumes, with no allocation per word.
    pub fn words<'t>(&self, text: &'t str) -> Vec<(&'t str, usize, usize)> {
        self.jieba
            .cut(text, true)
            .into_iter()
            .map(|t| (t.word, t.byte_start, t.byte_end))
            .collect()
    }

    /// Adds a word at runtime. `freq` defaults to what jieba suggests so the word is kept whole.
    ///
    /// # Errors
    /// An empty word, or one containing whitespace (jieba's dictionary format cannot hold it).
    pub fn add_word(&mut self, word: &str, freq: Option<usize>, tag: Option<&str>) -> Result<usize> {
        check_word_and_tag(word, tag)?;
        Ok(self.jieba.add_word(word, freq, tag))
    }

    /// Whether `word` is in the dictionary.
    pub fn has_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }
}

/// Checks a dictionary word and its optional tag.
///
/// # Errors
/// As [`Segmenter::add_word`].
pub fn check_word_and_tag(word: &str, tag: Option<&str>) -> Result<()> {
    check_word(word)?;
    if let Some(tag) = tag {
        if tag.is_empty() || tag.chars().any(char::is_whitespace) {
            return Err(Error::Dictionary(format!(
                "tag `{tag}` of `{word}` is empty or contains whitespace"
            )));
        }
    }
    Ok(())
}

fn check_word(word: &str) -> Result<()> {
    if word.is_empty() {
        return Err(Error::Dictionary("word is empty".into()));
    }
    if word.chars().any(char::is_whitespace) {
        return Err(Error::Dictionary(format!("word `{word}` contains whitespace")));
    }
    if word.chars().count() > 64 {
        return Err(Error::Dictionary(format!(
            "word `{}…` is longer than 64 characters",
            word.chars().take(16).collect::<String>()
        )));
    }
    Ok(())
}

/// Loads jieba's 349,045-word dictionary into `jieba`: the same words, frequencies and tags, in
/// the same order, as `Jieba::new()` (a test compares them), but in [`JIEBA_DICT_SLICES`]
/// calls instead of one. V8 runs a WebAssembly function's first calls in its baseline
/// compiler (Liftoff) and switches to optimised code only for later calls, never in the
/// middle of one, so jieba-rs's single 349,045-word call ran unoptimised from start to end.
/// Node 20, a fresh process to its first result, medians of 8–10 alternating runs, three
/// times: 546 / 670 / 611 ms with `Jieba::new()`, 454 / 612 / 557 ms with this. Inflating
/// costs about 110 ms of it (343 ms with the text stored raw, but a 6.4 MB .wasm).
#[cfg(any(target_arch = "wasm32", test))]
fn load_jieba_dict(jieba: &mut Jieba) -> Result<()> {
    // Inflated once per process and kept (5 MB), as jieba-rs's own `default-dict` does.
    static TEXT: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let text = match TEXT.get() {
        Some(text) => text,
        None => {
            let text = inflate_dict(JIEBA_DICT_ZST)?;
            TEXT.get_or_init(|| text)
        }
    };
    let slice = text.len() / JIEBA_DICT_SLICES + 1;
    let mut rest = &text[..];
    while !rest.is_empty() {
        // Cut after the first line break at or past `slice` bytes (or at the end).
        let end = rest
            .get(slice..)
            .and_then(|tail| tail.iter().position(|&b| b == b'\n'))
            .map_or(rest.len(), |i| slice + i + 1);
        load_jieba_slice(jieba, &rest[..end])?;
        rest = &rest[end..];
    }
    Ok(())
}

/// Inflates the embedded dictionary (see [`crate::embedded::inflate`]).
#[cfg(any(target_arch = "wasm32", test))]
fn inflate_dict(compressed: &[u8]) -> Result<Vec<u8>> {
    crate::embedded::inflate(compressed).map_err(|e| Error::Dictionary(format!("embedded jieba dictionary: {e}")))
}

/// One slice of whole `word freq tag` lines. Never inlined, so that V8 can optimise it
/// between calls.
#[cfg(any(target_arch = "wasm32", test))]
#[inline(never)]
fn load_jieba_slice(jieba: &mut Jieba, mut lines: &[u8]) -> Result<()> {
    jieba
        .load_dict(&mut lines)
        .map_err(|e| Error::Dictionary(format!("embedded jieba dictionary: {e}")))
}

/// Loads `word freq [tag]` lines. Unlike jieba's own loader, a line without a frequency is
/// an error here: a word with frequency 0 never wins, which is never what a dictionary means.
fn load_dict(jieba: &mut Jieba, text: &str) -> Result<()> {
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        let (Some(word), Some(freq)) = (parts.next(), parts.next()) else {
            return Err(Error::Dictionary(format!("line {}: `{line}` has no frequency", i + 1)));
        };
        let freq: usize = freq
            .parse()
            .map_err(|e| Error::Dictionary(format!("line {}: frequency `{freq}`: {e}", i + 1)))?;
        if freq == 0 {
            return Err(Error::Dictionary(format!("line {}: `{word}` has frequency 0", i + 1)));
        }
        check_word(word)?;
        jieba.add_word(word, Some(freq), parts.next());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    /// The embedded copy must be jieba-rs's own dictionary: as many words and the same total
    /// frequency as `Jieba::new()`, every word of it one of `Jieba::new()`'s with the same
    /// frequency and tag, and the two segment and tag a corpus (the sample articles and every
    /// labelled sentence) identically in all three modes.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn embedded_dictionary_is_jieba_rs_own() {
        let mut ours = Jieba::empty();
        load_jieba_dict(&mut ours).unwrap();
        let theirs = Jieba::new();
        // the number of words and the total frequency (all jieba-rs's Debug shows)
        assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
        let text = String::from_utf8(inflate_dict(JIEBA_DICT_ZST).unwrap()).unwrap();
        assert_eq!(text.lines().count(), 349_045);
        for line in text.lines() {
            let word = line.split_whitespace().next().unwrap();
            assert!(theirs.has_word(word), "{word} is not in jieba-rs's dictionary");
            // the word's own frequency, at least
            assert_eq!(ours.suggest_freq(word), theirs.suggest_freq(word), "{line}");
            let tags = |j: &Jieba| j.tag(word, false).iter().map(|t| t.tag.to_owned()).collect::<Vec<_>>();
            assert_eq!(tags(&ours), tags(&theirs), "{line}");
        }
        let root = env!("CARGO_MANIFEST_DIR");
        let mut corpus = std::fs::read_to_string(format!("{root}/tests/fixtures/sample-articles.txt")).unwrap();
        for file in ["dev", "train"] {
            corpus += &std::fs::read_to_string(format!("{root}/data/eval/{file}.jsonl")).unwrap();
        }
        let words = |j: &Jieba, line: &str| -> Vec<Vec<String>> {
            let w = |t: Vec<jieba_rs::Token>| t.iter().map(|t| t.word.to_owned()).collect();
            let tags = j
                .tag(line, true)
                .iter()
                .map(|t| format!("{}/{}", t.word, t.tag))
                .collect();
            vec![
                w(j.cut(line, false)),
                w(j.cut_all(line)),
                w(j.cut_for_search(line, true)),
                tags,
            ]
        };
        let lines: Vec<&str> = corpus.lines().collect();
        assert!(lines.len() > 1_000);
        for line in lines {
            assert_eq!(words(&ours, line), words(&theirs, line), "{line}");
        }
    }

    fn seg() -> &'static Segmenter {
        static SEG: OnceLock<Segmenter> = OnceLock::new();
        SEG.get_or_init(|| Segmenter::new().expect("shipped dictionary loads"))
    }

    fn words(text: &str, mode: Mode) -> Vec<String> {
        seg().segment(text, mode, true).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn a_damaged_dictionary_is_an_error() {
        let cut = &JIEBA_DICT_ZST[..JIEBA_DICT_ZST.len() / 2];
        assert!(matches!(inflate_dict(cut), Err(Error::Dictionary(_))));
        // the frame carries a checksum
        let mut flipped = JIEBA_DICT_ZST.to_vec();
        flipped[JIEBA_DICT_ZST.len() / 2] ^= 0x10;
        assert!(matches!(inflate_dict(&flipped), Err(Error::Dictionary(_))));
        assert!(matches!(inflate_dict(b"not zstd at all"), Err(Error::Dictionary(_))));
    }

    #[test]
    fn classic_example() {
        assert_eq!(
            words("我们中出了一个叛徒", Mode::Default),
            ["我们", "中出", "了", "一个", "叛徒"]
        );
    }

    #[test]
    fn domain_dictionary_keeps_terms_whole() {
        for term in [
            "跨境电商",
            "直播带货",
            "货架电商",
            "抽佣",
            "二选一",
            "全闭环",
            "电商牌照",
        ] {
            let text = format!("他们谈到了{term}的问题");
            assert!(
                words(&text, Mode::Default).contains(&term.to_string()),
                "{term} split in {text}"
            );
        }
    }

    #[test]
    fn offsets_are_bytes_and_tile_in_default_mode() {
        let text = "TikTok Shop在印尼𠮷的GMV增长👍了3.25亿";
        let toks = seg().segment(text, Mode::Default, true);
        let mut pos = 0;
        for t in &toks {
            assert_eq!(t.start, pos);
            assert_eq!(&text[t.start..t.end], t.word);
            pos = t.end;
        }
        assert_eq!(pos, text.len());
    }

    #[test]
    fn search_and_all_modes_find_inner_words() {
        let search = words("中华人民共和国", Mode::Search);
        assert!(search.contains(&"中华".to_string()) && search.contains(&"中华人民共和国".to_string()));
        let all = words("中华人民共和国", Mode::All);
        assert!(all.contains(&"人民".to_string()) && all.contains(&"共和国".to_string()));
    }

    #[test]
    fn runtime_words() {
        let mut s = Segmenter::new().unwrap();
        assert!(!s
            .segment("东南亚抖品牌崛起", Mode::Default, false)
            .iter()
            .any(|t| t.word == "抖品牌"));
        s.add_word("抖品牌", Some(20000), Some("n")).unwrap();
        assert!(s.has_word("抖品牌"));
        assert!(s
            .segment("东南亚抖品牌崛起", Mode::Default, false)
            .iter()
            .any(|t| t.word == "抖品牌"));
        assert!(matches!(s.add_word("", None, None), Err(Error::Dictionary(_))));
        assert_eq!(
            s.add_word("a b", None, None).unwrap_err().to_string(),
            "invalid dictionary entry: word `a b` contains whitespace"
        );
    }

    #[test]
    fn dictionary_lines_need_frequencies() {
        let mut j = Jieba::empty();
        let err = load_dict(&mut j, "# c\n跨境电商 5000 n\n抽佣\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid dictionary entry: line 3: `抽佣` has no frequency"
        );
        assert!(load_dict(&mut j, "抽佣 0\n").is_err());
        assert!(load_dict(&mut j, "抽佣 x\n").is_err());
    }

    #[test]
    fn modes_parse() {
        assert_eq!(Mode::parse("search").unwrap(), Mode::Search);
        assert!(Mode::parse("fast")
            .unwrap_err()
            .to_string()
            .contains("expected default, search or all"));
    }
}
