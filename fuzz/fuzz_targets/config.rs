//! Config parsing and applying: any input gives a config or a clear error, never a panic; a
//! config that applies compiles into a model that classifies.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else { return };
    if let Ok(config) = newslens::Config::from_json(json) {
        let mut spec = newslens::classify::ModelSpec::lexicons_only().unwrap();
        if config.apply(&mut spec).is_ok() {
            let model = spec.compile().unwrap();
            assert_eq!(model.topics().len(), spec.topics.len());
        }
    }
    let _ = newslens::lexicon::parse_lexicon("fuzz", json);
    let _ = newslens::lexicon::parse_weights("fuzz", json);
});
