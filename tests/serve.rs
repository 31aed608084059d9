//! `newsdex serve`: the JSON API answers what the CLI's machine formats say for the same
//! search, refuses bad parameters with a 400, caps large limits, and serves nothing but its
//! built-in page and assets.

mod common;

use common::*;
use serde_json::Value;
use std::io::{Read, Write};

/// An HTTP answer.
struct Answer {
    status: u16,
    content_type: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// GETs `path` with the query `pairs`.
fn get(server: &Server, path: &str, pairs: &[(&str, &str)]) -> Answer {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .get(format!("{}{path}", server.url))
        .query_pairs(pairs.iter().copied())
        .call()
        .unwrap_or_else(|e| panic!("GET {path} {pairs:?}: {e}"));
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or_default().to_string()))
        .collect();
    let body = response
        .body_mut()
        .with_config()
        .limit(256 * 1024 * 1024)
        .read_to_vec()
        .expect("read the body");
    Answer {
        status: response.status().as_u16(),
        content_type: response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string(),
        headers,
        body,
    }
}

/// GETs an API path, insisting on 200 and JSON.
fn api(server: &Server, path: &str, pairs: &[(&str, &str)]) -> Value {
    let a = get(server, path, pairs);
    assert_eq!(a.status, 200, "{path} {pairs:?}: {}", a.text());
    assert!(
        a.content_type.starts_with("application/json"),
        "{}",
        a.content_type
    );
    a.json()
}

/// Sends a hand-written request (for what a polite client would not send); returns the answer.
fn raw(server: &Server, request: &str) -> String {
    let mut stream = std::net::TcpStream::connect(server.authority()).expect("connect");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut out = String::new();
    let _ = stream.read_to_string(&mut out);
    out
}

/// CLI flags for API filter pairs.
fn cli_args(pairs: &[(&str, &str)]) -> Vec<String> {
    let mut args = Vec::new();
    for (key, value) in pairs {
        match *key {
            "q" => args.insert(0, value.to_string()),
            "per_article" => args.extend(["--per-article".to_string(), value.to_string()]),
            "all_words" if *value == "true" => args.push("--all-words".to_string()),
            other => args.extend([format!("--{other}"), value.to_string()]),
        }
    }
    if !pairs.iter().any(|(k, _)| *k == "q") {
        args.insert(0, String::new());
    }
    args
}

fn cli(command: &str, pairs: &[(&str, &str)], more: &[&str]) -> String {
    let idx = corpus_index().to_str().unwrap();
    let args = cli_args(pairs);
    let mut all: Vec<&str> = vec![command];
    all.extend(args.iter().map(String::as_str));
    all.extend(["--index", idx]);
    all.extend_from_slice(more);
    ok(&all)
}

#[test]
fn search_hits_are_the_cli_hits() {
    let server = Server::start(corpus_index());
    let cases: [&[(&str, &str)]; 9] = [
        &[("q", "aleppo"), ("limit", "20")],
        &[("q", "evacuation"), ("actor", "russia"), ("limit", "50")],
        &[
            ("q", "evacuation"),
            ("actor", "Russia"),
            ("actor", "Turkey"),
        ],
        &[
            ("q", "ceasefire"),
            ("since", "2018-01-01"),
            ("until", "2018-12-31"),
        ],
        &[("q", "desalination barge"), ("place", "Karachi")],
        &[("section", "comments"), ("limit", "30")],
        &[("q", "aleppo"), ("per_article", "1"), ("limit", "40")],
        &[("q", "karachi water barge"), ("limit", "50")],
        &[
            ("q", "karachi water barge"),
            ("all_words", "true"),
            ("limit", "50"),
        ],
    ];
    for pairs in cases {
        let page = api(&server, "/api/search", pairs);
        let limit = pairs
            .iter()
            .find(|(k, _)| *k == "limit")
            .map_or("10", |(_, v)| v);
        let filters: Vec<(&str, &str)> = pairs
            .iter()
            .copied()
            .filter(|(k, _)| *k != "limit")
            .collect();
        let expected: Value = serde_json::from_str(&cli(
            "search",
            &filters,
            &["--limit", limit, "--format", "json"],
        ))
        .unwrap();
        assert!(
            !expected.as_array().unwrap().is_empty(),
            "{pairs:?} finds something"
        );
        assert_eq!(page["hits"], expected, "{pairs:?}");
        // The total is every matching passage.
        let every: Vec<(&str, &str)> = filters
            .iter()
            .copied()
            .filter(|(k, _)| *k != "per_article")
            .collect();
        let total = cli("search", &every, &["--all", "--format", "jsonl"])
            .lines()
            .count();
        assert_eq!(page["total"], total, "{pairs:?}");
    }
}

#[test]
fn all_words_keeps_only_passages_holding_every_word() {
    let server = Server::start(corpus_index());
    let q = [("q", "karachi water barge"), ("limit", "50")];
    let ranked = api(&server, "/api/search", &q);
    let strict = api(&server, "/api/search", &[q[0], q[1], ("all_words", "true")]);
    let (ranked_total, strict_total) = (
        ranked["total"].as_u64().unwrap(),
        strict["total"].as_u64().unwrap(),
    );
    assert!(
        strict_total >= 1 && strict_total < ranked_total,
        "{strict_total} < {ranked_total}"
    );
    for hit in strict["hits"].as_array().unwrap() {
        assert_eq!(hit["matched_words"], 3);
        assert_eq!(hit["query_words"], 3);
    }
}

#[test]
fn pages_continue_the_ranking() {
    let server = Server::start(corpus_index());
    let first = api(&server, "/api/search", &[("q", "aleppo"), ("limit", "10")]);
    let second = api(
        &server,
        "/api/search",
        &[("q", "aleppo"), ("limit", "5"), ("offset", "5")],
    );
    assert_eq!(second["offset"], 5);
    assert_eq!(second["limit"], 5);
    assert_eq!(second["total"], first["total"]);
    assert_eq!(
        second["hits"].as_array().unwrap()[..],
        first["hits"].as_array().unwrap()[5..10]
    );
    assert_eq!(second["hits"][0]["rank"], 6);
    let past = api(
        &server,
        "/api/search",
        &[("q", "hornswoggled"), ("offset", "3")],
    );
    assert_eq!(past["total"], 1);
    assert_eq!(past["hits"], Value::Array(vec![]));
}

#[test]
fn facets_and_timelines_are_the_cli_reports() {
    let server = Server::start(corpus_index());
    let cases: [&[(&str, &str)]; 3] = [
        &[("q", "aleppo"), ("limit", "5")],
        &[("q", "strike"), ("actor", "Marieke Dijkstra")],
        &[("place", "Greece"), ("since", "2021-01-01")],
    ];
    for pairs in cases {
        let got = api(&server, "/api/facets", pairs);
        let expected: Value =
            serde_json::from_str(&cli("facets", pairs, &["--format", "json"])).unwrap();
        assert_eq!(got, expected, "{pairs:?}");
        assert!(got["articles"].as_u64().unwrap() > 0, "{pairs:?}");
        let without = api(
            &server,
            "/api/facets",
            &[pairs, &[("pairs", "false")]].concat(),
        );
        assert_eq!(without["pairs"], Value::Array(vec![]));
        assert_eq!(without["actors"], expected["actors"]);
        assert_eq!(without["places"], expected["places"]);
        // The same field order as the CLI's JSON.
        let raw = get(&server, "/api/facets", pairs).text();
        assert!(raw.starts_with("{\"articles\":"), "{raw}");
    }
    for by in ["day", "week", "month", "year"] {
        let pairs = [("q", "ceasefire"), ("by", by)];
        let got = api(&server, "/api/timeline", &pairs);
        let expected: Value = serde_json::from_str(&cli(
            "timeline",
            &pairs[..1],
            &["--by", by, "--format", "json"],
        ))
        .unwrap();
        assert_eq!(got, expected, "{by}");
    }
}

#[test]
fn exports_are_the_cli_outputs() {
    let server = Server::start(corpus_index());
    let filters = [("q", "aleppo"), ("actor", "Anatoly Vesnin")];
    let with = |extra: &[(&'static str, &'static str)]| -> Vec<(&str, &str)> {
        filters.iter().chain(extra).copied().collect()
    };
    let csv = get(
        &server,
        "/api/export",
        &with(&[("format", "csv"), ("limit", "7")]),
    );
    assert_eq!(csv.status, 200, "{}", csv.text());
    assert!(csv.content_type.starts_with("text/csv"));
    assert_eq!(
        csv.header("content-disposition"),
        Some("attachment; filename=\"newsdex-aleppo.csv\"")
    );
    assert_eq!(
        csv.text(),
        cli("search", &filters, &["--limit", "7", "--format", "csv"])
    );
    // Without a limit: every hit, ranked.
    let json = get(&server, "/api/export", &with(&[("format", "json")]));
    let expected = cli(
        "search",
        &filters,
        &["--limit", "100000", "--format", "json"],
    );
    assert_eq!(json.text(), expected);
    assert!(
        serde_json::from_str::<Value>(&expected)
            .unwrap()
            .as_array()
            .unwrap()
            .len()
            > 7
    );
    let jsonl = get(
        &server,
        "/api/export",
        &with(&[("format", "jsonl"), ("per_article", "1")]),
    );
    assert_eq!(
        jsonl.text(),
        cli(
            "search",
            &filters,
            &[
                "--limit",
                "100000",
                "--per-article",
                "1",
                "--format",
                "jsonl"
            ]
        )
    );
    // `all`: every hit in index order, streamed, as `search --all`; larger than one chunk.
    let all = get(
        &server,
        "/api/export",
        &[("format", "jsonl"), ("all", "true")],
    );
    let every = cli("search", &[], &["--all", "--format", "jsonl"]);
    assert!(every.len() > 64 * 1024, "the corpus export spans chunks");
    assert_eq!(all.text(), every);
    let empty = get(
        &server,
        "/api/export",
        &[("q", "biscuitwall"), ("format", "json")],
    );
    assert_eq!(empty.text().trim(), "[]");
    let xlsx = get(&server, "/api/export", &with(&[("format", "xlsx")]));
    assert_eq!(xlsx.status, 200, "{}", xlsx.text());
    assert!(xlsx.content_type.contains("spreadsheetml"));
    assert_eq!(&xlsx.body[..2], b"PK", "a zip workbook");
    assert!(xlsx
        .header("content-disposition")
        .unwrap()
        .contains(".xlsx"));
}

#[test]
fn bad_parameters_get_a_400_with_a_message() {
    let server = Server::start(corpus_index());
    // Path, query pairs, a word the message must contain.
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str);
    let cases: [Case; 14] = [
        ("/api/search", &[("since", "2016-13-01")], "since"),
        ("/api/search", &[("until", "yesterday")], "until"),
        (
            "/api/search",
            &[("since", "2020-01-01"), ("until", "2019-01-01")],
            "after",
        ),
        ("/api/search", &[("section", "sidebar")], "section"),
        ("/api/search", &[("limit", "ten")], "limit"),
        ("/api/search", &[("limit", "0")], "limit"),
        ("/api/search", &[("offset", "10001")], "offset"),
        (
            "/api/search",
            &[("sort", "date")],
            "unknown parameter 'sort'",
        ),
        ("/api/search", &[("q", "\"unclosed")], "query"),
        ("/api/search", &[("q", "date:2016-13")], "2016-13"),
        ("/api/search", &[("q", "nosuchfield:x")], "no field"),
        ("/api/timeline", &[("by", "decade")], "by"),
        ("/api/export", &[("format", "pdf")], "format"),
        ("/api/facets", &[("q", "a"), ("q", "b")], "more than once"),
    ];
    for (path, pairs, word) in cases {
        let a = get(&server, path, pairs);
        assert_eq!(a.status, 400, "{path} {pairs:?}: {}", a.text());
        let message = a.json()["error"].as_str().unwrap_or_default().to_string();
        assert!(message.contains(word), "{path} {pairs:?}: {message}");
    }
}

#[test]
fn very_large_limits_are_capped() {
    let server = Server::start(corpus_index());
    let page = api(&server, "/api/search", &[("limit", "1000000000000")]);
    assert_eq!(page["limit"], 100);
    assert!(page["total"].as_u64().unwrap() > 100);
    assert_eq!(page["hits"].as_array().unwrap().len(), 100);
    let facets = api(
        &server,
        "/api/facets",
        &[("limit", "99999999999999999999999")],
    );
    let actors = facets["actors"].as_array().unwrap().len();
    assert!(actors > 10 && actors <= 100, "{actors}");
}

#[test]
fn only_the_built_in_page_is_served() {
    let server = Server::start(corpus_index());
    let page = get(&server, "/", &[]);
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html"));
    let html = page.text();
    assert!(html.contains("<script src=\"/app.js\"></script>"), "{html}");
    // No inline script: the policy below forbids it, and indexed text never reaches HTML.
    assert_eq!(html.matches("<script").count(), 1);
    let policy = page.header("content-security-policy").unwrap();
    assert!(policy.contains("script-src 'self'"), "{policy}");
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    for (path, kind) in [
        ("/app.js", "text/javascript"),
        ("/style.css", "text/css"),
        ("/favicon.svg", "image/svg+xml"),
    ] {
        let a = get(&server, path, &[]);
        assert_eq!(a.status, 200, "{path}");
        assert!(
            a.content_type.starts_with(kind),
            "{path}: {}",
            a.content_type
        );
    }
    let app = get(&server, "/app.js", &[]).text();
    for sink in [
        ".innerHTML",
        ".outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(
            !app.contains(sink),
            "the page builds the DOM from text only: {sink}"
        );
    }
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/assets/app.js",
        "/src/serve/assets/app.js",
        "/meta.json",
        "/index/meta.json",
        "/corpus/README.md",
        "/etc/passwd",
        "//etc/passwd",
        "/api/../Cargo.toml",
        "/app.js/../../Cargo.toml",
    ] {
        let answer = raw(
            &server,
            &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
        );
        assert!(answer.starts_with("HTTP/1.1 404"), "{path}: {answer}");
        assert!(
            !answer.contains("[package]") && !answer.contains("root:"),
            "{path}"
        );
    }
    let post = raw(
        &server,
        "POST /api/search HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert!(post.starts_with("HTTP/1.1 405"), "{post}");
}

#[test]
fn another_host_name_is_refused() {
    let server = Server::start(corpus_index());
    let port = server.authority().rsplit(':').next().unwrap();
    let ask = |host: &str| {
        raw(
            &server,
            &format!(
                "GET /api/search?q=aleppo HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
            ),
        )
    };
    let evil = ask(&format!("attacker.example:{port}"));
    assert!(evil.starts_with("HTTP/1.1 403"), "{evil}");
    assert!(
        evil.to_ascii_lowercase()
            .contains("content-security-policy: default-src 'none'"),
        "a refusal carries the security headers too: {evil}"
    );
    assert!(!evil.contains("Aleppo"), "{evil}");
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        let answer = ask(&host);
        assert!(answer.starts_with("HTTP/1.1 200"), "{host}: {answer}");
    }
}

#[test]
fn planted_markup_comes_back_as_json_text() {
    let server = Server::start(corpus_index());
    let a = get(&server, "/api/search", &[("q", "script alert")]);
    assert!(a.content_type.starts_with("application/json"));
    let page = a.json();
    let hit = &page["hits"][0];
    assert_eq!(hit["section"], "comments");
    let passage = hit["passage"].as_str().unwrap();
    assert!(passage.contains("<script>alert(1)</script>"), "{passage}");
}

#[test]
fn serve_refuses_a_missing_index_and_a_taken_port() {
    let o = newsdex(&[
        "serve",
        "--index",
        "/nonexistent/newsdex-index",
        "--port",
        "0",
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no index"), "{}", stderr(&o));
    let server = Server::start(corpus_index());
    let port = server.authority().rsplit(':').next().unwrap();
    let idx = corpus_index().to_str().unwrap();
    let o = newsdex(&["serve", "--index", idx, "--port", port]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("cannot listen"), "{}", stderr(&o));
    let o = newsdex(&["serve", "--index", idx, "--port", "70000"]);
    assert!(!o.status.success());
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}

#[test]
fn error_replies_carry_the_security_headers() {
    let server = Server::start(corpus_index());
    for (path, status) in [
        ("/nowhere", "404"),
        ("/api/search?q=aleppo&limit=many", "400"),
        ("/api/search?q=aleppo", "200"),
    ] {
        let answer = raw(
            &server,
            &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
        );
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status}")),
            "{path}: {answer}"
        );
        let lower = answer.to_ascii_lowercase();
        for header in [
            "content-security-policy:",
            "x-content-type-options: nosniff",
            "x-frame-options: deny",
            "referrer-policy: no-referrer",
        ] {
            assert!(lower.contains(header), "{path} lacks {header}: {answer}");
        }
    }
}

#[test]
fn a_client_that_never_finishes_its_request_is_disconnected() {
    let server = Server::start_with(corpus_index(), &["--header-timeout", "1"]);
    let mut slow = std::net::TcpStream::connect(server.authority()).unwrap();
    slow.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    // Half a request header, then nothing.
    slow.write_all(b"GET /api/search?q=aleppo HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    let started = std::time::Instant::now();
    let mut rest = Vec::new();
    let closed = slow.read_to_end(&mut rest).is_ok();
    assert!(
        closed && started.elapsed() < std::time::Duration::from_secs(20),
        "the server held the connection for {:?}",
        started.elapsed()
    );
    // Other clients were served all along.
    assert_eq!(get(&server, "/api/search", &[("q", "aleppo")]).status, 200);
}
