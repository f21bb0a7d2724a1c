//! Sentence splitting with byte offsets.
//!
//! [`split_sentences`] cuts a text into sentences and returns their byte ranges. The ranges
//! tile the input: the text between them is whitespace only, so the gaps and the sentences,
//! concatenated in order, give back the input byte for byte. A sentence never starts or ends
//! with whitespace ([`char::is_whitespace`], which includes U+3000 and `\r`).
//!
//! The splitter makes one pass over the text with a bounded look around each candidate
//! terminator, so it runs in linear time and allocates nothing but the result.
//!
//! # Rules
//!
//! - **Terminators.** `。！？｡!?` (and `‼ ⁇ ⁈ ⁉`) end a sentence. A run of them (`！！`, `？！`,
//!   `?!`, `……。`) stays with the sentence, and so do the closing quotes and brackets right
//!   after it (`”’」』）》】)]` and more, several in a row: `。”）`).
//! - **Quotes.** Terminator + closing quote ends the sentence after the quote, so
//!   `“这是对的。”他说。` is two sentences, `“这是对的。”` and `他说。`. An opening quote after a
//!   terminator starts the next sentence. Straight quotes `"` `'` are ambiguous: after a
//!   terminator one is taken as closing when the sentence so far holds an odd number of them,
//!   or when it is not followed by a letter, digit or CJK character.
//! - **Ellipsis.** `……`, `…`, `⋯` and two or more `.` end a sentence only when followed by the
//!   end of the text, a line break, an opening quote (after optional spaces), a closing quote,
//!   or another terminator. Followed by more text on the same line (`他犹豫了……然后说`,
//!   `Wait... what?`) they stay inside the sentence.
//! - **Semicolons** `；` and `;` are not boundaries: a `；`-separated list is one sentence.
//!   Neither are `，` `,` `：` `:` `、`.
//! - **Line breaks.** Every line break (`\n`, `\r`, U+2028, ...) ends a sentence, so a headline,
//!   a dateline or a list item without a terminator is a sentence of its own, and a blank line
//!   (with any spaces, `\r` or U+3000 in it) always separates sentences. Pasted news has one
//!   paragraph per line, so this is right far more often than it is wrong.
//! - **Half-width `!` `?`** end a sentence after a CJK character (`我不再使用了!`) or when not
//!   followed by an ASCII letter or digit (so `Yahoo!Japan` and `?a=1` in a URL do not).
//! - **Half-width `.`** never ends a sentence before a digit (`3.25亿`, `v1.2.3`, `2.0`) or
//!   before a letter or other ASCII punctuation (`U.S`, `www.tiktok.com`, `a.b@c.com`,
//!   `https://www.example.com/a.b`). After a known abbreviation (`Mr. Dr. Inc. Ltd. Co. Corp.
//!   vs. etc.` and a few more), a single capital letter other than `I` (`J. K. Rowling`) or an
//!   initialism (`U.S.`, `e.g.`, `i.e.`, `a.m.`) it ends a sentence only at the end of the
//!   text or a line. After a list marker that begins the sentence (`1.`, `12.`, `a.`) it never
//!   does. Otherwise it ends a sentence when followed directly by a CJK character (`in 2023.然后`),
//!   or, after optional closing quotes and whitespace, by the end of the text, a line break, a
//!   CJK character or an opening quote, or by whitespace and then an uppercase letter or a
//!   straight quote. A `.` after a CJK character followed by whitespace always ends one.
//! - **Full-width `．`** (U+FF0E) between two digits (`３．１４`) is a decimal point; after a
//!   list marker (`１．`) it is part of the marker; otherwise it is a terminator like `。`.
//! - **Length cap.** Ordinary text is cut before a sentence would exceed
//!   [`MAX_SENTENCE_BYTES`]` - 16` bytes, at the last `，` `,` `、` `；` `;` `：` `:` or
//!   whitespace in the sentence, else before the last character that does not extend the
//!   previous one (best effort: combining marks, variation selectors, emoji modifiers and
//!   ZWJ sequences are kept whole when possible), else before the current character. The
//!   last 16 bytes are kept for a terminator run and its closing quotes; a longer run (say
//!   10,000 `。`) is itself cut. **Bound:** every range is at most [`MAX_SENTENCE_BYTES`] bytes.
//! - Empty or whitespace-only input gives no sentences.

use std::ops::Range;

/// Maximum length of a sentence in bytes: 1200, that is 400 CJK characters of three bytes.
///
/// A run of text with no terminator is cut before it grows past `MAX_SENTENCE_BYTES - 16`
/// bytes; the last 16 bytes are room for a terminator run and its closing quotes. No range
/// returned by [`split_sentences`] is ever longer than `MAX_SENTENCE_BYTES`.
pub const MAX_SENTENCE_BYTES: usize = 1200;

/// bytes at the end of a sentence kept for a terminator run and its closing quotes.
const RUN_RESERVE: usize = 16;
/// ordinary text is cut once a sentence would grow past this.
const TEXT_LIMIT: usize = MAX_SENTENCE_BYTES - RUN_RESERVE;
/// longest abbreviation in `ABBREVIATIONS`, in bytes.
const ABBREV_MAX: usize = 6;
/// words after which a '.' does not end a sentence (case-sensitive).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Inc", "Ltd", "Co", "Corp", "Bros", "vs", "Vs", "etc",
    "al", "cf", "approx", "No", "Nos", "Fig", "Vol", "Gen", "Gov", "Sen", "Rep", "Dept", "Jan", "Feb", "Mar", "Apr",
    "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];
const ZWJ: char = '\u{200D}';

/// Splits `text` into sentences and returns their byte ranges.
///
/// The ranges are in order, non-overlapping and non-empty, start and end on char boundaries,
/// and are trimmed of whitespace. The text outside them is whitespace only, so
/// `gap0 + s0 + gap1 + s1 + ... + gapN` reproduces `text` byte for byte. No range is longer
/// than [`MAX_SENTENCE_BYTES`]. See the [module docs](self) for the rules.
///
/// # Examples
///
/// ```
/// use newslens::sentence::split_sentences;
///
/// let text = "马斯克的吐槽\n“这是对的。”他说。营收达3.25亿元,同比增长!  ";
/// let sentences: Vec<&str> = split_sentences(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(sentences, ["马斯克的吐槽", "“这是对的。”", "他说。", "营收达3.25亿元,同比增长!"]);
/// ```
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut splitter = Splitter {
        text,
        out: Vec::new(),
        start: None,
        end: 0,
        soft: None,
        cluster: 0,
        after_zwj: false,
        quotes: [0, 0],
    };
    let mut i = 0;
    while let Some(c) = splitter.char_at(i) {
        i = splitter.step(i, c);
    }
    splitter.cut();
    splitter.out
}

/// what follows a position after skipping closing quotes and whitespace.
enum Ahead {
    End,
    LineBreak,
    Char { c: char, space: bool },
}

struct Splitter<'a> {
    text: &'a str,
    out: Vec<Range<usize>>,
    /// first byte of the current sentence, once it has one.
    start: Option<usize>,
    /// end of the last non-whitespace char of the current sentence.
    end: usize,
    /// last soft break of the current sentence: (end of the left part, start of the right part).
    soft: Option<(usize, usize)>,
    /// start of the last char that does not extend the one before it.
    cluster: usize,
    after_zwj: bool,
    /// straight double and single quotes seen in the current sentence.
    quotes: [usize; 2],
}

impl Splitter<'_> {
    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|s| s.chars().next())
    }

    fn char_before(&self, i: usize) -> Option<char> {
        self.text.get(..i).and_then(|s| s.chars().next_back())
    }

    /// handles the char `c` at `i` and returns where to continue.
    fn step(&mut self, i: usize, c: char) -> usize {
        let next = i + c.len_utf8();
        if is_line_break(c) {
            self.cut();
            return next;
        }
        if c.is_whitespace() {
            if self.start.is_some() {
                self.soft = Some((self.end, next));
            }
            return next;
        }
        let dots = c == '.' && self.char_at(next).is_some_and(|n| n == '.' || is_ellipsis(n));
        if is_ellipsis(c) || dots {
            // the whole run is judged once, so long runs of dots stay linear
            let text = self.text;
            let run = text.get(i..).unwrap_or("");
            let len = run.find(|d: char| d != '.' && !is_ellipsis(d)).unwrap_or(run.len());
            if self.ellipsis_ends(i + len) {
                return self.terminate(i);
            }
            for (k, d) in run.get(..len).unwrap_or("").char_indices() {
                self.push(i + k, d, false);
            }
            return i + len;
        }
        if self.is_terminator(i, c) {
            return self.terminate(i);
        }
        self.push(i, c, false);
        if is_soft_break(c) {
            self.soft = Some((next, next));
        }
        next
    }

    /// takes the terminator at `i`, the terminators and closing quotes after it, and ends the
    /// sentence.
    fn terminate(&mut self, i: usize) -> usize {
        let mut j = i;
        while let Some(d) = self.char_at(j) {
            let take = j == i || is_run_char(d) || is_closer(d) || (is_straight_quote(d) && self.quote_closes(j, d));
            if !take {
                break;
            }
            self.push(j, d, true);
            j += d.len_utf8();
        }
        self.cut();
        j
    }

    /// adds the non-whitespace char `c` at `i` to the current sentence, cutting it first if it
    /// would grow too long.
    fn push(&mut self, i: usize, c: char, in_run: bool) {
        let next = i + c.len_utf8();
        let limit = if in_run { MAX_SENTENCE_BYTES } else { TEXT_LIMIT };
        if let Some(s) = self.start {
            if next - s > limit {
                self.overflow(s, i, c, in_run);
            }
        }
        if self.start.is_none() {
            self.start = Some(i);
        }
        self.end = next;
        if !self.after_zwj && !is_extender(c) {
            self.cluster = i;
        }
        self.after_zwj = c == ZWJ;
        match c {
            '"' | '＂' => self.quotes[0] += 1,
            '\'' | '＇' => self.quotes[1] += 1,
            _ => {}
        }
    }

    /// cuts the sentence starting at `s`, which is too long to take the char `c` at `i`.
    fn overflow(&mut self, s: usize, i: usize, c: char, in_run: bool) {
        let next = i + c.len_utf8();
        if !in_run {
            // invariant: `soft` is the last soft break, so `right..i` has no whitespace
            if let Some((left, right)) = self.soft {
                if left > s && next - right <= TEXT_LIMIT {
                    self.out.push(s..left);
                    self.start = (right < i).then_some(right);
                    self.soft = None;
                    self.quotes = [0, 0];
                    return;
                }
            }
            let mid_cluster = self.after_zwj || is_extender(c);
            if mid_cluster && self.cluster > s && next - self.cluster <= TEXT_LIMIT {
                self.out.push(s..self.cluster);
                self.start = Some(self.cluster);
                self.quotes = [0, 0];
                return;
            }
        }
        self.cut();
    }

    /// ends the current sentence, if any.
    fn cut(&mut self) {
        if let Some(s) = self.start.take() {
            self.out.push(s..self.end);
        }
        self.soft = None;
        self.quotes = [0, 0];
    }

    /// whether the char `c` at `i` (not part of an ellipsis) ends a sentence.
    fn is_terminator(&self, i: usize, c: char) -> bool {
        let next = self.char_at(i + c.len_utf8());
        match c {
            '。' | '！' | '？' | '｡' | '‼' | '⁇' | '⁈' | '⁉' | '﹒' | '﹗' | '﹖' => true,
            '．' => {
                let decimal = self.char_before(i).is_some_and(is_digit) && next.is_some_and(is_digit);
                !decimal && !self.after_list_marker(i)
            }
            '!' | '?' => self.char_before(i).is_some_and(is_cjk) || !next.is_some_and(|n| n.is_ascii_alphanumeric()),
            '.' => self.period_ends(i),
            _ => false,
        }
    }

    /// whether a single half-width '.' at `i` ends a sentence.
    fn period_ends(&self, i: usize) -> bool {
        let n = self.char_at(i + 1);
        if n.is_some_and(is_digit) || self.after_list_marker(i) {
            return false;
        }
        if self.after_abbreviation(i) {
            return matches!(self.look_ahead(i + 1), Ahead::End | Ahead::LineBreak);
        }
        match n {
            None => true,
            Some(n) if is_cjk(n) => true,
            Some(n) if n.is_whitespace() && self.char_before(i).is_some_and(is_cjk) => true,
            Some(n) if n.is_whitespace() || is_closer(n) || is_straight_quote(n) => match self.look_ahead(i + 1) {
                Ahead::End | Ahead::LineBreak => true,
                Ahead::Char { c, space } => {
                    is_cjk(c) || is_opener(c) || (space && (c.is_uppercase() || is_straight_quote(c)))
                }
            },
            Some(_) => false,
        }
    }

    /// whether an ellipsis ending at `run_end` ends the sentence.
    fn ellipsis_ends(&self, run_end: usize) -> bool {
        match self.char_at(run_end) {
            None => true,
            Some(n) if is_run_char(n) || is_closer(n) => true,
            Some(n) if is_straight_quote(n) => self.quote_closes(run_end, n),
            Some(n) if n.is_whitespace() => match self.look_ahead(run_end) {
                Ahead::End | Ahead::LineBreak => true,
                Ahead::Char { c, .. } => is_opener(c) || is_straight_quote(c),
            },
            Some(_) => false,
        }
    }

    /// whether the straight quote `q` at `j`, right after a terminator, closes a quotation.
    fn quote_closes(&self, j: usize, q: char) -> bool {
        let seen = if matches!(q, '"' | '＂') {
            self.quotes[0]
        } else {
            self.quotes[1]
        };
        seen % 2 == 1 || !self.char_at(j + q.len_utf8()).is_some_and(char::is_alphanumeric)
    }

    /// whether the current sentence so far is a list marker: 1-3 digits or one ASCII letter.
    fn after_list_marker(&self, i: usize) -> bool {
        let Some(marker) = self.start.and_then(|s| self.text.get(s..i)) else {
            return false;
        };
        if marker.len() > 12 {
            return false;
        }
        let digits = marker.chars().filter(|&c| is_digit(c)).count();
        let all_digits = (1..=3).contains(&digits) && digits == marker.chars().count();
        all_digits || (marker.len() == 1 && marker.bytes().all(|b| b.is_ascii_alphabetic()))
    }

    /// whether the word before the '.' at `i` is an abbreviation, an initial or an initialism.
    fn after_abbreviation(&self, i: usize) -> bool {
        let bytes = self.text.as_bytes().get(..i).unwrap_or_default();
        let len = bytes
            .iter()
            .rev()
            .take(ABBREV_MAX + 1)
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        let Some(word) = self.text.get(i - len..i).filter(|_| (1..=ABBREV_MAX).contains(&len)) else {
            return false;
        };
        if ABBREVIATIONS.contains(&word) {
            return true;
        }
        let after_dot = i - len > 0 && bytes.get(i - len - 1) == Some(&b'.');
        let initial = word != "I" && word.bytes().all(|b| b.is_ascii_uppercase());
        len == 1 && (initial || after_dot)
    }

    /// skips closing quotes, then whitespace (stopping at a line break), from `pos`.
    fn look_ahead(&self, pos: usize) -> Ahead {
        let mut chars = self.text.get(pos..).unwrap_or("").chars().peekable();
        while chars.next_if(|&c| is_closer(c) || is_straight_quote(c)).is_some() {}
        let mut space = false;
        for c in chars {
            if is_line_break(c) {
                return Ahead::LineBreak;
            }
            if !c.is_whitespace() {
                return Ahead::Char { c, space };
            }
            space = true;
        }
        Ahead::End
    }
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn is_ellipsis(c: char) -> bool {
    matches!(c, '…' | '⋯' | '‥')
}

/// chars that continue a terminator run.
fn is_run_char(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '｡' | '．' | '!' | '?' | '.' | '‼' | '⁇' | '⁈' | '⁉' | '﹒' | '﹗' | '﹖'
    ) || is_ellipsis(c)
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’'
            | '」'
            | '』'
            | '）'
            | '》'
            | '】'
            | '〉'
            | '〕'
            | '〗'
            | '〙'
            | '〛'
            | '］'
            | '｝'
            | '｠'
            | '﹂'
            | '﹄'
            | '»'
            | '›'
            | ')'
            | ']'
            | '}'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '“' | '‘'
            | '「'
            | '『'
            | '（'
            | '《'
            | '【'
            | '〈'
            | '〔'
            | '〖'
            | '〘'
            | '〚'
            | '［'
            | '｛'
            | '｟'
            | '﹁'
            | '﹃'
            | '«'
            | '‹'
            | '('
            | '['
            | '{'
    )
}

fn is_straight_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '＂' | '＇')
}

/// chars after which an over-long run may be cut.
fn is_soft_break(c: char) -> bool {
    matches!(c, '，' | ',' | '、' | '､' | '；' | ';' | '：' | ':')
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// han ideographs, kana and hangul syllables.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(
        c,
        '\u{3040}'..='\u{30FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{AC00}'..='\u{D7AF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{3FFFF}'
    )
}

/// chars that attach to the char before them (best effort, no unicode tables).
pub(crate) fn is_extender(c: char) -> bool {
    // ASCII, Latin and everything from bopomofo to the CJK ideographs (nearly every character
    // of a Chinese text) is none of them: answered in two comparisons
    let u = c as u32;
    if u < 0x300 || (0x3100..0xFE00).contains(&u) {
        return false;
    }
    in_extender_ranges(c)
}

fn in_extender_ranges(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{0483}'..='\u{0489}'
            | '\u{0591}'..='\u{05BD}'
            | '\u{064B}'..='\u{065F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{200C}'..='\u{200D}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{3099}'..='\u{309A}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FE20}'..='\u{FE2F}'
            | '\u{1F3FB}'..='\u{1F3FF}'
            | '\u{E0020}'..='\u{E007F}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

// proptest is a native-only dev-dependency
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sents(t: &str) -> Vec<&str> {
        split_sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    /// checks every documented invariant of `split_sentences` on `text`.
    fn check_invariants(text: &str) {
        let ranges = split_sentences(text);
        let mut rebuilt = String::with_capacity(text.len());
        let mut prev_end = 0;
        for r in &ranges {
            assert!(r.start >= prev_end, "ranges overlap or are out of order: {ranges:?}");
            assert!(r.start < r.end, "empty range {r:?}");
            assert!(r.len() <= MAX_SENTENCE_BYTES, "range {r:?} longer than the maximum");
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let gap = &text[prev_end..r.start];
            assert!(gap.chars().all(char::is_whitespace), "gap {gap:?} is not whitespace");
            let s = &text[r.clone()];
            assert!(
                !s.starts_with(char::is_whitespace),
                "sentence {s:?} starts with whitespace"
            );
            assert!(!s.ends_with(char::is_whitespace), "sentence {s:?} ends with whitespace");
            rebuilt.push_str(gap);
            rebuilt.push_str(s);
            prev_end = r.end;
        }
        let tail = &text[prev_end..];
        assert!(tail.chars().all(char::is_whitespace), "tail {tail:?} is not whitespace");
        rebuilt.push_str(tail);
        assert_eq!(rebuilt, text);
    }

    #[test]
    fn extender_fast_path_agrees_with_the_ranges() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_extender(c), in_extender_ranges(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn terminators_end_sentences() {
        assert_eq!(
            sents("今天下雨了。你带伞了吗？带了！好｡"),
            ["今天下雨了。", "你带伞了吗？", "带了！", "好｡"]
        );
    }

    #[test]
    fn terminator_runs_stay_with_the_sentence() {
        assert_eq!(
            sents("真的吗？！太好了！！我不信?!好吧……。再见。。。"),
            ["真的吗？！", "太好了！！", "我不信?!", "好吧……。", "再见。。。"]
        );
    }

    #[test]
    fn ellipsis_ends_only_before_break_quote_or_terminator() {
        assert_eq!(sents("他犹豫了……然后说：好吧。"), ["他犹豫了……然后说：好吧。"]);
        assert_eq!(sents("他说……\n下一段"), ["他说……", "下一段"]);
        assert_eq!(sents("我不知道…… “你呢？”"), ["我不知道……", "“你呢？”"]);
        assert_eq!(sents("“我不知道……”他说。"), ["“我不知道……”", "他说。"]);
        assert_eq!(sents("等等…？然后"), ["等等…？", "然后"]);
        assert_eq!(sents("Wait... what? He left..."), ["Wait... what?", "He left..."]);
        assert_eq!(sents("未完待续⋯"), ["未完待续⋯"]);
    }

    #[test]
    fn closing_quotes_and_brackets_stay_with_the_sentence() {
        assert_eq!(sents("（详见附件。）下一句。"), ["（详见附件。）", "下一句。"]);
        assert_eq!(sents("（他说：“好。”）后来。"), ["（他说：“好。”）", "后来。"]);
        assert_eq!(sents("书名是《再见。》】然后"), ["书名是《再见。》】", "然后"]);
        assert_eq!(sents("(See the note.) Then go."), ["(See the note.)", "Then go."]);
    }

    #[test]
    fn quote_after_terminator_rule() {
        assert_eq!(sents("“这是对的。”他说。"), ["“这是对的。”", "他说。"]);
        assert_eq!(sents("“你来了？”“来了。”"), ["“你来了？”", "“来了。”"]);
        assert_eq!(
            sents("他走了。“再见”是最后一句话。"),
            ["他走了。", "“再见”是最后一句话。"]
        );
        // straight quotes: closing when one is open, opening before text otherwise
        assert_eq!(
            sents("他说\"这是对的。\"然后走了。"),
            ["他说\"这是对的。\"", "然后走了。"]
        );
        assert_eq!(
            sents("结束了。\"新的开始\"是口号。"),
            ["结束了。", "\"新的开始\"是口号。"]
        );
        assert_eq!(
            sents("He said \"Hi.\" Then he left."),
            ["He said \"Hi.\"", "Then he left."]
        );
        assert_eq!(sents("\"How are you?\" he asked."), ["\"How are you?\"", "he asked."]);
    }

    #[test]
    fn semicolons_and_commas_are_not_boundaries() {
        assert_eq!(
            sents("一是加强监管；二是促进竞争；三是规范收费。"),
            ["一是加强监管；二是促进竞争；三是规范收费。"]
        );
        assert_eq!(sents("first; second, third: done."), ["first; second, third: done."]);
    }

    #[test]
    fn line_breaks_end_sentences() {
        assert_eq!(
            sents("马斯克对TikTok的吐槽\n8月25日报道，推特用户发表了批评。"),
            ["马斯克对TikTok的吐槽", "8月25日报道，推特用户发表了批评。"]
        );
        assert_eq!(
            sents("标题\r\n \u{3000}\r\n\u{3000}\u{3000}正文第一句。正文第二句\r\n"),
            ["标题", "正文第一句。", "正文第二句"]
        );
        assert_eq!(
            sents("1. 第一项\n2. 第二项\n１．第三项"),
            ["1. 第一项", "2. 第二项", "１．第三项"]
        );
        assert_eq!(sents("第一行\u{2028}第二行"), ["第一行", "第二行"]);
    }

    #[test]
    fn half_width_punctuation_in_chinese() {
        assert_eq!(
            sents("马斯克对TikTok的吐槽:它们的AI在探测我的大脑,我不再使用了!"),
            ["马斯克对TikTok的吐槽:它们的AI在探测我的大脑,我不再使用了!"]
        );
        assert_eq!(
            sents("我不再使用了!TikTok也回应了?是的"),
            ["我不再使用了!", "TikTok也回应了?", "是的"]
        );
        assert_eq!(
            sents("他走了.然后我们也走了. 最后."),
            ["他走了.", "然后我们也走了.", "最后."]
        );
        assert_eq!(sents("Yahoo!Japan上线了"), ["Yahoo!Japan上线了"]);
    }

    #[test]
    fn periods_that_do_not_end_sentences() {
        for t in [
            "营收达3.25亿元，圆周率约为３．１４。",
            "U.S. officials met Mr. Smith and Dr. Wang at Apple Inc. yesterday.",
            "Acme Ltd. and Foo Co. and Bar Corp. merged vs. rivals, e.g. Baz, i.e. none, etc. and more.",
            "升级到v1.2.3和2.0版本。",
            "访问https://www.example.com/a.b?x=1&y=2!z或www.tiktok.com查看。",
            "邮箱a.b@c.com已停用。",
            "J. K. Rowling wrote it at 3 p.m. today.",
            "He works at Apple Inc.",
        ] {
            assert_eq!(sents(t), [t], "{t}");
        }
    }

    #[test]
    fn periods_that_end_sentences() {
        assert_eq!(
            sents("It grew in 2023. Then it fell."),
            ["It grew in 2023.", "Then it fell."]
        );
        assert_eq!(sents("It grew in 2023.然后下跌。"), ["It grew in 2023.", "然后下跌。"]);
        assert_eq!(sents("He left. 然后呢"), ["He left.", "然后呢"]);
        assert_eq!(sents("So did I. We left."), ["So did I.", "We left."]);
        assert_eq!(sents("It is done. “Good”"), ["It is done.", "“Good”"]);
        assert_eq!(sents("It is done. it is not"), ["It is done. it is not"]);
        assert_eq!(sents("见www.example.com. 然后"), ["见www.example.com.", "然后"]);
    }

    #[test]
    fn long_runs_are_cut_at_soft_breaks() {
        let a = "字".repeat(300);
        let text = format!("{a}，{a}");
        assert_eq!(sents(&text), [format!("{a}，"), a.clone()]);
        let words = "word ".repeat(1000);
        for s in sents(&words) {
            assert!(s.len() <= TEXT_LIMIT && s.starts_with("word") && s.ends_with("word"));
        }
    }

    #[test]
    fn long_runs_keep_clusters_whole() {
        for unit in ["e\u{301}", "👨\u{200D}👩\u{200D}👧", "👍\u{1F3FD}", "𠮷"] {
            let text = unit.repeat(2000);
            check_invariants(&text);
            for s in sents(&text) {
                assert!(s.starts_with(unit) && s.ends_with(unit), "{unit:?} split inside");
            }
        }
    }

    #[test]
    fn very_long_inputs_are_cut_and_fast() {
        let han = "字".repeat(100_000);
        let pieces = sents(&han);
        assert!(pieces.iter().all(|s| s.len() <= MAX_SENTENCE_BYTES));
        assert_eq!(pieces.concat(), han);
        // a run of terminators is one sentence until it hits the cap
        let stops = "。".repeat(10_000);
        let pieces = sents(&stops);
        assert_eq!(pieces.len(), 25);
        assert!(pieces.iter().all(|s| s.len() == MAX_SENTENCE_BYTES));
        assert_eq!(pieces.concat(), stops);
        for unit in [".", "…", "a.", ". ", "\"。", "”", "\u{301}", "1", "Mr. ", "……a"] {
            check_invariants(&unit.repeat(100_000));
        }
    }

    #[test]
    fn empty_and_whitespace_input() {
        assert!(split_sentences("").is_empty());
        assert!(split_sentences(" \n\u{3000}\r\n\t\u{a0}").is_empty());
    }

    /// text built from the pieces the rules care about.
    fn mixed_text(max_pieces: usize) -> impl Strategy<Value = String> {
        let pieces = vec![
            "字",
            "中文",
            "我们",
            "。",
            "！",
            "？",
            "!",
            "?",
            ".",
            "...",
            "…",
            "……",
            "．",
            "”",
            "“",
            "」",
            "（",
            "）",
            "\"",
            "'",
            "，",
            ",",
            "、",
            "；",
            ":",
            " ",
            "  ",
            "\n",
            "\r\n",
            "\u{3000}",
            "a",
            "B",
            "Mr",
            "Inc",
            "U.S",
            "3",
            "５",
            "😀",
            "𠮷",
            "\u{301}",
            "\u{200D}",
            "\u{1F3FD}",
            "www.",
            "https://",
            "@",
        ];
        prop::collection::vec(prop::sample::select(pieces), 0..max_pieces).prop_map(|v| v.concat())
    }

    /// long text with no terminators, to exercise the length cap.
    fn unpunctuated_text() -> impl Strategy<Value = String> {
        let pieces = vec![
            "字", "ab", " ", "，", "、", "\u{301}", "\u{200D}", "😀", "𠮷", "\u{FE0F}",
        ];
        prop::collection::vec(prop::sample::select(pieces), 300..3000).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn invariants_on_printable_strings(text in "\\PC*") {
            check_invariants(&text);
        }

        #[test]
        fn invariants_on_any_string(text in any::<String>()) {
            check_invariants(&text);
        }

        #[test]
        fn invariants_on_mixed_text(text in mixed_text(400)) {
            check_invariants(&text);
        }

        #[test]
        fn invariants_on_long_mixed_text(text in mixed_text(4000)) {
            check_invariants(&text);
        }

        #[test]
        fn invariants_on_unpunctuated_text(text in unpunctuated_text()) {
            check_invariants(&text);
        }
    }
}
