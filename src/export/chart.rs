//! Charts of a [`Timeline`]: unicode bars for a terminal, PNG and SVG pictures.
//!
//! In: a timeline (and, for pictures, a title and a file). Out: text on a writer, or a file. The
//! pictures are drawn by `plotters` with a font embedded in the program (Ubuntu Light from
//! `epaint_default_fonts`), so no system font library is needed.

use crate::search::Timeline;
use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Eighths of a character cell, for bars drawn to a finer step than one column.
const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
/// The full block.
const FULL: char = '█';
/// Narrowest bar area, even in a very narrow terminal.
const MIN_BAR: usize = 10;
/// Picture size in pixels.
const PICTURE: (u32, u32) = (1000, 500);
/// The font family name the pictures use.
const FONT: &str = "sans-serif";

/// Why a picture could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// Drawing or writing the file failed.
    #[error(
        "cannot draw the chart into {path}: {reason} (check the folder exists and you may \
         write there)"
    )]
    Draw {
        /// The picture file.
        path: PathBuf,
        /// What plotters said.
        reason: String,
    },
    /// The embedded font does not load.
    #[error("the embedded chart font does not load: this newsdex build is broken, rebuild it")]
    Font,
    /// Nothing to draw.
    #[error("no dated articles match: nothing to chart (widen the query or the dates)")]
    Empty,
}

/// One line per period: label, bar, count; bars scaled so the longest fills `width` columns.
pub fn write_bars(timeline: &Timeline, width: usize, out: &mut dyn Write) -> std::io::Result<()> {
    let label_w = timeline
        .buckets
        .iter()
        .map(|b| b.period.chars().count())
        .max()
        .unwrap_or(0);
    let max = timeline
        .buckets
        .iter()
        .map(|b| b.articles)
        .max()
        .unwrap_or(0);
    let count_w = max.to_string().len();
    let bar_w = width.saturating_sub(label_w + count_w + 2).max(MIN_BAR);
    for b in &timeline.buckets {
        let bar = bar(b.articles, max, bar_w);
        let pad = " ".repeat(bar_w - bar.chars().count());
        writeln!(
            out,
            "{:<label_w$} {bar}{pad} {:>count_w$}",
            b.period, b.articles
        )?;
    }
    Ok(())
}

/// A bar of `n` out of `max` over `width` columns, in eighths of a column; never wider.
fn bar(n: usize, max: usize, width: usize) -> String {
    if max == 0 || n == 0 {
        return String::new();
    }
    let eighths = (n as u128 * width as u128 * 8 / max as u128) as usize;
    // A period with articles always shows something.
    let eighths = eighths.max(1);
    let mut s: String = std::iter::repeat_n(FULL, eighths / 8).collect();
    if !eighths.is_multiple_of(8) {
        s.push(EIGHTHS[eighths % 8]);
    }
    s
}

/// Which kind of picture to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    /// PNG bitmap.
    Png,
    /// SVG vector drawing.
    Svg,
}

/// Draws `timeline` as a bar chart titled `title` into `path`.
pub fn draw(
    timeline: &Timeline,
    title: &str,
    kind: Picture,
    path: &Path,
) -> Result<(), ChartError> {
    if timeline.buckets.is_empty() {
        return Err(ChartError::Empty);
    }
    load_font()?;
    let fail = |e: &dyn std::fmt::Display| ChartError::Draw {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    match kind {
        Picture::Png => {
            let area = BitMapBackend::new(path, PICTURE).into_drawing_area();
            plot(&area, timeline, title).map_err(|e| fail(&e))?;
            area.present().map_err(|e| fail(&e))
        }
        Picture::Svg => {
            let area = SVGBackend::new(path, PICTURE).into_drawing_area();
            plot(&area, timeline, title).map_err(|e| fail(&e))?;
            area.present().map_err(|e| fail(&e))
        }
    }
}

/// Registers the embedded font once per process.
fn load_font() -> Result<(), ChartError> {
    static LOADED: OnceLock<bool> = OnceLock::new();
    let ok = *LOADED.get_or_init(|| {
        plotters::style::register_font(FONT, FontStyle::Normal, epaint_default_fonts::UBUNTU_LIGHT)
            .is_ok()
    });
    ok.then_some(()).ok_or(ChartError::Font)
}

/// Draws the bars, axes and labels on `area`.
fn plot<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    timeline: &Timeline,
    title: &str,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    let n = timeline.buckets.len() as u32;
    let max = timeline
        .buckets
        .iter()
        .map(|b| b.articles)
        .max()
        .unwrap_or(0) as u32;
    let mut chart = ChartBuilder::on(area)
        .caption(title, (FONT, 24))
        .margin(16)
        .x_label_area_size(60)
        .y_label_area_size(60)
        // A segmented range holds one segment per value up to and including its end.
        .build_cartesian_2d((0..n.saturating_sub(1).max(1)).into_segmented(), 0..max + 1)?;
    let label = |v: &SegmentValue<u32>| match v {
        SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => timeline
            .buckets
            .get(*i as usize)
            .map(|b| b.period.clone())
            .unwrap_or_default(),
        SegmentValue::Last => String::new(),
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels((n as usize).min(12))
        .x_label_formatter(&label)
        .x_desc(by_name(timeline))
        .y_desc("articles")
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 16))
        .draw()?;
    chart.draw_series(timeline.buckets.iter().enumerate().map(|(i, b)| {
        let i = i as u32;
        let mut bar = Rectangle::new(
            [
                (SegmentValue::Exact(i), 0),
                (SegmentValue::Exact(i + 1), b.articles as u32),
            ],
            BLUE.mix(0.7).filled(),
        );
        bar.set_margin(0, 0, 2, 2);
        bar
    }))?;
    Ok(())
}

/// The period length as a word.
fn by_name(timeline: &Timeline) -> &'static str {
    match timeline.by {
        crate::search::Period::Day => "day",
        crate::search::Period::Week => "week",
        crate::search::Period::Month => "month",
        crate::search::Period::Year => "year",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Bucket, Period};

    fn timeline(counts: &[usize]) -> Timeline {
        Timeline {
            by: Period::Year,
            articles: counts.iter().sum(),
            undated: 0,
            buckets: counts
                .iter()
                .enumerate()
                .map(|(i, &n)| Bucket {
                    period: format!("{}", 2016 + i),
                    start: format!("{}-01-01", 2016 + i),
                    articles: n,
                })
                .collect(),
        }
    }

    #[test]
    fn bars_scale_to_the_width_and_zero_is_empty() {
        let mut out = Vec::new();
        write_bars(&timeline(&[4, 0, 1]), 30, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        for line in &lines {
            assert_eq!(line.chars().count(), 30, "{line:?}");
        }
        // 30 columns less label (4), count (1) and two spaces: 23 for the bar.
        assert!(
            lines[0].starts_with(&format!("2016 {}", "█".repeat(23))),
            "{text}"
        );
        assert!(lines[1].starts_with("2017  "), "{text}");
        assert!(!lines[1].contains('█'));
        assert!(lines[2].contains("2018 █████▊ "), "{text}");
    }

    #[test]
    fn pictures_are_written() {
        let dir = tempfile::tempdir().unwrap();
        let png = dir.path().join("t.png");
        let svg = dir.path().join("t.svg");
        draw(&timeline(&[3, 0, 5]), "aleppo", Picture::Png, &png).unwrap();
        draw(&timeline(&[3, 0, 5]), "aleppo", Picture::Svg, &svg).unwrap();
        let bytes = std::fs::read(&png).unwrap();
        assert_eq!(&bytes[1..4], b"PNG");
        let svg = std::fs::read_to_string(&svg).unwrap();
        assert!(svg.contains("aleppo") && svg.contains("2018") && svg.contains("articles"));
        assert!(matches!(
            draw(&timeline(&[]), "x", Picture::Svg, &dir.path().join("e.svg")),
            Err(ChartError::Empty)
        ));
    }
}
