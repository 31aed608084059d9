//! Dates in queries: `date:2016-12-14`, `date:2016-12`, `date:2016` and ranges
//! `date:[2016-12-01 TO 2016-12-31]` (bounds as days, months or years, or `*`).
//!
//! In: the user's query text. Out: the same query with those date terms rewritten into the
//! RFC 3339 ranges Tantivy's parser understands, whole periods included: `date:2016-12` is
//! every day of December 2016, and `]` includes the whole last day, month or year. Text inside
//! quotes is left alone; anything else in the query is passed through unchanged.

use super::timeline::Period;
use super::SearchError;
use crate::index::storable_days;
use chrono::NaiveDate;
use regex::{Captures, Regex};
use std::sync::OnceLock;

/// A period bound as written: `2016`, `2016-12` or `2016-12-14`.
const PERIOD: &str = r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?";

/// Rewrites the date terms of `query`; a date that is not a calendar date is an error.
pub(super) fn rewrite(query: &str) -> Result<String, SearchError> {
    static RANGE: OnceLock<Regex> = OnceLock::new();
    static SINGLE: OnceLock<Regex> = OnceLock::new();
    let range = RANGE.get_or_init(|| {
        let bound = format!(r"({PERIOD}|\*)");
        Regex::new(&format!(
            r"(?i)\bdate:\s*([\[{{])\s*{bound}\s+TO\s+{bound}\s*([\]}}])"
        ))
        .expect("a valid pattern")
    });
    let single = SINGLE.get_or_init(|| {
        Regex::new(&format!(r"\bdate:({PERIOD})\b(?:[^\-:T\d]|$)")).expect("a valid pattern")
    });
    let mut out = String::with_capacity(query.len() + 32);
    // Even pieces are outside quotes.
    for (i, piece) in query.split('"').enumerate() {
        if i > 0 {
            out.push('"');
        }
        if i % 2 == 1 {
            out.push_str(piece);
            continue;
        }
        let piece = replace(range, piece, |c| {
            if &c[2] == "*" && &c[3] == "*" {
                // Open at both ends: every dated passage (Tantivy reads it as no clause at all).
                return Ok("date:*".to_string());
            }
            let lower = bound(&c[2], c[1].starts_with('['), true)?;
            let upper = bound(&c[3], c[4].starts_with(']'), false)?;
            Ok(format!("date:[{lower} TO {upper}}}"))
        })?;
        let piece = replace(single, &piece, |c| {
            let lower = bound(&c[1], true, true)?;
            let upper = bound(&c[1], true, false)?;
            // Keep the character after the date that the pattern consumed.
            let rest = &c[0][("date:".len() + c[1].len())..];
            Ok(format!("date:[{lower} TO {upper}}}{rest}"))
        })?;
        out.push_str(&piece);
    }
    Ok(out)
}

/// `text` with every match of `re` replaced by `with`, which may fail.
fn replace(
    re: &Regex,
    text: &str,
    with: impl Fn(&Captures) -> Result<String, SearchError>,
) -> Result<String, SearchError> {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for c in re.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        out.push_str(&text[last..m.start()]);
        out.push_str(&with(&c)?);
        last = m.end();
    }
    out.push_str(&text[last..]);
    Ok(out)
}

/// The RFC 3339 instant of a bound: a lower bound starts at its period's first day (or the
/// next period's when exclusive); an upper bound ends before the next period's first day (or
/// before its own when exclusive). `*` is open.
fn bound(text: &str, inclusive: bool, lower: bool) -> Result<String, SearchError> {
    if text == "*" {
        return Ok("*".into());
    }
    let (start, period) = parse(text)?;
    let day = if lower == inclusive {
        start
    } else {
        period
            .next(start)
            .ok_or_else(|| SearchError::Date(text.to_string()))?
    };
    // Tantivy overflows on days it cannot store; none is indexed, so a bound past them
    // selects the same articles as one at them.
    let (first, last) = storable_days();
    Ok(day
        .clamp(first, last)
        .format("%Y-%m-%dT00:00:00Z")
        .to_string())
}

/// The first day of `2016`, `2016-12` or `2016-12-14`, and which kind of period it names.
fn parse(text: &str) -> Result<(NaiveDate, Period), SearchError> {
    let bad = || SearchError::Date(text.to_string());
    let parts: Vec<u32> = text
        .split('-')
        .map(|p| p.parse().map_err(|_| bad()))
        .collect::<Result<_, _>>()?;
    let (date, period) = match parts[..] {
        [y] => (NaiveDate::from_ymd_opt(y as i32, 1, 1), Period::Year),
        [y, m] => (NaiveDate::from_ymd_opt(y as i32, m, 1), Period::Month),
        [y, m, d] => (NaiveDate::from_ymd_opt(y as i32, m, d), Period::Day),
        _ => (None, Period::Day),
    };
    Ok((date.ok_or_else(bad)?, period))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_ranges_include_the_whole_last_day() {
        assert_eq!(
            rewrite("aleppo date:[2016-12-01 TO 2016-12-31]").unwrap(),
            "aleppo date:[2016-12-01T00:00:00Z TO 2017-01-01T00:00:00Z}"
        );
        assert_eq!(
            rewrite("date:{2016-12-01 TO 2016-12-31}").unwrap(),
            "date:[2016-12-02T00:00:00Z TO 2016-12-31T00:00:00Z}"
        );
        assert_eq!(
            rewrite("date:[2019 TO *] -sport").unwrap(),
            "date:[2019-01-01T00:00:00Z TO *} -sport"
        );
        assert_eq!(rewrite("riots date:[* TO *]").unwrap(), "riots date:*");
        assert_eq!(rewrite("date:{* TO *}").unwrap(), "date:*");
    }

    #[test]
    fn single_days_months_and_years_are_ranges() {
        assert_eq!(
            rewrite("date:2016-12-14 buses").unwrap(),
            "date:[2016-12-14T00:00:00Z TO 2016-12-15T00:00:00Z} buses"
        );
        assert_eq!(
            rewrite("(date:2016-12)").unwrap(),
            "(date:[2016-12-01T00:00:00Z TO 2017-01-01T00:00:00Z})"
        );
        assert_eq!(
            rewrite("date:2016").unwrap(),
            "date:[2016-01-01T00:00:00Z TO 2017-01-01T00:00:00Z}"
        );
    }

    #[test]
    fn quotes_and_rfc3339_are_left_alone_and_bad_dates_are_errors() {
        let q = "\"date:2016\" date:[2016-12-01T00:00:00Z TO 2016-12-31T00:00:00Z]";
        assert_eq!(rewrite(q).unwrap(), q);
        assert!(
            matches!(rewrite("date:2016-13-01"), Err(SearchError::Date(d)) if d == "2016-13-01")
        );
        assert!(matches!(
            rewrite("date:[2016-02-30 TO 2016-03-01]"),
            Err(SearchError::Date(_))
        ));
    }

    #[test]
    fn far_years_are_bounds_at_the_days_the_index_stores() {
        assert_eq!(
            rewrite("date:[0001 TO 9999]").unwrap(),
            "date:[1678-01-01T00:00:00Z TO 2262-01-01T00:00:00Z}"
        );
        assert_eq!(
            rewrite("date:{9999 TO *]").unwrap(),
            "date:[2262-01-01T00:00:00Z TO *}"
        );
        assert_eq!(
            rewrite("date:4040-12").unwrap(),
            "date:[2262-01-01T00:00:00Z TO 2262-01-01T00:00:00Z}"
        );
    }
}
