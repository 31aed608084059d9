//! The JSON readers: the input as a `.json` document and as a `.jsonl` feed, each record
//! cleaned as the pipeline would.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::ingest::{self, Event, Limits};

fuzz_target!(|data: &[u8]| {
    // Small enough that the fuzzer also reaches the over-the-limit paths.
    let limits = Limits {
        max_doc_bytes: 4096,
    };
    for name in ["fuzz.json", "fuzz.jsonl"] {
        for event in ingest::read_stream(name, std::io::Cursor::new(data.to_vec()), limits) {
            if let Event::Doc(doc) = event {
                let _ = newsdex::clean::clean(&doc);
            }
        }
    }
});
