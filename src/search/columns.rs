//! Fast columns as the counting collectors read them (facets, pairs, timelines, stats, ranking):
//! a string column by name, ordinals back to names, and the first matching passage of each
//! article in a segment.

use crate::index::schema::BACK;
use std::collections::HashMap;
use tantivy::columnar::Column;
use tantivy::columnar::StrColumn;
use tantivy::{DocId, SegmentReader, TantivyError};

/// The head passage of `doc`'s article: an article's passages are written in one batch, so they
/// sit together in one segment, head first, and `back` says how far behind each its head is.
pub(super) fn head_of(back: &Column<u64>, doc: DocId) -> DocId {
    let distance = back.first(doc).unwrap_or(0);
    doc.saturating_sub(u32::try_from(distance).unwrap_or(u32::MAX))
}

/// One past the last passage of the article whose head is `head`: the next head, or the end of
/// the segment (`max_doc`).
pub(super) fn article_end(back: &Column<u64>, head: DocId, max_doc: DocId) -> DocId {
    (head + 1..max_doc)
        .find(|&d| back.first(d).unwrap_or(0) == 0)
        .unwrap_or(max_doc)
}

/// The fast string column `name` of `segment`.
pub(super) fn str_column(segment: &SegmentReader, name: &str) -> tantivy::Result<StrColumn> {
    segment
        .fast_fields()
        .str(name)?
        .ok_or_else(|| TantivyError::SchemaError(format!("no fast column {name}")))
}

/// The names of column ordinals `ords`. Looked up in sorted order in one pass over the
/// dictionary: one lookup per ordinal decompresses a dictionary block each time.
pub(super) fn resolve(column: &StrColumn, ords: impl Iterator<Item = u64>) -> HashMap<u64, String> {
    let mut sorted: Vec<u64> = ords.collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut names = Vec::with_capacity(sorted.len());
    let complete = column
        .dictionary()
        .sorted_ords_to_term_cb(&sorted, |bytes| {
            names.push(String::from_utf8_lossy(bytes).into_owned())
        })
        .unwrap_or(false);
    if complete && names.len() == sorted.len() {
        return sorted.into_iter().zip(names).collect();
    }
    // A damaged dictionary: fall back to one lookup per ordinal, skipping the unreadable.
    sorted
        .into_iter()
        .filter_map(|ord| {
            let mut s = String::new();
            column.ord_to_str(ord, &mut s).ok()?.then_some((ord, s))
        })
        .collect()
}

/// Tells the first matching passage of each article in a segment from the others, so counts are
/// of articles, and finds its head passage, which carries the article's actors and places. An
/// article's passages are written in one batch, hence sit together in one segment, head first;
/// collectors see a segment's documents in order, so an article's matches come one after another.
pub(super) struct FirstPassage {
    back: Column<u64>,
    last: Option<DocId>,
    articles: usize,
}

impl FirstPassage {
    /// For the segment `segment`.
    pub(super) fn new(segment: &SegmentReader) -> tantivy::Result<FirstPassage> {
        Ok(FirstPassage {
            back: segment.fast_fields().u64(BACK)?,
            last: None,
            articles: 0,
        })
    }

    /// The head passage of `doc`'s article when `doc` is the first passage of it met here.
    pub(super) fn first(&mut self, doc: DocId) -> Option<DocId> {
        let head = head_of(&self.back, doc);
        if self.last == Some(head) {
            return None;
        }
        self.last = Some(head);
        self.articles += 1;
        Some(head)
    }

    /// How many articles were met.
    pub(super) fn articles(&self) -> usize {
        self.articles
    }
}
