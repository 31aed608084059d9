//! Helpers shared by the integration tests: run the built `newsdex` binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the project, when it is there.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    p.is_dir().then_some(p)
}

/// Runs newsdex with `args` in the project root.
pub fn newsdex(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the newsdex binary runs")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs newsdex and insists on success, returning stdout.
pub fn ok(args: &[&str]) -> String {
    let o = newsdex(args);
    assert!(
        o.status.success(),
        "newsdex {args:?} failed: {}\n{}",
        stderr(&o),
        stdout(&o)
    );
    stdout(&o)
}

/// An index of the bundled `corpus/`, built once per test binary.
pub fn corpus_index() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let idx = dir.path().join("index");
        ok(&[
            "index",
            "corpus",
            "--index",
            idx.to_str().unwrap(),
            "--quiet",
        ]);
        (dir, idx)
    })
    .1
}

/// Parses a summary line "indexed A, updated B, unchanged C, skipped D, failed E (..)".
pub fn summary(line: &str) -> [u64; 5] {
    let mut out = [0; 5];
    for (i, key) in ["indexed", "updated", "unchanged", "skipped", "failed"]
        .iter()
        .enumerate()
    {
        let rest = line
            .split(key)
            .nth(1)
            .unwrap_or_else(|| panic!("no '{key}' in summary {line:?}"));
        out[i] = rest
            .trim()
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no count after '{key}' in {line:?}"));
    }
    out
}

/// Search hits as JSON values.
pub fn search_json(index: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec![
        "search",
        "--index",
        index.to_str().unwrap(),
        "--format",
        "json",
    ];
    all.extend_from_slice(args);
    let out = ok(&all);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("search JSON does not parse: {e}\n{out}"))
}

/// A `newsdex serve` process on a free loopback port, stopped when dropped.
pub struct Server {
    child: std::process::Child,
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub url: String,
}

impl Server {
    /// Serves `index`; waits until the address is printed.
    pub fn start(index: &Path) -> Server {
        Server::start_with(index, &[])
    }

    /// Serves `index` with more `serve` flags; waits until the address is printed.
    pub fn start_with(index: &Path, flags: &[&str]) -> Server {
        use std::io::{BufRead, Read};
        use std::process::Stdio;
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
            .args(["serve", "--index", index.to_str().unwrap(), "--port", "0"])
            .args(flags)
            .current_dir(root())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("newsdex serve starts");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("piped stdout");
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the address");
        if !line.starts_with("http://127.0.0.1:") {
            let _ = child.kill();
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut err);
            }
            panic!("newsdex serve printed {line:?}, stderr: {err}");
        }
        Server {
            child,
            url: line.trim().trim_end_matches('/').to_string(),
        }
    }

    /// `host:port` of the server.
    pub fn authority(&self) -> &str {
        self.url.trim_start_matches("http://")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A finished run: exit code, output, and the peak resident memory of the process.
pub struct Measured {
    /// Exit code; `None` when a signal ended the process.
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Peak resident set size, in MiB.
    pub peak_rss_mib: u64,
}

/// Runs newsdex with `args` and measures its peak memory (from the kernel's accounting of the
/// child, so it holds however briefly the peak lasted).
// The child is reaped by wait4, which also reports its peak memory; `Child::wait` cannot.
#[allow(clippy::zombie_processes)]
pub fn run_measured(args: &[&str]) -> Measured {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the newsdex binary runs");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data, so all zeroes is a valid value for wait4 to overwrite.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, with pointers to live locals. `Child` is not waited on
    // after this, so the reaped pid is never used again.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(
        reaped,
        pid,
        "wait4 failed: {}",
        std::io::Error::last_os_error()
    );
    Measured {
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        // Linux reports ru_maxrss in KiB.
        peak_rss_mib: usage.ru_maxrss as u64 / 1024,
    }
}

/// Waits until the index in `index` holds a committed segment while `child` goes on indexing.
pub fn wait_for_first_commit(child: &mut std::process::Child, index: &Path) {
    use std::time::{Duration, Instant};
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(10));
        assert!(
            child.try_wait().unwrap().is_none(),
            "indexing ended before the test could look at it"
        );
        let meta = std::fs::read(index.join("meta.json")).unwrap_or_default();
        let segments = serde_json::from_slice::<serde_json::Value>(&meta)
            .ok()
            .and_then(|m| m["segments"].as_array().map(Vec::len));
        if segments.unwrap_or(0) > 0 {
            return;
        }
    }
    panic!("nothing was committed in two minutes");
}

/// Starts `newsdex index` committing after every document, one thread, output piped: the
/// crash and concurrency tests stop or watch it part way.
pub fn start_index(pages: &Path, index: &Path) -> std::process::Child {
    use std::process::Stdio;
    Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(["index", pages.to_str().unwrap(), "--index"])
        .arg(index)
        .args(["--quiet", "--commit-every", "1", "--threads", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Writes `pages` small pages into folders of `per_folder` (`00/page0.html`, ...), each made by
/// `page(i)`, and a long text of `long_paragraphs` paragraphs after each folder in `long_after`
/// (`04-long.txt` sorts between `04/` and `05/`): each long text takes seconds to index, so a
/// run commits part way and is still running when a test looks, however fast the machine.
pub fn write_pages(
    dir: &Path,
    pages: usize,
    per_folder: usize,
    page: impl Fn(usize) -> String,
    long_after: &[usize],
    long_paragraphs: usize,
) {
    for i in 0..pages {
        let sub = dir.join(format!("{:02}", i / per_folder));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("page{i}.html")), page(i)).unwrap();
    }
    let sentence = "The council met on Monday and agreed the budget for the harbour, the schools \
                    and the roads of the district, after a long debate.\n\n";
    for n in long_after {
        std::fs::write(
            dir.join(format!("{n:02}-long.txt")),
            format!(
                "Council minutes {n}\n\n{}",
                sentence.repeat(long_paragraphs)
            ),
        )
        .unwrap();
    }
}

/// The exit status `newsdex index` documents for a run where `failed` documents could not be
/// indexed: 0 when all went in, 3 when some did not (the rest are indexed).
pub fn exit_status(failed: u64) -> i32 {
    if failed > 0 {
        3
    } else {
        0
    }
}
