//! The analytics commands on a real wire archive: 2,000 stories of Reuters-21578, converted by
//! `benches/reuters_jsonl.py`. Skips with a message when `../shared` or `python3` is absent.

mod common;

use common::*;
use serde_json::Value;
use std::collections::HashSet;
use std::process::Command;

const STORIES: usize = 2_000;

#[test]
fn reuters_stories_give_dated_articles_facets_and_timelines() {
    if shared().is_none() {
        eprintln!("skipped: ../shared is absent, so there is no Reuters-21578 to index");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let all = tmp.path().join("reuters.jsonl");
    let converted = Command::new("python3")
        .arg("benches/reuters_jsonl.py")
        .arg(&all)
        .current_dir(root())
        .output()
        .ok()
        .filter(|o| o.status.success());
    let Some(converted) = converted else {
        eprintln!("skipped: python3 benches/reuters_jsonl.py did not run");
        return;
    };
    assert!(all.exists(), "{}", stdout(&converted));
    let text = std::fs::read_to_string(&all).unwrap();
    let lines: Vec<&str> = text.lines().take(STORIES).collect();
    let input = tmp.path().join("first.jsonl");
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let idx = tmp.path().join("index");
    let idx = idx.to_str().unwrap();
    ok(&["index", input.to_str().unwrap(), "--index", idx, "--quiet"]);

    // Every story is one article, and every one is dated in 1987 (the collection's year).
    let stats: Value = serde_json::from_str(&ok(&["stats", "--index", idx, "--format", "json"]))
        .expect("stats JSON");
    assert_eq!(stats["articles"], STORIES as u64);
    assert_eq!(stats["sources"], STORIES as u64);
    assert_eq!(stats["undated"], 0);
    assert!(stats["first"].as_str().unwrap().starts_with("1987-"));
    assert!(stats["last"].as_str().unwrap().starts_with("1987-"));
    // The story-end "REUTER" mark is no actor; names in capitals are not counted twice.
    let actors: Vec<&str> = stats["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert!(
        !actors.contains(&"REUTER") && !actors.contains(&"Reuter"),
        "{actors:?}"
    );

    // A timeline of "oil" charts exactly the articles that a search for it finds.
    let hits: HashSet<String> = ok(&[
        "search", "oil", "--index", idx, "--all", "--format", "jsonl",
    ])
    .lines()
    .map(|l| serde_json::from_str::<Value>(l).unwrap()["article_id"].to_string())
    .collect();
    assert!(hits.len() > 50, "only {} oil articles", hits.len());
    let t: Value = serde_json::from_str(&ok(&[
        "timeline", "oil", "--index", idx, "--by", "month", "--format", "json",
    ]))
    .unwrap();
    let charted: u64 = t["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["articles"].as_u64().unwrap())
        .sum();
    assert_eq!(charted, hits.len() as u64);

    // The places of oil stories include the producers the wire wrote about, by canonical name.
    let f: Value = serde_json::from_str(&ok(&[
        "facets", "oil", "--index", idx, "--limit", "30", "--format", "json",
    ]))
    .unwrap();
    let places: Vec<&str> = f["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for expected in ["United States", "Saudi Arabia"] {
        assert!(places.contains(&expected), "{expected} not in {places:?}");
    }
    assert_eq!(f["articles"], hits.len() as u64);
}
