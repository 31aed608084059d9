//! The fuzz targets' inputs, replayed in the normal test suite: the seeds in `fuzz/seeds/<target>/`
//! and every input a fuzzer found a crash, hang or runaway memory with, kept in
//! `tests/data/fuzz/<target>/`. Each goes through its target's own code (`fuzz/targets.rs`), and
//! must come back, without a panic, within the fuzzers' time limit.

mod common;

#[path = "../fuzz/targets.rs"]
mod targets;

use newsdex::entities::Recognizer;
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

#[test]
fn clean_html() {
    replay("clean_html", targets::clean_html);
}

#[test]
fn read_text() {
    let recognizer = Recognizer::new();
    replay("read_text", |data| targets::read_text(data, &recognizer));
}

#[test]
fn read_json() {
    replay("read_json", targets::read_json);
}

#[test]
fn read_warc() {
    replay("read_warc", targets::read_warc);
}

#[test]
fn read_warc_gz() {
    replay("read_warc_gz", targets::read_warc_gz);
}

#[test]
fn query() {
    let tmp = tempfile::tempdir().unwrap();
    let searcher = targets::query_index(&tmp.path().join("index"));
    replay("query", |data| targets::query(&searcher, data));
}
