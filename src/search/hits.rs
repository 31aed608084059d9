//! Hit lists beyond the top N: at most N passages per article, and every hit, streamed.
//!
//! In: a [`Request`]. Out: [`Results`] ranked like [`Searcher::search_counted`] but keeping the
//! best `per_article` passages of each article, or every matching [`Hit`] handed one at a time to
//! a callback in index order (not ranked: ranking would hold every hit in memory), so memory
//! does not grow with the number of hits.

use super::rank::{article_keys, ArticleKey, Ranked};
use super::{Hit, Request, Results, SearchError, Searcher};
use std::collections::HashMap;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, DocSet, SegmentOrdinal, TERMINATED};

/// How many more passages than wanted the first ranked fetch asks for.
const OVERFETCH: usize = 4;

impl Searcher {
    /// The best hits of `req`, at most `per_article` of them from any one article; ranking
    /// goes on past the dropped passages so up to `req.limit` hits come back.
    pub fn search_per_article(
        &self,
        req: &Request,
        per_article: usize,
    ) -> Result<Results, SearchError> {
        let (query, plan) = self.query(req)?;
        let searcher = self.reader.searcher();
        let limit = req.hits_wanted();
        let docs = (searcher.num_docs() as usize).max(1);
        let mut want = limit
            .saturating_mul(OVERFETCH)
            .max(self.weights.depth)
            .clamp(1, docs);
        let (kept, total) = loop {
            let (top, total) =
                searcher.search(&query, &(TopDocs::with_limit(want).order_by_score(), Count))?;
            let fetched = top.len();
            let ranked = self.rerank(&searcher, top, &plan, fetched)?;
            let kept = keep_per_article(&searcher, ranked, per_article, limit)?;
            // Stop when enough survived, or when every match was already fetched.
            if kept.len() >= limit || fetched >= total || want >= docs {
                break (kept, total);
            }
            want = want.saturating_mul(2).min(docs);
        };
        let hits = self.hits(&searcher, kept, &plan)?;
        Ok(Results { total, hits })
    }

    /// Hands every hit of `req` to `each`, in index order, ranked 1, 2, ... in that order;
    /// returns how many. `req.limit` is ignored.
    pub fn each_hit<E: From<SearchError>>(
        &self,
        req: &Request,
        mut each: impl FnMut(Hit) -> Result<(), E>,
    ) -> Result<usize, E> {
        let (query, plan) = self.query(req)?;
        let searcher = self.reader.searcher();
        let weight = query
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .map_err(SearchError::from)?;
        let words = self.highlight_words(&plan);
        let mut analyzer = self.analyzer.clone();
        let mut rank = 0;
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let mut scorer = weight.scorer(segment, 1.0).map_err(SearchError::from)?;
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                if !segment.is_deleted(doc) {
                    rank += 1;
                    let address = DocAddress::new(ord as SegmentOrdinal, doc);
                    let score = scorer.score();
                    each(self.hit(&searcher, rank, score, address, &words, &mut analyzer)?)?;
                }
                doc = scorer.advance();
            }
        }
        Ok(rank)
    }
}

/// The first `limit` of the ranked `top` keeping at most `per_article` per article.
fn keep_per_article(
    searcher: &tantivy::Searcher,
    top: Vec<Ranked>,
    per_article: usize,
    limit: usize,
) -> Result<Vec<Ranked>, SearchError> {
    let articles = article_keys(searcher, top.iter().map(|r| r.address))?;
    let mut taken: HashMap<ArticleKey, usize> = HashMap::new();
    let mut kept = Vec::with_capacity(limit.min(top.len()));
    for (ranked, article) in top.into_iter().zip(articles) {
        if kept.len() >= limit {
            break;
        }
        let n = taken.entry(article).or_default();
        if *n < per_article {
            *n += 1;
            kept.push(ranked);
        }
    }
    Ok(kept)
}
