//! segment: every mode, no panic; default mode tiles the input with words on char boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newslens::segment::{Mode, Segmenter};
use std::sync::OnceLock;

fn segmenter() -> &'static Segmenter {
    static S: OnceLock<Segmenter> = OnceLock::new();
    S.get_or_init(|| Segmenter::new().unwrap())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut pos = 0;
    for t in segmenter().segment(text, Mode::Default, true) {
        assert_eq!(t.start, pos);
        assert_eq!(&text[t.start..t.end], t.word);
        pos = t.end;
    }
    assert_eq!(pos, text.len());
    for mode in [Mode::Search, Mode::All] {
        for t in segmenter().segment(text, mode, false) {
            assert_eq!(&text[t.start..t.end], t.word);
        }
    }
});
