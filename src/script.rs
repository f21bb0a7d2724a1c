//! Traditional Chinese read as simplified, full-width letters and digits as ASCII.
//!
//! newslens's lexicons, entity names, jieba's dictionary and the fitted weights are in simplified
//! Chinese, so a Hong Kong or Taiwan article (監管、競爭對手、營收) would miss most of them. Every
//! text is therefore segmented and matched through [`simplified`]: each traditional character
//! of `data/t2s.txt` (2,956 pairs from OpenCC's `TSCharacters.txt`, written by
//! `scripts/t2s.py`) is read as its simplified form. Every pair is one three-byte UTF-8
//! character for another, so the reading has the same byte offsets as the text: sentences,
//! tokens and evidence spans still index the text as given, and the words returned are its own
//! (traditional) slices. A text without such a character is used as it is, without a copy.
//!
//! The table maps characters, not phrases: a character with several simplified forms takes
//! OpenCC's first (乾 → 干, 於 → 于), and one whose first candidate is itself (瞭, 藉) is kept.
//!
//! Mainland papers also set Latin letters and digits full width (ＧＤＰ, ＡＰＰ, ５Ｇ, ＴｉｋＴｏｋ).
//! [`Reading`] reads those as ASCII too (and [`normalized`] does for terms and words), so they
//! match GMV or TikTok and are cut as jieba cuts ASCII. That changes the length (three bytes
//! for one), so a reading with such a character carries a map back to the text's own offsets;
//! the far more common text without one is the same-length [`simplified`] reading.

use std::borrow::Cow;
use std::sync::OnceLock;

/// The embedded table: `TRADITIONAL<TAB>SIMPLIFIED` lines, `#` comments.
const T2S: &str = include_str!("../data/t2s.txt");

struct Table {
    /// A bit per code point of the Basic Multilingual Plane: whether it has a simplified form.
    mapped: Vec<u64>,
    /// `(traditional, simplified UTF-8 bytes)`, sorted by the first.
    pairs: Vec<(u32, [u8; 3])>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut mapped = vec![0u64; 0x10000 / 64];
        let mut pairs = Vec::new();
        for (t, s) in parse(T2S) {
            let t = t as u32;
            mapped[t as usize / 64] |= 1 << (t % 64);
            // (`parse` keeps three-byte characters only)
            let mut bytes = [0; 3];
            s.encode_utf8(&mut bytes);
            pairs.push((t, bytes));
        }
        pairs.sort_unstable();
        Table { mapped, pairs }
    })
}

/// The table's pairs; a line that is not two three-byte characters is skipped (a test checks
/// that the shipped file has none).
fn parse(text: &str) -> impl Iterator<Item = (char, char)> + '_ {
    text.lines().filter(|l| !l.starts_with('#')).filter_map(|line| {
        let mut chars = line.chars();
        match (chars.next(), chars.next(), chars.next(), chars.next()) {
            (Some(t), Some('\t'), Some(s), None) if t.len_utf8() == 3 && s.len_utf8() == 3 && t != s => Some((t, s)),
            _ => None,
        }
    })
}

/// `text` with every traditional character of the table read as its simplified form: the same
/// length, with the same character boundaries. Borrowed when nothing changes.
pub fn simplified(text: &str) -> Cow<'_, str> {
    let table = table();
    let bytes = text.as_bytes();
    let Some(first) = next_mapped(table, bytes, 0) else {
        return Cow::Borrowed(text);
    };
    let mut out = bytes.to_vec();
    let mut at = Some(first);
    while let Some(i) = at {
        let c = code_point(bytes, i);
        if let Ok(k) = table.pairs.binary_search_by_key(&c, |&(t, _)| t) {
            out[i..i + 3].copy_from_slice(&table.pairs[k].1);
        }
        at = next_mapped(table, bytes, i + 3);
    }
    // three bytes of one character for three of another: still UTF-8 (and were it not, the text
    // is read as given rather than panicking)
    String::from_utf8(out).map_or(Cow::Borrowed(text), Cow::Owned)
}

/// `text` as newslens reads it: [`simplified`], with full-width letters and digits as ASCII.
/// For terms, words and names, whose offsets do not matter; [`Reading`] keeps them.
pub fn normalized(text: &str) -> Cow<'_, str> {
    Reading::new(text).text
}

/// A text as newslens reads it (see the module documentation), with the way back from its byte
/// offsets to the text's own.
#[derive(Debug, Clone)]
pub struct Reading<'a> {
    text: Cow<'a, str>,
    /// For a reading of another length than the text: the text's offset for each byte offset of
    /// the reading, one past the end included. `None`: the offsets are the same.
    back: Option<Vec<usize>>,
}

impl<'a> Reading<'a> {
    /// Reads `text`; borrowed when nothing changes, without a map when no length does.
    pub fn new(text: &'a str) -> Reading<'a> {
        let same_length = simplified(text);
        if first_full_width(same_length.as_bytes()).is_none() {
            return Reading {
                text: same_length,
                back: None,
            };
        }
        let mut out = String::with_capacity(same_length.len());
        let mut back = Vec::with_capacity(same_length.len() + 1);
        for (i, c) in same_length.char_indices() {
            match half_width(c) {
                Some(a) => {
                    out.push(a);
                    back.push(i);
                }
                None => {
                    out.push(c);
                    back.extend(i..i + c.len_utf8());
                }
            }
        }
        back.push(same_length.len());
        Reading {
            text: Cow::Owned(out),
            back: Some(back),
        }
    }

    /// The reading.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text's own byte offset for byte offset `i` of the reading (a character boundary, or
    /// its end).
    pub fn original(&self, i: usize) -> usize {
        self.back.as_ref().map_or(i, |b| b[i])
    }

    /// Whether the reading differs from the text (borrowed when it does not).
    pub fn changed(&self) -> bool {
        matches!(self.text, Cow::Owned(_))
    }

    /// Whether the reading's offsets are the text's own.
    pub fn same_offsets(&self) -> bool {
        self.back.is_none()
    }
}

/// The ASCII letter or digit a full-width one (U+FF10–FF19, FF21–FF3A, FF41–FF5A) stands for.
fn half_width(c: char) -> Option<char> {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

/// The byte offset of the first full-width letter or digit of `bytes` (UTF-8), if any.
fn first_full_width(bytes: &[u8]) -> Option<usize> {
    // U+FF10–FF3F is EF BC 90–BF, U+FF40–FF7F is EF BD 80–BF
    memchr::memchr_iter(0xEF, bytes).find(|&i| match bytes.get(i + 1..i + 3) {
        Some([0xBC, b]) => matches!(b, 0x90..=0x99 | 0xA1..=0xBA),
        Some([0xBD, b]) => matches!(b, 0x81..=0x9A),
        _ => false,
    })
}

/// The byte offset of the first character at or after `i` (a character boundary) that the
/// table maps.
fn next_mapped(table: &Table, bytes: &[u8], mut i: usize) -> Option<usize> {
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
        } else if b < 0xE0 {
            i += 2;
        } else if b < 0xF0 {
            let c = code_point(bytes, i);
            if table.mapped[c as usize / 64] & (1 << (c % 64)) != 0 {
                return Some(i);
            }
            i += 3;
        } else {
            i += 4;
        }
    }
    None
}

/// The code point of the three-byte UTF-8 character at `i`.
fn code_point(bytes: &[u8], i: usize) -> u32 {
    (u32::from(bytes[i]) & 0x0F) << 12 | (u32::from(bytes[i + 1]) & 0x3F) << 6 | (u32::from(bytes[i + 2]) & 0x3F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_shipped_table_is_a_pair() {
        let lines = T2S.lines().filter(|l| !l.starts_with('#')).count();
        assert_eq!(parse(T2S).count(), lines);
        assert_eq!(lines, 2956);
        assert_eq!(table().pairs.len(), lines, "one simplified form per character");
    }

    #[test]
    fn traditional_reads_as_simplified_with_the_same_offsets() {
        let t = "印尼政府宣布禁止TikTok Shop在社交媒體平台上進行電商交易，競爭對手紛紛降價。";
        let s = simplified(t);
        assert_eq!(
            s,
            "印尼政府宣布禁止TikTok Shop在社交媒体平台上进行电商交易，竞争对手纷纷降价。"
        );
        assert_eq!(s.len(), t.len());
        let bounds = |x: &str| x.char_indices().map(|(i, _)| i).collect::<Vec<_>>();
        assert_eq!(bounds(&s), bounds(t));
    }

    #[test]
    fn simplified_text_is_borrowed_unchanged() {
        for t in [
            "",
            "abc",
            "市场监管总局对阿里巴巴处以182.28亿元罚款。",
            "𠮷😀 é",
            "瞭解",
        ] {
            assert!(matches!(simplified(t), Cow::Borrowed(x) if x == t), "{t}");
        }
    }

    // proptest is a native-only dev-dependency
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// On arbitrary Unicode, and on CJK text dense with traditional characters: the same
        /// length and character boundaries, each character its table form or itself.
        #[test]
        fn same_offsets_on_any_text(text in "(\\PC|[\u{4e00}-\u{9fff}]|[們後於發電國際監競爭對營據]|[😀𠮷é])*") {
            check(&text);
        }

        #[test]
        fn same_offsets_on_any_string(text in proptest::prelude::any::<String>()) {
            check(&text);
        }

        /// Every character of a reading goes back to one character of the text, in order, that
        /// reads as it: the full-width form of an ASCII letter or digit, or its table form.
        #[test]
        fn a_reading_maps_back_to_the_text(text in "(\\PC|[０-９Ａ-Ｚａ-ｚ＀-｟]|[們後監]|[😀𠮷é])*") {
            let r = Reading::new(&text);
            let mut expected = text.chars();
            let mut end = 0;
            for (i, c) in r.as_str().char_indices() {
                let (a, b) = (r.original(i), r.original(i + c.len_utf8()));
                proptest::prop_assert_eq!(a, end);
                let own = &text[a..b];
                proptest::prop_assert_eq!(own.chars().count(), 1);
                proptest::prop_assert_eq!(Some(own.chars().next().unwrap()), expected.next());
                let (read_own, c) = (normalized(own), c.to_string());
                proptest::prop_assert_eq!(read_own.as_ref(), c.as_str());
                end = b;
            }
            proptest::prop_assert_eq!(end, text.len());
            proptest::prop_assert_eq!(r.original(r.as_str().len()), text.len());
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn check(text: &str) {
        let out = simplified(text);
        assert_eq!(out.len(), text.len());
        let table: std::collections::HashMap<char, char> = parse(T2S).collect();
        for ((i, a), (j, b)) in text.char_indices().zip(out.char_indices()) {
            assert_eq!(i, j);
            assert_eq!(b, *table.get(&a).unwrap_or(&a));
        }
    }

    #[test]
    fn full_width_letters_and_digits_read_as_ascii_with_offsets_back() {
        let t = "𠮷ＴｉｋＴｏｋ的ＧＭＶ增长３０％，監管ｘ";
        let r = Reading::new(t);
        assert_eq!(r.as_str(), "𠮷TikTok的GMV增长30％，监管x");
        assert!(!r.same_offsets());
        // each character of the reading goes back to its own in the text
        let back: Vec<&str> = r
            .as_str()
            .char_indices()
            .map(|(i, c)| &t[r.original(i)..r.original(i + c.len_utf8())])
            .collect();
        assert_eq!(back, t.chars().map(|c| c.to_string()).collect::<Vec<_>>());
        assert_eq!(r.original(r.as_str().len()), t.len());
        assert_eq!(normalized("ＡＷＳ與Ａｍａｚｏｎ"), "AWS与Amazon");
    }

    #[test]
    fn a_text_without_full_width_letters_keeps_its_offsets() {
        // (the last: the full-width characters just outside the three ranges)
        for t in ["", "TikTok的GMV", "監管，（）！？：；　", "／：＠［｀｛"] {
            let r = Reading::new(t);
            assert!(r.same_offsets(), "{t}");
            assert_eq!(r.as_str(), simplified(t));
        }
        assert!(matches!(normalized("市场监管"), Cow::Borrowed(_)));
    }

    #[test]
    fn characters_outside_the_table_stay_next_to_mapped_ones() {
        assert_eq!(simplified("𠮷們😀後é於"), "𠮷们😀后é于");
        assert_eq!(simplified("乾"), "干");
    }
}
