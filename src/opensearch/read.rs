//! Reading: ranked passages, facets and timelines from the cluster.
//!
//! In: a [`Request`]. Out: the same [`Hit`]s, [`Facets`] and [`Timeline`] as the embedded
//! index gives: hits with highlights from OpenSearch's highlighter, facets from `terms`
//! aggregations counting distinct articles, the timeline from a `date_histogram` by day
//! grouped into periods the way the embedded index groups them.

use super::query::{translate, Translated};
use super::{mapping, Cluster, ClusterError, Method};
use crate::choice::Choice;
use crate::index::Section;
use crate::search::{
    best, Facets, Hit, NameCount, Pair, Period, Request, Results, SearchError, SectionCount, Stats,
    Timeline, Weights,
};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Marks around highlighted words: private-use characters no page holds.
const PRE: char = '\u{E000}';
const POST: char = '\u{E001}';
/// Hits per page of a scroll (`--all`, and ranked lists past [`MAX_WINDOW`]).
const PAGE: usize = 500;
/// The most hits one OpenSearch search returns (its `index.max_result_window`).
const MAX_WINDOW: usize = 10_000;
/// Below this many distinct articles, OpenSearch counts them exactly (and above, within about
/// 1%); each bucket's counter costs about 8 bytes per unit, so facets use a smaller one per name.
const EXACT_DISTINCT: u32 = 40_000;
/// The same, for the count under each name or day of a facet, pair or timeline.
const EXACT_DISTINCT_PER_BUCKET: u32 = 3_000;
/// Actors, and places under each, among which [`Searcher::pairs`] looks for pairs.
const PAIR_CANDIDATES: usize = 100;
/// Hits fetched per hit asked when some are dropped for `per_article`.
const OVERFETCH: usize = 4;

/// An OpenSearch index, for searching.
pub struct Searcher {
    cluster: Cluster,
    weights: Weights,
}

impl From<ClusterError> for SearchError {
    fn from(e: ClusterError) -> SearchError {
        SearchError::Remote(e.to_string())
    }
}

impl Searcher {
    /// Opens the index of `cluster` for reading; fails when it does not exist.
    pub fn open(cluster: Cluster) -> Result<Searcher, SearchError> {
        if !cluster.exists(cluster.index())? {
            return Err(ClusterError::NoIndex(cluster.index().to_string()).into());
        }
        Ok(Searcher {
            cluster,
            weights: Weights::load()?,
        })
    }

    /// The best hits of `req`, best first.
    pub fn search(&self, req: &Request) -> Result<Vec<Hit>, SearchError> {
        Ok(self.search_counted(req)?.hits)
    }

    /// The best hits of `req` and the number of matching passages.
    pub fn search_counted(&self, req: &Request) -> Result<Results, SearchError> {
        let translated = translate(req, &self.weights)?;
        let wanted = req.hits_wanted();
        if wanted > MAX_WINDOW {
            // Past OpenSearch's result window, the ranked hits come through a scroll by score.
            let mut hits = Vec::with_capacity(wanted.min(100_000));
            let total = self.scroll(&translated, true, |hit| -> Result<bool, SearchError> {
                hits.push(hit);
                Ok(hits.len() < wanted)
            })?;
            return Ok(Results { total, hits });
        }
        let answer = self.cluster.search(&self.body(&translated, wanted, true))?;
        let hits = self.hits(&answer, &translated, 1)?;
        Ok(Results {
            total: total(&answer),
            hits,
        })
    }

    /// The best hits of `req`, at most `per_article` from any one article.
    pub fn search_per_article(
        &self,
        req: &Request,
        per_article: usize,
    ) -> Result<Results, SearchError> {
        let translated = translate(req, &self.weights)?;
        let limit = req.hits_wanted();
        let mut want = limit.saturating_mul(OVERFETCH).max(self.weights.depth);
        loop {
            let answer = self.cluster.search(&self.body(&translated, want, true))?;
            let fetched = answer["hits"]["hits"].as_array().map_or(0, Vec::len);
            let total = total(&answer);
            let mut taken: HashMap<String, usize> = HashMap::new();
            let mut kept = Vec::new();
            for hit in self.hits(&answer, &translated, 1)? {
                let n = taken.entry(hit.article_id.clone()).or_default();
                if *n < per_article && kept.len() < limit {
                    *n += 1;
                    kept.push(hit);
                }
            }
            if kept.len() >= limit || fetched >= total || want >= MAX_WINDOW {
                for (i, hit) in kept.iter_mut().enumerate() {
                    hit.rank = i + 1;
                }
                return Ok(Results { total, hits: kept });
            }
            want = (want * 2).min(MAX_WINDOW);
        }
    }

    /// Number of passages matching `req`.
    pub fn count(&self, req: &Request) -> Result<usize, SearchError> {
        let translated = translate(req, &self.weights)?;
        let answer = self.cluster.json(
            Method::Post,
            &format!("{}/_count", self.cluster.index()),
            Some(&json!({ "query": translated.query })),
            "a count",
        )?;
        Ok(answer["count"].as_u64().unwrap_or(0) as usize)
    }

    /// Hands every hit of `req` to `each`, in index order, ranked 1, 2, ...; returns how many.
    pub fn each_hit<E: From<SearchError>>(
        &self,
        req: &Request,
        mut each: impl FnMut(Hit) -> Result<(), E>,
    ) -> Result<usize, E> {
        let translated = translate(req, &self.weights)?;
        let mut n = 0;
        self.scroll(&translated, false, |hit| {
            n += 1;
            each(hit).map(|()| true)
        })?;
        Ok(n)
    }

    /// Hands the hits of `translated` to `each`, ranked 1, 2, ..., by score or in index order,
    /// until `each` says stop; returns the number of matching passages.
    fn scroll<E: From<SearchError>>(
        &self,
        translated: &Translated,
        by_score: bool,
        mut each: impl FnMut(Hit) -> Result<bool, E>,
    ) -> Result<usize, E> {
        // A scroll counts its matches whatever it is told.
        let mut body = self.body(translated, PAGE, true);
        if !by_score {
            body["sort"] = json!(["_doc"]);
        }
        let mut answer = self
            .cluster
            .json(
                Method::Post,
                &format!("{}/_search?scroll=2m", self.cluster.index()),
                Some(&body),
                "a search",
            )
            .map_err(SearchError::from)?;
        let matching = total(&answer);
        let mut rank = 0;
        let result = 'pages: loop {
            let hits = self.hits(&answer, translated, rank + 1)?;
            if hits.is_empty() {
                break Ok(matching);
            }
            for hit in hits {
                rank += 1;
                match each(hit) {
                    Ok(true) => {}
                    Ok(false) => break 'pages Ok(matching),
                    Err(e) => break 'pages Err(e),
                }
            }
            let next = json!({ "scroll": "2m", "scroll_id": answer["_scroll_id"] });
            match self
                .cluster
                .json(Method::Post, "_search/scroll", Some(&next), "a search")
            {
                Ok(a) => answer = a,
                Err(e) => break Err(SearchError::from(e).into()),
            }
        };
        self.end_scroll(&answer);
        result
    }

    /// Frees the cluster's scroll context early (it would expire anyway).
    fn end_scroll(&self, answer: &Value) {
        if let Some(id) = answer["_scroll_id"].as_str() {
            let body = json!({ "scroll_id": id });
            let _ = self.cluster.json(
                Method::Delete,
                "_search/scroll",
                Some(&body),
                "ending a scroll",
            );
        }
    }

    /// The `top` most frequent actors and places of the articles matching `req`.
    pub fn facets(&self, req: &Request, top: usize) -> Result<Facets, SearchError> {
        let translated = translate(req, &self.weights)?;
        let names = |field: &str| {
            json!({
                "terms": { "field": field, "size": top.max(1), "order": [{ "articles": "desc" }, { "_key": "asc" }] },
                "aggs": { "articles": distinct("article_id", EXACT_DISTINCT_PER_BUCKET) },
            })
        };
        let aggs = &self.aggregate(
            &translated.query,
            json!({
                "articles": distinct("article_id", EXACT_DISTINCT),
                "actors": names("actor.raw"),
                "places": names("place.raw"),
            }),
        )?;
        let list = |name: &str| -> Vec<(String, usize)> {
            let counts = buckets(&aggs[name])
                .iter()
                .filter_map(|b| {
                    let n = b["articles"]["value"].as_u64()?;
                    Some((b["key"].as_str()?.to_string(), n as usize))
                })
                .collect();
            best(counts, top)
        };
        Ok(Facets {
            articles: aggs["articles"]["value"].as_u64().unwrap_or(0) as usize,
            actors: list("actors"),
            places: list("places"),
        })
    }

    /// The actor and place pairs most often named together in the articles matching `req`.
    /// Approximate where the embedded index is exact: pairs are sought among the
    /// [`PAIR_CANDIDATES`] most frequent actors and, under each, its most frequent places.
    pub fn pairs(&self, req: &Request, top: usize) -> Result<Vec<Pair>, SearchError> {
        let translated = translate(req, &self.weights)?;
        let aggs = self.aggregate(
            &translated.query,
            json!({ "actors": {
                "terms": { "field": "actor.raw", "size": PAIR_CANDIDATES },
                "aggs": { "places": {
                    "terms": { "field": "place.raw", "size": PAIR_CANDIDATES },
                    "aggs": { "articles": distinct("article_id", EXACT_DISTINCT_PER_BUCKET) },
                }},
            }}),
        )?;
        let mut list = Vec::new();
        for actor in buckets(&aggs["actors"]) {
            for place in buckets(&actor["places"]) {
                let (Some(a), Some(p), Some(n)) = (
                    actor["key"].as_str(),
                    place["key"].as_str(),
                    place["articles"]["value"].as_u64(),
                ) else {
                    continue;
                };
                // A country that acts is also a place; pairing it with itself says nothing.
                if a != p {
                    list.push(Pair {
                        actor: a.to_string(),
                        place: p.to_string(),
                        articles: n as usize,
                    });
                }
            }
        }
        Ok(Pair::best(list, top))
    }

    /// Counts what the index holds, with the `top` actors and places: the same figures as the
    /// embedded index's `stats`.
    pub fn stats(&self, top: usize) -> Result<Stats, SearchError> {
        let everything = Request::default();
        let facets = self.facets(&everything, top)?;
        let days = self.timeline(&everything, Period::Day)?;
        let mut sections = Vec::new();
        for section in [Section::Title, Section::Body, Section::Comments] {
            let req = Request {
                section: Some(section),
                ..Request::default()
            };
            sections.push(SectionCount {
                section,
                articles: self.timeline(&req, Period::Day)?.articles,
                passages: self.count(&req)?,
            });
        }
        // Sources held are the ledger's entries that are not superseded by another copy.
        let held = json!({ "query": { "term": { "superseded": false } } });
        let sources = self.cluster.json(
            Method::Post,
            &format!("{}/_count", self.cluster.ledger_index()),
            Some(&held),
            "a count",
        )?;
        let sites = self.aggregate(
            &json!({ "match_all": {} }),
            json!({ "sites": distinct("site", EXACT_DISTINCT) }),
        )?;
        let names = |list: Vec<(String, usize)>| -> Vec<NameCount> {
            list.into_iter()
                .map(|(name, articles)| NameCount { name, articles })
                .collect()
        };
        Ok(Stats {
            articles: facets.articles,
            passages: self.count(&everything)?,
            sources: sources["count"].as_u64().unwrap_or(0) as usize,
            sites: sites["sites"]["value"].as_u64().unwrap_or(0) as usize,
            first: days.buckets.first().map(|b| b.start.clone()),
            last: days.buckets.last().map(|b| b.start.clone()),
            undated: days.undated,
            sections,
            actors: names(facets.actors),
            places: names(facets.places),
        })
    }

    /// The articles matching `req` counted per period of `by`.
    pub fn timeline(&self, req: &Request, by: Period) -> Result<Timeline, SearchError> {
        let translated = translate(req, &self.weights)?;
        let per_day = distinct("article_id", EXACT_DISTINCT_PER_BUCKET);
        let aggs = &self.aggregate(
            &translated.query,
            json!({
                "days": {
                    "date_histogram": { "field": "date", "calendar_interval": "day", "min_doc_count": 1, "format": "yyyy-MM-dd" },
                    "aggs": { "articles": per_day.clone() },
                },
                "undated": { "missing": { "field": "date" }, "aggs": { "articles": per_day } },
            }),
        )?;
        let mut days = BTreeMap::new();
        for bucket in buckets(&aggs["days"]) {
            let day = bucket["key_as_string"]
                .as_str()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            if let (Some(day), Some(n)) = (day, bucket["articles"]["value"].as_u64()) {
                days.insert(day, n as usize);
            }
        }
        let undated = aggs["undated"]["articles"]["value"].as_u64().unwrap_or(0) as usize;
        Ok(Timeline::from_days(&days, undated, by))
    }

    /// Runs `aggs` over the passages matching `query` (no hits) and returns the aggregations.
    fn aggregate(&self, query: &Value, aggs: Value) -> Result<Value, SearchError> {
        let body = json!({ "size": 0, "track_total_hits": false, "query": query, "aggs": aggs });
        let mut answer = self.cluster.search(&body)?;
        Ok(answer["aggregations"].take())
    }

    /// A search body asking for `size` hits of `translated`, with highlights.
    fn body(&self, translated: &Translated, size: usize, count: bool) -> Value {
        let mut fields = serde_json::Map::new();
        for f in mapping::text_fields()
            .into_iter()
            .chain(mapping::title_fields())
        {
            fields.insert(f, json!({}));
        }
        json!({
            "size": size,
            "track_total_hits": count,
            "query": translated.query,
            "_source": { "excludes": ["actor", "actor_tail", "place", "source", "hash"] },
            "highlight": {
                "pre_tags": [PRE.to_string()],
                "post_tags": [POST.to_string()],
                // The whole field: highlights are offsets into the whole passage.
                "number_of_fragments": 0,
                "require_field_match": false,
                "fields": fields,
            }
        })
    }

    /// The hits of a search answer, ranked from `first`.
    fn hits(
        &self,
        answer: &Value,
        translated: &Translated,
        first: usize,
    ) -> Result<Vec<Hit>, SearchError> {
        let list = answer["hits"]["hits"]
            .as_array()
            .map(|h| h.as_slice())
            .unwrap_or_default();
        let mut out = Vec::with_capacity(list.len());
        for (i, item) in list.iter().enumerate() {
            let doc = &item["_source"];
            let text = |name: &str| doc[name].as_str().map(str::to_string);
            let prefixed = |prefix: &str| -> Option<(String, String)> {
                doc.as_object()?
                    .iter()
                    .find(|(k, _)| k.starts_with(prefix))
                    .and_then(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
            };
            let section = text("section")
                .and_then(|s| Section::named(&s))
                .unwrap_or(Section::Body);
            let title = prefixed("title_");
            let (field, passage) = match section {
                Section::Title => title.clone(),
                _ => prefixed("text_"),
            }
            .unwrap_or_default();
            let marked = item["highlight"][&field][0].as_str();
            let highlights = marked.map(offsets).unwrap_or_default();
            let matched: HashSet<String> = highlights
                .iter()
                .map(|[s, e]| {
                    passage
                        .chars()
                        .skip(*s)
                        .take(e - s)
                        .collect::<String>()
                        .to_lowercase()
                })
                .collect();
            let names = |name: &str| -> Vec<String> {
                doc[name]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            out.push(Hit {
                rank: first + i,
                score: item["_score"].as_f64().unwrap_or(0.0) as f32,
                article_id: text("article_id").unwrap_or_default(),
                title: title.map(|(_, t)| t).unwrap_or_default(),
                date: text("date"),
                url: text("url"),
                path: text("path").unwrap_or_default(),
                section,
                highlights,
                passage,
                actors: names("passage_actors"),
                places: names("passage_places"),
                matched_words: matched.len().min(translated.query_words),
                query_words: translated.query_words,
            });
        }
        Ok(out)
    }
}

/// An aggregation counting the distinct values of `field`, exactly below `threshold`.
fn distinct(field: &str, threshold: u32) -> Value {
    json!({ "cardinality": { "field": field, "precision_threshold": threshold } })
}

/// The buckets of an aggregation answer.
fn buckets(agg: &Value) -> &[Value] {
    agg["buckets"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// The `[start, end)` character offsets of the marked words of a highlighted text.
fn offsets(marked: &str) -> Vec<[usize; 2]> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut start = None;
    for c in marked.chars() {
        match c {
            PRE => start = Some(at),
            POST => {
                if let Some(s) = start.take() {
                    out.push([s, at]);
                }
            }
            _ => at += 1,
        }
    }
    out
}

/// The total of a search answer that tracked it.
fn total(answer: &Value) -> usize {
    answer["hits"]["total"]["value"].as_u64().unwrap_or(0) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_character_offsets() {
        let marked = format!("The {PRE}évacuation{POST} of {PRE}Aleppo{POST}");
        assert_eq!(offsets(&marked), vec![[4, 14], [18, 24]]);
    }
}
