//! Query robustness: whatever a user types gets a result or a one-line message saying what to
//! change, never a panic.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

/// An index of a few pages in several scripts, built once.
fn index() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let pages = dir.path().join("pages");
        std::fs::create_dir(&pages).unwrap();
        let page = |name: &str, lang: &str, title: &str, body: &str| {
            let html = format!(
                "<html lang=\"{lang}\"><head><title>{title}</title>\
                 <meta property=\"article:published_time\" content=\"2021-06-0{}\"></head>\
                 <body><article><p>{body}</p></article></body></html>",
                name.len() % 9 + 1
            );
            std::fs::write(pages.join(name), html).unwrap();
        };
        page(
            "en.html",
            "en",
            "Floods in Rotterdam",
            "Heavy rain flooded the port of Rotterdam on Monday, the city council said, and \
             ferries to the islands were cancelled until further notice, Sean O'Brien said.",
        );
        page(
            "ar.html",
            "ar",
            "فيضانات في القاهرة",
            "قال مسؤولون إن الأمطار الغزيرة أغرقت شوارع القاهرة يوم الاثنين وأغلقت المدارس \
             في عدة أحياء من المدينة.",
        );
        page(
            "zh.html",
            "zh",
            "北京 暴雨",
            // Words set apart, as the index's tokenizer splits on spaces and punctuation only.
            "北京 周一 遭遇 今年 最强 暴雨 ， 市 政府 表示 ， 多 条 地铁 线路 暂停 运营 ， 全市 \
             中小学 停课 一 天 。 气象 部门 预计 ， 降雨 将 持续 到 周三 ， 部分 地区 可能 出现 \
             洪水 ， 市民 应 避免 外出 。",
        );
        page(
            "ru.html",
            "ru",
            "Наводнение в Москве",
            "Сильный дождь затопил улицы Москвы в понедельник, сообщили в мэрии, и несколько \
             станций метро были закрыты до вечера.",
        );
        let idx = dir.path().join("index");
        ok(&[
            "index",
            pages.to_str().unwrap(),
            "--index",
            idx.to_str().unwrap(),
            "--quiet",
        ]);
        (dir, idx)
    })
    .1
}

fn search(args: &[&str]) -> Output {
    let idx = index().to_str().unwrap().to_string();
    let mut all = vec!["search", "--index", &idx, "--format", "jsonl"];
    all.extend_from_slice(args);
    newsdex(&all)
}

/// The run either succeeded or failed with one line that says what to do; never a panic.
fn result_or_message(args: &[&str]) -> Result<usize, String> {
    let o = search(args);
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
    match o.status.code() {
        Some(0) => Ok(stdout(&o).lines().count()),
        Some(1) => {
            assert_eq!(err.trim().lines().count(), 1, "{args:?}: one line: {err}");
            assert!(err.starts_with("newsdex: error: "), "{args:?}: {err}");
            Err(err)
        }
        Some(2) => {
            // clap's usage errors: they print their own hint.
            assert!(err.contains("error:"), "{args:?}: {err}");
            Err(err)
        }
        code => panic!("{args:?}: exit {code:?}: {err}"),
    }
}

fn hits(args: &[&str]) -> usize {
    result_or_message(args).unwrap_or_else(|e| panic!("{args:?} failed: {e}"))
}

fn message(args: &[&str]) -> String {
    match result_or_message(args) {
        Ok(n) => panic!("{args:?} gave {n} hits instead of an error"),
        Err(e) => e,
    }
}

#[test]
fn non_latin_scripts_find_their_articles() {
    assert_eq!(hits(&["القاهرة", "--section", "body"]), 1);
    assert_eq!(hits(&["北京", "--section", "body"]), 1);
    assert_eq!(hits(&["暴雨 地铁", "--section", "body"]), 1);
    assert_eq!(hits(&["Москвы", "--section", "body"]), 1);
    assert_eq!(hits(&["\"затопил улицы\"", "--section", "body"]), 1);
    assert_eq!(hits(&["rotterdam", "--section", "body"]), 1);
    // Right-to-left marks, combining accents, emoji around a word: the word is still found.
    assert!(hits(&["\u{200f}القاهرة\u{200e} 🌧️ e\u{301}"]) >= 1);
}

#[test]
fn unbalanced_quotes_and_brackets_give_a_result_or_a_message() {
    for q in [
        "\"port of rotterdam",
        "port of rotterdam\"",
        "\"\"\"",
        "(rotterdam",
        "rotterdam)",
        "((((((",
        "[rotterdam",
        "{rotterdam}",
        "title:\"floods",
        "date:[2021 TO",
    ] {
        let _ = result_or_message(&[q]);
    }
    let deep = format!("{}rotterdam{}", "(".repeat(10_000), ")".repeat(10_000));
    assert!(message(&[&deep]).contains("parentheses"));
}

#[test]
fn unknown_fields_are_named_with_the_fields_there_are() {
    let err = message(&["foo:bar"]);
    assert!(err.contains("'foo'"), "{err}");
    assert!(err.contains("title"), "lists the fields: {err}");
    let err = message(&["rotterdam AND colour:red"]);
    assert!(err.contains("'colour'"), "{err}");
}

#[test]
fn lone_operators_and_punctuation_never_panic() {
    for q in [
        "AND",
        "OR",
        "NOT",
        "-",
        "+",
        "*",
        ":",
        "^",
        "~",
        "!",
        "&&",
        "||",
        "-rotterdam",
        "+-+",
        "AND OR AND",
        "rotterdam AND",
        "OR rotterdam",
        "title:",
        ":rotterdam",
        "rotterdam^",
        "rotterdam^-1",
        "rotterdam~99",
        "rotterdam*",
        "\\",
        "\\\"",
        "'",
        "/",
        "/.*/",
        "IN [",
        "title:IN [a b]",
        "text:*",
        "*:*",
        "date:*",
        "date:",
        "lang:",
        "section:nope",
    ] {
        let _ = result_or_message(&[q]);
    }
}

#[test]
fn names_with_apostrophes_are_found_and_any_value_queries_say_where_they_work() {
    assert_eq!(hits(&["O'Brien", "--section", "body"]), 1);
    assert_eq!(hits(&["title:floods -O'Brien", "--section", "body"]), 0);
    let err = message(&["text:*"]);
    assert!(err.contains("works only for date"), "{err}");
    let dated = hits(&["date:*"]);
    assert!(dated > 0);
    // Open at both ends means any date, not nothing.
    assert_eq!(hits(&["date:[* TO *]"]), dated);
    assert_eq!(hits(&["date:{* TO *}"]), dated);
    assert_eq!(hits(&["date:[2000 TO *]"]), dated);
    let err = message(&["rotterdam AND"]);
    assert!(
        err.contains("give AND, OR and field: a word on each side"),
        "{err}"
    );
}

#[test]
fn empty_and_blank_queries_match_everything() {
    let all = hits(&["", "--section", "body"]);
    assert_eq!(all, 4);
    assert_eq!(hits(&["   ", "--section", "body"]), all);
    assert_eq!(hits(&["\t\n", "--section", "body"]), all);
}

#[test]
fn ten_thousand_terms_give_a_result() {
    let words: Vec<String> = (0..10_000).map(|i| format!("w{i}")).collect();
    let and = words.join(" ");
    assert_eq!(hits(&[&and]), 0);
    let or = format!("rotterdam OR {}", words.join(" OR "));
    assert!(hits(&[&or, "--section", "body"]) >= 1);
    let phrase = format!("\"{and}\"");
    assert_eq!(hits(&[&phrase]), 0);
}

#[test]
fn bad_date_ranges_say_how_to_write_a_date() {
    for q in [
        "date:2021-13",
        "date:2021-02-30",
        "date:[2021-06-31 TO 2021-07-01]",
        "rotterdam date:[2021-00 TO *]",
    ] {
        let err = message(&[q]);
        assert!(err.contains("YYYY-MM-DD"), "{q}: {err}");
    }
    // Backwards ranges are empty, not errors.
    assert_eq!(hits(&["date:[2022 TO 2020]"]), 0);
    assert_eq!(
        hits(&[
            "rotterdam",
            "--since",
            "2022-01-01",
            "--until",
            "2020-01-01"
        ]),
        0
    );
    // Far past and far future dates are ranges like any other.
    assert_eq!(hits(&["date:[0001 TO 9999]", "--section", "body"]), 4);
    for bad in ["2021-02-30", "yesterday", "99999-01-01", "2021/06/01", ""] {
        let err = message(&["rotterdam", "--since", bad]);
        assert!(err.contains("2016-12-14"), "--since {bad:?}: {err}");
    }
}

#[test]
fn filters_with_odd_names_give_a_result() {
    for args in [
        &["rotterdam", "--actor", ""][..],
        &["rotterdam", "--actor", "(.*"],
        &["rotterdam", "--actor", "\\"],
        &["rotterdam", "--place", "北京"],
        &["rotterdam", "--place", "\"'"],
        &["", "--actor", &"a".repeat(10_000)],
        &["", "--actor", &"北".repeat(300)],
        &["", "--place", &"😀".repeat(3000)],
    ] {
        assert_eq!(hits(args), 0, "{args:?}");
    }
}
