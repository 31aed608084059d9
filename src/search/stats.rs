//! Stats: what a whole index holds.
//!
//! In: an open [`Searcher`]. Out: [`Stats`]: articles, passages, sources (files or records
//! read), sites, first and last publication day, articles and passages per section, and the
//! most frequent actors and places.

use super::columns::str_column;
use super::{Request, SearchError, Searcher};
use crate::index::Section;
use serde::Serialize;
use std::collections::BTreeSet;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::TantivyError;

/// Articles and passages of one section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionCount {
    /// The section.
    pub section: Section,
    /// Articles with at least one passage in it.
    pub articles: usize,
    /// Passages in it.
    pub passages: usize,
}

/// A name and the number of articles naming it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameCount {
    /// Canonical name.
    pub name: String,
    /// Articles naming it.
    pub articles: usize,
}

/// Turns `(name, count)` pairs into [`NameCount`]s.
fn name_counts(list: Vec<(String, usize)>) -> Vec<NameCount> {
    list.into_iter()
        .map(|(name, articles)| NameCount { name, articles })
        .collect()
}

/// What an index holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Articles.
    pub articles: usize,
    /// Passages (the units of search).
    pub passages: usize,
    /// Distinct sources read (files, or records of multi-article files).
    pub sources: usize,
    /// Distinct sites (host names).
    pub sites: usize,
    /// Earliest publication day, `YYYY-MM-DD`.
    pub first: Option<String>,
    /// Latest publication day, `YYYY-MM-DD`.
    pub last: Option<String>,
    /// Articles without a publication date.
    pub undated: usize,
    /// Per section.
    pub sections: Vec<SectionCount>,
    /// Most frequent actors and the number of articles naming each.
    pub actors: Vec<NameCount>,
    /// Most frequent places and the number of articles naming each.
    pub places: Vec<NameCount>,
}

impl Searcher {
    /// Counts what the index holds, with the `top` actors and places.
    pub fn stats(&self, top: usize) -> Result<Stats, SearchError> {
        let everything = Request::default();
        let facets = self.facets(&everything, top)?;
        let days = self.article_days(&everything)?;
        let mut sections = Vec::new();
        for section in [Section::Title, Section::Body, Section::Comments] {
            let req = Request {
                section: Some(section),
                ..Request::default()
            };
            sections.push(SectionCount {
                section,
                // Day counts are cheaper than facets, which resolve every name.
                articles: {
                    let days = self.article_days(&req)?;
                    days.days.values().sum::<usize>() + days.undated
                },
                passages: self.count(&req)?,
            });
        }
        let day = |d: Option<&chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
        Ok(Stats {
            articles: facets.articles,
            passages: self.reader.searcher().num_docs() as usize,
            sources: self.distinct_sources()?,
            sites: self.distinct_sites()?,
            first: day(days.days.keys().next()),
            last: day(days.days.keys().next_back()),
            undated: days.undated,
            sections,
            actors: name_counts(facets.actors),
            places: name_counts(facets.places),
        })
    }

    /// Distinct values of the source column among live passages.
    fn distinct_sources(&self) -> Result<usize, SearchError> {
        let searcher = self.reader.searcher();
        let mut names = BTreeSet::new();
        for segment in searcher.segment_readers() {
            let column = str_column(segment, "source")?;
            // Resolving ordinals in order reads each dictionary block once, not once per passage.
            let ords: BTreeSet<u64> = segment
                .doc_ids_alive()
                .flat_map(|doc| column.term_ords(doc))
                .collect();
            let ords: Vec<u64> = ords.into_iter().collect();
            column
                .dictionary()
                .sorted_ords_to_term_cb(&ords, |bytes| {
                    names.insert(bytes.to_vec());
                })
                .map_err(TantivyError::from)?;
        }
        Ok(names.len())
    }

    /// Distinct site terms that at least one live passage still carries.
    fn distinct_sites(&self) -> Result<usize, SearchError> {
        let searcher = self.reader.searcher();
        let mut terms = BTreeSet::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.site)?;
            let mut stream = inverted.terms().stream().map_err(TantivyError::from)?;
            while stream.advance() {
                terms.insert(stream.key().to_vec());
            }
        }
        let mut live = 0;
        // Deleted passages leave their terms in the dictionary until segments merge.
        for bytes in terms {
            let term = Term::from_field_text(self.fields.site, &String::from_utf8_lossy(&bytes));
            let query = TermQuery::new(term, IndexRecordOption::Basic);
            if searcher.search(&query, &Count)? > 0 {
                live += 1;
            }
        }
        Ok(live)
    }
}
