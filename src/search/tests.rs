//! Search tests on a small index built from hand-made articles.

use super::*;
use crate::clean::Article;
use crate::entities::{DocEntities, Label, Mention};
use crate::index::{Outcome, Sink, Writer};

/// Makes a paragraph long enough (>= 40 words) to be a passage of its own.
fn para(s: &str) -> String {
    format!("{s}{}", " lorem ipsum dolor".repeat(14))
}

/// Entities with one mention per (text index, name, is_place).
fn ents(texts: usize, found: &[(usize, &str, bool)]) -> DocEntities {
    let mut mentions = vec![Vec::new(); texts];
    for &(i, name, place) in found {
        mentions[i].push(Mention {
            start: 0,
            end: 1,
            label: if place { Label::Place } else { Label::Person },
            name: name.into(),
            actor: !place,
            place,
        });
    }
    DocEntities {
        mentions,
        places: Vec::new(),
    }
}

struct Fixture {
    _tmp: tempfile::TempDir,
    dir: std::path::PathBuf,
}

fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    let mut w = Writer::open(&dir, false).unwrap();
    let a = Article {
        id: "https://news.example/a".into(),
        path: "arch/a.html".into(),
        title: "Harbour news".into(),
        date: Some("2024-01-10".into()),
        url: Some("https://news.example/a".into()),
        body: vec![
            para("Curfew imposed after looting and arrests."),
            para("A curfew was announced."),
            para("Arrests continued."),
        ],
        ..Article::default()
    };
    let b = Article {
        id: "https://news.example/b".into(),
        path: "arch/b.html".into(),
        title: "Ceasefire talks in Geneva".into(),
        date: Some("2024-02-20".into()),
        url: Some("https://news.example/b".into()),
        body: vec![
            para("Diplomats met for long sessions on Tuesday."),
            para("The town was seized by rebels, a monitor said."),
        ],
        comments: vec![para("Rebels seized nothing, this is propaganda.")],
        ..Article::default()
    };
    let c = Article {
        id: "arch/c.txt".into(),
        path: "arch/c.txt".into(),
        title: "Markets rally".into(),
        date: Some("2024-03-05".into()),
        body: vec![
            para("Rebels seized the town of Idlib after heavy fighting."),
            para("Köln-based Kämpfer: rebels in Aleppo (Syria) celebrated."),
            para("Diplomats in Kyiv discussed grain."),
        ],
        ..Article::default()
    };
    let b_ents = ents(4, &[(0, "Geneva", true), (1, "Sergei Lavrov", false)]);
    let c_ents = ents(
        4,
        &[
            (1, "Idlib", true),
            (1, "Hayat Tahrir al-Sham", false),
            (2, "Syria", true),
            (3, "Kyiv", true),
        ],
    );
    for (src, art, e) in [
        ("a", &a, ents(4, &[])),
        ("b", &b, b_ents),
        ("c", &c, c_ents),
    ] {
        assert_eq!(w.add(src, "h", art, &e).unwrap(), Outcome::Indexed);
    }
    w.commit().unwrap();
    Fixture { _tmp: tmp, dir }
}

fn req(query: &str) -> Request {
    Request {
        query: query.into(),
        limit: 50,
        ..Request::default()
    }
}

/// The first sentence of each hit's passage, for readable assertions.
fn heads(hits: &[Hit]) -> Vec<String> {
    let mut out: Vec<String> = hits
        .iter()
        .map(|h| h.passage.split(" lorem").next().unwrap().to_string())
        .collect();
    out.sort();
    out
}

fn marked(hit: &Hit) -> Vec<String> {
    let chars: Vec<char> = hit.passage.chars().collect();
    hit.highlights
        .iter()
        .map(|[s, e]| chars[*s..*e].iter().collect())
        .collect()
}

#[test]
fn passage_with_more_query_words_ranks_first() {
    let f = fixture();
    let hits = search(&f.dir, &req("curfew OR looting OR arrests")).unwrap();
    assert_eq!(hits.len(), 3);
    assert!(hits[0].passage.starts_with("Curfew imposed after looting"));
    assert_eq!(hits[0].rank, 1);
    assert!(hits[0].score > hits[1].score);
    assert_eq!(hits[0].article_id, "https://news.example/a");
    assert_eq!(hits[0].title, "Harbour news");
    assert_eq!(hits[0].date.as_deref(), Some("2024-01-10"));
    assert_eq!(hits[0].url.as_deref(), Some("https://news.example/a"));
    assert_eq!(hits[0].path, "arch/a.html");
    assert_eq!(hits[0].section, Section::Body);
}

#[test]
fn words_are_ranked_all_of_them_first_and_all_words_is_strict() {
    let f = fixture();
    let ranked = search(&f.dir, &req("curfew arrests")).unwrap();
    // Every passage holding either word, the one holding both first.
    assert_eq!(ranked.len(), 3);
    assert_eq!(
        ranked[0].passage.split('.').next(),
        Some("Curfew imposed after looting and arrests")
    );
    assert_eq!((ranked[0].matched_words, ranked[0].query_words), (2, 2));
    assert_eq!(ranked[1].matched_words, 1);
    let mut strict = req("curfew arrests");
    strict.all_words = true;
    let strict = search(&f.dir, &strict).unwrap();
    assert_eq!(
        heads(&strict),
        ["Curfew imposed after looting and arrests."]
    );
    let explicit = search(&f.dir, &req("curfew AND arrests")).unwrap();
    assert_eq!(heads(&explicit), heads(&strict));
    let or = search(&f.dir, &req("curfew OR arrests")).unwrap();
    assert_eq!(or.len(), 3);
    let not = search(&f.dir, &req("curfew -looting")).unwrap();
    assert_eq!(heads(&not), ["A curfew was announced."]);
    let required = search(&f.dir, &req("+curfew arrests")).unwrap();
    assert_eq!(required.len(), 2);
    assert!(required[0]
        .passage
        .starts_with("Curfew imposed after looting and arrests"));
}

#[test]
fn stopwords_neither_decide_matching_nor_empty_the_results() {
    let f = fixture();
    // No passage holds "why" or "the ... of" together with "curfew": still found.
    let hits = search(&f.dir, &req("why was the curfew of the harbour announced")).unwrap();
    assert!(!hits.is_empty());
    assert_eq!(
        hits[0].passage.split('.').next(),
        Some("A curfew was announced")
    );
    assert_eq!(hits[0].query_words, 3, "curfew, harbour, announced");
    let mut strict = req("why was the curfew announced");
    strict.all_words = true;
    assert_eq!(
        heads(&search(&f.dir, &strict).unwrap()),
        ["A curfew was announced."]
    );
    // Stopwords are not highlighted.
    assert_eq!(marked(&hits[0]), ["curfew", "announced"]);
}

#[test]
fn phrase_needs_the_words_in_order() {
    let f = fixture();
    let phrase = search(&f.dir, &req("\"rebels seized\"")).unwrap();
    assert_eq!(
        heads(&phrase),
        [
            "Rebels seized nothing, this is propaganda.",
            "Rebels seized the town of Idlib after heavy fighting."
        ]
    );
    let words = search(&f.dir, &req("rebels seized")).unwrap();
    assert!(heads(&words).contains(&"The town was seized by rebels, a monitor said.".to_string()));
    for hit in &phrase {
        assert_eq!(marked(hit), ["Rebels", "seized"]);
    }
}

#[test]
fn title_words_count_for_every_passage_of_the_article() {
    let f = fixture();
    // "ceasefire" is only in article b's title; "diplomats" is in b and c bodies.
    let hits = search(&f.dir, &req("ceasefire diplomats")).unwrap();
    assert_eq!(
        hits[0].passage.split('.').next(),
        Some("Diplomats met for long sessions on Tuesday")
    );
    let mut strict = req("ceasefire diplomats");
    strict.all_words = true;
    assert_eq!(
        heads(&search(&f.dir, &strict).unwrap()),
        ["Diplomats met for long sessions on Tuesday."]
    );
    // A search of the body alone neither matches nor scores the title.
    strict.section = Some(Section::Body);
    assert!(search(&f.dir, &strict).unwrap().is_empty());
    let mut body = req("ceasefire");
    body.section = Some(Section::Body);
    assert!(search(&f.dir, &body).unwrap().is_empty());
    assert!(search(&f.dir, &req("text:ceasefire")).unwrap().is_empty());
    let titled = search(&f.dir, &req("title:geneva")).unwrap();
    assert_eq!(titled.len(), 4);
    assert!(titled.iter().all(|h| h.article_id.ends_with("/b")));
    let title_passage = titled.iter().find(|h| h.section == Section::Title).unwrap();
    assert_eq!(title_passage.passage, "Ceasefire talks in Geneva");
    assert_eq!(title_passage.places, ["Geneva"]);
}

#[test]
fn actor_and_place_filters_ignore_case_and_all_must_match() {
    let f = fixture();
    let mut r = req("rebels");
    r.actors = vec!["sergei LAVROV".into()];
    let hits = search(&f.dir, &r).unwrap();
    assert_eq!(
        heads(&hits),
        [
            "Rebels seized nothing, this is propaganda.",
            "The town was seized by rebels, a monitor said."
        ]
    );
    // Passage-level actors are those of the passage itself.
    assert!(hits.iter().all(|h| h.actors.is_empty()));

    let mut r = req("");
    r.places = vec!["idlib".into()];
    let hits = search(&f.dir, &r).unwrap();
    assert_eq!(hits.len(), 4);
    assert!(hits.iter().all(|h| h.article_id == "arch/c.txt"));
    let idlib = hits
        .iter()
        .find(|h| h.passage.starts_with("Rebels seized the town"))
        .unwrap();
    assert_eq!(idlib.places, ["Idlib"]);
    assert_eq!(idlib.actors, ["Hayat Tahrir al-Sham"]);

    r.actors = vec!["Sergei Lavrov".into()];
    assert!(search(&f.dir, &r).unwrap().is_empty());

    // Query syntax reaches the same fields.
    let hits = search(&f.dir, &req("actor:\"hayat tahrir al-sham\" diplomats")).unwrap();
    assert_eq!(heads(&hits), ["Diplomats in Kyiv discussed grain."]);
}

#[test]
fn date_range_is_inclusive_by_day() {
    let f = fixture();
    let mut r = req("");
    r.since = Some("2024-02-20".into());
    r.until = Some("2024-02-20".into());
    let hits = search(&f.dir, &r).unwrap();
    assert_eq!(hits.len(), 4);
    assert!(hits.iter().all(|h| h.date.as_deref() == Some("2024-02-20")));
    r.until = None;
    r.since = Some("2024-02-21".into());
    let hits = search(&f.dir, &r).unwrap();
    assert_eq!(hits.len(), 4);
    assert!(hits.iter().all(|h| h.article_id == "arch/c.txt"));
    r.since = None;
    r.until = Some("2024-01-10".into());
    let hits = search(&f.dir, &r).unwrap();
    assert_eq!(hits.len(), 4);
    assert!(hits.iter().all(|h| h.article_id.ends_with("/a")));
    r.until = Some("2024-13-40".into());
    let err = search(&f.dir, &r).unwrap_err();
    assert!(matches!(err, SearchError::Date(_)), "{err}");
}

#[test]
fn days_the_index_cannot_store_filter_like_its_first_and_last() {
    // Found by fuzzing: --until 4040-12-31 overflowed Tantivy's date arithmetic (a panic in a
    // debug build, a date wrapped into the past in a release one).
    let f = fixture();
    let all = count(&f.dir, &req("")).unwrap();
    let with = |since: Option<&str>, until: Option<&str>, query: &str| {
        let mut r = req(query);
        r.since = since.map(str::to_string);
        r.until = until.map(str::to_string);
        count(&f.dir, &r).unwrap()
    };
    assert_eq!(with(Some("2016-01-01"), Some("4040-12-31"), ""), all);
    assert_eq!(with(Some("0001-01-01"), Some("9999-12-31"), ""), all);
    assert_eq!(with(Some("4040-01-01"), None, ""), 0);
    assert_eq!(with(None, Some("1500-01-01"), ""), 0);
    assert_eq!(with(None, None, "date:[0001 TO 9999]"), all);
    assert_eq!(with(None, None, "date:[4040 TO *]"), 0);
    assert_eq!(with(None, None, "date:1066"), 0);
}

#[test]
fn section_filter() {
    let f = fixture();
    let mut r = req("rebels");
    r.section = Some(Section::Comments);
    let hits = search(&f.dir, &r).unwrap();
    assert_eq!(heads(&hits), ["Rebels seized nothing, this is propaganda."]);
    assert_eq!(hits[0].section, Section::Comments);
    let hits = search(&f.dir, &req("section:title rally")).unwrap();
    assert_eq!(heads(&hits), ["Markets rally"]);
}

#[test]
fn highlights_are_character_offsets_of_stemmed_matches() {
    let f = fixture();
    let hits = search(&f.dir, &req("rebel aleppo")).unwrap();
    let hit = &hits[0];
    assert!(hit.passage.starts_with("Köln-based Kämpfer"));
    assert_eq!(marked(hit), ["rebels", "Aleppo"]);
    // Character, not byte, offsets: "Köln-based Kämpfer: " is 20 characters.
    assert_eq!(hit.highlights[0], [20, 26]);
    // Excluded words are not highlighted.
    let hits = search(&f.dir, &req("curfew -arrests")).unwrap();
    assert_eq!(marked(&hits[0]), ["curfew"]);
}

#[test]
fn bad_query_and_missing_index_are_clear_errors() {
    let f = fixture();
    let err = search(&f.dir, &req("nosuchfield:x")).unwrap_err();
    assert!(matches!(err, SearchError::Query(_)), "{err}");
    assert!(err.to_string().contains("nosuchfield"), "{err}");
    assert!(err.to_string().contains("actor, place"), "{err}");
    // Every field the message names is usable.
    for field in QUERY_FIELDS {
        let r = req(&format!("{field}:x"));
        assert!(search(&f.dir, &r).is_ok(), "{field}");
    }

    let deep = format!("{}rebels{}", "(".repeat(100_000), ")".repeat(100_000));
    let err = search(&f.dir, &req(&deep)).unwrap_err();
    assert!(matches!(err, SearchError::Query(_)), "{err}");
    // All-negative queries mean "everything except".
    assert_eq!(count(&f.dir, &req("-lorem")).unwrap(), 3);

    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nothing-here");
    let err = search(&missing, &req("x")).unwrap_err();
    assert!(matches!(err, SearchError::NoIndex(_)), "{err}");
    assert!(err.to_string().contains("newsdex index"), "{err}");
    assert!(err.to_string().contains("nothing-here"), "{err}");
}

#[test]
fn apostrophes_and_any_value_queries_give_hits_or_say_what_works() {
    let f = fixture();
    assert_eq!(quote_apostrophes("O'Brien"), "\"O'Brien\"");
    assert_eq!(
        quote_apostrophes("title:d'Alema -l'Aquila \"O'Brien said\" 'a phrase'"),
        "title:\"d'Alema\" -\"l'Aquila\" \"O'Brien said\" 'a phrase'"
    );
    assert!(search(&f.dir, &req("O'Brien")).is_ok());
    assert!(!search(&f.dir, &req("lorem OR d'Alema")).unwrap().is_empty());
    for field in ["date", "actor", "place", "article_id"] {
        assert!(
            search(&f.dir, &req(&format!("{field}:*"))).is_ok(),
            "{field}"
        );
    }
    let err = search(&f.dir, &req("text:*")).unwrap_err();
    assert!(matches!(err, SearchError::Query(_)), "{err}");
    assert!(err.to_string().contains("works only for date"), "{err}");
    let err = search(&f.dir, &req("rebels AND")).unwrap_err();
    assert!(
        err.to_string().contains("syntax error in \"rebels AND\""),
        "{err}"
    );
}

#[test]
fn searcher_counts_all_matches_and_honours_limit() {
    let f = fixture();
    let s = Searcher::open(&f.dir).unwrap();
    let mut r = req("lorem");
    r.limit = 2;
    let res = s.search_counted(&r).unwrap();
    assert_eq!(res.hits.len(), 2);
    // 3 + 3 + 3 body/comment passages; titles have no "lorem".
    assert_eq!(res.total, 9);
    assert_eq!(s.count(&r).unwrap(), 9);
    assert_eq!(count(&f.dir, &req("rebels")).unwrap(), 4);
    assert_eq!(res.hits[1].rank, 2);
}

#[test]
fn facets_count_matching_articles_per_name() {
    let f = fixture();
    let s = Searcher::open(&f.dir).unwrap();
    let all = s.facets(&req(""), 10).unwrap();
    assert_eq!(all.articles, 3);
    assert_eq!(
        all.places,
        [
            ("Geneva".to_string(), 1),
            ("Idlib".to_string(), 1),
            ("Kyiv".to_string(), 1),
            ("Syria".to_string(), 1)
        ]
    );
    let rebels = s.facets(&req("rebels"), 1).unwrap();
    assert_eq!(rebels.articles, 2);
    assert_eq!(rebels.actors, [("Hayat Tahrir al-Sham".to_string(), 1)]);
    let curfew = s.facets(&req("curfew"), 10).unwrap();
    assert_eq!(curfew.articles, 1);
    assert!(curfew.actors.is_empty() && curfew.places.is_empty());
}
