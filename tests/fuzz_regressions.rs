//! The fuzz targets' inputs, replayed in the normal test suite: the seeds in `fuzz/seeds/<target>/`
//! and every input a fuzzer found a crash, hang or runaway memory with, kept in
//! `tests/data/fuzz/<target>/`. Each goes through the same library calls as its target in
//! `fuzz/fuzz_targets/`, and must come back, without a panic, within the fuzzers' time limit.

mod common;

use flate2::write::GzEncoder;
use flate2::Compression;
use newsdex::clean::Article;
use newsdex::entities::Recognizer;
use newsdex::index::{Section, Writer};
use newsdex::ingest::{self, Event, Hints, Kind, Limits, RawDoc};
use newsdex::search::{Request, Searcher};
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The fuzzers' `-timeout`: a slower input is a hang.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Every input of `target`, with its path for messages.
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let root = common::root();
    let mut found = Vec::new();
    for dir in [
        root.join("fuzz/seeds").join(target),
        root.join("tests/data/fuzz").join(target),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            found.push((path, bytes));
        }
    }
    found.sort();
    assert!(!found.is_empty(), "no inputs for {target}");
    found
}

/// Runs `run` on every input of `target`, each within [`TIMEOUT`].
fn replay(target: &str, run: impl Fn(&[u8])) {
    for (path, bytes) in inputs(target) {
        let started = Instant::now();
        run(&bytes);
        let took = started.elapsed();
        assert!(took < TIMEOUT, "{} took {took:?}", path.display());
    }
}

fn read(name: &str, bytes: Vec<u8>, limits: Limits) -> Vec<RawDoc> {
    ingest::read_stream(name, std::io::Cursor::new(bytes), limits)
        .filter_map(|event| match event {
            Event::Doc(doc) => Some(doc),
            _ => None,
        })
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn clean_html() {
    replay("clean_html", |data| {
        let doc = RawDoc {
            source: "fuzz.html".into(),
            rel_path: "fuzz.html".into(),
            kind: Kind::Html,
            bytes: data.to_vec(),
            hints: Hints::default(),
        };
        let _ = newsdex::clean::clean(&doc);
    });
}

#[test]
fn read_text() {
    let recognizer = Recognizer::new();
    replay("read_text", |data| {
        for doc in read("fuzz.txt", data.to_vec(), Limits::default()) {
            if let Ok(prepared) = newsdex::pipeline::prepare(&doc, &recognizer) {
                newsdex::index::passages(&prepared.article, &prepared.entities);
            }
        }
    });
}

#[test]
fn read_json() {
    replay("read_json", |data| {
        let limits = Limits {
            max_doc_bytes: 4096,
        };
        for name in ["fuzz.json", "fuzz.jsonl"] {
            for doc in read(name, data.to_vec(), limits) {
                let _ = newsdex::clean::clean(&doc);
            }
        }
    });
}

#[test]
fn read_warc() {
    replay("read_warc", |data| {
        let limits = Limits {
            max_doc_bytes: 8192,
        };
        for doc in read("fuzz.warc", data.to_vec(), limits) {
            let _ = newsdex::clean::clean(&doc);
        }
    });
}

#[test]
fn read_warc_gz() {
    replay("read_warc_gz", |data| {
        let Some((&mode, rest)) = data.split_first() else {
            return;
        };
        let bytes = match mode % 3 {
            0 => gzip(rest),
            1 => {
                // One gzip member per `WARC/` record.
                let mut starts: Vec<usize> = rest
                    .windows(5)
                    .enumerate()
                    .filter(|(_, w)| *w == b"WARC/")
                    .map(|(i, _)| i)
                    .collect();
                if starts.first() != Some(&0) {
                    starts.insert(0, 0);
                }
                starts.push(rest.len());
                starts
                    .windows(2)
                    .flat_map(|w| gzip(&rest[w[0]..w[1]]))
                    .collect()
            }
            _ => rest.to_vec(),
        };
        let limits = Limits {
            max_doc_bytes: 8192,
        };
        for doc in read("fuzz.warc.gz", bytes, limits) {
            let _ = newsdex::clean::clean(&doc);
        }
    });
}

#[test]
fn query() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    let recognizer = Recognizer::new();
    let mut writer = Writer::open(&dir, false).unwrap();
    for (i, (title, body)) in [
        (
            "Buses leave Aleppo",
            "Sergei Lavrov said in Moscow that the buses would leave Aleppo.",
        ),
        (
            "مظاهرات في القاهرة",
            "Protesters gathered in Cairo. 北京 said nothing. «Мы не уйдём», said one.",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let article = Article {
            id: format!("https://news.example/{i}"),
            path: format!("fuzz/{i}.html"),
            title: title.into(),
            date: Some(format!("2016-12-1{i}")),
            body: vec![body.into()],
            ..Article::default()
        };
        let entities = recognizer.document(&newsdex::pipeline::texts(&article));
        writer
            .add(&article.path, &i.to_string(), &article, &entities)
            .unwrap();
    }
    writer.commit().unwrap();
    drop(writer);
    let searcher = Searcher::open(&dir).unwrap();
    replay("query", |data| {
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
        };
        let _ = searcher.search(&req);
        let _ = searcher.count(&req);
    });
}
