//! Shared by the examples: reading labelled JSONL.

use newslens::learn::Example;
use serde::Deserialize;

/// One line of `data/eval/*.jsonl`.
#[derive(Deserialize)]
pub struct Row {
    pub text: String,
    pub labels: Vec<String>,
    pub article: serde_json::Value,
}

/// Reads a JSONL file of labelled sentences.
pub fn read_jsonl(path: &str) -> Result<Vec<Row>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        rows.push(serde_json::from_str(line).map_err(|e| format!("{path} line {}: {e}", i + 1))?);
    }
    Ok(rows)
}

/// The rows as examples.
#[allow(dead_code)]
pub fn examples(rows: &[Row]) -> Vec<Example> {
    rows.iter()
        .map(|r| Example {
            text: r.text.clone(),
            labels: r.labels.clone(),
        })
        .collect()
}

/// Article ids mapped to consecutive fold numbers (one fold per article).
#[allow(dead_code)]
pub fn article_folds(rows: &[Row]) -> Vec<usize> {
    let mut ids: Vec<String> = Vec::new();
    rows.iter()
        .map(|r| {
            let id = r.article.to_string();
            match ids.iter().position(|x| *x == id) {
                Some(i) => i,
                None => {
                    ids.push(id);
                    ids.len() - 1
                }
            }
        })
        .collect()
}

/// `NEWSLENS_FIT="l2_term=0.5,l2_word=2"` overrides options (a tuning aid; the shipped file
/// uses the defaults, which `--check` verifies).
#[allow(dead_code)]
pub fn options_from_env() -> Result<newslens::learn::FitOptions, Box<dyn std::error::Error>> {
    let mut o = newslens::learn::FitOptions::default();
    for kv in std::env::var("NEWSLENS_FIT")
        .unwrap_or_default()
        .split(',')
        .filter(|s| !s.is_empty())
    {
        let (k, v) = kv
            .split_once('=')
            .ok_or(format!("NEWSLENS_FIT: `{kv}` is not key=value"))?;
        let x: f64 = v.parse()?;
        match k {
            "l2_term" => o.l2_term = x,
            "l2_word" => o.l2_word = x,
            "l2_pattern" => o.l2_pattern = x,
            "l2_scale" => o.l2_scale = x,
            "min_count" => o.min_count = x as usize,
            "iterations" => o.iterations = x as usize,
            _ => return Err(format!("NEWSLENS_FIT: unknown option `{k}`").into()),
        }
    }
    Ok(o)
}

/// `text` zstd-compressed as newslens embeds it: level 19, the content size and a checksum in the
/// frame (so a damaged copy is an error, not different data).
#[allow(dead_code)]
pub fn zstd_frame(text: &str) -> std::io::Result<Vec<u8>> {
    let mut encoder = zstd::Encoder::new(Vec::new(), 19)?;
    encoder.include_checksum(true)?;
    encoder.include_contentsize(true)?;
    encoder.set_pledged_src_size(Some(text.len() as u64))?;
    std::io::Write::write_all(&mut encoder, text.as_bytes())?;
    encoder.finish()
}
