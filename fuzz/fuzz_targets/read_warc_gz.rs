//! The `read_warc_gz` target: see `targets::read_warc_gz` in `fuzz/targets.rs`.

#![no_main]

#[path = "../targets.rs"]
mod targets;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| targets::read_warc_gz(data));
