//! Cleaning speed: pages/s and MB/s of `clean::clean` alone (no I/O, no decompression), one
//! thread, on the Dragnet and trafilatura-eval pages from ../shared, plus one synthetic 50 MB page.
//!
//! Run: `cargo bench --bench clean_speed` (release profile). Without ../shared only the synthetic
//! page is measured.

use newsdex::clean::clean;
use newsdex::ingest::{Hints, Kind, RawDoc};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let sets = [
        ("dragnet", shared.join("dragnet/html")),
        ("trafilatura-eval", shared.join("trafilatura-eval/html")),
    ];
    for (name, dir) in sets {
        match load(&dir) {
            Some(docs) => measure(name, &docs),
            None => println!("{name}: skipped, {} not present", dir.display()),
        }
    }
    measure("synthetic 50 MB page", &[big_page(50 * 1024 * 1024)]);
}

/// Reads and decompresses every `.gz` page in `dir`.
fn load(dir: &Path) -> Option<Vec<RawDoc>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let docs = paths
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "gz"))
        .filter_map(|p| {
            let mut bytes = Vec::new();
            let file = std::fs::File::open(&p).ok()?;
            flate2::read::GzDecoder::new(file)
                .read_to_end(&mut bytes)
                .ok()?;
            Some(doc(p.display().to_string(), bytes))
        })
        .collect();
    Some(docs)
}

fn doc(source: String, bytes: Vec<u8>) -> RawDoc {
    RawDoc {
        rel_path: source.clone(),
        source,
        kind: Kind::Html,
        bytes,
        hints: Hints::default(),
    }
}

/// A long article page: many paragraphs with links, a comment thread and boilerplate boxes.
fn big_page(size: usize) -> RawDoc {
    let para = "<p>The council met on Tuesday to discuss the <a href=\"/pier\">ferry pier</a>, \
                which has carried commuters across the bay since 1921, and voted to close it.</p>\n";
    let mut page = String::from(
        "<html><head><title>Big page</title></head><body><nav><a href=/>Home</a></nav><article>",
    );
    while page.len() < size {
        page.push_str(para);
        if page.len() % 64 < 2 {
            page.push_str("<div class=\"share-bar\"><a href=#>Share</a></div>");
        }
    }
    page.push_str("</article><div id=\"comments\"><ol><li class=\"comment\"><p>A reader writes back.</p></li></ol></div></body></html>");
    doc("synthetic".into(), page.into_bytes())
}

fn measure(name: &str, docs: &[RawDoc]) {
    let bytes: usize = docs.iter().map(|d| d.bytes.len()).sum();
    let start = Instant::now();
    let cpu_start = thread_cpu_seconds();
    let mut ok = 0;
    for d in docs {
        if clean(d).is_ok() {
            ok += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu = thread_cpu_seconds() - cpu_start;
    println!(
        "{name}: {} pages ({ok} cleaned), {:.1} MB in {secs:.2} s: {:.0} pages/s, {:.1} MB/s; \
         {cpu:.2} s of CPU: {:.0} pages per CPU-second",
        docs.len(),
        bytes as f64 / 1e6,
        docs.len() as f64 / secs,
        bytes as f64 / 1e6 / secs,
        docs.len() as f64 / cpu,
    );
}

/// CPU time of this thread: unlike wall time, it does not count the time other processes on a
/// shared machine took the core.
fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec for the call to write into.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}
