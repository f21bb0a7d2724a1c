//! Word segmentation: one `jieba_rs::Jieba`, built once per [`Segmenter`], plus the shipped
//! platform-economy dictionary (`data/dict.txt`) and words added at runtime.

use crate::error::{Error, Result};
use jieba_rs::{Jieba, TokenizeMode};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::sync::{PoisonError, RwLock, RwLockReadGuard};

/// jieba-rs's own dictionary (its `src/data/dict.txt`, byte for byte), zstd-compressed by
/// `scripts/jieba-dict.sh`. Embedded here rather than through jieba-rs's `default-dict`
/// feature so that it can be loaded a first character at a time; see [`Segmenter`].
const JIEBA_DICT_ZST: &[u8] = include_bytes!("../data/jieba-dict.txt.zst");

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

/// Owns the jieba dictionary, which it loads **on demand**: building jieba's 349,045 words
/// is the expensive step (most of a cold start in WebAssembly), and a text needs only the
/// words that start with one of its own characters (a one-line headline about 6,000 of them).
/// Every call first loads the words of the characters it has not seen yet, so the results are
/// exactly those of the whole dictionary loaded up front (tests compare every mode on a
/// corpus); [`Segmenter::preload`] loads the rest at once.
pub struct Segmenter {
    inner: RwLock<Lazy>,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter").field("jieba", &self.read().jieba).finish()
    }
}

/// A jieba whose dictionary is loaded one first character at a time.
///
/// jieba scores a cut with `ln(freq) - ln(total)`, `total` being the sum of the frequencies of
/// every word in the dictionary. So that it is the same before everything is loaded, the words
/// not loaded yet are stood in for by one [`PLACEHOLDER`] word carrying their total frequency;
/// it contains a space, which jieba never looks up (it cuts only runs of CJK and
/// alphanumeric characters, and a word of the dictionary lies inside one run).
struct Lazy {
    jieba: Jieba,
    /// jieba's dictionary text, lines sorted by first character (a test checks it).
    dict: &'static [u8],
    /// One bit per Unicode scalar value: the words starting with it are loaded (or there
    /// are none).
    loaded: Vec<u64>,
    /// Total frequency of the words not loaded yet (jieba's, as changed by words added for
    /// them): the placeholder's frequency.
    unloaded_freq: i64,
    /// Words added with a frequency for first characters not loaded yet, by first character.
    pending: FxHashMap<char, Pending>,
    /// Everything is loaded: no call needs to look at its characters any more.
    complete: bool,
}

/// Stands in for the words not loaded yet (see [`Lazy`]).
const PLACEHOLDER: &str = "newslens unloaded words";

/// The sum of the frequencies of jieba's dictionary (a test checks it against `Jieba::new()`).
const JIEBA_DICT_TOTAL: usize = 60_101_964;

impl Segmenter {
    /// jieba's default dictionary plus the shipped domain dictionary.
    ///
    /// # Errors
    /// Only if the shipped domain dictionary or the embedded jieba dictionary were malformed
    /// (tests guard both).
    pub fn new() -> Result<Self> {
        let mut lazy = Lazy::new()?;
        load_dict(&mut lazy, DOMAIN_DICT)?;
        Ok(Segmenter {
            inner: RwLock::new(lazy),
        })
    }

    fn read(&self) -> RwLockReadGuard<'_, Lazy> {
        self.inner.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// jieba, with the words starting with any character of `text` loaded.
    fn jieba_for(&self, text: &str) -> RwLockReadGuard<'_, Lazy> {
        let lazy = self.read();
        if !lazy.needs(text) {
            return lazy;
        }
        drop(lazy);
        self.inner
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .load_for(text);
        self.read()
    }

    /// Loads the rest of jieba's dictionary now, so that no later call pays for it (about
    /// 200 ms in WebAssembly, 60 ms natively). Idempotent.
    pub fn preload(&self) {
        if !self.read().complete {
            self.inner.write().unwrap_or_else(PoisonError::into_inner).load_all();
        }
    }

    /// Segments `text`. Offsets are bytes into `text`.
    pub fn segment(&self, text: &str, mode: Mode, hmm: bool) -> Vec<Token> {
        let lazy = self.jieba_for(text);
        let tokens = match mode {
            Mode::Default => lazy.jieba.tokenize(text, TokenizeMode::Default, hmm),
            Mode::Search => lazy.jieba.tokenize(text, TokenizeMode::Search, hmm),
            Mode::All => lazy.jieba.cut_all(text),
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
        self.jieba_for(text)
            .jieba
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
        Ok(self
            .inner
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
            .add_word(word, freq, tag))
    }

    /// Whether `word` is in the dictionary.
    pub fn has_word(&self, word: &str) -> bool {
        word != PLACEHOLDER && self.jieba_for(word).jieba.has_word(word)
    }
}

impl Lazy {
    /// jieba's dictionary, nothing loaded yet.
    fn new() -> Result<Lazy> {
        let mut jieba = Jieba::empty();
        jieba.add_word(PLACEHOLDER, Some(JIEBA_DICT_TOTAL), None);
        Ok(Lazy {
            jieba,
            dict: jieba_dict()?,
            loaded: vec![0; (char::MAX as usize + 1).div_ceil(64)],
            unloaded_freq: JIEBA_DICT_TOTAL as i64,
            pending: FxHashMap::default(),
            complete: false,
        })
    }

    fn is_loaded(&self, c: char) -> bool {
        self.loaded[c as usize / 64] & (1 << (c as u32 % 64)) != 0
    }

    /// Whether some character of `text` has words not loaded yet.
    fn needs(&self, text: &str) -> bool {
        !self.complete && text.chars().any(|c| !self.is_loaded(c))
    }

    /// Loads the words starting with each character of `text`.
    fn load_for(&mut self, text: &str) {
        for c in text.chars() {
            if !self.is_loaded(c) {
                self.load_char(c, bucket(self.dict, c));
            }
        }
    }

    /// Loads every word not loaded yet, one first character at a time (V8 optimises a
    /// WebAssembly function only between its calls, so many short calls run faster than one
    /// long one).
    fn load_all(&mut self) {
        let mut start = 0;
        while let Some(c) = first_char(self.dict, start) {
            let end = lower_bound(self.dict, start, c as u32 + 1);
            if !self.is_loaded(c) {
                self.load_char(c, start..end);
            }
            start = end;
        }
        // words added for characters that start none of jieba's
        let mut rest: Vec<char> = self.pending.keys().copied().collect();
        rest.sort_unstable();
        for c in rest {
            self.load_char(c, 0..0);
        }
        self.complete = true;
    }

    /// Loads the words starting with `c`: jieba's (`dict[lines]`), then those added for it
    /// meanwhile, and takes their frequencies off the placeholder.
    #[inline(never)]
    fn load_char(&mut self, c: char, lines: std::ops::Range<usize>) {
        let mut sum = 0i64;
        // The embedded text is checked by its frame's checksum, and a test loads all of it.
        let text = std::str::from_utf8(&self.dict[lines]).unwrap_or_default();
        for line in text.lines() {
            let mut parts = line.split(' ');
            let (Some(word), Some(Ok(freq))) = (parts.next(), parts.next().map(str::parse::<usize>)) else {
                continue;
            };
            self.jieba.add_word(word, Some(freq), parts.next());
            sum += freq as i64;
        }
        if let Some(added) = self.pending.remove(&c) {
            for w in &added.words {
                self.jieba.add_word(&w.word, Some(w.freq), w.tag.as_deref());
            }
            sum += added.change;
        }
        self.loaded[c as usize / 64] |= 1 << (c as u32 % 64);
        if sum != 0 {
            self.set_unloaded(self.unloaded_freq - sum);
        }
    }

    fn set_unloaded(&mut self, freq: i64) {
        self.unloaded_freq = freq;
        let freq = usize::try_from(freq).unwrap_or(0);
        self.jieba.add_word(PLACEHOLDER, Some(freq), None);
    }

    /// Adds a word as jieba would with the whole dictionary loaded: with a frequency and its
    /// first character's words not loaded yet, it waits for them (they may hold the word, whose
    /// frequency it then replaces) and its frequency joins the placeholder's meanwhile; with
    /// none, the words it could meet are loaded first, so that jieba suggests the frequency
    /// the whole dictionary would.
    fn add_word(&mut self, word: &str, freq: Option<usize>, tag: Option<&str>) -> usize {
        let Some(c) = word.chars().next() else { return 0 };
        match freq {
            Some(freq) if !self.complete && !self.is_loaded(c) => {
                let dict = self.dict;
                let added = self.pending.entry(c).or_default();
                let before = match added.words.iter().rev().find(|w| w.word == word) {
                    Some(w) => w.freq,
                    None => dict_freq(dict, word).unwrap_or(0),
                };
                let change = freq as i64 - before as i64;
                added.change += change;
                added.words.push(Added {
                    word: word.to_owned(),
                    freq,
                    tag: tag.map(str::to_owned),
                });
                self.set_unloaded(self.unloaded_freq + change);
                freq
            }
            _ => {
                self.load_for(word);
                self.jieba.add_word(word, freq, tag)
            }
        }
    }
}

/// Words added for a first character whose words are not loaded yet.
#[derive(Default)]
struct Pending {
    /// In the order they were added.
    words: Vec<Added>,
    /// What they change in the total frequency of the dictionary.
    change: i64,
}

struct Added {
    word: String,
    freq: usize,
    tag: Option<String>,
}

/// The frequency of `word` in jieba's dictionary.
fn dict_freq(dict: &[u8], word: &str) -> Option<usize> {
    let c = word.chars().next()?;
    let text = std::str::from_utf8(&dict[bucket(dict, c)]).ok()?;
    text.lines().find_map(|line| {
        let mut parts = line.split(' ');
        (parts.next() == Some(word)).then(|| parts.next()?.parse().ok())?
    })
}

/// The first character of the line starting at `start`.
fn first_char(dict: &[u8], start: usize) -> Option<char> {
    let len = match *dict.get(start)? {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    };
    std::str::from_utf8(dict.get(start..start + len)?).ok()?.chars().next()
}

/// The offset of the first line at or after the line start `from` whose first character is
/// `key` or later (`dict.len()` if none): a binary search, the lines being sorted by first
/// character.
fn lower_bound(dict: &[u8], from: usize, key: u32) -> usize {
    // `lo` is a line start, every line before it starts below `key`; the line at `hi` (if any)
    // starts at `key` or later
    let (mut lo, mut hi) = (from, dict.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = dict[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |i| lo + i + 1);
        if first_char(dict, start).is_some_and(|c| (c as u32) < key) {
            lo = dict[mid..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(dict.len(), |i| mid + i + 1);
        } else {
            hi = start;
        }
    }
    lo
}

/// The lines of `dict` whose words start with `c`.
fn bucket(dict: &[u8], c: char) -> std::ops::Range<usize> {
    let start = lower_bound(dict, 0, c as u32);
    start..lower_bound(dict, start, c as u32 + 1)
}

/// jieba's dictionary text, inflated once per process and kept (5 MB), as jieba-rs's own
/// `default-dict` does.
fn jieba_dict() -> Result<&'static [u8]> {
    static TEXT: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    if let Some(text) = TEXT.get() {
        return Ok(text);
    }
    let text = inflate_dict(JIEBA_DICT_ZST)?;
    Ok(TEXT.get_or_init(|| text))
}

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

/// Inflates the embedded dictionary (see [`crate::embedded::inflate`]).
fn inflate_dict(compressed: &[u8]) -> Result<Vec<u8>> {
    crate::embedded::inflate(compressed).map_err(|e| Error::Dictionary(format!("embedded jieba dictionary: {e}")))
}

/// Loads `word freq [tag]` lines. Unlike jieba's own loader, a line without a frequency is
/// an error here: a word with frequency 0 never wins, which is never what a dictionary means.
fn load_dict(lazy: &mut Lazy, text: &str) -> Result<()> {
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
        lazy.add_word(word, Some(freq), parts.next());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    /// The embedded copy must be jieba-rs's own dictionary (the same words, frequencies and
    /// tags, lines sorted by first character, [`JIEBA_DICT_TOTAL`] in all), and loaded as texts
    /// need it, it must segment and tag a corpus (the sample articles and every labelled
    /// sentence) exactly as `Jieba::new()` does in all three modes, line by line with only
    /// the words that line has loaded so far. Then, all loaded, it holds every word with the
    /// same total frequency.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn embedded_dictionary_is_jieba_rs_own_and_loads_as_needed() {
        let theirs = Jieba::new();
        let text = std::str::from_utf8(jieba_dict().unwrap()).unwrap();
        assert_eq!(text.lines().count(), 349_045);
        let mut total = 0;
        let mut last = '\0';
        for line in text.lines() {
            let mut parts = line.split(' ');
            let word = parts.next().unwrap();
            total += parts.next().unwrap().parse::<usize>().unwrap();
            let first = word.chars().next().unwrap();
            assert!(first >= last, "{line}: not sorted by first character");
            last = first;
            assert!(theirs.has_word(word), "{word} is not in jieba-rs's dictionary");
        }
        assert_eq!(total, JIEBA_DICT_TOTAL);
        let mut ours = Lazy::new().unwrap();
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
            ours.load_for(line);
            assert_eq!(words(&ours.jieba, line), words(&theirs, line), "{line}");
        }
        assert!(!ours.complete);
        ours.load_all();
        assert_eq!(ours.unloaded_freq, 0);
        assert!(ours.pending.is_empty());
        // the number of records (one more: the placeholder, now of frequency 0) and the total
        // frequency, all jieba-rs's Debug shows
        let debug = format!("{theirs:?}").replace("records_len: 349045", "records_len: 349046");
        assert_eq!(format!("{:?}", ours.jieba), debug);
        for line in text.lines() {
            let word = line.split(' ').next().unwrap();
            // the word's own frequency, at least, and its tag
            assert_eq!(ours.jieba.suggest_freq(word), theirs.suggest_freq(word), "{line}");
            let tags = |j: &Jieba| j.tag(word, false).iter().map(|t| t.tag.to_owned()).collect::<Vec<_>>();
            assert_eq!(tags(&ours.jieba), tags(&theirs), "{line}");
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

    /// A segmenter that loads words as texts need them gives what one loaded up front gives,
    /// with the domain dictionary and runtime words: a word of jieba's own added before any
    /// text had its characters keeps the frequency it was given, and a suggested frequency is
    /// the one the whole dictionary suggests.
    #[test]
    fn loading_as_needed_changes_nothing() {
        let setup = |s: &mut Segmenter| {
            vec![
                s.add_word("鸡蛋", Some(3), None).unwrap(),
                s.add_word("抖品牌", None, None).unwrap(),
                s.add_word("鸡蛋", Some(30), None).unwrap(),
                s.add_word("蛋价格", None, Some("n")).unwrap(),
                // a first character that starts none of jieba's words
                s.add_word("𠮷野家", Some(9_000), None).unwrap(),
                s.add_word("鸡毛蒜皮", Some(90_000_000), None).unwrap(),
            ]
        };
        let mut full = Segmenter::new().unwrap();
        full.preload();
        assert!(full.read().complete);
        let mut lazy = Segmenter::new().unwrap();
        assert!(!lazy.read().is_loaded('鸡') && !lazy.read().complete);
        assert_eq!(setup(&mut lazy), setup(&mut full));
        let root = env!("CARGO_MANIFEST_DIR");
        let mut corpus = std::fs::read_to_string(format!("{root}/tests/fixtures/sample-articles.txt")).unwrap();
        corpus += "\n鸡蛋价格上涨，东南亚抖品牌崛起。𠮷野家的鸡毛蒜皮。\n";
        corpus += &std::fs::read_to_string(format!("{root}/data/eval/dev.jsonl")).unwrap();
        for line in corpus.lines() {
            for mode in [Mode::Default, Mode::Search, Mode::All] {
                assert_eq!(lazy.segment(line, mode, true), full.segment(line, mode, true), "{line}");
            }
            assert_eq!(lazy.words(line), full.words(line));
        }
        assert!(lazy.has_word("鸡蛋") && lazy.has_word("抖品牌") && lazy.has_word("朝三暮四"));
        assert!(!lazy.has_word(PLACEHOLDER) && !full.has_word(PLACEHOLDER));
        assert!(!lazy.read().complete);
        lazy.preload();
        assert_eq!(format!("{lazy:?}"), format!("{full:?}"));
    }

    #[test]
    fn dictionary_lines_need_frequencies() {
        let mut j = Lazy::new().unwrap();
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
