//! Byte offsets (the core's unit) to UTF-16 code units (JavaScript's unit).
//!
//! JavaScript indexes strings in UTF-16 code units, so `text.slice(start, end)` is exact only
//! when offsets are given in that unit. A character outside the Basic Multilingual Plane
//! (𠮷, most emoji) is 4 bytes in UTF-8 and 2 units in UTF-16; a CJK character is 3 bytes and 1 unit.

/// Converts byte offsets of one text to UTF-16 offsets, cheaply for offsets that mostly increase.
///
/// Keeps a cursor, so converting the offsets of a whole analysis (which come in text order)
/// costs one pass over the text. Going backwards steps back over the characters in between, so
/// overlapping spans (search-mode tokens, nested evidence) cost their distance, not a rescan.
#[derive(Debug, Clone)]
pub struct Utf16Cursor<'a> {
    text: &'a str,
    byte: usize,
    unit: usize,
}

impl<'a> Utf16Cursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Utf16Cursor { text, byte: 0, unit: 0 }
    }

    /// The UTF-16 offset of byte offset `byte`.
    ///
    /// A byte offset past the end maps to the UTF-16 length; one inside a character maps to
    /// the start of that character (core offsets are always char boundaries).
    pub fn to_utf16(&mut self, byte: usize) -> usize {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        if byte < self.byte {
            // step back over the characters in between: cost proportional to the distance, so
            // overlapping spans (search-mode tokens, nested evidence) never rescan from the start
            self.unit -= utf16_len(&self.text[byte..self.byte]);
            self.byte = byte;
            return self.unit;
        }
        self.unit += utf16_len(&self.text[self.byte..byte]);
        self.byte = byte;
        self.unit
    }
}

/// Length of `s` in UTF-16 code units: one unit per character, two for a character of four
/// UTF-8 bytes. Counted on the bytes (every byte that is not a continuation byte starts a
/// character; a lead byte from 0xF0 starts a four-byte one), with no decoding.
pub fn utf16_len(s: &str) -> usize {
    s.bytes()
        .map(|b| usize::from((b as i8) >= -0x40) + usize::from(b >= 0xF0))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bmp_astral_and_emoji() {
        let text = "a𠮷b中👍🏽c";
        let mut cur = Utf16Cursor::new(text);
        let expected: Vec<(usize, usize)> = text
            .char_indices()
            .map(|(b, _)| (b, text[..b].encode_utf16().count()))
            .collect();
        for &(b, u) in &expected {
            assert_eq!(cur.to_utf16(b), u, "byte {b}");
        }
        assert_eq!(cur.to_utf16(text.len()), text.encode_utf16().count());
        // backwards works too
        assert_eq!(cur.to_utf16(1), 1);
        assert_eq!(cur.to_utf16(5), 3);
    }

    #[test]
    fn inside_a_char_maps_to_its_start() {
        let mut cur = Utf16Cursor::new("𠮷x");
        assert_eq!(cur.to_utf16(2), 0);
        assert_eq!(cur.to_utf16(99), 3);
    }
}

// proptest is a native-only dev-dependency
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// On arbitrary Unicode (astral characters, emoji, combining marks, controls), every
        /// char boundary maps to the UTF-16 length of the text before it, in any order.
        #[test]
        fn matches_encode_utf16(text in any::<String>(), order in proptest::collection::vec(any::<prop::sample::Index>(), 0..64)) {
            let bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
            let mut cur = Utf16Cursor::new(&text);
            for &b in &bounds {
                prop_assert_eq!(cur.to_utf16(b), text[..b].encode_utf16().count());
            }
            for i in order {
                let b = bounds[i.index(bounds.len())];
                prop_assert_eq!(cur.to_utf16(b), text[..b].encode_utf16().count());
            }
        }
    }
}
