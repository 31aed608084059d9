//! Clean: turns a raw page into an article.
//!
//! In: a [`RawDoc`](crate::ingest::RawDoc) (HTML or plain text bytes, plus container hints).
//! Out: an [`Article`]: metadata, the body as paragraphs with boilerplate removed, and the reader
//! comments kept apart, one string per comment.

use crate::ingest::RawDoc;
use serde::Serialize;

/// A cleaned news article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Article {
    /// Canonical URL when the page names one, else the path relative to the input root.
    pub id: String,
    /// Where the article was read from (path, `:LINE`, `#N`).
    pub path: String,
    /// The headline.
    pub title: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Author(s), joined with ", ".
    pub author: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Site name (`og:site_name`, else the URL's host).
    pub site: Option<String>,
    /// ISO 639-1 language code.
    pub lang: Option<String>,
    /// Body paragraphs, in order.
    pub body: Vec<String>,
    /// Reader comments, one string per comment, in order.
    pub comments: Vec<String>,
}

/// Why a document could not be cleaned.
#[derive(Debug, thiserror::Error)]
pub enum CleanError {
    /// The bytes are not text (a binary file with a text extension).
    #[error("not text: {0}")]
    Binary(String),
    /// Nothing readable was left after cleaning.
    #[error("no text found")]
    Empty,
}

/// Cleans one raw document into an article.
pub fn clean(_doc: &RawDoc) -> Result<Article, CleanError> {
    Err(CleanError::Empty)
}
