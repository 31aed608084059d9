//! Opens one file by its extension: single-document formats are read here, record formats
//! (JSON Lines, WARC) are handed to their own readers.

use super::walk::FoundFile;
use super::{json, warc, Event, Hints, IngestError, Kind, Limits, RawDoc, ReportEmpty};
use flate2::bufread::MultiGzDecoder;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek};
use std::path::Path;

/// Read buffer per open file: large enough that syscalls do not show up in profiles.
pub(super) const BUF_BYTES: usize = 256 * 1024;

/// A byte stream that can be sent to a reader thread.
pub(super) type Input = Box<dyn BufRead + Send>;

/// The bytes of a file as stored (maybe gzipped): a file on disk, which can be read again from
/// an earlier offset, or a stream, which cannot.
pub(super) enum Raw {
    File(File),
    Stream(Box<dyn Read + Send>),
}

impl Read for Raw {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Raw::File(file) => file.read(buf),
            Raw::Stream(stream) => stream.read(buf),
        }
    }
}

impl Raw {
    /// Moves to `pos`; false for a stream, which cannot.
    pub(super) fn seek_to(&mut self, pos: u64) -> io::Result<bool> {
        match self {
            Raw::File(file) => file.seek(io::SeekFrom::Start(pos)).map(|_| true),
            Raw::Stream(_) => Ok(false),
        }
    }
}

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

/// The file's bytes, decompressed on the fly when `gz`.
fn input(raw: Raw, gz: bool) -> Input {
    let raw = BufReader::with_capacity(BUF_BYTES, raw);
    if gz {
        Box::new(BufReader::with_capacity(
            BUF_BYTES,
            MultiGzDecoder::new(raw),
        ))
    } else {
        Box::new(raw)
    }
}

/// Appends at most `limit` bytes of `input` to `buf`; false when there was more.
///
/// Reads one byte past the limit to tell "exactly at the limit" from "over it", and never more,
/// so a gzip bomb costs at most `limit + 1` bytes of memory.
pub(super) fn read_bounded(
    input: &mut impl Read,
    limit: u64,
    buf: &mut Vec<u8>,
) -> io::Result<bool> {
    let read = input.take(limit.saturating_add(1)).read_to_end(buf)?;
    Ok(read as u64 <= limit)
}

/// A read error names gzip when the file is compressed: that is nearly always the cause.
pub(super) fn read_error(err: io::Error, gz: bool) -> IngestError {
    if gz {
        IngestError::Gzip(err)
    } else {
        IngestError::Io(err)
    }
}
