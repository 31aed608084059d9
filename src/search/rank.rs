//! Ranking: orders the best BM25 candidates of a query by the evidence a reader weighs.
//!
//! In: the top passages by BM25 (`(score, address)`) and the query's plain words. Out: the same
//! passages, each with its final score and how many of the query's words it holds, best first.
//!
//! A passage's final score adds, to its BM25 (scaled by the best candidate's), three kinds of
//! evidence with the weights of `ranking.json` (tuned on the *tune* half of
//! `benches/retrieval.py`): *coverage*, the share of the query's words it holds, each word
//! weighing its IDF, so "the" counts for nothing; *proximity*, how close together they stand (the
//! narrowest window holding every matched word); and *article*, the BM25 of the candidate's whole
//! article, all its passages read as one text (scaled by the best candidate article's), so a
//! passage of the article about the query outranks a stray mention. Everything is read from the
//! passage postings, not the doc store.

use super::columns::{article_end, head_of, str_column};
use super::query::Word;
use super::SearchError;
use crate::index::schema::BACK;
use serde::Deserialize;
use std::collections::HashMap;
use tantivy::postings::Postings;
use tantivy::postings::SegmentPostings;
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocAddress, DocId, DocSet, SegmentOrdinal};

/// The weights of the ranking, kept as data in `ranking.json`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// How many BM25 candidates are reranked (at least the hits asked for).
    pub depth: usize,
    /// How much more a query word found in the article's title weighs than in the passage.
    pub title_boost: f32,
    /// Weight of the share of the query's words (IDF-weighted) that the passage holds.
    pub coverage: f32,
    /// Weight of how close together the matched words stand.
    pub proximity: f32,
    /// Weight of the BM25 of the passage's whole article.
    pub article: f32,
}

impl Weights {
    /// The shipped weights, or those of the JSON file named by `NEWSDEX_RANKING` (for tuning).
    pub fn load() -> Result<Weights, SearchError> {
        let text = match std::env::var_os("NEWSDEX_RANKING") {
            Some(path) => std::fs::read_to_string(&path).map_err(|e| {
                SearchError::Query(format!("NEWSDEX_RANKING {}: {e}", path.to_string_lossy()))
            })?,
            None => include_str!("ranking.json").to_string(),
        };
        serde_json::from_str(&text).map_err(|e| SearchError::Query(format!("ranking weights: {e}")))
    }
}

/// A ranked passage.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ranked {
    /// Final score.
    pub score: f32,
    /// Where it is.
    pub address: DocAddress,
    /// How many of the query's words (stopwords aside) it holds.
    pub matched: usize,
}

/// The candidates in `top` (best BM25 first) reordered by the final score.
pub(crate) fn rerank(
    searcher: &tantivy::Searcher,
    top: Vec<(f32, DocAddress)>,
    words: &[Word],
    title: Option<Field>,
    w: &Weights,
) -> Result<Vec<Ranked>, SearchError> {
    let content: Vec<&Word> = words.iter().filter(|w| !w.stop).collect();
    if content.is_empty() || top.is_empty() {
        return Ok(top
            .into_iter()
            .map(|(score, address)| Ranked {
                score,
                address,
                matched: 0,
            })
            .collect());
    }
    let n = searcher.num_docs() as f32;
    let mut idf = Vec::with_capacity(content.len());
    for word in &content {
        let df = searcher.doc_freq(&word.term)? as f32;
        idf.push((1.0 + (n - df + 0.5) / (df + 0.5)).ln().max(0.0));
    }
    let idf_sum: f32 = idf.iter().sum::<f32>().max(f32::EPSILON);
    let evidence = positions(searcher, &top, &content)?;
    let titled = match title {
        Some(field) => in_title(searcher, &top, &content, field)?,
        None => vec![vec![false; content.len()]; top.len()],
    };
    let articles = article_keys(searcher, top.iter().map(|(_, a)| *a))?;
    let article_bm25 = article_scores(searcher, &articles, &content, &idf)?;
    let best = top.iter().map(|(s, _)| *s).fold(f32::EPSILON, f32::max);
    let best_article = article_bm25.values().copied().fold(f32::EPSILON, f32::max);
    let mut ranked: Vec<(usize, Ranked)> = top
        .iter()
        .enumerate()
        .map(|(i, (score, address))| {
            let found = &evidence[i];
            let in_text: Vec<usize> = (0..content.len())
                .filter(|&k| !found[k].is_empty())
                .collect();
            // The article's title speaks for every passage of it.
            let matched: Vec<usize> = (0..content.len())
                .filter(|&k| !found[k].is_empty() || titled[i][k])
                .collect();
            let coverage = matched.iter().map(|&k| idf[k]).sum::<f32>() / idf_sum;
            let lists: Vec<&[u32]> = in_text.iter().map(|&k| found[k].as_slice()).collect();
            let proximity = closeness(&lists);
            let final_score = score / best
                + w.coverage * coverage
                + w.proximity * proximity
                + w.article * article_bm25.get(&articles[i]).copied().unwrap_or(0.0) / best_article;
            (
                i,
                Ranked {
                    score: final_score,
                    address: *address,
                    matched: matched.len(),
                },
            )
        })
        .collect();
    // Ties keep the BM25 order.
    ranked.sort_by(|(i, a), (j, b)| b.score.total_cmp(&a.score).then(i.cmp(j)));
    Ok(ranked.into_iter().map(|(_, r)| r).collect())
}

/// For each candidate, for each word, the positions of the word in the passage text.
fn positions(
    searcher: &tantivy::Searcher,
    top: &[(f32, DocAddress)],
    words: &[&Word],
) -> Result<Vec<Vec<Vec<u32>>>, SearchError> {
    let mut out = vec![vec![Vec::new(); words.len()]; top.len()];
    let order = by_address(top);
    for (k, word) in words.iter().enumerate() {
        let option = IndexRecordOption::WithFreqsAndPositions;
        walk(searcher, top, &order, &word.term, option, |i, postings| {
            postings.positions(&mut out[i][k]);
        })?;
    }
    Ok(out)
}

/// For each candidate, for each word, whether its article's title holds it.
fn in_title(
    searcher: &tantivy::Searcher,
    top: &[(f32, DocAddress)],
    words: &[&Word],
    field: Field,
) -> Result<Vec<Vec<bool>>, SearchError> {
    let mut out = vec![vec![false; words.len()]; top.len()];
    let order = by_address(top);
    for (k, word) in words.iter().enumerate() {
        let term = Term::from_field_text(field, word.term.value().as_str().unwrap_or_default());
        walk(
            searcher,
            top,
            &order,
            &term,
            IndexRecordOption::Basic,
            |i, _| {
                out[i][k] = true;
            },
        )?;
    }
    Ok(out)
}

/// The indices of `top` by segment and document: the order postings can be read in.
fn by_address(top: &[(f32, DocAddress)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..top.len()).collect();
    order.sort_by_key(|&i| (top[i].1.segment_ord, top[i].1.doc_id));
    order
}

/// Calls `found(i, postings)` for each candidate `top[i]` whose document holds `term`, visiting
/// them in `order` (from [`by_address`]): postings only move forward.
fn walk(
    searcher: &tantivy::Searcher,
    top: &[(f32, DocAddress)],
    order: &[usize],
    term: &Term,
    option: IndexRecordOption,
    mut found: impl FnMut(usize, &mut SegmentPostings),
) -> Result<(), SearchError> {
    let mut current: Option<(SegmentOrdinal, Option<SegmentPostings>)> = None;
    for &i in order {
        let DocAddress {
            segment_ord,
            doc_id,
        } = top[i].1;
        if current.as_ref().is_none_or(|(s, _)| *s != segment_ord) {
            let inverted = searcher
                .segment_reader(segment_ord)
                .inverted_index(term.field())?;
            let postings = inverted
                .read_postings(term, option)
                .map_err(tantivy::TantivyError::from)?;
            current = Some((segment_ord, postings));
        }
        let Some((_, Some(postings))) = current.as_mut() else {
            continue;
        };
        if postings.doc() < doc_id {
            postings.seek(doc_id);
        }
        if postings.doc() == doc_id {
            found(i, postings);
        }
    }
    Ok(())
}

/// The BM25 of each candidate's article for `words`, its passages' text read as one document,
/// by article. Read from the passage postings over each article's run of documents, so the
/// index keeps no second copy of the text for it.
fn article_scores(
    searcher: &tantivy::Searcher,
    articles: &[ArticleKey],
    words: &[&Word],
    idf: &[f32],
) -> Result<HashMap<ArticleKey, f32>, SearchError> {
    let Some(field) = words.first().map(|w| w.term.field()) else {
        return Ok(HashMap::new());
    };
    let (mut tokens, mut count) = (0u64, 0u64);
    for segment in searcher.segment_readers() {
        tokens += segment.inverted_index(field)?.total_num_tokens();
        count += str_column(segment, "article_id")?.num_terms() as u64;
    }
    let average = (tokens as f32 / count.max(1) as f32).max(1.0);
    let mut heads: Vec<ArticleKey> = articles.to_vec();
    heads.sort_unstable();
    heads.dedup();
    let mut scores = HashMap::new();
    for by_segment in heads.chunk_by(|a, b| a.0 == b.0) {
        let segment = searcher.segment_reader(by_segment[0].0);
        let back = segment.fast_fields().u64(BACK)?;
        // Each article's run of documents, in document order.
        let runs: Vec<(DocId, DocId)> = by_segment
            .iter()
            .map(|&(_, head)| (head, article_end(&back, head, segment.max_doc())))
            .collect();
        let norms = segment.get_fieldnorms_reader(field)?;
        let inverted = segment.inverted_index(field)?;
        let mut freqs = vec![vec![0u32; runs.len()]; words.len()];
        for (k, word) in words.iter().enumerate() {
            let Some(mut postings) = inverted
                .read_postings(&word.term, IndexRecordOption::WithFreqs)
                .map_err(tantivy::TantivyError::from)?
            else {
                continue;
            };
            for (r, &(start, end)) in runs.iter().enumerate() {
                if postings.doc() < start {
                    postings.seek(start);
                }
                while postings.doc() < end {
                    freqs[k][r] += postings.term_freq();
                    postings.advance();
                }
            }
        }
        for (r, (&(start, end), &key)) in runs.iter().zip(by_segment).enumerate() {
            let length: u32 = (start..end).map(|d| norms.fieldnorm(d)).sum();
            let norm = K1 * (1.0 - B + B * length as f32 / average);
            let score = (0..words.len())
                .map(|k| {
                    let tf = freqs[k][r] as f32;
                    idf[k] * tf * (K1 + 1.0) / (tf + norm)
                })
                .sum();
            scores.insert(key, score);
        }
    }
    Ok(scores)
}

/// An article: its segment and its head passage there (an article's passages sit in one
/// segment).
pub(super) type ArticleKey = (SegmentOrdinal, DocId);

/// BM25's term-frequency saturation and length normalisation, as Tantivy's.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// For each document, its article.
pub(super) fn article_keys(
    searcher: &tantivy::Searcher,
    addresses: impl Iterator<Item = DocAddress>,
) -> Result<Vec<ArticleKey>, SearchError> {
    let mut columns = HashMap::new();
    let mut keys = Vec::new();
    for address in addresses {
        let segment = address.segment_ord;
        if let std::collections::hash_map::Entry::Vacant(e) = columns.entry(segment) {
            e.insert(searcher.segment_reader(segment).fast_fields().u64(BACK)?);
        }
        keys.push((segment, head_of(&columns[&segment], address.doc_id)));
    }
    Ok(keys)
}

/// How close together the words stand: matched words over the width of the narrowest window of
/// positions holding each of them (1 when adjacent); 0 for fewer than two words.
fn closeness(lists: &[&[u32]]) -> f32 {
    if lists.len() < 2 {
        return 0.0;
    }
    let mut merged: Vec<(u32, usize)> = lists
        .iter()
        .enumerate()
        .flat_map(|(k, list)| list.iter().map(move |&p| (p, k)))
        .collect();
    merged.sort_unstable();
    let mut count = vec![0usize; lists.len()];
    let mut covered = 0;
    let mut best = u32::MAX;
    let mut left = 0;
    for right in 0..merged.len() {
        let k = merged[right].1;
        count[k] += 1;
        if count[k] == 1 {
            covered += 1;
        }
        while covered == lists.len() {
            best = best.min(merged[right].0 - merged[left].0 + 1);
            let j = merged[left].1;
            count[j] -= 1;
            if count[j] == 0 {
                covered -= 1;
            }
            left += 1;
        }
    }
    lists.len() as f32 / best.max(1) as f32
}

#[cfg(test)]
mod tests {
    use super::closeness;

    #[test]
    fn adjacent_words_are_closest() {
        assert_eq!(closeness(&[&[3], &[4]]), 1.0);
        assert_eq!(closeness(&[&[1, 30], &[10, 31], &[29]]), 1.0);
        assert!(closeness(&[&[0], &[9]]) < 0.25);
        assert_eq!(closeness(&[&[0]]), 0.0);
    }

    #[test]
    fn the_shipped_weights_load() {
        let w = super::Weights::load().unwrap();
        assert!(w.depth >= 10 && w.title_boost > 0.0);
    }
}
