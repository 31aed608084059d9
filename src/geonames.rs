//! The GeoNames city list embedded in the binary (`data/geonames/cities.csv.gz`).
//!
//! In: nothing. Out: the CSV text (`lat,lon,name,admin1,admin2,cc`, one city a row), unpacked once
//! on first use and kept for the life of the process, so gazetteers may borrow names from it.

use std::io::Read;
use std::sync::LazyLock;

static PACKED: &[u8] = include_bytes!("../data/geonames/cities.csv.gz");

static TEXT: LazyLock<&'static str> = LazyLock::new(|| {
    let mut text = String::with_capacity(8 << 20);
    flate2::read::GzDecoder::new(PACKED)
        .read_to_string(&mut text)
        .expect("the embedded city list is valid gzipped UTF-8 (checked by a test)");
    // Leaked once: the gazetteers borrow their ~145,000 names from it for the process's life.
    Box::leak(text.into_boxed_str())
});

/// The embedded GeoNames city list as CSV text, with its header row.
pub fn cities_csv() -> &'static str {
    &TEXT
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_city_list_unpacks_with_its_header_and_every_row() {
        let text = super::cities_csv();
        assert!(text.starts_with("lat,lon,name,admin1,admin2,cc"));
        assert!(text.lines().count() > 140_000);
        assert!(text
            .lines()
            .any(|l| l.trim_end().ends_with(",Aleppo,Aleppo,,SY")));
    }
}
