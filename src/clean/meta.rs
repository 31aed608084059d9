//! Metadata: title, date, author, URL, site and language of a page.
//!
//! In: the raw metadata gathered by the HTML walk, the container hints and the extracted text.
//! Out: a [`Meta`]. Candidates are picked in a fixed order of trust (container hints, Open
//! Graph / article meta, JSON-LD, microdata and `<time>`, other common meta, the URL); dates are
//! parsed by `chrono` and JSON-LD by `serde_json`.

use super::html::RawMeta;
use super::normalize_space;
use crate::ingest::Hints;
use chrono::{DateTime, NaiveDate};
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

/// Resolved metadata of one page.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Meta {
    pub title: String,
    pub date: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub site: Option<String>,
    pub lang: Option<String>,
}

/// Meta names that carry a publication date, most trusted first.
const DATE_METAS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "publication-date",
    "sailthru.date",
    "article.published",
    "parsely-pub-date",
    "date_published",
    "citation_publication_date",
    "citation_date",
    "originalpublicationdate",
    "og:pubdate",
    "live_date",
    "release_date",
    "created",
];

/// Meta names that carry an author name.
const AUTHOR_METAS: &[&str] = &[
    "author",
    "article:author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "sailthru.author",
    "parsely-author",
    "citation_author",
    "creator",
];

/// JSON-LD `@type`s that describe the article itself.
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "scholarlyarticle",
    "techarticle",
    "report",
    "liveblogposting",
    "webpage",
    "socialmediaposting",
    "posting",
];

/// Separators between a headline and the site name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " » ", " « ", " › ", " · ", " ~ ", " / ", " : ",
];

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[^\d]|$)").expect("valid regex")
});

/// Resolves the metadata of a page. `headings` are the first `h1` and the heading that opens
/// the article text; `text` is body text for language
/// detection when the page does not declare one.
pub(crate) fn resolve(
    raw: &RawMeta,
    hints: &Hints,
    headings: [Option<&str>; 2],
    text: &str,
) -> Meta {
    let ld = JsonLd::parse(&raw.json_ld);
    let url = first_url([
        hints.url.as_deref(),
        raw.canonical.as_deref(),
        meta(raw, "og:url"),
        ld.url.as_deref(),
    ]);
    let site = meta(raw, "og:site_name")
        .map(normalize_space)
        .filter(|s| !s.is_empty())
        .or_else(|| url.as_deref().and_then(host).map(str::to_string));
    Meta {
        title: title(raw, hints, &ld, headings, site.as_deref()),
        date: date(raw, hints, &ld, url.as_deref()),
        author: author(raw, hints, &ld),
        lang: lang(raw, text),
        url,
        site,
    }
}

/// The content of the first `<meta>` called `name` that is not empty.
fn meta<'a>(raw: &'a RawMeta, name: &str) -> Option<&'a str> {
    raw.metas
        .iter()
        .find(|(k, v)| k == name && !v.trim().is_empty())
        .map(|(_, v)| v.as_str())
}

fn first_url<'a>(candidates: impl IntoIterator<Item = Option<&'a str>>) -> Option<String> {
    candidates
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|u| u.starts_with("http://") || u.starts_with("https://"))
        .map(str::to_string)
}

/// The host of an absolute URL.
pub(crate) fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

/// The headline: container hint; else a page heading (first `h1`, or the heading opening the
/// article) that the `<title>` or social title confirms (titles add site names, sections and
/// SEO words around it); else the social title or the `<title>` without its site suffix, unless
/// that is only the site's name and the article has a heading.
fn title(
    raw: &RawMeta,
    hints: &Hints,
    ld: &JsonLd,
    headings: [Option<&str>; 2],
    site: Option<&str>,
) -> String {
    if let Some(t) = hints
        .title
        .as_deref()
        .map(normalize_space)
        .filter(|t| !t.is_empty())
    {
        return strip_host_suffix(&t, hints.url.as_deref());
    }
    let social = meta(raw, "og:title")
        .or_else(|| meta(raw, "twitter:title"))
        .or(ld.headline.as_deref())
        .map(normalize_space)
        .filter(|t| !t.is_empty());
    let tag = raw
        .title_tag
        .as_deref()
        .map(normalize_space)
        .filter(|t| !t.is_empty());
    let headings: Vec<String> = headings
        .into_iter()
        .flatten()
        .map(normalize_space)
        .filter(|h| h.chars().count() >= 3)
        .collect();
    for h in &headings {
        let lower = h.to_lowercase();
        if [&social, &tag]
            .into_iter()
            .flatten()
            .any(|t| t.to_lowercase().contains(&lower))
        {
            return h.clone();
        }
    }
    let from_meta = match (social, tag) {
        (Some(t), _) => Some(strip_named_site(&t, site)),
        (None, Some(t)) => Some(strip_site_suffix(&t, None)),
        (None, None) => None,
    };
    let opening = headings.last().cloned();
    match from_meta {
        Some(t) if opening.is_some() && names_site(&t, site, raw.title_tag.as_deref()) => {
            opening.unwrap_or(t)
        }
        Some(t) => t,
        None => opening.unwrap_or_default(),
    }
}

/// Whether a title is just the site's name: equal to `og:site_name`, part of the host name, or
/// the site part of the `<title>`.
fn names_site(title: &str, site: Option<&str>, title_tag: Option<&str>) -> bool {
    let squash = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let t = squash(title);
    if t.is_empty() {
        return true;
    }
    let site_match = site.is_some_and(|s| {
        let s = squash(s);
        s == t || s.contains(&t) || t.contains(&s)
    });
    let tag_site = title_tag.is_some_and(|tag| {
        TITLE_SEPARATORS
            .iter()
            .any(|sep| tag.split(sep).skip(1).any(|part| squash(part) == t))
    });
    site_match || tag_site || squash(title) == "home"
}

/// Removes " | CNN Business" from a container's title when the tail names the URL's host.
pub(crate) fn strip_host_suffix(title: &str, url: Option<&str>) -> String {
    let Some(host) = url.and_then(host) else {
        return title.to_string();
    };
    let labels: Vec<String> = host.split('.').map(str::to_lowercase).collect();
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let names_host = tail
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.len() > 1 && labels.contains(&w.to_lowercase()));
            if !head.trim().is_empty() && names_host {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Removes " | Site" from a social title only when it names the site.
fn strip_named_site(title: &str, site: Option<&str>) -> String {
    let Some(site) = site.map(str::to_lowercase) else {
        return title.to_string();
    };
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail = tail.to_lowercase();
            if !head.trim().is_empty() && (site.contains(&tail) || tail.contains(&site)) {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Removes a trailing " | Site" or " - Section - Site" from a `<title>`: the tail must be
/// shorter than the headline. When the page's h1 is one of the parts, that part wins.
fn strip_site_suffix(title: &str, h1: Option<&str>) -> String {
    if let Some(h1) = h1.map(normalize_space) {
        if !h1.is_empty() && title.contains(h1.as_str()) && h1.len() * 3 >= title.len() {
            return h1;
        }
    }
    let mut current = title.to_string();
    for _ in 0..3 {
        let cut = TITLE_SEPARATORS
            .iter()
            .filter_map(|sep| current.rfind(sep).map(|i| (i, sep.len())))
            .max_by_key(|&(i, _)| i);
        let Some((at, len)) = cut else { break };
        let (head, tail) = (current[..at].trim(), current[at + len..].trim());
        if head.is_empty()
            || tail.chars().count() > head.chars().count()
            || tail.split_whitespace().count() > 6
        {
            break;
        }
        current = head.to_string();
    }
    current
}

/// The `/2016/12/14/` date of a news URL.
pub(crate) fn url_date(url: &str) -> Option<NaiveDate> {
    URL_DATE
        .captures(url)
        .and_then(|c| parse_date(&format!("{}-{}-{}", &c[1], &c[2], &c[3])))
}

fn date(raw: &RawMeta, hints: &Hints, ld: &JsonLd, url: Option<&str>) -> Option<String> {
    let metas = DATE_METAS.iter().filter_map(|name| meta(raw, name));
    let from_url = url
        .and_then(|u| URL_DATE.captures(u))
        .map(|c| format!("{}-{}-{}", &c[1], &c[2], &c[3]));
    // The page's own metadata first: a container's date (a crawl's WARC-Date, a scraper's
    // timestamp) is often when the page was fetched, not when it was published.
    meta(raw, "article:published_time")
        .into_iter()
        .chain(ld.date_published.as_deref())
        .chain(raw.times.first().map(String::as_str))
        .chain(metas)
        .chain(raw.times.iter().skip(1).map(String::as_str))
        .chain(from_url.as_deref())
        .chain(hints.date.as_deref())
        .find_map(parse_date)
        .map(|d| d.format("%Y-%m-%d").to_string())
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
    (1990..=2100).contains(&year).then_some(date)
}

fn author(raw: &RawMeta, hints: &Hints, ld: &JsonLd) -> Option<String> {
    if !hints.authors.is_empty() {
        return Some(hints.authors.join(", "));
    }
    let from_meta = AUTHOR_METAS
        .iter()
        .find_map(|name| meta(raw, name).and_then(clean_author));
    from_meta
        .or_else(|| (!ld.authors.is_empty()).then(|| ld.authors.join(", ")))
        .or_else(|| raw.authors.iter().find_map(|a| clean_author(a)))
}

/// A person's name from an author field: no URLs or handles, without "By".
fn clean_author(s: &str) -> Option<String> {
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^(?:[~\-–—:|]\s*)?
            (?:(?:posted|published|written|veröffentlicht|geschrieben|erstellt|post\s+author)
               \s*(?:on|by|von|am|durch)?\s*)?
            (?:(?:by|von|par|door|di|por|autor(?:in)?|author|verfasser(?:in)?)(?:\s+|\s*:\s*|$))?",
        )
        .expect("valid regex")
    });
    let s = normalize_space(s);
    let s = BY.replace(&s, "");
    let s = s.split(['|', '\u{2022}']).next().unwrap_or("");
    let s = s.trim().trim_end_matches(['-', '–', '—', ',', ':']).trim();
    let plausible = !s.is_empty()
        && !s.contains("://")
        && !s.starts_with('@')
        && !s.starts_with("www.")
        && s.split_whitespace().count() <= 8
        && s.chars().any(char::is_alphabetic);
    plausible.then(|| s.to_string())
}

fn lang(raw: &RawMeta, text: &str) -> Option<String> {
    let declared = raw
        .lang
        .as_deref()
        .or_else(|| meta(raw, "content-language"))
        .or_else(|| meta(raw, "og:locale"))
        .and_then(|l| l.split([',', '-', '_']).next())
        .map(|l| l.trim().to_ascii_lowercase())
        .filter(|l| l.len() == 2 && l.chars().all(|c| c.is_ascii_lowercase()));
    declared.or_else(|| detect_lang(text))
}

/// Detects the language of `text` with `whatlang`, as an ISO 639-1 code.
pub(crate) fn detect_lang(text: &str) -> Option<String> {
    let sample: String = text.chars().take(4000).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    iso_639_1(info.lang()).map(str::to_string)
}

/// ISO 639-1 code of a `whatlang` language (which speaks ISO 639-3).
fn iso_639_1(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Cym => "cy",
    })
}

/// What the page's JSON-LD says about the article.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    date_published: Option<String>,
    authors: Vec<String>,
    url: Option<String>,
}

impl JsonLd {
    /// Reads the article object(s) out of JSON-LD scripts; unreadable scripts are ignored.
    fn parse(scripts: &[String]) -> JsonLd {
        let mut out = JsonLd::default();
        for script in scripts {
            let Ok(value) = serde_json::from_str::<Value>(script.trim()) else {
                continue;
            };
            // Objects can sit in arrays and in "@graph"; walk them with a stack, not recursion.
            let mut stack = vec![&value];
            while let Some(v) = stack.pop() {
                match v {
                    Value::Array(items) => stack.extend(items.iter().rev()),
                    Value::Object(map) => {
                        if let Some(graph) = map.get("@graph") {
                            stack.push(graph);
                        }
                        if is_article(map.get("@type")) {
                            out.take_article(map);
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }

    fn take_article(&mut self, map: &serde_json::Map<String, Value>) {
        let text = |key: &str| {
            map.get(key)
                .and_then(Value::as_str)
                .map(normalize_space)
                .filter(|s| !s.is_empty())
        };
        if self.headline.is_none() {
            self.headline = text("headline").or_else(|| text("name"));
        }
        if self.date_published.is_none() {
            self.date_published = text("datePublished").or_else(|| text("dateCreated"));
        }
        if self.url.is_none() {
            self.url = text("url").or_else(|| text("mainEntityOfPage"));
        }
        if self.authors.is_empty() {
            if let Some(author) = map.get("author").or_else(|| map.get("creator")) {
                self.authors = person_names(author);
            }
        }
    }
}

fn is_article(ty: Option<&Value>) -> bool {
    let matches = |s: &str| ARTICLE_TYPES.contains(&s.to_ascii_lowercase().as_str());
    match ty {
        Some(Value::String(s)) => matches(s),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).any(matches),
        _ => false,
    }
}

/// Names from a JSON-LD author value: a string, a Person object, or a list of either.
fn person_names(v: &Value) -> Vec<String> {
    let one = |v: &Value| match v {
        Value::String(s) => clean_author(s),
        Value::Object(m) => m.get("name").and_then(Value::as_str).and_then(clean_author),
        _ => None,
    };
    match v {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_common_shapes() {
        let d = |s| parse_date(s).map(|d| d.to_string());
        assert_eq!(d("2016-12-14T08:30:00+01:00"), Some("2016-12-14".into()));
        assert_eq!(d("2016-12-14T23:30:00-05:00"), Some("2016-12-14".into()));
        assert_eq!(
            d("Wed, 14 Dec 2016 10:00:00 +0000"),
            Some("2016-12-14".into())
        );
        assert_eq!(d("December 14, 2016"), Some("2016-12-14".into()));
        assert_eq!(d("14.12.2016"), Some("2016-12-14".into()));
        assert_eq!(d("2016-12-14 10:00:00 CET"), Some("2016-12-14".into()));
        assert_eq!(d("yesterday"), None);
        assert_eq!(d("0001-01-01"), None);
    }

    #[test]
    fn title_suffix_is_cut_only_when_short() {
        assert_eq!(
            strip_site_suffix("Rebels break truce | The Site", None),
            "Rebels break truce"
        );
        assert_eq!(
            strip_site_suffix("Rebels break truce - World - Daily News", None),
            "Rebels break truce"
        );
        assert_eq!(
            strip_site_suffix("A - B is a long headline about things", None),
            "A - B is a long headline about things"
        );
    }

    #[test]
    fn json_ld_graph_author_and_date() {
        let ld = JsonLd::parse(&[r#"{"@graph":[{"@type":"WebSite","name":"X"},
            {"@type":"NewsArticle","headline":"H","datePublished":"2020-01-02T03:04:05Z",
             "author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Chen"}]}]}"#
            .to_string()]);
        assert_eq!(ld.headline.as_deref(), Some("H"));
        assert_eq!(ld.date_published.as_deref(), Some("2020-01-02T03:04:05Z"));
        assert_eq!(ld.authors, vec!["Ann Lee", "Bo Chen"]);
    }

    #[test]
    fn host_of_url() {
        assert_eq!(
            host("https://www.example.com:8080/a/b?c"),
            Some("www.example.com")
        );
        assert_eq!(host("not a url"), None);
    }
}
