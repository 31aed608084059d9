//! Facets, timeline and stats on the bundled corpus, checked against what searches return.

mod common;

use common::*;
use serde_json::Value;
use std::collections::HashSet;

/// Runs an analytics command on the corpus index with JSON output.
fn json(command: &str, args: &[&str]) -> Value {
    let idx = corpus_index().to_str().unwrap();
    let mut all = vec![command, "--index", idx, "--format", "json"];
    all.extend_from_slice(args);
    let out = ok(&all);
    serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("{command} JSON does not parse: {e}\n{out}"))
}

/// Distinct article ids among every passage hit of `query` with extra `args`.
fn articles(query: &str, args: &[&str]) -> HashSet<String> {
    let mut all = vec![query, "--limit", "100000"];
    all.extend_from_slice(args);
    search_json(corpus_index(), &all)
        .iter()
        .map(|h| h["article_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn facet_counts_are_distinct_articles_of_the_filtered_search() {
    let f = json("facets", &["aleppo", "--limit", "5"]);
    assert_eq!(f["articles"], articles("aleppo", &[]).len());
    let actors = f["actors"].as_array().unwrap();
    assert_eq!(actors.len(), 5);
    for a in actors {
        let name = a["name"].as_str().unwrap();
        let expected = articles("aleppo", &["--actor", name]).len();
        assert_eq!(a["articles"], expected, "actor {name}");
    }
    for p in f["places"].as_array().unwrap() {
        let name = p["name"].as_str().unwrap();
        assert_eq!(
            p["articles"],
            articles("aleppo", &["--place", name]).len(),
            "place {name}"
        );
    }
    let pairs = f["pairs"].as_array().unwrap();
    assert!(!pairs.is_empty());
    for p in pairs {
        let (actor, place) = (p["actor"].as_str().unwrap(), p["place"].as_str().unwrap());
        let expected = articles("aleppo", &["--actor", actor, "--place", place]).len();
        assert_eq!(p["articles"], expected, "pair {actor} x {place}");
    }
    // Most frequent first.
    let counts: Vec<u64> = pairs
        .iter()
        .map(|p| p["articles"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
}

#[test]
fn facets_text_and_csv_agree_with_json() {
    let idx = corpus_index().to_str().unwrap();
    let f = json("facets", &["rotterdam"]);
    let text = ok(&["facets", "rotterdam", "--index", idx]);
    assert!(
        text.starts_with(&format!("{} matching articles", f["articles"])),
        "{text}"
    );
    let top = &f["actors"][0];
    let line = text
        .lines()
        .find(|l| l.starts_with(top["name"].as_str().unwrap()))
        .unwrap_or_else(|| panic!("no line for the top actor in\n{text}"));
    assert!(line.ends_with(&top["articles"].to_string()), "{line}");
    let csv_out = ok(&["facets", "rotterdam", "--index", idx, "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_out.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let pairs: Vec<_> = rows.iter().filter(|r| &r[0] == "pair").collect();
    assert_eq!(pairs.len(), f["pairs"].as_array().unwrap().len());
    assert_eq!(&pairs[0][1], f["pairs"][0]["actor"].as_str().unwrap());
    assert_eq!(&pairs[0][3], f["pairs"][0]["articles"].to_string());
}

#[test]
fn timeline_totals_equal_matching_articles() {
    for (query, by) in [
        ("aleppo", "month"),
        ("", "year"),
        ("strike", "week"),
        ("fire", "day"),
    ] {
        let t = json("timeline", &[query, "--by", by]);
        let buckets = t["buckets"].as_array().unwrap();
        let charted: u64 = buckets
            .iter()
            .map(|b| b["articles"].as_u64().unwrap())
            .sum();
        let expected = articles(query, &[]).len() as u64;
        assert_eq!(t["articles"], expected, "{query} by {by}");
        assert_eq!(
            charted + t["undated"].as_u64().unwrap(),
            expected,
            "{query} by {by}"
        );
        // Every period between first and last is there, and the ends are not empty.
        assert!(buckets.first().unwrap()["articles"].as_u64().unwrap() > 0);
        assert!(buckets.last().unwrap()["articles"].as_u64().unwrap() > 0);
    }
    let t = json("timeline", &["", "--by", "year"]);
    let years: Vec<&str> = t["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["period"].as_str().unwrap())
        .collect();
    assert_eq!(
        years,
        ["2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024"]
    );
}

#[test]
fn timeline_months_show_empty_months_as_zero() {
    let t = json(
        "timeline",
        &["aleppo", "--since", "2016-12-01", "--until", "2017-06-30"],
    );
    let buckets = t["buckets"].as_array().unwrap();
    let months: Vec<&str> = buckets
        .iter()
        .map(|b| b["period"].as_str().unwrap())
        .collect();
    let first = months[0];
    assert_eq!(first, "2016-12");
    // Consecutive months without holes.
    for w in months.windows(2) {
        let (y0, m0) = (
            w[0][..4].parse::<u32>().unwrap(),
            w[0][5..].parse::<u32>().unwrap(),
        );
        let (y1, m1) = (
            w[1][..4].parse::<u32>().unwrap(),
            w[1][5..].parse::<u32>().unwrap(),
        );
        assert_eq!(y1 * 12 + m1, y0 * 12 + m0 + 1, "{months:?}");
    }
}

#[test]
fn timeline_text_draws_bars_and_pictures() {
    let idx = corpus_index().to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("t.png");
    let svg = dir.path().join("t.svg");
    let text = ok(&[
        "timeline",
        "brussels",
        "--index",
        idx,
        "--by",
        "year",
        "--png",
        png.to_str().unwrap(),
        "--svg",
        svg.to_str().unwrap(),
    ]);
    let bars: Vec<&str> = text.lines().filter(|l| l.contains('█')).collect();
    assert!(!bars.is_empty(), "{text}");
    assert!(bars.iter().all(|l| l.chars().count() <= 60), "{text}");
    assert_eq!(&std::fs::read(&png).unwrap()[1..4], b"PNG");
    let svg = std::fs::read_to_string(&svg).unwrap();
    assert!(svg.contains("brussels"), "the query is the title");
    let csv_out = ok(&[
        "timeline", "brussels", "--index", idx, "--by", "year", "--format", "csv",
    ]);
    assert!(csv_out.starts_with("period,start,articles\n"), "{csv_out}");
}

#[test]
fn stats_count_the_corpus() {
    let s = json("stats", &[]);
    assert_eq!(s["articles"], 49);
    assert_eq!(s["sources"], 49);
    assert_eq!(s["first"], "2016-12-13");
    assert_eq!(s["last"], "2024-10-15");
    let passages = search_json(corpus_index(), &["", "--limit", "100000"]).len();
    assert_eq!(s["passages"], passages);
    let sections = s["sections"].as_array().unwrap();
    let comments = sections
        .iter()
        .find(|x| x["section"] == "comments")
        .unwrap();
    // corpus/README.md: 10 articles with reader comments.
    assert_eq!(comments["articles"], 10);
    assert_eq!(
        comments["articles"],
        articles("", &["--section", "comments"]).len()
    );
    let per_section: u64 = sections
        .iter()
        .map(|x| x["passages"].as_u64().unwrap())
        .sum();
    assert_eq!(per_section, passages as u64);
    let top = &s["actors"][0];
    let name = top["name"].as_str().unwrap();
    assert_eq!(top["articles"], articles("", &["--actor", name]).len());
    let text = ok(&["stats", "--index", corpus_index().to_str().unwrap()]);
    assert!(
        text.lines()
            .any(|l| l.starts_with("Articles") && l.ends_with(" 49")),
        "{text}"
    );
}

#[test]
fn analytics_refuse_a_missing_index_and_a_bad_query() {
    let o = newsdex(&["facets", "x", "--index", "/nonexistent/newsdex-index"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no index"), "{}", stderr(&o));
    let idx = corpus_index().to_str().unwrap();
    let o = newsdex(&[
        "timeline",
        "\"unclosed",
        "--index",
        idx,
        "--by",
        "fortnight",
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("fortnight"), "{}", stderr(&o));
}
