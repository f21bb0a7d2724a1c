//! Word segmentation: one `jieba_rs::Jieba`, built once per [`Segmenter`], plus the shipped
//! platform-economy dictionary (`data/dict.txt`) and words added at runtime.

use crate::error::{Error, Result};
use crate::script::{normalized, Reading};
use crate::sentence::is_extender;
use jieba_rs::{Jieba, TokenizeMode};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::sync::{PoisonError, RwLock, RwLockReadGuard};

/// jieba-rs's own dictionary (its `src/data/dict.txt`: the words and their frequencies, one line
/// per first character, format in `examples/jieba_dict.rs`), zstd-compressed by
/// `scripts/jieba-dict.sh`. Embedded here rather than through jieba-rs's `default-dict`
/// feature so that it can be loaded a first character at a time; see [`Segmenter`].
const JIEBA_DICT_ZST: &[u8] = include_bytes!("../data/jieba-dict.zst");

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
    dict: &'static Dict,
    /// One bit per Unicode scalar value: the words starting with it are loaded (or there
    /// are none).
    loaded: Vec<u64>,
    /// Total frequency of the words not loaded yet (jieba's, as changed by words added for
    /// them): the placeholder's frequency.
    unloaded_freq: i64,
    /// Words added with a frequency for first characters not loaded yet, by first character.
    pending: FxHashMap<char, Vec<Added>>,
    /// Everything is loaded: no call needs to look at its characters any more.
    complete: bool,
    /// jieba's total frequency (the same loaded or not, see above), kept here to refuse a word
    /// that would take it over [`MAX_TOTAL`].
    total: u64,
    /// The frequency of every word added (the domain dictionary's and at runtime), for `total`.
    added: FxHashMap<String, usize>,
}

/// Most that jieba's total frequency may reach: what its `usize` holds in WebAssembly, so
/// that the same words are refused natively and results agree (beyond it the total would wrap
/// around in WebAssembly and every cut change).
pub const MAX_TOTAL: u64 = u32::MAX as u64;

/// Stands in for the words not loaded yet (see [`Lazy`]).
const PLACEHOLDER: &str = "newslens unloaded words";

/// The sum of the frequencies of jieba's dictionary (a test checks it against `Jieba::new()`).
const JIEBA_DICT_TOTAL: usize = 60_101_964;

/// What the domain dictionary (`data/dict.txt`) changes in that sum: its words' frequencies,
/// less jieba's own for the words both have. A test checks it and gives the new value when
/// `data/dict.txt` changes.
const DOMAIN_DICT_CHANGE: i64 = 4_294_996;

impl Segmenter {
    /// jieba's default dictionary plus the shipped domain dictionary.
    ///
    /// # Errors
    /// Only if the shipped domain dictionary or the embedded jieba dictionary were malformed
    /// (tests guard both).
    pub fn new() -> Result<Self> {
        let mut lazy = Lazy::new()?;
        // Nothing is loaded yet, so every word of the domain dictionary waits for its first
        // character, and what they change in the total is known (a test checks it).
        for (word, freq, tag) in parse_dict(DOMAIN_DICT)? {
            lazy.defer(word.chars().next().unwrap_or_default(), word, freq, tag);
        }
        lazy.set_unloaded(lazy.unloaded_freq + DOMAIN_DICT_CHANGE);
        lazy.total = (JIEBA_DICT_TOTAL as i64 + DOMAIN_DICT_CHANGE) as u64;
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

    /// Loads the rest of jieba's dictionary now, so that no later call pays for it
    /// (100–300 ms in WebAssembly, 110–210 ms natively, as measured here). Idempotent.
    pub fn preload(&self) {
        if !self.read().complete {
            self.inner.write().unwrap_or_else(PoisonError::into_inner).load_all();
        }
    }

    /// Segments `text` as read by a [`Reading`] (traditional characters as simplified, full-width
    /// letters and digits as ASCII). Cuts jieba makes inside an emoji sequence, a flag or a word
    /// of letters with diacritics are joined again (see `cut_inside`).
    /// Offsets are bytes into `text`, and the words are its own slices.
    pub fn segment(&self, text: &str, mode: Mode, hmm: bool) -> Vec<Token> {
        let read = Reading::new(text);
        let mut tokens = tokens(&self.jieba_for(read.as_str()).jieba, read.as_str(), mode, hmm);
        if read.changed() {
            for t in &mut tokens {
                (t.start, t.end) = (read.original(t.start), read.original(t.end));
                t.word = text[t.start..t.end].to_owned();
            }
        }
        tokens
    }

    /// The default-mode words of `text` as borrowed slices with byte offsets: what the
    /// classifier consumes, with no allocation per word. `text` is cut as it is:
    /// [`Model::read`](crate::classify::Model::read) passes it through a [`Reading`] first.
    pub fn words<'t>(&self, text: &'t str) -> Vec<(&'t str, usize, usize)> {
        let mut words: Vec<(&'t str, usize, usize)> = self
            .jieba_for(text)
            .jieba
            .cut(text, true)
            .into_iter()
            .map(|t| (t.word, t.byte_start, t.byte_end))
            .collect();
        join_units(
            text,
            &mut words,
            |w| (w.1, w.2),
            |kept, next| {
                *kept = (&text[kept.1..next.2], kept.1, next.2);
            },
        );
        words
    }

    /// Adds a word at runtime. `freq` defaults to what jieba suggests so the word is kept whole.
    ///
    /// # Errors
    /// An empty word, or one containing whitespace (jieba's dictionary format cannot hold it).
    pub fn add_word(&mut self, word: &str, freq: Option<usize>, tag: Option<&str>) -> Result<usize> {
        check_entry(word, freq, tag)?;
        // texts are cut as simplified Chinese, so a traditional word is added as simplified
        self.inner
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
            .add_word(&normalized(word), freq, tag)
    }

    /// Checks that `words` (word, frequency, tag) can all be added, one after the other, before
    /// any is: each word and tag, and jieba's total frequency, which must stay within
    /// [`MAX_TOTAL`] (a word without a frequency counts at the one jieba suggests for it now).
    ///
    /// # Errors
    /// As [`Segmenter::add_word`], for the first word that could not be added.
    pub fn check_words<'w>(
        &mut self,
        words: impl IntoIterator<Item = (&'w str, Option<usize>, Option<&'w str>)>,
    ) -> Result<()> {
        let lazy = self.inner.get_mut().unwrap_or_else(PoisonError::into_inner);
        let mut total = lazy.total;
        let mut given: FxHashMap<&str, usize> = FxHashMap::default();
        let words: Vec<_> = words.into_iter().map(|(w, f, t)| (w, normalized(w), f, t)).collect();
        for (i, (given_word, word, freq, tag)) in words.iter().enumerate() {
            let (word, freq, tag) = (word.as_ref(), *freq, *tag);
            let at = |e: Error| match e {
                Error::Dictionary(m) => Error::Dictionary(format!("words[{i}]: {m}")),
                e => e,
            };
            check_entry(given_word, freq, tag).map_err(at)?;
            let freq = lazy.freq_given(word, freq);
            let before = given.get(word).copied().unwrap_or_else(|| lazy.freq_of(word));
            total = total_after(total, word, freq, before).map_err(at)?;
            given.insert(word, freq);
        }
        Ok(())
    }

    /// Whether `word` is in the dictionary.
    pub fn has_word(&self, word: &str) -> bool {
        let word = normalized(word);
        word != PLACEHOLDER && self.jieba_for(&word).jieba.has_word(&word)
    }
}

impl Lazy {
    /// jieba's dictionary, nothing loaded yet.
    fn new() -> Result<Lazy> {
        let mut jieba = Jieba::empty();
        jieba.add_word(PLACEHOLDER, Some(JIEBA_DICT_TOTAL), None);
        Ok(Lazy {
            jieba,
            dict: Dict::get()?,
            loaded: vec![0; (char::MAX as usize + 1).div_ceil(64)],
            unloaded_freq: JIEBA_DICT_TOTAL as i64,
            pending: FxHashMap::default(),
            complete: false,
            total: JIEBA_DICT_TOTAL as u64,
            added: FxHashMap::default(),
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
                self.load_char(c, self.dict.line(c));
            }
        }
    }

    /// Loads every word not loaded yet, one first character at a time (V8 optimises a
    /// WebAssembly function only between its calls, so many short calls run faster than one
    /// long one).
    fn load_all(&mut self) {
        let dict = self.dict;
        dict.for_each_line(|c, line| {
            if !self.is_loaded(c) {
                self.load_char(c, line);
            }
        });
        // words added for characters that start none of jieba's
        let mut rest: Vec<char> = self.pending.keys().copied().collect();
        rest.sort_unstable();
        for c in rest {
            self.load_char(c, "");
        }
        self.complete = true;
    }

    /// Loads the words starting with `c`: jieba's (`dict[lines]`), then those added for it
    /// meanwhile, and takes their frequencies off the placeholder.
    #[inline(never)]
    fn load_char(&mut self, c: char, line: &str) {
        let mut sum = 0i64;
        let added = self.pending.remove(&c).unwrap_or_default();
        // jieba's own frequency of each added word, found on the way
        let mut before = vec![0; added.len()];
        let jieba = &mut self.jieba;
        for_each_word(line, |word, freq| {
            // (a test parses every frequency)
            let freq = freq.parse().unwrap_or(0);
            jieba.add_word(word, Some(freq), None);
            sum += freq as i64;
            for (a, before) in added.iter().zip(&mut before) {
                if a.word == word {
                    *before = freq;
                }
            }
        });
        for (i, a) in added.iter().enumerate() {
            self.jieba.add_word(&a.word, Some(a.freq), a.tag.as_deref());
            // the word's last addition is its frequency now
            if !added[i + 1..].iter().any(|b| b.word == a.word) {
                sum += a.freq as i64 - before[i] as i64;
            }
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

    /// The frequency `word` has now (0 if it is no word).
    fn freq_of(&self, word: &str) -> usize {
        self.added
            .get(word)
            .copied()
            .or_else(|| self.dict.freq(word))
            .unwrap_or(0)
    }

    /// The frequency `word` is added with: `freq`, or without one what jieba's
    /// `add_word(word, None)` would give it, with the words it could meet loaded.
    fn freq_given(&mut self, word: &str, freq: Option<usize>) -> usize {
        freq.unwrap_or_else(|| {
            self.load_for(word);
            self.jieba.suggest_freq(word)
        })
    }

    /// Keeps `word` to add when the words starting with `c` are loaded. The caller accounts for
    /// its frequency in the placeholder's.
    fn defer(&mut self, c: char, word: &str, freq: usize, tag: Option<&str>) {
        self.added.insert(word.to_owned(), freq);
        self.pending.entry(c).or_default().push(Added {
            word: word.to_owned(),
            freq,
            tag: tag.map(str::to_owned),
        });
    }

    /// Adds a word as jieba would with the whole dictionary loaded: with its first character's
    /// words not loaded yet, it waits for them (they may hold the word, whose frequency it then
    /// replaces) and its frequency joins the placeholder's meanwhile; without a frequency, the
    /// words it could meet are loaded first, so that jieba suggests the frequency the whole
    /// dictionary would.
    ///
    /// # Errors
    /// If jieba's total frequency would go over [`MAX_TOTAL`]; nothing changes then.
    fn add_word(&mut self, word: &str, freq: Option<usize>, tag: Option<&str>) -> Result<usize> {
        let Some(c) = word.chars().next() else { return Ok(0) };
        let freq = self.freq_given(word, freq);
        // (jieba's own, or what it was last added with: while `c` is not loaded, that addition
        // waits in `pending`)
        let before = self.freq_of(word);
        self.total = total_after(self.total, word, freq, before)?;
        if !self.complete && !self.is_loaded(c) {
            self.defer(c, word, freq, tag);
            self.set_unloaded(self.unloaded_freq + freq as i64 - before as i64);
        } else {
            self.added.insert(word.to_owned(), freq);
            self.load_for(word);
            self.jieba.add_word(word, Some(freq), tag);
        }
        Ok(freq)
    }
}

/// jieba's total frequency, `total` now, once `word` goes from frequency `before` to `freq`; an
/// error if that is over [`MAX_TOTAL`].
fn total_after(total: u64, word: &str, freq: usize, before: usize) -> Result<u64> {
    let after = total.saturating_add(freq as u64).saturating_sub(before as u64);
    if after > MAX_TOTAL {
        return Err(Error::Dictionary(format!(
            "`{word}` with frequency {freq} would take the dictionary's total frequency to {after}, over {MAX_TOTAL}"
        )));
    }
    Ok(after)
}

/// A word added for a first character whose words are not loaded yet.
struct Added {
    word: String,
    freq: usize,
    tag: Option<String>,
}

/// Calls `f(word, frequency)` for each word of a line of the embedded dictionary (format in
/// `examples/jieba_dict.rs`: tab-separated `<k><rest of the word> <frequency>`, `k` being
/// `'0'` plus the number of characters shared with the word before), the frequency as written.
fn for_each_word(line: &str, mut f: impl FnMut(&str, &str)) {
    let mut word = String::new();
    for entry in line.trim_end_matches('\n').split('\t') {
        // (a byte search: the frequency is ASCII digits after the last space; `rsplit_once`
        // costs a call into core's `memrchr` per word where the compiler does not inline it)
        let Some((rest, freq)) = entry.get(1..).and_then(|rest| {
            let space = rest.bytes().rposition(|b| b == b' ')?;
            Some((&rest[..space], &rest[space + 1..]))
        }) else {
            continue;
        };
        let shared = usize::from(entry.as_bytes()[0].wrapping_sub(b'0'));
        let keep = word.char_indices().nth(shared).map_or(word.len(), |(i, _)| i);
        word.truncate(keep);
        word.push_str(rest);
        f(&word, freq);
    }
}

/// jieba's dictionary as embedded: chunks of lines, one line per first character (format in
/// `examples/jieba_dict.rs`), each chunk inflated when one of its lines is first needed.
struct Dict {
    /// The chunks, in order.
    chunks: Vec<Frame>,
}

/// A chunk of the dictionary as embedded.
struct Frame {
    /// The first character of its first line.
    first: char,
    /// Its zstd frame.
    frame: &'static [u8],
    /// Its text, inflated the first time one of its lines is needed.
    text: std::sync::OnceLock<Chunk>,
}

/// The text of a chunk and the first character and start of each of its lines.
#[derive(Default)]
struct Chunk {
    text: Vec<u8>,
    lines: Vec<(char, usize)>,
}

impl Dict {
    /// The dictionary's index, read once per process; the chunks are inflated as lines of
    /// them are needed (3 MB in all).
    fn get() -> Result<&'static Dict> {
        static DICT: std::sync::OnceLock<Dict> = std::sync::OnceLock::new();
        if let Some(dict) = DICT.get() {
            return Ok(dict);
        }
        let dict = Dict::parse(JIEBA_DICT_ZST)?;
        Ok(DICT.get_or_init(|| dict))
    }

    /// Reads the header of the embedded file (format in `examples/jieba_dict.rs`).
    fn parse(data: &'static [u8]) -> Result<Dict> {
        let bad = |what: &str| Error::Dictionary(format!("embedded jieba dictionary: {what}"));
        let u32_at = |i: usize| {
            data.get(i..i + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .ok_or_else(|| bad("header cut short"))
        };
        if !data.starts_with(b"NLJD") {
            return Err(bad("not a chunked dictionary"));
        }
        let n = u32_at(4)? as usize;
        let mut at = 8usize.saturating_add(n.saturating_mul(8));
        if at > data.len() {
            return Err(bad("header cut short"));
        }
        let mut chunks = Vec::with_capacity(n);
        for k in 0..n {
            let first = char::from_u32(u32_at(8 + 8 * k)?).ok_or_else(|| bad("a chunk's first character"))?;
            let len = u32_at(12 + 8 * k)? as usize;
            let frame = data
                .get(at..at.saturating_add(len))
                .ok_or_else(|| bad("a chunk cut short"))?;
            if chunks.last().is_some_and(|last: &Frame| last.first >= first) {
                return Err(bad("chunks out of order"));
            }
            chunks.push(Frame {
                first,
                frame,
                text: std::sync::OnceLock::new(),
            });
            at += len;
        }
        if at != data.len() {
            return Err(bad("bytes after the last chunk"));
        }
        Ok(Dict { chunks })
    }

    /// Chunk `k`, inflated and indexed on first use. Every frame carries a checksum and a test
    /// inflates them all, so a frame that fails cannot be embedded; were one to fail, its words
    /// would be missing rather than the process panicking.
    fn chunk(&self, k: usize) -> &Chunk {
        let frame = &self.chunks[k];
        frame.text.get_or_init(|| {
            let Ok(text) = inflate_dict(frame.frame) else {
                return Chunk::default();
            };
            let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', &text).map(|i| i + 1));
            let lines = starts
                .filter(|&start| start < text.len())
                .map_while(|start| Some((first_char(&text, start)?, start)))
                .collect();
            Chunk { text, lines }
        })
    }

    /// The line of the words that start with `c` (empty if none do).
    fn line(&self, c: char) -> &str {
        let k = self.chunks.partition_point(|f| f.first <= c);
        let Some(k) = k.checked_sub(1) else { return "" };
        let chunk = self.chunk(k);
        match chunk.lines.binary_search_by_key(&c, |&(first, _)| first) {
            Ok(i) => chunk.line_at(i),
            Err(_) => "",
        }
    }

    /// Calls `f(first character, line)` for every line, in order, inflating every chunk.
    fn for_each_line<'a>(&'a self, mut f: impl FnMut(char, &'a str)) {
        for k in 0..self.chunks.len() {
            let chunk = self.chunk(k);
            for (i, &(c, _)) in chunk.lines.iter().enumerate() {
                f(c, chunk.line_at(i));
            }
        }
    }

    /// The frequency of `word` in jieba's dictionary.
    fn freq(&self, word: &str) -> Option<usize> {
        let mut found = None;
        for_each_word(self.line(word.chars().next()?), |w, freq| {
            if w == word {
                found = freq.parse().ok();
            }
        });
        found
    }
}

impl Chunk {
    /// Line `i`.
    fn line_at(&self, i: usize) -> &str {
        let end = self.lines.get(i + 1).map_or(self.text.len(), |&(_, start)| start);
        // The embedded text is checked by its frame's checksum, and a test reads all of it.
        std::str::from_utf8(&self.text[self.lines[i].1..end]).unwrap_or_default()
    }
}

/// `jieba`'s tokens of `text` in `mode`, offsets in bytes, with the cuts inside units joined.
fn tokens(jieba: &Jieba, text: &str, mode: Mode, hmm: bool) -> Vec<Token> {
    let mut tokens: Vec<Token> = cuts(jieba, text, mode, hmm)
        .into_iter()
        .map(|t| Token {
            word: t.word.to_owned(),
            start: t.byte_start,
            end: t.byte_end,
        })
        .collect();
    join_units(
        text,
        &mut tokens,
        |t| (t.start, t.end),
        |kept, next| {
            kept.word.push_str(&next.word);
            kept.end = next.end;
        },
    );
    tokens
}

/// What jieba itself gives for `text` in `mode`.
fn cuts<'t>(jieba: &Jieba, text: &'t str, mode: Mode, hmm: bool) -> Vec<jieba_rs::Token<'t>> {
    match mode {
        Mode::Default => jieba.tokenize(text, TokenizeMode::Default, hmm),
        Mode::Search => jieba.tokenize(text, TokenizeMode::Search, hmm),
        Mode::All => jieba.cut_all(text),
    }
}

/// Joins, in place, the pieces of `text` (in jieba's order, spans from `span`) that jieba cut
/// inside a unit ([`cut_inside`]): a piece that starts where the kept piece before it ends, at
/// such a cut, is added to it by `extend`. Texts [`may_join`] rules out are left as they are.
fn join_units<T>(text: &str, pieces: &mut Vec<T>, span: impl Fn(&T) -> (usize, usize), extend: impl Fn(&mut T, &T)) {
    if !may_join(text) {
        return;
    }
    pieces.dedup_by(|next, kept| {
        let ((start, end), (next_start, _)) = (span(kept), span(next));
        let join = end == next_start && cut_inside(text, start, next_start);
        if join {
            extend(kept, next);
        }
        join
    });
}

/// Whether a cut at byte `at` of `text`, ending the piece that starts at `from`, falls inside what
/// a reader sees as one unit, where jieba cuts because its character classes know only Han, ASCII
/// and digits:
/// - a character sequence drawn as one (👨‍👩‍👧 joined by U+200D, 👍🏽, ❤️, 1️⃣, e + U+0301, the flag 🇨🇳
///   as a pair of regional indicators);
/// - a word of letters with diacritics, Greek, Cyrillic or Hangul (café, Nestlé, điện, Москва,
///   카카오) or of katakana (ショッピング), which jieba cuts at every letter outside ASCII and Han.
///
/// A cut between two ASCII characters is never inside (jieba's own words are kept as they are).
/// Best effort, without Unicode tables: the attaching characters are those the sentence
/// splitter knows ([`crate::sentence`]). Looks back at most [`LOOK_BACK`] characters of the
/// piece, so a run of thousands of combining marks or flags stays linear.
fn cut_inside(text: &str, from: usize, at: usize) -> bool {
    let (Some(l), Some(r)) = (text[..at].chars().next_back(), text[at..].chars().next()) else {
        return false;
    };
    if is_plain(l) && is_plain(r) {
        return false;
    }
    if is_extender(r) || l == '\u{200D}' {
        return true;
    }
    let back = || text[from..at].chars().rev().take(LOOK_BACK);
    if is_regional_indicator(l) && is_regional_indicator(r) {
        // flags are pairs: 🇨🇳🇺🇸 is two of them
        return back().take_while(|&c| is_regional_indicator(c)).count() % 2 == 1;
    }
    let base = back().find(|&c| !is_extender(c)).unwrap_or(l);
    (is_letter(base) && is_letter(r) && !(base.is_ascii() && r.is_ascii() && !is_extender(l)))
        || (is_katakana(base) && is_katakana(r))
}

/// Katakana and the long-vowel mark: a run of them is a loanword (テキスト, ショッピング).
fn is_katakana(c: char) -> bool {
    ('\u{30A1}'..='\u{30FA}').contains(&c) || c == '\u{30FC}'
}

/// How far [`cut_inside`] looks back.
const LOOK_BACK: usize = 32;

/// Whether `text` has a character that [`cut_inside`] could join (a superset of them, found from
/// the UTF-8 bytes): every character of two bytes or four, U+0800–1FFF, Hangul and the rest of
/// U+A000–EFFF, ZWJ/ZWNJ, U+20C0–20FF, kana from U+3080, U+FE00–FE3F. A text of Han, ASCII and
/// Chinese punctuation is skipped in a few instructions a character.
fn may_join(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if (0xE4..=0xE9).contains(&c) {
            i += 3; // U+4000–9FFF: Han
            continue;
        }
        if c < 0xE2 {
            if c >= 0xC0 {
                return true;
            }
            i += 1;
            continue;
        }
        let (c1, c2) = (b.get(i + 1).copied(), b.get(i + 2).copied());
        let may = match c {
            0xE2 => (c1 == Some(0x80) && matches!(c2, Some(0x8C | 0x8D))) || c1 == Some(0x83),
            0xE3 => matches!(c1, Some(0x82 | 0x83)),
            0xEF => c1 == Some(0xB8),
            _ => true,
        };
        if may {
            return true;
        }
        i += 3;
    }
    false
}

/// ASCII, Han and the punctuation around them (nearly every character of a Chinese text): no
/// rule of [`cut_inside`] joins two of them, so most cuts are answered here.
fn is_plain(c: char) -> bool {
    c.is_ascii()
        || matches!(
            c,
            '\u{2010}'..='\u{205F}' | '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}'
        )
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// ASCII letters and digits, and the letters of alphabets written with spaces between words:
/// Latin with diacritics (Latin-1, Extended-A/B, IPA, Vietnamese), Greek, Cyrillic, Hangul.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (matches!(
            c,
            '\u{C0}'..='\u{2AF}' | '\u{370}'..='\u{52F}' | '\u{1E00}'..='\u{1FFF}' | '\u{AC00}'..='\u{D7A3}'
        ) && c.is_alphabetic())
}

/// The first character of the line starting at `start` (after its `k` byte).
fn first_char(text: &[u8], start: usize) -> Option<char> {
    let start = start + 1;
    let len = match *text.get(start)? {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    };
    std::str::from_utf8(text.get(start..start + len)?).ok()?.chars().next()
}

/// As [`Segmenter::add_word`]: a word without whitespace, of 1 to 64 characters, a frequency
/// (if given) of at least 1 (a word of frequency 0 would never be cut whole), and a tag (if given)
/// without whitespace.
pub fn check_entry(word: &str, freq: Option<usize>, tag: Option<&str>) -> Result<()> {
    check_word(word)?;
    if freq == Some(0) {
        return Err(Error::Dictionary(format!(
            "`{word}`: freq must be a positive integer (a word of frequency 0 is never cut whole)"
        )));
    }
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

/// Reads `word freq [tag]` lines. Unlike jieba's own loader, a line without a frequency is
/// an error here: a word with frequency 0 never wins, which is never what a dictionary means.
fn parse_dict(text: &str) -> Result<Vec<(&str, usize, Option<&str>)>> {
    let mut words = Vec::new();
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
        words.push((word, freq, parts.next()));
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    /// The embedded copy must be jieba-rs's own dictionary (the same words and frequencies,
    /// lines sorted by first character, [`JIEBA_DICT_TOTAL`] in all; POS tags are left out, as
    /// newslens never asks jieba for them), and loaded as texts need it, it must segment a
    /// corpus (the sample articles and every labelled sentence) exactly as `Jieba::new()` does
    /// in all three modes, with HMM and without, line by line with only the words that line has
    /// loaded so far. Then, all loaded, it holds every word with the
    /// same total frequency.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn embedded_dictionary_is_jieba_rs_own_and_loads_as_needed() {
        let theirs = Jieba::new();
        let dict = Dict::get().unwrap();
        for k in 0..dict.chunks.len() {
            let chunk = dict.chunk(k);
            assert!(!chunk.lines.is_empty(), "chunk {k} inflates");
            assert_eq!(
                std::str::from_utf8(&chunk.text).unwrap().lines().count(),
                chunk.lines.len()
            );
            assert_eq!(chunk.lines[0].0, dict.chunks[k].first, "chunk {k}'s first character");
        }
        let mut all = Vec::new();
        let mut last = None;
        let mut lines = Vec::new();
        dict.for_each_line(|first, line| lines.push((first, line)));
        for (first, whole) in lines {
            assert!(last < Some(first), "{first}: lines not sorted by first character");
            last = Some(first);
            let line = dict.line(first);
            assert_eq!(line, whole);
            let mut words = 0;
            for_each_word(line, |word, freq| {
                assert!(word.starts_with(first), "{word} on the line of {first}");
                all.push((word.to_owned(), freq.parse::<usize>().unwrap()));
                words += 1;
            });
            assert_eq!(words, line.split('\t').count(), "{line}");
        }
        assert_eq!(all.len(), 349_045);
        assert_eq!(all.iter().map(|(_, f)| f).sum::<usize>(), JIEBA_DICT_TOTAL);
        for (word, freq) in &all {
            assert!(theirs.has_word(word), "{word} is not in jieba-rs's dictionary");
            // (a word's frequency: what jieba suggests for it is at least that)
            assert!(theirs.suggest_freq(word) >= *freq, "{word}");
        }
        let mut ours = Lazy::new().unwrap();
        let root = env!("CARGO_MANIFEST_DIR");
        let mut corpus = std::fs::read_to_string(format!("{root}/tests/fixtures/sample-articles.txt")).unwrap();
        for file in ["dev", "train"] {
            corpus += &std::fs::read_to_string(format!("{root}/data/eval/{file}.jsonl")).unwrap();
        }
        let words = |j: &Jieba, line: &str| -> Vec<Vec<String>> {
            let w = |t: Vec<jieba_rs::Token>| t.iter().map(|t| t.word.to_owned()).collect();
            vec![
                w(j.cut(line, false)),
                w(j.cut(line, true)),
                w(j.cut_all(line)),
                w(j.cut_for_search(line, true)),
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
        for (word, _) in &all {
            // the word's own frequency, at least
            assert_eq!(ours.jieba.suggest_freq(word), theirs.suggest_freq(word), "{word}");
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
        let dict = Dict::parse(JIEBA_DICT_ZST).unwrap();
        assert!(dict.chunks.len() > 50, "{} chunks", dict.chunks.len());
        let frame = dict.chunks[dict.chunks.len() / 2].frame;
        assert!(inflate_dict(frame).is_ok());
        assert!(matches!(
            inflate_dict(&frame[..frame.len() / 2]),
            Err(Error::Dictionary(_))
        ));
        // each frame carries a checksum
        let mut flipped = frame.to_vec();
        flipped[frame.len() / 2] ^= 0x10;
        assert!(matches!(inflate_dict(&flipped), Err(Error::Dictionary(_))));
        assert!(matches!(inflate_dict(b"not zstd at all"), Err(Error::Dictionary(_))));
        // the header and the chunks it lists (leaked: `parse` keeps `'static` slices)
        let damaged = |f: &dyn Fn(&mut Vec<u8>)| {
            let mut data = JIEBA_DICT_ZST.to_vec();
            f(&mut data);
            Dict::parse(Vec::leak(data)).err().map(|e| e.to_string())
        };
        let expect = |what: &str| Some(format!("invalid dictionary entry: embedded jieba dictionary: {what}"));
        assert_eq!(damaged(&|d| d.truncate(d.len() - 1)), expect("a chunk cut short"));
        assert_eq!(damaged(&|d| d.push(0)), expect("bytes after the last chunk"));
        assert_eq!(damaged(&|d| d.truncate(10)), expect("header cut short"));
        assert_eq!(damaged(&|d| d[0] = b'X'), expect("not a chunked dictionary"));
        assert_eq!(
            damaged(&|d| d[8..12].copy_from_slice(&0xD800u32.to_le_bytes())),
            expect("a chunk's first character")
        );
        assert_eq!(
            damaged(&|d| d[16..20].copy_from_slice(&0u32.to_le_bytes())),
            expect("chunks out of order")
        );
        assert_eq!(
            damaged(&|d| d[4..8].copy_from_slice(&u32::MAX.to_le_bytes())),
            expect("header cut short")
        );
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
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn loading_as_needed_changes_nothing() {
        // (word, freq, tag); a word of jieba's own (鸡蛋) added twice before any text had 鸡
        let words = [
            ("鸡蛋", Some(3), None),
            ("抖品牌", None, None),
            ("鸡蛋", Some(30), None),
            ("蛋价格", None, Some("n")),
            // a first character that starts none of jieba's words
            ("𠮷野家", Some(9_000), None),
            ("鸡毛蒜皮", Some(90_000_000), None),
        ];
        // the reference: jieba-rs's dictionary loaded up front, then the domain dictionary
        let mut eager = Jieba::new();
        for (word, freq, tag) in parse_dict(DOMAIN_DICT).unwrap() {
            eager.add_word(word, Some(freq), tag);
        }
        let mut lazy = Segmenter::new().unwrap();
        assert!(!lazy.read().is_loaded('鸡') && !lazy.read().complete);
        // preloaded before the words are added
        let mut full = Segmenter::new().unwrap();
        full.preload();
        assert!(full.read().complete);
        for (word, freq, tag) in words {
            let expected = eager.add_word(word, freq, tag);
            assert_eq!(lazy.add_word(word, freq, tag).unwrap(), expected, "{word}");
            assert_eq!(full.add_word(word, freq, tag).unwrap(), expected, "{word}");
        }
        let root = env!("CARGO_MANIFEST_DIR");
        let mut corpus = std::fs::read_to_string(format!("{root}/tests/fixtures/sample-articles.txt")).unwrap();
        corpus += "\n鸡蛋价格上涨，东南亚抖品牌崛起。𠮷野家的鸡毛蒜皮。\n";
        corpus += &std::fs::read_to_string(format!("{root}/data/eval/dev.jsonl")).unwrap();
        for line in corpus.lines() {
            for mode in [Mode::Default, Mode::Search, Mode::All] {
                let expected = tokens(&eager, line, mode, true);
                assert_eq!(lazy.segment(line, mode, true), expected, "{line}");
                assert_eq!(full.segment(line, mode, true), expected, "{line}");
            }
            assert_eq!(lazy.words(line), full.words(line));
        }
        assert!(lazy.has_word("鸡蛋") && lazy.has_word("抖品牌") && lazy.has_word("朝三暮四"));
        assert!(!lazy.has_word(PLACEHOLDER) && !full.has_word(PLACEHOLDER));
        assert!(!lazy.read().complete);
        lazy.preload();
        // the number of records (one more: the placeholder, of frequency 0 now) and the total
        // frequency, all jieba-rs's Debug shows
        assert_eq!(lazy.read().unloaded_freq, 0);
        let expected = with_placeholder(&eager);
        assert_eq!(format!("{:?}", lazy.read().jieba), expected);
        assert_eq!(format!("{:?}", full.read().jieba), expected);
        // the total kept to refuse words is jieba's
        let total: u64 = expected
            .split("total_freq: ")
            .nth(1)
            .unwrap()
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(lazy.read().total, total);
        assert_eq!(full.read().total, total);
    }

    #[test]
    fn a_word_that_would_take_the_total_over_u32_is_refused_and_nothing_changes() {
        let mut lazy = Segmenter::new().unwrap();
        let text = "鸡蛋价格上涨，东南亚抖品牌崛起。";
        let before = lazy.words(text).iter().map(|w| w.0.to_owned()).collect::<Vec<_>>();
        let room = (MAX_TOTAL - lazy.read().total) as usize;
        let e = lazy.add_word("抖品牌", Some(room + 1), None).unwrap_err().to_string();
        assert!(e.contains("over 4294967295"), "{e}");
        // a word of jieba's, its characters loaded: its own frequency (far below 10⁷) is replaced
        assert!(lazy.read().is_loaded('鸡'));
        assert!(lazy.add_word("鸡蛋", Some(room + 10_000_000), None).is_err());
        assert_eq!(
            lazy.words(text).iter().map(|w| w.0.to_owned()).collect::<Vec<_>>(),
            before
        );
        // up to the limit is fine; replacing a word's frequency counts the difference only
        lazy.add_word("抖品牌", Some(room / 2), None).unwrap();
        lazy.add_word("抖品牌", Some(room / 2 + 5), None).unwrap();
        assert!(lazy.add_word("崛起了", Some(room / 2), None).is_err());
        assert_eq!(lazy.read().total, MAX_TOTAL - room as u64 + (room / 2 + 5) as u64);
    }

    /// jieba-rs's Debug of `jieba` (its number of records and total frequency) with one more
    /// record: the placeholder's.
    #[cfg(not(target_arch = "wasm32"))]
    fn with_placeholder(jieba: &Jieba) -> String {
        let debug = format!("{jieba:?}");
        let n: usize = debug
            .split("records_len: ")
            .nth(1)
            .unwrap()
            .split(',')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        debug.replace(&format!("records_len: {n}"), &format!("records_len: {}", n + 1))
    }

    /// One segmenter shared by threads loads what each needs without changing any result.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn threads_share_a_segmenter_that_loads_as_needed() {
        let root = env!("CARGO_MANIFEST_DIR");
        let corpus = std::fs::read_to_string(format!("{root}/data/eval/train.jsonl")).unwrap();
        let lines: Vec<&str> = corpus.lines().collect();
        let lazy = Segmenter::new().unwrap();
        let full = seg();
        full.preload();
        std::thread::scope(|scope| {
            for part in lines.chunks(lines.len() / 4 + 1) {
                let lazy = &lazy;
                scope.spawn(move || {
                    for line in part {
                        assert_eq!(lazy.words(line), full.words(line), "{line}");
                    }
                });
            }
        });
    }

    /// [`DOMAIN_DICT_CHANGE`] is current, and a segmenter, all loaded, holds the words and
    /// total frequency of `Jieba::new()` with the domain dictionary added.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn domain_dictionary_change_is_current() {
        let mut last: FxHashMap<&str, usize> = FxHashMap::default();
        for (word, freq, _) in parse_dict(DOMAIN_DICT).unwrap() {
            last.insert(word, freq);
        }
        let dict = Dict::get().unwrap();
        let change: i64 = last
            .iter()
            .map(|(w, &f)| f as i64 - dict.freq(w).unwrap_or(0) as i64)
            .sum();
        assert_eq!(DOMAIN_DICT_CHANGE, change, "set DOMAIN_DICT_CHANGE to {change}");
        let mut eager = Jieba::new();
        for (word, freq, tag) in parse_dict(DOMAIN_DICT).unwrap() {
            eager.add_word(word, Some(freq), tag);
        }
        let seg = Segmenter::new().unwrap();
        seg.preload();
        let lazy = seg.read();
        assert_eq!(lazy.unloaded_freq, 0);
        assert_eq!(format!("{:?}", lazy.jieba), with_placeholder(&eager));
    }

    /// A headline inflates only the chunks of its own characters.
    #[test]
    fn a_headline_inflates_a_fifth_of_the_dictionary() {
        let dict = Dict::parse(JIEBA_DICT_ZST).unwrap();
        let headline = "印尼政府宣布禁止社交媒体平台进行电商交易。";
        for c in headline.chars() {
            dict.line(c);
        }
        let inflated = |dict: &Dict| -> usize {
            dict.chunks
                .iter()
                .filter_map(|f| f.text.get())
                .map(|c| c.text.len())
                .sum()
        };
        assert!(
            inflated(&dict) > 0 && inflated(&dict) < 3_039_764 / 4,
            "{} bytes inflated",
            inflated(&dict)
        );
        let mut lines = 0;
        dict.for_each_line(|_, _| lines += 1);
        assert_eq!(inflated(&dict), 3_039_764);
        assert!(lines > 10_000, "{lines}");
    }

    #[test]
    fn dictionary_lines_need_frequencies() {
        let err = parse_dict("# c\n跨境电商 5000 n\n抽佣\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid dictionary entry: line 3: `抽佣` has no frequency"
        );
        assert!(parse_dict("抽佣 0\n").is_err());
        assert!(parse_dict("抽佣 x\n").is_err());
        assert_eq!(parse_dict("抽佣 5 v\n").unwrap(), [("抽佣", 5, Some("v"))]);
    }

    #[test]
    fn modes_parse() {
        assert_eq!(Mode::parse("search").unwrap(), Mode::Search);
        assert!(Mode::parse("fast")
            .unwrap_err()
            .to_string()
            .contains("expected default, search or all"));
    }

    // proptest is a native-only dev-dependency
    #[cfg(not(target_arch = "wasm32"))]
    mod units {
        use super::*;
        use proptest::prelude::*;

        const MODES: [Mode; 3] = [Mode::Default, Mode::Search, Mode::All];

        /// What jieba alone gives: every cut, units or not.
        fn jieba_cuts(text: &str, mode: Mode, hmm: bool) -> Vec<(usize, usize)> {
            assert!(!Reading::new(text).changed(), "test texts are read as they are");
            let inner = seg().jieba_for(text);
            let cuts = cuts(&inner.jieba, text, mode, hmm);
            cuts.into_iter().map(|t| (t.byte_start, t.byte_end)).collect()
        }

        #[test]
        fn units_jieba_cuts_inside_stay_whole() {
            let cases: [(&str, &[&str]); 12] = [
                (
                    "我们👨\u{200D}👩\u{200D}👧一家",
                    &["我们", "👨\u{200D}👩\u{200D}👧", "一家"],
                ),
                ("点赞👍🏽了", &["点赞", "👍🏽", "了"]),
                ("五月天❤\u{FE0F}粉丝", &["五月天", "❤\u{FE0F}", "粉丝"]),
                ("1\u{FE0F}\u{20E3}第一", &["1\u{FE0F}\u{20E3}", "第一"]),
                ("🇨🇳🇺🇸市场🇮🇩", &["🇨🇳", "🇺🇸", "市场", "🇮🇩"]),
                ("e\u{301}té", &["e\u{301}té"]),
                ("Nestlé和L'Oréal", &["Nestlé", "和", "L", "'", "Oréal"]),
                ("Việt Nam的Tiki", &["Việt", " ", "Nam", "的", "Tiki"]),
                ("Москва和Ελλάδα", &["Москва", "和", "Ελλάδα"]),
                ("카카오페이上线", &["카카오페이", "上线"]),
                ("日本のテキスト", &["日本", "の", "テキスト"]),
                // ASCII stays as jieba cuts it
                ("TikTok Shop的GMV", &["TikTok", " ", "Shop", "的", "GMV"]),
            ];
            for (text, expected) in cases {
                let words: Vec<String> = seg()
                    .segment(text, Mode::Default, true)
                    .into_iter()
                    .map(|t| t.word)
                    .collect();
                assert_eq!(words, expected, "{text}");
                let words: Vec<&str> = seg().words(text).into_iter().map(|(w, _, _)| w).collect();
                assert_eq!(words, expected, "{text} (classifier words)");
                for (mode, hmm) in [(Mode::Default, false), (Mode::Search, true), (Mode::All, true)] {
                    let words: Vec<String> = seg().segment(text, mode, hmm).into_iter().map(|t| t.word).collect();
                    for unit in expected
                        .iter()
                        .filter(|w| !w.chars().all(|c| c.is_ascii() || crate::sentence::is_cjk(c)))
                    {
                        assert!(
                            words.iter().any(|w| w == unit),
                            "{text} {mode:?}: {words:?} lacks {unit}"
                        );
                    }
                }
            }
            // a long run stays linear (each cut looks back at most LOOK_BACK characters)
            assert_eq!(seg().segment(&"🇨".repeat(20_001), Mode::Default, true).len(), 10_001);
            assert_eq!(
                seg()
                    .segment(&format!("e{}", "\u{301}".repeat(50_000)), Mode::Default, true)
                    .len(),
                1
            );
        }

        fn mixed_text() -> impl Strategy<Value = String> {
            let pieces = prop::sample::select(vec![
                "中", "国", "电商", "T", "ik", "é", "e", "\u{301}", "\u{200D}", "👨", "👍", "🏽", "\u{FE0F}", "❤", "🇨",
                "🇳", "đ", "Я", "카", "テ", "ー", " ", "，", "1", "\u{20E3}", "ภ",
            ]);
            prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
        }

        proptest! {
            /// In every mode the tokens sit on char boundaries, the default ones tile the text, every
            /// cut is one jieba made, and no cut is left inside a unit; only cuts inside units are gone.
            #[test]
            fn units_only_remove_cuts_inside(text in prop_oneof![mixed_text(), any::<String>()]) {
                let text = text.as_str();
                prop_assume!(!Reading::new(text).changed());
                for mode in MODES {
                    let ours = seg().segment(text, mode, true);
                    let theirs = jieba_cuts(text, mode, true);
                    for t in &ours {
                        prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
                        prop_assert_eq!(&text[t.start..t.end], t.word.as_str());
                    }
                    let starts: Vec<usize> = ours.iter().map(|t| t.start).collect();
                    let jieba_starts: Vec<usize> = theirs.iter().map(|t| t.0).collect();
                    for s in &starts {
                        prop_assert!(jieba_starts.contains(s), "{:?}: start {} is not jieba's", mode, s);
                    }
                    if mode == Mode::Default {
                        prop_assert_eq!(ours.iter().map(|t| t.word.as_str()).collect::<String>(), text);
                        for pair in ours.windows(2) {
                            prop_assert!(!cut_inside(text, pair[0].start, pair[1].start), "cut inside a unit at {}", pair[1].start);
                        }
                        // a jieba cut that is gone was inside a unit
                        for &(s, _) in &theirs {
                            if !starts.contains(&s) {
                                let piece = ours.iter().find(|t| t.start < s && s < t.end).unwrap();
                                let inside = (piece.start..s).any(|f| text.is_char_boundary(f) && cut_inside(text, f, s));
                                prop_assert!(inside, "cut at {} removed", s);
                            }
                        }
                        let words: Vec<(usize, usize)> = seg().words(text).into_iter().map(|(_, s, e)| (s, e)).collect();
                        prop_assert_eq!(words, ours.iter().map(|t| (t.start, t.end)).collect::<Vec<_>>());
                    }
                }
            }
        }
    }
}
