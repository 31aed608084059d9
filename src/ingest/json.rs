//! JSON article records: one object per `.json` file, or one per line of a `.jsonl` file.
//!
//! A record gives `url`, `title`, `date`, `author` (a string or a list) or `authors` (a list), and
//! the page as `html` (preferred when both are there) or `text`. Other fields are ignored.

use super::source::{read_error, Input};
use super::{Event, Hints, IngestError, Kind, Limits, RawDoc};
use serde::Deserialize;
use std::io::{BufRead, Read};

/// The fields of an article record that ingest uses.
#[derive(Deserialize)]
struct Record {
    url: Option<String>,
    title: Option<String>,
    date: Option<String>,
    author: Option<Authors>,
    authors: Option<Authors>,
    html: Option<String>,
    text: Option<String>,
}

/// Scrapers write one author as a plain string and several as a list.
#[derive(Deserialize)]
#[serde(untagged)]
enum Authors {
    One(String),
    Many(Vec<String>),
}

impl Authors {
    fn into_vec(self) -> Vec<String> {
        match self {
            Authors::One(name) => vec![name],
            Authors::Many(names) => names,
        }
    }
}

/// The event for the whole of a `.json` file.
pub(super) fn document(bytes: &[u8], source: String, rel_path: String) -> Event {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match parse(bytes, None) {
        Ok((kind, bytes, hints)) => Event::Doc(RawDoc {
            source,
            rel_path,
            kind,
            bytes,
            hints,
        }),
        Err(error) => Event::Failed { source, error },
    }
}

/// Parses one record; `line` is the file line of a JSON Lines record, for messages.
fn parse(bytes: &[u8], line: Option<usize>) -> Result<(Kind, Vec<u8>, Hints), IngestError> {
    let record: Record = serde_json::from_slice(bytes).map_err(|err| json_error(&err, line))?;
    let (kind, page) = match (record.html, record.text) {
        (Some(html), _) => (Kind::Html, html),
        (None, Some(text)) => (Kind::Text, text),
        (None, None) => return Err(IngestError::NoBody),
    };
    let authors = record
        .authors
        .or(record.author)
        .map(Authors::into_vec)
        .unwrap_or_default()
        .into_iter()
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .collect();
    let hints = Hints {
        url: record.url,
        title: record.title,
        date: record.date,
        authors,
    };
    Ok((kind, page.into_bytes(), hints))
}

/// serde_json puts "at line L column C" in its message; for a JSON Lines record that line is
/// always 1, so the position is rebuilt from the file's own line.
fn json_error(err: &serde_json::Error, line: Option<usize>) -> IngestError {
    let full = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    let message = full.strip_suffix(&position).unwrap_or(&full).to_string();
    IngestError::Json {
        line: line.unwrap_or(err.line()),
        column: err.column(),
        message,
    }
}

/// Reads a JSON Lines file one line at a time; blank lines are skipped.
pub(super) struct Lines {
    input: Input,
    gz: bool,
    source: String,
    rel: String,
    limits: Limits,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl Lines {
    pub(super) fn new(input: Input, gz: bool, source: String, rel: String, limits: Limits) -> Self {
        Lines {
            input,
            gz,
            source,
            rel,
            limits,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn failed(&self, error: IngestError) -> Event {
        Event::Failed {
            source: format!("{}:{}", self.source, self.line),
            error,
        }
    }

    /// Reads the next line into `buf`, refusing one longer than the document limit without
    /// holding it; `Ok(None)` at the end of the file.
    fn next_line(&mut self) -> Result<Option<()>, IngestError> {
        self.buf.clear();
        self.line += 1;
        let limit = self.limits.max_doc_bytes;
        let read = (&mut self.input)
            .take(limit.saturating_add(1))
            .read_until(b'\n', &mut self.buf)
            .map_err(|err| read_error(err, self.gz))?;
        if read == 0 {
            return Ok(None);
        }
        if self.buf.last() != Some(&b'\n') && self.buf.len() as u64 > limit {
            self.input
                .skip_until(b'\n')
                .map_err(|err| read_error(err, self.gz))?;
            return Err(IngestError::TooLarge { limit });
        }
        Ok(Some(()))
    }
}

impl Iterator for Lines {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        while !self.done {
            match self.next_line() {
                Ok(Some(())) => {}
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(error @ IngestError::TooLarge { .. }) => return Some(self.failed(error)),
                Err(error) => {
                    // The stream cannot be trusted past a read error.
                    self.done = true;
                    return Some(self.failed(error));
                }
            }
            let mut record = self.buf.trim_ascii();
            if self.line == 1 {
                record = record.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(record);
            }
            if record.is_empty() {
                continue;
            }
            let source = format!("{}:{}", self.source, self.line);
            return Some(match parse(record, Some(self.line)) {
                Ok((kind, bytes, hints)) => Event::Doc(RawDoc {
                    source,
                    rel_path: format!("{}:{}", self.rel, self.line),
                    kind,
                    bytes,
                    hints,
                }),
                Err(error) => Event::Failed { source, error },
            });
        }
        None
    }
}
