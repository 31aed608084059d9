//! Streamed hit lists: one hit at a time into text, JSON, JSON Lines, CSV or XLSX.
//!
//! In: [`Hit`]s one by one (from [`crate::search::Searcher::each_hit`] for `--all`, or a list
//! through [`super::write_hits`]). Out: the list in its format, without holding it. XLSX
//! rows go through `rust_xlsxwriter`'s constant-memory mode (rows are flushed to a temporary
//! file as they are written), so it does not hold them either; the workbook is assembled when
//! the stream finishes. A cell holds at most [`XLSX_MAX_CHARS`] characters (Excel's limit);
//! longer passages are cut there.

use super::{csv_record, formula_like, write_text_hit, Cells, Format, CSV_HEADER};
use crate::search::Hit;
use rust_xlsxwriter::{Format as CellFormat, Workbook, XlsxError};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Longest text Excel keeps in one cell.
pub const XLSX_MAX_CHARS: usize = 32_767;
/// Rows of an Excel sheet, the header included.
pub const XLSX_MAX_ROWS: u32 = 1_048_576;

/// Why a hit list could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The XLSX library failed.
    #[error(
        "cannot write the spreadsheet {path}: {reason} (check the folder exists and you may \
         write there, or use --format csv)"
    )]
    Xlsx {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// More hits than an Excel sheet has rows.
    #[error("more than {} hits do not fit in one spreadsheet: use --format csv or jsonl", XLSX_MAX_ROWS - 1)]
    TooManyRows,
    /// XLSX is a file format, not a stream.
    #[error("--format xlsx needs --output FILE")]
    XlsxNeedsFile,
    /// The output file cannot be made.
    #[error("cannot write {path} ({source}): check the folder exists and you may write there")]
    Create {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// A list of JSON values written one at a time: one array, or one value per line (JSON Lines).
/// Hit lists and `newsdex extract` records are written through it.
pub struct JsonStream<'a> {
    out: &'a mut dyn Write,
    lines: bool,
    written: usize,
}

impl<'a> JsonStream<'a> {
    /// A stream into `out`: JSON Lines when `lines`, else one array.
    pub fn new(out: &'a mut dyn Write, lines: bool) -> std::io::Result<JsonStream<'a>> {
        if !lines {
            out.write_all(b"[")?;
        }
        Ok(JsonStream {
            out,
            lines,
            written: 0,
        })
    }

    /// Writes one value.
    pub fn write(&mut self, value: &impl serde::Serialize) -> std::io::Result<()> {
        if !self.lines && self.written > 0 {
            self.out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *self.out, value)?;
        if self.lines {
            self.out.write_all(b"\n")?;
        }
        self.written += 1;
        Ok(())
    }

    /// Closes the list (the array's `]`) and flushes; returns the number of values written.
    pub fn finish(self) -> std::io::Result<usize> {
        if !self.lines {
            self.out.write_all(b"]\n")?;
        }
        self.out.flush()?;
        Ok(self.written)
    }
}

/// Where the hits go.
enum Sink<'a> {
    Text(&'a mut dyn Write, bool),
    Json(JsonStream<'a>),
    Csv(Box<csv::Writer<&'a mut dyn Write>>),
    Xlsx(Box<Sheet>),
}

/// A workbook being filled row by row.
struct Sheet {
    workbook: Workbook,
    path: PathBuf,
}

/// Writes hits one at a time; [`HitStream::finish`] closes the list.
pub struct HitStream<'a> {
    sink: Sink<'a>,
    written: usize,
    cells: Cells,
}

impl<'a> HitStream<'a> {
    /// A stream into `out` in `format` (all formats but XLSX); `color` as in [`super::write_hits`].
    pub fn new(
        format: Format,
        color: bool,
        out: &'a mut dyn Write,
    ) -> Result<HitStream<'a>, ExportError> {
        let sink = match format {
            Format::Text => Sink::Text(out, color),
            Format::Json => Sink::Json(JsonStream::new(out, false)?),
            Format::Jsonl => Sink::Json(JsonStream::new(out, true)?),
            Format::Csv => {
                let mut csv = csv::Writer::from_writer(out);
                csv.write_record(CSV_HEADER).map_err(csv_io)?;
                Sink::Csv(Box::new(csv))
            }
            Format::Xlsx => return Err(ExportError::XlsxNeedsFile),
        };
        Ok(HitStream {
            sink,
            written: 0,
            cells: Cells::default(),
        })
    }

    /// Writes CSV and XLSX cells as `cells` says (guarded against formulas unless told).
    pub fn cells(mut self, cells: Cells) -> Self {
        self.cells = cells;
        self
    }

    /// A stream into a new XLSX workbook at `path`, one sheet, columns as [`CSV_HEADER`].
    pub fn xlsx(path: &Path) -> Result<HitStream<'a>, ExportError> {
        let fail = |e: XlsxError| ExportError::Xlsx {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        let mut workbook = Workbook::new();
        let header = CellFormat::new().set_bold();
        let sheet = workbook
            .add_worksheet_with_constant_memory()
            .map_err(fail)?;
        sheet.set_name("hits").map_err(fail)?;
        for (col, name) in CSV_HEADER.iter().enumerate() {
            sheet
                .write_string_with_format(0, col as u16, *name, &header)
                .map_err(fail)?;
        }
        Ok(HitStream {
            sink: Sink::Xlsx(Box::new(Sheet {
                workbook,
                path: path.to_path_buf(),
            })),
            written: 0,
            cells: Cells::default(),
        })
    }

    /// Writes one hit.
    pub fn write(&mut self, hit: &Hit) -> Result<(), ExportError> {
        let first = self.written == 0;
        match &mut self.sink {
            Sink::Text(out, color) => {
                if !first {
                    writeln!(out)?;
                }
                write_text_hit(hit, *color, *out)?;
            }
            Sink::Json(json) => json.write(hit)?,
            Sink::Csv(csv) => {
                let mut record = csv_record(hit);
                if self.cells == Cells::Guarded {
                    for (col, cell) in record.iter_mut().enumerate() {
                        if formula_like(col, cell) {
                            cell.insert(0, '\'');
                        }
                    }
                }
                csv.write_record(record).map_err(csv_io)?
            }
            Sink::Xlsx(sheet) => sheet.row(self.written, hit, self.cells)?,
        }
        self.written += 1;
        Ok(())
    }

    /// Closes the list (JSON's `]`, the XLSX file); returns the number of hits written.
    pub fn finish(self) -> Result<usize, ExportError> {
        match self.sink {
            Sink::Text(out, _) => out.flush()?,
            Sink::Json(json) => {
                json.finish()?;
            }
            Sink::Csv(mut csv) => csv.flush()?,
            Sink::Xlsx(mut sheet) => {
                let path = sheet.path.clone();
                sheet.workbook.save(&path).map_err(|e| ExportError::Xlsx {
                    path,
                    reason: e.to_string(),
                })?;
            }
        }
        Ok(self.written)
    }
}

impl Sheet {
    /// Writes `hit` as data row `index` (after the header): numbers as numbers, text cut to
    /// what a cell holds.
    fn row(&mut self, index: usize, hit: &Hit, cells: Cells) -> Result<(), ExportError> {
        let row = u32::try_from(index + 1)
            .ok()
            .filter(|&r| r < XLSX_MAX_ROWS)
            .ok_or(ExportError::TooManyRows)?;
        let path = self.path.clone();
        let fail = |e: XlsxError| ExportError::Xlsx {
            path: path.clone(),
            reason: e.to_string(),
        };
        let sheet = self.workbook.worksheet_from_index(0).map_err(fail)?;
        let quoted = CellFormat::new().set_quote_prefix();
        for (index, cell) in csv_record(hit).into_iter().enumerate() {
            let col = index as u16;
            // Rank and score are numbers a spreadsheet can sort and sum.
            if col <= 1 {
                if let Ok(n) = cell.parse::<f64>() {
                    sheet.write_number(row, col, n).map_err(fail)?;
                    continue;
                }
            }
            let text = cut(&cell, XLSX_MAX_CHARS);
            if cells == Cells::Guarded && formula_like(index, text) {
                sheet
                    .write_string_with_format(row, col, text, &quoted)
                    .map_err(fail)?;
            } else {
                sheet.write_string(row, col, text).map_err(fail)?;
            }
        }
        Ok(())
    }
}

/// A CSV error as an I/O error of the same kind (the csv crate's own conversion makes every
/// kind `Other`, so a closed pipe would no longer read as one).
fn csv_io(err: csv::Error) -> std::io::Error {
    let kind = match err.kind() {
        csv::ErrorKind::Io(io) => io.kind(),
        _ => std::io::ErrorKind::Other,
    };
    std::io::Error::new(kind, err)
}

/// The first `max` characters of `text`.
fn cut(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Section;

    fn hit(rank: usize, passage: &str) -> Hit {
        Hit {
            rank,
            score: 1.5,
            article_id: format!("a{rank}"),
            title: "T, \"q\"".into(),
            date: None,
            url: None,
            path: "p.html".into(),
            section: Section::Body,
            passage: passage.into(),
            actors: vec!["A".into()],
            places: vec![],
            highlights: vec![[0, 1]],
            matched_words: 2,
            query_words: 3,
        }
    }

    /// A hit whose title, passage and actor a spreadsheet would run as formulas.
    fn hostile() -> Hit {
        let mut h = hit(1, "-2+3 said the minister");
        h.title = "=HYPERLINK(\"http://evil.example\",\"Click\")".into();
        h.actors = vec!["@SUM(A1)".into()];
        h
    }

    fn csv_row(cells: Cells) -> Vec<String> {
        let mut out = Vec::new();
        let mut s = HitStream::new(Format::Csv, false, &mut out)
            .unwrap()
            .cells(cells);
        s.write(&hostile()).unwrap();
        s.finish().unwrap();
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let row = reader.records().next().unwrap().unwrap();
        row.iter().map(String::from).collect()
    }

    #[test]
    fn csv_cells_that_would_run_as_formulas_are_kept_as_text() {
        let row = csv_row(Cells::Guarded);
        assert_eq!(row[3], "'=HYPERLINK(\"http://evil.example\",\"Click\")");
        assert_eq!(row[8], "'-2+3 said the minister");
        assert_eq!(row[9], "'@SUM(A1)");
        // Numbers and harmless text are untouched.
        assert_eq!(row[0], "1");
        assert_eq!(row[1], "1.5");
        assert_eq!(row[2], "a1");

        let raw = csv_row(Cells::Raw);
        assert_eq!(raw[3], hostile().title);
        assert_eq!(raw[8], "-2+3 said the minister");
    }

    /// The workbook's shared strings and styles, as XML text.
    fn xlsx_parts(cells: Cells) -> (String, String) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hits.xlsx");
        let mut s = HitStream::xlsx(&path).unwrap().cells(cells);
        s.write(&hostile()).unwrap();
        s.finish().unwrap();
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        let mut part = |name: &str| {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
            text
        };
        let sheet = part("xl/worksheets/sheet1.xml");
        let styles = part("xl/styles.xml");
        (sheet, styles)
    }

    #[test]
    fn xlsx_cells_that_would_run_as_formulas_are_quote_prefixed_text() {
        let (sheet, styles) = xlsx_parts(Cells::Guarded);
        assert!(styles.contains("quotePrefix=\"1\""), "{styles}");
        // The text is unchanged, stored as a string, never as a formula.
        assert!(sheet.contains("=HYPERLINK("), "{sheet}");
        assert!(!sheet.contains("<f>"), "{sheet}");
        let (_, raw_styles) = xlsx_parts(Cells::Raw);
        assert!(!raw_styles.contains("quotePrefix"), "{raw_styles}");
    }

    #[test]
    fn empty_json_is_an_empty_array_and_xlsx_needs_a_file() {
        let mut out = Vec::new();
        HitStream::new(Format::Json, false, &mut out)
            .unwrap()
            .finish()
            .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "[]\n");
        let mut out = Vec::new();
        assert!(matches!(
            HitStream::new(Format::Xlsx, false, &mut out),
            Err(ExportError::XlsxNeedsFile)
        ));
    }

    #[test]
    fn xlsx_is_a_zip_workbook_and_long_cells_are_cut() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hits.xlsx");
        let mut s = HitStream::xlsx(&path).unwrap();
        s.write(&hit(1, &"é".repeat(XLSX_MAX_CHARS + 10))).unwrap();
        s.write(&hit(2, "short")).unwrap();
        assert_eq!(s.finish().unwrap(), 2);
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        assert_eq!(cut("abc", 2), "ab");
        assert_eq!(cut("ab", 5), "ab");
    }
}
