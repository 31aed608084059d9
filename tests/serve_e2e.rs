//! The `newsdex serve` page in headless Chromium (tests/e2e/serve.mjs): a query, paging, an
//! actor facet clicked on and off, and the `<script>` planted in a corpus comment shown as text.
//! The hits the page shows with the facet on must be the CLI's hits for the same filter.
//!
//! Needs Debian's `chromium` (or `NEWSDEX_CHROMIUM`), `node` and `npm ci` in tests/e2e; without
//! them it says what is missing and passes, unless `NEWSDEX_REQUIRE_BROWSER` is set (`.ci/run`
//! sets it once it has installed them), where it fails.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long the browser script may take before it is stopped.
const TIMEOUT: Duration = Duration::from_secs(180);

/// The browser and the node script's dependencies, or why they are missing.
fn browser() -> Result<PathBuf, String> {
    let chromium = std::env::var_os("NEWSDEX_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.is_file() {
        return Err(format!(
            "no Chromium at {} (apt-get install -y chromium, or set NEWSDEX_CHROMIUM)",
            chromium.display()
        ));
    }
    let node = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !node.is_ok_and(|s| s.success()) {
        return Err("no node on PATH".into());
    }
    if !e2e_dir()
        .join("node_modules/playwright-core/package.json")
        .is_file()
    {
        return Err("playwright-core is not installed (cd tests/e2e && npm ci)".into());
    }
    Ok(chromium)
}

fn e2e_dir() -> PathBuf {
    root().join("tests/e2e")
}

/// The Cargo target folder (screenshots go there).
fn target_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).to_path_buf()
}

#[test]
fn the_page_searches_filters_by_facet_and_shows_planted_script_as_text() {
    let chromium = match browser() {
        Ok(path) => path,
        Err(why) if std::env::var_os("NEWSDEX_REQUIRE_BROWSER").is_some() => {
            panic!("the browser test must run (NEWSDEX_REQUIRE_BROWSER is set): {why}")
        }
        Err(why) => {
            eprintln!("serve_e2e: SKIPPED, {why}");
            return;
        }
    };
    let server = Server::start(corpus_index());
    let screenshot = target_dir().join("serve-e2e.png");
    let _ = std::fs::remove_file(&screenshot);
    let mut child = Command::new("node")
        .arg(e2e_dir().join("serve.mjs"))
        .arg(format!("{}/", server.url))
        .arg(&screenshot)
        .arg(&chromium)
        .current_dir(e2e_dir())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node starts");
    let started = Instant::now();
    while child.try_wait().expect("node runs").is_none() {
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("the browser test took more than {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().expect("node output");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "browser test failed: {stderr}\n{stdout}"
    );
    let report: Value = stdout
        .lines()
        .last()
        .and_then(|l| serde_json::from_str(l).ok())
        .unwrap_or_else(|| panic!("no report from the browser test: {stdout}"));

    // What the page showed with the facet on is what the CLI finds with the filter.
    let query = report["query"].as_str().unwrap();
    let actor = report["actor"].as_str().unwrap();
    let shown = report["filtered"].as_array().unwrap();
    let expected = search_json(
        corpus_index(),
        &[query, "--actor", actor, "--limit", &shown.len().to_string()],
    );
    assert!(!shown.is_empty());
    assert_eq!(shown.len(), expected.len(), "{actor}");
    for (page, cli) in shown.iter().zip(&expected) {
        assert_eq!(page["passage"], cli["passage"], "{actor}");
        let title = cli["title"].as_str().unwrap().trim();
        let title = if title.is_empty() {
            "(untitled)"
        } else {
            title
        };
        assert_eq!(page["title"], title);
        let marked: Vec<String> = cli["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|span| {
                let (s, e) = (span[0].as_u64().unwrap(), span[1].as_u64().unwrap());
                let chars: Vec<char> = cli["passage"].as_str().unwrap().chars().collect();
                chars[s as usize..e as usize].iter().collect()
            })
            .collect();
        assert_eq!(page["marks"], serde_json::json!(marked), "marked words");
    }
    let png = std::fs::read(&screenshot).expect("a screenshot");
    assert_eq!(&png[1..4], b"PNG");
    eprintln!("serve_e2e: screenshot in {}", screenshot.display());
}
