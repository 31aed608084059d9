//! The `read_warc` target: see `targets::read_warc` in `fuzz/targets.rs`.

#![no_main]

#[path = "../targets.rs"]
mod targets;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| targets::read_warc(data));
