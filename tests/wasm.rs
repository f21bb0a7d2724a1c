//! The wasm boundary, run by `wasm-pack test --node` and, with `WASM_BINDGEN_USE_BROWSER=1`,
//! by `wasm-pack test --headless --chrome`: the module really loads (jieba's zstd dictionary
//! included), results are plain objects with UTF-16 offsets, errors are thrown `Error`s.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect};
use newslens::wasm::Analyzer;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn opts(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn message(e: wasm_bindgen::JsError) -> String {
    let v: JsValue = e.into();
    assert!(v.is_instance_of::<js_sys::Error>(), "not an Error");
    v.unchecked_into::<js_sys::Error>().message().into()
}

fn utf16_slice(text: &str, start: f64, end: f64) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start as usize..end as usize]).unwrap()
}

#[wasm_bindgen_test]
fn segment_crosses_the_boundary() {
    let a = Analyzer::new(JsValue::UNDEFINED).unwrap();
    let out = a.segment("我们中出了一个叛徒".into(), JsValue::UNDEFINED).unwrap();
    let words: Vec<String> = Array::from(&out)
        .iter()
        .map(|t| get(&t, "word").as_string().unwrap())
        .collect();
    assert_eq!(words, ["我们", "中出", "了", "一个", "叛徒"]);
}

#[wasm_bindgen_test]
fn offsets_are_utf16_code_units() {
    let a = Analyzer::new(JsValue::UNDEFINED).unwrap();
    let text = "𠮷野家👍🏽在印尼被禁止销售。监管部门对TikTok Shop罚款。";
    let analysis = a.analyze(text.into(), opts(r#"{"tokens":true}"#)).unwrap();
    let sentences = Array::from(&get(&analysis, "sentences"));
    assert_eq!(sentences.length(), 2);
    let mut spans = 0;
    for s in sentences.iter() {
        let (st, en) = (get(&s, "start").as_f64().unwrap(), get(&s, "end").as_f64().unwrap());
        assert_eq!(utf16_slice(text, st, en), get(&s, "text").as_string().unwrap());
        for t in Array::from(&get(&s, "tokens")).iter() {
            let slice = utf16_slice(
                text,
                get(&t, "start").as_f64().unwrap(),
                get(&t, "end").as_f64().unwrap(),
            );
            assert_eq!(slice, get(&t, "word").as_string().unwrap());
            spans += 1;
        }
        for e in Array::from(&get(&s, "evidence")).iter() {
            let slice = utf16_slice(
                text,
                get(&e, "start").as_f64().unwrap(),
                get(&e, "end").as_f64().unwrap(),
            );
            assert!(!slice.is_empty());
            spans += 1;
        }
    }
    assert!(spans > 10);
    let second = sentences.get(1);
    let topics: Vec<String> = Array::from(&get(&second, "topics"))
        .iter()
        .map(|t| t.as_string().unwrap())
        .collect();
    assert!(topics.contains(&"regulation".to_string()), "{topics:?}");
    // plain objects, not class instances
    assert_eq!(
        js_sys::Object::get_prototype_of(&second),
        js_sys::Object::get_prototype_of(&js_sys::Object::new().into())
    );
}

#[wasm_bindgen_test]
fn bad_arguments_throw_errors_and_the_analyzer_keeps_working() {
    let a = Analyzer::new(JsValue::UNDEFINED).unwrap();
    assert_eq!(
        message(a.analyze(JsValue::from_f64(3.0), JsValue::UNDEFINED).unwrap_err()),
        "analyze: text must be a string, got number"
    );
    assert_eq!(
        message(a.classify(JsValue::NULL).unwrap_err()),
        "classify: sentence must be a string, got null"
    );
    assert_eq!(
        message(a.segment("x".into(), opts(r#"{"mode":"fast"}"#)).unwrap_err()),
        "segment: invalid argument: mode: unknown segmentation mode `fast` (expected default, search or all)"
    );
    let e = Analyzer::new(opts(r#"{"topics":[{"name":"labor","terms":[]}]}"#))
        .err()
        .unwrap();
    assert_eq!(message(e), "new Analyzer: invalid config: topic `labor`: no terms");
    let c = a.classify("".into()).unwrap();
    assert_eq!(Array::from(&get(&c, "labels")).length(), 0);
}
