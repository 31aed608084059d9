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
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let [indexed, _, _, _, failed] = summary(&run.stdout);
        assert_eq!((indexed, failed), (1, 1), "{}", run.stdout);
        let line = run
            .stderr
            .lines()
            .find(|l| l.contains("bomb.html.gz"))
            .unwrap_or_else(|| panic!("the bomb is not named: {}", run.stderr));
        assert!(line.contains(bomb.to_str().unwrap()), "{line}");
        assert!(line.contains(limit), "{line}");
        assert!(line.contains("raise it with --max-doc-size"), "{line}");
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
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let [indexed, _, _, _, failed] = summary(&run.stdout);
    assert_eq!((indexed, failed), (1, 1), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("big.html: document is larger than the limit of 67108864 bytes"),
        "{}",
        run.stderr
    );
    // Refused by its size on disk, before a byte of it is read.
    assert!(
        run.peak_rss_mib < baseline + 20,
        "peak {} MiB (baseline {baseline} MiB)",
        run.peak_rss_mib
    );
}
