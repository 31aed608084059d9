//! Search: reads the index and returns ranked passages.
//!
//! In: a query (words, "phrases", AND / OR / -, field:term) and filters (actor, place, date
//! range, section). Out: [`Hit`]s ranked by BM25 (a match in the title also counts), each with
//! the character ranges of the matched words.

use crate::index::Section;
use serde::Serialize;
use std::path::Path;

/// A search request.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The query text.
    pub query: String,
    /// Canonical actor names the passage's article must mention (any case).
    pub actors: Vec<String>,
    /// Canonical place names the passage's article must mention (any case).
    pub places: Vec<String>,
    /// First day, `YYYY-MM-DD`.
    pub since: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    pub until: Option<String>,
    /// Only passages from this section.
    pub section: Option<Section>,
    /// How many hits.
    pub limit: usize,
}

/// One ranked passage. Field order is the column order of the machine formats.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// 1 for the best hit.
    pub rank: usize,
    /// BM25 score.
    pub score: f32,
    /// The article's id (canonical URL or path).
    pub article_id: String,
    /// The article's title.
    pub title: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// The file it was read from.
    pub path: String,
    /// Where in the article the passage is.
    pub section: Section,
    /// The passage text.
    pub passage: String,
    /// Canonical actors of the passage.
    pub actors: Vec<String>,
    /// Canonical places of the passage.
    pub places: Vec<String>,
    /// Matched words, as `[start, end)` character offsets into `passage`.
    pub highlights: Vec<[usize; 2]>,
}

/// Why a search failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Tantivy failed.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// Runs `req` against the index in `dir`.
pub fn search(_dir: &Path, _req: &Request) -> Result<Vec<Hit>, SearchError> {
    Ok(Vec::new())
}
