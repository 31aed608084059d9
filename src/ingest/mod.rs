//! Ingest: reads an archive and yields raw documents.
//!
//! In: paths to files or folders (`.html`, `.htm`, `.txt`, `.json`, `.jsonl`, `.warc`, each also
//! gzipped). Out: a stream of [`Event`]s: a [`RawDoc`] per page or record, and a report for every
//! file or record that was skipped or could not be read. One bad file never stops the stream.
//! Folders are walked in file-name order; hidden files and folders (`.name`) are ignored.
//!
//! Everything is streamed: a JSON Lines or WARC file is read one record at a time, and no document
//! larger than [`Limits::max_doc_bytes`] is ever held in memory, however well it compresses
//! ([`Reader::read_ahead`] holds at most two such documents per helper thread).

mod files;
mod json;
mod source;
mod walk;
mod warc;

pub use warc::Offset;

use crossbeam_channel::{Receiver, Sender};
use std::collections::VecDeque;
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
    /// Path relative to the input root it was found under (the fallback article id). For a record
    /// of a JSON Lines or WARC file it carries the same `:LINE` or `#N` suffix, so it stays unique.
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
    #[error("cannot read: {0} (check that it exists and you may read it)")]
    Io(#[from] std::io::Error),
    /// A folder could not be walked (a symlink loop, a vanished entry).
    #[error("cannot walk folder: {0} (fix the link or folder, or leave it out of the paths)")]
    Walk(String),
    /// A gzip stream is cut short or corrupt.
    #[error(
        "cannot decompress (truncated or corrupt gzip): {0}; the file is probably cut short: \
         fetch or copy it again"
    )]
    Gzip(std::io::Error),
    /// A document is over [`Limits::max_doc_bytes`] once decompressed.
    #[error(
        "document is larger than the limit of {}{} after decompression; \
         raise it with --max-doc-size if the file is trusted",
        plural_bytes(*limit),
        in_mib(*limit)
    )]
    TooLarge {
        /// The limit that was hit, in bytes.
        limit: u64,
    },
    /// A JSON document or JSON Lines line is not valid JSON or not an article object.
    #[error("malformed JSON at line {line}, column {column}: {message} (fix the record there)")]
    Json {
        /// Line in the file (for JSON Lines: the line of the record).
        line: usize,
        /// Column within that line.
        column: usize,
        /// What serde_json found wrong.
        message: String,
    },
    /// A JSON article record carries no page.
    #[error(
        "JSON record has neither an \"html\" nor a \"text\" field: put the page in one of them"
    )]
    NoBody,
    /// An archive file (WARC, JSON Lines) holds no record at all.
    #[error("empty: no {format} record in the file (an empty or blank file; nothing to index)")]
    Empty {
        /// The archive format.
        format: &'static str,
    },
    /// A gzip member of a `.warc.gz` does not decode (corrupt or cut).
    #[error(
        "damaged gzip member at byte {at}: {error}; skipped, reading goes on at the next member"
    )]
    GzipMember {
        /// Where the member starts in the compressed file.
        at: u64,
        /// What the decoder found.
        error: std::io::Error,
    },
    /// A WARC record is malformed (bad header, wrong length, bad HTTP header).
    #[error("invalid WARC record {at}: {reason}; skipped, reading goes on at the next record")]
    Warc {
        /// Where the record starts.
        at: warc::Offset,
        /// What is wrong with it.
        reason: String,
    },
}

fn plural_bytes(n: u64) -> String {
    if n == 1 {
        "1 byte".to_string()
    } else {
        format!("{n} bytes")
    }
}

/// The limit again in MiB, when it is large enough for that to read better.
fn in_mib(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        format!(" ({} MiB)", bytes / MIB)
    } else {
        String::new()
    }
}

/// One item of the ingest stream.
#[derive(Debug)]
pub enum Event {
    /// A document to clean.
    Doc(RawDoc),
    /// A file that is not an archive format (counted, not an error).
    Skipped {
        /// The file, as found under its root.
        path: PathBuf,
    },
    /// A record inside an archive that holds no page to index (a WARC request, metadata, image...).
    SkippedRecord {
        /// The file and record number (`path#N`).
        source: String,
        /// Why it holds no page, e.g. `WARC-Type: request`.
        reason: String,
    },
    /// A file or record that could not be read.
    Failed {
        /// The file, plus `:LINE` or `#N` for a record.
        source: String,
        /// What is wrong, in words for the user.
        error: IngestError,
    },
}

/// The ingest stream returned by [`read`]; `Send`, so it can run on a reader thread.
pub struct Reader {
    files: walk::Files,
    current: Option<Box<dyn Iterator<Item = Event> + Send>>,
    limits: Limits,
    /// The next steps of the walk, oldest first, some already being read.
    ahead: VecDeque<Ahead>,
    /// Helper threads that read single-document files ahead (see [`Reader::read_ahead`]).
    helpers: Option<Helpers>,
}

/// A step of the walk waiting to be yielded.
enum Ahead {
    /// A single-document file a helper thread is reading.
    Reading(Receiver<Event>),
    /// Opened on the stream's own thread when its turn comes: archives of records, which are
    /// read one record at a time, and what the walk reports.
    Inline(walk::Found),
}

/// The helper threads of a [`Reader`] and how many files they may hold ahead of it.
struct Helpers {
    jobs: Sender<(walk::FoundFile, Sender<Event>)>,
    depth: usize,
}

impl Reader {
    /// Reads single-document files (`.html.gz`, `.json`, ...) on `threads` helper threads, up
    /// to two per thread ahead of the stream, so decompression is spread over the cores; the
    /// events still come in walk order. An archive of records (WARC, JSON Lines) is read on
    /// the stream's own thread, as before.
    pub fn read_ahead(mut self, threads: usize) -> Reader {
        if threads == 0 {
            return self;
        }
        let (jobs, queue) = crossbeam_channel::unbounded::<(walk::FoundFile, Sender<Event>)>();
        let limits = self.limits;
        for _ in 0..threads {
            let queue = queue.clone();
            // Ends when the reader is dropped and with it the job sender.
            std::thread::spawn(move || {
                for (file, done) in queue.iter() {
                    if let files::Opened::One(event) = files::open(file, limits) {
                        let _ = done.send(event);
                    }
                }
            });
        }
        self.helpers = Some(Helpers {
            jobs,
            depth: threads * 2,
        });
        self
    }

    /// Walks on until `depth` steps are waiting, handing single-document files to the helpers.
    fn fill(&mut self) {
        let depth = self.helpers.as_ref().map_or(1, |h| h.depth);
        while self.ahead.len() < depth {
            let Some(found) = self.files.next() else {
                return;
            };
            let step = match (&self.helpers, found) {
                (Some(helpers), walk::Found::File(file)) if files::single_document(&file.path) => {
                    let (done, reading) = crossbeam_channel::bounded(1);
                    match helpers.jobs.send((file, done)) {
                        Ok(()) => Ahead::Reading(reading),
                        Err(returned) => Ahead::Inline(walk::Found::File(returned.into_inner().0)),
                    }
                }
                (_, found) => Ahead::Inline(found),
            };
            self.ahead.push_back(step);
        }
    }
}

impl Iterator for Reader {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(event) = self.current.as_mut().and_then(Iterator::next) {
                return Some(event);
            }
            self.current = None;
            self.fill();
            match self.ahead.pop_front()? {
                Ahead::Reading(reading) => {
                    // A helper only stops sending if it panicked: a bug worth surfacing.
                    return Some(reading.recv().expect("a reader helper thread stopped"));
                }
                Ahead::Inline(walk::Found::File(file)) => match files::open(file, self.limits) {
                    files::Opened::One(event) => return Some(event),
                    files::Opened::Many(records) => self.current = Some(records),
                },
                Ahead::Inline(walk::Found::Special(path)) => return Some(Event::Skipped { path }),
                Ahead::Inline(walk::Found::Failed { source, error }) => {
                    return Some(Event::Failed { source, error })
                }
            }
        }
    }
}

/// Walks `paths` and yields every document found, in a stable (sorted) order.
pub fn read(paths: &[PathBuf], limits: Limits) -> Reader {
    Reader {
        files: walk::Files::new(paths),
        current: None,
        limits,
        ahead: VecDeque::new(),
        helpers: None,
    }
}

/// Reads one archive that is not on disk (a download, a pipe) as if it were the file `name`:
/// the name's extension gives the format, as for [`read`], and the events' sources start with it.
pub fn read_stream(
    name: &str,
    input: impl std::io::Read + Send + 'static,
    limits: Limits,
) -> Box<dyn Iterator<Item = Event> + Send> {
    let path = std::path::Path::new(name);
    let rel = path
        .file_name()
        .map_or_else(|| name.to_string(), |n| n.to_string_lossy().into_owned());
    let raw = source::Raw::Stream(Box::new(input));
    match files::read_input(path, name.to_string(), rel, raw, None, limits) {
        files::Opened::One(event) => Box::new(std::iter::once(event)),
        files::Opened::Many(records) => records,
    }
}

#[cfg(test)]
mod tests;

/// The events of an archive file (WARC, JSON Lines), ending with a failure that says the file
/// is empty when it yielded no record at all: an empty archive is reported, not passed over.
pub(crate) struct ReportEmpty<I> {
    inner: I,
    source: String,
    format: &'static str,
    seen_any: bool,
}

impl<I> ReportEmpty<I> {
    /// Wraps the events `inner` of the file `source`, an archive in `format`.
    pub(crate) fn new(inner: I, source: String, format: &'static str) -> Self {
        ReportEmpty {
            inner,
            source,
            format,
            seen_any: false,
        }
    }
}

impl<I: Iterator<Item = Event>> Iterator for ReportEmpty<I> {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        let event = self.inner.next();
        if event.is_some() || self.seen_any {
            self.seen_any = true;
            return event;
        }
        self.seen_any = true;
        Some(Event::Failed {
            source: std::mem::take(&mut self.source),
            error: IngestError::Empty {
                format: self.format,
            },
        })
    }
}
