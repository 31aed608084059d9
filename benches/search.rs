//! Search latency benchmark.
//!
//! In: an index folder (`--index DIR` or `NEWSDEX_BENCH_INDEX`). Out: JSON on standard output (and
//! in `--out FILE`) with the median and 99th percentile latency of 1,000 queries run in-process
//! through the library API (one [`Searcher`] opened once, as a server or notebook would), of
//! [`search::search`] (which opens the index per query), and of `newsdex search` run as a whole
//! command.
//!
//! The queries come from the index itself, so they match what it holds: a fixed list of common news
//! words is searched first (untimed), and the passages found give the words, phrases, AND pairs and
//! actor/place filters, drawn with a fixed seed. The same index always gives the same queries.
//!
//! Run: `cargo bench --bench search -- --index DIR [--queries 1000] [--command-runs 100]`.

use anyhow::{bail, Context, Result};
use newsdex::search::{self, Hit, Request, Searcher};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Words common in news of any period; only the seeds for finding the index's own vocabulary.
const SEED_WORDS: &[&str] = &[
    "government",
    "president",
    "police",
    "market",
    "minister",
    "election",
    "company",
    "court",
    "people",
    "percent",
    "week",
    "year",
    "city",
    "state",
    "report",
    "officials",
    "million",
    "price",
    "bank",
    "war",
    "health",
    "school",
    "water",
    "trade",
    "oil",
    "shares",
    "party",
    "country",
    "national",
    "world",
    "regierung",
    "stadt",
    "jahr",
    "prozent",
];

/// Words too common to make a selective query.
const STOP: &[&str] = &[
    "the", "and", "for", "that", "with", "this", "from", "have", "has", "had", "was", "were",
    "are", "but", "not", "they", "their", "there", "which", "will", "would", "been", "said",
    "also", "more", "than", "about", "into", "after", "when", "what", "who", "its", "his", "her",
    "she", "him", "our", "you", "your", "can", "could", "one", "all", "out", "other", "some",
    "der", "die", "das", "und", "den", "von", "mit", "ist", "sich", "des", "auf", "für", "nicht",
    "ein", "eine", "dem", "auch", "als", "wie", "bei", "nach", "noch",
];

/// What kind of query, for the per-kind breakdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Word,
    Phrase,
    And,
    /// Plain words, ranked (the default): two of a passage's words and a common news word.
    Words,
    WordActor,
    PhrasePlace,
    AndPlace,
    WordsActor,
}

const KINDS: [Kind; 8] = [
    Kind::Word,
    Kind::Phrase,
    Kind::And,
    Kind::Words,
    Kind::WordActor,
    Kind::PhrasePlace,
    Kind::AndPlace,
    Kind::WordsActor,
];

/// A passage found by a seed search: its selective words, its adjacent word pairs, and its
/// actors and places.
struct Sample {
    words: Vec<String>,
    pairs: Vec<(String, String)>,
    actors: Vec<String>,
    places: Vec<String>,
}

/// Latency figures in milliseconds.
#[derive(Debug, Serialize)]
struct Stats {
    runs: usize,
    median_ms: f64,
    p90_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    mean_ms: f64,
}

#[derive(Debug, Serialize)]
struct KindResult {
    queries: usize,
    with_hits: usize,
    median_ms: f64,
    p99_ms: f64,
}

#[derive(Debug, Serialize)]
struct Report {
    index: String,
    passages: Option<u64>,
    queries: usize,
    queries_with_hits: usize,
    mean_hits: f64,
    highlights_per_hit: f64,
    limit: usize,
    open_ms: f64,
    in_process: Stats,
    open_per_query: Stats,
    by_kind: BTreeMap<Kind, KindResult>,
    command: Option<Stats>,
    command_binary: Option<String>,
    examples: Vec<String>,
}

struct Args {
    index: PathBuf,
    queries: usize,
    command_runs: usize,
    limit: usize,
    out: Option<PathBuf>,
    bin: Option<PathBuf>,
}

fn parse_args() -> Result<Args> {
    let mut args = Args {
        index: std::env::var_os("NEWSDEX_BENCH_INDEX")
            .map(PathBuf::from)
            .unwrap_or_default(),
        queries: 1000,
        command_runs: 100,
        limit: 10,
        out: None,
        bin: std::env::var_os("NEWSDEX_BIN").map(PathBuf::from),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().with_context(|| format!("{name} needs a value"));
        match a.as_str() {
            // `cargo bench` passes this to every bench binary.
            "--bench" => {}
            "--index" => args.index = PathBuf::from(value("--index")?),
            "--queries" => args.queries = value("--queries")?.parse()?,
            "--command-runs" => args.command_runs = value("--command-runs")?.parse()?,
            "--limit" => args.limit = value("--limit")?.parse()?,
            "--out" => args.out = Some(PathBuf::from(value("--out")?)),
            "--bin" => args.bin = Some(PathBuf::from(value("--bin")?)),
            other => bail!(
                "unknown argument {other:?}; use --index DIR [--queries N] [--command-runs N] \
                 [--limit N] [--out FILE] [--bin PATH]"
            ),
        }
    }
    if args.index.as_os_str().is_empty() {
        bail!("no index given: pass --index DIR or set NEWSDEX_BENCH_INDEX");
    }
    if !args.index.is_dir() {
        bail!("{}: no such index folder", args.index.display());
    }
    Ok(args)
}

/// splitmix64: a tiny fixed-seed generator, so the query set never depends on a crate's version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            None
        } else {
            items.get(self.below(items.len()))
        }
    }
}

fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// Adjacent word pairs of `text` (lowercased, split as the index splits) of which at least one
/// word is selective, so a quoted phrase of them matches this passage.
fn pairs_of(text: &str) -> Vec<(String, String)> {
    let tokens: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    tokens
        .windows(2)
        .filter(|w| {
            w.iter().all(|t| t.chars().all(char::is_alphabetic))
                && w.iter()
                    .any(|t| t.chars().count() >= 4 && !STOP.contains(&t.as_str()))
        })
        .map(|w| (w[0].clone(), w[1].clone()))
        .collect()
}

/// Runs the seed searches (untimed) and keeps the passages they find.
fn samples(searcher: &Searcher) -> Result<Vec<Sample>> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for word in SEED_WORDS {
        let req = Request {
            query: (*word).to_string(),
            limit: 200,
            ..Request::default()
        };
        for hit in searcher.search(&req).context("seed search failed")? {
            if seen.insert((hit.article_id.clone(), hit.passage.clone())) {
                out.push(Sample {
                    words: words_of(&hit.passage),
                    pairs: pairs_of(&hit.passage),
                    actors: hit.actors,
                    places: hit.places,
                });
            }
        }
    }
    Ok(out)
}

/// Draws `n` queries, cycling through the kinds, from the sampled passages.
fn queries(samples: &[Sample], n: usize) -> Vec<(Kind, Request)> {
    let with_actor: Vec<&Sample> = samples.iter().filter(|s| !s.actors.is_empty()).collect();
    let with_place: Vec<&Sample> = samples.iter().filter(|s| !s.places.is_empty()).collect();
    let all: Vec<&Sample> = samples.iter().filter(|s| s.words.len() >= 2).collect();
    let mut rng = Rng(0x006e_6577_7364_6578);
    let mut out = Vec::with_capacity(n);
    let mut attempts = 0;
    while out.len() < n && attempts < n * 20 {
        attempts += 1;
        let kind = KINDS[out.len() % KINDS.len()];
        let pool = match kind {
            Kind::WordActor | Kind::WordsActor => &with_actor,
            Kind::PhrasePlace | Kind::AndPlace => &with_place,
            _ => &all,
        };
        // Without entities in the index, filtered kinds fall back to their unfiltered query.
        let pool = if pool.is_empty() { &all } else { pool };
        let Some(s) = rng.pick(pool) else { break };
        let Some(q) = draw(kind, s, &mut rng) else {
            continue;
        };
        out.push((kind, q));
    }
    out
}

fn draw(kind: Kind, s: &Sample, rng: &mut Rng) -> Option<Request> {
    if s.words.len() < 2 {
        return None;
    }
    let a = &s.words[rng.below(s.words.len())];
    let far = rng.pick(&s.words)?;
    let query = match kind {
        Kind::Word | Kind::WordActor => a.clone(),
        Kind::Phrase | Kind::PhrasePlace => {
            let (x, y) = rng.pick(&s.pairs)?;
            format!("\"{x} {y}\"")
        }
        Kind::And | Kind::AndPlace => {
            if far == a {
                return None;
            }
            format!("{a} AND {far}")
        }
        Kind::Words | Kind::WordsActor => {
            if far == a {
                return None;
            }
            let common = SEED_WORDS[rng.below(SEED_WORDS.len())];
            format!("{a} {far} {common}")
        }
    };
    let mut req = Request {
        query,
        limit: 10,
        ..Request::default()
    };
    match kind {
        Kind::WordActor | Kind::WordsActor => req.actors = vec![rng.pick(&s.actors)?.clone()],
        Kind::PhrasePlace | Kind::AndPlace => req.places = vec![rng.pick(&s.places)?.clone()],
        _ => {}
    }
    Some(req)
}

fn stats(times: &mut [Duration]) -> Stats {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| {
        if times.is_empty() {
            return 0.0;
        }
        let i = ((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1;
        ms(times[i])
    };
    let total: Duration = times.iter().sum();
    Stats {
        runs: times.len(),
        median_ms: at(0.5),
        p90_ms: at(0.9),
        p99_ms: at(0.99),
        max_ms: times.last().map(|d| ms(*d)).unwrap_or(0.0),
        mean_ms: if times.is_empty() {
            0.0
        } else {
            ms(total) / times.len() as f64
        },
    }
}

/// The number of passages, read from the Tantivy index under `dir` when there is one.
fn passage_count(dir: &Path) -> Option<u64> {
    let meta = walkdir::WalkDir::new(dir)
        .max_depth(3)
        .into_iter()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name() == "meta.json")?;
    let index = tantivy::Index::open_in_dir(meta.path().parent()?).ok()?;
    Some(index.reader().ok()?.searcher().num_docs())
}

fn command_line(req: &Request) -> Vec<String> {
    let mut v = vec![req.query.clone()];
    for a in &req.actors {
        v.push("--actor".into());
        v.push(a.clone());
    }
    for p in &req.places {
        v.push("--place".into());
        v.push(p.clone());
    }
    v.extend(["-n".into(), req.limit.to_string()]);
    v
}

fn find_binary(given: Option<PathBuf>) -> Option<PathBuf> {
    if let Some(b) = given {
        return Some(b);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let bin = target.join("release").join("newsdex");
    bin.is_file().then_some(bin)
}

/// Times `newsdex search` as a user runs it: process start, index open, search, output.
fn command_latency(bin: &Path, index: &Path, qs: &[(Kind, Request)]) -> Result<Stats> {
    let mut times = Vec::with_capacity(qs.len());
    for (_, req) in qs {
        let start = Instant::now();
        let status = Command::new(bin)
            .arg("search")
            .args(command_line(req))
            .arg("--index")
            .arg(index)
            .args(["--format", "jsonl", "--color", "never"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .with_context(|| format!("cannot run {}", bin.display()))?;
        times.push(start.elapsed());
        if !status.success() {
            bail!("{} search {:?} failed: {status}", bin.display(), req.query);
        }
    }
    Ok(stats(&mut times))
}

fn main() -> Result<()> {
    let args = parse_args()?;
    let passages = passage_count(&args.index);
    eprintln!(
        "search bench: index {} ({} passages)",
        args.index.display(),
        passages.map_or("unknown".into(), |n| n.to_string())
    );
    let start = Instant::now();
    let searcher = Searcher::open(&args.index)?;
    let open_ms = start.elapsed().as_secs_f64() * 1000.0;
    let samples = samples(&searcher)?;
    if samples.is_empty() {
        bail!(
            "the seed searches found nothing in {}: is the index empty?",
            args.index.display()
        );
    }
    let mut qs = queries(&samples, args.queries);
    for (_, q) in &mut qs {
        q.limit = args.limit;
    }
    eprintln!(
        "search bench: {} queries from {} sampled passages",
        qs.len(),
        samples.len()
    );

    // Warm the OS page cache and any lazily built state, as a server that has been up would be.
    for (_, q) in qs.iter().take(50) {
        searcher.search(q)?;
    }
    let mut times = Vec::with_capacity(qs.len());
    let mut per_kind: BTreeMap<Kind, (Vec<Duration>, usize)> = BTreeMap::new();
    let (mut with_hits, mut total_hits, mut total_highlights) = (0, 0, 0);
    for (kind, q) in &qs {
        let start = Instant::now();
        let hits: Vec<Hit> = searcher.search(q)?;
        let took = start.elapsed();
        times.push(took);
        let entry = per_kind.entry(*kind).or_default();
        entry.0.push(took);
        if !hits.is_empty() {
            with_hits += 1;
            entry.1 += 1;
        }
        total_hits += hits.len();
        total_highlights += hits.iter().map(|h| h.highlights.len()).sum::<usize>();
    }
    let by_kind = per_kind
        .into_iter()
        .map(|(k, (mut t, hit))| {
            let s = stats(&mut t);
            (
                k,
                KindResult {
                    queries: s.runs,
                    with_hits: hit,
                    median_ms: s.median_ms,
                    p99_ms: s.p99_ms,
                },
            )
        })
        .collect();

    // What a one-shot caller of the library pays: opening the index for every query.
    let mut reopen = Vec::new();
    for (_, q) in qs.iter().take(100) {
        let start = Instant::now();
        search::search(&args.index, q)?;
        reopen.push(start.elapsed());
    }

    let bin = find_binary(args.bin.clone());
    let command = match (&bin, args.command_runs) {
        (Some(b), n) if n > 0 => {
            let step = (qs.len() / n).max(1);
            let picked: Vec<_> = qs.iter().step_by(step).take(n).cloned().collect();
            Some(command_latency(b, &args.index, &picked)?)
        }
        _ => {
            eprintln!("search bench: no newsdex binary (build with cargo build --release or pass --bin); skipping whole-command latency");
            None
        }
    };
    let report = Report {
        index: args.index.display().to_string(),
        passages,
        queries: qs.len(),
        queries_with_hits: with_hits,
        mean_hits: total_hits as f64 / qs.len().max(1) as f64,
        highlights_per_hit: total_highlights as f64 / total_hits.max(1) as f64,
        limit: args.limit,
        open_ms,
        in_process: stats(&mut times),
        open_per_query: stats(&mut reopen),
        by_kind,
        command,
        command_binary: bin.map(|b| b.display().to_string()),
        examples: qs
            .iter()
            .take(12)
            .map(|(_, q)| {
                let args = command_line(q);
                let quoted: Vec<String> = args
                    .iter()
                    .map(|a| {
                        if a.contains([' ', '"']) {
                            format!("'{a}'")
                        } else {
                            a.clone()
                        }
                    })
                    .collect();
                quoted.join(" ")
            })
            .collect(),
    };
    let json = serde_json::to_string_pretty(&report)?;
    println!("{json}");
    if let Some(out) = &args.out {
        std::fs::write(out, &json).with_context(|| format!("cannot write {}", out.display()))?;
    }
    Ok(())
}
