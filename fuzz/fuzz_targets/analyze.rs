//! analyze: no panic; sentences tile the input; evidence inside its sentence; UTF-16 offsets index the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newslens::offsets::Utf16Cursor;
use std::sync::OnceLock;

fn analyzer() -> &'static newslens::Analyzer {
    static A: OnceLock<newslens::Analyzer> = OnceLock::new();
    A.get_or_init(|| newslens::Analyzer::new().unwrap())
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let a = analyzer().analyze_with(&text, newslens::AnalyzeOptions { tokens: true, evidence: true });
    let mut pos = 0;
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let mut cur = Utf16Cursor::new(&text);
    for s in &a.sentences {
        assert!(text[pos..s.start].trim().is_empty());
        assert_eq!(&text[s.start..s.end], s.text);
        for e in &s.evidence {
            assert!(s.start <= e.start && e.start < e.end && e.end <= s.end);
        }
        let tokens = s.tokens.as_ref().unwrap();
        assert_eq!(tokens.iter().map(|t| t.word.as_str()).collect::<String>(), s.text);
        let (u0, u1) = (cur.to_utf16(s.start), cur.to_utf16(s.end));
        assert_eq!(String::from_utf16(&utf16[u0..u1]).unwrap(), s.text);
        pos = s.end;
    }
    assert!(text[pos..].trim().is_empty());
});
