//! # newslens
//!
//! Reads a Chinese news article (with English names mixed in: TikTok, Shopee, GMV), splits it
//! into sentences, segments the words with [jieba-rs](https://docs.rs/jieba-rs), and labels
//! every sentence by topic — **regulation**, **competition**, **monetization** — with a score
//! per topic and the words that gave the label away.
//!
//! The core is pure Rust and tests natively; `src/wasm.rs` is a thin `wasm-bindgen` layer for
//! the npm package. Offsets in this crate are **bytes**; the JS layer converts them to UTF-16
//! code units (see [`offsets`]).
//!
//! ```
//! use newslens::{Analyzer, Topic};
//! let analyzer = Analyzer::new().unwrap();
//! let c = analyzer.classify("市场监管总局对阿里巴巴处以182.28亿元罚款。");
//! assert!(c.has(Topic::Regulation));
//! ```

#![warn(missing_docs)]

pub mod analyze;
pub mod classify;
pub mod config;
mod embedded;
pub mod error;
pub mod learn;
pub mod lexicon;
pub mod offsets;
pub mod packed;
pub mod patterns;
pub mod script;
pub mod segment;
pub mod sentence;
pub mod teach;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use analyze::{Analysis, AnalyzeOptions, Analyzer, Sentence, Summary, TermTotal, TopicSummary};
pub use classify::{Classification, Evidence, EvidenceKind, Scores, Topic, DEFAULT_THRESHOLD};
pub use config::{Config, TermConfig, TopicConfig, WordConfig};
pub use error::Error;
pub use segment::{Mode, Token};
pub use sentence::split_sentences;

/// The crate version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
