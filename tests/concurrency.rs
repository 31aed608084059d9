//! Concurrent use: one writer at a time, with a clear message for the second; searches during
//! indexing work and see the last commit.

mod common;

use common::*;
use std::path::Path;
use std::process::{Child, Command};
use std::time::Duration;

const PAGES: usize = 1500;

/// 1,500 pages with a marker word, long texts after folders 01 and 03.
fn write_pages_for_concurrency(dir: &Path) {
    let page = |i: usize| {
        format!(
            "<html><head><title>Ferry timetable {i}</title>\
             <link rel=\"canonical\" href=\"https://example.org/ferry/{i}\"></head>\
             <body><article><p>The quokkaferry to Rottnest left berth {i} on Tuesday morning, \
             the harbour master said, after fog had kept it in port overnight.</p>\
             </article></body></html>"
        )
    };
    write_pages(dir, PAGES, 250, page, &[1, 3], 60_000);
}

/// Passages matching the marker word, counted by a separate `newsdex search` process.
fn committed(index: &Path) -> usize {
    search_json(
        index,
        &["quokkaferry", "--section", "body", "--limit", "100000"],
    )
    .len()
}

/// Sends `signal` (STOP, CONT) to a child.
fn signal(child: &Child, signal: &str) {
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{signal} failed");
}

#[test]
fn a_second_index_run_is_told_the_index_is_in_use_and_searches_see_the_last_commit() {
    let tmp = tempfile::tempdir().unwrap();
    let pages = tmp.path().join("pages");
    write_pages_for_concurrency(&pages);
    let index = tmp.path().join("index");

    let mut first = start_index(&pages, &index);
    wait_for_first_commit(&mut first, &index);
    // Frozen, the first run certainly holds the lock while the second one tries.
    signal(&first, "STOP");

    let second = newsdex(&[
        "index",
        pages.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
        "--quiet",
    ]);
    let frozen_at = committed(&index);
    let again = committed(&index);
    signal(&first, "CONT");

    assert!(!second.status.success(), "the second run must fail");
    assert_eq!(second.status.code(), Some(1));
    let err = stderr(&second);
    assert!(err.contains("in use"), "says the index is in use: {err}");
    assert!(
        err.contains(".tantivy-writer.lock"),
        "names the lock: {err}"
    );
    assert!(
        err.contains("wait for it to finish"),
        "says what to do: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(
        stdout(&second).is_empty(),
        "no summary for a run that did nothing"
    );

    // While the writer is frozen, searches work and see what it committed, and only that.
    assert!(frozen_at > 0 && frozen_at < PAGES, "{frozen_at} of {PAGES}");
    assert_eq!(again, frozen_at);

    // Searches during the rest of the run see each newer commit, never less.
    let mut seen = frozen_at;
    let mut counts = vec![seen];
    while first.try_wait().unwrap().is_none() {
        let now = committed(&index);
        assert!(now >= seen, "a search saw {now} after {seen}");
        if now != seen {
            counts.push(now);
        }
        seen = now;
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = first.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the first run finishes: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(committed(&index), PAGES, "searches saw commits {counts:?}");
    eprintln!("second run: {err}searches during the run saw {counts:?} of {PAGES}");
}

#[test]
fn a_rebuild_refused_because_the_index_is_in_use_deletes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let pages = tmp.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(
        pages.join("a.html"),
        "<html><body><article><p>The quokkaferry sailed at dawn from Fremantle to the island, \
         its captain said.</p></article></body></html>",
    )
    .unwrap();
    ok(&[
        "index",
        pages.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
        "--quiet",
    ]);
    let writer = newsdex::index::Writer::open(&index, false).unwrap();
    let o = newsdex(&[
        "index",
        pages.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
        "--rebuild",
        "--quiet",
    ]);
    drop(writer);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("is in use"), "{}", stderr(&o));
    // The refused --rebuild deleted nothing.
    assert_eq!(committed(&index), 1);
}

#[test]
fn a_second_run_is_told_at_once_even_while_the_first_is_inside_a_commit() {
    // A run frozen (or slow) inside a commit holds the writer lock and the meta lock. The
    // second run must meet the writer lock first and say so, not wait for the meta lock.
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    ok(&[
        "index",
        "corpus",
        "--index",
        index.to_str().unwrap(),
        "--quiet",
    ]);
    let lock = |name: &str| {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(index.join(name))
            .unwrap();
        use std::os::fd::AsRawFd;
        // SAFETY: flock on a file descriptor this test owns.
        let held = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        assert_eq!(held, 0, "could not lock {name}");
        file
    };
    let _writer = lock(".tantivy-writer.lock");
    let _meta = lock(".tantivy-meta.lock");
    let mut second = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args([
            "index",
            "corpus",
            "--index",
            index.to_str().unwrap(),
            "--quiet",
        ])
        .current_dir(root())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while second.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            let _ = second.kill();
            panic!("the second run waited for the locks instead of saying the index is in use");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = second.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("in use"), "{}", stderr(&out));
}
