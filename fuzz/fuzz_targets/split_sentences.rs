//! split_sentences: ordered, non-empty, trimmed ranges on char boundaries that tile the input.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut pos = 0;
    let mut rebuilt = String::new();
    for r in newslens::split_sentences(text) {
        assert!(r.start >= pos && r.start < r.end && r.end - r.start <= newslens::sentence::MAX_SENTENCE_BYTES);
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        assert!(text[pos..r.start].trim().is_empty());
        let s = &text[r.clone()];
        assert_eq!(s.trim(), s);
        rebuilt.push_str(&text[pos..r.start]);
        rebuilt.push_str(s);
        pos = r.end;
    }
    rebuilt.push_str(&text[pos..]);
    assert_eq!(rebuilt, text);
});
