//! The scorer's protocol (`../shared/eval/ner_score.py --cmd`): JSON lines `{"id", "text"}` in,
//! one line `{"id", "entities": [{start, end, label, name}]}` out per input line, offsets in
//! characters. `newsdex entities` speaks it, so the scorer can judge the whole recogniser.

use super::{Label, Recognizer};
use std::io::{BufRead, Write};

/// Why the protocol stopped.
#[derive(Debug, thiserror::Error)]
pub enum ProtocolError {
    /// Reading the input or writing the output failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// An input line is not `{"id", "text"}`.
    #[error("input line {line}: expected {{\"id\", \"text\"}}: {reason}")]
    BadLine {
        /// The line number, from 1.
        line: usize,
        /// What serde_json found wrong.
        reason: String,
    },
}

#[derive(serde::Deserialize)]
struct In {
    id: serde_json::Value,
    text: String,
}

#[derive(serde::Serialize)]
struct Entity<'a> {
    start: usize,
    end: usize,
    label: Label,
    name: &'a str,
}

/// Answers every line of `input` on `out`; blank lines are passed over.
pub fn protocol(input: impl BufRead, mut out: impl Write) -> Result<(), ProtocolError> {
    let recognizer = Recognizer::new();
    for (n, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let request: In = serde_json::from_str(&line).map_err(|e| ProtocolError::BadLine {
            line: n + 1,
            reason: e.to_string(),
        })?;
        let mentions = recognizer.text(&request.text);
        let entities: Vec<Entity> = mentions
            .iter()
            .map(|m| Entity {
                start: m.start,
                end: m.end,
                label: m.label,
                name: &m.name,
            })
            .collect();
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({ "id": request.id, "entities": entities }),
        )
        .map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
