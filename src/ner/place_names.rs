//! The recogniser's gazetteer features: the names of [`crate::gazetteer`] (countries,
//! nationalities, cities, regions), matched against token sequences.
//!
//! In: names by category. Out: for each token of a sentence, the categories of the names that
//! cover it and the token's position (B/I/L/U) in each match. The names' hashes are saved with
//! the model, so tagging uses exactly the lists the model was trained with.

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

/// Names by token-sequence hash. Only the hashes are kept: they are all the tagger needs, and a
/// model file that stores them loads without tokenising half a million names.
#[derive(Debug, Default)]
pub struct PlaceNames {
    index: NameIndex,
}

/// Name-sequence hash -> category bits; the keys are hashes already.
type NameIndex = HashMap<u64, u8, rustc_hash::FxBuildHasher>;

impl PlaceNames {
    /// Builds a gazetteer from `(category bits, name)` pairs.
    pub fn new(entries: Vec<(u8, String)>) -> PlaceNames {
        let mut index = NameIndex::default();
        index.reserve(entries.len());
        for (cat, name) in entries {
            if let Some(hash) = name_hash(&name) {
                *index.entry(hash).or_insert(0) |= cat;
            }
        }
        PlaceNames { index }
    }

    /// Rebuilds a gazetteer from the `(name hash, category bits)` pairs of [`PlaceNames::pairs`].
    pub fn from_pairs(pairs: impl ExactSizeIterator<Item = (u64, u8)>) -> PlaceNames {
        // Most lookups are misses (a window of words that names nothing): a roomy table keeps
        // their probe sequences short.
        let mut index = NameIndex::default();
        index.reserve(pairs.len() * 2);
        for (hash, cat) in pairs {
            *index.entry(hash).or_insert(0) |= cat;
        }
        PlaceNames { index }
    }

    /// The `(name hash, category bits)` pairs, sorted by hash, for saving.
    pub fn pairs(&self) -> Vec<(u64, u8)> {
        let mut pairs: Vec<(u64, u8)> = self.index.iter().map(|(&h, &c)| (h, c)).collect();
        pairs.sort_unstable();
        pairs
    }

    /// The names of the one gazetteer, [`crate::gazetteer::GAZETTEER`], by category.
    pub fn standard() -> PlaceNames {
        use crate::gazetteer::{Kind, GAZETTEER};
        let entries = GAZETTEER
            .names()
            .map(|(kind, name)| {
                let category = match kind {
                    Kind::Country => COUNTRY,
                    Kind::Nationality => NATIONALITY,
                    Kind::City => CITY,
                    Kind::Region => REGION,
                };
                (category, name.to_string())
            })
            .collect();
        PlaceNames::new(entries)
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

/// The sequence hash of a name's lower-cased tokens, or `None` when it has none or too many.
/// Loading the model hashes every gazetteer name, so plain names (ASCII letters and single
/// spaces, most of them) skip the text tokenizer, which splits them the same way.
fn name_hash(name: &str) -> Option<u64> {
    let plain = !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ')
        && !name.starts_with(' ')
        && !name.ends_with(' ')
        && !name.contains("  ");
    let (hash, words) = if plain {
        let mut lower = [0u8; 64];
        let mut h = SEQ_SEED;
        let mut words = 0;
        for word in name.split(' ') {
            let Some(buf) = lower.get_mut(..word.len()) else {
                return name_hash_tokenized(name);
            };
            buf.copy_from_slice(word.as_bytes());
            buf.make_ascii_lowercase();
            h = seq_step(h, std::str::from_utf8(buf).unwrap_or(word));
            words += 1;
        }
        (h, words)
    } else {
        let words = name_tokens(name);
        (seq_hash(words.iter().map(String::as_str)), words.len())
    };
    (words > 0 && words <= MAX_TOKENS).then_some(hash)
}

/// [`name_hash`] through the text tokenizer.
fn name_hash_tokenized(name: &str) -> Option<u64> {
    let words = name_tokens(name);
    (!words.is_empty() && words.len() <= MAX_TOKENS)
        .then(|| seq_hash(words.iter().map(String::as_str)))
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
    fn plain_names_hash_as_the_tokenizer_splits_them() {
        for name in [
            "New York",
            "Aleppo",
            "Rio de Janeiro",
            "SAN JOSE",
            "a b c d e f",
        ] {
            assert_eq!(name_hash(name), name_hash_tokenized(name), "{name}");
        }
        assert_eq!(name_hash("a b c d e f g"), None);
        assert_eq!(name_hash(""), None);
        let long = "x".repeat(100);
        assert_eq!(name_hash(&long), name_hash_tokenized(&long));
    }

    #[test]
    fn marks_multi_word_and_single_names() {
        let g = PlaceNames::new(vec![
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
    fn standard_has_countries_nationalities_cities_and_regions() {
        let g = PlaceNames::standard();
        let p = g.positions(&["syrian", "aleppo", "russia", "bavaria"]);
        assert_ne!(p[0][1], 0);
        assert_ne!(p[1][2], 0);
        assert_ne!(p[2][0], 0);
        assert_ne!(p[3][3], 0);
    }
}
