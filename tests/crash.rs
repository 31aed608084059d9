//! Nothing lost: an index killed part way stays usable, and the next run finishes the job exactly.

mod common;

use common::*;
use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

const PAGES: usize = 3000;

/// 3,000 pages with a marker word, long texts after folders 04 and 09.
fn write_pages_for_crash(dir: &Path) {
    let page = |i: usize| {
        format!(
            "<html><head><title>Harbour report {i}</title>\
             <link rel=\"canonical\" href=\"https://example.org/harbour/{i}\"></head>\
             <body><article><p>Dock workers in Rotterdam counted zebracorn containers on pier {i} \
             on Monday, the port authority said in its daily statement to shipping lines.</p>\
             </article></body></html>"
        )
    };
    write_pages(dir, PAGES, 200, page, &[4, 9], 30_000);
}

/// What `newsdex stats` counts: articles, passages, sources, sections, names.
fn stats(index: &Path) -> serde_json::Value {
    let out = ok(&[
        "stats",
        "--index",
        index.to_str().unwrap(),
        "--format",
        "json",
    ]);
    serde_json::from_str(&out).expect("stats JSON parses")
}

/// Article ids of all body passages that mention the marker word, and how many passages there are.
fn indexed_articles(index: &Path) -> (HashSet<String>, usize) {
    let lines = search_json(
        index,
        &["zebracorn", "--section", "body", "--limit", "100000"],
    );
    let ids = lines
        .iter()
        .map(|h| h["article_id"].as_str().unwrap().to_string())
        .collect();
    (ids, lines.len())
}

#[test]
fn sigkill_then_rerun_gives_exactly_a_clean_run() {
    let tmp = tempfile::tempdir().unwrap();
    let pages = tmp.path().join("pages");
    write_pages_for_crash(&pages);
    let index = tmp.path().join("index");

    let mut child = start_index(&pages, &index);
    wait_for_first_commit(&mut child, &index);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    // The index opens and search works after the kill, and holds what was committed.
    let (partial, _) = indexed_articles(&index);
    eprintln!(
        "after SIGKILL: {} of {PAGES} articles committed",
        partial.len()
    );
    assert!(
        !partial.is_empty() && partial.len() < PAGES,
        "killed part way: {} of {PAGES}",
        partial.len()
    );

    let out = ok(&[
        "index",
        pages.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
        "--quiet",
    ]);
    let [indexed, updated, unchanged, _, failed] = summary(&out);
    assert_eq!(failed, 0);
    assert_eq!(indexed + updated + unchanged, PAGES as u64 + 2, "{out}");
    let (ids, passages) = indexed_articles(&index);
    assert_eq!(ids.len(), PAGES, "every article is there");
    assert_eq!(passages, PAGES, "and none twice");

    // Exactly what a clean run holds: same articles, passages, sources, sections and names.
    let clean = tmp.path().join("clean");
    ok(&[
        "index",
        pages.to_str().unwrap(),
        "--index",
        clean.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(stats(&index), stats(&clean));
    assert_eq!(indexed_articles(&clean), (ids, passages));
}

#[test]
fn sigint_commits_and_says_how_to_resume() {
    stop_commits_and_says_how_to_resume("-INT");
}

/// A `systemd` stop (SIGTERM) and a closed terminal (SIGHUP) stop as cleanly as Ctrl-C.
#[test]
fn sigterm_and_sighup_commit_like_ctrl_c() {
    stop_commits_and_says_how_to_resume("-TERM");
    stop_commits_and_says_how_to_resume("-HUP");
}

fn stop_commits_and_says_how_to_resume(signal: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let pages = tmp.path().join("pages");
    write_pages_for_crash(&pages);
    let index = tmp.path().join("index");

    let mut child = start_index(&pages, &index);
    wait_for_first_commit(&mut child, &index);
    let pid = child.id().to_string();
    Command::new("kill").args([signal, &pid]).status().unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(130),
        "{signal}: stopped part way; stderr: {err}"
    );
    assert!(err.contains("again"), "says how to resume: {err}");
    let summary_line = String::from_utf8_lossy(&out.stdout);
    let [indexed, ..] = summary(&summary_line);
    assert_eq!(
        stats(&index)["articles"].as_u64(),
        Some(indexed),
        "what the summary counts was committed"
    );

    let out = ok(&[
        "index",
        pages.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
        "--quiet",
    ]);
    let [_, _, unchanged, _, _] = summary(&out);
    assert_eq!(unchanged, indexed, "committed articles are not redone");
    assert!(
        indexed < PAGES as u64 + 2,
        "Ctrl-C stopped the run part way"
    );
    assert_eq!(indexed_articles(&index).0.len(), PAGES);
}

/// Copies the files of folder `from` into `to` (flat: an index folder has no subfolders).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// A run killed inside the commit of an update leaves a segment's delete file that no
/// meta.json names. The next run performs the same operations, reaches the same file name,
/// and must not fail with "file already exists": the index recovers without --rebuild.
#[test]
fn files_left_by_a_run_killed_in_its_commit_do_not_stop_the_next() {
    let tmp = tempfile::tempdir().unwrap();
    let pages = tmp.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    let page = |i: usize, extra: &str| {
        format!(
            "<html><head><title>Harbour story {i}</title></head><body><article><p>Dock workers \
             in port {i} walked out on Monday over pay, the union said, and the strike would last \
             until the employers made a better offer to the workers.</p>{extra}</article></body>\
             </html>"
        )
    };
    for i in 0..10 {
        std::fs::write(pages.join(format!("p{i}.html")), page(i, "")).unwrap();
    }
    let (before, after) = (tmp.path().join("before"), tmp.path().join("after"));
    let index = |dir: &Path| {
        newsdex(&[
            "index",
            pages.to_str().unwrap(),
            "--index",
            dir.to_str().unwrap(),
            "--quiet",
        ])
    };
    assert!(index(&before).status.success());
    let killed = tmp.path().join("killed");
    copy_dir(&before, &killed);
    // An update of some pages: their old passages are deleted from a segment that lives on.
    for i in 0..3 {
        let updated = page(i, "<p>Talks resume on Friday.</p>");
        std::fs::write(pages.join(format!("p{i}.html")), updated).unwrap();
    }
    copy_dir(&before, &after);
    assert!(index(&after).status.success());
    // The state of a run killed after writing its delete files and registering them, before
    // its meta.json: the files on disk and listed as managed, meta.json the old one.
    let mut orphans = 0;
    for entry in std::fs::read_dir(&after).unwrap() {
        let name = entry.unwrap().file_name();
        if name.to_string_lossy().ends_with(".del") && !killed.join(&name).exists() {
            std::fs::copy(after.join(&name), killed.join(&name)).unwrap();
            orphans += 1;
        }
    }
    assert!(orphans > 0, "the update wrote a delete file");
    std::fs::copy(after.join(".managed.json"), killed.join(".managed.json")).unwrap();

    let rerun = index(&killed);
    assert!(rerun.status.success(), "{}", stderr(&rerun));
    assert_eq!(summary(&stdout(&rerun)), [0, 3, 7, 0, 0]);
    assert_eq!(stats(&killed)["articles"], stats(&after)["articles"]);
    assert_eq!(search_json(&killed, &["talks resume"]).len(), 3);
}

/// `--rebuild` stopped part way (Ctrl-C or SIGKILL) leaves the old index whole and searchable.
#[test]
fn an_interrupted_rebuild_keeps_the_old_index() {
    let tmp = tempfile::tempdir().unwrap();
    let old_pages = tmp.path().join("old");
    std::fs::create_dir(&old_pages).unwrap();
    for i in 0..5 {
        let html = format!(
            "<html><head><title>Archive note {i}</title></head><body><article><p>The \
             quillfeather archive of the harbour office holds note {i}, filed by the clerk on \
             Monday after the council meeting on the budget.</p></article></body></html>"
        );
        std::fs::write(old_pages.join(format!("n{i}.html")), html).unwrap();
    }
    let index = tmp.path().join("index");
    let (i, o) = (index.to_str().unwrap(), old_pages.to_str().unwrap());
    ok(&["index", o, "--index", i, "--quiet"]);
    let pages = tmp.path().join("pages");
    let page = |i: usize| {
        format!(
            "<html><head><title>Harbour report {i}</title></head><body><article><p>Dock \
             workers in Rotterdam counted zebracorn containers on pier {i} on Monday, the port \
             authority said in its daily statement to shipping lines.</p></article></body></html>"
        )
    };
    // Long texts through the run, so it lasts seconds on any machine.
    write_pages(&pages, 3000, 200, page, &[1, 3, 5, 7, 9, 11, 13], 30_000);
    for signal in ["-INT", "-KILL"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
            .args(["index", pages.to_str().unwrap(), "--index", i, "--rebuild"])
            .args(["--quiet", "--commit-every", "1", "--threads", "1"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Long enough for a periodic commit (every second) to have happened, were there any.
        std::thread::sleep(std::time::Duration::from_millis(1500));
        assert!(child.try_wait().unwrap().is_none(), "still rebuilding");
        let pid = child.id().to_string();
        Command::new("kill").args([signal, &pid]).status().unwrap();
        let out = child.wait_with_output().unwrap();
        if signal == "-INT" {
            assert_eq!(out.status.code(), Some(130));
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("old index is unchanged"), "{err}");
        }
        assert_eq!(stats(&index)["articles"].as_u64(), Some(5), "{signal}");
        assert_eq!(search_json(&index, &["quillfeather"]).len(), 5, "{signal}");
        assert!(search_json(&index, &["zebracorn"]).is_empty(), "{signal}");
    }
    // Run to the end, the rebuild swaps in the new index at once.
    let done = newsdex(&[
        "index",
        pages.to_str().unwrap(),
        "--index",
        i,
        "--rebuild",
        "--quiet",
    ]);
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(search_json(&index, &["quillfeather"]).is_empty());
    assert!(!search_json(&index, &["zebracorn"]).is_empty());
}

/// SIGKILL at many moments of update runs on an index of many segments, up to and past the
/// final commit: after each kill the index opens and the same run started again (without
/// --rebuild) finishes, and in the end the index holds exactly what a clean run of the final
/// pages holds.
#[test]
fn sigkill_at_many_points_of_update_runs_never_leaves_an_index_that_will_not_open() {
    use std::time::{Duration, Instant};
    const FOLDERS: usize = 6;
    const PER_FOLDER: usize = 100;
    let tmp = tempfile::tempdir().unwrap();
    let pages = tmp.path().join("pages");
    let folder = |f: usize| pages.join(format!("{f:02}"));
    // Page i at version v: an update changes its text, so its old passages are deleted from
    // whichever segment holds them.
    let write = |i: usize, v: usize| {
        let html = format!(
            "<html><head><title>Harbour report {i}</title>\
             <link rel=\"canonical\" href=\"https://example.org/harbour/{i}\"></head>\
             <body><article><p>Dock workers in Rotterdam counted zebracorn containers on pier \
             {i} in week {v}, the port authority said in its daily statement to shipping lines \
             and the customs office.</p></article></body></html>"
        );
        let dir = folder(i / PER_FOLDER);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("page{i}.html")), html).unwrap();
    };
    let index = tmp.path().join("index");
    let run_every = |dir: &Path, upto: usize, every: &str| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsdex"));
        cmd.arg("index");
        for f in 0..upto {
            cmd.arg(folder(f));
        }
        cmd.arg("--index").arg(dir);
        cmd.args(["--quiet", "--commit-every", every, "--threads", "1"]);
        cmd
    };
    let run = |dir: &Path, upto: usize| run_every(dir, upto, "1");
    // One run per folder: one segment each (one commit per run however slow the machine: with
    // a commit a second, a loaded machine made many small segments that Tantivy then merged).
    for f in 0..FOLDERS {
        for i in f * PER_FOLDER..(f + 1) * PER_FOLDER {
            write(i, 0);
        }
        let o = run_every(&index, f + 1, "3600").output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let total = FOLDERS * PER_FOLDER;
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(index.join("meta.json")).unwrap()).unwrap();
    let segments = meta["segments"].as_array().unwrap().len();
    assert!(segments >= 3, "{segments} segments");

    // How long an update of a third of the pages takes, uninterrupted, on a copy.
    let update = |round: usize| {
        for i in (round % 3..total).step_by(3) {
            write(i, round);
        }
    };
    let timing = tmp.path().join("timing");
    copy_dir(&index, &timing);
    update(1);
    let started = Instant::now();
    assert!(run(&timing, FOLDERS).status().unwrap().success());
    let full = started.elapsed();

    const KILLS: u32 = 24;
    let mut killed = 0;
    for k in 0..KILLS {
        update(k as usize + 2);
        // Every other run is killed the moment its commit has written a new delete file (its
        // meta.json not yet, as a rule); the others at moments from 60% of the run to past its
        // end (a run under load takes longer).
        let in_commit = k % 2 == 1;
        let fraction = 0.6 + 0.7 * f64::from(k) / f64::from(KILLS);
        let at = full.mul_f64(fraction);
        let deletes = |dir: &Path| -> HashSet<std::ffi::OsString> {
            std::fs::read_dir(dir)
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.file_name()))
                .filter(|n| n.to_string_lossy().ends_with(".del"))
                .collect()
        };
        let before = deletes(&index);
        let mut child = run(&index, FOLDERS)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let finished = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            let due = if in_commit {
                !deletes(&index).is_subset(&before)
            } else {
                started.elapsed() >= at
            };
            if due {
                break None;
            }
            std::thread::sleep(Duration::from_micros(200));
        };
        match finished {
            // It finished first: it must have succeeded on what the last kill left.
            Some(status) => {
                let mut err = String::new();
                std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
                assert!(status.success(), "round {k}: a run failed: {err}");
            }
            None => {
                child.kill().unwrap();
                child.wait().unwrap();
                killed += 1;
            }
        }
        // The index opens after every kill, and the same run started again finishes the job.
        let o = newsdex(&["stats", "--index", index.to_str().unwrap()]);
        assert!(o.status.success(), "round {k}: {}", stderr(&o));
        let o = run(&index, FOLDERS).output().unwrap();
        assert!(
            o.status.success(),
            "round {k}: the run after the kill failed: {}",
            stderr(&o)
        );
    }

    eprintln!("{killed} of {KILLS} update runs killed (an uninterrupted one takes {full:?})");
    assert!(
        killed >= KILLS / 3,
        "only {killed} runs were still going when killed"
    );
    let o = run(&index, FOLDERS).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let clean = tmp.path().join("clean");
    assert!(run(&clean, FOLDERS).status().unwrap().success());
    assert_eq!(stats(&index), stats(&clean));
    let (ids, passages) = indexed_articles(&index);
    assert_eq!((ids.len(), passages), (total, total), "every page once");
    let last_week = format!("\"week {}\"", KILLS + 1);
    assert_eq!(
        search_json(&index, &[&last_week, "--limit", "1000"]).len(),
        search_json(&clean, &[&last_week, "--limit", "1000"]).len(),
    );
}
