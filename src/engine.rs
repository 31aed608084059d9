//! Engine: one index to search, embedded (Tantivy) or in an OpenSearch cluster.
//!
//! In: an index folder, or an OpenSearch URL. Out: the same searches on either: ranked hits,
//! every hit, facets, pairs, timelines. The CLI and `serve` search through this, so a command
//! takes `--opensearch URL` instead of `--index DIR` and gives the same shape of results.

use crate::opensearch::{self, Cluster};
use crate::search::{
    self, Facets, Hit, Pair, Period, Request, Results, SearchError, Stats, Timeline,
};
use std::path::Path;

/// An open index, for searching.
pub enum Engine {
    /// The embedded index in a folder.
    Embedded(Box<search::Searcher>),
    /// An index in an OpenSearch cluster.
    Cluster(opensearch::Searcher),
}

impl Engine {
    /// Opens the index at `opensearch` when given, else the one in the folder `dir`.
    pub fn open(dir: &Path, opensearch: Option<&str>) -> Result<Engine, SearchError> {
        match opensearch {
            Some(url) => {
                let cluster = Cluster::new(url).map_err(SearchError::from)?;
                Ok(Engine::Cluster(opensearch::Searcher::open(cluster)?))
            }
            None => Ok(Engine::Embedded(Box::new(search::Searcher::open(dir)?))),
        }
    }

    /// Sees what was written since the index was opened (a cluster always shows it).
    pub fn reload(&self) -> Result<(), SearchError> {
        match self {
            Engine::Embedded(s) => s.reload(),
            Engine::Cluster(_) => Ok(()),
        }
    }

    /// The best hits of `req`, best first.
    pub fn search(&self, req: &Request) -> Result<Vec<Hit>, SearchError> {
        match self {
            Engine::Embedded(s) => s.search(req),
            Engine::Cluster(s) => s.search(req),
        }
    }

    /// The best hits of `req` and the number of matching passages.
    pub fn search_counted(&self, req: &Request) -> Result<Results, SearchError> {
        match self {
            Engine::Embedded(s) => s.search_counted(req),
            Engine::Cluster(s) => s.search_counted(req),
        }
    }

    /// The best hits of `req`, at most `per_article` from any one article.
    pub fn search_per_article(
        &self,
        req: &Request,
        per_article: usize,
    ) -> Result<Results, SearchError> {
        match self {
            Engine::Embedded(s) => s.search_per_article(req, per_article),
            Engine::Cluster(s) => s.search_per_article(req, per_article),
        }
    }

    /// Number of passages matching `req`.
    pub fn count(&self, req: &Request) -> Result<usize, SearchError> {
        match self {
            Engine::Embedded(s) => s.count(req),
            Engine::Cluster(s) => s.count(req),
        }
    }

    /// Hands every hit of `req` to `each`, in index order; returns how many.
    pub fn each_hit<E: From<SearchError>>(
        &self,
        req: &Request,
        each: impl FnMut(Hit) -> Result<(), E>,
    ) -> Result<usize, E> {
        match self {
            Engine::Embedded(s) => s.each_hit(req, each),
            Engine::Cluster(s) => s.each_hit(req, each),
        }
    }

    /// The `top` most frequent actors and places of the articles matching `req`.
    pub fn facets(&self, req: &Request, top: usize) -> Result<Facets, SearchError> {
        match self {
            Engine::Embedded(s) => s.facets(req, top),
            Engine::Cluster(s) => s.facets(req, top),
        }
    }

    /// The `top` actor and place pairs most often named together in the matching articles.
    pub fn pairs(&self, req: &Request, top: usize) -> Result<Vec<Pair>, SearchError> {
        match self {
            Engine::Embedded(s) => s.pairs(req, top),
            Engine::Cluster(s) => s.pairs(req, top),
        }
    }

    /// The articles matching `req` counted per period of `by`.
    pub fn timeline(&self, req: &Request, by: Period) -> Result<Timeline, SearchError> {
        match self {
            Engine::Embedded(s) => s.timeline(req, by),
            Engine::Cluster(s) => s.timeline(req, by),
        }
    }

    /// What the whole index holds, with the `top` actors and places.
    pub fn stats(&self, top: usize) -> Result<Stats, SearchError> {
        match self {
            Engine::Embedded(s) => s.stats(top),
            Engine::Cluster(s) => s.stats(top),
        }
    }
}
