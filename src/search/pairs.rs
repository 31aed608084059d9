//! Pairs: the actors and places named together in the articles matching a request.
//!
//! In: a [`Request`]. Out: [`Pair`]s of an actor and a place with the number of matching
//! articles that mention both (anywhere in the article, once per article), most frequent first.

use super::{Request, SearchError, Searcher};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, TantivyError};

/// An actor and a place mentioned in the same articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pair {
    /// Canonical actor name.
    pub actor: String,
    /// Canonical place name.
    pub place: String,
    /// Number of matching articles that mention both.
    pub articles: usize,
}

impl Searcher {
    /// The `top` actor and place pairs most often found together in the articles matching `req`.
    pub fn pairs(&self, req: &Request, top: usize) -> Result<Vec<Pair>, SearchError> {
        let (query, _) = self.query(req)?;
        let counts = self.reader.searcher().search(&query, &PairCollector)?;
        let mut list: Vec<Pair> = counts
            .into_iter()
            .map(|((actor, place), articles)| Pair {
                actor,
                place,
                articles,
            })
            .collect();
        list.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then_with(|| a.actor.cmp(&b.actor))
                .then_with(|| a.place.cmp(&b.place))
        });
        list.truncate(top);
        Ok(list)
    }
}

type PairCounts = HashMap<(String, String), usize>;

/// Counts actor x place pairs over the distinct matching articles.
struct PairCollector;

/// Per-segment state: counts by column ordinals, resolved to names at harvest.
struct SegmentPairs {
    ids: StrColumn,
    actors: StrColumn,
    places: StrColumn,
    // An article's passages are written in one batch, hence live in one segment.
    seen: HashSet<u64>,
    counts: HashMap<(u64, u64), usize>,
}

/// The fast string column `name` of `segment`.
pub(super) fn str_column(segment: &SegmentReader, name: &str) -> tantivy::Result<StrColumn> {
    segment
        .fast_fields()
        .str(name)?
        .ok_or_else(|| TantivyError::SchemaError(format!("no fast column {name}")))
}

impl Collector for PairCollector {
    type Fruit = PairCounts;
    type Child = SegmentPairs;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentPairs> {
        Ok(SegmentPairs {
            ids: str_column(segment, "article_id")?,
            actors: str_column(segment, "actor")?,
            places: str_column(segment, "place")?,
            seen: HashSet::new(),
            counts: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<PairCounts>) -> tantivy::Result<PairCounts> {
        let mut total = PairCounts::new();
        for fruit in fruits {
            for (pair, n) in fruit {
                *total.entry(pair).or_default() += n;
            }
        }
        Ok(total)
    }
}

impl SegmentCollector for SegmentPairs {
    type Fruit = PairCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(article) = self.ids.term_ords(doc).next() else {
            return;
        };
        if !self.seen.insert(article) {
            return;
        }
        let places: Vec<u64> = self.places.term_ords(doc).collect();
        for actor in self.actors.term_ords(doc) {
            for &place in &places {
                *self.counts.entry((actor, place)).or_default() += 1;
            }
        }
    }

    fn harvest(self) -> PairCounts {
        let actor_names = resolve(&self.actors, self.counts.keys().map(|k| k.0));
        let place_names = resolve(&self.places, self.counts.keys().map(|k| k.1));
        let mut out = PairCounts::with_capacity(self.counts.len());
        for ((actor, place), n) in self.counts {
            if let (Some(a), Some(p)) = (actor_names.get(&actor), place_names.get(&place)) {
                *out.entry((a.clone(), p.clone())).or_default() += n;
            }
        }
        out
    }
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
