//! `/api/export`: the hit list of a search as a file to download.
//!
//! In: the filters, `format` (csv, jsonl, json, xlsx), and either `limit` (the best hits,
//! ranked, as `search --limit`; default and cap [`MAX_EXPORT`]) with an optional `per_article`,
//! or `all=true` (every hit in index order, as `search --all`). Out: the bytes the CLI writes
//! for the same options, streamed as they are written: a search task on the blocking pool
//! writes into a channel that the response body reads, so memory does not grow with the number
//! of hits (XLSX excepted: a workbook is assembled in a temporary file, then sent). A mistake
//! found before the first bytes leave is a 400 or 500 with a message; one found later cuts the
//! download short, which the client sees as an incomplete transfer.

use super::{blocking_error, ApiError, AppState, Pairs, Params, MAX_EXPORT};
use crate::engine::Engine;
use crate::export::{ExportError, Format, HitStream};
use crate::search::{Hit, Request};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::io::Write;
use std::sync::Arc;
use tokio::sync::mpsc;

/// Bytes gathered before they are handed to the response body.
const CHUNK: usize = 64 * 1024;

/// What the search task sends to the response.
enum Chunk {
    Data(Bytes),
    Failed(ApiError),
}

/// Which hits to export.
#[derive(Clone, Copy)]
enum Scope {
    /// The best `request.limit`, at most `per_article` from one article.
    Ranked { per_article: Option<usize> },
    /// Every hit, in index order.
    All,
}

/// `/api/export`.
pub(super) async fn export(
    State(state): State<Arc<AppState>>,
    pairs: Pairs,
) -> Result<Response, ApiError> {
    let params = Params::new(pairs?.0, &["format", "limit", "per_article", "all"])?;
    let mut request = params.request()?;
    let format = params.format()?;
    let limit = params.limit(MAX_EXPORT, MAX_EXPORT)?;
    let per_article = params.optional_number("per_article")?;
    let scope = if params.switch("all", false)? {
        if per_article.is_some() {
            return Err(ApiError::bad(
                "'all' exports every hit: it takes no 'per_article'".into(),
            ));
        }
        Scope::All
    } else {
        request.limit = limit;
        Scope::Ranked { per_article }
    };
    let filename = filename(&request.query, format);
    let (tx, mut rx) = mpsc::channel::<Chunk>(4);
    let task = tokio::task::spawn_blocking(move || {
        if let Err(e) = write(&state.searcher, &request, scope, format, &tx) {
            // The client may be gone; then nobody needs to hear about it.
            let _ = tx.blocking_send(Chunk::Failed(e));
        }
    });
    let first = match rx.recv().await {
        Some(Chunk::Data(bytes)) => bytes,
        Some(Chunk::Failed(e)) => return Err(e),
        None => {
            return Err(match task.await {
                Err(e) => blocking_error(e),
                Ok(()) => ApiError::internal("the export ended without output".into()),
            })
        }
    };
    let rest = futures_util::stream::unfold(rx, |mut rx| async move {
        match rx.recv().await? {
            Chunk::Data(bytes) => Some((Ok(bytes), rx)),
            Chunk::Failed(e) => Some((Err(std::io::Error::other(e.message)), rx)),
        }
    });
    let body = futures_util::StreamExt::chain(
        futures_util::stream::iter([Ok::<_, std::io::Error>(first)]),
        rest,
    );
    Ok((
        [
            (header::CONTENT_TYPE, content_type(format).to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        Body::from_stream(body),
    )
        .into_response())
}

/// Writes the hits of `request` in `format` into `tx`.
fn write(
    searcher: &Engine,
    request: &Request,
    scope: Scope,
    format: Format,
    tx: &mpsc::Sender<Chunk>,
) -> Result<(), ApiError> {
    let mut out = ChannelWriter::new(tx);
    if format == Format::Xlsx {
        let file = tempfile::Builder::new()
            .prefix("newsdex-export-")
            .suffix(".xlsx")
            .tempfile()
            .map_err(|e| ApiError::internal(format!("cannot make a temporary file: {e}")))?;
        let mut stream = HitStream::xlsx(file.path())?;
        each(searcher, request, scope, |hit| stream.write(hit))?;
        stream.finish()?;
        let mut workbook = std::fs::File::open(file.path())
            .map_err(|e| ApiError::internal(format!("cannot read the workbook: {e}")))?;
        std::io::copy(&mut workbook, &mut out).map_err(ExportError::from)?;
    } else {
        let mut stream = HitStream::new(format, false, &mut out)?;
        each(searcher, request, scope, |hit| stream.write(hit))?;
        stream.finish()?;
    }
    out.close()
        .map_err(|e| ApiError::from(ExportError::from(e)))
}

/// Hands the hits of `request` in `scope` to `write`.
fn each(
    searcher: &Engine,
    request: &Request,
    scope: Scope,
    mut write: impl FnMut(&Hit) -> Result<(), ExportError>,
) -> Result<(), ApiError> {
    match scope {
        Scope::All => {
            searcher.each_hit(request, |hit| -> Result<(), ApiError> { Ok(write(&hit)?) })?;
        }
        Scope::Ranked { per_article } => {
            let hits = match per_article {
                Some(n) => searcher.search_per_article(request, n)?.hits,
                None => searcher.search(request)?,
            };
            for hit in &hits {
                write(hit)?;
            }
        }
    }
    Ok(())
}

/// A writer whose bytes go, in chunks, to the response body.
struct ChannelWriter<'a> {
    tx: &'a mpsc::Sender<Chunk>,
    buffer: Vec<u8>,
}

impl<'a> ChannelWriter<'a> {
    fn new(tx: &'a mpsc::Sender<Chunk>) -> ChannelWriter<'a> {
        ChannelWriter {
            tx,
            buffer: Vec::with_capacity(CHUNK),
        }
    }

    /// Sends what is buffered; an error means the client went away.
    fn send(&mut self) -> std::io::Result<()> {
        let bytes = Bytes::from(std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(CHUNK),
        ));
        self.tx.blocking_send(Chunk::Data(bytes)).map_err(|_| {
            std::io::Error::new(
                std::io::ErrorKind::BrokenPipe,
                "the client closed the download",
            )
        })
    }

    /// Sends the rest, even if empty, so the response always gets a first chunk.
    fn close(mut self) -> std::io::Result<()> {
        self.send()
    }
}

impl Write for ChannelWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.send()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        // The body is sent in chunks anyway; flushing early would only make them small.
        Ok(())
    }
}

/// The MIME type of `format`.
fn content_type(format: Format) -> &'static str {
    match format {
        Format::Csv => "text/csv; charset=utf-8",
        Format::Jsonl => "application/x-ndjson",
        Format::Json => "application/json",
        Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Format::Text => "text/plain; charset=utf-8",
    }
}

/// `newsdex-<query words>.<ext>`, with only ASCII letters, digits and dashes from the query so
/// the header cannot be broken by what the user typed.
fn filename(query: &str, format: Format) -> String {
    let mut slug = String::new();
    for c in query.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let ext = match format {
        Format::Csv => "csv",
        Format::Jsonl => "jsonl",
        Format::Json => "json",
        Format::Xlsx => "xlsx",
        Format::Text => "txt",
    };
    match slug {
        "" => format!("newsdex-hits.{ext}"),
        s => format!("newsdex-{s}.{ext}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filenames_keep_only_safe_characters() {
        assert_eq!(
            filename("Aleppo \"evacuation\"\r\nX-Evil: 1", Format::Csv),
            "newsdex-aleppo-evacuation-x-evil-1.csv"
        );
        assert_eq!(filename("", Format::Xlsx), "newsdex-hits.xlsx");
        assert_eq!(filename("ÜÜÜ", Format::Jsonl), "newsdex-hits.jsonl");
        assert!(filename(&"a".repeat(500), Format::Json).len() < 60);
    }
}
