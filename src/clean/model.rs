//! Block model: how likely a block of a flattened page is article text, from its features.
//!
//! In: one row of [`FEATURES`] per block (built by `classify`). Out: a probability per block.
//! The model is a logistic regression whose weights `newsdex train-cleaner` learns from pages
//! with gold text and writes to `models/blocks.json`; the file is built into the binary.

use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The names of the features, in the order of a row.
pub(crate) const FEATURES: &[&str] = &[
    "log_chars",
    "link_share",
    "sentences_per_100_chars",
    "ends_sentence",
    "paragraph",
    "heading",
    "list_item",
    "quote_or_pre",
    "cell",
    "loose_text",
    "in_named_box",
    "in_real_box",
    "in_content_element",
    "in_text_element",
    "in_bio_element",
    "position",
    "standfirst",
    "furniture_line",
    "date_line",
    "label",
    "digit_share",
    "word_length",
    "line_breaks",
    "prev_log_chars",
    "next_log_chars",
    "rule_weight",
];

/// Features per block.
pub(crate) const N: usize = FEATURES.len();

/// One block's features.
pub(crate) type Row = [f64; N];

/// Weights of the logistic regression over standardised features.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockModel {
    /// Feature names, checked against [`FEATURES`] when loaded.
    pub features: Vec<String>,
    /// Mean of each feature over the training blocks.
    pub mean: Vec<f64>,
    /// Standard deviation of each feature (1 where it was 0).
    pub scale: Vec<f64>,
    /// Weight of each standardised feature.
    pub weights: Vec<f64>,
    /// Intercept.
    pub bias: f64,
    /// Share of a block's weight that comes from the model, the rest from the rule; chosen on
    /// the tune halves of `benches/extract_quality.py` (see the README).
    pub blend: f64,
}

/// The blend a newly trained model gets: of 1, 0.5 and 0.25, the best on the tune halves.
pub const DEFAULT_BLEND: f64 = 0.25;

/// The model shipped with newsdex.
pub(crate) static MODEL: LazyLock<BlockModel> = LazyLock::new(|| {
    let model: BlockModel = serde_json::from_str(include_str!("../../models/blocks.json"))
        .expect("models/blocks.json is a block model");
    assert!(
        model
            .features
            .iter()
            .map(String::as_str)
            .eq(FEATURES.iter().copied())
            && model.fits()
            && (0.0..=1.0).contains(&model.blend),
        "models/blocks.json was trained on other features: run `newsdex train-cleaner`"
    );
    model
});

impl BlockModel {
    /// Whether every vector has one entry per feature.
    fn fits(&self) -> bool {
        [&self.mean, &self.scale, &self.weights]
            .iter()
            .all(|v| v.len() == N)
    }

    /// The probability that the block of `row` is article text.
    pub(crate) fn probability(&self, row: &Row) -> f64 {
        let z: f64 = row
            .iter()
            .zip(&self.mean)
            .zip(&self.scale)
            .zip(&self.weights)
            .map(|(((x, m), s), w)| w * (x - m) / s)
            .sum::<f64>()
            + self.bias;
        1.0 / (1.0 + (-z).exp())
    }

    /// Fits the model to `rows` labelled `labels` (true: article text), each counted `weight`
    /// times: standardisation, then gradient descent on the weighted log loss with a small L2
    /// penalty. Deterministic.
    pub fn fit(rows: &[Row], labels: &[bool], weight: &[f64]) -> BlockModel {
        let total: f64 = weight.iter().sum::<f64>().max(f64::MIN_POSITIVE);
        let mut mean = vec![0.0; N];
        let mut scale = vec![0.0; N];
        for (row, w) in rows.iter().zip(weight) {
            for k in 0..N {
                mean[k] += w * row[k] / total;
            }
        }
        for (row, w) in rows.iter().zip(weight) {
            for k in 0..N {
                scale[k] += w * (row[k] - mean[k]).powi(2) / total;
            }
        }
        for s in &mut scale {
            *s = if *s > 1e-12 { s.sqrt() } else { 1.0 };
        }
        let z: Vec<Row> = rows
            .iter()
            .map(|row| std::array::from_fn(|k| (row[k] - mean[k]) / scale[k]))
            .collect();
        // Full-batch gradient descent with Adam steps: a convex problem of a few dozen weights,
        // so a fixed number of steps reaches the same optimum every run.
        const STEPS: usize = 600;
        const RATE: f64 = 0.05;
        const L2: f64 = 1e-4;
        let mut w = vec![0.0; N + 1];
        let (mut m1, mut m2) = (vec![0.0; N + 1], vec![0.0; N + 1]);
        for step in 1..=STEPS {
            let mut grad = vec![0.0; N + 1];
            for ((row, &y), &c) in z.iter().zip(labels).zip(weight) {
                let s: f64 = row.iter().zip(&w).map(|(x, w)| x * w).sum::<f64>() + w[N];
                let p = 1.0 / (1.0 + (-s).exp());
                let err = c * (p - f64::from(u8::from(y))) / total;
                for k in 0..N {
                    grad[k] += err * row[k];
                }
                grad[N] += err;
            }
            for k in 0..N {
                grad[k] += L2 * w[k];
            }
            let (b1, b2) = (0.9f64, 0.999f64);
            for k in 0..=N {
                m1[k] = b1 * m1[k] + (1.0 - b1) * grad[k];
                m2[k] = b2 * m2[k] + (1.0 - b2) * grad[k] * grad[k];
                let hat1 = m1[k] / (1.0 - b1.powi(step as i32));
                let hat2 = m2[k] / (1.0 - b2.powi(step as i32));
                w[k] -= RATE * hat1 / (hat2.sqrt() + 1e-9);
            }
        }
        BlockModel {
            features: FEATURES.iter().map(|s| s.to_string()).collect(),
            mean,
            scale,
            weights: w[..N].to_vec(),
            bias: w[N],
            blend: DEFAULT_BLEND,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_loads_and_fits_the_features() {
        assert_eq!(MODEL.features.len(), N);
    }

    #[test]
    fn fitting_separates_a_separable_feature() {
        let mut rows = Vec::new();
        let mut labels = Vec::new();
        for i in 0..200 {
            let mut row = [0.0; N];
            // Odd rows (the positives) from 2.0 up, even ones from 0.0 up: apart by a margin.
            row[0] = 2.0 * f64::from(i % 2) + 0.001 * f64::from(i);
            rows.push(row);
            labels.push(i % 2 == 1);
        }
        let model = BlockModel::fit(&rows, &labels, &vec![1.0; rows.len()]);
        let mut yes = [0.0; N];
        yes[0] = 2.1;
        let no = [0.0; N];
        assert!(model.probability(&yes) > 0.9, "{}", model.probability(&yes));
        assert!(model.probability(&no) < 0.1, "{}", model.probability(&no));
    }
}
