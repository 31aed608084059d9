//! What each fuzz target does with its input. Shared by the targets in `fuzz_targets/` and by
//! `tests/fuzz_regressions.rs`, which replays their seeds and found inputs, so that a replayed
//! input takes exactly the path it took under the fuzzer.

// Each includer uses only some of these.
#![allow(dead_code)]

use flate2::write::GzEncoder;
use flate2::Compression;
use newsdex::clean::Article;
use newsdex::entities::Recognizer;
use newsdex::index::{Section, Sink, Writer};
use newsdex::ingest::{self, Event, Hints, Kind, Limits, RawDoc};
use newsdex::search::{Request, Searcher};
use std::io::Write;
use std::path::Path;

/// Document limits of the JSON and WARC targets: small enough that the fuzzer also reaches the
/// over-the-limit paths.
const JSON_LIMIT: Limits = Limits {
    max_doc_bytes: 4096,
};
const WARC_LIMIT: Limits = Limits {
    max_doc_bytes: 8192,
};

/// The HTML cleaner: any bytes go where a page would (guard, parser, walk, classifier,
/// metadata). Entities are fuzzed through `read_text`: here they would cut the rate tenfold.
pub fn clean_html(data: &[u8]) {
    let doc = RawDoc {
        source: "fuzz.html".into(),
        rel_path: "fuzz.html".into(),
        kind: Kind::Html,
        bytes: data.to_vec(),
        hints: Hints::default(),
    };
    let _ = newsdex::clean::clean(&doc);
}

/// The plain-text reader: a `.txt` file read, cleaned, its entities found and cut into passages.
pub fn read_text(data: &[u8], recognizer: &Recognizer) {
    for doc in read("fuzz.txt", data.to_vec(), Limits::default()) {
        if let Ok(prepared) = newsdex::pipeline::prepare(&doc, recognizer) {
            newsdex::index::passages(&prepared.article, &prepared.entities);
        }
    }
}

/// The JSON readers: the input as a `.json` document and as a `.jsonl` feed, each record
/// cleaned as the pipeline would.
pub fn read_json(data: &[u8]) {
    for name in ["fuzz.json", "fuzz.jsonl"] {
        clean_all(read(name, data.to_vec(), JSON_LIMIT));
    }
}

/// The WARC reader on a plain `.warc`: record framing, lying lengths, HTTP headers, chunked
/// transfer and content encodings, then the cleaner on each page.
pub fn read_warc(data: &[u8]) {
    clean_all(read("fuzz.warc", data.to_vec(), WARC_LIMIT));
}

/// The WARC reader on a `.warc.gz`. The first byte picks how the rest is fed: gzipped as one
/// member, as one member per record (as crawlers write, where resynchronising works member by
/// member), or as raw bytes (to reach the gzip error paths).
pub fn read_warc_gz(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = match mode % 3 {
        0 => gzip(rest),
        1 => gzip_per_record(rest),
        _ => rest.to_vec(),
    };
    clean_all(read("fuzz.warc.gz", bytes, WARC_LIMIT));
}

/// Articles of the index the query target searches: several scripts, dates, a comment.
const ARTICLES: [(&str, &str, &str, &str); 3] = [
    (
        "https://news.example/2016/12/14/aleppo",
        "Buses leave Aleppo",
        "2016-12-14",
        "Sergei Lavrov said in Moscow that the buses would leave Aleppo on Wednesday.",
    ),
    (
        "https://news.example/2019/03/04/rotterdam",
        "Strike at the port of Rotterdam",
        "2019-03-04",
        "Dock workers in Rotterdam walked out, the port authority said. «Мы не уйдём», said one.",
    ),
    (
        "https://news.example/2024/05/01/cairo",
        "مظاهرات في القاهرة",
        "2024-05-01",
        "Protesters gathered in Cairo. 北京 said nothing. Angela Merkel met Emmanuel Macron.",
    ),
];

/// Builds the query target's small index in `dir` (built once per process) and opens it.
pub fn query_index(dir: &Path) -> Searcher {
    let _ = std::fs::remove_dir_all(dir);
    let recognizer = Recognizer::new();
    let mut writer = Writer::open(dir, false).expect("create the fuzz index");
    for (i, (url, title, date, body)) in ARTICLES.iter().enumerate() {
        let article = Article {
            id: url.to_string(),
            path: format!("fuzz/{i}.html"),
            title: title.to_string(),
            date: Some(date.to_string()),
            url: Some(url.to_string()),
            body: vec![body.to_string()],
            comments: vec!["A reader said Lavrov was in Aleppo.".into()],
            ..Article::default()
        };
        let entities = recognizer.document(&newsdex::pipeline::texts(&article));
        writer
            .add(&article.path, &i.to_string(), &article, &entities)
            .expect("add a fuzz article");
    }
    writer.commit().expect("commit the fuzz index");
    drop(writer);
    Searcher::open(dir).expect("open the fuzz index")
}

/// The query parser and filters: the input is split at NUL bytes into query, actor, place,
/// since, until and section.
pub fn query(searcher: &Searcher, data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\0');
    let mut next = || parts.next().map(str::to_string);
    let query = next().unwrap_or_default();
    let actors = next().into_iter().filter(|s| !s.is_empty()).collect();
    let places = next().into_iter().filter(|s| !s.is_empty()).collect();
    let since = next().filter(|s| !s.is_empty());
    let until = next().filter(|s| !s.is_empty());
    let section = next().and_then(|s| match s.len() % 4 {
        1 => Some(Section::Title),
        2 => Some(Section::Body),
        3 => Some(Section::Comments),
        _ => None,
    });
    let req = Request {
        query,
        actors,
        places,
        since,
        until,
        section,
        limit: 5,
        all_words: false,
    };
    let _ = searcher.search(&req);
    let _ = searcher.count(&req);
}

fn read(name: &str, bytes: Vec<u8>, limits: Limits) -> Vec<RawDoc> {
    ingest::read_stream(name, std::io::Cursor::new(bytes), limits)
        .filter_map(|event| match event {
            Event::Doc(doc) => Some(doc),
            _ => None,
        })
        .collect()
}

fn clean_all(docs: Vec<RawDoc>) {
    for doc in docs {
        let _ = newsdex::clean::clean(&doc);
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).expect("compress in memory");
    encoder.finish().expect("finish gzip")
}

/// One gzip member per `WARC/` record.
fn gzip_per_record(bytes: &[u8]) -> Vec<u8> {
    let mut starts: Vec<usize> = bytes
        .windows(5)
        .enumerate()
        .filter(|(_, w)| *w == b"WARC/")
        .map(|(i, _)| i)
        .collect();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    starts.push(bytes.len());
    starts
        .windows(2)
        .flat_map(|w| gzip(&bytes[w[0]..w[1]]))
        .collect()
}
