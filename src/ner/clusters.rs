//! Word clusters from unlabeled news text: words that occur between the same neighbours fall
//! into one cluster, so the tagger can generalise from "Ericsson" to companies it never saw
//! labeled.
//!
//! In: raw texts. Out: word -> cluster id (spherical k-means over left/right neighbour counts,
//! deterministic). Words are kept as 64-bit hashes of their written form.

use super::tokenize;
use std::collections::HashMap;

/// Neighbour words used as dimensions (the most frequent ones, on each side).
const CONTEXT: usize = 600;
/// Most words clustered (the most frequent ones).
const VOCAB: usize = 50_000;
/// Words seen fewer times are not clustered.
const MIN_COUNT: u32 = 4;
const ITERATIONS: usize = 10;

/// Word hash -> cluster.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Clusters {
    map: HashMap<u64, u8>,
}

/// Hash of a word's written form.
pub fn word_hash(word: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for b in word.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Clusters {
    /// Clusters from saved `(hash, cluster)` pairs.
    pub fn from_pairs(pairs: impl Iterator<Item = (u64, u8)>) -> Clusters {
        Clusters {
            map: pairs.collect(),
        }
    }

    /// The `(hash, cluster)` pairs, sorted, for saving.
    pub fn pairs(&self) -> Vec<(u64, u8)> {
        let mut v: Vec<(u64, u8)> = self.map.iter().map(|(&h, &c)| (h, c)).collect();
        v.sort_unstable();
        v
    }

    /// Cluster of a word: as written, else in title case (for headline capitals).
    pub fn get(&self, word: &str, lower: &str) -> Option<u8> {
        if self.map.is_empty() {
            return None;
        }
        if let Some(&c) = self.map.get(&word_hash(word)) {
            return Some(c);
        }
        let mut chars = lower.chars();
        let title: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        self.map
            .get(&word_hash(&title))
            .or_else(|| self.map.get(&word_hash(lower)))
            .copied()
    }

    /// Learns `k` clusters (at most 256) from texts.
    pub fn learn<'a>(texts: impl Iterator<Item = &'a str>, k: usize) -> Clusters {
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut words: Vec<String> = Vec::new();
        let mut sentences: Vec<Vec<usize>> = Vec::new();
        for text in texts {
            for s in tokenize::sentences(text) {
                let ids_s = s
                    .iter()
                    .map(|t| {
                        let w = t.text(text);
                        let next = words.len();
                        let id = *ids.entry(w.to_string()).or_insert(next);
                        if id == next {
                            words.push(w.to_string());
                        }
                        id
                    })
                    .collect();
                sentences.push(ids_s);
            }
        }
        let mut counts = vec![0u32; words.len()];
        for s in &sentences {
            for &w in s {
                counts[w] += 1;
            }
        }
        let mut by_freq: Vec<usize> = (0..words.len())
            .filter(|&w| counts[w] >= MIN_COUNT)
            .collect();
        by_freq.sort_by(|&a, &b| {
            counts[b]
                .cmp(&counts[a])
                .then_with(|| words[a].cmp(&words[b]))
        });
        by_freq.truncate(VOCAB);
        // Dimensions: the most frequent lower-cased words.
        let mut lower_counts: HashMap<String, u32> = HashMap::new();
        for &w in &by_freq {
            *lower_counts.entry(words[w].to_lowercase()).or_insert(0) += counts[w];
        }
        let mut dims: Vec<(String, u32)> = lower_counts.into_iter().collect();
        dims.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        dims.truncate(CONTEXT);
        let dim_of: HashMap<&str, usize> = dims
            .iter()
            .enumerate()
            .map(|(i, (w, _))| (w.as_str(), i))
            .collect();
        let word_dim: Vec<Option<usize>> = words
            .iter()
            .map(|w| dim_of.get(w.to_lowercase().as_str()).copied())
            .collect();
        let row: HashMap<usize, usize> = by_freq.iter().enumerate().map(|(r, &w)| (w, r)).collect();
        let mut vecs: Vec<HashMap<u32, f32>> = vec![HashMap::new(); by_freq.len()];
        for s in &sentences {
            for (i, w) in s.iter().enumerate() {
                let Some(&r) = row.get(w) else { continue };
                if let Some(d) = i.checked_sub(1).and_then(|j| word_dim[s[j]]) {
                    *vecs[r].entry(d as u32).or_insert(0.0) += 1.0;
                }
                if let Some(d) = s.get(i + 1).and_then(|&n| word_dim[n]) {
                    *vecs[r].entry((CONTEXT + d) as u32).or_insert(0.0) += 1.0;
                }
            }
        }
        let sparse: Vec<Vec<(u32, f32)>> = vecs.into_iter().map(normalised).collect();
        let assign = kmeans(&sparse, 2 * CONTEXT, k.clamp(1, 256));
        let map = by_freq
            .iter()
            .zip(assign)
            .map(|(&w, c)| (word_hash(&words[w]), c as u8))
            .collect();
        Clusters { map }
    }
}

fn normalised(v: HashMap<u32, f32>) -> Vec<(u32, f32)> {
    let mut v: Vec<(u32, f32)> = v.into_iter().map(|(d, x)| (d, x.sqrt())).collect();
    v.sort_unstable_by_key(|e| e.0);
    let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
    if norm > 0.0 {
        for e in &mut v {
            e.1 /= norm;
        }
    }
    v
}

/// Spherical k-means; starts from evenly spaced words of the frequency-sorted list.
fn kmeans(vecs: &[Vec<(u32, f32)>], dims: usize, k: usize) -> Vec<usize> {
    let n = vecs.len();
    let k = k.min(n.max(1));
    let mut centroids = vec![0f32; k * dims];
    for c in 0..k {
        for &(d, x) in &vecs[c * n / k] {
            centroids[c * dims + d as usize] = x;
        }
    }
    let mut assign = vec![0usize; n];
    for _ in 0..ITERATIONS {
        for (i, v) in vecs.iter().enumerate() {
            let mut best = (f32::NEG_INFINITY, 0);
            for c in 0..k {
                let row = &centroids[c * dims..(c + 1) * dims];
                let s: f32 = v.iter().map(|&(d, x)| row[d as usize] * x).sum();
                if s > best.0 {
                    best = (s, c);
                }
            }
            assign[i] = best.1;
        }
        centroids.iter_mut().for_each(|x| *x = 0.0);
        for (v, &c) in vecs.iter().zip(&assign) {
            for &(d, x) in v {
                centroids[c * dims + d as usize] += x;
            }
        }
        for c in 0..k {
            let row = &mut centroids[c * dims..(c + 1) * dims];
            let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                row.iter_mut().for_each(|x| *x /= norm);
            }
        }
    }
    assign
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_slots_share_a_cluster() {
        let mut text = String::new();
        for i in 0..40 {
            let (company, city) = (["Zorbex", "Quillan"][i % 2], ["Varnholm", "Tesker"][i % 2]);
            text.push_str(&format!(
                "Shares of {company} rose . He flew to {city} on Monday .\n"
            ));
        }
        let c = Clusters::learn(std::iter::once(text.as_str()), 11);
        let get = |w: &str| c.get(w, &w.to_lowercase());
        assert_eq!(get("Zorbex"), get("Quillan"));
        assert_eq!(get("Varnholm"), get("Tesker"));
        assert_ne!(get("Zorbex"), get("Varnholm"));
        assert_eq!(get("ZORBEX"), get("Zorbex"));
    }
}
