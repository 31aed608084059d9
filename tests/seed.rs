//! The page newsdex started from: a scraped news post with a reader comment and form boilerplate.

mod common;

use common::*;

#[test]
fn seed_page_comes_out_right() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is absent, so the seed page cannot be read");
        return;
    };
    let seed = shared.join("seeds/000_94247b07ada20bb3.txt");
    let out = ok(&["extract", seed.to_str().unwrap(), "--format", "json"]);
    let records: Vec<serde_json::Value> = serde_json::from_str(&out).expect("extract JSON parses");
    assert_eq!(records.len(), 1);
    let r = &records[0];
    let title = r["title"].as_str().unwrap();
    let body = r["body"].as_str().unwrap();
    let comments: Vec<&str> = r["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(
        title.starts_with("Syrian Rebels Say Iran, Russia"),
        "title: {title}"
    );
    assert!(
        !body.contains(title),
        "the repeated title line is dropped from the body"
    );
    assert!(
        body.starts_with("Well, who could have predicted this?"),
        "body: {body:.80}"
    );
    assert_eq!(comments.len(), 1, "one reader comment: {comments:?}");
    assert!(comments[0].contains("Winter of Death") && comments[0].contains("sequel"));
    assert!(
        !body.contains("Winter of Death"),
        "the comment is not in the body"
    );
    for boilerplate in ["Speak your mind", "Akismet", "One thought on"] {
        assert!(!body.contains(boilerplate), "{boilerplate} in body");
        assert!(
            comments.iter().all(|c| !c.contains(boilerplate)),
            "{boilerplate} in comments"
        );
    }
    let names = |key: &str| -> Vec<String> {
        r[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let actors = names("actors");
    let places = names("places");
    for a in ["Iran", "Russia"] {
        assert!(
            actors.iter().any(|x| x == a),
            "actor {a} missing: {actors:?}"
        );
    }
    assert!(
        places.iter().any(|x| x == "Aleppo"),
        "place Aleppo missing: {places:?}"
    );
}
