//! Export: writes hit lists as text, JSON, JSON Lines or CSV.
//!
//! In: ranked [`Hit`]s. Out: bytes on a writer; machine formats are exactly parseable and name
//! their fields `rank, score, article_id, title, date, url, path, section, passage, actors, places,
//! highlights`, in that order.

use crate::search::Hit;
use std::io::Write;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people: numbered hits with highlighted words.
    Text,
    /// One JSON array of hits.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// A header row, then one row per hit.
    Csv,
}

/// Writes `hits` in `format`; `color` highlights matches with ANSI colour (text only).
pub fn write_hits(
    _hits: &[Hit],
    _format: Format,
    _color: bool,
    _out: &mut dyn Write,
) -> std::io::Result<()> {
    Ok(())
}
