//! Index: stores articles as passages in Tantivy.
//!
//! In: a cleaned [`Article`] with its [`DocEntities`]. Out: one Tantivy document per passage (a
//! paragraph, or consecutive short paragraphs joined, about 40 to 150 words) carrying its article's
//! fields, so that filters and facets work on passages. Re-adding an unchanged article is a no-op;
//! a changed one replaces the old passages.

use crate::clean::Article;
use crate::entities::DocEntities;
use serde::Serialize;
use std::path::Path;

/// Where in the article a passage comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    /// The headline.
    Title,
    /// The article body.
    Body,
    /// Reader comments.
    Comments,
}

impl Section {
    /// The name stored in the index and shown to users.
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Title => "title",
            Section::Body => "body",
            Section::Comments => "comments",
        }
    }
}

/// One unit of retrieval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    /// Position of the passage in its article, from 0 (the title passage is 0).
    pub number: u64,
    /// Where it comes from.
    pub section: Section,
    /// Its text.
    pub text: String,
    /// Canonical actor names mentioned in the passage.
    pub actors: Vec<String>,
    /// Canonical place names mentioned in the passage.
    pub places: Vec<String>,
}

/// Splits an article into passages. `ents.mentions` is aligned with
/// `[title, body paragraphs..., comments...]`.
pub fn passages(_article: &Article, _ents: &DocEntities) -> Vec<Passage> {
    Vec::new()
}

/// What adding an article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A new article.
    Indexed,
    /// An article whose content changed; its old passages were replaced.
    Updated,
    /// Same content as already indexed; nothing written.
    Unchanged,
}

/// Why the index could not be opened or written.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Tantivy failed.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// An open index, for writing.
pub struct Writer {}

impl Writer {
    /// Opens the index in `dir`, creating it if needed; `rebuild` deletes what it holds first.
    pub fn open(_dir: &Path, _rebuild: bool) -> Result<Writer, IndexError> {
        Ok(Writer {})
    }

    /// The raw-content hash of every source in the index, to skip unchanged documents early.
    pub fn known_hashes(&self) -> std::collections::HashMap<String, String> {
        std::collections::HashMap::new()
    }

    /// True when a document from `source` with this raw-content `hash` is already indexed.
    pub fn is_unchanged(&self, _source: &str, _hash: &str) -> bool {
        false
    }

    /// Adds (or replaces) an article read from `source` whose raw content hashed to `hash`.
    pub fn add(
        &mut self,
        _source: &str,
        _hash: &str,
        _article: &Article,
        _ents: &DocEntities,
    ) -> Result<Outcome, IndexError> {
        Ok(Outcome::Indexed)
    }

    /// Makes everything added so far durable and visible to searches.
    pub fn commit(&mut self) -> Result<(), IndexError> {
        Ok(())
    }
}
