//! The publication date: meta, JSON-LD, `<time>`, date lines, the URL.

use super::{meta, JsonLd};
use crate::clean::cues::cues;
use crate::clean::html::RawMeta;
use crate::ingest::Hints;
use chrono::{DateTime, NaiveDate};
use regex::Regex;
use std::sync::LazyLock;

/// Meta names that carry a publication date, most trusted first.
static DATE_METAS: LazyLock<Vec<&str>> = cues!("dates/date-metas");

/// Metas that date the page's last edit: when a page gives no publication date at all, its
/// last edit is closer to it than a crawler's fetch time, and better than none.
static MODIFIED_METAS: LazyLock<Vec<&str>> = cues!("dates/modified-metas");

/// Date metas that do not say whether they hold the publication or the last edit.
static VAGUE_METAS: LazyLock<Vec<&str>> = cues!("dates/vague-metas");

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[^\d]|$)").expect("valid regex")
});

/// The `/2016/12/14/` date of a news URL.
pub(crate) fn url_date(url: &str) -> Option<NaiveDate> {
    URL_DATE
        .captures(url)
        .and_then(|c| parse_date(&format!("{}-{}-{}", &c[1], &c[2], &c[3])))
}

/// The publication date: the page's metadata (Open Graph, JSON-LD, `<time>`, other metas),
/// a dated URL, then a date written in a date line or byline. `month_first` reads `3/4/2020`
/// as March 4 (English pages).
pub(super) fn date(
    raw: &RawMeta,
    hints: &Hints,
    ld: &JsonLd,
    url: Option<&str>,
    month_first: bool,
) -> Option<String> {
    let metas = DATE_METAS.iter().filter_map(|name| meta(raw, name));
    let from_url = url
        .and_then(|u| URL_DATE.captures(u))
        .map(|c| format!("{}-{}-{}", &c[1], &c[2], &c[3]));
    // `<time datetime>` sometimes holds the date as written ("3 de mayo de 2022").
    let parse = |s: &str| parse_date(s).or_else(|| written_date(s, month_first));
    // The page's own metadata first: a container's date (a crawl's WARC-Date, a scraper's
    // timestamp) is often when the page was fetched, not when it was published.
    let stamps = || {
        meta(raw, "article:published_time")
            .into_iter()
            .chain(ld.date_published.as_deref())
            .chain(raw.times.first().map(String::as_str))
            .chain(metas.clone())
            .chain(raw.times.iter().skip(1).map(String::as_str))
    };
    let stamped = stamps()
        .chain(from_url.as_deref())
        .find_map(|s| parse(s).map(|d| (d, s)));
    // The date as the page writes it for its readers.
    let written = || {
        raw.date_texts
            .iter()
            .chain(&raw.dateline_blocks)
            .find_map(|t| written_date(t, month_first))
            // A date with a few words right under the headline ("1. Februar 2022, Ann Lee")
            // is the post's, unlike the bare dates of teasers further down.
            .or_else(|| {
                raw.after_headline
                    .iter()
                    .find_map(|t| date_line(t, month_first, 4))
            })
            .or_else(|| {
                // A date naming its weekday above the headline is the site's "today" banner,
                // the same on every page, unless no other date line follows.
                let lines = |skip_banner: bool| {
                    raw.short_blocks
                        .iter()
                        .enumerate()
                        .filter(move |&(i, t)| {
                            !(skip_banner
                                && i < raw.short_blocks_before_headline
                                && names_weekday(t))
                        })
                        .find_map(|(_, t)| date_line(t, month_first, 0))
                };
                lines(true).or_else(|| lines(false))
            })
    };
    // A short line that is a date with a few words around it: "Ann Lee 3/5/2022 22:41",
    // "Hamburg, 2. November 2021", "01. November 2021 | Naturschutz".
    let near_words = || {
        raw.short_blocks
            .iter()
            .find_map(|t| date_line(t, month_first, 4))
    };
    // A paragraph that opens with its date, as press releases and agency copy do: tried before
    // the short lines above, which are as often the dates of teasers.
    let opening = || {
        raw.paragraph_openings
            .iter()
            .find_map(|t| opening_date(t, month_first))
    };
    // A publication phrase inside a longer block: the date after it, else the one before it.
    let windowed = || {
        raw.dateline_windows.iter().find_map(|(after, before)| {
            written_date(after, month_first).or_else(|| written_date(before, month_first))
        })
    };
    let boxed = || {
        raw.boxed_date_texts
            .iter()
            .find_map(|t| written_date(t, month_first))
    };
    // `date`, `dc.date` and `dcterms.date` do not say which date they are: many CMSs fill them
    // with the last edit. A post is published before any edit, so an earlier date line the
    // article shows its readers is its publication.
    let vague = |s: &str| {
        VAGUE_METAS
            .iter()
            .any(|n| meta(raw, n).is_some_and(|m| std::ptr::eq(m, s)))
    };
    let earlier = |d: NaiveDate| written().filter(|w| *w < d);
    // `11/01/2023` in a meta may be either way round: the date the page writes decides.
    let stamped = stamped.map(|(d, s)| match swapped(d, s) {
        Some(other) if written().or_else(near_words) == Some(other) => (other, s),
        _ => (d, s),
    });
    let picked = match stamped {
        Some((d, s)) if vague(s) && earlier(d).is_some() => earlier(d),
        Some((d, s)) => match stamp_zone(s) {
            Some((minute, 0)) => Some(local_day(d, minute, &stamps, &written, &boxed, &parse)),
            _ => Some(d),
        },
        None => written(),
    };
    picked
        .or_else(opening)
        .or_else(windowed)
        .or_else(near_words)
        .or_else(boxed)
        // Some sites date the page in its title ("Talk | 23.05.2011") or in a line inside
        // the headline element ("<h1>Title <small>02.02.2022 • News</small></h1>").
        .or_else(|| {
            [raw.title_tag.as_deref(), meta(raw, "og:title")]
                .into_iter()
                .flatten()
                .chain(
                    raw.h1s
                        .iter()
                        .filter(|h| !h.furniture)
                        .map(|h| h.full.as_str()),
                )
                .find_map(|t| written_date(t, month_first))
        })
        .or_else(|| {
            MODIFIED_METAS
                .iter()
                .filter_map(|name| meta(raw, name))
                .chain(ld.date_modified.as_deref())
                .find_map(parse)
        })
        // Pages rendered by scripts keep their stamp in the script's data.
        .or_else(|| raw.script_date.as_deref().and_then(parse))
        .or_else(|| hints.date.as_deref().and_then(parse_date))
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// The local day of a UTC timestamp (`day`, at `minute` of the day): pages far from Greenwich
/// are on the next or the previous day, unless the page prints the UTC day for its readers
/// (the day its story carries). The page's other timestamps tell its zone; else a
/// date written for readers (or a bare date, or one in a box) a day apart stands when the hour allows it for
/// zones from UTC-8 to UTC+3 (the Americas to Europe): further east, a written date a day
/// later is more often a "today" banner than the local day.
fn local_day<'a, S: Iterator<Item = &'a str>>(
    day: NaiveDate,
    minute: i32,
    stamps: &dyn Fn() -> S,
    written: &dyn Fn() -> Option<NaiveDate>,
    boxed: &dyn Fn() -> Option<NaiveDate>,
    parse: &dyn Fn(&str) -> Option<NaiveDate>,
) -> NaiveDate {
    const WEST: i32 = 8 * 60;
    const EAST: i32 = 3 * 60;
    let zone = stamps().find_map(|s| stamp_zone(s).map(|z| z.1).filter(|&z| z != 0));
    // A page that prints the UTC day for its readers dates its story so.
    if written() == Some(day) {
        return day;
    }
    if let Some(zone) = zone {
        let shift = (minute + zone).div_euclid(24 * 60);
        return day + chrono::TimeDelta::days(shift.into());
    }
    let local = written()
        .or_else(|| stamps().filter(|s| !s.contains(':')).find_map(parse))
        .or_else(boxed);
    match local.map(|l| (l - day).num_days()) {
        Some(1) if minute + EAST >= 24 * 60 => day + chrono::TimeDelta::days(1),
        Some(-1) if minute < WEST => day - chrono::TimeDelta::days(1),
        _ => day,
    }
}

/// The other reading of a stamp that opens with a slashed date whose day and month could
/// swap (`11/01/2023 12:43:42`).
fn swapped(d: NaiveDate, s: &str) -> Option<NaiveDate> {
    use chrono::Datelike;
    let s = s.trim_start();
    let first = s.find('/')?;
    let second = first + 1 + s[first + 1..].find('/')?;
    let digits = |t: &str| (1..=2).contains(&t.len()) && t.bytes().all(|c| c.is_ascii_digit());
    if !digits(&s[..first])
        || !digits(&s[first + 1..second])
        || d.day() > 12
        || d.day() == d.month()
    {
        return None;
    }
    NaiveDate::from_ymd_opt(d.year(), d.day(), d.month())
}

/// Whether a line names a day of the week in full.
fn names_weekday(s: &str) -> bool {
    s.split(|c: char| !c.is_alphabetic()).any(weekday)
}

/// The minute of the day and the zone offset in minutes of a timestamp
/// ("2022-05-04T00:25:56Z", "Wed, 04 May 2022 02:41:00 GMT", "2021-11-04T23:00+01:00");
/// `None` for a bare date or a time without a zone.
pub(super) fn stamp_zone(s: &str) -> Option<(i32, i32)> {
    use chrono::Timelike;
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s).or_else(|_| DateTime::parse_from_rfc2822(s)) {
        let minute = (t.hour() * 60 + t.minute()) as i32;
        return Some((minute, t.offset().local_minus_utc() / 60));
    }
    // ISO timestamps chrono finds too loose or too strict: no seconds, "UTC", "+0000".
    let b = s.as_bytes();
    let iso = b.len() >= 16
        && b[..10].iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
        && matches!(b[10], b'T' | b' ')
        && b[11].is_ascii_digit()
        && b[12].is_ascii_digit()
        && b[13] == b':';
    if !iso {
        return None;
    }
    let minute = s[11..13].parse::<i32>().ok()? * 60
        + s.get(14..16)
            .and_then(|m| m.parse::<i32>().ok())
            .unwrap_or(0);
    let tail = s[13..].trim_end();
    if tail.ends_with(['Z', 'z']) || tail.ends_with("UTC") || tail.ends_with("GMT") {
        return Some((minute, 0));
    }
    // `±hh:mm` or `±hhmm` at the end.
    let at = tail.rfind(['+', '-'])?;
    let digits = tail[at + 1..].replace(':', "");
    if digits.len() != 4 || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let sign = if tail[at..].starts_with('-') { -1 } else { 1 };
    let (h, m): (i32, i32) = (digits[..2].parse().ok()?, digits[2..].parse().ok()?);
    Some((minute, sign * (h * 60 + m)))
}

/// The date a paragraph opens with: at most four words before it ("Pressemitteilung vom
/// 25. Januar 2022 | Berlin – …", "(21. November 2022) Die …", "Hamburg, 2. Mai 2021. Der …").
fn opening_date(s: &str, month_first: bool) -> Option<NaiveDate> {
    let at = s.find(|c: char| c.is_ascii_digit())?;
    // Not the digits of a link ("http://example.org/2012/05/13/…").
    if s[..at].contains('/') {
        return None;
    }
    let before = s[..at]
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty() && month_number(w).is_none())
        .count();
    if before > 4 {
        return None;
    }
    // The date itself starts there: not "Die 3 Musketiere kamen am 4. Mai 2021".
    let end = s[at..]
        .char_indices()
        .nth(20)
        .map_or(s.len(), |(i, _)| at + i);
    written_date(&s[..end], month_first)
}

/// The date of a line that is a date, maybe with a weekday and a time
/// ("Di, 06.12.2022 13:30 Uhr"), and at most `max_other` other words.
fn date_line(s: &str, month_first: bool, max_other: usize) -> Option<NaiveDate> {
    static FILLERS: LazyLock<Vec<&str>> = cues!("dates/date-line-fillers");
    let other = s
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !FILLERS.contains(&w.as_str()) && !weekday(w) && month_number(w).is_none())
        .count();
    if other > max_other {
        return None;
    }
    written_date(s, month_first)
}

/// Whether a short line is only a date line: a date, maybe with a weekday, a time and the
/// label of a publication or update ("Aktualisiert: 11.04.2020, 10:27", "Dienstag, 4. Juni
/// 2019"), and no other word (not "July 18, 2012 By James", which also names the author).
pub(crate) fn is_date_line(s: &str) -> bool {
    static LABELS: LazyLock<Vec<&str>> = cues!("dates/date-line-labels");
    let labels = s
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| LABELS.iter().any(|l| w.eq_ignore_ascii_case(l)))
        .count();
    date_line(s, false, labels).is_some()
}

/// Whether a word is the full name of a weekday (English, German, French, Spanish, Italian).
pub(super) fn weekday(word: &str) -> bool {
    static DAYS: LazyLock<Vec<&str>> = cues!("dates/weekdays");
    DAYS.contains(&word.to_lowercase().as_str())
}

/// Month names by month (`data/clean/dates/months.txt`: one month per line, January first).
static MONTHS: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    let months: Vec<Vec<&str>> =
        crate::clean::cues::list(include_str!("../../../data/clean/dates/months.txt"))
            .into_iter()
            .map(|line| line.split_whitespace().collect())
            .collect();
    assert_eq!(
        months.len(),
        12,
        "data/clean/dates/months.txt: one line per month"
    );
    months
});

/// The month a written name or abbreviation ("Okt", "févr.", "Sept") stands for, 1-based.
pub(super) fn month_number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    if w.chars().count() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|names| {
            names
                .iter()
                .any(|n| *n == w || (n.starts_with(&w) && w.chars().count() <= 5))
        })
        .map(|i| i as u32 + 1)
}

/// The first date written in a line of text: `2020-02-17`, `17.02.2020`, `17/02/20`,
/// `17. Februar 2020`, `17 de febrero de 2020`, `February 17th, 2020`.
pub(super) fn written_date(s: &str, month_first: bool) -> Option<NaiveDate> {
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})\b").expect("valid regex")
    });
    static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
        // Not \b: date lines glue dates to labels ("Wissen26.02.2020Lesedauer").
        Regex::new(
            r"(?:^|\D)(\d{1,2})\s?([./])\s?(\d{1,2})\s?[./]\s?((?:19|20)\d{2}|\d{2})(?:\D|$)",
        )
        .expect("valid regex")
    });
    static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(\d{1,2})(?:\.|º|er|th)?\s*(?:de\s+)?(\p{L}{3,})\.?,?\s*(?:de\s+|del\s+)?((?:19|20)\d{2})")
            .expect("valid regex")
    });
    static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
        // Blog themes glue a two-digit day to the year ("Apr 042013").
        Regex::new(
            r"(?i)\b(\p{L}{3,})\.?\s+(?:(\d{1,2})(?:st|nd|rd|th)?\.?,?\s+|(\d{2}))((?:19|20)\d{2})",
        )
        .expect("valid regex")
    });
    let ymd = |y: &str, m: u32, d: &str| {
        let year: i32 = y.parse().ok()?;
        let year = match year {
            0..=49 => 2000 + year,
            50..=99 => 1900 + year,
            _ => year,
        };
        NaiveDate::from_ymd_opt(year, m, d.parse().ok()?)
    };
    let mut found: Vec<(usize, NaiveDate)> = Vec::new();
    if let Some(c) = ISO.captures(s) {
        if let Some(d) = ymd(&c[1], c[2].parse().ok()?, &c[3]) {
            found.push((c.get(0)?.start(), d));
        }
    }
    for c in NUMERIC.captures_iter(s) {
        let (a, b): (u32, u32) = (c[1].parse().ok()?, c[3].parse().ok()?);
        // Dots are always day first; slashes follow the page's language unless a part
        // cannot be a month.
        let swap = &c[2] == "/" && (b > 12 || (month_first && a <= 12));
        let (day, month) = if swap { (b, a) } else { (a, b) };
        if let Some(d) = ymd(&c[4], month, &day.to_string()) {
            found.push((c.get(0)?.start(), d));
            break;
        }
    }
    for c in DAY_MONTH.captures_iter(s) {
        if let Some(d) = month_number(&c[2]).and_then(|m| ymd(&c[3], m, &c[1])) {
            found.push((c.get(0)?.start(), d));
            break;
        }
    }
    for c in MONTH_DAY.captures_iter(s) {
        let day = c.get(2).or_else(|| c.get(3))?.as_str();
        if let Some(d) = month_number(&c[1]).and_then(|m| ymd(&c[4], m, day)) {
            found.push((c.get(0)?.start(), d));
            break;
        }
    }
    found
        .into_iter()
        .min_by_key(|&(at, _)| at)
        .map(|(_, d)| d)
        .filter(|d| (1990..=2100).contains(&chrono::Datelike::year(d)))
}

/// Parses a date as pages write it, keeping the local calendar day of timestamps.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    const DATE_TIME_TZ: &[&str] = &[
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S %z",
        "%a, %d %b %Y %H:%M:%S %z",
    ];
    const DATES: &[&str] = &[
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%Y%m%d",
        "%d.%m.%Y",
        "%B %d, %Y",
        "%b %d, %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%m/%d/%Y",
        "%Y-%m-%d-%H%M",
        "%a %b %d %Y",
        "%A, %B %d, %Y",
    ];
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let date = DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_rfc2822(s))
        .map(|d| d.date_naive())
        .ok()
        .or_else(|| {
            DATE_TIME_TZ
                .iter()
                .find_map(|f| DateTime::parse_from_str(s, f).ok().map(|d| d.date_naive()))
        })
        .or_else(|| {
            DATES
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
        })
        // Timestamps with unusual time or zone parts still start with the day.
        .or_else(|| {
            NaiveDate::parse_and_remainder(s, "%Y-%m-%d")
                .ok()
                .map(|(d, _)| d)
        })?;
    let year = chrono::Datelike::year(&date);
    // News archives reach back well before the web (Reuters-21578 is from 1987).
    (1800..=2100).contains(&year).then_some(date)
}
