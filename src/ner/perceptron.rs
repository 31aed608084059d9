//! Averaged structured perceptron over BILOU labels with first-order Viterbi decoding.
//!
//! In: per-token feature ids (hashes) of a sentence. Out: one label per token. Labels are
//! `O` (0) and for each of the four types B, I, L, U; decoding only allows well-formed
//! sequences, so every label sequence converts to entity spans.

use super::features::TYPES;
use std::collections::HashMap;

/// Number of labels.
pub const LABELS: usize = 1 + 4 * TYPES;

/// Label of position `pos` (0 B, 1 I, 2 L, 3 U) in an entity of type `ty`.
pub fn label(ty: usize, pos: usize) -> usize {
    1 + 4 * ty + pos
}

/// Type of a label (`None` for O).
pub fn label_type(l: usize) -> Option<usize> {
    (l > 0).then(|| (l - 1) / 4)
}

fn label_pos(l: usize) -> usize {
    (l - 1) % 4
}

/// Whether `cur` may follow `prev` (`None` = sentence start).
fn allowed(prev: Option<usize>, cur: usize) -> bool {
    let open = prev.is_some_and(|p| p > 0 && label_pos(p) < 2);
    let cur_continues = cur > 0 && matches!(label_pos(cur), 1 | 2);
    if open {
        cur_continues && label_type(prev.unwrap_or(0)) == label_type(cur)
    } else {
        !cur_continues
    }
}

fn may_end(l: usize) -> bool {
    l == 0 || label_pos(l) >= 2
}

/// Entity spans `(first, last inclusive, type)` to BILOU labels for `n` tokens.
pub fn encode(n: usize, spans: &[(usize, usize, usize)]) -> Vec<usize> {
    let mut out = vec![0; n];
    for &(a, b, ty) in spans {
        if b >= n || a > b {
            continue;
        }
        if a == b {
            out[a] = label(ty, 3);
        } else {
            out[a] = label(ty, 0);
            for slot in &mut out[a + 1..b] {
                *slot = label(ty, 1);
            }
            out[b] = label(ty, 2);
        }
    }
    out
}

/// BILOU labels back to spans `(first, last inclusive, type)`.
pub fn decode(labels: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &l) in labels.iter().enumerate() {
        let Some(ty) = label_type(l) else { continue };
        match label_pos(l) {
            0 => start = i,
            1 => {}
            2 => out.push((start, i, ty)),
            _ => out.push((i, i, ty)),
        }
    }
    out
}

/// Feature hash -> row number.
pub type FeatureIndex = HashMap<u64, u32, rustc_hash::FxBuildHasher>;

/// Best label sequence for emission scores `em` (one row of LABELS per token).
pub fn viterbi(em: &[[f32; LABELS]], trans: &[f32]) -> Vec<usize> {
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    // Each label's well-formed predecessors, in label order: BILOU allows few (an I or L
    // follows only a B or I of its type), so the inner loop visits about a third of all pairs.
    let mut from = [[0u8; LABELS]; LABELS];
    let mut count = [0usize; LABELS];
    for l in 0..LABELS {
        for p in 0..LABELS {
            if allowed(Some(p), l) {
                from[l][count[l]] = p as u8;
                count[l] += 1;
            }
        }
    }
    let mut score = vec![[f32::NEG_INFINITY; LABELS]; n];
    let mut back = vec![[0u8; LABELS]; n];
    for l in 0..LABELS {
        if allowed(None, l) {
            score[0][l] = em[0][l] + trans[LABELS * LABELS + l];
        }
    }
    for i in 1..n {
        let prev = score[i - 1];
        for l in 0..LABELS {
            let mut best = (f32::NEG_INFINITY, 0u8);
            for &p in &from[l][..count[l]] {
                let s = prev[usize::from(p)] + trans[usize::from(p) * LABELS + l];
                if s > best.0 {
                    best = (s, p);
                }
            }
            score[i][l] = best.0 + em[i][l];
            back[i][l] = best.1;
        }
    }
    let mut last = (f32::NEG_INFINITY, 0usize);
    for (l, &s) in score[n - 1].iter().enumerate() {
        if may_end(l) && s > last.0 {
            last = (s, l);
        }
    }
    let mut out = vec![0usize; n];
    out[n - 1] = last.1;
    for i in (1..n).rev() {
        out[i - 1] = usize::from(back[i][out[i]]);
    }
    out
}

/// Size of the transition table: LABELS x LABELS plus a start row.
pub const TRANS: usize = LABELS * LABELS + LABELS;

/// Trained weights: one row of LABELS scores per known feature, plus transitions.
#[derive(Debug, Default)]
pub struct Weights {
    /// Feature hash -> row.
    pub index: FeatureIndex,
    /// Rows, LABELS per feature.
    pub rows: Vec<f32>,
    /// Transitions (see [`TRANS`]).
    pub trans: Vec<f32>,
}

impl Weights {
    /// Emission scores of one token.
    pub fn emission(&self, feats: &[u64], extra: &[u64]) -> [f32; LABELS] {
        let mut e = [0f32; LABELS];
        for f in feats.iter().chain(extra) {
            if let Some(&r) = self.index.get(f) {
                let row = &self.rows[r as usize * LABELS..(r as usize + 1) * LABELS];
                for (a, b) in e.iter_mut().zip(row) {
                    *a += b;
                }
            }
        }
        e
    }
}

/// Online learner: current weights plus the sums that give the averaged weights.
#[derive(Debug, Default)]
pub struct Trainer {
    index: FeatureIndex,
    hashes: Vec<u64>,
    w: Vec<i32>,
    acc: Vec<i64>,
    trans: Vec<i32>,
    trans_acc: Vec<i64>,
    step: i64,
}

impl Trainer {
    /// An empty learner.
    pub fn new() -> Trainer {
        Trainer {
            trans: vec![0; TRANS],
            trans_acc: vec![0; TRANS],
            step: 1,
            ..Trainer::default()
        }
    }

    /// Row of a feature, created if new.
    pub fn row(&mut self, hash: u64) -> u32 {
        let next = self.hashes.len() as u32;
        let r = *self.index.entry(hash).or_insert(next);
        if r == next {
            self.hashes.push(hash);
            self.w.extend([0; LABELS]);
            self.acc.extend([0; LABELS]);
        }
        r
    }

    /// Emission scores of one token from its feature rows, with current weights.
    fn emission(&self, rows: &[u32]) -> [f32; LABELS] {
        let mut e = [0f32; LABELS];
        for &r in rows {
            let row = &self.w[r as usize * LABELS..(r as usize + 1) * LABELS];
            for (a, &b) in e.iter_mut().zip(row) {
                *a += b as f32;
            }
        }
        e
    }

    /// Tags a sentence with the current weights.
    pub fn predict(&self, rows: &[Vec<u32>]) -> Vec<usize> {
        let em: Vec<[f32; LABELS]> = rows.iter().map(|r| self.emission(r)).collect();
        let trans: Vec<f32> = self.trans.iter().map(|&x| x as f32).collect();
        viterbi(&em, &trans)
    }

    /// Learns from one sentence: moves weights from the predicted towards the gold labels.
    pub fn update(&mut self, rows: &[Vec<u32>], gold: &[usize], pred: &[usize]) {
        if gold == pred {
            self.step += 1;
            return;
        }
        let c = self.step;
        for (i, r) in rows.iter().enumerate() {
            if gold[i] == pred[i] {
                continue;
            }
            for &f in r {
                let base = f as usize * LABELS;
                for (l, d) in [(gold[i], 1), (pred[i], -1)] {
                    self.w[base + l] += d;
                    self.acc[base + l] += c * i64::from(d);
                }
            }
        }
        let bump = |t: &mut Vec<i32>, ta: &mut Vec<i64>, k: usize, d: i32| {
            t[k] += d;
            ta[k] += c * i64::from(d);
        };
        for (labels, d) in [(gold, 1), (pred, -1)] {
            bump(
                &mut self.trans,
                &mut self.trans_acc,
                LABELS * LABELS + labels[0],
                d,
            );
            for k in 1..labels.len() {
                bump(
                    &mut self.trans,
                    &mut self.trans_acc,
                    labels[k - 1] * LABELS + labels[k],
                    d,
                );
            }
        }
        self.step += 1;
    }

    /// The averaged weights, keeping only features with a non-zero row.
    pub fn averaged(&self) -> Weights {
        let c = self.step as f64;
        let avg = |w: i32, a: i64| (f64::from(w) - a as f64 / c) as f32;
        let mut index = FeatureIndex::default();
        let mut rows = Vec::new();
        for (r, &h) in self.hashes.iter().enumerate() {
            let row: Vec<f32> = (0..LABELS)
                .map(|l| avg(self.w[r * LABELS + l], self.acc[r * LABELS + l]))
                .collect();
            if row.iter().any(|&x| x.abs() > 1e-4) {
                index.insert(h, (rows.len() / LABELS) as u32);
                rows.extend(row);
            }
        }
        let trans = self
            .trans
            .iter()
            .zip(&self.trans_acc)
            .map(|(&w, &a)| avg(w, a))
            .collect();
        Weights { index, rows, trans }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_round_trip() {
        let spans = vec![(0, 1, 0), (2, 2, 2), (4, 6, 1)];
        let labels = encode(7, &spans);
        assert_eq!(decode(&labels), spans);
    }

    #[test]
    fn viterbi_only_returns_well_formed_sequences() {
        // Emissions favour an ill-formed "I-PER" at the start; decoding must not produce it.
        let mut em = vec![[0f32; LABELS]; 2];
        em[0][label(0, 1)] = 5.0;
        em[1][label(0, 1)] = 5.0;
        let labels = viterbi(&em, &vec![0.0; TRANS]);
        assert!(allowed(None, labels[0]));
        assert!(allowed(Some(labels[0]), labels[1]));
        assert!(may_end(labels[1]));
    }
}
