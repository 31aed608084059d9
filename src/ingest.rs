//! Ingest: reads an archive and yields raw documents.
//!
//! In: paths to files or folders (`.html`, `.htm`, `.txt`, `.json`, `.jsonl`, `.warc`, each also
//! gzipped). Out: a stream of [`Event`]s: a [`RawDoc`] per page or record, and a report for every
//! file that was skipped or could not be read. One bad file never stops the stream.

use std::path::PathBuf;

/// What the bytes of a raw document are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An HTML page.
    Html,
    /// Plain text (wire copy, scraped text).
    Text,
}

/// Metadata that came with a document from outside the page itself (a JSON record, a WARC header).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hints {
    /// URL given by the container (JSON `url`, WARC target URI).
    pub url: Option<String>,
    /// Title given by the container.
    pub title: Option<String>,
    /// Date given by the container, as written there.
    pub date: Option<String>,
    /// Authors given by the container.
    pub authors: Vec<String>,
}

/// One document read from an archive, not yet cleaned.
#[derive(Debug, Clone)]
pub struct RawDoc {
    /// Where it came from, for messages: a path, plus `:LINE` for JSON Lines or `#N` for WARC records.
    pub source: String,
    /// Path relative to the input root it was found under (the fallback article id).
    pub rel_path: String,
    /// How to read `bytes`.
    pub kind: Kind,
    /// The page or text, undecoded (charset handling belongs to `clean`).
    pub bytes: Vec<u8>,
    /// Metadata from the container.
    pub hints: Hints,
}

/// Limits that a hostile archive cannot get past.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest document accepted, in bytes after decompression.
    pub max_doc_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_doc_bytes: 64 * 1024 * 1024,
        }
    }
}

/// Why a file or record could not be read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be opened or read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
}

/// One item of the ingest stream.
#[derive(Debug)]
pub enum Event {
    /// A document to clean.
    Doc(RawDoc),
    /// A file that is not an archive format (counted, not an error).
    Skipped { path: PathBuf },
    /// A file or record that could not be read.
    Failed { source: String, error: IngestError },
}

/// Walks `paths` and yields every document found, in a stable (sorted) order.
pub fn read(_paths: &[PathBuf], _limits: Limits) -> impl Iterator<Item = Event> {
    std::iter::empty()
}
