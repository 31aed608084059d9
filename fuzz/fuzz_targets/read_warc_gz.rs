//! The WARC reader on a `.warc.gz`. The first byte picks how the rest is fed: gzipped as one
//! member, as one member per record (as crawlers write, where resynchronising works member by
//! member), or as raw bytes (to reach the gzip error paths).

#![no_main]

use flate2::write::GzEncoder;
use flate2::Compression;
use libfuzzer_sys::fuzz_target;
use newsdex::ingest::{self, Event, Limits};
use std::io::Write;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).expect("compress in memory");
    encoder.finish().expect("finish gzip")
}

/// One gzip member per `WARC/` record.
fn gzip_per_record(bytes: &[u8]) -> Vec<u8> {
    let mut starts: Vec<usize> = bytes
        .windows(5)
        .enumerate()
        .filter(|(_, w)| *w == b"WARC/")
        .map(|(i, _)| i)
        .collect();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    starts.push(bytes.len());
    starts
        .windows(2)
        .flat_map(|w| gzip(&bytes[w[0]..w[1]]))
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = match mode % 3 {
        0 => gzip(rest),
        1 => gzip_per_record(rest),
        _ => rest.to_vec(),
    };
    let limits = Limits {
        max_doc_bytes: 8192,
    };
    for event in ingest::read_stream("fuzz.warc.gz", std::io::Cursor::new(bytes), limits) {
        if let Event::Doc(doc) = event {
            let _ = newsdex::clean::clean(&doc);
        }
    }
});
