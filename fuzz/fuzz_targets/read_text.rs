//! The `read_text` target: see `targets::read_text` in `fuzz/targets.rs`.

#![no_main]

#[path = "../targets.rs"]
mod targets;

use libfuzzer_sys::fuzz_target;
use newsdex::entities::Recognizer;
use std::sync::LazyLock;

static RECOGNIZER: LazyLock<Recognizer> = LazyLock::new(Recognizer::new);

fuzz_target!(|data: &[u8]| targets::read_text(data, &RECOGNIZER));
