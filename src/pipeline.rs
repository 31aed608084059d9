//! Pipeline: drives ingest -> clean -> entities -> index over an archive.
//!
//! In: input paths and options. Out: an updated index and a [`Summary`] of what happened to every
//! document; each failure is handed to the caller as it happens, so one bad file never stops the run.
//! Reading runs on its own thread, cleaning and entity extraction on a pool of workers, and the
//! index writer on the calling thread, joined by bounded queues so memory stays flat.

use crate::clean::{self, Article};
use crate::entities::{self, DocEntities, Recognizer};
use crate::index::{IndexError, Outcome, Sink, Writer};
use crate::ingest::{self, Event, Limits, RawDoc};
use crate::opensearch::{self, Cluster, ClusterError};
use crossbeam_channel::{bounded, Receiver, Sender};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where `index` puts the passages.
#[derive(Debug, Clone)]
pub enum Target {
    /// The embedded index in this folder.
    Folder(PathBuf),
    /// An OpenSearch index.
    OpenSearch {
        /// `http://host:9200/index-name`.
        url: String,
        /// Primary shards of a new index.
        shards: u32,
        /// Replicas of a new index.
        replicas: u32,
        /// Bytes of actions per bulk request.
        bulk_bytes: usize,
        /// How long failing requests are retried.
        retry_for: Duration,
    },
}

/// One part of an archive that several machines index together: part `index` (from 1) of `of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This machine's part, 1 to `of`.
    pub index: u32,
    /// How many parts.
    pub of: u32,
}

impl Shard {
    /// Parses `I/N` (1 <= I <= N).
    pub fn parse(text: &str) -> Result<Shard, String> {
        let bad = || format!("'{text}' is not a shard: write I/N with 1 <= I <= N, e.g. 2/8");
        let (i, n) = text.split_once('/').ok_or_else(bad)?;
        let index: u32 = i.trim().parse().map_err(|_| bad())?;
        let of: u32 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || of == 0 || index > of {
            return Err(bad());
        }
        Ok(Shard { index, of })
    }

    /// True when the document read from `source` belongs to this part. By a hash of the
    /// source, so each document falls in exactly one part whatever machine reads it.
    pub fn holds(&self, source: &str) -> bool {
        let hash = blake3::hash(source.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&hash.as_bytes()[..8]);
        u64::from_le_bytes(first) % u64::from(self.of) == u64::from(self.index - 1)
    }
}

/// How to run `index`.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Where the passages go.
    pub target: Target,
    /// Only this part of the archive.
    pub shard: Option<Shard>,
    /// Start from an empty index.
    pub rebuild: bool,
    /// Worker threads for cleaning and entities.
    pub threads: usize,
    /// Tantivy writer memory budget in bytes.
    pub memory_bytes: usize,
    /// Limits on input documents.
    pub limits: Limits,
    /// Commit at least this often, so an interrupted run keeps what it finished.
    pub commit_every: Duration,
}

/// What an `index` run did, document by document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// New articles.
    pub indexed: u64,
    /// Articles whose content changed and were replaced.
    pub updated: u64,
    /// Articles already indexed with the same content.
    pub unchanged: u64,
    /// Files and records that are not articles (other extensions, non-HTML WARC records).
    pub skipped: u64,
    /// Files and records that could not be read or cleaned.
    pub failed: u64,
    /// Documents left to the other machines of a `--shard` run.
    pub other_shards: u64,
    /// True when the run was stopped (Ctrl-C) before reading everything.
    pub interrupted: bool,
    /// True when an interrupted `--rebuild` was abandoned: nothing was committed and the old
    /// index is as it was.
    pub rebuild_abandoned: bool,
}

/// Exit status of an index run in which some documents could not be indexed; the rest are in.
/// Like rsync's "partial transfer": a script can tell it from success (0) and from a run that
/// did nothing (1).
pub const EXIT_SOME_FAILED: i32 = 3;
/// Exit status of a run stopped by Ctrl-C, SIGTERM or SIGHUP (128 + SIGINT, as shells report).
pub const EXIT_INTERRUPTED: i32 = 130;

impl Summary {
    /// Documents looked at so far (for progress).
    pub fn seen(&self) -> u64 {
        self.indexed
            + self.updated
            + self.unchanged
            + self.skipped
            + self.failed
            + self.other_shards
    }

    /// What the user should know or do after the run, one message per line.
    pub fn advice(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if self.failed > 0 {
            let what = if self.failed == 1 {
                "file or record"
            } else {
                "files or records"
            };
            lines.push(format!(
                "{} {what} could not be indexed (listed above) and the rest were: fix them and \
                 run the same command again to add them (the others are not redone)",
                self.failed
            ));
        }
        if self.rebuild_abandoned {
            lines.push(
                "interrupted; the rebuild was not finished, so the old index is unchanged and \
                 still searchable. Run the same command again to rebuild it."
                    .to_string(),
            );
        } else if self.interrupted {
            lines.push(
                "interrupted; what was done is saved. Run the same command again to finish \
                 (unchanged documents are skipped)."
                    .to_string(),
            );
        }
        lines
    }

    /// The exit status that says how the run went: 0 when everything went in,
    /// [`EXIT_INTERRUPTED`] when it was stopped, [`EXIT_SOME_FAILED`] when some documents failed.
    pub fn exit_code(&self) -> i32 {
        if self.interrupted || self.rebuild_abandoned {
            EXIT_INTERRUPTED
        } else if self.failed > 0 {
            EXIT_SOME_FAILED
        } else {
            0
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "indexed {}, updated {}, unchanged {}, skipped {}, failed {}",
            self.indexed, self.updated, self.unchanged, self.skipped, self.failed
        )?;
        if self.other_shards > 0 {
            write!(f, ", left to other shards {}", self.other_shards)?;
        }
        Ok(())
    }
}

/// A document or file that could not be processed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The path (with `:LINE` or `#RECORD`) of what failed.
    pub source: String,
    /// What is wrong, in words.
    pub reason: String,
}

/// Why a run could not go on at all (failures of single documents are not errors).
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The index could not be opened or written.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// The OpenSearch cluster failed or refused.
    #[error(transparent)]
    Cluster(#[from] ClusterError),
    /// An input path does not exist.
    #[error("{0}: no such file or folder (check the path: `newsdex index` takes files and folders of pages)")]
    MissingInput(String),
}

/// Hooks the caller gives the run: where failures go, progress, and a stop flag.
pub struct Observer<'a> {
    /// Called once per failed document or file.
    pub on_failure: &'a mut dyn FnMut(&Failure),
    /// Called after each document with the running totals.
    pub on_progress: &'a mut dyn FnMut(&Summary),
    /// Set (by a Ctrl-C handler) to stop reading, commit and return.
    pub stop: Arc<AtomicBool>,
}

/// A cleaned article with its entities, ready for the index.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The article.
    pub article: Article,
    /// Its actors and places, aligned with [`texts`].
    pub entities: DocEntities,
}

/// The texts of an article in the order the index and entities expect: title, body, comments.
pub fn texts(article: &Article) -> Vec<&str> {
    std::iter::once(article.title.as_str())
        .chain(article.body.iter().map(String::as_str))
        .chain(article.comments.iter().map(String::as_str))
        .collect()
}

/// Cleans one raw document and finds its actors and places.
pub fn prepare(doc: &RawDoc, recognizer: &Recognizer) -> Result<Prepared, clean::CleanError> {
    let article = clean::clean(doc)?;
    let entities = recognizer.document(&texts(&article));
    Ok(Prepared { article, entities })
}

/// Identifies a raw document's content, so an unchanged one is skipped before cleaning. The
/// version is part of it: a new newsdex re-cleans what an older one indexed.
pub fn content_hash(doc: &RawDoc) -> String {
    let mut h = blake3::Hasher::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(&[doc.kind as u8]);
    for part in [&doc.hints.url, &doc.hints.title, &doc.hints.date] {
        h.update(part.as_deref().unwrap_or("").as_bytes());
        h.update(&[0]);
    }
    for author in &doc.hints.authors {
        h.update(author.as_bytes());
        h.update(&[0]);
    }
    h.update(&doc.bytes);
    h.finalize().to_hex()[..32].to_string()
}

/// What a worker hands back to the writer thread.
enum Work {
    Ready {
        source: String,
        hash: String,
        prepared: Box<Prepared>,
    },
    Unchanged,
    Skipped,
    OtherShard,
    Failed(Failure),
}

/// Indexes everything under `paths` into `opts.target`.
pub fn run_index(
    paths: &[PathBuf],
    opts: &IndexOptions,
    observer: Observer<'_>,
) -> Result<Summary, PipelineError> {
    for p in paths {
        if !p.exists() {
            return Err(PipelineError::MissingInput(p.display().to_string()));
        }
    }
    match &opts.target {
        Target::Folder(dir) => {
            let writer = Writer::open_with(dir, opts.rebuild, opts.memory_bytes)?;
            run_into(writer, paths, opts, observer)
        }
        Target::OpenSearch {
            url,
            shards,
            replicas,
            bulk_bytes,
            retry_for,
        } => {
            let cluster = Cluster::new(url)?.retrying_for(*retry_for);
            let writer =
                opensearch::Writer::open(cluster, opts.rebuild, *shards, *replicas, *bulk_bytes)?;
            // The cluster has no atomic swap of a whole index: a rebuild deleted the old one
            // at open, and the run then commits as it goes like any other.
            let opts = IndexOptions {
                rebuild: false,
                ..opts.clone()
            };
            run_into(writer, paths, &opts, observer)
        }
    }
}

/// Runs the pipeline into an open `writer`.
fn run_into<S: Sink>(
    mut writer: S,
    paths: &[PathBuf],
    opts: &IndexOptions,
    observer: Observer<'_>,
) -> Result<Summary, PipelineError>
where
    PipelineError: From<S::Error>,
{
    let threads = opts.threads.max(1);
    let known = Arc::new(writer.ledger().known_hashes());
    let mut summary = Summary::default();
    let mut last_commit = Instant::now();
    let mut pending = false;
    let Observer {
        on_failure,
        on_progress,
        stop,
    } = observer;
    let mut apply = |work: Work| -> Result<(), PipelineError> {
        match work {
            Work::Ready {
                source,
                hash,
                prepared,
            } => {
                match writer.add(&source, &hash, &prepared.article, &prepared.entities)? {
                    Outcome::Indexed => summary.indexed += 1,
                    Outcome::Updated => summary.updated += 1,
                    Outcome::Unchanged => summary.unchanged += 1,
                }
                pending = true;
            }
            Work::Unchanged => summary.unchanged += 1,
            Work::Skipped => summary.skipped += 1,
            Work::OtherShard => summary.other_shards += 1,
            Work::Failed(f) => {
                summary.failed += 1;
                on_failure(&f);
            }
        }
        on_progress(&summary);
        // A rebuild commits once, at the end: the old index stays whole and searchable until
        // the new one is complete, and the swap is Tantivy's atomic write of meta.json.
        if pending && !opts.rebuild && last_commit.elapsed() >= opts.commit_every {
            writer.commit()?;
            last_commit = Instant::now();
            pending = false;
        }
        Ok(())
    };
    let shard = opts.shard;
    in_order(
        paths,
        opts.limits,
        threads,
        known,
        shard,
        stop.clone(),
        &mut apply,
    )?;
    summary.interrupted = stop.load(Ordering::SeqCst);
    if opts.rebuild && summary.interrupted {
        // Dropped uncommitted: the segments written so far are orphans the next open collects.
        summary.rebuild_abandoned = true;
        return Ok(summary);
    }
    writer.commit()?;
    Ok(summary)
}

/// Reads `paths` in walk order (single files decompressed ahead on `threads` helpers), prepares
/// each document on `threads` workers (skipping sources whose content hash `known` holds), and
/// hands the results to `apply` in reading order, so two copies of a URL end as the later one,
/// whatever worker finishes first. Stops reading when `stop` is set; an error from `apply`
/// stops everything.
fn in_order(
    paths: &[PathBuf],
    limits: Limits,
    threads: usize,
    known: Arc<HashMap<String, String>>,
    shard: Option<Shard>,
    stop: Arc<AtomicBool>,
    apply: &mut dyn FnMut(Work) -> Result<(), PipelineError>,
) -> Result<(), PipelineError> {
    let threads = threads.max(1);
    // Small queues: enough to keep every worker busy, never enough to hold an archive in memory.
    let (raw_tx, raw_rx) = bounded::<(u64, Event)>(threads * 4);
    let (work_tx, work_rx) = bounded::<(u64, Work)>(threads * 4);
    // The reader takes a slot per document and it is freed when the document is applied, so
    // the documents held for reordering stay few.
    let (slot_tx, slot_rx) = bounded::<()>(threads * 16);
    let reader = spawn_reader(paths.to_vec(), limits, threads, raw_tx, slot_tx, stop);
    let recognizer = Arc::new(Recognizer::new());
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            spawn_worker(
                raw_rx.clone(),
                work_tx.clone(),
                known.clone(),
                shard,
                recognizer.clone(),
            )
        })
        .collect();
    drop(work_tx);
    drop(raw_rx);
    let mut held: BTreeMap<u64, Work> = BTreeMap::new();
    let mut next = 0;
    for (seq, work) in work_rx.iter() {
        held.insert(seq, work);
        while let Some(work) = held.remove(&next) {
            apply(work)?;
            next += 1;
            let _ = slot_rx.try_recv();
        }
    }
    // Only a worker that died mid-document leaves a gap; apply the rest in order all the same.
    for (_, work) in std::mem::take(&mut held) {
        apply(work)?;
    }
    // The channels are drained, so the threads are done; a panic in one is a bug worth surfacing.
    let _ = reader.join();
    for w in workers {
        let _ = w.join();
    }
    Ok(())
}

fn spawn_reader(
    paths: Vec<PathBuf>,
    limits: Limits,
    threads: usize,
    tx: Sender<(u64, Event)>,
    slots: Sender<()>,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        // As many read-ahead threads as workers: decompressing is most of an unchanged re-run.
        let events = ingest::read(&paths, limits).read_ahead(threads);
        for (seq, event) in (0u64..).zip(events) {
            if stop.load(Ordering::SeqCst)
                || slots.send(()).is_err()
                || tx.send((seq, event)).is_err()
            {
                break;
            }
        }
    })
}

fn spawn_worker(
    rx: Receiver<(u64, Event)>,
    tx: Sender<(u64, Work)>,
    known: Arc<HashMap<String, String>>,
    shard: Option<Shard>,
    recognizer: Arc<Recognizer>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        for (seq, event) in rx.iter() {
            let source = match &event {
                Event::Doc(doc) => doc.source.clone(),
                Event::Skipped { path } => path.display().to_string(),
                Event::SkippedRecord { source, .. } | Event::Failed { source, .. } => {
                    source.clone()
                }
            };
            let work = match event {
                _ if shard.is_some_and(|s| !s.holds(&source)) => Work::OtherShard,
                Event::Doc(doc) => process(doc, &known, &recognizer),
                Event::Skipped { .. } | Event::SkippedRecord { .. } => Work::Skipped,
                Event::Failed { source, error } => Work::Failed(Failure {
                    source,
                    reason: error.to_string(),
                }),
            };
            if tx.send((seq, work)).is_err() {
                break;
            }
        }
    })
}

fn process(doc: RawDoc, known: &HashMap<String, String>, recognizer: &Recognizer) -> Work {
    let hash = content_hash(&doc);
    if known.get(&doc.source) == Some(&hash) {
        return Work::Unchanged;
    }
    match prepare(&doc, recognizer) {
        Ok(prepared) => Work::Ready {
            source: doc.source,
            hash,
            prepared: Box::new(prepared),
        },
        Err(e) => Work::Failed(Failure {
            source: doc.source,
            reason: e.to_string(),
        }),
    }
}

/// One record of `newsdex extract`: what the indexer stores for a document.
#[derive(Debug, Clone, Serialize)]
pub struct Extracted {
    /// Where it was read from.
    pub path: String,
    /// The article id (canonical URL or relative path).
    pub id: String,
    /// The headline.
    pub title: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Author(s).
    pub author: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Site name.
    pub site: Option<String>,
    /// Language code.
    pub lang: Option<String>,
    /// Body paragraphs separated by a blank line.
    pub body: String,
    /// Reader comments, one string each.
    pub comments: Vec<String>,
    /// Canonical actor names.
    pub actors: Vec<String>,
    /// Canonical place names.
    pub places: Vec<String>,
    /// The places resolved against the gazetteer: name, country code, coordinates.
    pub geo: Vec<entities::Place>,
}

impl Extracted {
    /// Flattens a prepared article into the `extract` record.
    pub fn new(p: Prepared) -> Extracted {
        let all: Vec<_> = p.entities.mentions.into_iter().flatten().collect();
        let a = p.article;
        Extracted {
            path: a.path,
            id: a.id,
            title: a.title,
            date: a.date,
            author: a.author,
            url: a.url,
            site: a.site,
            lang: a.lang,
            body: a.body.join("\n\n"),
            comments: a.comments,
            actors: entities::actors(&all),
            places: entities::places(&all),
            geo: p.entities.places,
        }
    }
}

/// Reads and cleans every document under `paths` on `threads` workers, without indexing,
/// calling `emit` for each in reading order (`newsdex extract`).
pub fn run_extract(
    paths: &[PathBuf],
    limits: Limits,
    threads: usize,
    emit: &mut dyn FnMut(Result<Extracted, Failure>),
) -> Result<Summary, PipelineError> {
    for p in paths {
        if !p.exists() {
            return Err(PipelineError::MissingInput(p.display().to_string()));
        }
    }
    let mut summary = Summary::default();
    let mut apply = |work: Work| -> Result<(), PipelineError> {
        match work {
            Work::Ready { prepared, .. } => {
                summary.indexed += 1;
                emit(Ok(Extracted::new(*prepared)));
            }
            Work::Unchanged | Work::Skipped | Work::OtherShard => summary.skipped += 1,
            Work::Failed(f) => {
                summary.failed += 1;
                emit(Err(f));
            }
        }
        Ok(())
    };
    let nothing_known = Arc::new(HashMap::new());
    let never = Arc::new(AtomicBool::new(false));
    in_order(
        paths,
        limits,
        threads,
        nothing_known,
        None,
        never,
        &mut apply,
    )?;
    Ok(summary)
}
