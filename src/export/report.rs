//! Reports: facets, timelines and index stats as aligned text, JSON or CSV.
//!
//! In: [`Facets`] with [`Pair`]s, a [`Timeline`], or [`Stats`]. Out: bytes on a writer. Text is
//! for a terminal: titled tables whose number columns are right-aligned. JSON is one object
//! (the structures' fields). CSV is one table: facets as `kind,actor,place,articles` rows
//! (`kind` is `actor`, `place` or `pair`), timelines as `period,start,articles` rows.

use super::chart;
use crate::choice::Choice;
use crate::search::{Facets, NameCount, Pair, Stats, Timeline};
use serde::Serialize;
use std::io::Write;

crate::choices! {
    /// An output format for reports.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ReportFormat {
        Text = "text": "Aligned tables (and bar charts) for a terminal",
        Json = "json": "One JSON object",
        Csv = "csv": "One CSV table",
    }
}

/// Columns of the terminal standard output goes to ($COLUMNS first), else 60.
pub fn terminal_width() -> usize {
    const DEFAULT: usize = 60;
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return DEFAULT;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .filter(|&c: &usize| c >= 20)
        .unwrap_or(DEFAULT)
}

/// A facet report: the counts and the actor x place pairs, as `facets --format json` writes it.
#[derive(Debug, Serialize)]
pub struct FacetReport<'a> {
    articles: usize,
    actors: Vec<Named<'a>>,
    places: Vec<Named<'a>>,
    pairs: &'a [Pair],
}

impl<'a> FacetReport<'a> {
    /// The report of `facets` and their `pairs`.
    pub fn new(facets: &'a Facets, pairs: &'a [Pair]) -> FacetReport<'a> {
        FacetReport {
            articles: facets.articles,
            actors: named(&facets.actors),
            places: named(&facets.places),
            pairs,
        }
    }
}

/// A name and its number of articles.
#[derive(Debug, Serialize)]
struct Named<'a> {
    name: &'a str,
    articles: usize,
}

fn named(list: &[(String, usize)]) -> Vec<Named<'_>> {
    list.iter()
        .map(|(name, articles)| Named {
            name,
            articles: *articles,
        })
        .collect()
}

/// Writes the facets of a request and its top pairs.
pub fn write_facets(
    facets: &Facets,
    pairs: &[Pair],
    format: ReportFormat,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &FacetReport::new(facets, pairs))?;
            writeln!(out)
        }
        ReportFormat::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(["kind", "actor", "place", "articles"])?;
            for (name, n) in &facets.actors {
                csv.write_record(["actor", name, "", &n.to_string()])?;
            }
            for (name, n) in &facets.places {
                csv.write_record(["place", "", name, &n.to_string()])?;
            }
            for p in pairs {
                csv.write_record(["pair", &p.actor, &p.place, &p.articles.to_string()])?;
            }
            csv.flush()
        }
        ReportFormat::Text => {
            writeln!(out, "{} matching articles", facets.articles)?;
            let rows = |list: &[(String, usize)]| -> Vec<Vec<String>> {
                list.iter()
                    .map(|(name, n)| vec![name.clone(), n.to_string()])
                    .collect()
            };
            writeln!(out)?;
            table(out, &["Actor", "Articles"], &rows(&facets.actors))?;
            writeln!(out)?;
            table(out, &["Place", "Articles"], &rows(&facets.places))?;
            writeln!(out)?;
            let pair_rows: Vec<Vec<String>> = pairs
                .iter()
                .map(|p| vec![p.actor.clone(), p.place.clone(), p.articles.to_string()])
                .collect();
            table(out, &["Actor", "Place", "Articles"], &pair_rows)
        }
    }
}

/// Writes a timeline; text draws a bar chart `width` columns wide at most.
pub fn write_timeline(
    timeline: &Timeline,
    format: ReportFormat,
    width: usize,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, timeline)?;
            writeln!(out)
        }
        ReportFormat::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(["period", "start", "articles"])?;
            for b in &timeline.buckets {
                csv.write_record([&b.period, &b.start, &b.articles.to_string()])?;
            }
            csv.flush()
        }
        ReportFormat::Text => {
            writeln!(
                out,
                "{} matching articles{}",
                timeline.articles,
                match timeline.undated {
                    0 => String::new(),
                    n => format!(" ({n} without a date, not charted)"),
                }
            )?;
            chart::write_bars(timeline, width, out)
        }
    }
}

/// Writes index stats; CSV is not offered for them (the caller refuses it).
pub fn write_stats(
    stats: &Stats,
    format: ReportFormat,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if format != ReportFormat::Text {
        serde_json::to_writer_pretty(&mut *out, stats)?;
        return writeln!(out);
    }
    let dash = || "-".to_string();
    let overview = vec![
        vec!["Articles".into(), stats.articles.to_string()],
        vec!["Passages".into(), stats.passages.to_string()],
        vec!["Sources".into(), stats.sources.to_string()],
        vec!["Sites".into(), stats.sites.to_string()],
        vec!["First day".into(), stats.first.clone().unwrap_or_else(dash)],
        vec!["Last day".into(), stats.last.clone().unwrap_or_else(dash)],
        vec!["Undated articles".into(), stats.undated.to_string()],
    ];
    table(out, &["Index", ""], &overview)?;
    writeln!(out)?;
    let sections: Vec<Vec<String>> = stats
        .sections
        .iter()
        .map(|s| {
            vec![
                s.section.name().to_string(),
                s.articles.to_string(),
                s.passages.to_string(),
            ]
        })
        .collect();
    table(out, &["Section", "Articles", "Passages"], &sections)?;
    let rows = |list: &[NameCount]| -> Vec<Vec<String>> {
        list.iter()
            .map(|c| vec![c.name.clone(), c.articles.to_string()])
            .collect()
    };
    writeln!(out)?;
    table(out, &["Actor", "Articles"], &rows(&stats.actors))?;
    writeln!(out)?;
    table(out, &["Place", "Articles"], &rows(&stats.places))
}

/// An aligned table: text columns left-aligned, the last (a number) right-aligned.
fn table(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> std::io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(printable(cell).chars().count());
        }
    }
    // Number columns (after the first) are right-aligned.
    let numeric: Vec<bool> = (0..header.len())
        .map(|i| {
            i > 0
                && rows
                    .iter()
                    .all(|r| r.get(i).is_some_and(|c| is_number_or_day(c)))
        })
        .collect();
    let line = |cells: Vec<String>| -> String {
        let mut parts = Vec::with_capacity(cells.len());
        for (i, cell) in cells.iter().enumerate() {
            let w = widths.get(i).copied().unwrap_or(0);
            let pad = " ".repeat(w.saturating_sub(cell.chars().count()));
            parts.push(if numeric.get(i).copied().unwrap_or(false) {
                format!("{pad}{cell}")
            } else {
                format!("{cell}{pad}")
            });
        }
        parts.join("  ").trim_end().to_string()
    };
    writeln!(
        out,
        "{}",
        line(header.iter().map(|h| h.to_string()).collect())
    )?;
    if rows.is_empty() {
        return writeln!(out, "(none)");
    }
    for row in rows {
        writeln!(out, "{}", line(row.iter().map(|c| printable(c)).collect()))?;
    }
    Ok(())
}

/// True for `12`, `2016-12-13` and `-` (no value): cells aligned to the right.
fn is_number_or_day(cell: &str) -> bool {
    !cell.is_empty() && cell.chars().all(|c| c.is_ascii_digit() || c == '-')
}

/// `text` with control characters replaced so archive text cannot drive the terminal.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facets() -> (Facets, Vec<Pair>) {
        let f = Facets {
            articles: 7,
            actors: vec![("Anatoly Vesnin".into(), 5), ("UN".into(), 12)],
            places: vec![("Aleppo".into(), 6)],
        };
        let p = vec![Pair {
            actor: "Anatoly Vesnin".into(),
            place: "Aleppo, \"old\"".into(),
            articles: 4,
        }];
        (f, p)
    }

    fn render(format: ReportFormat) -> String {
        let (f, p) = facets();
        let mut out = Vec::new();
        write_facets(&f, &p, format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_columns_are_aligned() {
        let out = render(ReportFormat::Text);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "7 matching articles");
        assert_eq!(lines[2], "Actor           Articles");
        assert_eq!(lines[3], "Anatoly Vesnin         5");
        assert_eq!(lines[4], "UN                    12");
        assert!(
            out.contains("Anatoly Vesnin  Aleppo, \"old\"         4"),
            "{out}"
        );
    }

    #[test]
    fn csv_and_json_parse_back() {
        let out = render(ReportFormat::Csv);
        let mut reader = csv::Reader::from_reader(out.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 4);
        assert_eq!(&rows[3][2], "Aleppo, \"old\"");
        assert_eq!(&rows[3][3], "4");
        let v: serde_json::Value = serde_json::from_str(&render(ReportFormat::Json)).unwrap();
        assert_eq!(v["articles"], 7);
        assert_eq!(v["actors"][1]["name"], "UN");
        assert_eq!(v["pairs"][0]["articles"], 4);
    }
}
