//! Writer tests: creating, reopening, change detection, errors.

use super::*;
use crate::search::{self, Request};

fn article(id: &str, title: &str, body: &[&str]) -> Article {
    Article {
        id: id.into(),
        path: format!("{id}.html"),
        title: title.into(),
        date: Some("2024-03-01".into()),
        body: body.iter().map(|s| s.to_string()).collect(),
        ..Article::default()
    }
}

/// Writes one article of one paragraph into the index in `dir` (made if missing) and commits.
fn write_one(dir: &Path, rebuild: bool, id: &str, title: &str, text: &str) {
    let mut w = Writer::open(dir, rebuild).unwrap();
    let source = format!("s-{id}");
    w.add(
        &source,
        "h",
        &article(id, title, &[text]),
        &DocEntities::default(),
    )
    .unwrap();
    w.commit().unwrap();
}

fn hits(dir: &Path, query: &str) -> Vec<search::Hit> {
    let req = Request {
        query: query.into(),
        limit: 100,
        ..Request::default()
    };
    search::search(dir, &req).unwrap()
}

#[test]
fn readding_unchanged_is_a_no_op_and_survives_reopen() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("idx");
    let a = article("a1", "Harbour strike", &["Dockers walked out at dawn."]);
    let ents = DocEntities::default();
    let mut w = Writer::open(&dir, false).unwrap();
    assert_eq!(w.add("src/a1", "h1", &a, &ents).unwrap(), Outcome::Indexed);
    assert_eq!(
        w.add("src/a1", "h1", &a, &ents).unwrap(),
        Outcome::Unchanged
    );
    w.commit().unwrap();
    drop(w);

    let mut w = Writer::open(&dir, false).unwrap();
    assert!(w.ledger().is_unchanged("src/a1", "h1"));
    // Nothing superseded this source, so other content from it is a change.
    assert!(!w.ledger().is_unchanged("src/a1", "h2"));
    assert_eq!(
        w.add("src/a1", "h1", &a, &ents).unwrap(),
        Outcome::Unchanged
    );
    w.commit().unwrap();
    // Title passage + one body passage, not duplicated.
    assert_eq!(hits(&dir, "dockers").len(), 1);
    assert_eq!(hits(&dir, "harbour").len(), 2);
}

#[test]
fn changed_article_replaces_its_old_passages() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("idx");
    let ents = DocEntities::default();
    let mut w = Writer::open(&dir, false).unwrap();
    let old = article("a1", "Harbour strike", &["Dockers walked out at dawn."]);
    w.add("src/a1", "h1", &old, &ents).unwrap();
    w.commit().unwrap();
    drop(w);

    let mut w = Writer::open(&dir, false).unwrap();
    let new = article("a1", "Harbour strike ends", &["Dockers returned to work."]);
    assert_eq!(
        w.add("src/a1", "h2", &new, &ents).unwrap(),
        Outcome::Updated
    );
    w.commit().unwrap();
    assert!(hits(&dir, "dawn").is_empty());
    let returned = hits(&dir, "returned");
    assert_eq!(returned.len(), 1);
    assert_eq!(returned[0].title, "Harbour strike ends");
    assert_eq!(hits(&dir, "harbour").len(), 2);

    // Same article id from another source also replaces it.
    let moved = article("a1", "Harbour strike ends", &["Dockers back at the quay."]);
    assert_eq!(
        w.add("other/a1", "h3", &moved, &ents).unwrap(),
        Outcome::Updated
    );
    w.commit().unwrap();
    assert!(hits(&dir, "returned").is_empty());
    assert_eq!(hits(&dir, "quay").len(), 1);
    // The old source is remembered as superseded: a re-run skips it while it stays the same,
    // and only a changed copy of it is indexed again.
    assert!(w.ledger().is_unchanged("src/a1", "h2"));
    assert!(!w.ledger().is_unchanged("src/a1", "h4"));
}

#[test]
fn uncommitted_work_is_not_published() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("idx");
    let ents = DocEntities::default();
    let mut w = Writer::open(&dir, false).unwrap();
    w.add("s1", "h1", &article("a1", "First", &["Alpha text."]), &ents)
        .unwrap();
    w.commit().unwrap();
    w.add("s2", "h2", &article("a2", "Second", &["Beta text."]), &ents)
        .unwrap();
    drop(w); // an interrupted run: no commit
    assert_eq!(hits(&dir, "alpha").len(), 1);
    assert!(hits(&dir, "beta").is_empty());
    let w = Writer::open(&dir, false).unwrap();
    assert!(w.ledger().is_unchanged("s1", "h1"));
    assert!(!w.ledger().is_unchanged("s2", "h2"));
}

#[test]
fn rebuild_empties_the_index_at_commit() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("idx");
    let ents = DocEntities::default();
    let mut w = Writer::open(&dir, false).unwrap();
    w.add("s1", "h1", &article("a1", "First", &["Alpha text."]), &ents)
        .unwrap();
    w.commit().unwrap();
    drop(w);
    let mut w = Writer::open(&dir, true).unwrap();
    assert!(!w.ledger().is_unchanged("s1", "h1"));
    w.add("s2", "h2", &article("a2", "Second", &["Beta text."]), &ents)
        .unwrap();
    w.commit().unwrap();
    assert!(hits(&dir, "alpha").is_empty());
    assert_eq!(hits(&dir, "beta").len(), 1);
}

#[test]
fn second_writer_gets_in_use() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("idx");
    let _first = Writer::open(&dir, false).unwrap();
    let err = Writer::open(&dir, false)
        .err()
        .expect("second writer must fail");
    assert!(matches!(err, IndexError::InUse(_)), "{err}");
    assert!(err
        .to_string()
        .contains("in use by another newsdex process"));
}

#[test]
fn folder_with_other_files_is_refused_even_with_rebuild() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    for rebuild in [false, true] {
        let err = Writer::open(tmp.path(), rebuild).err().expect("must fail");
        assert!(matches!(err, IndexError::NotAnIndex(_)), "{err}");
        assert!(err.to_string().contains("--index"), "{err}");
    }
    assert!(tmp.path().join("notes.txt").exists());
    let file = tmp.path().join("notes.txt");
    let err = Writer::open(&file, false).err().expect("must fail");
    assert!(matches!(err, IndexError::NotADirectory(_)), "{err}");
}

#[test]
fn corrupt_index_says_rebuild_and_rebuild_repairs_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("idx");
    write_one(&dir, false, "a1", "First", "Alpha text.");
    std::fs::write(dir.join("meta.json"), "{ not json").unwrap();
    std::fs::write(dir.join("keep.txt"), "user file").unwrap();
    let err = Writer::open(&dir, false).err().expect("must fail");
    assert!(matches!(err, IndexError::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("--rebuild"), "{err}");
    write_one(&dir, true, "a2", "Second", "Beta text.");
    assert_eq!(hits(&dir, "beta").len(), 1);
    assert!(dir.join("keep.txt").exists());
}

#[test]
fn missing_segment_files_are_reported_as_damage() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("idx");
    write_one(&dir, false, "a1", "First", "Alpha text.");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "store") {
            std::fs::remove_file(path).unwrap();
        }
    }
    let err = Writer::open(&dir, false).err().expect("must fail");
    assert!(matches!(err, IndexError::Corrupt { .. }), "{err}");
    let err = search::search(&dir, &Request::default()).unwrap_err();
    assert!(err.to_string().contains("--rebuild"), "{err}");
    write_one(&dir, true, "a2", "Second", "Beta text.");
    assert_eq!(hits(&dir, "beta").len(), 1);
    assert!(hits(&dir, "alpha").is_empty());
}

#[test]
fn replaced_within_one_session_shows_the_new_article_values() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("idx");
    let ents = DocEntities::default();
    let mut w = Writer::open(&dir, false).unwrap();
    let mut v1 = article("a1", "Old headline", &["Dockers walked out at dawn."]);
    v1.url = Some("https://old.example/a1".into());
    w.add("s1", "h1", &v1, &ents).unwrap();
    let mut v2 = article("a1", "New headline", &["Dockers walked out at noon."]);
    v2.url = Some("https://new.example/a1".into());
    v2.date = Some("2025-12-31".into());
    assert_eq!(w.add("s1", "h2", &v2, &ents).unwrap(), Outcome::Updated);
    w.commit().unwrap();
    let found = hits(&dir, "dockers");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].title, "New headline");
    assert_eq!(found[0].url.as_deref(), Some("https://new.example/a1"));
    assert_eq!(found[0].date.as_deref(), Some("2025-12-31"));
    assert_eq!(found[0].path, "a1.html");
    assert!(found[0].passage.ends_with("noon."));
}

#[test]
fn foreign_tantivy_index_is_incompatible_until_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let mut b = tantivy::schema::Schema::builder();
    b.add_text_field("body", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(tmp.path(), b.build()).unwrap();
    let err = Writer::open(tmp.path(), false).err().expect("must fail");
    assert!(matches!(err, IndexError::Incompatible(_)), "{err}");
    let err = search::search(tmp.path(), &Request::default()).unwrap_err();
    assert!(
        matches!(err, search::SearchError::Unreadable { .. }),
        "{err}"
    );
    let mut w = Writer::open(tmp.path(), true).unwrap();
    w.add(
        "s",
        "h",
        &article("a", "Fresh", &["New text."]),
        &DocEntities::default(),
    )
    .unwrap();
    w.commit().unwrap();
    assert_eq!(hits(tmp.path(), "fresh").len(), 2);
}

#[test]
fn a_page_of_names_lists_at_most_max_article_names_on_each_passage() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("idx");
    let body: Vec<String> = (0..300)
        .map(|i| format!("Person{i} spoke to the dockers at the harbour on Monday."))
        .collect();
    let body_refs: Vec<&str> = body.iter().map(String::as_str).collect();
    let a = article("a1", "Harbour meeting", &body_refs);
    let mut mentions = vec![Vec::new()];
    for i in 0..300 {
        mentions.push(vec![crate::entities::Mention {
            start: 0,
            end: 7,
            label: crate::entities::Label::Person,
            name: format!("Person{i}"),
            actor: true,
            place: false,
        }]);
    }
    let ents = DocEntities {
        mentions,
        places: Vec::new(),
    };
    let mut w = Writer::open(&dir, false).unwrap();
    w.add("src/a1", "h1", &a, &ents).unwrap();
    w.commit().unwrap();
    let with_actor = |name: &str| {
        let req = Request {
            query: "dockers".into(),
            actors: vec![name.into()],
            limit: 1000,
            ..Request::default()
        };
        search::search(&dir, &req).unwrap().len()
    };
    let passages = hits(&dir, "dockers").len();
    assert!(passages > 1, "{passages}");
    // Every passage lists the article's first names, none past the limit.
    assert_eq!(with_actor("person0"), passages);
    assert_eq!(
        with_actor(&format!("person{}", MAX_ARTICLE_NAMES - 1)),
        passages
    );
    assert_eq!(with_actor(&format!("person{MAX_ARTICLE_NAMES}")), 0);
    // Each passage still shows the names it holds, those past the limit too.
    let all = search::search(
        &dir,
        &Request {
            query: "dockers".into(),
            limit: 1000,
            ..Request::default()
        },
    )
    .unwrap();
    for hit in all {
        let mut named: Vec<String> = hit
            .passage
            .split_whitespace()
            .filter(|w| w.starts_with("Person"))
            .map(str::to_string)
            .collect();
        let mut shown = hit.actors.clone();
        named.sort();
        shown.sort();
        assert_eq!(shown, named, "{}", hit.passage);
    }
}

#[test]
fn a_date_the_index_cannot_store_leaves_the_article_undated() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("idx");
    let mut w = Writer::open(&dir, false).unwrap();
    for (id, date) in [
        ("far", "4040-12-31"),
        ("old", "1066-10-14"),
        ("ok", "2024-03-01"),
    ] {
        let mut a = article(id, "Harbour strike", &["Dockers walked out at dawn."]);
        a.date = Some(date.into());
        w.add(id, "h", &a, &DocEntities::default()).unwrap();
    }
    w.commit().unwrap();
    let mut dates: Vec<Option<String>> =
        hits(&dir, "dockers").into_iter().map(|h| h.date).collect();
    dates.sort();
    assert_eq!(dates, [None, None, Some("2024-03-01".to_string())]);
}
