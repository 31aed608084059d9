//! Ranked search as a user meets it: questions typed as questions, partial matches, strict AND,
//! body-only searches, accents, CJK text, and articles that must not merge.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The first passage of a JSON hit, cut to its first sentence.
fn first_sentence(hit: &serde_json::Value) -> String {
    let text = hit["passage"].as_str().unwrap();
    text.split(". ").next().unwrap().to_string()
}

#[test]
fn a_question_finds_the_passage_that_answers_it() {
    let idx = corpus_index();
    let hits = search_json(
        idx,
        &["who stopped the evacuation of aleppo", "--limit", "3"],
    );
    assert!(
        !hits.is_empty(),
        "a question of content words finds passages"
    );
    // The answer: the passage on the evacuation being stopped, first.
    let top = hits[0]["passage"].as_str().unwrap();
    assert!(top.contains("evacuation") && top.contains("stop"), "{top}");
    assert!(top.contains("Aleppo"), "{top}");
    // Every hit says how many of the query's words it holds (who, the, of are stopwords).
    assert_eq!(hits[0]["query_words"], 3);
    assert_eq!(hits[0]["matched_words"], 3);
    for hit in &hits {
        let marked = hit["highlights"].as_array().unwrap();
        assert!(!marked.is_empty());
    }
}

#[test]
fn partial_matches_come_after_full_ones_and_all_words_keeps_only_full_ones() {
    let idx = corpus_index();
    let ranked = search_json(idx, &["aleppo souk laurel soap", "--limit", "50"]);
    assert!(
        ranked.len() > 5,
        "passages holding any of the words are found"
    );
    assert_eq!(ranked[0]["matched_words"], 4);
    let counts: Vec<u64> = ranked
        .iter()
        .map(|h| h["matched_words"].as_u64().unwrap())
        .collect();
    assert!(counts.iter().any(|&c| c < 4), "{counts:?}");
    let strict = search_json(
        idx,
        &["aleppo souk laurel soap", "--all-words", "--limit", "50"],
    );
    assert!(!strict.is_empty() && strict.len() < ranked.len());
    assert!(strict.iter().all(|h| h["matched_words"] == 4));
    // Stopwords are never required, even in the strict form.
    let with_stops = search_json(idx, &["the soap of aleppo", "--all-words", "--limit", "50"]);
    assert!(!with_stops.is_empty());
}

#[test]
fn a_body_search_neither_matches_nor_scores_the_title() {
    let idx = corpus_index();
    // "fixer" is a word of one headline only ("The fixer: how Anatoly Vesnin made Aleppo his
    // negotiation"), not of any body text.
    let anywhere = search_json(idx, &["fixer"]);
    assert!(!anywhere.is_empty());
    assert!(search_json(idx, &["fixer", "--section", "body"]).is_empty());
    assert!(search_json(idx, &["text:fixer"]).is_empty());
    // Scores of a body search do not move with the title's words.
    let body = search_json(idx, &["fixer vesnin", "--section", "body", "--limit", "5"]);
    let plain = search_json(idx, &["vesnin", "--section", "body", "--limit", "5"]);
    let ids =
        |hits: &[serde_json::Value]| -> Vec<String> { hits.iter().map(first_sentence).collect() };
    assert_eq!(ids(&body), ids(&plain));
}

/// An index of hand-written pages for matching and identity, built once.
fn pages_index() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let pages = dir.path().join("pages");
        std::fs::create_dir(&pages).unwrap();
        let page = |name: &str, canonical: &str, title: &str, body: &str| {
            let html = format!(
                "<html lang=\"en\"><head><title>{title}</title>\
                 <link rel=\"canonical\" href=\"{canonical}\"></head>\
                 <body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
            );
            std::fs::write(pages.join(name), html).unwrap();
        };
        // Two different stories whose pages both name the site's home page as canonical.
        page(
            "one.html",
            "https://harbour.example/",
            "Zürich bankers meet in São Paulo",
            "Bankers from Zürich met their counterparts in São Paulo on Tuesday to discuss \
             the financing of new container terminals along the coast of Brazil.",
        );
        page(
            "two.html",
            "https://harbour.example/",
            "Ferry strike ends in Helsinki",
            "The ferry strike in Helsinki ended on Wednesday after the union accepted a new \
             pay offer, and the first boats to Tallinn left the harbour in the evening.",
        );
        page(
            "three.html",
            "https://harbour.example/tag/ports",
            "东京港 扩建",
            "东京港的扩建工程于周一开始，预计耗资五十亿日元，新码头将于明年投入使用。港口管理局表示，\
             扩建完成后，港口每年可多处理两百万个集装箱，并为附近居民创造大约三千个工作岗位。\
             当地渔民担心施工会影响海湾的水质，市政府承诺在工程期间定期公布监测结果。",
        );
        let idx = dir.path().join("index");
        let summary = ok(&[
            "index",
            pages.to_str().unwrap(),
            "--index",
            idx.to_str().unwrap(),
            "--quiet",
        ]);
        assert!(summary.starts_with("indexed 3, updated 0"), "{summary}");
        (dir, idx)
    })
    .1
}

#[test]
fn pages_sharing_a_home_page_canonical_stay_two_articles() {
    let idx = pages_index();
    assert_eq!(
        search_json(idx, &["bankers"]).len(),
        2,
        "title and body of page one"
    );
    assert!(!search_json(idx, &["ferry strike helsinki"]).is_empty());
    let ids: std::collections::HashSet<String> = search_json(idx, &["", "--limit", "100"])
        .iter()
        .map(|h| h["article_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
}

#[test]
fn accents_fold_and_highlights_show_the_original() {
    let idx = pages_index();
    for query in ["zurich", "Zürich", "sao paulo", "\"sao paulo\""] {
        let hits = search_json(idx, &[query, "--section", "body"]);
        assert_eq!(hits.len(), 1, "{query}");
        let passage: Vec<char> = hits[0]["passage"].as_str().unwrap().chars().collect();
        let marked: Vec<String> = hits[0]["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let (a, b) = (
                    s[0].as_u64().unwrap() as usize,
                    s[1].as_u64().unwrap() as usize,
                );
                passage[a..b].iter().collect()
            })
            .collect();
        assert!(
            marked.iter().any(|m| m == "Zürich" || m == "São"),
            "{query}: {marked:?}"
        );
    }
}

#[test]
fn a_cjk_query_finds_text_written_without_spaces() {
    let idx = pages_index();
    for query in ["东京港", "扩建工程", "新码头"] {
        let hits = search_json(idx, &[query, "--section", "body"]);
        assert_eq!(hits.len(), 1, "{query}");
        assert!(hits[0]["passage"].as_str().unwrap().contains(query));
    }
    assert!(search_json(idx, &["大阪", "--section", "body"]).is_empty());
}
