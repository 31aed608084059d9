//! Training the block model from pages whose article text is known.
//!
//! In: a JSON Lines file, one page per line: `{"html": PATH, "body": GOLD TEXT}` (the path may
//! be gzipped; a relative one is read from the file's folder). Out: a fitted [`BlockModel`] and
//! how well it labels the training blocks. Each block is labelled article text when most of its
//! word triples (its words, for one or two) occur in the gold text.

use super::model::{BlockModel, Row};
use super::{charset, classify, flattened, CleanError};
use crate::ingest::{self, Event, Limits};
use serde::Deserialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One line of the training file.
#[derive(Debug, Deserialize)]
struct Example {
    html: PathBuf,
    body: String,
}

/// Why training failed.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    /// The training file could not be read (the cause is in the message, not the chain).
    #[error("{path}: {cause}")]
    Io {
        /// The file.
        path: String,
        /// The error.
        cause: std::io::Error,
    },
    /// A line of the training file is not an example.
    #[error("{path}:{line}: not a training example ({message}); each line is {{\"html\": PATH, \"body\": TEXT}}")]
    Line {
        /// The file.
        path: String,
        /// Its line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// No page could be read.
    #[error("no page of {0} could be read: nothing to learn from")]
    Empty(String),
}

/// What training saw and how well the fitted model labels the training blocks.
#[derive(Debug, Default)]
pub struct TrainReport {
    /// Pages read.
    pub pages: usize,
    /// Pages that could not be read or cleaned (path and reason).
    pub failed: Vec<(String, String)>,
    /// Blocks outside comment threads.
    pub blocks: usize,
    /// Of them, labelled article text.
    pub body_blocks: usize,
    /// Share of the blocks' characters labelled right by the fitted model.
    pub accuracy: f64,
}

/// Learns the block model from the examples in `pairs`.
pub fn train_blocks(pairs: &Path) -> Result<(BlockModel, TrainReport), TrainError> {
    let name = pairs.display().to_string();
    let text = std::fs::read_to_string(pairs).map_err(|cause| TrainError::Io {
        path: name.clone(),
        cause,
    })?;
    let dir = pairs.parent().unwrap_or(Path::new("."));
    let mut report = TrainReport::default();
    let (mut rows, mut labels, mut weights) = (Vec::new(), Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let ex: Example = serde_json::from_str(line).map_err(|e| TrainError::Line {
            path: name.clone(),
            line: i + 1,
            message: e.to_string(),
        })?;
        let path = dir.join(&ex.html);
        match page_rows(&path) {
            Ok(blocks) => {
                report.pages += 1;
                let gold = Gold::new(&ex.body);
                for (row, text, chars) in blocks {
                    let body = gold.holds(&text);
                    report.blocks += 1;
                    report.body_blocks += usize::from(body);
                    rows.push(row);
                    labels.push(body);
                    // Long blocks carry most of the text a reader gets right or wrong.
                    weights.push(f64::from(chars).sqrt());
                }
            }
            Err(why) => report.failed.push((path.display().to_string(), why)),
        }
    }
    if report.pages == 0 {
        return Err(TrainError::Empty(name));
    }
    let model = BlockModel::fit(&rows, &labels, &weights);
    let (mut right, mut all) = (0.0, 0.0);
    for ((row, &y), w) in rows.iter().zip(&labels).zip(&weights) {
        let chars = w * w;
        all += chars;
        if (model.probability(row) >= 0.5) == y {
            right += chars;
        }
    }
    report.accuracy = right / f64::max(all, 1.0);
    Ok((model, report))
}

/// The feature rows, texts and sizes of the blocks of one page, outside comment threads.
fn page_rows(path: &Path) -> Result<Vec<(Row, String, u32)>, String> {
    let doc = match ingest::read(&[path.to_path_buf()], Limits::default()).next() {
        Some(Event::Doc(doc)) => doc,
        Some(Event::Failed { error, .. }) => return Err(error.to_string()),
        _ => return Err("not a page".into()),
    };
    let text = charset::decode(&doc.bytes, true).map_err(|e: CleanError| e.to_string())?;
    let page = flattened(&text);
    let (_, _, rows) = classify::model_inputs(&page);
    Ok(page
        .blocks
        .into_iter()
        .zip(rows)
        .filter(|(b, _)| b.comment.is_none())
        .map(|(b, row)| (row, b.text, b.chars))
        .collect())
}

/// The gold text's runs of one, two and three words (joined by a space), to test blocks against.
struct Gold(HashSet<String>);

/// Lower-cased words (letters and digits).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

impl Gold {
    fn new(text: &str) -> Gold {
        let w = words(text);
        Gold(
            (1..=3)
                .flat_map(|n| w.windows(n).map(|g| g.join(" ")))
                .collect(),
        )
    }

    /// Whether most of `text` occurs in the gold text: its word triples, or all of a text of one
    /// or two words.
    fn holds(&self, text: &str) -> bool {
        let w = words(text);
        if w.len() < 3 {
            return !w.is_empty() && self.0.contains(&w.join(" "));
        }
        let found = w
            .windows(3)
            .filter(|t| self.0.contains(&t.join(" ")))
            .count();
        found * 2 >= w.len() - 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_labelled_by_the_gold_text_they_share() {
        let gold =
            Gold::new("The council voted on Tuesday to close the bridge. Repairs start in May.");
        assert!(gold.holds("The council voted on Tuesday to close the bridge."));
        assert!(gold.holds("Repairs start"));
        assert!(!gold.holds("Share this story on Facebook"));
        assert!(!gold.holds("Sign up"));
    }

    #[test]
    fn a_model_trained_on_a_page_prefers_its_gold_text_and_bad_lines_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let para = "The council voted on Tuesday to close the old ferry pier, which has stood \
                    since 1912. Repairs would have cost more than a new one.";
        let page = format!(
            r#"<html><body><ul class="menu"><li><a href="/">Home</a></li><li><a href="/n">News</a></li>
            <li><a href="/s">Sport</a></li></ul><article><h1>Pier to close</h1><p>{para}</p><p>{para} Again.</p>
            </article><div class="related"><a href="/x">Ten things to do this weekend</a></div></body></html>"#
        );
        std::fs::write(dir.path().join("page.html"), page).unwrap();
        let pairs = dir.path().join("pairs.jsonl");
        let line =
            serde_json::json!({"html": "page.html", "body": format!("{para}\n{para} Again.")});
        std::fs::write(&pairs, format!("{line}\n")).unwrap();
        let (model, report) = train_blocks(&pairs).unwrap();
        assert_eq!((report.pages, report.failed.len()), (1, 0));
        assert_eq!(report.body_blocks, 2, "{report:?}");
        let rows = page_rows(&dir.path().join("page.html")).unwrap();
        let p = |needle: &str| {
            let (row, _, _) = rows.iter().find(|(_, t, _)| t.contains(needle)).unwrap();
            model.probability(row)
        };
        assert!(
            p("council") > p("Ten things"),
            "{} {}",
            p("council"),
            p("Ten things")
        );

        std::fs::write(&pairs, "{\"html\": 3}\n").unwrap();
        let err = train_blocks(&pairs).unwrap_err().to_string();
        assert!(
            err.contains("pairs.jsonl:1") && err.contains("html"),
            "{err}"
        );
    }
}
