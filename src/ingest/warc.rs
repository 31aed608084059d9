//! WARC files (`.warc`, `.warc.gz`), read one record at a time.
//!
//! In: a WARC file. Out: one event per record. A `response` record holding an HTML page becomes a
//! [`Kind::Html`] document without its HTTP header (chunked transfer and gzip/deflate content
//! encoding undone), with the target URI and WARC date as hints; any other record is reported as
//! skipped with the reason.
//!
//! After a record whose framing is wrong (a Content-Length that lies), reading picks up again at
//! the next `WARC/` version line: in a plain file, searched from the start of the broken record,
//! so a record that claims more than it holds does not take the records after it along.
//! Crawlers write a `.warc.gz` as one gzip member per record, and it is decoded member by
//! member, so there the liar costs only its own member (in a `.warc.gz` of one member, what a
//! liar read past its end is lost). A damaged gzip member (bad deflate data, a cut) costs only its
//! own record too: reading picks up again at the next gzip member that decodes, searched from the
//! damaged member's second byte, since its length is unknown. The `warc` crate (0.4) was not used: its record
//! iterators buffer a whole body with no size bound, its streaming iterator borrows the reader (so
//! cannot live in a `Send` iterator), it joins gzip members (so cannot resynchronise), and it pulls
//! in a second gzip library.

use super::source::{read_bounded, read_error, Raw, BUF_BYTES};
use super::{Event, Hints, IngestError, Kind, Limits, RawDoc};
use flate2::bufread::{GzDecoder, MultiGzDecoder};
use std::io::{self, BufRead, BufReader, Read, Take};

/// Largest WARC or HTTP header block accepted; real ones are under 2 KiB.
const MAX_HEAD: u64 = 64 * 1024;
/// Most header fields parsed in one header block.
const MAX_FIELDS: usize = 128;

/// How many times its size a plain file may be read again looking for records after liars.
const REREAD_FACTOR: u64 = 4;

/// Read buffer for one member's decompressed bytes: a record is tens of KiB, and a buffer is
/// made per member.
const MEMBER_BUF_BYTES: usize = 64 * 1024;

/// The bytes that start every gzip member: the magic number and deflate, the only method.
const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];
/// Bytes of a member's header checked before decoding is tried there.
const GZIP_HEAD: usize = 4;

/// Whether `bytes` start like a gzip member: magic, method, and a flag byte whose reserved bits
/// are clear. Random bytes pass one time in about 130 million.
fn is_member_head(bytes: &[u8]) -> bool {
    bytes.starts_with(&GZIP_MAGIC) && bytes.get(3).is_some_and(|flags| flags & 0xe0 == 0)
}

/// A reader that counts the bytes it hands out, so a broken record can be located.
struct Counted<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

impl<R> Counted<R> {
    fn new(inner: R) -> Self {
        Counted { inner, count: 0 }
    }
}

impl Counted<Raw> {
    /// Moves a plain file to `pos`; false for a stream.
    fn seek_to(&mut self, pos: u64) -> io::Result<bool> {
        let moved = self.inner.seek_to(pos)?;
        if moved {
            self.count = pos;
        }
        Ok(moved)
    }
}

/// The file as stored.
type File = BufReader<Counted<Raw>>;

/// One gzip member, decompressed.
type Member = BufReader<Counted<GzDecoder<File>>>;

/// Bytes consumed from a buffered, counted reader: counted minus what waits in the buffer.
fn position<R>(reader: &BufReader<Counted<R>>) -> u64 {
    reader.get_ref().count - reader.buffer().len() as u64
}

/// Where a record starts, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offset {
    /// Byte offset in a plain WARC file.
    Plain(u64),
    /// In a `.warc.gz`: the gzip member's offset in the file, and the record's offset in the
    /// member's decompressed bytes (0 for the usual one record per member).
    Gz {
        /// Offset of the gzip member in the compressed file.
        member: u64,
        /// Offset of the record in the member's decompressed bytes.
        within: u64,
    },
}

impl Offset {
    /// The offset `n` bytes earlier (the start of a line just read).
    fn back(self, n: usize) -> Offset {
        let n = n as u64;
        match self {
            Offset::Plain(at) => Offset::Plain(at.saturating_sub(n)),
            Offset::Gz { member, within } => Offset::Gz {
                member,
                within: within.saturating_sub(n),
            },
        }
    }
}

impl std::fmt::Display for Offset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Offset::Plain(at) => write!(f, "at byte {at}"),
            Offset::Gz { member, within: 0 } => write!(f, "in the gzip member at byte {member}"),
            Offset::Gz { member, within } => {
                write!(f, "at byte {within} of the gzip member at byte {member}")
            }
        }
    }
}

/// Where records are read from: the whole file, or the current gzip member.
enum Input {
    Plain(File),
    Gz {
        /// The file, between members.
        file: Option<File>,
        /// The member being read.
        member: Option<Box<Member>>,
        /// Where the member being read starts in the file.
        member_start: u64,
    },
}

impl Input {
    /// How far reading has got: the offset of the next byte a record read would see.
    fn offset(&self) -> Offset {
        match self {
            Input::Plain(file) => Offset::Plain(position(file)),
            Input::Gz {
                file,
                member,
                member_start,
            } => match (member, file) {
                (Some(member), _) => Offset::Gz {
                    member: *member_start,
                    within: position(member),
                },
                (None, Some(file)) => Offset::Gz {
                    member: position(file),
                    within: 0,
                },
                (None, None) => Offset::Gz {
                    member: *member_start,
                    within: 0,
                },
            },
        }
    }

    /// The stream the next record is read from; `None` at the end of the file.
    fn segment(&mut self) -> io::Result<Option<&mut dyn BufRead>> {
        match self {
            Input::Plain(file) => Ok(Some(file)),
            Input::Gz {
                file,
                member,
                member_start,
            } => {
                if member.is_none() {
                    let Some(mut raw) = file.take() else {
                        return Ok(None);
                    };
                    if raw.fill_buf()?.is_empty() {
                        return Ok(None);
                    }
                    *member_start = position(&raw);
                    let decoder = Counted::new(GzDecoder::new(raw));
                    *member = Some(Box::new(BufReader::with_capacity(
                        MEMBER_BUF_BYTES,
                        decoder,
                    )));
                }
                Ok(member.as_deref_mut().map(|m| m as &mut dyn BufRead))
            }
        }
    }

    /// Closes the current gzip member, fully read; false when nothing can follow.
    fn end_segment(&mut self) -> bool {
        match self {
            Input::Plain(_) => false,
            Input::Gz { file, member, .. } => {
                // The member is at its end, so its read buffer holds nothing that is lost here.
                if let Some(done) = member.take() {
                    *file = Some((*done).into_inner().inner.into_inner());
                }
                true
            }
        }
    }

    /// Moves a plain file back to `pos`, dropping what was buffered; false when it cannot.
    fn rewind(&mut self, pos: u64) -> io::Result<bool> {
        match self {
            Input::Plain(file) => {
                if !file.get_mut().seek_to(pos)? {
                    return Ok(false);
                }
                // The buffer held bytes from the old position.
                let stale = file.buffer().len();
                file.consume(stale);
                Ok(true)
            }
            Input::Gz { .. } => Ok(false),
        }
    }

    /// After a gzip member that would not decode, moves to the next byte that may start a member
    /// (gzip's magic number and method); false when none is left or the file is not gzipped.
    fn skip_member(&mut self) -> io::Result<bool> {
        let Input::Gz {
            file,
            member,
            member_start,
        } = self
        else {
            return Ok(false);
        };
        let Some(mut raw) = member
            .take()
            .map(|m| m.into_inner().inner.into_inner())
            .or_else(|| file.take())
        else {
            return Ok(false);
        };
        // The decoder may have read into the next member before it failed, so the search starts
        // just after the damaged member's start when the file can go back there.
        if raw.get_mut().seek_to(*member_start + 1)? {
            let stale = raw.buffer().len();
            raw.consume(stale);
        }
        loop {
            let buf = raw.fill_buf()?;
            let Some(at) = memchr::memchr(GZIP_MAGIC[0], buf) else {
                if buf.is_empty() {
                    return Ok(false);
                }
                let n = buf.len();
                raw.consume(n);
                continue;
            };
            let candidate = &buf[at..];
            if candidate.len() < GZIP_HEAD {
                // Too near the buffer's end to check: read from the candidate again, or, in a
                // stream, which cannot go back, try it as it is.
                let pos = position(&raw) + at as u64;
                if !raw.get_mut().seek_to(pos)? {
                    raw.consume(at);
                    break;
                }
                let stale = raw.buffer().len();
                raw.consume(stale);
                if raw.fill_buf()?.len() < GZIP_HEAD {
                    return Ok(false);
                }
                continue;
            }
            if is_member_head(candidate) {
                raw.consume(at);
                break;
            }
            raw.consume(at + 1);
        }
        *file = Some(raw);
        Ok(true)
    }

    /// After a record with broken framing, moves to the next `WARC/` version line (left in
    /// `carry`), in this gzip member or a later one. False when none is left.
    fn resync(&mut self, carry: &mut Vec<u8>) -> io::Result<bool> {
        loop {
            let Some(segment) = self.segment()? else {
                return Ok(false);
            };
            if find_version_line(segment, carry)? {
                return Ok(true);
            }
            if !self.end_segment() {
                return Ok(false);
            }
        }
    }
}

/// Reads lines until one starts a WARC record, and leaves it in `line`; false at the end.
fn find_version_line(input: &mut dyn BufRead, line: &mut Vec<u8>) -> io::Result<bool> {
    loop {
        line.clear();
        if input.take(MAX_HEAD).read_until(b'\n', line)? == 0 {
            return Ok(false);
        }
        if line.last() != Some(&b'\n') {
            input.skip_until(b'\n')?;
        } else if line.starts_with(b"WARC/") {
            return Ok(true);
        }
    }
}

/// Reads the records of one WARC file.
pub(super) struct Records {
    input: Input,
    gz: bool,
    source: String,
    rel: String,
    limits: Limits,
    /// Records started so far; the current one is `#count`.
    count: u64,
    /// A version line found by [`Input::resync`]: the first line of the next record.
    carry: Vec<u8>,
    /// A read error met while resynchronising, reported after the record that caused it.
    pending: Option<Event>,
    done: bool,
    /// How far into a plain file reading has been.
    furthest: u64,
    /// Bytes read again after going back to a broken record: at most [`REREAD_FACTOR`] times
    /// `furthest`, so that a file of fake records cannot make reading quadratic.
    reread: u64,
}

impl Records {
    pub(super) fn new(raw: Raw, gz: bool, source: String, rel: String, limits: Limits) -> Self {
        let raw = BufReader::with_capacity(BUF_BYTES, Counted::new(raw));
        let input = if gz {
            Input::Gz {
                file: Some(raw),
                member: None,
                member_start: 0,
            }
        } else {
            Input::Plain(raw)
        };
        Records {
            input,
            gz,
            source,
            rel,
            limits,
            count: 0,
            carry: Vec::new(),
            pending: None,
            done: false,
            furthest: 0,
            reread: 0,
        }
    }

    /// Goes back to just after the start of the broken record at `at`, so that the search for
    /// the next record covers its content: a record that claims more than it holds has read
    /// into the records after it. Only in a plain file, and within the re-read budget.
    fn rewind_into(&mut self, at: Offset) -> io::Result<()> {
        let (Offset::Plain(start), Offset::Plain(here)) = (at, self.input.offset()) else {
            return Ok(());
        };
        self.furthest = self.furthest.max(here);
        let back = here.saturating_sub(start + 1);
        if self.reread + back <= self.furthest * REREAD_FACTOR && self.input.rewind(start + 1)? {
            self.reread += back;
        }
        Ok(())
    }

    /// Leaves a gzip member that would not decode for the next candidate member.
    fn skip_damaged_member(&mut self) {
        let found = self.input.skip_member();
        self.went_on(found);
    }

    /// After a broken record or member, whether reading found where to go on: the file ends
    /// when it did not, and a read error on the way is reported next.
    fn went_on(&mut self, found: io::Result<bool>) {
        match found {
            Ok(found) => self.done = !found,
            Err(err) => {
                self.done = true;
                self.pending = Some(Event::Failed {
                    source: self.source.clone(),
                    error: read_error(err, self.gz),
                });
            }
        }
    }

    fn record_source(&self) -> String {
        format!("{}#{}", self.source, self.count)
    }

    fn event(&self, outcome: Outcome) -> Event {
        let source = self.record_source();
        match outcome {
            Outcome::Doc { bytes, hints } => Event::Doc(RawDoc {
                source,
                rel_path: format!("{}#{}", self.rel, self.count),
                kind: Kind::Html,
                bytes,
                hints,
            }),
            Outcome::Skipped(reason) => Event::SkippedRecord { source, reason },
            Outcome::Refused(error) => Event::Failed { source, error },
        }
    }
}

impl Iterator for Records {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        if let Some(event) = self.pending.take() {
            return Some(event);
        }
        while !self.done {
            let mut head = std::mem::take(&mut self.carry);
            let started = match self.input.segment() {
                Ok(Some(segment)) if head.is_empty() => first_line(segment, &mut head),
                Ok(Some(_)) => Ok(true),
                Ok(None) => break,
                Err(err) => {
                    self.done = true;
                    let error = read_error(err, self.gz);
                    return Some(Event::Failed {
                        source: self.source.clone(),
                        error,
                    });
                }
            };
            let result = match started {
                Ok(false) => {
                    self.done = !self.input.end_segment();
                    continue;
                }
                Ok(true) => {
                    let at = self.input.offset().back(head.len());
                    match self.input.segment() {
                        Ok(Some(segment)) => read_record(segment, head, at, self.limits),
                        Ok(None) => break,
                        Err(err) => Err(Failure::Read(err)),
                    }
                    .map_err(|failure| (failure, at))
                }
                Err(err) => Err((Failure::Read(err), self.input.offset())),
            };
            match result {
                Ok(outcome) => {
                    self.count += 1;
                    return Some(self.event(outcome));
                }
                Err((Failure::Read(err), at)) if self.gz => {
                    self.count += 1;
                    let (Offset::Gz { member: at, .. } | Offset::Plain(at)) = at;
                    let event = Event::Failed {
                        source: self.record_source(),
                        error: IngestError::GzipMember { at, error: err },
                    };
                    self.skip_damaged_member();
                    return Some(event);
                }
                Err((Failure::Read(err), _)) => {
                    // Past an I/O error in a plain file there is no telling where the next
                    // record is.
                    self.count += 1;
                    self.done = true;
                    let error = read_error(err, self.gz);
                    return Some(Event::Failed {
                        source: self.record_source(),
                        error,
                    });
                }
                Err((Failure::Framing(reason), at)) => {
                    self.count += 1;
                    let event = Event::Failed {
                        source: self.record_source(),
                        error: IngestError::Warc { at, reason },
                    };
                    let mut carry = Vec::new();
                    let rewound = self.rewind_into(at);
                    let found = rewound.and_then(|_| self.input.resync(&mut carry));
                    self.went_on(found);
                    self.carry = carry;
                    return Some(event);
                }
            }
        }
        self.done = true;
        None
    }
}

/// What a well-framed record turned into.
enum Outcome {
    Doc {
        bytes: Vec<u8>,
        hints: Hints,
    },
    Skipped(String),
    /// The record is intact but its page cannot be used (too large, bad HTTP header).
    Refused(IngestError),
}

/// Why a record could not be read.
enum Failure {
    /// The bytes themselves could not be read (I/O, gzip): the file ends here.
    Read(io::Error),
    /// The record's framing is wrong, so the next record must be searched for.
    Framing(String),
}

impl From<io::Error> for Failure {
    fn from(err: io::Error) -> Self {
        Failure::Read(err)
    }
}

/// The WARC header fields ingest uses.
struct Fields {
    kind: String,
    length: u64,
    uri: Option<String>,
    date: Option<String>,
    content_type: Option<String>,
}

/// Reads the rest of the record whose first line is `head` and which starts at `at`.
fn read_record(
    input: &mut dyn BufRead,
    mut head: Vec<u8>,
    at: Offset,
    limits: Limits,
) -> Result<Outcome, Failure> {
    if !head.starts_with(b"WARC/") {
        return Err(Failure::Framing(format!(
            "expected a WARC/1.x version line, found {:?}",
            preview(&head)
        )));
    }
    read_head(input, &mut head, "WARC")?.map_err(Failure::Framing)?;
    let fields = parse_fields(&head).map_err(Failure::Framing)?;
    let mut body = input.take(fields.length);
    let outcome = if !fields.kind.eq_ignore_ascii_case("response") {
        Outcome::Skipped(format!("WARC-Type: {}", fields.kind))
    } else if !is_http(fields.content_type.as_deref()) {
        let content_type = fields.content_type.as_deref().unwrap_or_default();
        Outcome::Skipped(format!("response record holds {content_type}, not HTTP"))
    } else {
        http_response(&mut body, &fields, at, limits)?
    };
    io::copy(&mut body, &mut io::sink())?;
    if body.limit() > 0 {
        return Err(Failure::Framing(format!(
            "record is shorter than its Content-Length: it declares {} bytes but the data ends \
             after {}",
            fields.length,
            fields.length - body.limit()
        )));
    }
    let mut end = Vec::with_capacity(4);
    body.into_inner().take(4).read_to_end(&mut end)?;
    if end != b"\r\n\r\n" {
        return Err(Failure::Framing(format!(
            "record does not end where its Content-Length of {} bytes says: expected a blank \
             line after the content, found {:?}",
            fields.length,
            preview(&end)
        )));
    }
    Ok(outcome)
}

/// Reads the first non-blank line into `head`; false at the end of the segment.
fn first_line(input: &mut dyn BufRead, head: &mut Vec<u8>) -> io::Result<bool> {
    loop {
        head.clear();
        if input.take(MAX_HEAD).read_until(b'\n', head)? == 0 {
            return Ok(false);
        }
        if !head.trim_ascii().is_empty() {
            return Ok(true);
        }
    }
}

/// Appends header lines to `head` up to and including the blank line that ends them; `what`
/// names the header (WARC, HTTP) in messages. The inner result is a problem with the data, the
/// outer one a read error.
fn read_head(
    input: &mut (impl BufRead + ?Sized),
    head: &mut Vec<u8>,
    what: &str,
) -> io::Result<Result<(), String>> {
    loop {
        let start = head.len();
        let room = MAX_HEAD.saturating_sub(start as u64);
        if room == 0 {
            return Ok(Err(format!("{what} header is over {MAX_HEAD} bytes")));
        }
        if input.take(room).read_until(b'\n', head)? == 0 {
            return Ok(Err(format!("the data ends inside the {what} header")));
        }
        if matches!(&head[start..], b"\r\n" | b"\n") {
            return Ok(Ok(()));
        }
    }
}

/// Parses the header block after its version line.
fn parse_fields(head: &[u8]) -> Result<Fields, String> {
    let after_version = head
        .iter()
        .position(|&b| b == b'\n')
        .map_or(head.len(), |i| i + 1);
    let mut slots = [httparse::EMPTY_HEADER; MAX_FIELDS];
    let parsed = match httparse::parse_headers(&head[after_version..], &mut slots) {
        Ok(httparse::Status::Complete((_, parsed))) => parsed,
        Ok(httparse::Status::Partial) => return Err("incomplete WARC header".to_string()),
        Err(err) => return Err(format!("bad WARC header: {err}")),
    };
    let field = |name: &str| {
        parsed
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
    };
    let length = field("Content-Length").ok_or("record has no Content-Length")?;
    let length = length
        .parse()
        .map_err(|_| format!("Content-Length {length:?} is not a number"))?;
    Ok(Fields {
        kind: field("WARC-Type").unwrap_or_else(|| "(none)".to_string()),
        length,
        // WARC 1.0 examples wrap the URI in angle brackets; some writers copied that.
        uri: field("WARC-Target-URI").map(|uri| uri.trim_matches(['<', '>']).to_string()),
        date: field("WARC-Date"),
        content_type: field("Content-Type"),
    })
}

/// A response record without a content type is tried as HTTP, as most crawlers mean that.
fn is_http(content_type: Option<&str>) -> bool {
    content_type.is_none_or(|t| t.to_ascii_lowercase().starts_with("application/http"))
}

/// Reads the HTTP response in a record's content: the page if it is an HTML success.
fn http_response(
    body: &mut Take<&mut dyn BufRead>,
    fields: &Fields,
    at: Offset,
    limits: Limits,
) -> Result<Outcome, Failure> {
    let refused = |reason| Outcome::Refused(IngestError::Warc { at, reason });
    let mut head = Vec::new();
    if let Err(reason) = read_head(body, &mut head, "HTTP")? {
        return Ok(refused(reason));
    }
    let mut slots = [httparse::EMPTY_HEADER; MAX_FIELDS];
    let mut response = httparse::Response::new(&mut slots);
    // Servers send sloppy headers; a browser shows the page anyway, so should we.
    let parsed = httparse::ParserConfig::default()
        .allow_spaces_after_header_name_in_responses(true)
        .allow_obsolete_multiline_headers_in_responses(true)
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .ignore_invalid_headers_in_responses(true)
        .parse_response(&mut response, &head);
    match parsed {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) => return Ok(refused("incomplete HTTP header".into())),
        Err(err) => return Ok(refused(format!("bad HTTP header: {err}"))),
    }
    let code = response.code.unwrap_or(0);
    if !(200..300).contains(&code) {
        return Ok(Outcome::Skipped(format!("HTTP status {code}")));
    }
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let Some(content_type) = header("Content-Type") else {
        return Ok(Outcome::Skipped("HTTP response has no Content-Type".into()));
    };
    let media = content_type.split(';').next().unwrap_or_default().trim();
    if media != "text/html" && media != "application/xhtml+xml" {
        return Ok(Outcome::Skipped(format!("content type {media}")));
    }
    let limit = limits.max_doc_bytes;
    if body.limit() > limit {
        return Ok(Outcome::Refused(IngestError::TooLarge { limit }));
    }
    let mut raw = Vec::with_capacity(body.limit().min(1 << 20) as usize);
    body.read_to_end(&mut raw)?;
    if header("Transfer-Encoding").is_some_and(|te| te.contains("chunked")) {
        raw = dechunk(raw);
    }
    let decoded = match header("Content-Encoding").as_deref() {
        None | Some("" | "identity") => Ok(raw),
        Some("gzip" | "x-gzip") => decode(MultiGzDecoder::new(&raw[..]), at, limit),
        Some("deflate") => decode(flate2::bufread::ZlibDecoder::new(&raw[..]), at, limit)
            .or_else(|_| decode(flate2::bufread::DeflateDecoder::new(&raw[..]), at, limit)),
        Some(other) => {
            return Ok(Outcome::Skipped(format!(
                "unsupported Content-Encoding {other}"
            )));
        }
    };
    Ok(match decoded {
        Ok(bytes) => Outcome::Doc {
            bytes,
            hints: Hints {
                url: fields.uri.clone(),
                date: fields.date.clone(),
                ..Hints::default()
            },
        },
        Err(error) => Outcome::Refused(error),
    })
}

/// Decompresses a Content-Encoding, refusing output over `limit`.
fn decode(mut decoder: impl Read, at: Offset, limit: u64) -> Result<Vec<u8>, IngestError> {
    let mut out = Vec::new();
    match read_bounded(&mut decoder, limit, &mut out) {
        Ok(true) => Ok(out),
        Ok(false) => Err(IngestError::TooLarge { limit }),
        Err(err) => Err(IngestError::Warc {
            at,
            reason: format!("HTTP content cannot be decompressed: {err}"),
        }),
    }
}

/// Undoes chunked transfer encoding.
///
/// Lenient on purpose: crawlers cut long captures (WARC-Truncated), so a body that stops
/// mid-chunk keeps what it has; and some writers de-chunk the body but keep the header, so a body
/// that does not start with a chunk size is taken as it is.
fn dechunk(raw: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut rest = &raw[..];
    // httparse reads an empty line as size 0, so a size line must start with a digit.
    while rest.first().is_some_and(u8::is_ascii_hexdigit) {
        let Ok(httparse::Status::Complete((used, size))) = httparse::parse_chunk_size(rest) else {
            break;
        };
        if size == 0 {
            return out;
        }
        rest = &rest[used..];
        let size = usize::try_from(size).unwrap_or(usize::MAX).min(rest.len());
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest.strip_prefix(b"\r\n").unwrap_or(rest);
    }
    if out.is_empty() {
        return raw;
    }
    out
}

/// The start of some unexpected bytes, for an error message.
fn preview(bytes: &[u8]) -> String {
    let shown = &bytes[..bytes.len().min(40)];
    String::from_utf8_lossy(shown).into_owned()
}
