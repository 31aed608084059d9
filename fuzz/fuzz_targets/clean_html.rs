//! The HTML cleaner: any bytes go where a page would (guard, parser, walk, classifier, metadata).
//! Entities are fuzzed through `read_text`: here they would cut the rate tenfold.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::ingest::{Hints, Kind, RawDoc};

fuzz_target!(|data: &[u8]| {
    let doc = RawDoc {
        source: "fuzz.html".into(),
        rel_path: "fuzz.html".into(),
        kind: Kind::Html,
        bytes: data.to_vec(),
        hints: Hints::default(),
    };
    let _ = newsdex::clean::clean(&doc);
});
