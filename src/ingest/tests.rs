//! Ingest tests: every fixture is built here, in a temporary folder.

use super::*;
use flate2::write::GzEncoder;
use flate2::Compression;
use std::fs;
use std::io::Write;
use std::path::Path;

fn read_all(paths: &[&Path], limits: Limits) -> Vec<Event> {
    let paths: Vec<PathBuf> = paths.iter().map(|p| p.to_path_buf()).collect();
    read(&paths, limits).collect()
}

/// One line per event, so a test compares what a user would see in the summary.
fn describe(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .map(|event| match event {
            Event::Doc(doc) => format!("doc {} [{}] {:?}", doc.source, doc.rel_path, doc.kind),
            Event::Skipped { path } => format!("skipped {}", path.display()),
            Event::SkippedRecord { source, reason } => format!("record {source}: {reason}"),
            Event::Failed { source, error } => format!("failed {source}: {error}"),
        })
        .collect()
}

fn docs(events: &[Event]) -> Vec<&RawDoc> {
    events
        .iter()
        .filter_map(|event| match event {
            Event::Doc(doc) => Some(doc),
            _ => None,
        })
        .collect()
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create fixture folder");
    }
    fs::write(path, bytes).expect("write fixture");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("compress in memory");
    encoder.finish().expect("finish gzip")
}

fn show(path: &Path) -> String {
    path.display().to_string()
}

#[test]
fn folder_walk_is_sorted_and_skips_hidden_and_unknown_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("b.html"), b"<p>b</p>");
    write(&root.join("a.txt"), b"a");
    write(&root.join("sub/c.htm"), b"<p>c</p>");
    write(&root.join("sub/.draft.html"), b"hidden file");
    write(&root.join(".git/x.html"), b"hidden folder");
    write(&root.join("z.pdf"), b"%PDF");
    write(&root.join("Upper.TXT"), b"upper-case extension");

    let events = read_all(&[root], Limits::default());
    let r = show(root);
    assert_eq!(
        describe(&events),
        vec![
            format!("doc {r}/Upper.TXT [Upper.TXT] Text"),
            format!("doc {r}/a.txt [a.txt] Text"),
            format!("doc {r}/b.html [b.html] Html"),
            format!("doc {r}/sub/c.htm [sub/c.htm] Html"),
            format!("skipped {r}/z.pdf"),
        ]
    );
    assert_eq!(docs(&events)[2].bytes, b"<p>b</p>");
}

#[test]
fn roots_keep_their_order_and_a_file_given_directly_is_named_by_its_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("folder/story.txt");
    write(&file, b"story");
    write(&dir.path().join("other/a.txt"), b"a");
    let missing = dir.path().join("missing");

    let events = read_all(
        &[&dir.path().join("other"), &file, &missing],
        Limits::default(),
    );
    let lines = describe(&events);
    assert_eq!(
        lines[0],
        format!("doc {}/other/a.txt [a.txt] Text", show(dir.path()))
    );
    assert_eq!(lines[1], format!("doc {} [story.txt] Text", show(&file)));
    assert!(
        lines[2].starts_with(&format!("failed {}: cannot read:", show(&missing))),
        "{}",
        lines[2]
    );
    assert_eq!(lines.len(), 3);
}

#[test]
fn gzipped_pages_are_decompressed_including_multi_member_files() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("page.html.gz"),
        &gzip(b"<html>page</html>"),
    );
    let mut two_members = gzip(b"first half, ");
    two_members.extend(gzip(b"second half"));
    write(&dir.path().join("wire.txt.gz"), &two_members);

    let events = read_all(&[dir.path()], Limits::default());
    let found = docs(&events);
    assert_eq!(found.len(), 2, "{:?}", describe(&events));
    assert_eq!(found[0].kind, Kind::Html);
    assert_eq!(found[0].rel_path, "page.html.gz");
    assert_eq!(found[0].bytes, b"<html>page</html>");
    assert_eq!(found[1].kind, Kind::Text);
    assert_eq!(found[1].bytes, b"first half, second half");
}

#[test]
fn json_records_give_the_page_and_hints() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("a.json"),
        br#"{"url": "https://example.org/a", "title": "A", "date": "2024-01-02",
            "author": "Ann Lee", "html": "<p>a</p>", "links": [{"url": "x"}]}"#,
    );
    write(
        &dir.path().join("b.json"),
        br#"{"title": "B", "authors": ["Bo Li", " ", "Cy Ng"], "text": "plain b"}"#,
    );
    write(&dir.path().join("c.json"), br#"{"title": "no page here"}"#);
    write(
        &dir.path().join("d.json"),
        b"{\"title\": \"unfinished\",\n \"text\": ",
    );
    write(&dir.path().join("e.json"), br#"{"title": 5, "text": "x"}"#);

    let events = read_all(&[dir.path()], Limits::default());
    let found = docs(&events);
    assert_eq!(found.len(), 2, "{:?}", describe(&events));
    assert_eq!(found[0].kind, Kind::Html);
    assert_eq!(found[0].bytes, b"<p>a</p>");
    assert_eq!(
        found[0].hints,
        Hints {
            url: Some("https://example.org/a".into()),
            title: Some("A".into()),
            date: Some("2024-01-02".into()),
            authors: vec!["Ann Lee".into()],
        }
    );
    assert_eq!(found[1].kind, Kind::Text);
    assert_eq!(found[1].bytes, b"plain b");
    assert_eq!(found[1].hints.authors, vec!["Bo Li", "Cy Ng"]);

    let lines = describe(&events);
    let d = show(dir.path());
    assert_eq!(
        lines[2],
        format!("failed {d}/c.json: JSON record has neither an \"html\" nor a \"text\" field: put the page in one of them")
    );
    assert_eq!(
        lines[3],
        format!("failed {d}/d.json: malformed JSON at line 2, column 9: EOF while parsing a value (fix the record there)")
    );
    assert!(
        lines[4].starts_with(&format!("failed {d}/e.json: malformed JSON at line 1")),
        "{}",
        lines[4]
    );
    assert!(
        lines[4].contains("invalid type: integer `5`"),
        "{}",
        lines[4]
    );
}

#[test]
fn jsonl_with_a_malformed_line_keeps_the_others_and_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let body = concat!(
        "{\"title\": \"one\", \"text\": \"first\"}\n",
        "\n",
        "{\"title\": \"three\", \"text\": \"third\"}\r\n",
        "{\"title\": \"four\", \"text\": oops}\n",
        "{\"title\": \"five\", \"html\": \"<p>fifth</p>\"}"
    );
    write(&dir.path().join("feed.jsonl"), body.as_bytes());
    write(&dir.path().join("feed2.jsonl.gz"), &gzip(body.as_bytes()));

    let events = read_all(&[dir.path()], Limits::default());
    let d = show(dir.path());
    for name in ["feed.jsonl", "feed2.jsonl.gz"] {
        let lines: Vec<String> = describe(&events)
            .into_iter()
            .filter(|line| line.contains(&format!("/{name}:")))
            .collect();
        assert_eq!(
            lines,
            vec![
                format!("doc {d}/{name}:1 [{name}:1] Text"),
                format!("doc {d}/{name}:3 [{name}:3] Text"),
                format!("failed {d}/{name}:4: malformed JSON at line 4, column 27: expected value (fix the record there)"),
                format!("doc {d}/{name}:5 [{name}:5] Html"),
            ]
        );
    }
    let found = docs(&events);
    assert_eq!(found[1].bytes, b"third");
    assert_eq!(found[1].hints.title.as_deref(), Some("three"));
}

#[test]
fn truncated_gzip_is_reported_and_earlier_records_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    // Varied text so the compressed form is long enough to cut in the middle.
    let page: String = (0..20_000).map(|i| format!("<p>line {i}</p>\n")).collect();
    let whole = gzip(page.as_bytes());
    write(&dir.path().join("a.html.gz"), &whole[..whole.len() / 2]);
    let lines: String = (0..20_000)
        .map(|i| format!("{{\"text\": \"record {i}\"}}\n"))
        .collect();
    let whole = gzip(lines.as_bytes());
    write(&dir.path().join("b.jsonl.gz"), &whole[..whole.len() / 2]);
    write(&dir.path().join("c.txt"), b"still read");

    let events = read_all(&[dir.path()], Limits::default());
    let lines = describe(&events);
    let d = show(dir.path());
    assert!(
        lines[0].starts_with(&format!(
            "failed {d}/a.html.gz: cannot decompress (truncated or corrupt gzip)"
        )),
        "{}",
        lines[0]
    );
    let jsonl_docs = lines
        .iter()
        .filter(|l| l.starts_with("doc") && l.contains("b.jsonl.gz"))
        .count();
    assert!(
        jsonl_docs > 1000,
        "only {jsonl_docs} records read before the cut"
    );
    let failure = &lines[1 + jsonl_docs];
    assert!(
        failure.starts_with(&format!(
            "failed {d}/b.jsonl.gz:{}: cannot decompress",
            jsonl_docs + 1
        )),
        "{failure}"
    );
    assert_eq!(
        lines.last().unwrap(),
        &format!("doc {d}/c.txt [c.txt] Text")
    );
}

#[test]
fn a_gzip_bomb_is_refused_at_the_limit_without_inflating_it() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.html.gz");
    // 200 MB of zeros, compressed as it is produced: never held in memory.
    let mut encoder = GzEncoder::new(fs::File::create(&bomb).unwrap(), Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..200 {
        encoder.write_all(&zeros).unwrap();
    }
    encoder.finish().unwrap();
    assert!(fs::metadata(&bomb).unwrap().len() < 2_000_000);
    write(&dir.path().join("next.txt"), b"after the bomb");

    let limits = Limits {
        max_doc_bytes: 10 * 1024 * 1024,
    };
    let events = read_all(&[dir.path()], limits);
    let lines = describe(&events);
    assert_eq!(
        lines[0],
        format!(
            "failed {}: document is larger than the limit of 10485760 bytes (10 MiB) after \
             decompression; raise it with --max-doc-size if the file is trusted",
            show(&bomb)
        )
    );
    assert_eq!(
        lines[1],
        format!("doc {}/next.txt [next.txt] Text", show(dir.path()))
    );
}

#[test]
fn the_limit_applies_to_plain_files_and_to_single_jsonl_lines() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("big.txt"), &[b'x'; 101]);
    write(&dir.path().join("fits.txt"), &[b'x'; 100]);
    let long = format!(
        "{{\"text\": \"{}\"}}\n{{\"text\": \"short\"}}\n",
        "y".repeat(500)
    );
    write(&dir.path().join("feed.jsonl"), long.as_bytes());

    let events = read_all(&[dir.path()], Limits { max_doc_bytes: 100 });
    let lines = describe(&events);
    let d = show(dir.path());
    assert!(
        lines[0].starts_with(&format!(
            "failed {d}/big.txt: document is larger than the limit of 100 bytes"
        )),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(&format!("failed {d}/feed.jsonl:1: document is larger")),
        "{}",
        lines[1]
    );
    assert_eq!(
        lines[2],
        format!("doc {d}/feed.jsonl:2 [feed.jsonl:2] Text")
    );
    assert_eq!(lines[3], format!("doc {d}/fits.txt [fits.txt] Text"));
}

/// A WARC record with `declared` as its Content-Length (the true length when `None`).
fn warc_record(kind: &str, content_type: &str, block: &[u8], declared: Option<usize>) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}>\r\n\
         WARC-Date: 2024-05-01T12:00:00Z\r\nWARC-Target-URI: https://news.example/{kind}\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        declared.unwrap_or(block.len())
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    record
}

fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut response = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    response.extend_from_slice(body);
    response
}

const PAGE: &[u8] =
    b"<html><head><title>Rates</title></head><body><p>Rates rose.</p></body></html>";
const HTTP_TYPE: &str = "application/http; msgtype=response";

/// warcinfo, request, HTML response, metadata, image response, 404 page.
fn sample_records() -> Vec<Vec<u8>> {
    vec![
        warc_record(
            "warcinfo",
            "application/warc-fields",
            b"software: test\r\n",
            None,
        ),
        warc_record(
            "request",
            "application/http; msgtype=request",
            b"GET /story HTTP/1.1\r\nHost: news.example\r\n\r\n",
            None,
        ),
        warc_record(
            "response",
            HTTP_TYPE,
            &http(
                "200 OK",
                "Content-Type: text/html; charset=utf-8\r\nServer: x\r\n",
                PAGE,
            ),
            None,
        ),
        warc_record("metadata", "application/warc-fields", b"via: x\r\n", None),
        warc_record(
            "response",
            HTTP_TYPE,
            &http("200 OK", "Content-Type: image/png\r\n", b"\x89PNG"),
            None,
        ),
        warc_record(
            "response",
            HTTP_TYPE,
            &http(
                "404 Not Found",
                "Content-Type: text/html\r\n",
                b"<p>gone</p>",
            ),
            None,
        ),
    ]
}

fn check_sample(events: &[Event], path: &Path) {
    let p = show(path);
    let name = path.file_name().unwrap().to_string_lossy();
    assert_eq!(
        describe(events),
        vec![
            format!("record {p}#1: WARC-Type: warcinfo"),
            format!("record {p}#2: WARC-Type: request"),
            format!("doc {p}#3 [{name}#3] Html"),
            format!("record {p}#4: WARC-Type: metadata"),
            format!("record {p}#5: content type image/png"),
            format!("record {p}#6: HTTP status 404"),
        ]
    );
    let doc = docs(events)[0];
    assert_eq!(doc.bytes, PAGE, "the HTTP header must be stripped");
    assert_eq!(
        doc.hints.url.as_deref(),
        Some("https://news.example/response")
    );
    assert_eq!(doc.hints.date.as_deref(), Some("2024-05-01T12:00:00Z"));
}

#[test]
fn warc_keeps_html_responses_and_counts_other_records_as_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("crawl.warc");
    write(&plain, &sample_records().concat());
    check_sample(&read_all(&[&plain], Limits::default()), &plain);

    // As crawlers write it: one gzip member per record.
    let per_record = dir.path().join("crawl.warc.gz");
    let members: Vec<u8> = sample_records().iter().flat_map(|r| gzip(r)).collect();
    write(&per_record, &members);
    check_sample(&read_all(&[&per_record], Limits::default()), &per_record);

    // Some tools gzip the whole file as one member.
    let one_member = dir.path().join("whole.warc.gz");
    write(&one_member, &gzip(&sample_records().concat()));
    check_sample(&read_all(&[&one_member], Limits::default()), &one_member);
}

#[test]
fn warc_undoes_chunked_transfer_and_gzip_content_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let squeezed = gzip(PAGE);
    let (head, tail) = squeezed.split_at(10);
    let mut chunked = format!("{:x}\r\n", head.len()).into_bytes();
    chunked.extend_from_slice(head);
    chunked.extend_from_slice(format!("\r\n{:X};name=x\r\n", tail.len()).as_bytes());
    chunked.extend_from_slice(tail);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let headers =
        "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n";
    let path = dir.path().join("encoded.warc");
    write(
        &path,
        &warc_record(
            "response",
            HTTP_TYPE,
            &http("200 OK", headers, &chunked),
            None,
        ),
    );

    let events = read_all(&[&path], Limits::default());
    let found = docs(&events);
    assert_eq!(found.len(), 1, "{:?}", describe(&events));
    assert_eq!(found[0].bytes, PAGE);
}

#[test]
fn warc_takes_a_dechunked_body_as_it_is_and_keeps_a_cut_chunk() {
    let dir = tempfile::tempdir().unwrap();
    let headers = "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n";
    // The writer already removed the chunking but kept the header (the body starts with a blank
    // line, which must not read as a final zero-size chunk).
    let dechunked = http("200 OK", headers, b"\r\n<p>kept</p>");
    // The crawler cut the capture inside the second chunk.
    let cut = http("200 OK", headers, b"5\r\n<p>ab\r\n20\r\ncd</p>");
    let path = dir.path().join("chunks.warc");
    let records = [
        warc_record("response", HTTP_TYPE, &dechunked, None),
        warc_record("response", HTTP_TYPE, &cut, None),
    ];
    write(&path, &records.concat());

    let events = read_all(&[&path], Limits::default());
    let found = docs(&events);
    assert_eq!(found.len(), 2, "{:?}", describe(&events));
    assert_eq!(found[0].bytes, b"\r\n<p>kept</p>");
    assert_eq!(found[1].bytes, b"<p>abcd</p>");
}

#[test]
fn warc_record_over_the_limit_is_refused_and_the_next_one_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = http("200 OK", "Content-Type: text/html\r\n", &[b'x'; 5000]);
    let small = http("200 OK", "Content-Type: text/html\r\n", b"<p>small</p>");
    let path = dir.path().join("big.warc.gz");
    let members = [
        warc_record("response", HTTP_TYPE, &big, None),
        warc_record("response", HTTP_TYPE, &small, None),
    ];
    write(
        &path,
        &members.iter().flat_map(|r| gzip(r)).collect::<Vec<u8>>(),
    );

    let events = read_all(
        &[&path],
        Limits {
            max_doc_bytes: 1000,
        },
    );
    let lines = describe(&events);
    let p = show(&path);
    assert!(
        lines[0].starts_with(&format!(
            "failed {p}#1: document is larger than the limit of 1000 bytes"
        )),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1], format!("doc {p}#2 [big.warc.gz#2] Html"));
    assert_eq!(docs(&events)[0].bytes, b"<p>small</p>");
}

#[test]
fn warc_record_with_a_lying_content_length_is_reported_and_reading_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let page = http("200 OK", "Content-Type: text/html\r\n", b"<p>honest</p>");
    let honest = warc_record("response", HTTP_TYPE, &page, None);
    let too_long = warc_record("response", HTTP_TYPE, &page, Some(page.len() + 500));
    let too_short = warc_record("response", HTTP_TYPE, &page, Some(page.len() - 5));

    // Gzipped, one member per record: the liar costs only its own member.
    let gz = dir.path().join("liar.warc.gz");
    let records = [&honest, &too_long, &honest, &too_short, &honest];
    write(
        &gz,
        &records.iter().flat_map(|r| gzip(r)).collect::<Vec<u8>>(),
    );
    let lines = describe(&read_all(&[&gz], Limits::default()));
    let p = show(&gz);
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert_eq!(lines[0], format!("doc {p}#1 [liar.warc.gz#1] Html"));
    let member = |n: usize| records[..n].iter().map(|r| gzip(r).len()).sum::<usize>();
    assert!(
        lines[1].starts_with(&format!(
        "failed {p}#2: invalid WARC record in the gzip member at byte {}: record is shorter than \
         its Content-Length: it declares {} bytes",
        member(1),
        page.len() + 500
    )),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2], format!("doc {p}#3 [liar.warc.gz#3] Html"));
    assert!(
        lines[3].starts_with(&format!(
            "failed {p}#4: invalid WARC record in the gzip member at byte {}: record does not end \
         where its Content-Length of {} bytes says",
            member(3),
            page.len() - 5
        )),
        "{}",
        lines[3]
    );
    assert_eq!(lines[4], format!("doc {p}#5 [liar.warc.gz#5] Html"));

    // One gzip member for the whole file: reading picks up at the next version line inside it.
    let whole = dir.path().join("whole.warc.gz");
    write(
        &whole,
        &gzip(&[honest.clone(), too_short.clone(), honest.clone()].concat()),
    );
    let lines = describe(&read_all(&[&whole], Limits::default()));
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(
        lines[1].contains(&format!(
            "#2: invalid WARC record at byte {} of the gzip member at byte 0: record does not end",
            honest.len()
        )),
        "{}",
        lines[1]
    );
    assert_eq!(
        lines[2],
        format!("doc {}#3 [whole.warc.gz#3] Html", show(&whole))
    );

    // Plain: a record that declares too little is left at the next version line.
    let plain = dir.path().join("liar.warc");
    write(
        &plain,
        &[honest.clone(), too_short.clone(), honest.clone()].concat(),
    );
    let lines = describe(&read_all(&[&plain], Limits::default()));
    let p = show(&plain);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0], format!("doc {p}#1 [liar.warc#1] Html"));
    assert!(
        lines[1].starts_with(&format!(
            "failed {p}#2: invalid WARC record at byte {}: record does not end",
            honest.len()
        )),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2], format!("doc {p}#3 [liar.warc#3] Html"));

    // Plain: the last record claims more than the file holds; the earlier one is kept.
    let cut = dir.path().join("cut.warc");
    write(&cut, &[honest.clone(), too_long.clone()].concat());
    let lines = describe(&read_all(&[&cut], Limits::default()));
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("doc "), "{}", lines[0]);
    assert!(
        lines[1].contains(&format!(
            "#2: invalid WARC record at byte {}: record is shorter than its Content-Length",
            honest.len()
        )),
        "{}",
        lines[1]
    );
}

#[test]
fn a_plain_warc_record_claiming_too_much_does_not_take_the_next_records_along() {
    let dir = tempfile::tempdir().unwrap();
    let page = http("200 OK", "Content-Type: text/html\r\n", b"<p>honest</p>");
    let honest = warc_record("response", HTTP_TYPE, &page, None);
    let into_next = warc_record("response", HTTP_TYPE, &page, Some(page.len() + 100));
    let past_end = warc_record("response", HTTP_TYPE, &page, Some(1 << 30));
    let path = dir.path().join("greedy.warc");
    let records = [&honest, &into_next, &honest, &past_end, &honest, &honest];
    write(
        &path,
        &records
            .iter()
            .copied()
            .flatten()
            .copied()
            .collect::<Vec<u8>>(),
    );
    let lines = describe(&read_all(&[&path], Limits::default()));
    let p = show(&path);
    let at = |n: usize| records[..n].iter().map(|r| r.len()).sum::<usize>();
    assert_eq!(lines.len(), 6, "{lines:?}");
    for n in [1, 3, 5, 6] {
        assert_eq!(lines[n - 1], format!("doc {p}#{n} [greedy.warc#{n}] Html"));
    }
    assert!(
        lines[1].starts_with(&format!(
            "failed {p}#2: invalid WARC record at byte {}: record does not end",
            at(1)
        )),
        "{}",
        lines[1]
    );
    assert!(
        lines[3].starts_with(&format!(
            "failed {p}#4: invalid WARC record at byte {}: record is shorter than its \
             Content-Length: it declares 1073741824 bytes",
            at(3)
        )),
        "{}",
        lines[3]
    );
}

#[test]
fn fake_records_cannot_make_the_search_for_the_next_record_quadratic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fakes.warc");
    // Each fake claims to run past the end of the file, and the next starts inside it.
    let fake = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999\r\n\r\n";
    let count = 20_000;
    write(&path, &fake.repeat(count));
    let started = std::time::Instant::now();
    let events = read_all(&[&path], Limits::default());
    assert!(events.iter().all(|e| matches!(e, Event::Failed { .. })));
    // Going back to each fake would read 20,000 times 1.3 MB; the budget allows the file four
    // times over, so a handful of fakes are reported and the rest is read past.
    assert!(events.len() < 10, "{} events", events.len());
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
}

#[test]
fn garbage_named_warc_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("junk.warc");
    write(&path, b"this is not a warc file\nat all\n");
    let bad_length = dir.path().join("nolength.warc");
    write(
        &bad_length,
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\n",
    );
    let lines = describe(&read_all(&[&path, &bad_length], Limits::default()));
    assert_eq!(
        lines,
        vec![
            format!(
                "failed {}#1: invalid WARC record at byte 0: expected a WARC/1.x version line, found \"this is not a warc file\\n\"; skipped, reading goes on at the next record",
                show(&path)
            ),
            format!(
                "failed {}#1: invalid WARC record at byte 0: Content-Length \"lots\" is not a number; skipped, reading goes on at the next record",
                show(&bad_length)
            ),
        ]
    );
}

#[test]
fn an_unreadable_file_is_reported_and_the_walk_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked.html");
    write(&locked, b"<p>secret</p>");
    write(&dir.path().join("open.html"), b"<p>open</p>");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::File::open(&locked).is_ok() {
        eprintln!(
            "skipping the unreadable-file case: running with rights that ignore chmod 000 (root)"
        );
        return;
    }
    let lines = describe(&read_all(&[dir.path()], Limits::default()));
    assert!(
        lines[0].starts_with(&format!(
            "failed {}: cannot read: Permission denied",
            show(&locked)
        )),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines[1],
        format!("doc {}/open.html [open.html] Html", show(dir.path()))
    );
}

#[test]
fn the_reader_can_move_to_another_thread() {
    fn assert_send<T: Send>(_: &T) {}
    let reader = read(&[], Limits::default());
    assert_send(&reader);
    assert_eq!(
        std::thread::spawn(move || reader.count()).join().unwrap(),
        0
    );
}

#[test]
fn a_cnn_lite_article_reads_as_text_with_its_hints() {
    let folder =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/cnn-lite-2026/articles");
    let Ok(entries) = fs::read_dir(&folder) else {
        eprintln!("skipping: {} is absent", folder.display());
        return;
    };
    let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    names.sort();
    let Some(first) = names.first() else {
        eprintln!("skipping: {} is empty", folder.display());
        return;
    };
    let events = read_all(&[first], Limits::default());
    let found = docs(&events);
    assert_eq!(found.len(), 1, "{:?}", describe(&events));
    let doc = found[0];
    // Compared with the file itself, parsed independently.
    let raw: serde_json::Value = serde_json::from_slice(&fs::read(first).unwrap()).unwrap();
    assert_eq!(doc.kind, Kind::Text);
    assert_eq!(doc.bytes, raw["text"].as_str().unwrap().as_bytes());
    assert_eq!(doc.hints.url.as_deref(), raw["url"].as_str());
    assert_eq!(doc.hints.title.as_deref(), raw["title"].as_str());
    assert_eq!(doc.hints.date.as_deref(), raw["date"].as_str());
    assert!(!doc.hints.authors.is_empty());

    // The whole folder reads without a single failure.
    let events = read_all(&[&folder], Limits::default());
    let failures: Vec<String> = describe(&events)
        .into_iter()
        .filter(|l| !l.starts_with("doc"))
        .collect();
    assert!(failures.is_empty(), "{failures:?}");
    assert_eq!(events.len(), names.len());
}

/// Throughput on a real archive: `NEWSDEX_INGEST_BENCH=path[:path...] cargo test --release --lib
/// ingest::tests::throughput -- --ignored --nocapture`. Fails if any record fails.
#[test]
#[ignore = "measures speed on an archive named by NEWSDEX_INGEST_BENCH"]
fn throughput() {
    let Ok(list) = std::env::var("NEWSDEX_INGEST_BENCH") else {
        eprintln!("skipping: NEWSDEX_INGEST_BENCH is not set");
        return;
    };
    let paths: Vec<PathBuf> = std::env::split_paths(&list).collect();
    let start = std::time::Instant::now();
    let (mut docs, mut bytes, mut skipped, mut failed) = (0u64, 0u64, 0u64, Vec::new());
    for event in read(&paths, Limits::default()) {
        match event {
            Event::Doc(doc) => {
                docs += 1;
                bytes += doc.bytes.len() as u64;
            }
            Event::Skipped { .. } | Event::SkippedRecord { .. } => skipped += 1,
            Event::Failed { source, error } => failed.push(format!("{source}: {error}")),
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let peak = fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(str::to_string)
        })
        .unwrap_or_default();
    eprintln!(
        "{docs} docs ({:.1} MB), {skipped} skipped, {} failed in {secs:.2} s: {:.0} docs/s, {:.0} MB/s; {peak}",
        bytes as f64 / 1e6,
        failed.len(),
        docs as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
    assert!(failed.is_empty(), "{:?}", &failed[..failed.len().min(5)]);
    assert!(docs > 0);
}

#[test]
fn the_seed_page_reads_as_one_text_document() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let seed = seeds.join("000_94247b07ada20bb3.txt");
    let Ok(expected) = fs::read(&seed) else {
        eprintln!("skipping: {} is absent", seed.display());
        return;
    };
    let events = read_all(&[&seeds], Limits::default());
    let seed_docs: Vec<&RawDoc> = docs(&events)
        .into_iter()
        .filter(|doc| doc.rel_path == "000_94247b07ada20bb3.txt")
        .collect();
    assert_eq!(seed_docs.len(), 1, "{:?}", describe(&events));
    assert_eq!(seed_docs[0].kind, Kind::Text);
    assert_eq!(seed_docs[0].source, show(&seed));
    assert_eq!(seed_docs[0].bytes, expected);
    assert_eq!(seed_docs[0].hints, Hints::default());
}

#[test]
fn damaged_archives_never_stop_or_panic_the_stream() {
    let dir = tempfile::tempdir().unwrap();
    let warc = sample_records().concat();
    let jsonl =
        b"{\"title\": \"a\", \"text\": \"x\"}\n{\"html\": \"<p>b</p>\", \"authors\": [\"c\"]}\n";
    // A fixed pseudo-random sequence, so a failure can be replayed.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..150 {
        for (name, original) in [("w.warc", &warc[..]), ("j.jsonl", &jsonl[..])] {
            let mut bytes = original.to_vec();
            for _ in 0..1 + next() % 8 {
                let at = (next() % bytes.len() as u64) as usize;
                bytes[at] = next() as u8;
            }
            bytes.truncate(bytes.len() - (next() % 3 * (next() % bytes.len() as u64 / 2)) as usize);
            let sub = dir.path().join(round.to_string());
            write(&sub.join(name), &bytes);
            write(&sub.join(format!("{name}.gz")), &gzip(&bytes));
            let mut squeezed = gzip(&bytes);
            squeezed.truncate(squeezed.len() * 2 / 3);
            write(&sub.join(format!("cut.{name}.gz")), &squeezed);
        }
        write(&dir.path().join(round.to_string()).join("z.txt"), b"last");
    }
    let events = read_all(
        &[dir.path()],
        Limits {
            max_doc_bytes: 4096,
        },
    );
    let last_files = events
        .iter()
        .filter(|e| matches!(e, Event::Doc(doc) if doc.rel_path.ends_with("z.txt")))
        .count();
    assert_eq!(last_files, 150, "every folder is read to its end");
    let warc_docs = docs(&events)
        .iter()
        .filter(|d| d.source.contains(".warc"))
        .count();
    let failures = events
        .iter()
        .filter(|e| matches!(e, Event::Failed { .. }))
        .count();
    assert!(
        warc_docs > 0 && failures > 0,
        "{warc_docs} WARC docs, {failures} failures"
    );
}

#[test]
fn a_stream_reads_like_the_file_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let records = sample_records().concat();
    let jsonl = b"{\"title\": \"a\", \"text\": \"x\"}\n{\"broken\": \n{\"html\": \"<p>b</p>\"}\n";
    for (name, bytes) in [
        ("crawl.warc", records.clone()),
        ("crawl.warc.gz", gzip(&records)),
        ("feed.jsonl", jsonl.to_vec()),
        ("page.html.gz", gzip(PAGE)),
        ("notes.csv", b"a,b".to_vec()),
    ] {
        let path = dir.path().join(name);
        write(&path, &bytes);
        let from_file = describe(&read_all(&[&path], Limits::default()));
        let events: Vec<Event> =
            read_stream(&show(&path), std::io::Cursor::new(bytes), Limits::default()).collect();
        assert_eq!(describe(&events), from_file, "{name}");
    }
}

#[test]
fn a_damaged_gzip_member_costs_only_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let page = |n: usize| {
        let body: String = (0..400)
            .map(|i| format!("<p>story {n} line {i}</p>"))
            .collect();
        warc_record(
            "response",
            HTTP_TYPE,
            &http("200 OK", "Content-Type: text/html\r\n", body.as_bytes()),
            None,
        )
    };
    let members: Vec<Vec<u8>> = (1..=4).map(|n| gzip(&page(n))).collect();
    let start = |n: usize| members[..n].iter().map(Vec::len).sum::<usize>();

    // Member 2 has its deflate data overwritten; member 3 is cut in the middle.
    let mut damaged = members.clone();
    let middle = damaged[1].len() / 2;
    damaged[1][middle..middle + 40].fill(0xff);
    let cut = damaged[2].len() / 2;
    damaged[2].truncate(cut);
    let path = dir.path().join("crawl.warc.gz");
    write(&path, &damaged.concat());

    let events = read_all(&[&path], Limits::default());
    let lines = describe(&events);
    let p = show(&path);
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert_eq!(lines[0], format!("doc {p}#1 [crawl.warc.gz#1] Html"));
    assert!(
        lines[1].starts_with(&format!(
            "failed {p}#2: damaged gzip member at byte {}",
            start(1)
        )),
        "{}",
        lines[1]
    );
    // The cut member runs into the next one; the damage is still found at its start.
    assert!(
        lines[2].starts_with(&format!(
            "failed {p}#3: damaged gzip member at byte {}",
            start(1) + damaged[1].len()
        )),
        "{}",
        lines[2]
    );
    assert_eq!(lines[3], format!("doc {p}#4 [crawl.warc.gz#4] Html"));
    let last = docs(&events)[1];
    assert!(String::from_utf8_lossy(&last.bytes).contains("story 4 line 399"));
}

#[test]
fn the_same_relative_path_under_two_roots_gives_two_documents_and_one_file_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    write(&a.join("2024/page.txt"), b"from a");
    write(&b.join("2024/page.txt"), b"from b");
    write(&b.join("only.txt"), b"only b");

    // b twice, and a file of a named again on its own: each distinct file once.
    let again = a.join("2024/page.txt");
    let events = read_all(&[&a, &b, &b, &again], Limits::default());
    let rels: Vec<(String, Vec<u8>)> = docs(&events)
        .iter()
        .map(|d| (d.rel_path.clone(), d.bytes.clone()))
        .collect();
    let b_root = show(&b).trim_start_matches('/').to_string();
    assert_eq!(
        rels,
        vec![
            ("2024/page.txt".to_string(), b"from a".to_vec()),
            (format!("{b_root}/2024/page.txt"), b"from b".to_vec()),
            ("only.txt".to_string(), b"only b".to_vec()),
        ]
    );
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_stay_distinct() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    // Latin-1 "café" and "cafë": the same text once invalid bytes are replaced.
    for (name, text) in [(&b"caf\xe9.txt"[..], "one"), (&b"caf\xeb.txt"[..], "two")] {
        let path = dir.path().join(std::ffi::OsStr::from_bytes(name));
        if std::fs::write(&path, text).is_err() {
            eprintln!("skipped: this file system refuses names that are not UTF-8");
            return;
        }
    }
    let events = read_all(&[dir.path()], Limits::default());
    let rels: Vec<&str> = docs(&events).iter().map(|d| d.rel_path.as_str()).collect();
    assert_eq!(rels, vec!["caf\\xE9.txt", "caf\\xEB.txt"]);
}

#[test]
fn reading_ahead_on_helper_threads_keeps_the_walk_order_and_every_event() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        let page = format!("<html><p>page {i}</p></html>");
        match i % 5 {
            0 => write(
                &dir.path().join(format!("p{i:02}.html.gz")),
                &gzip(page.as_bytes()),
            ),
            1 => write(
                &dir.path().join(format!("p{i:02}.html.gz")),
                b"not gzip at all",
            ),
            2 => write(&dir.path().join(format!("p{i:02}.txt")), b"wire copy"),
            3 => write(
                &dir.path().join(format!("p{i:02}.jsonl")),
                b"{\"text\":\"one\"}\n{\"text\":\"two\"}\n",
            ),
            _ => write(&dir.path().join(format!("p{i:02}.png")), b"\x89PNG"),
        }
    }
    let paths = vec![dir.path().to_path_buf()];
    let limits = Limits { max_doc_bytes: 100 };
    let alone: Vec<Event> = read(&paths, limits).collect();
    for threads in [1, 3] {
        let ahead: Vec<Event> = read(&paths, limits).read_ahead(threads).collect();
        assert_eq!(
            describe(&ahead),
            describe(&alone),
            "{threads} helper threads"
        );
    }
    assert_eq!(alone.len(), 48, "40 files, 8 of them with two records");
}
