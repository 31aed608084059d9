//! Ledger: which source's article the index holds, under which id, with which content.
//!
//! In: what the index already holds, as (source, content hash, article id) triples, and each
//! article a run adds. Out: for each new article, the id it goes under and the ids whose
//! passages it replaces. Both backends (Tantivy, OpenSearch) keep one, so an archive re-read
//! into either gives the same articles under the same ids.

use crate::clean::Article;
use std::collections::HashMap;

/// What the index holds and what this run has added, by source and by article id.
#[derive(Debug, Default)]
pub struct Ledger {
    /// source -> (content hash, article id).
    sources: HashMap<String, (String, String)>,
    /// article id -> sources it was read from.
    ids: HashMap<String, Vec<String>>,
    /// Sources whose article was replaced by another source with the same id (an archive that
    /// holds two copies of one URL): source -> content hash. Without this, every re-run would
    /// re-add the older copy and then the newer one again.
    superseded: HashMap<String, String>,
    /// Headline of each article id added in this run, to tell copies of one story from pages
    /// that merely share a canonical URL.
    titles: HashMap<String, String>,
}

/// Where an article goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The id the article is stored under.
    pub id: String,
    /// Article ids whose passages must be deleted first (the source's old version, or
    /// another source's article with the same id).
    pub replaces: Vec<String>,
    /// Other sources whose article this one replaces: they are now superseded.
    pub moved: Vec<String>,
}

impl Ledger {
    /// A ledger of what an index holds: (source, hash, article id) triples, and the sources
    /// superseded by another copy of their article.
    pub fn new(
        held: impl IntoIterator<Item = (String, String, String)>,
        superseded: HashMap<String, String>,
    ) -> Ledger {
        let mut ledger = Ledger {
            superseded,
            ..Ledger::default()
        };
        for (source, hash, id) in held {
            ledger
                .ids
                .entry(id.clone())
                .or_default()
                .push(source.clone());
            ledger.sources.insert(source, (hash, id));
        }
        for list in ledger.ids.values_mut() {
            list.sort();
            list.dedup();
        }
        ledger
    }

    /// True when a document from `source` with this raw-content `hash` is already indexed.
    pub fn is_unchanged(&self, source: &str, hash: &str) -> bool {
        self.sources.get(source).is_some_and(|(h, _)| h == hash)
            || self.superseded.get(source).is_some_and(|h| h == hash)
    }

    /// The content hash of every source in the index, so workers can skip unchanged documents
    /// before cleaning them.
    pub fn known_hashes(&self) -> HashMap<String, String> {
        self.sources
            .iter()
            .map(|(source, (hash, _))| (source.clone(), hash.clone()))
            .chain(self.superseded.clone())
            .collect()
    }

    /// Number of articles, counting those added in this run.
    pub fn article_count(&self) -> usize {
        self.ids.len()
    }

    /// The content hash and article id of `source`, when its article is held.
    pub fn held(&self, source: &str) -> Option<(&str, &str)> {
        self.sources
            .get(source)
            .map(|(hash, id)| (hash.as_str(), id.as_str()))
    }

    /// Sources superseded by another copy of their article: source -> content hash.
    pub fn superseded(&self) -> &HashMap<String, String> {
        &self.superseded
    }

    /// Decides the id of `article` read from `source`, and forgets what it replaces; the
    /// caller deletes the passages of [`Placement::replaces`], writes the article's, then
    /// calls [`Ledger::record`].
    pub fn place(&mut self, source: &str, article: &Article) -> Placement {
        // An empty id would delete every article with an empty id; the source is unique.
        let mut id = match article.id.trim() {
            "" => source,
            id => id,
        };
        // A canonical URL that another source's article already holds is no proof that the two
        // are one article (pages of a site may all name its home page): unless this run read
        // that article under the same headline (two copies of one story), keep both.
        if let Some(fallback) = article.id_fallback.as_deref() {
            let held_by_other = self
                .ids
                .get(id)
                .is_some_and(|sources| sources.iter().any(|s| s != source));
            let same_story = self.titles.get(id).is_some_and(|t| *t == article.title);
            if held_by_other && !same_story {
                id = fallback;
            }
        }
        let id = id.to_string();
        if article.id_fallback.is_some() {
            self.titles.insert(id.clone(), article.title.clone());
        }
        self.superseded.remove(source);
        let mut placement = Placement {
            id,
            replaces: Vec::new(),
            moved: Vec::new(),
        };
        // The old version of this source (whatever its id was), and any article with this id.
        if let Some((_, old_id)) = self.sources.get(source).cloned() {
            self.forget(&old_id, source, &mut placement);
        }
        let id = placement.id.clone();
        self.forget(&id, source, &mut placement);
        placement
    }

    /// Records that `source`'s article is now stored under `id` with content `hash`.
    pub fn record(&mut self, source: &str, hash: &str, id: &str) {
        self.sources
            .insert(source.to_string(), (hash.to_string(), id.to_string()));
        self.ids
            .entry(id.to_string())
            .or_default()
            .push(source.to_string());
    }

    /// Forgets the article `id` (read by `source` now); other sources it came from become
    /// superseded.
    fn forget(&mut self, id: &str, source: &str, placement: &mut Placement) {
        if let Some(old_sources) = self.ids.remove(id) {
            placement.replaces.push(id.to_string());
            for s in old_sources {
                if let Some((hash, _)) = self.sources.remove(&s) {
                    if s != source {
                        self.superseded.insert(s.clone(), hash);
                        placement.moved.push(s);
                    }
                }
            }
        }
    }
}
