//! Writes `data/jieba-dict.zst`, the copy of jieba-rs's dictionary that newslens embeds, from
//! jieba-rs's own `src/data/dict.txt` (`scripts/jieba-dict.sh` finds it and runs this):
//!
//! ```sh
//! cargo run --release --example jieba_dict -- path/to/jieba-rs/src/data/dict.txt
//! cargo run --release --example jieba_dict -- path/to/dict.txt --check   # fails if stale
//! ```
//!
//! The text (read by `src/segment.rs`): one line per first character, lines in the order of
//! that character (jieba's file is sorted so). A line holds the words starting with it, in
//! jieba's order, separated by tabs, each as `<k><rest of the word> <frequency>`: `k` is one
//! byte, `'0'` plus the number of leading characters shared with the word before it on the line.
//! POS tags are left out (newslens never asks jieba for them). Compared with `dict.txt`: 3.0
//! instead of 5.1 MB of text.
//!
//! The file: the text cut at line ends into chunks of at least [`CHUNK`] bytes, each its own
//! zstd frame, so that a text inflates only the chunks of its own characters (a headline ~20% of
//! the dictionary; inflating it all was most of a cold start in WebAssembly). It starts with a
//! header: `NLJD`, the number of chunks, then per chunk the first character of its first line
//! and the length of its frame (all `u32`, little-endian); the frames follow, in order.
//! 1.45 MB in all (one frame was 1.21 MB).

#[allow(dead_code)] // (only the zstd writer is used here)
mod common;

const OUT: &str = "data/jieba-dict.zst";

/// Least bytes of text in a chunk (the last may have fewer).
const CHUNK: usize = 32 * 1024;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .ok_or("usage: jieba_dict <jieba-rs src/data/dict.txt> [--check]")?;
    let dict = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = String::with_capacity(dict.len());
    let mut prev = String::new();
    let mut words = 0;
    for (i, line) in dict.lines().enumerate() {
        let mut parts = line.split_whitespace();
        let (Some(word), Some(freq)) = (parts.next(), parts.next()) else {
            return Err(format!("{path} line {}: `{line}` is not `word freq [tag]`", i + 1).into());
        };
        let freq: usize = freq.parse().map_err(|e| format!("{path} line {}: {e}", i + 1))?;
        let first = word.chars().next().ok_or("empty word")?;
        let shared = match prev.chars().next() {
            Some(p) if p == first => {
                out.push('\t');
                prev.chars().zip(word.chars()).take_while(|(a, b)| a == b).count()
            }
            Some(p) if p > first => return Err(format!("{path} line {}: not sorted by first character", i + 1).into()),
            Some(_) => {
                out.push('\n');
                0
            }
            None => 0,
        };
        if shared > 64 {
            return Err(format!("{path} line {}: word too long", i + 1).into());
        }
        out.push(char::from(b'0' + shared as u8));
        out.extend(word.chars().skip(shared));
        out.push(' ');
        out.push_str(&freq.to_string());
        prev = word.to_owned();
        words += 1;
    }
    out.push('\n');
    let mut chunks: Vec<&str> = Vec::new();
    let mut start = 0;
    while start < out.len() {
        // to the end of the line that the chunk's CHUNK-th byte is on (`out` ends with one)
        let at = (start + CHUNK).min(out.len()) - 1;
        let end = at
            + out.as_bytes()[at..]
                .iter()
                .position(|&b| b == b'\n')
                .ok_or("no line end")?
            + 1;
        chunks.push(&out[start..end]);
        start = end;
    }
    let mut compressed = b"NLJD".to_vec();
    compressed.extend(u32::try_from(chunks.len())?.to_le_bytes());
    let frames = chunks
        .iter()
        .map(|c| common::zstd_frame(c))
        .collect::<Result<Vec<_>, _>>()?;
    for (chunk, frame) in chunks.iter().zip(&frames) {
        // (the byte after `k`: every line starts with `0`)
        let first = chunk[1..].chars().next().ok_or("empty chunk")?;
        compressed.extend(u32::from(first).to_le_bytes());
        compressed.extend(u32::try_from(frame.len())?.to_le_bytes());
    }
    compressed.extend(frames.concat());
    if check {
        if std::fs::read(OUT)? != compressed {
            return Err(format!("{OUT} is stale: run scripts/jieba-dict.sh").into());
        }
        eprintln!("{OUT} is up to date");
    } else {
        std::fs::write(OUT, &compressed)?;
        eprintln!(
            "{words} words of {path} -> {OUT} ({} bytes of text, {} compressed in {} chunks)",
            out.len(),
            compressed.len(),
            chunks.len()
        );
    }
    Ok(())
}
