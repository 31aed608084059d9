//! Timeline: how many matching articles were published in each day, week, month or year.
//!
//! In: a [`Request`] and a [`Period`] length. Out: a [`Timeline`]: one [`Bucket`] per period
//! from the first to the last dated matching article, empty periods included with 0, plus the
//! number of matching articles that have no date. An article counts once however many of its
//! passages match. Weeks are ISO weeks (Monday first), labelled `2016-W50`.

use super::columns::FirstPassage;
use super::{Request, SearchError, Searcher};
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};

crate::choices! {
    /// The length of a timeline period.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(rename_all = "lowercase")]
    pub enum Period {
        Day = "day": "Calendar days",
        Week = "week": "ISO weeks, Monday to Sunday",
        Month = "month": "Calendar months",
        Year = "year": "Calendar years",
    }
}

impl Period {
    /// The first day of the period holding `day`.
    pub fn start(self, day: NaiveDate) -> NaiveDate {
        let first = match self {
            Period::Day => Some(day),
            Period::Week => day.checked_sub_days(chrono::Days::new(u64::from(
                day.weekday().num_days_from_monday(),
            ))),
            Period::Month => day.with_day(1),
            Period::Year => day.with_day(1).and_then(|d| d.with_month(1)),
        };
        first.unwrap_or(day)
    }

    /// The first day of the period after the one starting on `start`; None past the calendar.
    pub fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Day => start.succ_opt(),
            Period::Week => start.checked_add_days(chrono::Days::new(7)),
            Period::Month => start.checked_add_months(Months::new(1)),
            Period::Year => start.checked_add_months(Months::new(12)),
        }
    }

    /// How people write the period starting on `start`: `2016-12-14`, `2016-W50`, `2016-12`, `2016`.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Period::Day => start.format("%Y-%m-%d").to_string(),
            Period::Week => {
                let week = start.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
            Period::Month => start.format("%Y-%m").to_string(),
            Period::Year => start.format("%Y").to_string(),
        }
    }
}

/// Matching articles in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bucket {
    /// The period as people write it.
    pub period: String,
    /// Its first day, `YYYY-MM-DD`.
    pub start: String,
    /// Matching articles published in it.
    pub articles: usize,
}

/// Matching articles per period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timeline {
    /// The period length.
    pub by: Period,
    /// Matching articles, dated or not.
    pub articles: usize,
    /// Matching articles without a date (in no bucket).
    pub undated: usize,
    /// Every period from the first to the last dated article, oldest first.
    pub buckets: Vec<Bucket>,
}

impl Timeline {
    /// Groups article counts per publication day into periods of `by`, filling gaps with 0.
    pub fn from_days(days: &BTreeMap<NaiveDate, usize>, undated: usize, by: Period) -> Timeline {
        let mut per_period: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        for (&day, &n) in days {
            *per_period.entry(by.start(day)).or_default() += n;
        }
        let mut buckets = Vec::with_capacity(per_period.len());
        if let (Some((&first, _)), Some((&last, _))) =
            (per_period.first_key_value(), per_period.last_key_value())
        {
            let mut start = first;
            while start <= last {
                buckets.push(Bucket {
                    period: by.label(start),
                    start: start.format("%Y-%m-%d").to_string(),
                    articles: per_period.get(&start).copied().unwrap_or(0),
                });
                match by.next(start) {
                    Some(next) => start = next,
                    None => break,
                }
            }
        }
        Timeline {
            by,
            articles: days.values().sum::<usize>() + undated,
            undated,
            buckets,
        }
    }
}

/// Matching articles per publication day, and the number without a date.
#[derive(Debug, Default)]
pub(super) struct Days {
    pub days: BTreeMap<NaiveDate, usize>,
    pub undated: usize,
}

impl Searcher {
    /// The articles matching `req` counted per period of `by`.
    pub fn timeline(&self, req: &Request, by: Period) -> Result<Timeline, SearchError> {
        let days = self.article_days(req)?;
        Ok(Timeline::from_days(&days.days, days.undated, by))
    }

    /// The articles matching `req` counted per publication day.
    pub(super) fn article_days(&self, req: &Request) -> Result<Days, SearchError> {
        let (query, _) = self.query(req)?;
        Ok(self.reader.searcher().search(&query, &DayCollector)?)
    }
}

/// Counts distinct matching articles per publication day.
struct DayCollector;

/// Per-segment state.
struct SegmentDays {
    articles: FirstPassage,
    dates: Column<DateTime>,
    days: Days,
}

impl Collector for DayCollector {
    type Fruit = Days;
    type Child = SegmentDays;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentDays> {
        Ok(SegmentDays {
            articles: FirstPassage::new(segment)?,
            dates: segment.fast_fields().date("date")?,
            days: Days::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Days>) -> tantivy::Result<Days> {
        let mut total = Days::default();
        for fruit in fruits {
            total.undated += fruit.undated;
            for (day, n) in fruit.days {
                *total.days.entry(day).or_default() += n;
            }
        }
        Ok(total)
    }
}

impl SegmentCollector for SegmentDays {
    type Fruit = Days;

    fn collect(&mut self, doc: DocId, _: Score) {
        if self.articles.first(doc).is_none() {
            return;
        }
        match self.dates.first(doc).and_then(day_of) {
            Some(day) => *self.days.days.entry(day).or_default() += 1,
            None => self.days.undated += 1,
        }
    }

    fn harvest(self) -> Days {
        self.days
    }
}

/// The UTC day of a stored date.
fn day_of(date: DateTime) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp(date.into_timestamp_secs(), 0).map(|d| d.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn empty_months_between_first_and_last_are_zero() {
        let days = BTreeMap::from([
            (day("2016-12-14"), 2),
            (day("2016-12-30"), 1),
            (day("2017-03-02"), 4),
        ]);
        let t = Timeline::from_days(&days, 3, Period::Month);
        let got: Vec<(&str, usize)> = t
            .buckets
            .iter()
            .map(|b| (b.period.as_str(), b.articles))
            .collect();
        assert_eq!(
            got,
            [
                ("2016-12", 3),
                ("2017-01", 0),
                ("2017-02", 0),
                ("2017-03", 4)
            ]
        );
        assert_eq!(t.articles, 10);
        assert_eq!(t.undated, 3);
    }

    #[test]
    fn iso_weeks_start_on_monday_and_cross_years() {
        // 2017-01-01 is a Sunday: it belongs to ISO week 52 of 2016.
        assert_eq!(Period::Week.start(day("2017-01-01")), day("2016-12-26"));
        assert_eq!(Period::Week.label(day("2016-12-26")), "2016-W52");
        let days = BTreeMap::from([(day("2016-12-20"), 1), (day("2017-01-02"), 1)]);
        let t = Timeline::from_days(&days, 0, Period::Week);
        let labels: Vec<&str> = t.buckets.iter().map(|b| b.period.as_str()).collect();
        assert_eq!(labels, ["2016-W51", "2016-W52", "2017-W01"]);
    }

    #[test]
    fn days_and_years() {
        let days = BTreeMap::from([(day("2020-02-28"), 1), (day("2020-03-01"), 1)]);
        let t = Timeline::from_days(&days, 0, Period::Day);
        assert_eq!(t.buckets.len(), 3, "2020 is a leap year: {t:?}");
        let t = Timeline::from_days(&days, 0, Period::Year);
        assert_eq!(
            t.buckets,
            [Bucket {
                period: "2020".into(),
                start: "2020-01-01".into(),
                articles: 2
            }]
        );
        assert!(Timeline::from_days(&BTreeMap::new(), 0, Period::Month)
            .buckets
            .is_empty());
    }
}
