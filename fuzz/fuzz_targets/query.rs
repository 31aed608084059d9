//! The `query` target: see `targets::query` in `fuzz/targets.rs`.

#![no_main]

#[path = "../targets.rs"]
mod targets;

use libfuzzer_sys::fuzz_target;
use newsdex::search::Searcher;
use std::sync::LazyLock;

/// The index lives as long as the fuzzer process; the temp dir is removed by the OS's cleaner.
static SEARCHER: LazyLock<Searcher> = LazyLock::new(|| {
    let dir = std::env::temp_dir().join(format!("newsdex-fuzz-query-{}", std::process::id()));
    targets::query_index(&dir)
});

fuzz_target!(|data: &[u8]| targets::query(&SEARCHER, data));
