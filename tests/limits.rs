//! Limits a hostile archive cannot get past: each case runs the real `newsdex index` and bounds
//! its peak memory, and the good documents beside the hostile one are still indexed.

mod common;

use common::*;
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::Path;

const GOOD: &str = "<html><head><title>Harbour reopens in Rotterdam</title></head><body><article>\
<p>The port of Rotterdam reopened on Monday after a three-day strike by dock workers ended.</p>\
<p>Shipping lines said the backlog of containers would take a week to clear.</p></article></body></html>";

/// Peak memory of indexing a couple of small pages, for comparison.
fn baseline_rss_mib() -> u64 {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("good.html"), GOOD).unwrap();
    let run = index(&docs, &tmp.path().join("index"), &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    run.peak_rss_mib
}

fn index(docs: &Path, idx: &Path, extra: &[&str]) -> Measured {
    let mut args = vec![
        "index",
        docs.to_str().unwrap(),
        "--index",
        idx.to_str().unwrap(),
        "--quiet",
    ];
    args.extend_from_slice(extra);
    run_measured(&args)
}

/// Writes `dir/good.html`, which every run must still index beside the hostile file.
fn with_good_page(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("good.html"), GOOD).unwrap();
}

#[test]
fn a_gzip_bomb_is_refused_at_the_limit_with_the_file_and_how_to_raise_it() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    with_good_page(&docs);
    // 1 GiB of zeros, compressed as it is produced: never held in memory here either.
    let bomb = docs.join("bomb.html.gz");
    let mut encoder = GzEncoder::new(std::fs::File::create(&bomb).unwrap(), Compression::fast());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..1024 {
        encoder.write_all(&zeros).unwrap();
    }
    encoder.finish().unwrap();
    let compressed = std::fs::metadata(&bomb).unwrap().len();
    assert!(compressed < 10 << 20, "the bomb is {compressed} bytes");

    let baseline = baseline_rss_mib();
    for (extra, limit) in [
        (&[][..], "67108864 bytes (64 MiB)"),
        (&["--max-doc-size", "8"][..], "8388608 bytes (8 MiB)"),
    ] {
        let run = index(
            &docs,
            &tmp.path().join(format!("index{}", extra.len())),
            extra,
        );
        let [indexed, _, _, _, failed] = summary(&run.stdout);
        assert_eq!(run.code, Some(exit_status(failed)), "{}", run.stderr);
        assert_eq!((indexed, failed), (1, 1), "{}", run.stdout);
        let line = run
            .stderr
            .lines()
            .find(|l| l.contains("bomb.html.gz"))
            .unwrap_or_else(|| panic!("the bomb is not named: {}", run.stderr));
        assert!(line.contains(bomb.to_str().unwrap()), "{line}");
        assert!(line.contains(limit), "{line}");
        assert!(line.contains("raise it with --max-doc-size"), "{line}");
        eprintln!("gzip bomb {extra:?}: peak {} MiB", run.peak_rss_mib);
        // Inflating the bomb would take a GiB; stopping at the limit takes the limit at most.
        assert!(
            run.peak_rss_mib < baseline + 64 + 100,
            "peak {} MiB (baseline {baseline} MiB)",
            run.peak_rss_mib
        );
    }
}

#[test]
fn a_200_mb_page_is_refused_unread_or_indexed_in_bounded_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    with_good_page(&docs);
    let big = docs.join("big.html");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
    file.write_all(b"<html><head><title>Council minutes</title></head><body><article>")
        .unwrap();
    let paragraph = b"<p>The council met on Monday and agreed the budget for the harbour, \
        the schools and the roads of the district, after a long debate.</p>\n";
    let mut written = 0;
    while written < 200 << 20 {
        file.write_all(paragraph).unwrap();
        written += paragraph.len();
    }
    file.write_all(b"</article></body></html>").unwrap();
    file.flush().unwrap();
    drop(file);

    let baseline = baseline_rss_mib();
    let run = index(&docs, &tmp.path().join("index"), &[]);
    let [indexed, _, _, _, failed] = summary(&run.stdout);
    assert_eq!(run.code, Some(exit_status(failed)), "{}", run.stderr);
    assert_eq!((indexed, failed), (1, 1), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("big.html: document is larger than the limit of 67108864 bytes"),
        "{}",
        run.stderr
    );
    eprintln!("200 MB page: peak {} MiB", run.peak_rss_mib);
    // Refused by its size on disk, before a byte of it is read.
    assert!(
        run.peak_rss_mib < baseline + 20,
        "peak {} MiB (baseline {baseline} MiB)",
        run.peak_rss_mib
    );
}

#[test]
fn a_page_nested_a_million_levels_deep_is_indexed_without_overflow() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    with_good_page(&docs);
    let levels = 1_000_000;
    let mut page = String::with_capacity(levels * 11 + 500);
    page.push_str("<html><head><title>Trams</title></head><body>");
    for _ in 0..levels / 2 {
        page.push_str("<div><span>");
    }
    page.push_str(
        "<p>Lisbon will replace its oldest trams next year, the city council said on Friday, \
         after a decade of breakdowns on the steep routes of the historic centre.</p>",
    );
    for _ in 0..levels / 2 {
        page.push_str("</span></div>");
    }
    page.push_str("</body></html>");
    std::fs::write(docs.join("deep.html"), &page).unwrap();
    // Unclosed, as a broken generator writes them: the parser must not recurse on them either.
    std::fs::write(
        docs.join("unclosed.html"),
        format!(
            "<html><body><p>Porto will buy new ferries for the Douro crossing, the mayor said \
             on Tuesday, after two breakdowns this winter.</p>{}</body></html>",
            "<b><i><table><tr><td>".repeat(levels / 5)
        ),
    )
    .unwrap();

    let baseline = baseline_rss_mib();
    let run = index(&docs, &tmp.path().join("index"), &[]);
    let [indexed, _, _, _, failed] = summary(&run.stdout);
    assert_eq!(run.code, Some(exit_status(failed)), "{}", run.stderr);
    assert_eq!((indexed, failed), (3, 0), "{} {}", run.stdout, run.stderr);
    eprintln!("deep pages: peak {} MiB", run.peak_rss_mib);
    assert!(
        run.peak_rss_mib < baseline + 200,
        "peak {} MiB (baseline {baseline} MiB)",
        run.peak_rss_mib
    );
    let idx = tmp.path().join("index");
    assert_eq!(search_json(&idx, &["trams", "--section", "body"]).len(), 1);
    assert_eq!(
        search_json(&idx, &["ferries", "--section", "body"]).len(),
        1
    );
}

#[test]
fn hostile_pages_cost_time_and_memory_in_proportion_to_their_size() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    with_good_page(&docs);
    const SIZE: usize = 8 << 20;
    let page = |inner: &str| {
        format!(
            "<html><head><title>Trams</title></head><body><p>Lisbon will replace its oldest \
             trams next year, the city council said on Friday, after a decade of \
             breakdowns.</p>{inner}</body></html>"
        )
    };
    let write = |name: &str, text: String| std::fs::write(docs.join(name), text).unwrap();
    // Each once made the parser or the recognizer quadratic, or its memory 20 to 100 times the
    // page: millions of nodes, a tag with thousands of attributes, megabytes of names.
    write("siblings.html", page(&"<i></i>".repeat(SIZE / 7)));
    write("comments.html", page(&"x<!---->".repeat(SIZE / 8)));
    write("bogus.html", page(&"x<?>".repeat(SIZE / 4)));
    let attributes: String = (0..20_000).map(|i| format!(" a{i}=1")).collect();
    write(
        "attributes.html",
        page(&format!("<i{attributes}>t</i>").repeat(40)),
    );
    let names = [
        "Aleppo",
        "Lisbon",
        "Moscow",
        "Sergei Lavrov",
        "Angela Merkel",
    ];
    let list = |sep: &str| -> String {
        let mut text = String::from("Names\n\n");
        let mut i = 0usize;
        while text.len() < SIZE {
            // A fixed scramble, so that runs of names differ.
            i = (i * 7 + 3) % 101;
            text.push_str(names[i % names.len()]);
            text.push_str(sep);
        }
        text
    };
    // A megabyte title over two thousand paragraphs: every passage repeats its article's title.
    let paragraph = "<p>The council met on Monday and agreed the budget for the harbour, the \
                     schools and the roads of the district, after a long debate.</p>";
    write(
        "title.html",
        format!(
            "<html><head><title>{}</title></head><body><article>{}</article></body></html>",
            "Word ".repeat(200_000),
            paragraph.repeat(2000)
        ),
    );
    write("capitalised.txt", list(" "));
    write("said.txt", list(" said. "));
    write("listed.txt", list(", "));

    let started = std::time::Instant::now();
    let baseline = baseline_rss_mib();
    let run = index(&docs, &tmp.path().join("index"), &["--threads", "1"]);
    let took = started.elapsed();
    let [indexed, _, _, _, failed] = summary(&run.stdout);
    assert_eq!(run.code, Some(exit_status(failed)), "{}", run.stderr);
    // A page of markup with one short paragraph may be judged to hold no article: then it is
    // reported, not indexed.
    assert_eq!(indexed + failed, 9, "{} {}", run.stdout, run.stderr);
    assert!(
        failed == 0 || (failed == 1 && run.stderr.contains("siblings.html: no text found")),
        "{}",
        run.stderr
    );
    eprintln!(
        "hostile pages: {took:?}, peak {} MiB (baseline {baseline} MiB)",
        run.peak_rss_mib
    );
    // Seven 8 MiB pages and the titled one: seconds and a few hundred MiB; before, hours and
    // gigabytes.
    assert!(
        run.peak_rss_mib < baseline + 500,
        "peak {} MiB (baseline {baseline} MiB)",
        run.peak_rss_mib
    );
    assert!(took.as_secs() < 120, "took {took:?}");
}

/// A WARC record of an HTML page on `site`; `declared` replaces the true Content-Length.
fn warc_record(site: &str, n: usize, declared: Option<&str>) -> Vec<u8> {
    let html = format!(
        "<html><head><title>Ferry {n}</title></head><body><article><p>The ferry number {n} \
         to the islands left on time on Monday, the harbour master said.</p></article></body>\
         </html>"
    );
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}");
    let length = declared.map_or(block.len().to_string(), str::to_string);
    let mut record = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://{site}/ferry/{n}\r\n\
         WARC-Date: 2024-05-0{n}T12:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {length}\r\n\r\n"
    )
    .into_bytes();
    record.extend_from_slice(block.as_bytes());
    record.extend_from_slice(b"\r\n\r\n");
    record
}

#[test]
fn warc_records_that_lie_about_their_length_are_reported_with_offset_and_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    // Too long, too short, not a number, negative; an honest record before and after each.
    let lies = [Some("99999"), Some("20"), Some("lots"), Some("-5")];
    let records = |site: &str| -> Vec<Vec<u8>> {
        (1..=9)
            .map(|n| warc_record(site, n, (n % 2 == 0).then(|| lies[n / 2 - 1]).flatten()))
            .collect()
    };
    let starts = |records: &[Vec<u8>]| -> Vec<usize> {
        let mut at = 0;
        records
            .iter()
            .map(|r| {
                at += r.len();
                at - r.len()
            })
            .collect()
    };
    let plain = docs.join("crawl.warc");
    let plain_records = records("plain.example");
    std::fs::write(&plain, plain_records.concat()).unwrap();
    // As crawlers write .warc.gz: a gzip member per record.
    let gz = docs.join("crawl.warc.gz");
    let members: Vec<Vec<u8>> = records("gz.example")
        .iter()
        .map(|r| {
            let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
            encoder.write_all(r).unwrap();
            encoder.finish().unwrap()
        })
        .collect();
    std::fs::write(&gz, members.concat()).unwrap();

    let run = index(&docs, &tmp.path().join("index"), &[]);
    let [indexed, _, _, _, failed] = summary(&run.stdout);
    assert_eq!(run.code, Some(exit_status(failed)), "{}", run.stderr);
    assert_eq!(failed, 8, "{}", run.stderr);
    // Every honest record of both files, the ones right after a liar too.
    assert_eq!(indexed, 5 + 5, "{} {}", run.stdout, run.stderr);
    let line = |file: &Path, record: usize| {
        let source = format!("{}#{record}:", file.display());
        run.stderr
            .lines()
            .find(|l| l.contains(&source))
            .unwrap_or_else(|| panic!("no message for {source}: {}", run.stderr))
            .to_string()
    };
    let (plain_at, gz_at) = (starts(&plain_records), starts(&members));
    for (record, says) in [
        (
            2,
            "shorter than its Content-Length: it declares 99999 bytes",
        ),
        (4, "does not end where its Content-Length of 20 bytes says"),
        (6, "Content-Length \"lots\" is not a number"),
        (8, "Content-Length \"-5\" is not a number"),
    ] {
        for (file, at) in [
            (&plain, format!("at byte {}", plain_at[record - 1])),
            (
                &gz,
                format!("in the gzip member at byte {}", gz_at[record - 1]),
            ),
        ] {
            let l = line(file, record);
            assert!(l.contains(&at) && l.contains(says), "{l}");
            assert!(l.contains("skipped, reading goes on"), "{l}");
        }
    }
    let idx = tmp.path().join("index");
    let hits = search_json(&idx, &["ferry", "--section", "body", "--limit", "100"]);
    let mut urls: Vec<String> = hits
        .iter()
        .map(|h| h["url"].as_str().unwrap().to_string())
        .collect();
    urls.sort();
    let want: Vec<String> = ["gz.example", "plain.example"]
        .iter()
        .flat_map(|site| [1, 3, 5, 7, 9].map(|n| format!("https://{site}/ferry/{n}")))
        .collect();
    assert_eq!(urls, want, "every honest record is searchable");
}
