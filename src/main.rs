//! The `newsdex` command: parses arguments and calls the library.

use anyhow::{Context, Result};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsdex::choice::Choice;
use newsdex::engine::Engine;
use newsdex::export::chart::{self, Picture};
use newsdex::export::{self, Cells, Color, Format, HitOutput, JsonStream, ReportFormat};
use newsdex::index::Section;
use newsdex::ingest::Limits;
use newsdex::pipeline::{self, Failure, IndexOptions, Observer, Shard, Target};
use newsdex::search::{Period, Request};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Search engine for news archives: index pages, search ranked passages, export hit lists.
#[derive(Parser)]
#[command(name = "newsdex", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Index folders and files of news pages (.html .htm .txt .json .jsonl .warc, also gzipped).
    Index(IndexArgs),
    /// Search the index and show ranked passages.
    Search(SearchArgs),
    /// Top actors, places and actor x place pairs of the articles matching a query.
    Facets(FacetsArgs),
    /// Matching articles per day, week, month or year, as a bar chart or a table.
    Timeline(TimelineArgs),
    /// What the index holds: articles, passages, sources, dates, sections, top names.
    Stats(StatsArgs),
    /// A local web page to search the index (and its JSON API); stops with Ctrl-C.
    Serve(ServeArgs),
    /// Show what the indexer stores for each file (title, date, body, comments, actors, places).
    Extract(ExtractArgs),
    /// Read JSON lines {"id","text"} on stdin, write their actors and places as JSON lines.
    Entities,
    /// Train the named-entity recognizer on CoNLL-format data (IOB tags PER ORG LOC MISC).
    TrainNer(TrainNerArgs),
    /// Train the cleaner's block model on pages with gold text (JSON lines {"html","body"}).
    TrainCleaner(TrainCleanerArgs),
}

#[derive(clap::Args)]
struct TrainCleanerArgs {
    /// Training pages, JSON lines {"html": PATH, "body": GOLD TEXT}; relative paths are read
    /// from the file's folder. `benches/train_cleaner.py` writes it from ../shared's tune halves.
    pairs: PathBuf,
    /// Where to write the model (newsdex embeds models/blocks.json when it is built).
    #[arg(long, default_value = "models/blocks.json")]
    out: PathBuf,
}

#[derive(clap::Args)]
struct TrainNerArgs {
    /// Training data, CoNLL format (token POS chunk tag per line).
    #[arg(long)]
    train: PathBuf,
    /// Development data: keeps the pass that scores best on it, and reports its scores.
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Where to write the model (newsdex embeds models/ner.bin when it is built).
    #[arg(long, default_value = "models/ner.bin")]
    out: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=100))]
    epochs: u64,
    /// Seed of the shuffle (the same seed and data give the same model).
    #[arg(long, default_value_t = 0x5eed)]
    seed: u64,
    /// Unlabeled news (plain text, JSON articles, Reuters-21578 XML; files or folders) to learn
    /// word clusters from; repeatable. The shipped model used ../shared/data/reuters-21578 and
    /// ../shared/data/cnn-lite-2026/articles.
    #[arg(long)]
    unlabeled: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct IndexArgs {
    /// Files or folders to index.
    #[arg(default_value = "corpus")]
    paths: Vec<PathBuf>,
    /// The index folder.
    #[arg(long, default_value = "index")]
    index: PathBuf,
    /// Index into this OpenSearch index instead of the folder: http://host:9200/NAME (NAME
    /// defaults to "newsdex").
    #[arg(long, value_name = "URL")]
    opensearch: Option<String>,
    /// Primary shards of a new OpenSearch index.
    #[arg(long, default_value_t = 1, requires = "opensearch", value_parser = clap::value_parser!(u32).range(1..=1024))]
    shards: u32,
    /// Replicas of a new OpenSearch index.
    #[arg(long, default_value_t = 0, requires = "opensearch", value_parser = clap::value_parser!(u32).range(0..=16))]
    replicas: u32,
    /// Size of each OpenSearch bulk request, in MB.
    #[arg(long, default_value_t = 8, requires = "opensearch", value_parser = clap::value_parser!(u64).range(1..=512))]
    bulk_mb: u64,
    /// Seconds to keep retrying an OpenSearch cluster that refuses or does not answer.
    #[arg(long, default_value_t = 60, requires = "opensearch")]
    retry_for: u64,
    /// Index only part I of N of the archive (by a hash of each document's source), so that N
    /// machines can feed one OpenSearch index; together the N parts hold the whole archive.
    #[arg(long, value_name = "I/N", value_parser = Shard::parse)]
    shard: Option<Shard>,
    /// Delete the index's contents first and index everything again.
    #[arg(long)]
    rebuild: bool,
    /// Threads that clean pages and find actors and places (default: all cores).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    threads: Option<u64>,
    /// Memory for the index writer, in MB.
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u64).range(16..=16384))]
    memory: u64,
    /// Largest document accepted after decompression, in MB.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..))]
    max_doc_size: u64,
    /// Commit at least every this many seconds.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    commit_every: u64,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(clap::Args)]
struct SearchArgs {
    /// Words, "phrases", AND / OR / -word, field:term.
    query: String,
    #[command(flatten)]
    narrow: Narrowing,
    /// How many passages to show.
    #[arg(long, short = 'n', default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    limit: u64,
    /// Output format.
    #[arg(long, short, value_parser = choice::<Format>(), default_value = "text")]
    format: Format,
    /// Write the results to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Colour the matched words.
    #[arg(long, value_parser = choice::<Color>(), default_value = "auto")]
    color: Color,
    /// Keep at most this many passages of each article (the best ones).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    per_article: Option<u64>,
    /// Every hit, streamed in index order (not ranked), instead of the best --limit.
    #[arg(long, conflicts_with_all = ["per_article", "limit"])]
    all: bool,
    /// CSV and XLSX cells exactly as in the archive: no `'` before a cell that starts with
    /// = + - @ (which a spreadsheet would otherwise run as a formula).
    #[arg(long)]
    raw_cells: bool,
}

/// The index and the filters every search-like command takes.
#[derive(clap::Args)]
struct Narrowing {
    /// The index folder.
    #[arg(long, default_value = "index")]
    index: PathBuf,
    /// Search this OpenSearch index instead of the folder: http://host:9200/NAME.
    #[arg(long, value_name = "URL")]
    opensearch: Option<String>,
    /// Only articles that name this actor (canonical name, any case; repeat for all of several).
    #[arg(long)]
    actor: Vec<String>,
    /// Only articles that name this place (canonical name, any case; repeat for all of several).
    #[arg(long)]
    place: Vec<String>,
    /// Only articles published on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    since: Option<String>,
    /// Only articles published on or before this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    until: Option<String>,
    /// Only passages from this part of the article.
    #[arg(long, value_parser = choice::<Section>())]
    section: Option<Section>,
    /// Every plain word must match (stopwords aside), instead of ranking passages by how many
    /// of the words they hold.
    #[arg(long)]
    all_words: bool,
}

impl Narrowing {
    /// Opens the index these options name.
    fn engine(&self) -> Result<Engine> {
        Ok(Engine::open(&self.index, self.opensearch.as_deref())?)
    }

    /// The request for `query` with these filters, at most `limit` hits.
    fn request(&self, query: &str, limit: usize) -> Request {
        Request {
            query: query.to_string(),
            actors: self.actor.clone(),
            places: self.place.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            section: self.section,
            limit,
            all_words: self.all_words,
        }
    }
}

/// The query and filters of the analytics commands (the same as `search`'s).
#[derive(clap::Args)]
struct Filters {
    /// Words, "phrases", AND / OR / -word, field:term; empty for every article.
    #[arg(default_value = "")]
    query: String,
    #[command(flatten)]
    narrow: Narrowing,
}

impl Filters {
    fn request(&self) -> Request {
        self.narrow.request(&self.query, 0)
    }
}

#[derive(clap::Args)]
struct FacetsArgs {
    #[command(flatten)]
    filters: Filters,
    /// How many actors, places and pairs to show.
    #[arg(long, short = 'n', default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    limit: u64,
    /// Output format.
    #[arg(long, short, value_parser = choice::<ReportFormat>(), default_value = "text")]
    format: ReportFormat,
}

#[derive(clap::Args)]
struct TimelineArgs {
    #[command(flatten)]
    filters: Filters,
    /// Period length.
    #[arg(long, value_parser = choice::<Period>(), default_value = "month")]
    by: Period,
    /// Output format.
    #[arg(long, short, value_parser = choice::<ReportFormat>(), default_value = "text")]
    format: ReportFormat,
    /// Also draw the chart as a PNG picture into this file.
    #[arg(long)]
    png: Option<PathBuf>,
    /// Also draw the chart as an SVG picture into this file.
    #[arg(long)]
    svg: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StatsFormat {
    Text,
    Json,
}

#[derive(clap::Args)]
struct StatsArgs {
    /// The index folder.
    #[arg(long, default_value = "index")]
    index: PathBuf,
    /// The OpenSearch index instead of the folder: http://host:9200/NAME.
    #[arg(long, value_name = "URL")]
    opensearch: Option<String>,
    /// How many top actors and places to show.
    #[arg(long, short = 'n', default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    limit: u64,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = StatsFormat::Text)]
    format: StatsFormat,
}

#[derive(clap::Args)]
struct ServeArgs {
    /// The index folder.
    #[arg(long, default_value = "index")]
    index: PathBuf,
    /// Serve this OpenSearch index instead of the folder: http://host:9200/NAME.
    #[arg(long, value_name = "URL")]
    opensearch: Option<String>,
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The address to listen on; anything but a loopback address lets other machines read
    /// the archive.
    #[arg(long, default_value = "127.0.0.1")]
    host: std::net::IpAddr,
    /// Seconds a client may take to send a request's header before it is disconnected.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    header_timeout: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExtractFormat {
    Json,
    Jsonl,
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Files or folders to extract.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = ExtractFormat::Jsonl)]
    format: ExtractFormat,
    /// Largest document accepted after decompression, in MB.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..))]
    max_doc_size: u64,
    /// Threads that clean pages and find actors and places (default: all cores).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    threads: Option<u64>,
}

/// The `--threads` asked for, else one per core.
fn threads(asked: Option<u64>) -> usize {
    asked.map(|n| n as usize).unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    })
}

fn parse_day(s: &str) -> Result<String, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| format!("'{s}' is not a day like 2016-12-14"))
}

/// Parses a flag's value as one of the library's named choices, offering each with its help.
fn choice<T: Choice + Clone>() -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(
        T::ALL
            .iter()
            .map(|v| PossibleValue::new(v.name()).help(v.help())),
    )
    .map(|name| T::named(&name).expect("clap accepts only the names offered"))
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Index(args) => cmd_index(args),
        Command::Search(args) => cmd_search(args),
        Command::Facets(args) => cmd_facets(args),
        Command::Timeline(args) => cmd_timeline(args),
        Command::Stats(args) => cmd_stats(args),
        Command::Serve(args) => cmd_serve(args),
        Command::Extract(args) => cmd_extract(args),
        Command::Entities => cmd_entities(),
        Command::TrainNer(args) => cmd_train_ner(args),
        Command::TrainCleaner(args) => cmd_train_cleaner(args),
    };
    if let Err(e) = result {
        // A closed pipe (`newsdex search ... | head`) is not an error worth a message.
        if e.chain().any(|c| {
            let io = c.downcast_ref::<std::io::Error>().or_else(|| {
                match c.downcast_ref::<export::ExportError>() {
                    Some(export::ExportError::Io(io)) => Some(io),
                    _ => None,
                }
            });
            io.is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
        }) {
            std::process::exit(0);
        }
        eprintln!("newsdex: error: {e:#}");
        std::process::exit(1);
    }
}

fn limits(max_doc_mb: u64) -> Limits {
    Limits {
        max_doc_bytes: max_doc_mb * 1024 * 1024,
    }
}

fn cmd_index(args: IndexArgs) -> Result<()> {
    let started = Instant::now();
    let threads = threads(args.threads);
    let target = match &args.opensearch {
        Some(url) => Target::OpenSearch {
            url: url.clone(),
            shards: args.shards,
            replicas: args.replicas,
            bulk_bytes: (args.bulk_mb * 1024 * 1024) as usize,
            retry_for: Duration::from_secs(args.retry_for),
        },
        None => Target::Folder(args.index.clone()),
    };
    let into = match &args.opensearch {
        Some(url) => url.clone(),
        None => args.index.display().to_string(),
    };
    let opts = IndexOptions {
        target,
        shard: args.shard,
        rebuild: args.rebuild,
        threads,
        memory_bytes: (args.memory * 1024 * 1024) as usize,
        limits: limits(args.max_doc_size),
        commit_every: Duration::from_secs(args.commit_every),
    };
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        // Without a handler, Ctrl-C, SIGTERM (a service stop) or SIGHUP (a closed terminal)
        // would kill the run between commits and lose the work since.
        ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                std::process::exit(pipeline::EXIT_INTERRUPTED);
            }
            eprintln!("\nnewsdex: stopping: committing what is done (Ctrl-C again to quit now)");
        })
        .context("cannot install the handler of Ctrl-C, SIGTERM and SIGHUP")?;
    }
    let bar = progress_bar(args.quiet);
    let mut on_failure = |f: &Failure| {
        bar.suspend(|| eprintln!("newsdex: {}: {}", f.source, f.reason));
    };
    let mut on_progress = |s: &pipeline::Summary| {
        let seen = s.seen();
        if seen.is_multiple_of(16) {
            bar.set_position(seen);
            bar.set_message(format!("{s}"));
        }
    };
    let summary = pipeline::run_index(
        &args.paths,
        &opts,
        Observer {
            on_failure: &mut on_failure,
            on_progress: &mut on_progress,
            stop: stop.clone(),
        },
    )
    .with_context(|| format!("cannot index into {into}"))?;
    bar.finish_and_clear();
    println!("{summary} ({:.1}s)", started.elapsed().as_secs_f64());
    for line in summary.advice() {
        eprintln!("newsdex: {line}");
    }
    match summary.exit_code() {
        0 => Ok(()),
        code => std::process::exit(code),
    }
}

fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed} {pos} documents ({per_sec}) {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

fn cmd_search(args: SearchArgs) -> Result<()> {
    let req = args.narrow.request(&args.query, args.limit as usize);
    let output = HitOutput {
        format: args.format,
        path: args.output.clone(),
        color: args.color,
        cells: if args.raw_cells {
            Cells::Raw
        } else {
            Cells::Guarded
        },
    };
    // Searched before the output file is made, so a query that fails leaves no empty file.
    let searcher = args.narrow.engine()?;
    let hits = match (args.all, args.per_article) {
        (true, _) => None,
        (false, Some(n)) => Some(searcher.search_per_article(&req, n as usize)?.hits),
        (false, None) => Some(searcher.search(&req)?),
    };
    let n = output.write(&args.query, |stream| -> Result<()> {
        match hits {
            Some(hits) => hits.iter().try_for_each(|hit| stream.write(hit))?,
            None => {
                searcher.each_hit(&req, |hit| -> Result<()> { Ok(stream.write(&hit)?) })?;
            }
        }
        Ok(())
    })?;
    if let Some(path) = &args.output {
        eprintln!("newsdex: wrote {n} hits to {}", path.display());
    }
    Ok(())
}

fn cmd_facets(args: FacetsArgs) -> Result<()> {
    let searcher = args.filters.narrow.engine()?;
    let req = args.filters.request();
    let limit = args.limit as usize;
    let facets = searcher.facets(&req, limit)?;
    let pairs = searcher.pairs(&req, limit)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    export::write_facets(&facets, &pairs, args.format, &mut out)?;
    out.flush()?;
    Ok(())
}

fn cmd_timeline(args: TimelineArgs) -> Result<()> {
    let searcher = args.filters.narrow.engine()?;
    let timeline = searcher.timeline(&args.filters.request(), args.by)?;
    let title = match args.filters.query.trim() {
        "" => "all articles".to_string(),
        q => q.to_string(),
    };
    for (path, kind) in [(&args.png, Picture::Png), (&args.svg, Picture::Svg)] {
        if let Some(path) = path {
            chart::draw(&timeline, &title, kind, path)?;
            eprintln!("newsdex: drew the chart into {}", path.display());
        }
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    export::write_timeline(&timeline, args.format, export::terminal_width(), &mut out)?;
    out.flush()?;
    Ok(())
}

fn cmd_stats(args: StatsArgs) -> Result<()> {
    let stats =
        Engine::open(&args.index, args.opensearch.as_deref())?.stats(args.limit as usize)?;
    let format = match args.format {
        StatsFormat::Text => ReportFormat::Text,
        StatsFormat::Json => ReportFormat::Json,
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    export::write_stats(&stats, format, &mut out)?;
    out.flush()?;
    Ok(())
}

fn cmd_serve(args: ServeArgs) -> Result<()> {
    let options = newsdex::serve::Options {
        index: args.index.clone(),
        opensearch: args.opensearch.clone(),
        addr: std::net::SocketAddr::new(args.host, args.port),
        header_timeout: std::time::Duration::from_secs(args.header_timeout),
    };
    if !args.host.is_loopback() {
        eprintln!(
            "newsdex: warning: listening on {}: anyone who can reach this machine can read the \
             archive",
            args.host
        );
    }
    newsdex::serve::run(&options, |addr| {
        // The address goes to standard output first, alone on its line, for scripts to read.
        println!("http://{addr}/");
        let _ = std::io::stdout().flush();
        eprintln!(
            "newsdex: serving {} at http://{addr}/ (Ctrl-C to stop)",
            args.index.display()
        );
    })?;
    Ok(())
}

fn cmd_extract(args: ExtractArgs) -> Result<()> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut json = JsonStream::new(&mut out, args.format == ExtractFormat::Jsonl)?;
    let mut io_error = None;
    let mut emit = |r: Result<pipeline::Extracted, Failure>| match r {
        Ok(record) if io_error.is_none() => {
            if let Err(e) = json.write(&record) {
                io_error = Some(e);
            }
        }
        Ok(_) => {}
        Err(f) => eprintln!("newsdex: {}: {}", f.source, f.reason),
    };
    let threads = threads(args.threads);
    let summary =
        pipeline::run_extract(&args.paths, limits(args.max_doc_size), threads, &mut emit)?;
    if let Some(e) = io_error {
        return Err(e).context("cannot write the output");
    }
    json.finish()?;
    eprintln!(
        "newsdex: extracted {}, skipped {}, failed {}",
        summary.indexed, summary.skipped, summary.failed
    );
    Ok(())
}

/// The JSON-lines protocol of `../shared/eval/ner_score.py --cmd`: one output line per input line.
fn cmd_entities() -> Result<()> {
    let out = BufWriter::new(std::io::stdout().lock());
    newsdex::entities::protocol(std::io::stdin().lock(), out)?;
    Ok(())
}

fn cmd_train_cleaner(args: TrainCleanerArgs) -> Result<()> {
    let started = Instant::now();
    let (model, report) = newsdex::clean::train::train_blocks(&args.pairs)
        .with_context(|| format!("cannot train on {}", args.pairs.display()))?;
    for (path, why) in &report.failed {
        eprintln!("newsdex: {path}: skipped: {why}");
    }
    let json = serde_json::to_string_pretty(&model)?;
    std::fs::write(&args.out, json + "\n")
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!(
        "newsdex: trained in {:.0}s on {} pages ({} skipped), {} blocks ({} article text), \
         {:.1}% of their characters labelled right; wrote {}",
        started.elapsed().as_secs_f64(),
        report.pages,
        report.failed.len(),
        report.blocks,
        report.body_blocks,
        100.0 * report.accuracy,
        args.out.display()
    );
    if args.out.ends_with("models/blocks.json") {
        eprintln!(
            "newsdex: rebuild newsdex (cargo build --release) to use the new model by default"
        );
    }
    Ok(())
}

fn cmd_train_ner(args: TrainNerArgs) -> Result<()> {
    use newsdex::ner;
    let opts = ner::TrainOptions {
        epochs: args.epochs as usize,
        seed: args.seed,
        unlabeled: args.unlabeled,
        verbose: true,
        ..ner::TrainOptions::default()
    };
    let started = Instant::now();
    let model = ner::train(&args.train, args.dev.as_deref(), &opts)
        .with_context(|| format!("cannot train on {}", args.train.display()))?;
    model
        .save(&args.out)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!(
        "newsdex: trained in {:.0}s, {} features, wrote {}",
        started.elapsed().as_secs_f64(),
        model.features(),
        args.out.display()
    );
    if let Some(dev) = &args.dev {
        let scores = ner::evaluate(&model, dev)
            .with_context(|| format!("cannot score on {}", dev.display()))?;
        print!("{scores}");
    }
    if args.out.ends_with("models/ner.bin") {
        eprintln!(
            "newsdex: rebuild newsdex (cargo build --release) to use the new model by default"
        );
    }
    Ok(())
}
