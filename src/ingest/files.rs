//! Opens one file by its extension: single-document formats are read here, record formats
//! (JSON Lines, WARC) are handed to their own readers.

use super::source::{input, read_bounded, read_error, Raw};
use super::walk::FoundFile;
use super::{json, warc, Event, Hints, IngestError, Kind, Limits, RawDoc, ReportEmpty};
use std::fs::File;
use std::path::Path;

/// What a file turned into.
pub(super) enum Opened {
    /// A single event (a document, a skip or a failure).
    One(Event),
    /// A reader yielding one event per record.
    Many(Box<dyn Iterator<Item = Event> + Send>),
}

/// The container format, known from the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Html,
    Text,
    Json,
    JsonLines,
    Warc,
}

/// Format and whether the file is gzipped, from the (case-insensitive) extension.
fn format_of(path: &Path) -> Option<(Format, bool)> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let (name, gz) = match name.strip_suffix(".gz") {
        Some(inner) => (inner, true),
        None => (name.as_str(), false),
    };
    let format = match name.rsplit_once('.')?.1 {
        "html" | "htm" => Format::Html,
        "txt" => Format::Text,
        "json" => Format::Json,
        "jsonl" => Format::JsonLines,
        "warc" => Format::Warc,
        _ => return None,
    };
    Some((format, gz))
}

/// Whether `path` names a file that holds one document (or is skipped), not an archive of
/// records: what [`open`] reads whole and returns as one event.
pub(super) fn single_document(path: &Path) -> bool {
    !matches!(format_of(path), Some((Format::Warc | Format::JsonLines, _)))
}

/// Opens `file` and reads it, or sets up a record reader for it.
pub(super) fn open(file: FoundFile, limits: Limits) -> Opened {
    let source = file.path.to_string_lossy().into_owned();
    if format_of(&file.path).is_none() {
        return Opened::One(Event::Skipped { path: file.path });
    }
    let handle = match File::open(&file.path) {
        Ok(handle) => handle,
        Err(err) => {
            return Opened::One(Event::Failed {
                source,
                error: IngestError::Io(err),
            })
        }
    };
    let size = handle.metadata().map(|m| m.len()).ok();
    read_input(
        &file.path,
        source,
        file.rel,
        Raw::File(handle),
        size,
        limits,
    )
}

/// Reads the bytes of a file at `path` from `raw`; `size` is the file's size when known.
pub(super) fn read_input(
    path: &Path,
    source: String,
    rel: String,
    raw: Raw,
    size: Option<u64>,
    limits: Limits,
) -> Opened {
    let Some((format, gz)) = format_of(path) else {
        return Opened::One(Event::Skipped {
            path: path.to_path_buf(),
        });
    };
    let fail = |error| {
        Opened::One(Event::Failed {
            source: source.clone(),
            error,
        })
    };
    if format == Format::Warc {
        let records = warc::Records::new(raw, gz, source.clone(), rel, limits);
        return Opened::Many(Box::new(ReportEmpty::new(records, source, "WARC")));
    }
    let mut input = input(raw, gz);
    if format == Format::JsonLines {
        let lines = json::Lines::new(input, gz, source.clone(), rel, limits);
        return Opened::Many(Box::new(ReportEmpty::new(lines, source, "JSON Lines")));
    }
    // Checked before reading so an oversized plain file costs nothing.
    let size = size.filter(|_| !gz);
    if size.is_some_and(|size| size > limits.max_doc_bytes) {
        return fail(IngestError::TooLarge {
            limit: limits.max_doc_bytes,
        });
    }
    let mut bytes = Vec::with_capacity(size.unwrap_or(0) as usize);
    match read_bounded(&mut input, limits.max_doc_bytes, &mut bytes) {
        Ok(true) => {}
        Ok(false) => {
            return fail(IngestError::TooLarge {
                limit: limits.max_doc_bytes,
            })
        }
        Err(err) => return fail(read_error(err, gz)),
    }
    let event = match format {
        Format::Json => json::document(&bytes, source, rel),
        _ => Event::Doc(RawDoc {
            source,
            rel_path: rel,
            kind: if format == Format::Html {
                Kind::Html
            } else {
                Kind::Text
            },
            bytes,
            hints: Hints::default(),
        }),
    };
    Opened::One(event)
}
