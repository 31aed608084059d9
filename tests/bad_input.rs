//! Bad input: every broken file is reported with its path and the reason, and the batch goes on.

mod common;

use common::*;
use flate2::write::GzEncoder;
use std::io::Write;

const GOOD: &str = "<html><head><title>Harbour reopens in Rotterdam</title></head><body><article>\
<p>The port of Rotterdam reopened on Monday after a three-day strike by dock workers ended.</p>\
<p>Shipping lines said the backlog of containers would take a week to clear.</p></article></body></html>";

#[test]
fn each_bad_file_is_reported_and_the_rest_is_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let w = |name: &str, bytes: &[u8]| std::fs::write(docs.join(name), bytes).unwrap();
    w("good.html", GOOD.as_bytes());
    w("empty.html", b"");
    w(
        "binary.html",
        &[0u8, 159, 146, 150, 0, 0, 1, 2, 3, 255, 0, 0, 7, 0].repeat(200),
    );
    w("latin1.txt", b"Caf\xe9 owners protest in Lyon\n\nThe caf\xe9 owners of Lyon marched on Tuesday against new rules.\n");
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(GOOD.replace("Rotterdam", "Antwerp").as_bytes())
        .unwrap();
    let gz = gz.finish().unwrap();
    w("truncated.html.gz", &gz[..gz.len() / 2]);
    w(
        "export.jsonl",
        b"{\"url\": \"https://example.org/a\", \"title\": \"Floods in Karachi\", \"text\": \"Heavy rain flooded Karachi streets on Sunday, officials said.\"}\n\
          {\"url\": \"https://example.org/b\", \"title\": broken json\n\
          {\"url\": \"https://example.org/c\", \"title\": \"Drought in Sindh\", \"text\": \"Farmers in Sindh said the drought was the worst in decades.\"}\n",
    );
    w("notes.csv", b"a,b\n1,2\n");
    // Deeply nested markup must not overflow the stack.
    let deep = format!(
        "<html><body><p>Lisbon will replace its oldest trams next year, the city council said on Friday, after a \
         decade of breakdowns on the steep routes of the historic centre.</p>{}</body></html>",
        "<div>".repeat(100_000)
    );
    w("deep.html", deep.as_bytes());

    let idx = tmp.path().join("index");
    let o = newsdex(&[
        "index",
        docs.to_str().unwrap(),
        "--index",
        idx.to_str().unwrap(),
        "--quiet",
    ]);
    let err = stderr(&o);
    let [indexed, _, _, skipped, failed] = summary(&stdout(&o));
    // Some documents failed, the rest went in: the documented status 3, not 0 nor 1.
    assert_eq!(o.status.code(), Some(exit_status(failed)), "{err}");
    assert_eq!(exit_status(failed), 3);
    // good, latin1, deep, and two good JSON lines.
    assert_eq!(indexed, 5, "stdout: {} stderr: {err}", stdout(&o));
    assert_eq!(skipped, 1, "notes.csv is skipped");
    assert_eq!(
        failed, 4,
        "empty, binary, truncated gz, bad JSON line: {err}"
    );
    for needle in [
        "empty.html",
        "binary.html",
        "truncated.html.gz",
        "export.jsonl:2",
    ] {
        assert!(
            err.contains(needle),
            "no failure reported for {needle}: {err}"
        );
    }
    let hits = search_json(&idx, &["rotterdam"]);
    assert!(!hits.is_empty(), "the good page is searchable");
    assert!(
        !search_json(&idx, &["sindh"]).is_empty(),
        "JSON line after the bad one is indexed"
    );
}

#[test]
fn a_missing_index_is_a_one_line_error() {
    let tmp = tempfile::tempdir().unwrap();
    let o = newsdex(&[
        "search",
        "anything",
        "--index",
        tmp.path().join("nope").to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(err.contains("newsdex index"), "says what to do: {err}");
}

#[test]
fn wrong_arguments_exit_non_zero_without_panic() {
    for args in [
        &["search", "x", "--format", "yaml"][..],
        &["search", "x", "--since", "yesterday"],
        &["search", "x", "--limit", "0"],
        &["frobnicate"],
        &["index", "--threads", "many"],
    ] {
        let o = newsdex(args);
        assert!(!o.status.success(), "{args:?} should fail");
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
        assert!(err.contains("error"), "{args:?} explains: {err}");
    }
}

#[test]
fn a_missing_input_path_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let o = newsdex(&[
        "index",
        "/no/such/folder",
        "--index",
        tmp.path().to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("/no/such/folder"));
}

/// A note of one paragraph without a title, as text or as a JSON record, is an article whose
/// first words make its title, not a "no text found".
#[test]
fn one_paragraph_without_a_title_is_an_article() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("flash.txt"),
        "Dock workers in Gdansk walked out on Thursday over a pay offer that their union called \
         an insult, halting container traffic at the Baltic port for the first time in a decade.\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("records.jsonl"),
        "{\"url\": \"https://example.org/flash\", \"text\": \"Ferries between Helsinki and Tallinn \
         were cancelled on Friday as a storm with gusts of 30 metres per second crossed the Gulf of \
         Finland.\"}\n",
    )
    .unwrap();
    let idx = tmp.path().join("index");
    let out = ok(&[
        "index",
        docs.to_str().unwrap(),
        "--index",
        idx.to_str().unwrap(),
        "--quiet",
    ]);
    let [indexed, _, _, _, failed] = summary(&out);
    assert_eq!((indexed, failed), (2, 0), "{out}");
    for (query, title_start) in [
        ("gdansk", "Dock workers in Gdansk"),
        ("tallinn", "Ferries between"),
    ] {
        let hits = search_json(&idx, &[query, "--section", "body"]);
        assert_eq!(hits.len(), 1, "{query}");
        let title = hits[0]["title"].as_str().unwrap();
        assert!(
            title.starts_with(title_start) && title.chars().count() <= 80,
            "{title}"
        );
    }
}

/// Empty archives are reported as empty, by name, not passed over in silence.
#[test]
fn empty_warc_and_json_lines_files_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("good.html"), GOOD).unwrap();
    std::fs::write(docs.join("crawl.warc"), b"").unwrap();
    std::fs::write(docs.join("export.jsonl"), b"").unwrap();
    std::fs::write(docs.join("blank.jsonl"), b"\n\n  \n").unwrap();
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"").unwrap();
    std::fs::write(docs.join("crawl2.warc.gz"), gz.finish().unwrap()).unwrap();
    let o = newsdex(&[
        "index",
        docs.to_str().unwrap(),
        "--index",
        tmp.path().join("i").to_str().unwrap(),
        "--quiet",
    ]);
    let err = stderr(&o);
    let [indexed, _, _, _, failed] = summary(&stdout(&o));
    assert_eq!((indexed, failed), (1, 4), "{err}");
    assert_eq!(o.status.code(), Some(exit_status(failed)));
    for name in [
        "crawl.warc",
        "export.jsonl",
        "blank.jsonl",
        "crawl2.warc.gz",
    ] {
        assert!(
            err.lines().any(|l| l.contains(name) && l.contains("empty")),
            "{name}: {err}"
        );
    }
}
