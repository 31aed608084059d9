//! Export: writes hit lists as text, JSON, JSON Lines or CSV.
//!
//! In: ranked [`Hit`]s. Out: bytes on a writer; machine formats are exactly parseable and name
//! their fields `rank, score, article_id, title, date, url, path, section, passage, actors, places,
//! highlights`, in that order.
//!
//! Empty lists: text writes nothing (the caller says "No hits."), JSON writes `[]`, JSON Lines
//! nothing, CSV the header row only. In CSV, list cells are joined with `"; "` and highlights
//! are written `start-end` joined with `;`. In text, matched words are wrapped in `[` `]`, or
//! shown bold yellow when `color` is set; control characters from the archive are replaced so a
//! hostile page cannot drive the terminal.
//!
//! Submodules: [`stream`] writes hits one at a time (also as XLSX) for `search --all`;
//! [`report`] writes facets, timelines and stats; [`chart`] draws timelines as bars or pictures.

pub mod chart;
pub mod report;
pub mod stream;

pub use report::{
    terminal_width, write_facets, write_stats, write_timeline, FacetReport, ReportFormat,
};
pub use stream::{ExportError, HitStream, JsonStream};

use crate::choice::Choice;
use crate::search::Hit;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

crate::choices! {
    /// An output format.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Format {
        #[default]
        Text = "text": "For people: numbered hits with highlighted words",
        Json = "json": "One JSON array of hits",
        Jsonl = "jsonl": "One JSON object per line",
        Csv = "csv": "A header row, then one row per hit",
        Xlsx = "xlsx": "An Excel workbook (needs --output FILE), columns as CSV",
    }
}

/// The CSV header, in [`Hit`] field order.
pub const CSV_HEADER: [&str; 14] = [
    "rank",
    "score",
    "article_id",
    "title",
    "date",
    "url",
    "path",
    "section",
    "passage",
    "actors",
    "places",
    "highlights",
    "matched_words",
    "query_words",
];

/// Writes `hits` in `format`; `color` highlights matches with ANSI colour (text only). The same
/// bytes as feeding them one by one to a [`HitStream`], which this does.
pub fn write_hits(
    hits: &[Hit],
    format: Format,
    color: bool,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let mut stream = HitStream::new(format, color, out)?;
    for hit in hits {
        stream.write(hit)?;
    }
    stream.finish().map(drop)
}

crate::choices! {
    /// Whether matched words are coloured in text output.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Color {
        #[default]
        Auto = "auto": "On a terminal, unless NO_COLOR is set",
        Always = "always": "Always",
        Never = "never": "Never",
    }
}

impl Color {
    /// Whether output to `path` (standard output when `None`) is coloured.
    pub fn resolve(self, path: Option<&Path>) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                path.is_none()
                    && std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none()
            }
        }
    }
}

/// Where results go, buffered: the file `path` (created or emptied), or standard output.
pub fn open_output(path: Option<&Path>) -> Result<Box<dyn Write>, ExportError> {
    Ok(match path {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|source| ExportError::Create {
                path: path.to_path_buf(),
                source,
            })?;
            Box::new(BufWriter::new(file))
        }
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    })
}

/// Where a hit list goes and how it looks: what `newsdex search` writes.
#[derive(Debug, Clone, Default)]
pub struct HitOutput {
    /// The format.
    pub format: Format,
    /// A file to write, instead of standard output (XLSX needs one).
    pub path: Option<PathBuf>,
    /// Colour in text output.
    pub color: Color,
    /// Spreadsheet cells guarded or raw.
    pub cells: Cells,
}

impl HitOutput {
    /// Writes the hits that `fill` gives the stream, and returns how many there were. An empty
    /// text list says "No hits for" the `query`.
    pub fn write<E: From<ExportError>>(
        &self,
        query: &str,
        fill: impl FnOnce(&mut HitStream) -> Result<(), E>,
    ) -> Result<usize, E> {
        let xlsx = match (&self.path, self.format) {
            (Some(path), Format::Xlsx) => Some(path),
            (None, Format::Xlsx) => return Err(ExportError::XlsxNeedsFile.into()),
            _ => None,
        };
        let mut out: Box<dyn Write> = match xlsx {
            Some(_) => Box::new(std::io::sink()),
            None => open_output(self.path.as_deref())?,
        };
        let color = self.color.resolve(self.path.as_deref());
        let mut stream = match xlsx {
            Some(path) => HitStream::xlsx(path)?,
            None => HitStream::new(self.format, color, &mut out)?,
        }
        .cells(self.cells);
        fill(&mut stream)?;
        let n = stream.finish()?;
        if n == 0 && self.format == Format::Text {
            writeln!(out, "No hits for {query:?}.").map_err(ExportError::from)?;
        }
        out.flush().map_err(ExportError::from)?;
        Ok(n)
    }
}

/// How the text cells of CSV and XLSX are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Cells {
    /// A cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, tab
    /// or carriage return) is kept as text: in CSV it gets a leading `'`, as OWASP advises
    /// against CSV injection; in XLSX it is marked quote-prefixed, its text unchanged.
    #[default]
    Guarded,
    /// Every cell exactly as in the archive.
    Raw,
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Columns of [`CSV_HEADER`] that hold numbers, written as they are.
const NUMBER_COLUMNS: [usize; 4] = [0, 1, 12, 13];

/// Whether a spreadsheet would run the text cell `cell` of column `col` as a formula.
pub(crate) fn formula_like(col: usize, cell: &str) -> bool {
    !NUMBER_COLUMNS.contains(&col) && cell.starts_with(FORMULA_STARTS)
}

/// The cells of one hit under [`CSV_HEADER`].
pub(crate) fn csv_record(hit: &Hit) -> [String; 14] {
    let highlights: Vec<String> = hit
        .highlights
        .iter()
        .map(|[s, e]| format!("{s}-{e}"))
        .collect();
    [
        hit.rank.to_string(),
        hit.score.to_string(),
        hit.article_id.clone(),
        hit.title.clone(),
        hit.date.clone().unwrap_or_default(),
        hit.url.clone().unwrap_or_default(),
        hit.path.clone(),
        hit.section.name().to_string(),
        hit.passage.clone(),
        hit.actors.join("; "),
        hit.places.join("; "),
        highlights.join(";"),
        hit.matched_words.to_string(),
        hit.query_words.to_string(),
    ]
}

const BOLD_YELLOW: &str = "\x1b[1;33m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// One numbered hit for a terminal or a pager.
fn write_text_hit(hit: &Hit, color: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let title = match hit.title.trim() {
        "" => "(untitled)".to_string(),
        t => clean(t),
    };
    if color {
        writeln!(
            out,
            "{BOLD}{}. {title}{RESET}  (score {:.2})",
            hit.rank, hit.score
        )?;
    } else {
        writeln!(out, "{}. {title}  (score {:.2})", hit.rank, hit.score)?;
    }
    let mut line = vec![hit.date.clone().unwrap_or_else(|| "no date".into())];
    line.push(clean(hit.url.as_deref().unwrap_or(&hit.path)));
    line.push(hit.section.name().to_string());
    if hit.query_words > 1 {
        line.push(format!("{}/{} words", hit.matched_words, hit.query_words));
    }
    writeln!(out, "   {}", line.join("  "))?;
    if !hit.actors.is_empty() {
        writeln!(out, "   actors: {}", clean(&hit.actors.join("; ")))?;
    }
    if !hit.places.is_empty() {
        writeln!(out, "   places: {}", clean(&hit.places.join("; ")))?;
    }
    let marked = mark(&hit.passage, &hit.highlights, color);
    for text_line in marked.lines() {
        writeln!(out, "   {text_line}")?;
    }
    Ok(())
}

/// `text` with the character ranges `spans` wrapped in markers; bad or overlapping spans are
/// skipped rather than trusted.
fn mark(text: &str, spans: &[[usize; 2]], color: bool) -> String {
    let (open, close) = if color {
        (BOLD_YELLOW, RESET)
    } else {
        ("[", "]")
    };
    let mut spans: Vec<[usize; 2]> = spans.iter().copied().filter(|[s, e]| s < e).collect();
    spans.sort_unstable();
    let mut out = String::with_capacity(text.len() + spans.len() * 8);
    let mut next = spans.iter().peekable();
    let mut open_until: Option<usize> = None;
    for (i, c) in text.chars().enumerate() {
        if open_until == Some(i) {
            out.push_str(close);
            open_until = None;
        }
        while next.peek().is_some_and(|[s, _]| *s < i) {
            next.next();
        }
        if open_until.is_none() {
            if let Some([_, e]) = next.next_if(|[s, _]| *s == i) {
                out.push_str(open);
                open_until = Some(*e);
            }
        }
        out.push(printable(c));
    }
    if open_until.is_some() {
        out.push_str(close);
    }
    out
}

/// `text` with control characters other than newline and tab replaced.
fn clean(text: &str) -> String {
    text.chars().map(printable).collect()
}

/// The character itself, or U+FFFD for a control character that could drive a terminal.
fn printable(c: char) -> char {
    if c.is_control() && c != '\n' && c != '\t' {
        '\u{FFFD}'
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Section;

    fn hit(rank: usize, passage: &str, highlights: Vec<[usize; 2]>) -> Hit {
        Hit {
            rank,
            score: 3.25,
            article_id: format!("https://example.org/{rank}"),
            title: "Rebels, \"quoted\"; and, commas".into(),
            date: Some("2024-03-01".into()),
            url: Some(format!("https://example.org/{rank}")),
            path: "a/b.html".into(),
            section: Section::Body,
            passage: passage.into(),
            actors: vec!["Sergei Lavrov".into(), "UN".into()],
            places: vec!["Idlib".into()],
            highlights,
            matched_words: 2,
            query_words: 3,
        }
    }

    fn render(hits: &[Hit], format: Format, color: bool) -> String {
        let mut out = Vec::new();
        write_hits(hits, format, color, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_parses_back_with_field_names_of_hit() {
        let hits = vec![
            hit(1, "Über rebels", vec![[5, 11]]),
            hit(2, "line\nbreak", vec![]),
        ];
        let out = render(&hits, Format::Json, false);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let arr = v.as_array().unwrap();
        assert_eq!(arr.len(), 2);
        let keys: Vec<&str> = arr[0]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = CSV_HEADER.to_vec();
        expected.sort_unstable();
        let mut keys_sorted = keys.clone();
        keys_sorted.sort_unstable();
        assert_eq!(keys_sorted, expected);
        assert_eq!(arr[0]["passage"], "Über rebels");
        assert_eq!(arr[0]["section"], "body");
        assert_eq!(arr[0]["highlights"][0][1], 11);
        assert_eq!(render(&[], Format::Json, false).trim(), "[]");
    }

    #[test]
    fn jsonl_is_one_object_per_line() {
        let hits = vec![hit(1, "a\nb", vec![]), hit(2, "c", vec![])];
        let out = render(&hits, Format::Jsonl, false);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        for (i, line) in lines.iter().enumerate() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["rank"], i + 1);
        }
        assert_eq!(render(&[], Format::Jsonl, false), "");
    }

    #[test]
    fn csv_parses_back_with_exact_columns() {
        let hits = vec![hit(1, "Rebels, \"fled\"\nnorth", vec![[0, 6], [16, 21]])];
        let out = render(&hits, Format::Csv, false);
        let mut reader = csv::Reader::from_reader(out.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, CSV_HEADER);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(&row[0], "1");
        assert_eq!(&row[1], "3.25");
        assert_eq!(&row[3], "Rebels, \"quoted\"; and, commas");
        assert_eq!(&row[8], "Rebels, \"fled\"\nnorth");
        assert_eq!(&row[9], "Sergei Lavrov; UN");
        assert_eq!(&row[10], "Idlib");
        assert_eq!(&row[11], "0-6;16-21");
        let empty = render(&[], Format::Csv, false);
        assert_eq!(empty.lines().count(), 1);
        assert_eq!(empty.trim_end(), CSV_HEADER.join(","));
    }

    #[test]
    fn text_marks_matches_by_characters() {
        let hits = vec![hit(1, "Kämpfer: rebels in Aleppo", vec![[0, 7], [9, 15]])];
        let out = render(&hits, Format::Text, false);
        assert!(out.starts_with("1. Rebels"), "{out}");
        assert!(
            out.contains("2024-03-01  https://example.org/1  body"),
            "{out}"
        );
        assert!(out.contains("[Kämpfer]: [rebels] in Aleppo"), "{out}");
        let colored = render(&hits, Format::Text, true);
        assert!(colored.contains("\x1b[1;33mKämpfer\x1b[0m"), "{colored}");
        assert_eq!(render(&[], Format::Text, false), "");
    }

    #[test]
    fn text_survives_bad_spans_and_control_characters() {
        let hits = vec![hit(1, "ab\x1b[31mcd", vec![[3, 2], [1, 99], [0, 1]])];
        let out = render(&hits, Format::Text, false);
        assert!(!out.contains('\x1b'), "{out:?}");
        assert!(out.contains("[a]"), "{out}");
    }
}
