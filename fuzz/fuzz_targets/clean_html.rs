//! The `clean_html` target: see `targets::clean_html` in `fuzz/targets.rs`.

#![no_main]

#[path = "../targets.rs"]
mod targets;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| targets::clean_html(data));
