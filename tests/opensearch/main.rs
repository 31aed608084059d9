//! The OpenSearch backend against a real node.
//!
//! These tests need a running OpenSearch 2.19 node: `tests/opensearch/node.sh start` prints its
//! URL; pass it as `NEWSDEX_OPENSEARCH_URL`. Without it each test says it skipped, unless
//! `NEWSDEX_REQUIRE_OPENSEARCH=1` (as in CI), when it fails. The crash test starts a second node
//! of its own with the same script, so it needs Java 17 and Maven as well.

#[path = "../common/mod.rs"]
mod common;

use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The node's URL, or None (after saying why) when the tests are to be skipped.
fn node() -> Option<String> {
    match std::env::var("NEWSDEX_OPENSEARCH_URL") {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().trim_end_matches('/').to_string()),
        _ => {
            assert!(
                std::env::var("NEWSDEX_REQUIRE_OPENSEARCH").as_deref() != Ok("1"),
                "NEWSDEX_REQUIRE_OPENSEARCH=1 but NEWSDEX_OPENSEARCH_URL is not set: start a node \
                 with tests/opensearch/node.sh start and pass its URL"
            );
            eprintln!(
                "skipped: NEWSDEX_OPENSEARCH_URL is not set (start a node with \
                 `tests/opensearch/node.sh start` and pass its URL to run these tests)"
            );
            None
        }
    }
}

/// A fresh index name on the node, unique to this test run.
fn fresh_index(node: &str, label: &str) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let name = format!(
        "t{}-{}-{label}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    );
    let url = format!("{node}/{name}");
    for index in [name.clone(), format!("{name}-ledger")] {
        let _ = agent().delete(format!("{node}/{index}")).call();
    }
    url
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// GET or POST JSON to the node.
fn call(url: &str, body: Option<&str>) -> Value {
    let mut response = match body {
        Some(b) => agent()
            .post(url)
            .header("content-type", "application/json")
            .send(b)
            .expect("the node answers"),
        None => agent().get(url).call().expect("the node answers"),
    };
    let text = response.body_mut().read_to_string().unwrap();
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// Passages in an index, after a refresh.
fn passages_in(url: &str) -> u64 {
    call(&format!("{url}/_refresh"), Some(""));
    call(&format!("{url}/_count"), None)["count"]
        .as_u64()
        .unwrap_or(0)
}

/// The embedded index of `corpus/`.
fn tantivy() -> String {
    corpus_index().to_str().unwrap().to_string()
}

/// The corpus in an OpenSearch index, made once per test binary.
fn corpus_cluster(node: &str) -> &'static str {
    static URL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    URL.get_or_init(|| {
        let url = fresh_index(node, "corpus");
        ok(&["index", "corpus", "--opensearch", &url, "--quiet"]);
        url
    })
}

/// Every hit of `query` as JSON objects, from `--index DIR` or `--opensearch URL`.
fn all_hits(backend: &[&str], query: &str) -> Vec<Value> {
    let mut args = vec!["search", query, "--all", "-f", "jsonl"];
    args.extend_from_slice(backend);
    ok(&args)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// (article id, section, passage) of each hit: what a passage is, whatever the backend.
fn passage_set(hits: &[Value]) -> BTreeSet<(String, String, String)> {
    hits.iter()
        .map(|h| {
            (
                h["article_id"].as_str().unwrap().to_string(),
                h["section"].as_str().unwrap().to_string(),
                h["passage"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn both_backends_hold_the_same_passages() {
    let Some(node) = node() else { return };
    let cluster = corpus_cluster(&node);
    let local = all_hits(&["--index", &tantivy()], "");
    let remote = all_hits(&["--opensearch", cluster], "");
    assert!(local.len() > 300, "the corpus has {} passages", local.len());
    assert_eq!(local.len(), remote.len(), "as many passages in both");
    assert_eq!(passage_set(&local), passage_set(&remote));
    // The article fields each hit carries are the same too.
    let fields = |hits: &[Value]| -> BTreeSet<String> {
        hits.iter()
            .map(|h| {
                format!(
                    "{}|{}|{}|{}|{}|{}|{}",
                    h["article_id"],
                    h["title"],
                    h["date"],
                    h["url"],
                    h["path"],
                    h["actors"],
                    h["places"]
                )
            })
            .collect()
    };
    assert_eq!(fields(&local), fields(&remote));
}

/// Queries as users type them, and the syntax of the query language.
const QUERIES: [&str; 20] = [
    "evacuation of aleppo",
    "who stopped the buses",
    "green buses",
    "\"green buses\"",
    "Russia Turkey ceasefire",
    "Anatoly Vesnin",
    "wildfire Paradise California",
    "Evia ferries rescue",
    "Rotterdam dockers strike automation",
    "Antwerp wage deal",
    "European Parliament election turnout",
    "Kellner Greens Berlin",
    "Corvane Systems antitrust fine",
    "bundling cloud meeting tools",
    "Karachi monsoon floods",
    "Manchhar Lake embankment",
    "Sindh flood rebuild Geneva",
    "aleppo -buses",
    "place:aleppo evacuation",
    "strike date:2019",
];

/// The top ten (article id, section, passage) of `query`.
fn top_ten(backend: &[&str], query: &str) -> Vec<(String, String, String)> {
    let mut args = vec!["search", query, "-n", "10", "-f", "jsonl"];
    args.extend_from_slice(backend);
    ok(&args)
        .lines()
        .map(|l| {
            let h: Value = serde_json::from_str(l).unwrap();
            (
                h["article_id"].as_str().unwrap().to_string(),
                h["section"].as_str().unwrap().to_string(),
                h["passage"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_top_ten_of_twenty_queries_overlap() {
    let Some(node) = node() else { return };
    let cluster = corpus_cluster(&node);
    let mut shares = Vec::new();
    for query in QUERIES {
        let local = top_ten(&["--index", &tantivy()], query);
        let remote = top_ten(&["--opensearch", cluster], query);
        assert!(!remote.is_empty(), "{query:?}: no hit from OpenSearch");
        let local_set: BTreeSet<_> = local.iter().collect();
        let shared = remote.iter().filter(|h| local_set.contains(h)).count();
        let share = shared as f64 / local.len().max(remote.len()) as f64;
        eprintln!(
            "{query:?}: {shared} of {} shared",
            local.len().max(remote.len())
        );
        shares.push(share);
        // The best passage of one is among the other's hits.
        assert!(
            local_set.contains(&remote[0]),
            "{query:?}: OpenSearch's best hit {:?} is not in the embedded top ten",
            remote[0]
        );
    }
    let mean = shares.iter().sum::<f64>() / shares.len() as f64;
    eprintln!("mean top-10 overlap: {mean:.3}");
    assert!(mean >= 0.8, "mean top-10 overlap {mean:.3} is under 0.8");
}

#[test]
fn facets_and_timelines_count_alike() {
    let Some(node) = node() else { return };
    let cluster = corpus_cluster(&node);
    let local_index = tantivy();
    for filters in [
        vec![""],
        vec!["aleppo"],
        vec!["strike", "--place", "Rotterdam"],
        vec!["", "--since", "2019-01-01", "--until", "2022-12-31"],
        vec!["flood", "--section", "body"],
    ] {
        for command in ["facets", "timeline"] {
            let run = |backend: &[&str]| -> Value {
                let mut args = vec![command];
                args.extend_from_slice(&filters);
                args.extend_from_slice(&["-f", "json", "-n", "50"]);
                if command == "timeline" {
                    args.truncate(args.len() - 2);
                    args.extend_from_slice(&["--by", "month"]);
                }
                args.extend_from_slice(backend);
                serde_json::from_str(&ok(&args)).unwrap()
            };
            let mut local = run(&["--index", &local_index]);
            let mut remote = run(&["--opensearch", cluster]);
            if command == "facets" {
                // Pairs are approximate on OpenSearch (among the most frequent names).
                local.as_object_mut().unwrap().remove("pairs");
                remote.as_object_mut().unwrap().remove("pairs");
            }
            assert_eq!(local, remote, "{command} {filters:?}");
        }
    }
}

#[test]
fn a_second_run_adds_nothing() {
    let Some(node) = node() else { return };
    let url = fresh_index(&node, "rerun");
    let first = ok(&["index", "corpus", "--opensearch", &url, "--quiet"]);
    let count = passages_in(&url);
    let second = ok(&["index", "corpus", "--opensearch", &url, "--quiet"]);
    assert_eq!(summary(&first)[0], 50, "{first}");
    assert_eq!(summary(&second)[..3], [0, 0, 50], "{second}");
    assert_eq!(passages_in(&url), count);
    // Changed content replaces; it never adds a copy.
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("one.txt");
    let long =
        "The river rose through the night and the town council opened the school as a shelter. "
            .repeat(12);
    std::fs::write(&page, format!("Floods in Riverton\n\n{long}\n\n{long}")).unwrap();
    ok(&[
        "index",
        dir.path().to_str().unwrap(),
        "--opensearch",
        &url,
        "--quiet",
    ]);
    let with_page = passages_in(&url);
    std::fs::write(
        &page,
        "Floods in Riverton\n\nThe river fell again by morning.",
    )
    .unwrap();
    let changed = ok(&[
        "index",
        dir.path().to_str().unwrap(),
        "--opensearch",
        &url,
        "--quiet",
    ]);
    assert_eq!(summary(&changed)[1], 1, "{changed}");
    assert!(
        passages_in(&url) < with_page,
        "the shorter version left old passages behind"
    );
    assert_eq!(passages_in(&url), count + 2, "title and one body passage");
}

#[test]
fn an_index_with_other_fields_is_refused_clearly() {
    let Some(node) = node() else { return };
    let url = fresh_index(&node, "foreign");
    let mut response = agent()
        .put(&url)
        .header("content-type", "application/json")
        .send(r#"{"mappings":{"properties":{"body":{"type":"text"}}}}"#)
        .unwrap();
    assert_eq!(
        response.status().as_u16(),
        200,
        "{}",
        response.body_mut().read_to_string().unwrap()
    );
    let o = newsdex(&["index", "corpus", "--opensearch", &url, "--quiet"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("exists with other fields"), "{err}");
    assert!(err.contains("--rebuild"), "{err}");
    // Nothing was written into it.
    assert_eq!(passages_in(&url), 0);
}

#[test]
fn shards_together_hold_the_archive() {
    let Some(node) = node() else { return };
    let url = fresh_index(&node, "shards");
    let mut left = 0;
    let mut indexed = 0;
    for i in 1..=3 {
        let out = ok(&[
            "index",
            "corpus",
            "--opensearch",
            &url,
            "--shard",
            &format!("{i}/3"),
            "--quiet",
        ]);
        indexed += summary(&out)[0];
        left += out
            .split("left to other shards ")
            .nth(1)
            .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0);
        assert!(summary(&out)[0] < 50, "shard {i}/3 took everything: {out}");
    }
    assert_eq!(indexed, 50);
    assert_eq!(
        left,
        2 * 53,
        "each document is left to the other shards twice"
    );
    let local = all_hits(&["--index", &tantivy()], "");
    let remote = all_hits(&["--opensearch", &url], "");
    assert_eq!(passage_set(&local), passage_set(&remote));
}

/// `tests/opensearch/node.sh` with its own home, so the crash test has a node of its own.
fn node_script(home: &Path, action: &str) -> String {
    let out = Command::new("bash")
        .arg(root().join("tests/opensearch/node.sh"))
        .arg(action)
        .env("NEWSDEX_NODE_HOME", home)
        .stderr(Stdio::inherit())
        .output()
        .expect("node.sh runs");
    assert!(out.status.success(), "node.sh {action} failed");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Pages enough for many bulk requests of 1 MB.
fn many_pages(dir: &Path, n: usize) -> PathBuf {
    let pages = dir.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    let towns = ["Riverton", "Lakeside", "Hillcrest", "Seabrook", "Fairview"];
    for i in 0..n {
        let town = towns[i % towns.len()];
        let mut text = format!("Council of {town} meets on budget number {i}\n\n");
        for p in 0..12 {
            text.push_str(&format!(
                "Paragraph {p} of report {i}: the council of {town} debated the budget for roads, \
                 schools and the harbour, and the mayor said the vote on item {i}-{p} would wait \
                 until the auditors had read the accounts of the year.\n\n"
            ));
        }
        std::fs::write(pages.join(format!("page-{i:05}.txt")), text).unwrap();
    }
    pages
}

#[test]
fn a_node_killed_during_a_bulk_load_leaves_a_run_the_next_one_completes() {
    let Some(_) = node() else { return };
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("node");
    let pages = many_pages(dir.path(), 3000);
    let url = format!("{}/crash", node_script(&home, "start"));
    let guard = Stopper(home.clone());
    let run = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args([
            "index",
            pages.to_str().unwrap(),
            "--opensearch",
            &url,
            "--bulk-mb",
            "1",
        ])
        .args(["--retry-for", "2", "--quiet", "--threads", "2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Killed once the first bulk requests were accepted, well before the last.
    let ledger = format!("{url}-ledger");
    let started = Instant::now();
    loop {
        let held = passages_in(&ledger);
        if held > 0 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no bulk request landed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    node_script(&home, "kill");
    let out = run.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "the run went on without its node");
    assert!(
        err.contains("cannot reach OpenSearch") || err.contains("OpenSearch refused"),
        "{err}"
    );
    // The node comes back with what it had; the same command finishes the job.
    let url = format!("{}/crash", node_script(&home, "start"));
    let second = ok(&[
        "index",
        pages.to_str().unwrap(),
        "--opensearch",
        &url,
        "--quiet",
    ]);
    let [indexed, updated, unchanged, _, failed] = summary(&second);
    assert_eq!(failed, 0, "{second}");
    assert!(unchanged > 0, "the second run redid everything: {second}");
    assert_eq!(indexed + updated + unchanged, 3000, "{second}");
    // Every page once: a title and passages per page, no copies.
    let per_page = {
        let one = tempfile::tempdir().unwrap();
        let idx = one.path().join("i");
        let single = many_pages(one.path(), 1);
        ok(&[
            "index",
            single.to_str().unwrap(),
            "--index",
            idx.to_str().unwrap(),
            "--quiet",
        ]);
        all_hits(&["--index", idx.to_str().unwrap()], "").len() as u64
    };
    assert_eq!(passages_in(&url), 3000 * per_page);
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    for hit in all_hits(&["--opensearch", &url], "") {
        *ids.entry(format!("{}#{}", hit["article_id"], hit["passage"]))
            .or_default() += 1;
    }
    assert!(ids.values().all(|&n| n == 1), "a passage is there twice");
    drop(guard);
}

/// Stops the test's own node however the test ends.
struct Stopper(PathBuf);

impl Drop for Stopper {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(root().join("tests/opensearch/node.sh"))
            .arg("stop")
            .env("NEWSDEX_NODE_HOME", &self.0)
            .output();
    }
}

#[test]
fn stats_agree() {
    let Some(node) = node() else { return };
    let cluster = corpus_cluster(&node);
    let local: Value = serde_json::from_str(&ok(&[
        "stats",
        "--index",
        &tantivy(),
        "-f",
        "json",
        "-n",
        "50",
    ]))
    .unwrap();
    let remote: Value = serde_json::from_str(&ok(&[
        "stats",
        "--opensearch",
        cluster,
        "-f",
        "json",
        "-n",
        "50",
    ]))
    .unwrap();
    assert_eq!(local["articles"], 50);
    assert_eq!(local, remote);
}

#[test]
fn a_ranked_list_longer_than_the_result_window_comes_whole() {
    // OpenSearch returns at most 10,000 hits a search; `serve`'s exports ask for 100,000.
    let Some(node) = node() else { return };
    let cluster = corpus_cluster(&node);
    let long = ok(&[
        "search",
        "aleppo",
        "-n",
        "20000",
        "-f",
        "jsonl",
        "--opensearch",
        cluster,
    ]);
    let hits: Vec<Value> = long
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        hits.len(),
        all_hits(&["--opensearch", cluster], "aleppo").len()
    );
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "ranked best first");
    let top = ok(&[
        "search",
        "aleppo",
        "-n",
        "10",
        "-f",
        "jsonl",
        "--opensearch",
        cluster,
    ]);
    assert_eq!(
        long.lines().take(10).collect::<Vec<_>>(),
        top.lines().collect::<Vec<_>>()
    );
}
