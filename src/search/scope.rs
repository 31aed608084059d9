//! Article scope: a condition on an article's own fields, true for every passage of the article.
//!
//! In: a query on fields that only an article's head passage carries (its actors and places,
//! kept once per article rather than on each of its passages). Out: a query that matches every
//! passage of the articles whose head matches. An article's passages are written in one batch,
//! so they sit together in one segment, head first; the `back` column of each passage says how
//! far behind it its head is (0 on the head).

use super::columns::head_of;
use crate::index::schema::BACK;
use std::fmt;
use tantivy::columnar::Column;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

/// Matches the passages of the articles whose head passage matches `heads`.
pub(crate) struct ArticleScope {
    heads: Box<dyn Query>,
}

impl ArticleScope {
    /// Scopes `heads` (a query on head-only fields) to whole articles.
    pub(crate) fn new(heads: Box<dyn Query>) -> ArticleScope {
        ArticleScope { heads }
    }
}

impl Clone for ArticleScope {
    fn clone(&self) -> Self {
        ArticleScope {
            heads: self.heads.box_clone(),
        }
    }
}

impl fmt::Debug for ArticleScope {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "ArticleScope({:?})", self.heads)
    }
}

impl Query for ArticleScope {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        // A condition on the article: it selects, and scores every passage alike.
        let disabled = match enable_scoring.searcher() {
            Some(searcher) => EnableScoring::disabled_from_searcher(searcher),
            None => EnableScoring::disabled_from_schema(enable_scoring.schema()),
        };
        let heads = self.heads.weight(disabled)?;
        Ok(Box::new(ScopeWeight { heads }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.heads.query_terms(visitor);
    }
}

struct ScopeWeight {
    heads: Box<dyn Weight>,
}

impl Weight for ScopeWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let heads = self.heads.scorer(reader, 1.0)?;
        let back = reader.fast_fields().u64(BACK)?;
        Ok(Box::new(ScopeScorer::new(
            heads,
            back,
            reader.max_doc(),
            boost,
        )))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "Document #({doc}) does not match"
            )));
        }
        Ok(Explanation::new("ArticleScope", scorer.score()))
    }
}

/// Walks the passages of each matching head's article in turn.
struct ScopeScorer {
    heads: Box<dyn Scorer>,
    back: Column<u64>,
    max_doc: DocId,
    doc: DocId,
    score: Score,
}

impl ScopeScorer {
    fn new(heads: Box<dyn Scorer>, back: Column<u64>, max_doc: DocId, score: Score) -> Self {
        let doc = heads.doc();
        ScopeScorer {
            heads,
            back,
            max_doc,
            doc,
            score,
        }
    }
}

impl DocSet for ScopeScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        let next = self.doc + 1;
        // Still in the same article: a passage that is not a head.
        if next < self.max_doc && self.back.first(next).unwrap_or(0) > 0 {
            self.doc = next;
            return next;
        }
        self.doc = self.heads.advance();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if target <= self.doc || self.doc == TERMINATED {
            return self.doc;
        }
        if target >= self.max_doc {
            self.doc = TERMINATED;
            return TERMINATED;
        }
        let head = head_of(&self.back, target);
        let current = self.heads.doc();
        let found = if head <= current {
            current
        } else {
            self.heads.seek(head)
        };
        // The target's own article matches: land on the target; else on the next article.
        self.doc = if found == head { target } else { found };
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        // Articles have about ten passages.
        self.heads.size_hint().saturating_mul(10)
    }
}

impl Scorer for ScopeScorer {
    fn score(&mut self) -> Score {
        self.score
    }
}
