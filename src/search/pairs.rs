//! Pairs: the actors and places named together in the articles matching a request.
//!
//! In: a [`Request`]. Out: [`Pair`]s of an actor and a place with the number of matching
//! articles that mention both (anywhere in the article, once per article), most frequent first.
//! A name is never paired with itself ("Syria" acting in Syria).

use super::columns::{resolve, str_column, FirstPassage};
use super::{Request, SearchError, Searcher};
use serde::Serialize;
use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

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
        let list: Vec<Pair> = counts
            .into_iter()
            // A country that acts is also a place; pairing it with itself says nothing.
            .filter(|((actor, place), _)| actor != place)
            .map(|((actor, place), articles)| Pair {
                actor,
                place,
                articles,
            })
            .collect();
        Ok(Pair::best(list, top))
    }
}

impl Pair {
    /// The `top` pairs by article count, ties by name so the order is stable.
    pub fn best(mut list: Vec<Pair>, top: usize) -> Vec<Pair> {
        list.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then_with(|| a.actor.cmp(&b.actor))
                .then_with(|| a.place.cmp(&b.place))
        });
        list.truncate(top);
        list
    }
}

type PairCounts = HashMap<(String, String), usize>;

/// Counts actor x place pairs over the distinct matching articles.
struct PairCollector;

/// Per-segment state: counts by column ordinals, resolved to names at harvest.
struct SegmentPairs {
    articles: FirstPassage,
    actors: StrColumn,
    places: StrColumn,
    counts: HashMap<(u64, u64), usize>,
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
            articles: FirstPassage::new(segment)?,
            actors: str_column(segment, "actor")?,
            places: str_column(segment, "place")?,
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
        let Some(head) = self.articles.first(doc) else {
            return;
        };
        let places: Vec<u64> = self.places.term_ords(head).collect();
        for actor in self.actors.term_ords(head) {
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
