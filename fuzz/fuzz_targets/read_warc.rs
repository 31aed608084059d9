//! The WARC reader on a plain `.warc`: record framing, lying lengths, HTTP headers, chunked
//! transfer and content encodings, then the cleaner on each page.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::ingest::{self, Event, Limits};

fuzz_target!(|data: &[u8]| {
    // Small enough that the fuzzer also reaches the over-the-limit paths.
    let limits = Limits {
        max_doc_bytes: 8192,
    };
    let input = std::io::Cursor::new(data.to_vec());
    for event in ingest::read_stream("fuzz.warc", input, limits) {
        if let Event::Doc(doc) = event {
            let _ = newsdex::clean::clean(&doc);
        }
    }
});
