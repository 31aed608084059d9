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

/// Every hit of `query` with extra `args`, from `search --all --format jsonl`.
fn all_hits(query: &str, args: &[&str]) -> Vec<Value> {
    let idx = corpus_index().to_str().unwrap();
    let mut all = vec![
        "search", query, "--index", idx, "--all", "--format", "jsonl",
    ];
    all.extend_from_slice(args);
    ok(&all)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
        .collect()
}

/// Distinct article ids among every passage hit of `query` with extra `args`.
fn articles(query: &str, args: &[&str]) -> HashSet<String> {
    all_hits(query, args)
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
        assert_ne!(actor, place, "a name paired with itself");
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
    assert_eq!(s["articles"], 50);
    assert_eq!(s["sources"], 50);
    assert_eq!(s["first"], "2016-12-13");
    assert_eq!(s["last"], "2024-10-15");
    let passages = search_json(corpus_index(), &["", "--limit", "100000"]).len();
    assert_eq!(s["passages"], passages);
    let sections = s["sections"].as_array().unwrap();
    let comments = sections
        .iter()
        .find(|x| x["section"] == "comments")
        .unwrap();
    // corpus/README.md: 11 articles with reader comments.
    assert_eq!(comments["articles"], 11);
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
            .any(|l| l.starts_with("Articles") && l.ends_with(" 50")),
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

#[test]
fn all_streams_every_hit_in_every_format() {
    let idx = corpus_index().to_str().unwrap();
    let jsonl = all_hits("aleppo", &[]);
    let ranked = search_json(corpus_index(), &["aleppo", "--limit", "100000"]);
    assert!(jsonl.len() > 10, "{}", jsonl.len());
    assert_eq!(jsonl.len(), ranked.len());
    let key = |h: &Value| format!("{}#{}", h["article_id"], h["passage"]);
    let a: HashSet<String> = jsonl.iter().map(key).collect();
    let b: HashSet<String> = ranked.iter().map(key).collect();
    assert_eq!(a, b, "--all returns the same passages as a large --limit");
    let ranks: Vec<u64> = jsonl.iter().map(|h| h["rank"].as_u64().unwrap()).collect();
    assert_eq!(ranks, (1..=jsonl.len() as u64).collect::<Vec<_>>());
    let json: Vec<Value> = serde_json::from_str(&ok(&[
        "search", "aleppo", "--index", idx, "--all", "-f", "json",
    ]))
    .unwrap();
    assert_eq!(json.len(), jsonl.len());
    let csv_out = ok(&["search", "aleppo", "--index", idx, "--all", "-f", "csv"]);
    let rows = csv::Reader::from_reader(csv_out.as_bytes())
        .records()
        .count();
    assert_eq!(rows, jsonl.len());
    let o = newsdex(&["search", "aleppo", "--index", idx, "--all", "--limit", "3"]);
    assert!(!o.status.success(), "--all and --limit conflict");
}

#[test]
fn xlsx_export_writes_a_workbook_with_every_hit() {
    let idx = corpus_index().to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hits.xlsx");
    let f = file.to_str().unwrap();
    let o = newsdex(&[
        "search", "aleppo", "--index", idx, "--all", "-f", "xlsx", "-o", f,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let n = all_hits("aleppo", &[]).len();
    assert!(
        stderr(&o).contains(&format!("wrote {n} hits")),
        "{}",
        stderr(&o)
    );
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(&bytes[..2], b"PK", "an XLSX file is a zip archive");
    let o = newsdex(&["search", "aleppo", "--index", idx, "-f", "xlsx"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--output"), "{}", stderr(&o));
}

#[test]
fn per_article_keeps_the_best_passages_and_fills_the_limit() {
    let plain = search_json(corpus_index(), &["aleppo", "--limit", "100000"]);
    let one = search_json(
        corpus_index(),
        &["aleppo", "--limit", "100000", "--per-article", "1"],
    );
    let distinct: HashSet<&str> = plain
        .iter()
        .map(|h| h["article_id"].as_str().unwrap())
        .collect();
    assert_eq!(one.len(), distinct.len(), "one hit per matching article");
    // Each kept hit is its article's best passage.
    for h in &one {
        let best = plain
            .iter()
            .find(|p| p["article_id"] == h["article_id"])
            .unwrap();
        assert_eq!(h["passage"], best["passage"]);
    }
    let two = search_json(
        corpus_index(),
        &["aleppo", "--limit", "12", "--per-article", "2"],
    );
    assert_eq!(two.len(), 12, "ranking goes on past dropped passages");
    let mut per: std::collections::HashMap<&str, usize> = Default::default();
    for h in &two {
        *per.entry(h["article_id"].as_str().unwrap()).or_default() += 1;
    }
    assert!(per.values().all(|&n| n <= 2), "{per:?}");
    let scores: Vec<f64> = two.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn query_fields_match_like_the_filters() {
    let cases: [(&str, &[&str]); 4] = [
        (
            "buses actor:\"anatoly VESNIN\"",
            &["buses", "--actor", "Anatoly Vesnin"],
        ),
        (
            "place:aleppo evacuation",
            &["evacuation", "--place", "Aleppo"],
        ),
        ("section:comments", &["", "--section", "comments"]),
        (
            "aleppo date:[2016-12-01 TO 2016-12-31]",
            &["aleppo", "--since", "2016-12-01", "--until", "2016-12-31"],
        ),
    ];
    for (query, filters) in cases {
        let by_query = all_hits(query, &[]);
        let by_filters = all_hits(filters[0], &filters[1..]);
        assert!(!by_query.is_empty(), "{query}");
        let key = |h: &Value| format!("{}#{}", h["article_id"], h["passage"]);
        let a: HashSet<String> = by_query.iter().map(key).collect();
        let b: HashSet<String> = by_filters.iter().map(key).collect();
        assert_eq!(a, b, "{query} vs {filters:?}");
    }
    let dec = all_hits("date:2016-12", &[]);
    assert!(dec
        .iter()
        .all(|h| h["date"].as_str().unwrap().starts_with("2016-12")));
    let idx = corpus_index().to_str().unwrap();
    let o = newsdex(&["search", "date:[2016-02-30 TO 2016-03-01]", "--index", idx]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("2016-02-30"), "{}", stderr(&o));
}

#[test]
fn csv_export_keeps_spreadsheets_from_running_a_title_as_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(
        pages.join("trap.json"),
        r#"{"title": "=HYPERLINK(\"http://evil.example\",\"Click\")",
            "text": "Harbour workers in Rotterdam voted to strike on Monday."}"#,
    )
    .unwrap();
    let idx = dir.path().join("index");
    let (p, i) = (pages.to_str().unwrap(), idx.to_str().unwrap());
    ok(&["index", p, "--index", i, "--quiet"]);
    let title = |extra: &[&str]| {
        let mut args = vec!["search", "rotterdam strike", "--index", i, "-f", "csv"];
        args.extend_from_slice(extra);
        let out = ok(&args);
        let mut reader = csv::Reader::from_reader(out.as_bytes());
        let row = reader.records().next().expect("one hit").unwrap();
        row[3].to_string()
    };
    assert_eq!(title(&[]), "'=HYPERLINK(\"http://evil.example\",\"Click\")");
    assert_eq!(
        title(&["--raw-cells"]),
        "=HYPERLINK(\"http://evil.example\",\"Click\")"
    );
}

/// `newsdex search ... | head -1`: a reader that stops early is not an error, in any format.
#[test]
fn a_closed_pipe_ends_the_output_silently() {
    use std::io::BufRead;
    let idx = corpus_index().to_str().unwrap();
    for format in ["text", "jsonl", "csv", "json"] {
        for all in [true, false] {
            let mut args = vec!["search", "date:*", "--index", idx, "-f", format];
            args.extend(if all {
                &["--all"][..]
            } else {
                &["--limit", "5000"][..]
            });
            let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsdex"))
                .args(&args)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            let mut first = String::new();
            std::io::BufReader::new(child.stdout.take().unwrap())
                .read_line(&mut first)
                .unwrap();
            assert!(!first.is_empty(), "{args:?}");
            // The reader is gone; the rest of the output (hundreds of KiB) meets a closed pipe.
            let out = child.wait_with_output().unwrap();
            assert_eq!(stderr(&out), "", "{args:?}");
            assert_eq!(out.status.code(), Some(0), "{args:?}");
        }
    }
}
