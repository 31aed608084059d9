//! OpenSearch: the same passages as the embedded index, in a cluster that grows past one machine.
//!
//! In: a cluster URL (`http://host:9200/name`; the path names the index, `newsdex` by default)
//! and, for writing, the articles of a run; for reading, a [`crate::search::Request`]. Out: an
//! OpenSearch index with one document per passage (see [`mapping`]) and a ledger index beside it
//! (`NAME-ledger`) that records which source's article is stored under which id; the same
//! [`crate::search::Hit`]s, facets and timelines as the Tantivy backend.
//!
//! [`Cluster`] is the HTTP layer: every request goes through it, with retries and backoff on
//! 429 and 5xx answers and on refused connections.

pub mod mapping;
mod query;
mod read;
mod write;

pub use read::Searcher;
pub use write::{Writer, DEFAULT_BULK_BYTES};

use serde_json::Value;
use std::time::Duration;

/// Why a request to the cluster failed.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    /// The URL is not one newsdex can use.
    #[error("not an OpenSearch URL: '{0}' (write it as http://host:9200 or http://host:9200/index-name)")]
    Url(String),
    /// The cluster did not answer (after retries).
    #[error(
        "cannot reach OpenSearch at {url}: {reason} (is the cluster running and the URL right?)"
    )]
    Unreachable {
        /// The URL asked.
        url: String,
        /// What failed.
        reason: String,
    },
    /// The cluster answered with an error.
    #[error("OpenSearch refused {what} ({status}): {reason}")]
    Refused {
        /// The request, in words.
        what: String,
        /// HTTP status.
        status: u16,
        /// The error OpenSearch gave.
        reason: String,
    },
    /// The index exists and was not made by newsdex (or by another version of its mapping).
    #[error(
        "the OpenSearch index '{index}' exists with other fields ({reason}): it was not made \
         by this newsdex; choose another index name in the URL (http://host:9200/NAME), or \
         pass --rebuild to delete and remake it"
    )]
    Mapping {
        /// The index name.
        index: String,
        /// What differs.
        reason: String,
    },
    /// The index does not exist.
    #[error("no OpenSearch index '{0}': run `newsdex index --opensearch URL` first")]
    NoIndex(String),
    /// The answer was not what OpenSearch sends.
    #[error("unexpected answer from OpenSearch to {what}: {reason}")]
    Answer {
        /// The request, in words.
        what: String,
        /// What was wrong.
        reason: String,
    },
}

/// How long a failing request is sent again before its failure is reported.
pub const DEFAULT_RETRY_FOR: Duration = Duration::from_secs(60);
/// The first wait between attempts; it doubles each time, up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(250);
/// The longest wait between attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(16);
/// Largest answer read (a page of hits or a big aggregation is a few MB).
const MAX_ANSWER_BYTES: u64 = 512 * 1024 * 1024;
/// Index name when the URL has no path.
pub const DEFAULT_INDEX: &str = "newsdex";

/// One index of one cluster, and the HTTP agent that talks to it.
#[derive(Clone)]
pub struct Cluster {
    agent: ureq::Agent,
    /// `http://host:port`, without a trailing slash.
    base: String,
    /// The passages index.
    index: String,
    /// How long failing requests are retried.
    retry_for: Duration,
}

/// An HTTP method.
#[derive(Debug, Clone, Copy)]
enum Method {
    Get,
    Put,
    Post,
    Delete,
    Head,
}

impl Cluster {
    /// Parses `url` (`http://host:9200[/index]`); nothing is sent yet.
    pub fn new(url: &str) -> Result<Cluster, ClusterError> {
        let bad = || ClusterError::Url(url.to_string());
        let rest = url.strip_prefix("http://").ok_or_else(|| {
            ClusterError::Url(format!(
                "{url}' (only http:// is supported so far; put an HTTPS cluster behind a local proxy"
            ))
        })?;
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let index = path.trim_matches('/');
        let index = if index.is_empty() {
            DEFAULT_INDEX
        } else {
            index
        };
        // OpenSearch's own rules for index names, so a typo fails here and not in the cluster.
        let valid = !host.is_empty()
            && !index.starts_with(['-', '_', '+'])
            && index
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
        if !valid {
            return Err(bad());
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(300)))
            .build()
            .into();
        Ok(Cluster {
            agent,
            base: format!("http://{host}"),
            index: index.to_string(),
            retry_for: DEFAULT_RETRY_FOR,
        })
    }

    /// The passages index name.
    pub fn index(&self) -> &str {
        &self.index
    }

    /// The ledger index name.
    pub fn ledger_index(&self) -> String {
        format!("{}-ledger", self.index)
    }

    /// Retries failing requests (refused connections, 429, 5xx) for `retry_for` before giving up.
    pub fn retrying_for(mut self, retry_for: Duration) -> Cluster {
        self.retry_for = retry_for;
        self
    }

    /// Waits before the next attempt and says whether to make one: false once the retry time
    /// is spent. `wait` doubles each time.
    fn again(&self, started: std::time::Instant, wait: &mut Duration) -> bool {
        if started.elapsed() + *wait > self.retry_for {
            return false;
        }
        std::thread::sleep(*wait);
        *wait = (*wait * 2).min(MAX_BACKOFF);
        true
    }

    /// Sends a request and returns the status and the parsed JSON answer (Null when empty);
    /// retries on refused connections, 429 and 5xx. `what` names the request in errors.
    fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<(&str, &[u8])>,
        what: &str,
    ) -> Result<(u16, Value), ClusterError> {
        let url = format!("{}/{}", self.base, path.trim_start_matches('/'));
        let started = std::time::Instant::now();
        let mut wait = FIRST_BACKOFF;
        loop {
            let outcome = self.once(method, &url, body);
            let retry = match &outcome {
                Ok((status, _)) => *status == 429 || *status >= 500,
                Err(_) => true,
            };
            if !retry || !self.again(started, &mut wait) {
                return match outcome {
                    Ok((status, text)) => {
                        let json = if text.trim().is_empty() {
                            Value::Null
                        } else {
                            serde_json::from_str(&text).map_err(|e| ClusterError::Answer {
                                what: what.to_string(),
                                reason: format!("{e}: {}", preview(&text)),
                            })?
                        };
                        Ok((status, json))
                    }
                    Err(reason) => Err(ClusterError::Unreachable { url, reason }),
                };
            }
        }
    }

    /// One attempt: the status and the text of the answer, or why there was none.
    fn once(
        &self,
        method: Method,
        url: &str,
        body: Option<(&str, &[u8])>,
    ) -> Result<(u16, String), String> {
        let result = match (method, body) {
            (Method::Get, None) => self.agent.get(url).call(),
            (Method::Head, _) => self.agent.head(url).call(),
            (Method::Delete, _) => self.agent.delete(url).call(),
            (Method::Get, Some((kind, bytes))) => self
                .agent
                .post(url)
                .header("content-type", kind)
                .send(bytes),
            (Method::Put, body) => {
                let (kind, bytes) = body.unwrap_or(("application/json", b""));
                self.agent.put(url).header("content-type", kind).send(bytes)
            }
            (Method::Post, body) => {
                let (kind, bytes) = body.unwrap_or(("application/json", b""));
                self.agent
                    .post(url)
                    .header("content-type", kind)
                    .send(bytes)
            }
        };
        let mut response = result.map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER_BYTES)
            .read_to_string()
            .map_err(|e| e.to_string())?;
        Ok((status, text))
    }

    /// Sends JSON and returns the JSON answer; an error status is [`ClusterError::Refused`].
    fn json(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        what: &str,
    ) -> Result<Value, ClusterError> {
        let bytes = body.map(|b| b.to_string());
        let body = bytes.as_deref().map(|b| ("application/json", b.as_bytes()));
        let (status, answer) = self.send(method, path, body, what)?;
        if status >= 300 {
            return Err(refused(what, status, &answer));
        }
        Ok(answer)
    }

    /// True when `index` exists.
    fn exists(&self, index: &str) -> Result<bool, ClusterError> {
        let (status, answer) = self.send(Method::Head, index, None, "an index lookup")?;
        match status {
            200 => Ok(true),
            404 => Ok(false),
            status => Err(refused("an index lookup", status, &answer)),
        }
    }

    /// Makes what was written visible to searches.
    fn refresh(&self, index: &str) -> Result<(), ClusterError> {
        self.json(
            Method::Post,
            &format!("{index}/_refresh"),
            None,
            "a refresh",
        )?;
        Ok(())
    }

    /// Runs a search (or an aggregation) on the passages index.
    fn search(&self, body: &Value) -> Result<Value, ClusterError> {
        match self.json(
            Method::Post,
            &format!("{}/_search", self.index),
            Some(body),
            "a search",
        ) {
            Err(ClusterError::Refused { status: 404, .. }) => {
                Err(ClusterError::NoIndex(self.index.clone()))
            }
            other => other,
        }
    }
}

/// A [`ClusterError::Refused`] with the reason OpenSearch gave.
fn refused(what: &str, status: u16, answer: &Value) -> ClusterError {
    let error = &answer["error"];
    let reason = error["root_cause"][0]["reason"]
        .as_str()
        .or_else(|| error["reason"].as_str())
        .or_else(|| error.as_str())
        .map(str::to_string)
        .unwrap_or_else(|| preview(&answer.to_string()));
    ClusterError::Refused {
        what: what.to_string(),
        status,
        reason,
    }
}

/// The start of a long answer, for an error message.
fn preview(text: &str) -> String {
    let mut cut: String = text.chars().take(300).collect();
    if cut.len() < text.len() {
        cut.push_str("...");
    }
    cut
}
