//! Query-string parameters of the API: checked, with a message for each mistake.
//!
//! In: the `key=value` pairs of a request's query string. Out: a search [`Request`] (the same
//! filters as the CLI: `q`, repeatable `actor` and `place`, `since`, `until`, `section`) and the
//! endpoint's own settings, or an [`ApiError`] with status 400 saying what is wrong. Unknown
//! keys are refused rather than ignored, so a misspelt filter does not silently widen a search.
//! Empty values count as absent, as an HTML form sends them.

use super::ApiError;
use crate::choice::Choice;
use crate::export::Format;
use crate::index::Section;
use crate::search::{Period, Request};
use chrono::NaiveDate;

/// The filter keys every endpoint takes.
pub(super) const FILTER_KEYS: [&str; 7] = [
    "q",
    "actor",
    "place",
    "since",
    "until",
    "section",
    "all_words",
];
/// Longest query accepted, in characters.
const MAX_QUERY_CHARS: usize = 10_000;

/// A request's query-string pairs.
pub(super) struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// The pairs of one request, refusing keys other than the filters and `extra`.
    pub(super) fn new(pairs: Vec<(String, String)>, extra: &[&str]) -> Result<Params, ApiError> {
        if let Some((key, _)) = pairs
            .iter()
            .find(|(k, _)| !FILTER_KEYS.contains(&k.as_str()) && !extra.contains(&k.as_str()))
        {
            let mut known: Vec<&str> = FILTER_KEYS.to_vec();
            known.extend_from_slice(extra);
            return Err(ApiError::bad(format!(
                "unknown parameter '{key}' (parameters: {})",
                known.join(", ")
            )));
        }
        Ok(Params { pairs })
    }

    /// The single non-empty value of `key`, if any; a key given twice is an error.
    fn one(&self, key: &str) -> Result<Option<&str>, ApiError> {
        let mut values = self
            .pairs
            .iter()
            .filter(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim());
        let first = values.next();
        if values.next().is_some() {
            return Err(ApiError::bad(format!("'{key}' is given more than once")));
        }
        Ok(first)
    }

    /// Every non-empty value of `key`.
    fn all(&self, key: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
            .collect()
    }

    /// The whole number `key`, at least `min`; absent gives `default`.
    pub(super) fn number(&self, key: &str, min: usize, default: usize) -> Result<usize, ApiError> {
        let Some(text) = self.one(key)? else {
            return Ok(default);
        };
        match text.parse::<u64>() {
            Ok(n) if n >= min as u64 => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
            // Digits too many for u64 are still a number, just a very large one.
            Err(_) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
                Ok(usize::MAX)
            }
            _ => Err(ApiError::bad(format!(
                "'{key}' must be a whole number of at least {min}, not '{text}'"
            ))),
        }
    }

    /// A limit: at least 1, `default` when absent, `max` when larger (a cap, not an error).
    pub(super) fn limit(&self, default: usize, max: usize) -> Result<usize, ApiError> {
        Ok(self.number("limit", 1, default)?.min(max))
    }

    /// An optional whole number of at least 1.
    pub(super) fn optional_number(&self, key: &str) -> Result<Option<usize>, ApiError> {
        match self.one(key)? {
            None => Ok(None),
            Some(_) => self.number(key, 1, 1).map(Some),
        }
    }

    /// `key` as a yes/no switch (`true`/`false`, `1`/`0`, `yes`/`no`); absent is `default`.
    pub(super) fn switch(&self, key: &str, default: bool) -> Result<bool, ApiError> {
        match self.one(key)?.map(str::to_ascii_lowercase).as_deref() {
            None => Ok(default),
            Some("false" | "0" | "no") => Ok(false),
            Some("true" | "1" | "yes") => Ok(true),
            Some(other) => Err(ApiError::bad(format!(
                "'{key}' must be true or false, not '{other}'"
            ))),
        }
    }

    /// The search request of the filter keys (its limit left at 0).
    pub(super) fn request(&self) -> Result<Request, ApiError> {
        let query = self.one("q")?.unwrap_or_default().to_string();
        if query.chars().count() > MAX_QUERY_CHARS {
            return Err(ApiError::bad(format!(
                "the query is longer than {MAX_QUERY_CHARS} characters"
            )));
        }
        let since = self.one("since")?.map(|d| day("since", d)).transpose()?;
        let until = self.one("until")?.map(|d| day("until", d)).transpose()?;
        if let (Some(s), Some(u)) = (since, until) {
            if s > u {
                return Err(ApiError::bad(format!(
                    "'since' ({s}) is after 'until' ({u})"
                )));
            }
        }
        let section = self.choice::<Section>("section")?;
        Ok(Request {
            query,
            actors: self.all("actor"),
            places: self.all("place"),
            since: since.map(|d| d.format("%Y-%m-%d").to_string()),
            until: until.map(|d| d.format("%Y-%m-%d").to_string()),
            section,
            limit: 0,
            all_words: self.switch("all_words", false)?,
        })
    }

    /// The timeline period of `by`; month when absent.
    pub(super) fn period(&self) -> Result<Period, ApiError> {
        Ok(self.choice("by")?.unwrap_or(Period::Month))
    }

    /// The export format of `format`; CSV when absent. Text is for terminals, not downloads.
    pub(super) fn format(&self) -> Result<Format, ApiError> {
        let Some(name) = self.one("format")? else {
            return Ok(Format::Csv);
        };
        match Format::named(&name.to_ascii_lowercase()) {
            Some(Format::Text) | None => Err(ApiError::bad(format!(
                "'format' must be csv, jsonl, json or xlsx, not '{name}'"
            ))),
            Some(format) => Ok(format),
        }
    }

    /// The value of `key` as one of a named set (any case); `None` when absent.
    fn choice<T: Choice>(&self, key: &str) -> Result<Option<T>, ApiError> {
        let Some(name) = self.one(key)? else {
            return Ok(None);
        };
        T::named(&name.to_ascii_lowercase())
            .map(Some)
            .ok_or_else(|| {
                ApiError::bad(format!(
                    "'{key}' must be one of {}, not '{name}'",
                    T::names()
                ))
            })
    }
}

/// A `YYYY-MM-DD` day.
fn day(key: &str, text: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        ApiError::bad(format!(
            "'{key}' must be a day like 2016-12-14, not '{text}'"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)], extra: &[&str]) -> Result<Params, ApiError> {
        let pairs = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Params::new(pairs, extra)
    }

    #[test]
    fn filters_become_a_request_and_empty_values_are_absent() {
        let p = params(
            &[
                ("q", " aleppo "),
                ("actor", "Russia"),
                ("actor", "Iran"),
                ("place", ""),
                ("since", "2016-12-01"),
                ("until", ""),
                ("section", "Body"),
            ],
            &[],
        )
        .unwrap();
        let r = p.request().unwrap();
        assert_eq!(r.query, "aleppo");
        assert_eq!(r.actors, ["Russia", "Iran"]);
        assert!(r.places.is_empty());
        assert_eq!(r.since.as_deref(), Some("2016-12-01"));
        assert_eq!(r.until, None);
        assert_eq!(r.section, Some(Section::Body));
    }

    #[test]
    fn mistakes_are_refused_with_a_message() {
        let message = |pairs: &[(&str, &str)], extra: &[&str]| -> String {
            let e = match params(pairs, extra) {
                Err(e) => e,
                Ok(p) => p
                    .request()
                    .and_then(|_| p.limit(10, 100))
                    .and_then(|_| p.period())
                    .and_then(|_| p.format())
                    .and_then(|_| p.switch("all", false))
                    .expect_err("a mistake"),
            };
            assert_eq!(e.status, axum::http::StatusCode::BAD_REQUEST);
            e.message
        };
        assert!(message(&[("qq", "x")], &[]).contains("unknown parameter 'qq'"));
        assert!(message(&[("since", "2016-13-01")], &[]).contains("'since' must be a day"));
        assert!(
            message(&[("since", "2017-01-01"), ("until", "2016-01-01")], &[]).contains("is after")
        );
        assert!(message(&[("section", "sidebar")], &[]).contains("one of title, body, comments"));
        assert!(message(&[("q", "a"), ("q", "b")], &[]).contains("more than once"));
        assert!(message(&[("limit", "ten")], &["limit"]).contains("whole number"));
        assert!(message(&[("limit", "0")], &["limit"]).contains("at least 1"));
        assert!(message(&[("limit", "-5")], &["limit"]).contains("whole number"));
        assert!(message(&[("by", "decade")], &["by"]).contains("one of day, week, month, year"));
        assert!(message(&[("format", "pdf")], &["format"]).contains("csv, jsonl, json or xlsx"));
        assert!(message(&[("format", "text")], &["format"]).contains("csv, jsonl, json or xlsx"));
        assert!(message(&[("all", "maybe")], &["all"]).contains("true or false"));
        let long = "a".repeat(MAX_QUERY_CHARS + 1);
        assert!(message(&[("q", &long)], &[]).contains("longer than"));
    }

    #[test]
    fn large_limits_are_capped() {
        let p = params(&[("limit", "99999999999999999999999")], &["limit"]).unwrap();
        assert_eq!(p.limit(10, 100).unwrap(), 100);
        let p = params(&[("limit", "7")], &["limit"]).unwrap();
        assert_eq!(p.limit(10, 100).unwrap(), 7);
        let p = params(&[], &["limit"]).unwrap();
        assert_eq!(p.limit(10, 100).unwrap(), 10);
    }
}
