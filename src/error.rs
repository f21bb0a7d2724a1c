//! The one error type of newslens.

use std::fmt;

/// Everything that can fail in newslens. Messages are lowercase, "what failed: why".
///
/// Analysis itself never fails: empty or odd input gives an empty or partial result.
/// Errors come from building an [`Analyzer`](crate::Analyzer) from a configuration,
/// from dictionary entries and from model files.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// A user dictionary word or dictionary line is invalid.
    Dictionary(String),
    /// A configuration (custom topics, threshold) is invalid; the message names the field at fault.
    Config(String),
    /// A lexicon or weights text file is invalid; the message names the file and line.
    Lexicon {
        /// Which lexicon (a topic name or a file name).
        source: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        message: String,
    },
    /// An exported model could not be read.
    Model(String),
    /// An argument is invalid (an unknown mode, a bad number of folds).
    Argument(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Dictionary(m) => write!(f, "invalid dictionary entry: {m}"),
            Error::Config(m) => write!(f, "invalid config: {m}"),
            Error::Lexicon { source, line, message } => write!(f, "invalid lexicon `{source}` line {line}: {message}"),
            Error::Model(m) => write!(f, "invalid model: {m}"),
            Error::Argument(m) => write!(f, "invalid argument: {m}"),
        }
    }
}

impl std::error::Error for Error {}

/// Shorthand used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
