//! The plain-text reader: a `.txt` file read, cleaned, and cut into passages.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::entities::Recognizer;
use newsdex::ingest::{self, Event, Limits};
use std::sync::LazyLock;

static RECOGNIZER: LazyLock<Recognizer> = LazyLock::new(Recognizer::new);

fuzz_target!(|data: &[u8]| {
    for event in ingest::read_stream(
        "fuzz.txt",
        std::io::Cursor::new(data.to_vec()),
        Limits::default(),
    ) {
        if let Event::Doc(doc) = event {
            if let Ok(prepared) = newsdex::pipeline::prepare(&doc, &RECOGNIZER) {
                newsdex::index::passages(&prepared.article, &prepared.entities);
            }
        }
    }
});
