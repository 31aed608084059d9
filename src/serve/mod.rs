//! Serve: the web interface of `newsdex serve`.
//!
//! In: an index folder and an address to listen on. Out: an HTTP server answering with one page
//! (HTML, CSS and JavaScript built into the binary, nothing fetched from elsewhere) and the JSON
//! API behind it: `/api/search` (ranked hits, paged), `/api/facets`, `/api/timeline` and
//! `/api/export` (CSV, JSON Lines, JSON or XLSX), whose fields are those of the CLI's machine
//! formats. Parameters are checked in [`params`]; a mistake is a 400 with a message.
//!
//! The index is opened once; Tantivy work runs on tokio's blocking pool so slow searches do not
//! stall the others. Only the built-in assets and the API are served: no path is ever
//! mapped to a file. Indexed text leaves the server only as JSON (or export files); the page
//! puts it into the DOM as text. Bound to a loopback address, the server answers only requests
//! whose `Host` is a loopback name, so a web site cannot read the archive by DNS rebinding.

mod export;
mod params;

use crate::engine::Engine;
use crate::export::{ExportError, FacetReport};
use crate::search::{Hit, SearchError};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use params::Params;
use serde::Serialize;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Most hits one search page returns (a larger `limit` is cut to this).
pub const MAX_PAGE: usize = 100;
/// Hits a search page returns when no `limit` is given.
pub const DEFAULT_PAGE: usize = 10;
/// Deepest `offset` a search page may start at: deeper pages are what exports are for.
pub const MAX_OFFSET: usize = 10_000;
/// Most actors, places and pairs `/api/facets` returns.
pub const MAX_FACETS: usize = 100;
/// Most hits a ranked export returns (as `search --limit`); `all=true` streams every hit.
pub const MAX_EXPORT: usize = 100_000;
/// How often the server looks for what `newsdex index` committed since.
const RELOAD_EVERY: Duration = Duration::from_secs(10);

const INDEX_HTML: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const STYLE_CSS: &str = include_str!("assets/style.css");
const FAVICON_SVG: &str = include_str!("assets/favicon.svg");

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The index folder.
    pub index: PathBuf,
    /// An OpenSearch index to serve instead of the folder's.
    pub opensearch: Option<String>,
    /// The address to listen on (port 0 picks a free one).
    pub addr: SocketAddr,
    /// How long a client may take to send a request's header before its connection is closed.
    pub header_timeout: Duration,
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The index cannot be opened.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// The address cannot be listened on.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
    /// The runtime or the connection loop failed.
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

/// Opens the index, listens, calls `ready` with the address listened on, and serves until the
/// process ends.
pub fn run(options: &Options, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let searcher = Engine::open(&options.index, options.opensearch.as_deref())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .map_err(|source| ServeError::Bind {
                addr: options.addr,
                source,
            })?;
        let addr = listener.local_addr()?;
        let state = Arc::new(AppState {
            searcher,
            local_only: addr.ip().is_loopback(),
        });
        tokio::spawn(keep_fresh(state.clone()));
        ready(addr);
        accept(listener, router(state), options.header_timeout).await;
        Ok(())
    })
}

/// Serves each connection on its own task. A client that does not finish sending a request's
/// header within `header_timeout` (a slowloris, a half-open connection) is disconnected.
async fn accept(listener: tokio::net::TcpListener, app: Router, header_timeout: Duration) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors or a connection reset before it was taken: the listener
            // still works, so wait a little and go on, as axum::serve does.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(TokioIo::new(stream), service);
            // A client that goes away or times out ends only its own connection.
            let _ = connection.await;
        });
    }
}

/// What every request handler shares.
struct AppState {
    searcher: Engine,
    /// Answer only requests addressed to a loopback name.
    local_only: bool,
}

/// The routes: the page, its assets, the API; everything else is 404.
fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/app.js", get(script))
        .route("/style.css", get(style))
        .route("/favicon.svg", get(icon))
        .route("/api/search", get(search))
        .route("/api/facets", get(facets))
        .route("/api/timeline", get(timeline))
        .route("/api/export", get(export::export))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

/// Keeps the view of the index fresh while `newsdex index` adds to it.
async fn keep_fresh(state: Arc<AppState>) {
    let mut tick = tokio::time::interval(RELOAD_EVERY);
    tick.tick().await;
    loop {
        tick.tick().await;
        let state = state.clone();
        // A failed reload keeps the last good view; the next tick tries again.
        let _ = tokio::task::spawn_blocking(move || state.searcher.reload()).await;
    }
}

/// Refuses requests addressed to another host name and adds the security headers.
async fn guard(
    State(state): State<Arc<AppState>>,
    request: axum::extract::Request,
    next: Next,
) -> Response {
    let refused = state.local_only
        && !request
            .headers()
            .get(header::HOST)
            .is_none_or(is_loopback_host);
    // Every reply gets the headers, refusals and errors too.
    let mut response = if refused {
        ApiError {
            status: StatusCode::FORBIDDEN,
            message: "this server answers only at 127.0.0.1 or localhost".into(),
        }
        .into_response()
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
             img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// Whether a `Host` header names this machine: `localhost` or a loopback address, any port.
fn is_loopback_host(value: &HeaderValue) -> bool {
    let Ok(host) = value.to_str() else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// A built-in asset.
fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

async fn page() -> Response {
    asset("text/html; charset=utf-8", INDEX_HTML)
}

async fn script() -> Response {
    asset("text/javascript; charset=utf-8", APP_JS)
}

async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE_CSS)
}

async fn icon() -> Response {
    asset("image/svg+xml", FAVICON_SVG)
}

async fn not_found() -> ApiError {
    ApiError {
        status: StatusCode::NOT_FOUND,
        message: "no such page: the interface is at / and the API under /api/".into(),
    }
}

/// An error answer: a status and a message, sent as `{"error": message}`.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    /// A 400: the request is wrong.
    fn bad(message: String) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message,
        }
    }

    /// A 500: the server failed.
    fn internal(message: String) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(serde_json::json!({ "error": self.message })),
        )
            .into_response()
    }
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> ApiError {
        match e {
            SearchError::Query(_) | SearchError::Date(_) => ApiError::bad(e.to_string()),
            _ => ApiError::internal(e.to_string()),
        }
    }
}

impl From<ExportError> for ApiError {
    fn from(e: ExportError) -> ApiError {
        match e {
            ExportError::TooManyRows => ApiError::bad(e.to_string()),
            _ => ApiError::internal(e.to_string()),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(e: QueryRejection) -> ApiError {
        ApiError::bad(format!("cannot read the query string: {}", e.body_text()))
    }
}

/// The query-string pairs of a request.
type Pairs = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// Runs `work` on the blocking pool with the shared searcher.
async fn blocking<T: Send + 'static>(
    state: &Arc<AppState>,
    work: impl FnOnce(&Engine) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || work(&state.searcher))
        .await
        .map_err(blocking_error)?
}

/// The error of a blocking task that panicked or was cancelled.
fn blocking_error(e: tokio::task::JoinError) -> ApiError {
    ApiError::internal(format!("the search task failed: {e}"))
}

/// One page of ranked hits.
#[derive(Debug, Serialize)]
struct SearchPage {
    /// The query as run.
    query: String,
    /// Number of matching passages.
    total: usize,
    /// Hits skipped before this page.
    offset: usize,
    /// Page size after the cap.
    limit: usize,
    /// The hits, ranked from `offset + 1`.
    hits: Vec<Hit>,
}

/// `/api/search`: filters, `limit`, `offset`, `per_article`.
async fn search(State(state): State<Arc<AppState>>, pairs: Pairs) -> Result<Response, ApiError> {
    let params = Params::new(pairs?.0, &["limit", "offset", "per_article"])?;
    let mut request = params.request()?;
    let limit = params.limit(DEFAULT_PAGE, MAX_PAGE)?;
    let offset = params.number("offset", 0, 0)?;
    if offset > MAX_OFFSET {
        return Err(ApiError::bad(format!(
            "'offset' can be at most {MAX_OFFSET}: narrow the search, or export the hits"
        )));
    }
    let per_article = params.optional_number("per_article")?;
    request.limit = offset + limit;
    let page = blocking(&state, move |searcher| {
        let results = match per_article {
            Some(n) => searcher.search_per_article(&request, n)?,
            None => searcher.search_counted(&request)?,
        };
        Ok(SearchPage {
            query: request.query,
            total: results.total,
            offset,
            limit,
            hits: results.hits.into_iter().skip(offset).collect(),
        })
    })
    .await?;
    Ok(Json(page).into_response())
}

/// `/api/facets`: filters, `limit` and `pairs`; the fields of `facets --format json`.
async fn facets(State(state): State<Arc<AppState>>, pairs: Pairs) -> Result<Response, ApiError> {
    let params = Params::new(pairs?.0, &["limit", "pairs"])?;
    let request = params.request()?;
    let limit = params.limit(10, MAX_FACETS)?;
    // Pairs cost more than the rest on a large result, and the page does not show them.
    let with_pairs = params.switch("pairs", true)?;
    let report = blocking(&state, move |searcher| {
        let facets = searcher.facets(&request, limit)?;
        let pairs = match with_pairs {
            true => searcher.pairs(&request, limit)?,
            false => Vec::new(),
        };
        // Written here rather than through a JSON value, which would reorder the fields.
        serde_json::to_vec(&FacetReport::new(&facets, &pairs))
            .map_err(|e| ApiError::internal(e.to_string()))
    })
    .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], report).into_response())
}

/// `/api/timeline`: filters and `by`; the fields of `timeline --format json`.
async fn timeline(State(state): State<Arc<AppState>>, pairs: Pairs) -> Result<Response, ApiError> {
    let params = Params::new(pairs?.0, &["by"])?;
    let request = params.request()?;
    let by = params.period()?;
    let timeline = blocking(&state, move |searcher| Ok(searcher.timeline(&request, by)?)).await?;
    Ok(Json(timeline).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_host_names_pass() {
        let ok = |h: &str| is_loopback_host(&HeaderValue::from_str(h).unwrap());
        for host in [
            "127.0.0.1:8080",
            "localhost",
            "LOCALHOST:1",
            "[::1]:80",
            "127.1.2.3",
        ] {
            assert!(ok(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:8080",
            "localhost.evil.example",
            "192.168.1.2:8080",
            "[::2]:80",
            "",
        ] {
            assert!(!ok(host), "{host}");
        }
    }
}
