//! The bytes of an input file as stored, and how they are read: the layer under every reader
//! (single files, JSON Lines, WARC), so that none of them needs another.

use super::IngestError;
use flate2::bufread::MultiGzDecoder;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek};

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

/// The file's bytes, decompressed on the fly when `gz`.
pub(super) fn input(raw: Raw, gz: bool) -> Input {
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
