//! The HTML cleaner, then entities and passages: any bytes named `.html` go where a page would.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::entities::Recognizer;
use newsdex::ingest::{Hints, Kind, RawDoc};
use std::sync::LazyLock;

static RECOGNIZER: LazyLock<Recognizer> = LazyLock::new(Recognizer::new);

fuzz_target!(|data: &[u8]| {
    let doc = RawDoc {
        source: "fuzz.html".into(),
        rel_path: "fuzz.html".into(),
        kind: Kind::Html,
        bytes: data.to_vec(),
        hints: Hints::default(),
    };
    if let Ok(prepared) = newsdex::pipeline::prepare(&doc, &RECOGNIZER) {
        newsdex::index::passages(&prepared.article, &prepared.entities);
    }
});
