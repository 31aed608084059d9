//! Index: stores articles as passages in Tantivy.
//!
//! In: a cleaned [`Article`] with its [`DocEntities`]. Out: one Tantivy document per passage (a
//! paragraph, or consecutive short paragraphs joined, about 40 to 150 words) carrying its article's
//! fields, so that filters and facets work on passages. Re-adding an unchanged article is a no-op;
//! a changed one replaces the old passages. Nothing is visible to searches before
//! [`Writer::commit`], so an interrupted run leaves the index as it was at the last commit.
//!
//! Article-level values (title, URL, path, actors, places) are stored once, on the article's
//! first passage (its "head"). Title, URL, site and language are indexed on every passage, so
//! title matches score per passage; actors and places only on the head, and searches scope a
//! condition on them to the whole article (`search::scope`). An article's passages are written
//! in one batch, so they stay together, head first, in one segment; each passage's `back`
//! column says how far behind it its head is.

pub(crate) mod folder;
mod ledger;
mod passages;
pub(crate) mod schema;
pub mod tokenizer;

pub use ledger::{Ledger, Placement};
pub use passages::{passages, MAX_WORDS, MIN_WORDS};

use crate::choice::Choice;
use crate::clean::Article;
use crate::entities::DocEntities;
use schema::Fields;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use tantivy::directory::error::LockError;
use tantivy::indexer::UserOperation;
use tantivy::schema::Term;
use tantivy::{DateTime, Index, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError};

crate::choices! {
    /// Where in the article a passage comes from.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[serde(rename_all = "lowercase")]
    pub enum Section {
        Title = "title": "The headline",
        Body = "body": "The article body",
        Comments = "comments": "Reader comments",
    }
}

/// One unit of retrieval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    /// Position of the passage in its article, from 0 (the title passage is 0).
    pub number: u64,
    /// Where it comes from.
    pub section: Section,
    /// Its text.
    pub text: String,
    /// Canonical actor names mentioned in the passage.
    pub actors: Vec<String>,
    /// Canonical place names mentioned in the passage.
    pub places: Vec<String>,
}

/// What adding an article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A new article.
    Indexed,
    /// An article whose content changed; its old passages were replaced.
    Updated,
    /// Same content as already indexed; nothing written.
    Unchanged,
}

/// Why the index could not be opened or written.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Tantivy failed.
    #[error(
        "index error: {0} (check that the disk has room and the index folder is writable; \
         if the index is damaged, pass --rebuild)"
    )]
    Tantivy(#[from] tantivy::TantivyError),
    /// The index path exists and is a file.
    #[error("{0} is a file, not an index folder: choose another --index")]
    NotADirectory(PathBuf),
    /// The folder holds other files and no newsdex index; newsdex never deletes files it did not write.
    #[error(
        "{0} is not a newsdex index (the folder holds other files): choose another --index, \
         or an empty or missing folder"
    )]
    NotAnIndex(PathBuf),
    /// A Tantivy index with another schema (another program, or another newsdex version).
    #[error("{0} holds an index newsdex cannot use (other program or version): pass --rebuild to replace it, or choose another --index")]
    Incompatible(PathBuf),
    /// The user may not read or write an index file: the index is fine, the permissions are not.
    #[error(
        "permission denied: {} (the index is not damaged; ask its owner to let you in, e.g. \
         `chmod -R a+rX` on the folder for readers, or run as the user who made it)",
        .0.display()
    )]
    Denied(PathBuf),
    /// The index files are damaged or missing.
    #[error("the index in {dir} is damaged ({reason}): pass --rebuild to rebuild it, or choose another --index")]
    Corrupt {
        /// The index folder.
        dir: PathBuf,
        /// What Tantivy said.
        reason: String,
    },
    /// Another process holds the index writer lock.
    #[error(
        "index {} is in use by another newsdex process (it holds {}): wait for it to finish, \
         or choose another --index; the lock is released when it ends",
        .0.display(),
        .0.join(WRITER_LOCK).display()
    )]
    InUse(PathBuf),
    /// Creating or cleaning the folder failed.
    #[error(
        "cannot prepare the index folder {dir}: {source} (check that you may write there, \
         or choose another --index)"
    )]
    Io {
        /// The index folder.
        dir: PathBuf,
        /// The failure.
        source: std::io::Error,
    },
}

/// Where a run puts its articles: the embedded index ([`Writer`]) or an OpenSearch cluster.
pub trait Sink {
    /// Why a write failed.
    type Error;
    /// What the destination holds.
    fn ledger(&self) -> &Ledger;
    /// The ledger, to place and record articles in.
    fn ledger_mut(&mut self) -> &mut Ledger;
    /// Writes the passages of `article` under `placement.id`, deleting those of the articles it
    /// replaces first; the ledger already records it.
    fn write(
        &mut self,
        source: &str,
        hash: &str,
        placement: &Placement,
        article: &Article,
        ents: &DocEntities,
    ) -> Result<(), Self::Error>;
    /// Makes everything added so far durable and visible to searches.
    fn commit(&mut self) -> Result<(), Self::Error>;

    /// Adds (or replaces) an article read from `source` whose raw content hashed to `hash`.
    fn add(
        &mut self,
        source: &str,
        hash: &str,
        article: &Article,
        ents: &DocEntities,
    ) -> Result<Outcome, Self::Error> {
        if self.ledger().is_unchanged(source, hash) {
            return Ok(Outcome::Unchanged);
        }
        let placement = self.ledger_mut().place(source, article);
        // Recorded before the write: a failed write ends the run, and the ledger with it; a
        // backend that sends its ledger along (OpenSearch) needs the entry when it sends.
        self.ledger_mut().record(source, hash, &placement.id);
        self.write(source, hash, &placement, article, ents)?;
        Ok(if placement.replaces.is_empty() {
            Outcome::Indexed
        } else {
            Outcome::Updated
        })
    }
}

/// (source, content hash, article id) of each article an index holds.
type Held = Vec<(String, String, String)>;

/// Tantivy's writer lock file, named in the "in use" message.
const WRITER_LOCK: &str = ".tantivy-writer.lock";

/// Default memory budget of the writer.
pub const DEFAULT_MEMORY_BYTES: usize = 256 * 1024 * 1024;
/// Tantivy refuses less than this for its writer thread.
const MIN_MEMORY: usize = 15 * 1024 * 1024;
/// Tantivy refuses 4 GB or more for its writer thread.
const MAX_MEMORY: usize = 3 * 1024 * 1024 * 1024;

/// An open index, for writing.
pub struct Writer {
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
    ledger: Ledger,
    dir: PathBuf,
}

/// The file beside Tantivy's that keeps the ledger's superseded sources.
const SUPERSEDED_FILE: &str = "newsdex-superseded.json";

impl Writer {
    /// Opens the index in `dir`, creating it if needed; `rebuild` deletes what it holds first.
    pub fn open(dir: &Path, rebuild: bool) -> Result<Writer, IndexError> {
        Writer::open_with(dir, rebuild, DEFAULT_MEMORY_BYTES)
    }

    /// Like [`Writer::open`] with a memory budget in bytes (kept within Tantivy's 15 MB to
    /// 3 GB).
    ///
    /// Tantivy gets one thread: cleaning and entities cost far more than indexing, so it keeps
    /// up, and it writes one segment per commit, where N threads wrote N, each with its own
    /// dictionary of every word (5% more index on 3,000 pages, at the same speed).
    pub fn open_with(dir: &Path, rebuild: bool, memory_bytes: usize) -> Result<Writer, IndexError> {
        let index = open_index(dir, rebuild)?;
        let writer = index
            .writer_with_num_threads(1, memory_bytes.clamp(MIN_MEMORY, MAX_MEMORY))
            .map_err(|e| match e {
                TantivyError::LockFailure(LockError::LockBusy, _) => {
                    IndexError::InUse(dir.to_path_buf())
                }
                e => IndexError::Tantivy(e),
            })?;
        // A run killed inside a commit may have written files (a segment's delete file) that no
        // meta.json names; this run would write the same names at the same operation stamps
        // and fail with "file already exists" forever. Tantivy registers every file before
        // writing it, so its garbage collector knows and removes these orphans.
        writer.garbage_collect_files().wait()?;
        let fields = Fields::new(&index.schema())?;
        // Read after the writer lock is taken: a second run meets the lock and says so at
        // once, rather than wait for the reader's lock behind a run frozen in a commit.
        let ledger = if rebuild {
            // Takes effect at commit only: an interrupted rebuild keeps the old index.
            writer.delete_all_documents()?;
            Ledger::default()
        } else {
            let held = load_held(&index).map_err(|e| corrupt(dir, e))?;
            Ledger::new(held, load_superseded(dir))
        };
        Ok(Writer {
            writer,
            fields,
            ledger,
            dir: dir.to_path_buf(),
        })
    }

    /// The Tantivy document of the passage `back` places after its article's head; the head
    /// passage also carries the article's values.
    fn document(&self, meta: &ArticleMeta<'_>, passage: &Passage, back: u64) -> TantivyDocument {
        let f = &self.fields;
        let head = back == 0;
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.back, back);
        doc.add_text(f.article_id, meta.id);
        doc.add_text(f.section, passage.section.name());
        // The headline passage is found through the title field only, so that `text:` and a
        // body search never match a headline; it shows the stored `head_title`.
        if passage.section != Section::Title {
            doc.add_text(f.text, &passage.text);
        }
        doc.add_text(f.title, meta.title);
        if let Some(date) = meta.date {
            doc.add_date(f.date, date);
        }
        if head {
            doc.add_text(f.head_id, meta.id);
            doc.add_text(f.head_title, meta.title);
            if let Some(url) = meta.url {
                doc.add_text(f.head_url, url);
                doc.add_text(f.url, url);
            }
            if let Some(site) = meta.site {
                doc.add_text(f.site, site);
            }
            if let Some(lang) = meta.lang {
                doc.add_text(f.lang, lang);
            }
            doc.add_text(f.source, meta.source);
            doc.add_text(f.hash, meta.hash);
            // Always present on the head passage: it marks it.
            doc.add_text(f.head_path, meta.path);
            for a in &meta.actors {
                doc.add_text(f.actor, a);
                for tail in name_tails(a) {
                    doc.add_text(f.actor_tail, tail);
                }
            }
            for p in &meta.places {
                doc.add_text(f.place, p);
            }
        }
        for a in &passage.actors {
            doc.add_text(f.passage_actors, a);
        }
        for p in &passage.places {
            doc.add_text(f.passage_places, p);
        }
        doc
    }
}

impl Sink for Writer {
    type Error = IndexError;

    fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    fn ledger_mut(&mut self) -> &mut Ledger {
        &mut self.ledger
    }

    fn write(
        &mut self,
        source: &str,
        hash: &str,
        placement: &Placement,
        article: &Article,
        ents: &DocEntities,
    ) -> Result<(), IndexError> {
        let mut ops: Vec<_> = placement
            .replaces
            .iter()
            .map(|id| UserOperation::Delete(Term::from_field_text(self.fields.article_id, id)))
            .collect();
        let meta = ArticleMeta::new(source, hash, &placement.id, article, ents);
        for (i, passage) in passages(article, ents).iter().enumerate() {
            ops.push(UserOperation::Add(self.document(&meta, passage, i as u64)));
        }
        // One batch: one indexing thread, so an article's passages land in one segment.
        self.writer.run(ops)?;
        Ok(())
    }

    fn commit(&mut self) -> Result<(), IndexError> {
        // Written first: after a crash between the two, a superseded source is skipped while
        // its passages are still there, and the newer copy, not yet known, replaces them.
        save_superseded(&self.dir, self.ledger.superseded()).map_err(|source| IndexError::Io {
            dir: self.dir.clone(),
            source,
        })?;
        self.writer.commit()?;
        Ok(())
    }
}

/// The article-level values of its passage documents (most kept on the head passage only).
struct ArticleMeta<'a> {
    source: &'a str,
    hash: &'a str,
    id: &'a str,
    title: &'a str,
    url: Option<&'a str>,
    date: Option<DateTime>,
    path: &'a str,
    site: Option<&'a str>,
    lang: Option<&'a str>,
    actors: Vec<String>,
    places: Vec<String>,
}

impl<'a> ArticleMeta<'a> {
    fn new(
        source: &'a str,
        hash: &'a str,
        id: &'a str,
        article: &'a Article,
        ents: &DocEntities,
    ) -> ArticleMeta<'a> {
        let (actors, places) = article_names(ents);
        ArticleMeta {
            source,
            hash,
            id,
            title: article.title.trim(),
            url: article.url.as_deref(),
            date: article.date.as_deref().and_then(parse_day),
            path: &article.path,
            site: article.site.as_deref(),
            lang: article.lang.as_deref(),
            actors,
            places,
        }
    }
}

/// Most actors, and most places, an article lists (the first named).
/// A news article names a few dozen; a hostile page of thousands of names would otherwise
/// cost as much index as its text.
pub const MAX_ARTICLE_NAMES: usize = 200;

/// The actors and the places of a whole article, at most [`MAX_ARTICLE_NAMES`] of each.
pub fn article_names(ents: &DocEntities) -> (Vec<String>, Vec<String>) {
    let all: Vec<_> = ents.mentions.iter().flatten().cloned().collect();
    let first = |mut names: Vec<String>| {
        names.truncate(MAX_ARTICLE_NAMES);
        names
    };
    (
        first(crate::entities::actors(&all)),
        first(crate::entities::places(&all)),
    )
}

/// A name's last words ("Lavrov" of "Sergei Lavrov"; the whole name is the `actor` value),
/// indexed so that a filter by surname is a term lookup, not a scan of every name.
pub fn name_tails(name: &str) -> impl Iterator<Item = &str> {
    name.char_indices()
        .filter(|&(i, c)| i > 0 && c == ' ')
        .map(move |(i, _)| name[i..].trim_start())
        .filter(|tail| !tail.is_empty())
}

/// The first and last day the index stores. Tantivy keeps a date as nanoseconds in an i64
/// (1677-09-21 to 2262-04-11) and its conversions overflow outside that: a panic in a debug
/// build, a date wrapped into another century in a release one.
pub(crate) fn storable_days() -> (chrono::NaiveDate, chrono::NaiveDate) {
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a calendar date");
    (day(1678, 1, 1), day(2262, 1, 1))
}

/// Midnight UTC of a `YYYY-MM-DD` day, as Tantivy stores dates; `None` for a day it cannot
/// store (see [`storable_days`]).
pub(crate) fn parse_day(day: &str) -> Option<DateTime> {
    let date = chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").ok()?;
    let (first, last) = storable_days();
    (first..=last).contains(&date).then(|| clamped_day(date))
}

/// Midnight UTC of `date`, moved into the days the index stores: a filter before the first or
/// after the last selects the same articles as one at that day.
pub(crate) fn clamped_day(date: chrono::NaiveDate) -> DateTime {
    let (first, last) = storable_days();
    let secs = date
        .clamp(first, last)
        .and_time(chrono::NaiveTime::MIN)
        .and_utc()
        .timestamp();
    DateTime::from_timestamp_secs(secs)
}

/// The `YYYY-MM-DD` day of a stored date.
pub(crate) fn format_day(date: DateTime) -> Option<String> {
    let dt = chrono::DateTime::from_timestamp(date.into_timestamp_secs(), 0)?;
    Some(dt.format("%Y-%m-%d").to_string())
}

/// Opens or creates the index in `dir`.
fn open_index(dir: &Path, rebuild: bool) -> Result<Index, IndexError> {
    let io = |source| IndexError::Io {
        dir: dir.to_path_buf(),
        source,
    };
    if !dir.exists() {
        std::fs::create_dir_all(dir).map_err(io)?;
        return create(dir);
    }
    if !dir.is_dir() {
        return Err(IndexError::NotADirectory(dir.to_path_buf()));
    }
    if !dir.join("meta.json").exists() {
        // Hidden files (the repository's `index/.gitkeep`) do not make a folder someone's data.
        let mut visible = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(Result::ok)
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'));
        if visible.next().is_none() {
            return create(dir);
        }
        return Err(IndexError::NotAnIndex(dir.to_path_buf()));
    }
    match open_existing(dir) {
        Ok(opened) => Ok(opened),
        Err(_) if rebuild => {
            remove_index_files(dir).map_err(io)?;
            create(dir)
        }
        Err(e) => Err(e),
    }
}

/// The file (or else the index folder `dir`) that `err` could not open for lack of permission;
/// `None` when `err` is something else.
pub(crate) fn denied_path(err: &TantivyError, dir: &Path) -> Option<PathBuf> {
    use tantivy::directory::error::{LockError, OpenDirectoryError, OpenReadError, OpenWriteError};
    let denied = |e: &std::io::Error| e.kind() == std::io::ErrorKind::PermissionDenied;
    match err {
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath })
        | TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, filepath })
            if denied(io_error) =>
        {
            Some(dir.join(filepath))
        }
        TantivyError::OpenDirectoryError(OpenDirectoryError::IoError {
            io_error,
            directory_path,
        }) if denied(io_error) => Some(directory_path.clone()),
        TantivyError::IoError(io_error)
        | TantivyError::LockFailure(LockError::IoError(io_error), _)
            if denied(io_error) =>
        {
            Some(dir.to_path_buf())
        }
        _ => None,
    }
}

/// Opens an existing index and checks it is a newsdex index.
fn open_existing(dir: &Path) -> Result<Index, IndexError> {
    let corrupt = |e: TantivyError| corrupt(dir, e);
    let directory = folder::IndexDir::open(dir).map_err(|e| corrupt(e.into()))?;
    let index = Index::open(directory).map_err(corrupt)?;
    if index.schema() != schema::schema() {
        return Err(IndexError::Incompatible(dir.to_path_buf()));
    }
    schema::register_tokenizers(&index);
    Ok(index)
}

/// The error of an index in `dir` that Tantivy cannot read: damaged, or not ours to read.
fn corrupt(dir: &Path, e: TantivyError) -> IndexError {
    match denied_path(&e, dir) {
        Some(path) => IndexError::Denied(path),
        None => IndexError::Corrupt {
            dir: dir.to_path_buf(),
            reason: e.to_string(),
        },
    }
}

/// Creates an empty newsdex index in the existing, empty folder `dir`.
fn create(dir: &Path) -> Result<Index, IndexError> {
    let directory = folder::IndexDir::open(dir).map_err(TantivyError::from)?;
    let index = Index::create(directory, schema::schema(), schema::settings())?;
    schema::register_tokenizers(&index);
    Ok(index)
}

/// Removes Tantivy's files from `dir` (and nothing else: the folder may hold a user's files).
fn remove_index_files(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let segment_file = name.split_once('.').is_some_and(|(stem, _)| {
            stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit())
        });
        let tantivy_file = matches!(name.as_ref(), "meta.json" | ".managed.json")
            || (name.starts_with(".tantivy-") && name.ends_with(".lock"));
        if (segment_file || tantivy_file) && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Every term of a string column, indexed by ordinal.
fn all_terms(column: &tantivy::columnar::StrColumn) -> tantivy::Result<Vec<String>> {
    let mut out = Vec::with_capacity(column.num_terms());
    let mut stream = column.dictionary().stream()?;
    while stream.advance() {
        out.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(out)
}

fn load_superseded(dir: &Path) -> HashMap<String, String> {
    std::fs::read(dir.join(SUPERSEDED_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

fn save_superseded(dir: &Path, superseded: &HashMap<String, String>) -> std::io::Result<()> {
    let tmp = dir.join(format!("{SUPERSEDED_FILE}.tmp"));
    std::fs::write(&tmp, serde_json::to_vec(superseded)?)?;
    std::fs::rename(tmp, dir.join(SUPERSEDED_FILE))
}

/// Reads the (source, hash, article id) of every live passage from the fast columns.
fn load_held(index: &Index) -> tantivy::Result<Held> {
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let mut held = Vec::new();
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let column = |name: &str| {
            ff.str(name)?
                .ok_or_else(|| TantivyError::SchemaError(format!("no fast column {name}")))
        };
        let (sources, hashes, ids) = (column("source")?, column("hash")?, column("article_id")?);
        let mut triples = HashSet::new();
        for doc in segment.doc_ids_alive() {
            let first = |c: &tantivy::columnar::StrColumn| c.term_ords(doc).next();
            if let (Some(s), Some(h), Some(i)) = (first(&sources), first(&hashes), first(&ids)) {
                triples.insert((s, h, i));
            }
        }
        // One pass over each dictionary: looking ordinals up one by one decodes a block each time.
        let (sources, hashes, ids) = (all_terms(&sources)?, all_terms(&hashes)?, all_terms(&ids)?);
        for (s, h, i) in triples {
            let term = |list: &[String], ord: u64| list.get(ord as usize).cloned();
            if let (Some(source), Some(hash), Some(id)) =
                (term(&sources, s), term(&hashes, h), term(&ids, i))
            {
                held.push((source, hash, id));
            }
        }
    }
    Ok(held)
}

#[cfg(test)]
mod tests;
