//! The bundled sample archive, end to end: what `corpus/README.md` promises a user.

mod common;

use common::*;
use serde_json::Value;

fn paths(hits: &[Value]) -> Vec<&str> {
    hits.iter().map(|h| h["path"].as_str().unwrap()).collect()
}

fn top<'a>(hits: &'a [Value], query: &str) -> &'a Value {
    hits.first()
        .unwrap_or_else(|| panic!("no hits for {query}"))
}

#[test]
fn a_word_only_in_a_reader_comment_is_found_in_comments() {
    let idx = corpus_index();
    let hits = search_json(idx, &["hornswoggled"]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["section"], "comments");
    assert!(hits[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("levant-ledger-2016-12-16-green-buses-leave-aleppo.html"));
    assert!(hits[0]["passage"]
        .as_str()
        .unwrap()
        .contains("hornswoggled by every power with a flag"));
    assert!(search_json(idx, &["hornswoggled", "--section", "body"]).is_empty());
    for (word, file) in [
        ("zugzwang", "idlib-demilitarised-zone.html"),
        ("skedaddled", "sukkur-barrage-holds.txt"),
    ] {
        let hits = search_json(idx, &[word]);
        assert_eq!(hits.len(), 1, "{word}: {hits:?}");
        assert_eq!(hits[0]["section"], "comments", "{word}");
        assert!(hits[0]["path"].as_str().unwrap().ends_with(file), "{word}");
    }
}

#[test]
fn boilerplate_is_not_indexed() {
    let idx = corpus_index();
    for word in ["biscuitwall", "quillbox", "flumboyant", "akismet"] {
        let hits = search_json(idx, &[word]);
        assert!(hits.is_empty(), "{word} found in {:?}", paths(&hits));
    }
}

#[test]
fn the_right_passage_ranks_first() {
    let idx = corpus_index();
    let cases: [(&[&str], &str); 5] = [
        (
            &["aleppo evacuation", "--actor", "Iran"],
            "wire/2016-12-14-aleppo-evacuation-halted-shelling.txt",
        ),
        (
            &["manchhar lake embankment cut", "--place", "pakistan"],
            "manchhar-lake-cut-to-save-towns.html",
        ),
        (
            &[
                "corvane fined billion euros",
                "--actor",
                "european commission",
            ],
            "courier-2023-09-19-corvane-fined-brussels.html",
        ),
        (
            &["desalination barge", "--place", "Karachi"],
            "courier-2024-04-18-karachi-desalination-barge.html.gz",
        ),
        (
            &["tugboat"],
            "portnews-2019-03-20-ships-queue-north-sea.html",
        ),
    ];
    for (args, file) in cases {
        let hits = search_json(idx, args);
        let path = top(&hits, args[0])["path"].as_str().unwrap();
        assert!(
            path.ends_with(file),
            "{args:?}: top hit {path}, want {file}"
        );
    }
    let hits = search_json(idx, &["corvane fined billion euros"]);
    assert!(
        !paths(&hits)
            .iter()
            .any(|p| p.contains("antwerp-rotterdam-wage-strike") || p.contains("antwerp-joins")),
        "a related-stories box is not body text: {:?}",
        paths(&hits)
    );
    let hits = search_json(idx, &["desalination barge"]);
    assert_eq!(top(&hits, "desalination")["date"], "2024-04-18");
}

#[test]
fn date_filters_keep_only_articles_of_the_period() {
    let idx = corpus_index();
    let hits = search_json(
        idx,
        &[
            "ceasefire",
            "--since",
            "2018-01-01",
            "--until",
            "2018-12-31",
        ],
    );
    assert!(!hits.is_empty());
    for h in &hits {
        let date = h["date"].as_str().unwrap();
        assert!(date.starts_with("2018-"), "{date} outside 2018");
    }
    assert!(paths(&hits)
        .iter()
        .all(|p| p.ends_with("policywonk-2018-09-18-idlib-demilitarised-zone.html")));
    let early = search_json(idx, &["ceasefire", "--until", "2017-12-31"]);
    assert!(early
        .iter()
        .all(|h| h["date"].as_str().unwrap() <= "2017-12-31"));
    assert!(
        !paths(&early)
            .iter()
            .any(|p| p.contains("last-convoy-leaves-aleppo")),
        "related box is not body"
    );
}

#[test]
fn actor_and_place_filters_narrow_by_canonical_name() {
    let idx = corpus_index();
    let all = search_json(idx, &["evacuation", "--limit", "1000"]);
    let russia = search_json(idx, &["evacuation", "--actor", "russia", "--limit", "1000"]);
    assert!(
        !russia.is_empty() && russia.len() < all.len(),
        "{} of {}",
        russia.len(),
        all.len()
    );
    let greece = search_json(idx, &["evacuation", "--place", "GREECE", "--limit", "1000"]);
    assert!(!greece.is_empty());
    for h in &greece {
        assert!(
            !h["path"].as_str().unwrap().contains("aleppo"),
            "Greece filter let in {}",
            h["path"]
        );
    }
}

#[test]
fn cp1252_page_is_decoded() {
    let idx = corpus_index();
    let hits = search_json(idx, &["cappuccino"]);
    assert_eq!(hits.len(), 1);
    let passage = hits[0]["passage"].as_str().unwrap();
    assert!(passage.contains("“A cappuccino costs €3.80 now, it was €2.60 when Tobias started coming here,” Pohl says"), "{passage}");
}

#[test]
fn json_and_jsonl_inputs_are_articles() {
    let idx = corpus_index();
    let hits = search_json(idx, &["laurel soap souk"]);
    let h = top(&hits, "laurel soap souk");
    assert!(h["article_id"]
        .as_str()
        .unwrap()
        .contains("aleppo-rebuilding-old-city-souk"));
    assert_eq!(h["date"], "2017-03-02");
    let hits = search_json(idx, &["sherpa"]);
    assert!(top(&hits, "sherpa")["path"]
        .as_str()
        .unwrap()
        .ends_with("top-jobs-talks-strasbourg.json"));
}

#[test]
fn every_export_format_parses() {
    let idx = corpus_index();
    let i = idx.to_str().unwrap();
    let json = search_json(idx, &["aleppo", "--limit", "7"]);
    assert_eq!(json.len(), 7);
    let fields = [
        "rank",
        "score",
        "article_id",
        "title",
        "date",
        "url",
        "path",
        "section",
        "passage",
        "actors",
        "places",
        "highlights",
        "matched_words",
        "query_words",
    ];
    let keys: Vec<&str> = json[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for f in fields {
        assert!(keys.contains(&f), "JSON lacks {f}: {keys:?}");
    }
    let jsonl = ok(&[
        "search", "aleppo", "--limit", "7", "--index", i, "--format", "jsonl",
    ]);
    let lines: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines, json, "JSON Lines hold the same hits as JSON");

    let csv_text = ok(&[
        "search", "aleppo", "--limit", "7", "--index", i, "--format", "csv",
    ]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, fields);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 7);
    for (row, hit) in rows.iter().zip(&json) {
        assert_eq!(row[0], hit["rank"].to_string());
        assert_eq!(&row[2], hit["article_id"].as_str().unwrap());
        assert_eq!(
            &row[8],
            hit["passage"].as_str().unwrap(),
            "passages survive CSV quoting"
        );
    }
    // Highlights point at the query word.
    for hit in &json {
        let passage: Vec<char> = hit["passage"].as_str().unwrap().chars().collect();
        for range in hit["highlights"].as_array().unwrap() {
            let (s, e) = (
                range[0].as_u64().unwrap() as usize,
                range[1].as_u64().unwrap() as usize,
            );
            let word: String = passage[s..e].iter().collect();
            assert!(
                word.to_lowercase().starts_with("aleppo"),
                "highlight {word:?}"
            );
        }
    }

    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("hits.csv");
    ok(&[
        "search",
        "aleppo",
        "--index",
        i,
        "--format",
        "csv",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(csv::Reader::from_path(&file).unwrap().records().count(), 10);
}

#[test]
fn no_hits_says_so() {
    let out = ok(&[
        "search",
        "xylophonequasar",
        "--index",
        corpus_index().to_str().unwrap(),
    ]);
    assert!(out.contains("No hits"), "{out}");
}

#[test]
fn indexing_twice_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("index");
    let i = idx.to_str().unwrap();
    let first = summary(&ok(&["index", "corpus", "--index", i, "--quiet"]));
    assert_eq!(
        first,
        [50, 0, 0, 3, 0],
        "50 articles, README/csv/xml skipped"
    );
    let before = search_json(&idx, &["aleppo", "--limit", "1000"]);
    let second = summary(&ok(&["index", "corpus", "--index", i, "--quiet"]));
    assert_eq!(second, [0, 0, 50, 3, 0]);
    let after = search_json(&idx, &["aleppo", "--limit", "1000"]);
    assert_eq!(before, after);
    let rebuilt = summary(&ok(&[
        "index",
        "corpus",
        "--index",
        i,
        "--quiet",
        "--rebuild",
    ]));
    assert_eq!(rebuilt[0], 50);
}

#[test]
fn a_surname_finds_the_actor_by_full_name() {
    let idx = corpus_index();
    let full = search_json(
        idx,
        &[
            "ceasefire OR astana",
            "--actor",
            "Anatoly Vesnin",
            "--limit",
            "1000",
        ],
    );
    let surname = search_json(
        idx,
        &[
            "ceasefire OR astana",
            "--actor",
            "vesnin",
            "--limit",
            "1000",
        ],
    );
    assert!(!full.is_empty());
    assert_eq!(paths(&full), paths(&surname));
    assert!(
        search_json(idx, &["ceasefire", "--actor", "vesni"]).is_empty(),
        "whole words only"
    );
}

/// `newsdex extract` cleans on every core and still writes the records in reading order: the
/// output with two threads is the output with one, byte for byte.
#[test]
fn extract_on_several_threads_writes_what_one_thread_writes() {
    let corpus = root().join("corpus");
    let run = |threads: &str| ok(&["extract", corpus.to_str().unwrap(), "--threads", threads]);
    let one = run("1");
    assert!(one.lines().count() >= 50, "{} records", one.lines().count());
    assert_eq!(run("2"), one);
    assert_eq!(run("4"), one);
}
