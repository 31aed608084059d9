//! Search: reads the index and returns ranked passages.
//!
//! In: a query (words, "phrases", AND / OR / -, field:term) and filters (actor, place, date
//! range, section). Out: [`Hit`]s ranked by BM25 and the evidence of [`rank`] (how many of the
//! words, how close, in an article about them), each with the character ranges of the matched
//! words and how many of the query's words it holds.
//!
//! Query language (see `query.rs`): plain words are ranked, not filtered: a passage holding any
//! of them is found, those holding all of them close together come first (`all_words` makes
//! every word required); `+word` and `AND` require, `OR` accepts either, `-word` excludes,
//! `"exact phrase"`; `field:term` with the fields `text`, `title`, `section`, `actor`, `place`,
//! `url`, `site`, `lang`, `article_id`. A plain word may also match its article's title (weighed
//! by `title_boost` of `ranking.json`), except in searches of the body or comments alone.
//! `actor:"Anatoly Vesnin"` and `place:aleppo` match canonical names in any case, like the
//! filters; `date:2016-12`, `date:2016-12-14` and `date:[2016-12-01 TO 2016-12-31]` take days,
//! months or years (see `dates.rs`).

mod columns;
mod dates;
mod facets;
mod highlight;
mod hits;
mod pairs;
pub(crate) mod query;
mod rank;
mod scope;
mod stats;
mod timeline;

pub use facets::{best, facets, Facets};
pub use pairs::Pair;
pub use rank::Weights;
pub use stats::{NameCount, SectionCount, Stats};
pub use timeline::{Bucket, Period, Timeline};

use crate::choice::Choice;
use crate::index::schema::{self, Fields, BACK};
use crate::index::{clamped_day, format_day, Section};
use query::{Plan, Planner};
use rank::Ranked;
use scope::ArticleScope;
use serde::Serialize;
use std::collections::HashSet;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Term, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, TantivyDocument};

/// Hits returned when a request asks for 0.
pub const DEFAULT_LIMIT: usize = 10;
/// A parsed query of any kind.
type BoxedQuery = Box<dyn Query>;

/// The fields a query can name as `field:term`.
pub const QUERY_FIELDS: [&str; 9] = [
    "text",
    "title",
    "section",
    "actor",
    "place",
    "url",
    "site",
    "lang",
    "article_id",
];
/// Deepest nesting of parentheses accepted: Tantivy's parser recurses on them.
const MAX_NESTING: usize = 32;

/// A search request.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The query text.
    pub query: String,
    /// Canonical actor names the passage's article must mention (any case).
    pub actors: Vec<String>,
    /// Canonical place names the passage's article must mention (any case).
    pub places: Vec<String>,
    /// First day, `YYYY-MM-DD`.
    pub since: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    pub until: Option<String>,
    /// Only passages from this section.
    pub section: Option<Section>,
    /// How many hits (0 means [`DEFAULT_LIMIT`]).
    pub limit: usize,
    /// Every plain word of the query (stopwords aside) must match, rather than ranking
    /// passages by how many they hold.
    pub all_words: bool,
}

impl Request {
    /// The number of hits asked for ([`DEFAULT_LIMIT`] when 0).
    pub fn hits_wanted(&self) -> usize {
        match self.limit {
            0 => DEFAULT_LIMIT,
            n => n,
        }
    }
}

/// One ranked passage. Field order is the column order of the machine formats.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// 1 for the best hit.
    pub rank: usize,
    /// BM25 score.
    pub score: f32,
    /// The article's id (canonical URL or path).
    pub article_id: String,
    /// The article's title.
    pub title: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// The file it was read from.
    pub path: String,
    /// Where in the article the passage is.
    pub section: Section,
    /// The passage text.
    pub passage: String,
    /// Canonical actors of the passage.
    pub actors: Vec<String>,
    /// Canonical places of the passage.
    pub places: Vec<String>,
    /// Matched words, as `[start, end)` character offsets into `passage`.
    pub highlights: Vec<[usize; 2]>,
    /// How many of the query's plain words (stopwords aside) the passage holds.
    pub matched_words: usize,
    /// How many plain words (stopwords aside) the query has.
    pub query_words: usize,
}

/// The best hits of a request and how many passages matched in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// Number of matching passages.
    pub total: usize,
    /// The best of them, best first.
    pub hits: Vec<Hit>,
}

/// Why a search failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Tantivy failed.
    #[error(
        "index error: {0} (if it happens again, rebuild the index with `newsdex index --rebuild`)"
    )]
    Tantivy(tantivy::TantivyError),
    /// No index in the folder.
    #[error("no index in {0}: run `newsdex index` first (or pass --index to point to one)")]
    NoIndex(PathBuf),
    /// The user may not read an index file: the index is fine, the permissions are not.
    #[error(
        "permission denied: {} (the index is not damaged; ask its owner to let you read it, \
         e.g. `chmod -R a+rX` on the folder, or run as the user who made it)",
        .0.display()
    )]
    Denied(PathBuf),
    /// The index exists but cannot be read.
    #[error(
        "cannot read the index in {dir} ({reason}): rebuild it with `newsdex index --rebuild`"
    )]
    Unreadable {
        /// The index folder.
        dir: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The query does not parse.
    #[error("cannot understand the query: {0}")]
    Query(String),
    /// The OpenSearch cluster failed or refused.
    #[error("{0}")]
    Remote(String),
    /// A date filter is not a day.
    #[error("not a day: '{0}' (write dates as YYYY-MM-DD, e.g. 2024-03-01)")]
    Date(String),
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> Self {
        match e {
            // `field:*` (has any value) parses for every field but runs only on fast ones; the
            // index is fine, the query is not.
            tantivy::TantivyError::SchemaError(m) if m.contains("is not a fast field") => {
                SearchError::Query(format!(
                    "`field:*` (any value) works only for {}: {m}",
                    schema::EXISTS_FIELDS.join(", ")
                ))
            }
            e => SearchError::Tantivy(e),
        }
    }
}

/// An open index, for searching many times.
pub struct Searcher {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    planner: Planner,
    weights: Weights,
    analyzer: TextAnalyzer,
}

impl Searcher {
    /// Opens the index in `dir` for reading.
    pub fn open(dir: &Path) -> Result<Searcher, SearchError> {
        let meta = dir.join("meta.json");
        match std::fs::metadata(&meta) {
            Ok(m) if m.is_file() => {}
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(SearchError::Denied(meta));
            }
            _ => return Err(SearchError::NoIndex(dir.to_path_buf())),
        }
        let unreadable = |reason: String| SearchError::Unreadable {
            dir: dir.to_path_buf(),
            reason,
        };
        let failed = |e: tantivy::TantivyError| match crate::index::denied_path(&e, dir) {
            Some(path) => SearchError::Denied(path),
            None => unreadable(e.to_string()),
        };
        let directory = crate::index::folder::IndexDir::open(dir)
            .map_err(|e| failed(tantivy::TantivyError::from(e)))?;
        let index = Index::open(directory).map_err(failed)?;
        if index.schema() != schema::schema() {
            return Err(unreadable(
                "made by another program or newsdex version".into(),
            ));
        }
        schema::register_tokenizers(&index);
        let fields = Fields::new(&index.schema())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(failed)?;
        let analyzer = index.tokenizer_for_field(fields.text)?;
        let weights = Weights::load()?;
        let planner = Planner::new(&index, fields, analyzer.clone(), weights.title_boost);
        Ok(Searcher {
            index,
            reader,
            fields,
            planner,
            weights,
            analyzer,
        })
    }

    /// Sees what was committed since the index was opened.
    pub fn reload(&self) -> Result<(), SearchError> {
        self.reader.reload()?;
        Ok(())
    }

    /// The best hits of `req`, best first. Faster than [`Searcher::search_counted`]: Tantivy
    /// may skip passages that cannot make the top.
    pub fn search(&self, req: &Request) -> Result<Vec<Hit>, SearchError> {
        let (query, plan) = self.query(req)?;
        let searcher = self.reader.searcher();
        let top = searcher.search(&query, &self.top_docs(&searcher, self.depth(req)))?;
        let ranked = self.rerank(&searcher, top, &plan, req.hits_wanted())?;
        self.hits(&searcher, ranked, &plan)
    }

    /// The best hits of `req` and the number of matching passages.
    pub fn search_counted(&self, req: &Request) -> Result<Results, SearchError> {
        let (query, plan) = self.query(req)?;
        let searcher = self.reader.searcher();
        // Two passes: counting visits every match, while the ranking pass prunes (block-max
        // WAND) and so sums scores in its own order; ranked alone, the hits are those of
        // `search` to the last bit of every score.
        let top = searcher.search(&query, &self.top_docs(&searcher, self.depth(req)))?;
        let total = searcher.search(&query, &Count)?;
        let ranked = self.rerank(&searcher, top, &plan, req.hits_wanted())?;
        let hits = self.hits(&searcher, ranked, &plan)?;
        Ok(Results { total, hits })
    }

    /// How many BM25 candidates the ranking looks at for `req`.
    fn depth(&self, req: &Request) -> usize {
        req.hits_wanted().max(self.weights.depth)
    }

    /// The best `limit` of the BM25 candidates `top`, by the final ranking.
    fn rerank(
        &self,
        searcher: &tantivy::Searcher,
        top: Vec<(f32, DocAddress)>,
        plan: &Plan,
        limit: usize,
    ) -> Result<Vec<Ranked>, SearchError> {
        let mut ranked = rank::rerank(searcher, top, &plan.words, plan.title, &self.weights)?;
        ranked.truncate(limit);
        Ok(ranked)
    }

    /// The top-hits collector for `limit` hits.
    fn top_docs(
        &self,
        searcher: &tantivy::Searcher,
        limit: usize,
    ) -> impl tantivy::collector::Collector<Fruit = Vec<(f32, DocAddress)>> {
        // Never ask Tantivy for more slots than there are documents (it allocates them).
        let limit = limit.min(searcher.num_docs() as usize).max(1);
        TopDocs::with_limit(limit).order_by_score()
    }

    /// Reads the hits of ranked documents, highlighting the words of `plan`.
    fn hits(
        &self,
        searcher: &tantivy::Searcher,
        ranked: Vec<Ranked>,
        plan: &Plan,
    ) -> Result<Vec<Hit>, SearchError> {
        let words = self.highlight_words(plan);
        let mut analyzer = self.analyzer.clone();
        let mut hits = Vec::with_capacity(ranked.len());
        for (i, r) in ranked.into_iter().enumerate() {
            let mut hit = self.hit(searcher, i + 1, r.score, r.address, &words, &mut analyzer)?;
            hit.matched_words = r.matched;
            hit.query_words = plan.words.iter().filter(|w| !w.stop).count();
            hits.push(hit);
        }
        Ok(hits)
    }

    /// The indexed forms of the words to highlight: stopwords are not marked.
    fn highlight_words(&self, plan: &Plan) -> HashSet<String> {
        let mut words =
            highlight::query_words(plan.query.as_ref(), &[self.fields.text, self.fields.title]);
        for word in plan.words.iter().filter(|w| w.stop) {
            if let Some(text) = word.term.value().as_str() {
                words.remove(text);
            }
        }
        words
    }

    /// Number of passages matching `req`.
    pub fn count(&self, req: &Request) -> Result<usize, SearchError> {
        let (query, _) = self.query(req)?;
        Ok(self.reader.searcher().search(&query, &Count)?)
    }

    /// The full query of `req` (user query and filters), and the plan of the user query.
    fn query(&self, req: &Request) -> Result<(BoxedQuery, Plan), SearchError> {
        let plan = if req.query.trim().is_empty() {
            Plan {
                query: Box::new(AllQuery),
                words: Vec::new(),
                title: None,
            }
        } else {
            let rewritten = rewrite_query(&req.query)?;
            self.planner.plan(&rewritten, req.section, req.all_words)?
        };
        let filters = self.filters(req)?;
        if filters.is_empty() {
            // Unwrapped, a pure OR query keeps Tantivy's top-k pruning (block-max WAND).
            return Ok((plan.query.box_clone(), plan));
        }
        let mut clauses = vec![(Occur::Must, plan.query.box_clone())];
        for filter in filters {
            // Filters select; they must not change the ranking.
            let filter: Box<dyn Query> = Box::new(ConstScoreQuery::new(filter, 0.0));
            clauses.push((Occur::Must, filter));
        }
        Ok((Box::new(BooleanQuery::new(clauses)), plan))
    }

    /// The filter queries of `req`: all must match.
    fn filters(&self, req: &Request) -> Result<Vec<Box<dyn Query>>, SearchError> {
        let f = &self.fields;
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        let exact = |field, value: &str| -> Box<dyn Query> {
            let term = Term::from_field_text(field, value);
            Box::new(TermQuery::new(term, IndexRecordOption::Basic))
        };
        // Names are on the article's head passage: the condition holds for all its passages.
        let scoped =
            |query: Box<dyn Query>| -> Box<dyn Query> { Box::new(ArticleScope::new(query)) };
        for actor in &req.actors {
            // A whole name is an `actor` term and its last words are its tails: `lavrov` finds
            // "Sergei Lavrov", `commission` the "European Commission", by two term lookups.
            let term = schema::lower_raw_term(&self.index, actor);
            let either = BooleanQuery::new(vec![
                (Occur::Should, exact(f.actor, &term)),
                (Occur::Should, exact(f.actor_tail, &term)),
            ]);
            out.push(scoped(Box::new(either)));
        }
        for place in &req.places {
            out.push(scoped(exact(
                f.place,
                &schema::lower_raw_term(&self.index, place),
            )));
        }
        if let Some(section) = req.section {
            out.push(exact(f.section, section.name()));
        }
        let day = |value: &String| {
            chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
                .map(clamped_day)
                .map_err(|_| SearchError::Date(value.clone()))
        };
        let since = req.since.as_ref().map(day).transpose()?;
        let until = req.until.as_ref().map(day).transpose()?;
        if since.is_some() || until.is_some() {
            let lower = since.map_or(Bound::Unbounded, |d| {
                Bound::Included(Term::from_field_date(f.date, d))
            });
            // Inclusive by day: everything before the next midnight.
            let upper = until.map_or(Bound::Unbounded, |d| {
                let next = tantivy::DateTime::from_timestamp_secs(d.into_timestamp_secs() + 86_400);
                Bound::Excluded(Term::from_field_date(f.date, next))
            });
            out.push(Box::new(RangeQuery::new(lower, upper)));
        }
        Ok(out)
    }

    /// Reads one hit from the doc store and its article's head passage.
    fn hit(
        &self,
        searcher: &tantivy::Searcher,
        rank: usize,
        score: f32,
        address: DocAddress,
        words: &HashSet<String>,
        analyzer: &mut TextAnalyzer,
    ) -> Result<Hit, SearchError> {
        let f = &self.fields;
        let doc: TantivyDocument = searcher.doc(address)?;
        let segment = searcher.segment_reader(address.segment_ord);
        let fast = segment.fast_fields();
        let head_id = columns::head_of(&fast.u64(BACK)?, address.doc_id);
        let head: TantivyDocument = if head_id == address.doc_id {
            doc.clone()
        } else {
            searcher.doc(DocAddress::new(address.segment_ord, head_id))?
        };
        let article_id = first_text(&head, f.head_id);
        let section = Section::named(&first_text(&doc, f.section)).unwrap_or(Section::Body);
        let passage = match section {
            Section::Title => first_text(&head, f.head_title),
            _ => first_text(&doc, f.text),
        };
        let url = first_text(&head, f.head_url);
        let date = fast
            .date("date")?
            .first(address.doc_id)
            .and_then(format_day);
        Ok(Hit {
            rank,
            score,
            article_id,
            title: first_text(&head, f.head_title),
            date,
            url: (!url.is_empty()).then_some(url),
            path: first_text(&head, f.head_path),
            section,
            highlights: highlight::highlights(analyzer, &passage, words),
            passage,
            actors: all_texts(&doc, f.passage_actors),
            places: all_texts(&doc, f.passage_places),
            matched_words: 0,
            query_words: 0,
        })
    }
}

/// The first text value of `field`, or "".
fn first_text(doc: &TantivyDocument, field: Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

/// All text values of `field`.
fn all_texts(doc: &TantivyDocument, field: Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// The query text as the parser takes it: dates as ranges, words with apostrophes quoted.
pub(crate) fn rewrite_query(query: &str) -> Result<String, SearchError> {
    if nesting(query) > MAX_NESTING {
        return Err(SearchError::Query(format!(
            "more than {MAX_NESTING} levels of parentheses"
        )));
    }
    Ok(quote_apostrophes(&dates::rewrite(query)?))
}

/// `query` with each word that holds an apostrophe (O'Brien, d'Alema) in double quotes: the
/// parser takes `'` for a quote, and "O'Brien" is the phrase the index holds ("o", "brien").
fn quote_apostrophes(query: &str) -> String {
    static WORD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)+").expect("a valid pattern")
    });
    // Even pieces are outside double quotes.
    let pieces: Vec<String> = query
        .split('"')
        .enumerate()
        .map(|(i, piece)| match i % 2 {
            0 => WORD.replace_all(piece, "\"$0\"").into_owned(),
            _ => piece.to_string(),
        })
        .collect();
    pieces.join("\"")
}

/// Deepest parenthesis nesting of `query` outside quotes.
fn nesting(query: &str) -> usize {
    let (mut depth, mut max, mut quoted) = (0usize, 0, false);
    for c in query.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => {
                depth += 1;
                max = max.max(depth);
            }
            ')' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Runs `req` against the index in `dir`.
pub fn search(dir: &Path, req: &Request) -> Result<Vec<Hit>, SearchError> {
    Searcher::open(dir)?.search(req)
}

/// Number of passages in the index in `dir` matching `req`.
pub fn count(dir: &Path, req: &Request) -> Result<usize, SearchError> {
    Searcher::open(dir)?.count(req)
}

#[cfg(test)]
mod tests;
