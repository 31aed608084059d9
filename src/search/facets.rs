//! Facets: the actors and places most often found in the articles matching a request.
//!
//! In: a [`Request`]. Out: [`Facets`]: the number of matching articles and, for the top actors
//! and places, the number of those articles that mention each (an article counts once however
//! many of its passages match). Names come back in their canonical case.

use super::columns::{resolve, str_column, FirstPassage};
use super::{Request, SearchError, Searcher};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Top actors and places of a request's matching articles.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Facets {
    /// Number of distinct articles with at least one matching passage.
    pub articles: usize,
    /// Actors and the number of matching articles mentioning them, most frequent first.
    pub actors: Vec<(String, usize)>,
    /// Places and the number of matching articles mentioning them, most frequent first.
    pub places: Vec<(String, usize)>,
}

impl Searcher {
    /// The `top` most frequent actors and places of the articles matching `req`.
    pub fn facets(&self, req: &Request, top: usize) -> Result<Facets, SearchError> {
        let (query, _) = self.query(req)?;
        let counts = self.reader.searcher().search(&query, &FacetCollector)?;
        Ok(Facets {
            articles: counts.articles,
            actors: best(counts.actors, top),
            places: best(counts.places, top),
        })
    }
}

/// The `top` most frequent actors and places of the articles in `dir` matching `req`.
pub fn facets(dir: &Path, req: &Request, top: usize) -> Result<Facets, SearchError> {
    Searcher::open(dir)?.facets(req, top)
}

/// The `top` names by count, ties by name so the order is stable.
pub fn best(counts: HashMap<String, usize>, top: usize) -> Vec<(String, usize)> {
    let mut list: Vec<_> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list.truncate(top);
    list
}

/// Counts per name, over distinct articles.
#[derive(Debug, Default)]
struct Counts {
    articles: usize,
    actors: HashMap<String, usize>,
    places: HashMap<String, usize>,
}

/// Collects the article-level actor and place columns of matching passages.
struct FacetCollector;

/// Per-segment state: counts by column ordinal, resolved to names at harvest.
struct SegmentFacets {
    articles: FirstPassage,
    actors: StrColumn,
    places: StrColumn,
    actor_counts: HashMap<u64, usize>,
    place_counts: HashMap<u64, usize>,
}

impl Collector for FacetCollector {
    type Fruit = Counts;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        Ok(SegmentFacets {
            articles: FirstPassage::new(segment)?,
            actors: str_column(segment, "actor")?,
            places: str_column(segment, "place")?,
            actor_counts: HashMap::new(),
            place_counts: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut total = Counts::default();
        for fruit in fruits {
            total.articles += fruit.articles;
            for (name, n) in fruit.actors {
                *total.actors.entry(name).or_default() += n;
            }
            for (name, n) in fruit.places {
                *total.places.entry(name).or_default() += n;
            }
        }
        Ok(total)
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(head) = self.articles.first(doc) else {
            return;
        };
        for ord in self.actors.term_ords(head) {
            *self.actor_counts.entry(ord).or_default() += 1;
        }
        for ord in self.places.term_ords(head) {
            *self.place_counts.entry(ord).or_default() += 1;
        }
    }

    fn harvest(self) -> Counts {
        Counts {
            articles: self.articles.articles(),
            actors: names(&self.actors, self.actor_counts),
            places: names(&self.places, self.place_counts),
        }
    }
}

/// Replaces column ordinals by the names they stand for.
fn names(column: &StrColumn, counts: HashMap<u64, usize>) -> HashMap<String, usize> {
    let names = resolve(column, counts.keys().copied());
    let mut out = HashMap::with_capacity(counts.len());
    for (ord, n) in counts {
        if let Some(name) = names.get(&ord) {
            *out.entry(name.clone()).or_default() += n;
        }
    }
    out
}
