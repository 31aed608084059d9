//! Metadata: title, date, author, URL, site and language of a page.
//!
//! In: the raw metadata gathered by the HTML walk, the container hints and the extracted text.
//! Out: a [`Meta`]. Candidates are picked in a fixed order of trust (container hints, Open
//! Graph / article meta, JSON-LD, microdata and `<time>`, other common meta, the URL); dates are
//! parsed by `chrono` and JSON-LD by `serde_json`.

use super::html::{unescape, RawMeta};
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
    "og:article:author",
    "article:author_name",
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

/// Resolves the metadata of a page. `heading` is the heading that opens the article text;
/// `text` is body text for language detection when the page does not declare one.
pub(crate) fn resolve(raw: &RawMeta, hints: &Hints, heading: Option<&str>, text: &str) -> Meta {
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
    let names = SiteNames::new(raw, &ld, url.as_deref().or(hints.url.as_deref()));
    let lang = lang(raw, text);
    let month_first = lang.as_deref() == Some("en");
    Meta {
        title: visible(&typographic(
            title(raw, hints, &ld, heading, &names),
            raw,
            &ld,
        )),
        date: date(raw, hints, &ld, url.as_deref(), month_first),
        author: author(raw, hints, &ld, &names),
        lang,
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
    let (scheme, rest) = url.split_once("://")?;
    // `reuters21578://1` names a story, not a site.
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

/// Text without soft hyphens and zero-width characters, which only guide line breaking.
fn visible(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}'
            )
        })
        .collect()
}

/// Lower-cased letters and digits only: compares titles across quote, dash and space styles.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The ways a page names its site: `og:site_name`, `application-name`, the JSON-LD publisher
/// and WebSite, and the host name.
struct SiteNames {
    /// Squashed names.
    names: Vec<String>,
    /// Squashed runs of consecutive host labels (`blog.example.org`: `blogexample`, `example`,
    /// `exampleorg`, …), without `www`.
    host_runs: Vec<String>,
}

impl SiteNames {
    fn new(raw: &RawMeta, ld: &JsonLd, url: Option<&str>) -> SiteNames {
        let names = [
            "og:site_name",
            "application-name",
            "apple-mobile-web-app-title",
            "twitter:site",
            "publisher",
        ]
        .iter()
        .filter_map(|n| meta(raw, n))
        .chain(ld.site_names.iter().map(String::as_str))
        // A logo's words are the site's name as the page shows it.
        .chain(raw.h1s.iter().filter(|h| h.logo).map(|h| h.text.as_str()))
        .map(squash)
        .filter(|s| !s.is_empty())
        .collect();
        let labels: Vec<String> = url
            .and_then(host)
            .map(|h| {
                h.split('.')
                    .filter(|l| !l.eq_ignore_ascii_case("www"))
                    .map(squash)
                    .collect()
            })
            .unwrap_or_default();
        let mut host_runs = Vec::new();
        for i in 0..labels.len() {
            for j in i + 1..=labels.len() {
                host_runs.push(labels[i..j].concat());
            }
        }
        SiteNames { names, host_runs }
    }

    /// Whether `text` is the site's name, or part of it, rather than a headline.
    fn named_by(&self, text: &str) -> bool {
        let t = squash(text);
        if t.is_empty() || t == "home" {
            return true;
        }
        self.names
            .iter()
            .any(|s| *s == t || (t.chars().count() >= 4 && s.contains(&t)))
            || self.host_runs.contains(&t)
    }

    /// A title without a leading or trailing part that names the site ("Headline | Site",
    /// "Site: Headline").
    fn strip(&self, title: &str) -> String {
        let mut current = title.trim().to_string();
        for _ in 0..3 {
            let cut = TITLE_SEPARATORS.iter().find_map(|sep| {
                let (head, tail) = current.rsplit_once(sep)?;
                if !head.trim().is_empty() && self.named_by(tail) {
                    return Some(head.trim().to_string());
                }
                let (head, tail) = current.split_once(sep)?;
                (!tail.trim().is_empty() && self.named_by(head)).then(|| tail.trim().to_string())
            });
            match cut {
                Some(c) => current = c,
                None => break,
            }
        }
        current
    }
}

/// The parts of a `<title>` split at its separators.
fn title_parts(title: &str) -> Vec<&str> {
    let mut parts = vec![title];
    for sep in TITLE_SEPARATORS {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The headline: container hint; else a heading on the page (the `h1`s, the heading opening
/// the article) that the page's metadata (JSON-LD headline, social title, `<title>`) confirms,
/// as pages show it; else the metadata title that a heading wraps in a kicker or subtitle;
/// else the page's first `h1`; else the metadata title without its site name.
fn title(
    raw: &RawMeta,
    hints: &Hints,
    ld: &JsonLd,
    heading: Option<&str>,
    site: &SiteNames,
) -> String {
    if let Some(t) = hints
        .title
        .as_deref()
        .map(normalize_space)
        .filter(|t| !t.is_empty())
    {
        return strip_host_suffix(&t, hints.url.as_deref());
    }
    let tag = raw
        .title_tag
        .as_deref()
        .map(normalize_space)
        .filter(|t| !t.is_empty());
    // Metadata titles, most trusted first, each also without the site's name.
    let refs: Vec<String> = [
        ld.headline.as_deref(),
        meta(raw, "og:title"),
        meta(raw, "twitter:title"),
        tag.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(normalize_space)
    .filter(|t| !t.is_empty())
    .flat_map(|t| [site.strip(&t), t])
    .collect();
    let squashed: Vec<String> = refs.iter().map(|r| squash(r)).collect();

    // A heading equal to a minor part of the <title> ("Post | Blog name | Topic") is likely
    // the site's or a section's name, unless a social title or JSON-LD headline says it;
    // such headings are tried only after the others.
    let minor: Vec<String> = tag
        .as_deref()
        .map(|t| {
            let parts = title_parts(t);
            let longest = parts.iter().map(|p| p.chars().count()).max().unwrap_or(0);
            parts
                .into_iter()
                .filter(|p| p.chars().count() < longest)
                .map(squash)
                .filter(|p| !squashed[..squashed.len() - 2].contains(p))
                .collect()
        })
        .unwrap_or_default();
    let middle: Vec<String> = tag
        .as_deref()
        .map(|t| {
            let parts = title_parts(t);
            let n = parts.len();
            parts
                .into_iter()
                .enumerate()
                .filter(|&(i, _)| i > 0 && i + 1 < n)
                .map(|(_, p)| squash(p))
                .collect()
        })
        .unwrap_or_default();
    let mut primary: Vec<(&str, bool)> = Vec::new();
    let mut demoted: Vec<(&str, bool)> = Vec::new();
    let h1s = raw.h1s.iter().map(|h| (h.text.as_str(), h.furniture));
    // The heading opening the article is often one of the h1s, which know their kicker.
    let heading = heading.filter(|h| {
        let h = squash(h);
        !raw.h1s.iter().any(|x| squash(&x.full) == h)
    });
    let candidates = h1s
        .clone()
        .filter(|h| !h.1)
        .chain(heading.map(|h| (h, false)))
        .chain(h1s.filter(|h| h.1));
    for (text, furniture) in candidates {
        if text.chars().count() < 2 || site.named_by(text) {
            continue;
        }
        let s = squash(text);
        if minor.contains(&s) {
            demoted.push((text, furniture));
        } else {
            primary.push((text, furniture));
        }
    }

    let equal = |h: &str| squashed.iter().any(|r| *r == squash(h));
    let inside = |h: &str| {
        let h = squash(h);
        h.chars().count() >= 4 && squashed.iter().any(|r| r.contains(&h))
    };
    // A heading with a kicker or subtitle glued on around a metadata title: that title.
    let wrapped = |heading: &str, refs: &[String]| {
        let h = squash(heading);
        refs.iter().find_map(|r| {
            let s = squash(r);
            let n = s.chars().count();
            (n >= 10
                && 3 * n >= h.chars().count()
                && h.contains(&s)
                && !continued(heading, r)
                && !site.named_by(r)
                && !truncated(r))
            .then(|| r.clone())
        })
    };
    let social = &refs[..refs.len() - if tag.is_some() { 2 } else { 0 }];
    let inside_social = |h: &str| {
        let h = squash(h);
        h.chars().count() >= 4 && social.iter().any(|r| squash(r).contains(&h))
    };
    let pick = primary
        .iter()
        .find(|h| equal(h.0))
        .map(|h| h.0.to_string())
        .or_else(|| primary.iter().find_map(|h| wrapped(h.0, social)))
        .or_else(|| {
            primary
                .iter()
                .find(|h| inside(h.0))
                .map(|h| h.0.to_string())
        })
        .or_else(|| primary.iter().find_map(|h| wrapped(h.0, &refs)))
        .or_else(|| {
            // Every part of the <title> is inside it, but a part between two others is a
            // section's name unless a social title or the JSON-LD headline says it.
            demoted
                .iter()
                .find(|h| equal(h.0) || inside_social(h.0) || !middle.contains(&squash(h.0)))
                .map(|h| h.0.to_string())
        });
    if let Some(t) = pick {
        // Themes repeat the <title>, site name and all, in a hidden h1 for screen readers; the
        // metadata confirms the cut.
        let t = trim_marks(&t);
        let cut = site.strip(t);
        return if cut != t && equal(&cut) {
            cut
        } else {
            t.to_string()
        };
    }
    // Unconfirmed: the page's own headline is what readers see; metadata titles are often
    // written for search engines.
    let first_h1 = raw
        .h1s
        .iter()
        .find(|h| !h.furniture && primary.iter().any(|p| p.0 == h.text));
    // An unconfirmed h1 of a word or two beside a sentence-long social title or JSON-LD
    // headline is a section's label ("Details", "News").
    let label = |h: &str| {
        h.split_whitespace().count() <= 2
            && social
                .iter()
                .any(|r| r.split_whitespace().count() >= 4 && !site.named_by(r))
    };
    if let Some(h) = first_h1.filter(|h| !label(&h.text)) {
        return h.text.clone();
    }
    // The <title> alone also loses shorter trailing parts (sections, site names it does not
    // spell like the site); social titles keep them, as their dashes are often the headline's.
    let from_meta = refs
        .iter()
        .step_by(2)
        .map(|r| match tag.as_deref() {
            Some(t) if site.strip(t) == *r => strip_site_suffix(r, None),
            _ => r.clone(),
        })
        .find(|t| !site.named_by(t));
    from_meta
        .or_else(|| heading.map(normalize_space))
        .or_else(|| refs.first().cloned())
        .unwrap_or_default()
}

/// A heading without the arrows, bullets and separators some themes set before it ("> ",
/// "[> ", "• "), and without an opening bracket that nothing closes.
fn trim_marks(heading: &str) -> &str {
    let mut t = heading.trim();
    loop {
        let rest = t.trim_start_matches(['>', '|', '•', '·']).trim_start();
        let rest = match rest.strip_prefix('[') {
            Some(r) if !r.contains(']') => r.trim_start(),
            _ => rest,
        };
        if rest.len() == t.len() {
            break;
        }
        t = rest;
    }
    if t.is_empty() {
        heading.trim()
    } else {
        t
    }
}

/// Whether a heading runs on from a shorter metadata title in the same sentence ("Title in
/// Tennessee", "Title: a subtitle") rather than after a separator ("Title | Site"): metadata
/// titles are often clipped for search engines, so the heading is the whole headline.
fn continued(heading: &str, title: &str) -> bool {
    let (heading, title) = (heading.to_lowercase(), title.to_lowercase());
    let Some(rest) = heading.strip_prefix(title.trim()) else {
        return false;
    };
    let rest = rest.trim_start_matches([':', ',']).trim_start();
    // Dates and category lists glued on after a heading are no part of it.
    rest.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '(')
        && !rest.contains(['|', '•', '·'])
}

/// Whether a metadata title was cut short with an ellipsis, as social titles often are.
fn truncated(t: &str) -> bool {
    let t = t.trim_end();
    t.ends_with("...") || t.ends_with('…')
}

/// Dashes, quotes and ellipses that plain-ASCII copies of a title flatten.
fn typographic_marks(s: &str) -> usize {
    s.chars()
        .filter(|c| {
            matches!(
                c,
                '–' | '—' | '‘' | '’' | '‚' | '“' | '”' | '„' | '«' | '»' | '…'
            )
        })
        .count()
}

/// A title as plain ASCII would set it, without spaces and quotes: equal for two copies that
/// differ only in the style of their dashes, quotes and ellipses.
fn flattened(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            '–' | '—' => out.push('-'),
            '…' => out.push_str("..."),
            '"' | '\'' | '‘' | '’' | '‚' | '“' | '”' | '„' | '«' | '»' => {}
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// The title as the page sets it: metadata copies often flatten "–" to "-" or "„“" to '"', so
/// among the page's titles and `h1`s with the same words the one with the most typographic
/// marks wins.
fn typographic(title: String, raw: &RawMeta, ld: &JsonLd) -> String {
    let key = flattened(&title);
    if key.is_empty() {
        return title;
    }
    let tag = raw.title_tag.as_deref();
    let mut best = (typographic_marks(&title), title);
    let sources = [
        ld.headline.as_deref(),
        meta(raw, "og:title"),
        meta(raw, "twitter:title"),
        tag,
    ]
    .into_iter()
    .flatten()
    .map(normalize_space)
    .chain(raw.h1s.iter().map(|h| h.text.clone()));
    for source in sources {
        // Compare whole titles and, for the <title>, its parts without the site name.
        let mut parts = vec![source.clone()];
        if tag.is_some_and(|t| normalize_space(t) == source) {
            parts.extend(split_parts(&source).into_iter().map(str::to_string));
        }
        for part in parts {
            let marks = typographic_marks(&part);
            if marks > best.0 && flattened(&part) == key {
                best = (marks, part.trim().to_string());
            }
        }
    }
    best.1
}

/// Every run of consecutive parts of a `<title>` between its separators.
fn split_parts(title: &str) -> Vec<&str> {
    let mut cuts: Vec<(usize, usize)> = TITLE_SEPARATORS
        .iter()
        .flat_map(|sep| title.match_indices(sep).map(|(i, m)| (i, i + m.len())))
        .collect();
    cuts.sort_unstable();
    cuts.truncate(8);
    let starts = std::iter::once(0).chain(cuts.iter().map(|c| c.1));
    let ends: Vec<usize> = cuts.iter().map(|c| c.0).chain([title.len()]).collect();
    starts
        .flat_map(|a| {
            ends.iter()
                .filter(move |&&b| b > a)
                .map(move |&b| title[a..b].trim())
        })
        .filter(|p| !p.is_empty())
        .collect()
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
    // "Blog name | Headline": a short leading part before a longer headline is the site's.
    let cut = TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| current.find(sep).map(|i| (i, sep.len())))
        .min_by_key(|&(i, _)| i);
    if let Some((at, len)) = cut {
        let (head, tail) = (current[..at].trim(), current[at + len..].trim());
        // One word before the separator is more often a kicker ("Corona - …") than a site.
        if (2..=5).contains(&head.split_whitespace().count())
            && tail.split_whitespace().count() >= 4
            && tail.chars().count() > head.chars().count()
        {
            current = tail.to_string();
        }
    }
    current
}

/// The `/2016/12/14/` date of a news URL.
pub(crate) fn url_date(url: &str) -> Option<NaiveDate> {
    URL_DATE
        .captures(url)
        .and_then(|c| parse_date(&format!("{}-{}-{}", &c[1], &c[2], &c[3])))
}

/// The publication date: the page's metadata (Open Graph, JSON-LD, `<time>`, other metas),
/// a dated URL, then a date written in a date line or byline. `month_first` reads `3/4/2020`
/// as March 4 (English pages).
fn date(
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
            .or_else(|| {
                raw.short_blocks
                    .iter()
                    .find_map(|t| date_line(t, month_first, 0))
            })
    };
    // A short line that is a date with a few words around it: "Ann Lee 3/5/2022 22:41",
    // "Hamburg, 2. November 2021", "01. November 2021 | Naturschutz".
    let near_words = || {
        raw.short_blocks
            .iter()
            .find_map(|t| date_line(t, month_first, 4))
    };
    let boxed = || {
        raw.boxed_date_texts
            .iter()
            .find_map(|t| written_date(t, month_first))
    };
    let picked = match stamped {
        Some((d, s)) => match stamp_zone(s) {
            Some((minute, 0)) => Some(local_day(d, minute, &stamps, &written, &boxed, &parse)),
            _ => Some(d),
        },
        None => written(),
    };
    picked
        .or_else(near_words)
        .or_else(boxed)
        // Some sites date the page in its title ("Talk | 23.05.2011").
        .or_else(|| {
            [raw.title_tag.as_deref(), meta(raw, "og:title")]
                .into_iter()
                .flatten()
                .find_map(|t| written_date(t, month_first))
        })
        .or_else(|| hints.date.as_deref().and_then(parse_date))
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// The local day of a UTC timestamp (`day`, at `minute` of the day): pages far from Greenwich
/// are on the next or the previous day. The page's other timestamps tell its zone; else a
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

/// The minute of the day and the zone offset in minutes of a timestamp
/// ("2022-05-04T00:25:56Z", "Wed, 04 May 2022 02:41:00 GMT", "2021-11-04T23:00+01:00");
/// `None` for a bare date or a time without a zone.
fn stamp_zone(s: &str) -> Option<(i32, i32)> {
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

/// The date of a line that is a date, maybe with a weekday and a time
/// ("Di, 06.12.2022 13:30 Uhr"), and at most `max_other` other words.
fn date_line(s: &str, month_first: bool, max_other: usize) -> Option<NaiveDate> {
    const FILLERS: &[&str] = &[
        "uhr",
        "am",
        "pm",
        "um",
        "h",
        "le",
        "de",
        "del",
        "mo",
        "di",
        "mi",
        "do",
        "fr",
        "sa",
        "so",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let other = s
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !FILLERS.contains(&w.as_str()) && month_number(w).is_none())
        .count();
    if other > max_other {
        return None;
    }
    written_date(s, month_first)
}

/// Month names and their usual abbreviations in the languages of the archives (English,
/// German, French, Spanish, Italian, Portuguese, Dutch, Polish in both cases, Russian and
/// Ukrainian as dates write them), by month.
const MONTHS: [&[&str]; 12] = [
    &[
        "january",
        "januar",
        "jänner",
        "janvier",
        "enero",
        "gennaio",
        "janeiro",
        "januari",
        "stycznia",
        "styczeń",
        "января",
        "січня",
    ],
    &[
        "february",
        "februar",
        "février",
        "fevrier",
        "febrero",
        "febbraio",
        "fevereiro",
        "februari",
        "lutego",
        "luty",
        "февраля",
        "лютого",
    ],
    &[
        "march",
        "märz",
        "maerz",
        "mars",
        "marzo",
        "março",
        "maart",
        "marca",
        "marzec",
        "марта",
        "березня",
    ],
    &[
        "april",
        "avril",
        "abril",
        "aprile",
        "kwietnia",
        "kwiecień",
        "апреля",
        "квітня",
    ],
    &[
        "may",
        "mai",
        "mayo",
        "maggio",
        "maio",
        "mei",
        "maja",
        "maj",
        "мая",
        "травня",
    ],
    &[
        "june",
        "juni",
        "juin",
        "junio",
        "giugno",
        "junho",
        "czerwca",
        "czerwiec",
        "июня",
        "червня",
    ],
    &[
        "july",
        "juli",
        "juillet",
        "julio",
        "luglio",
        "julho",
        "lipca",
        "lipiec",
        "июля",
        "липня",
    ],
    &[
        "august",
        "août",
        "aout",
        "agosto",
        "augustus",
        "sierpnia",
        "sierpień",
        "августа",
        "серпня",
    ],
    &[
        "september",
        "septembre",
        "septiembre",
        "setiembre",
        "settembre",
        "setembro",
        "września",
        "wrzesień",
        "сентября",
        "вересня",
    ],
    &[
        "october",
        "oktober",
        "octobre",
        "octubre",
        "ottobre",
        "outubro",
        "października",
        "październik",
        "октября",
        "жовтня",
    ],
    &[
        "november",
        "novembre",
        "noviembre",
        "novembro",
        "listopada",
        "listopad",
        "ноября",
        "листопада",
    ],
    &[
        "december",
        "dezember",
        "décembre",
        "decembre",
        "diciembre",
        "dicembre",
        "dezembro",
        "grudnia",
        "grudzień",
        "декабря",
        "грудня",
    ],
];

/// The month a written name or abbreviation ("Okt", "févr.", "Sept") stands for, 1-based.
fn month_number(word: &str) -> Option<u32> {
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
pub(crate) fn written_date(s: &str, month_first: bool) -> Option<NaiveDate> {
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

/// The author(s): container hint; else the first source with a person's name among the
/// author metas, JSON-LD, byline elements and "By …" in date lines. Names of the site or of an
/// organisation are skipped: pages put the publisher in `author` fields.
fn author(raw: &RawMeta, hints: &Hints, ld: &JsonLd, site: &SiteNames) -> Option<String> {
    if !hints.authors.is_empty() {
        return Some(hints.authors.join(", "));
    }
    // Initials of an outlet or agency ("dpa", "AP", "LN") credit the newsroom, not a person.
    let person = |name: &String| !site.named_by(name) && !organisation(name) && !initials(name);
    let mut trusted: Vec<String> = AUTHOR_METAS
        .iter()
        .filter_map(|name| meta(raw, name).and_then(clean_author))
        .collect();
    trusted.extend((!ld.authors.is_empty()).then(|| ld.authors.join(", ")));
    let bylines = raw.authors.iter().filter_map(|a| clean_author(a));
    // Date lines that credit someone ("22. Oktober 2019 von ann"), and short lines of the
    // page that open like a byline; both must read like a name.
    let credits = raw
        .date_texts
        .iter()
        .filter(|t| BY_WORD.is_match(t))
        .filter_map(|t| clean_author(t));
    let lines = raw
        .byline_lines
        .iter()
        .filter_map(|t| clean_author(t))
        .filter(|n| looks_like_name(n));
    let candidates: Vec<String> = trusted
        .into_iter()
        .chain(bylines)
        .chain(credits)
        .chain(lines)
        .map(|c| without_outlet(&c, site))
        .collect();
    // Personal sites name their owner in the copyright line: the last resort, when the page
    // names nobody else.
    let owner = || {
        raw.copyright_lines
            .iter()
            .filter_map(|l| copyright_holder(l))
            .find(|n| person(n) && looks_like_name(n))
    };
    // Personal blogs are named after their author, and some pages only credit the
    // newsroom: with no person named, the first name given stands.
    let owner = candidates.is_empty().then(owner).flatten();
    let first = candidates.iter().position(&person);
    // A first pick that reads like a label, a handle or glued text ("Auteurs",
    // "ann_lee", "Ann LeeMo") gives way to a name the page repeats more often (over the
    // article, in its footer, in the author box).
    let voted = first.filter(|&i| weak_name(&candidates[i])).and_then(|i| {
        let votes = |c: &String| {
            candidates
                .iter()
                .filter(|x| x.to_lowercase() == c.to_lowercase())
                .count()
        };
        let best = candidates.iter().filter(|c| person(c)).max_by_key(|c| {
            (
                votes(c),
                std::cmp::Reverse(candidates.iter().position(|x| x == *c)),
            )
        })?;
        (votes(best) > votes(&candidates[i])).then_some(best)
    });
    let found = voted
        .or(first.map(|i| &candidates[i]))
        .or(owner.as_ref())
        .or(candidates.first())?;
    // A first name alone ("Ann") where a byline gives the full one ("Ann Lee").
    let fuller = candidates.iter().find(|a| {
        !found.contains(' ')
            && a.split_whitespace().count() <= 3
            && a.starts_with(&format!("{found} "))
    });
    Some(fuller.unwrap_or(found).clone())
}

/// The words of a byline up to where the name ends: before the month of a date that was cut
/// off (`dated`: "Ann Lee Oct" from "Ann Lee Oct 2, 2019"), a link label
/// ("Twitter", "View all") or a label ("Kategorien:").
fn name_words(s: &str, dated: bool) -> String {
    const LABELS: &[&str] = &[
        "twitter",
        "facebook",
        "instagram",
        "linkedin",
        "view",
        "alle",
        "all",
        "zeige",
        "mehr",
        "more",
        "follow",
        "folgen",
        "email",
        "e-mail",
        "mail",
        "profil",
        "profile",
        "updated",
        "aktualisiert",
        "lesezeit",
        "kategorien",
        "kategorie",
        "veröffentlicht",
        "published",
        "posted",
        "geschrieben",
    ];
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut kept: Vec<&str> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let bare = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        let last = i + 1 == words.len();
        let stop = i > 0
            && (w.starts_with(['(', '/', '|'])
                || matches!(*w, "am" | "at" | "on" | "le" | "um" | "el" | "il")
                || LABELS.contains(&bare.as_str())
                || (dated && last && month_number(&bare).is_some()));
        if stop {
            break;
        }
        if i > 0 && w.ends_with(':') {
            break;
        }
        kept.push(w);
    }
    kept.join(" ")
}

/// A byline without the outlet around the name: "Site - Ann Lee", "Ann Lee, Site".
fn without_outlet(name: &str, site: &SiteNames) -> String {
    let name = site.strip(name);
    match name.rsplit_once(", ") {
        Some((head, tail))
            if !head.trim().is_empty() && (site.named_by(tail) || organisation(tail)) =>
        {
            head.trim().to_string()
        }
        _ => name,
    }
}

/// The holder of a copyright line: "© 2012–2020 by Ann Lee. All rights reserved." gives
/// "Ann Lee".
fn copyright_holder(line: &str) -> Option<String> {
    static NOTICE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:copyright|©|\(c\)|\s|[\d\-–/,]|by\b)+").expect("valid regex")
    });
    let rest = NOTICE.replace(line, "");
    let lower = rest.to_lowercase();
    let end = [
        "all rights",
        "alle rechte",
        "tous droits",
        "todos los derechos",
    ]
    .iter()
    .filter_map(|p| lower.find(p))
    .min()
    .filter(|&i| rest.is_char_boundary(i))
    .unwrap_or(rest.len());
    let name = rest[..end]
        .trim_end_matches([' ', '.'])
        .split(['|', '•', '·', ',', '(', '/'])
        .next()
        .unwrap_or("")
        .split(" - ")
        .next()
        .unwrap_or("");
    clean_author(name)
}

/// "von", "by" as a word.
static BY_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:^|\s)(?:von|by|par|por)\s").expect("valid regex"));

/// One to four words that start with a capital (particles aside), or a list of such names
/// ("Ann Lee, Bo Chen und Cy Dunn").
fn looks_like_name(s: &str) -> bool {
    let parts: Vec<&str> = s
        .split([',', '&', '/'])
        .flat_map(|p| p.split(" und "))
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .collect();
    if parts.len() > 1 {
        return parts.iter().all(|p| !p.is_empty() && one_name(p));
    }
    one_name(s)
}

fn one_name(s: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "von", "van", "de", "der", "den", "del", "di", "da", "le", "la",
    ];
    let words: Vec<&str> = s.split_whitespace().collect();
    match words.len() {
        // A one-word line ("Von wegen!") must look like a name or a handle.
        1 => {
            s.starts_with(char::is_uppercase)
                || s.contains(|c: char| c.is_ascii_digit() || c == '_')
        }
        2..=4 => words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || PARTICLES.contains(w)),
        _ => false,
    }
}

/// A name without the job title or degrees bylines add: "Rechtsanwalt Ann Lee",
/// "Ann Lee Chefredakteurin", "Ann Lee, PhD".
fn without_titles(name: &str) -> String {
    const JOBS: &[&str] = &[
        "autor",
        "autorin",
        "chefredakteur",
        "chefredakteurin",
        "redakteur",
        "redakteurin",
        "rechtsanwalt",
        "rechtsanwältin",
        "korrespondent",
        "korrespondentin",
        "editor",
        "reporter",
        "correspondent",
    ];
    const DEGREES: &[&str] = &[
        "phd", "ph.d.", "md", "m.d.", "ms", "msc", "bsc", "mba", "rd", "ma", "ba",
    ];
    let job = |w: &str| JOBS.contains(&w.to_lowercase().as_str());
    let mut words: Vec<&str> = name.split_whitespace().collect();
    if words.len() > 2 && job(words[0]) {
        words.remove(0);
    }
    if words.len() > 2 && words.last().is_some_and(|w| job(w)) {
        words.pop();
    }
    let name = words.join(" ");
    // Degrees follow the name after commas.
    let mut parts: Vec<&str> = name.split(',').map(str::trim).collect();
    while parts.len() > 1
        && parts
            .last()
            .is_some_and(|p| DEGREES.contains(&p.to_lowercase().as_str()))
    {
        parts.pop();
    }
    parts.join(", ")
}

/// Whether a byline is an outlet's or agency's initials ("dpa", "AP", "LN"), not a first
/// name ("Ela").
fn initials(name: &str) -> bool {
    let n = name.chars().count();
    name.chars().all(char::is_alphabetic)
        && ((n <= 4 && name.chars().all(char::is_uppercase))
            || (n <= 3 && name.chars().all(char::is_lowercase)))
}

/// Whether a byline reads less like a person's name than like a label, a user handle
/// ("ann_lee", "ann.lee") or text glued by markup ("Ann LeeMo 9 Apr").
fn weak_name(name: &str) -> bool {
    let handle =
        !name.contains(' ') && (name.contains(['_', '.']) || !name.contains(char::is_uppercase));
    let glued = name.split_whitespace().skip(1).any(|w| {
        let c: Vec<char> = w.chars().collect();
        c.windows(2)
            .any(|p| p[0].is_lowercase() && p[1].is_uppercase())
    });
    handle || glued || !looks_like_name(name)
}

/// Whether a name is an organisation's or a web address rather than a person's.
fn organisation(name: &str) -> bool {
    static ORG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:gmbh|ag|inc|ltd|llc|verlag|online|media|média|zeitung|nachrichten|magazin|magazine|press|news|redaktion|newsroom|staff|tv|stiftung|verband|institut|landesanstalt|ministerium)\b|\be\.\s?v\.|\w\.(?:com|de|at|ch|fr|net|org|eu|it|es|pl|uk)\b")
            .expect("valid regex")
    });
    ORG.is_match(name)
}

/// A person's name from an author field or byline: no URLs, handles or e-mail addresses,
/// without "By", "Posted by", and without the date and time bylines add.
fn clean_author(s: &str) -> Option<String> {
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^(?:[~\-–—:|·•,]\s*)?
            (?:(?:posted|published|written|veröffentlicht|geschrieben|erstellt|eingestellt|post\s+author|publiziert|publié|publicado)
               \s*(?:on|by|von|am|durch|par|por)?\s*)?
            (?:(?:ein\s+|a\s+)?(?:artikel|beitrag|gastbeitrag|note|post|article)\s*(?:von|by|from)(?:\s+|\s*:\s*|$))?
            (?:(?:by|von|vom|par|door|di|por|autor(?:in)?|auteure?|autore|autora|author|verfasser(?:in)?|text|interview|redakteur(?:in)?)(?:\s+|\s*:\s*|$))?",
        )
        .expect("valid regex")
    });
    // Where a date or time starts, with the word that introduces it ("am", "on", "Le").
    static WHEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:\s+(?:am|at|on|le|um|den|el|il|,))?(?:\s+|^)(?:(?:mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+)?\d")
            .expect("valid regex")
    });
    // "Ann Lee @annlee" names the person twice; "Ann Lee im Gespräch mit Bo Chen" two.
    let s: String = normalize_space(s)
        .split(' ')
        .filter(|w| !(w.len() > 1 && w.starts_with('@')))
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" im Gespräch mit ", ", ");
    // "22. Oktober 2019 · von Ann Lee": after a date, the name follows the last "von"/"by"
    // (but "Christoph von Ritter" is one name).
    let lower = s.to_lowercase();
    let after_by = [" von ", " by ", " par ", " por "]
        .iter()
        .filter_map(|w| lower.rfind(w).map(|i| (i, w.len())))
        .max()
        .filter(|&(i, _)| {
            s.is_char_boundary(i)
                && s[..i].split_whitespace().any(|w| {
                    w.contains(|c: char| c.is_ascii_digit() || "·|•".contains(c))
                        || w.starts_with(char::is_lowercase)
                })
        });
    let s = match after_by {
        Some((i, n)) if s.is_char_boundary(i + n) => s[i + n..].to_string(),
        _ => s,
    };
    let s = BY.replace(&s, "");
    // A label glued to the name by markup: "AuthorAnn Lee".
    let s = ["Author", "Autor", "By", "Von"]
        .iter()
        .find_map(|l| {
            s.strip_prefix(l)
                .filter(|rest| rest.starts_with(|c: char| c.is_uppercase()))
        })
        .unwrap_or(&s);
    let s = s.split(['|', '\u{2022}', '·']).next().unwrap_or("");
    let (s, dated) = match WHEN.find(s) {
        Some(m) if m.start() >= 2 => (&s[..m.start()], true),
        _ => (s, false),
    };
    let s = name_words(s, dated);
    let s = s
        .trim()
        .trim_end_matches(['-', '–', '—', ',', ':', '»', '→', '/', '(', ')'])
        .trim();
    let s = s.trim_start_matches([':', '-', '–', ' ']);
    let s = without_titles(s);
    let s = s.as_str();
    let lower = s.to_lowercase();
    let plausible = !s.is_empty()
        && !s.contains("://")
        && !s.contains('@')
        && !lower.contains("[at]")
        && !s.starts_with("www.")
        && !matches!(
            lower.as_str(),
            "no author" | "unknown" | "admin" | "anonymous" | "guest"
        )
        // A name has a few words; a list of names a few per name.
        && s.split_whitespace().count() <= 8.max(4 * (1 + s.matches([',', '&']).count().min(3)))
        && s.chars().any(char::is_alphabetic)
        // Durations, dates and counters ("01:30 Min.") are no names.
        && !s.starts_with(|c: char| c.is_ascii_digit())
        // Photo credits and headings over author boxes.
        && !["foto:", "photo:", "bild:", "bild ©", "photograph"]
            .iter()
            .any(|p| lower.starts_with(p))
        && !matches!(
            lower.as_str(),
            "autor" | "autoren" | "autorin" | "author" | "authors" | "auteur" | "auteurs" | "artikel"
        );
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
    /// Names of the publisher and of the WebSite.
    site_names: Vec<String>,
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
                        // Personal sites publish as a Person (typed both Person and
                        // Organization by some plugins): that is the author's name.
                        if has_type(map.get("@type"), &["website", "organization"])
                            && !has_type(map.get("@type"), &["person"])
                        {
                            out.site_names.extend(name_of(v));
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
                .map(|s| normalize_space(&unescape(s)))
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
        if let Some(publisher) = map.get("publisher") {
            let person = publisher
                .as_object()
                .is_some_and(|p| has_type(p.get("@type"), &["person"]));
            if !person {
                self.site_names.extend(name_of(publisher));
            }
        }
        if self.authors.is_empty() {
            if let Some(author) = map.get("author").or_else(|| map.get("creator")) {
                self.authors = person_names(author);
            }
        }
    }
}

fn is_article(ty: Option<&Value>) -> bool {
    has_type(ty, ARTICLE_TYPES)
}

/// Whether a JSON-LD `@type` is one of `types` (lower-case).
fn has_type(ty: Option<&Value>, types: &[&str]) -> bool {
    let matches = |s: &str| types.contains(&s.to_ascii_lowercase().as_str());
    match ty {
        Some(Value::String(s)) => matches(s),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).any(matches),
        _ => false,
    }
}

/// The `name` of a JSON-LD object, or the string itself.
fn name_of(v: &Value) -> Option<String> {
    let name = match v {
        Value::String(s) => s.as_str(),
        Value::Object(m) => m.get("name").and_then(Value::as_str)?,
        _ => return None,
    };
    Some(normalize_space(&unescape(name))).filter(|n| !n.is_empty())
}

/// Names from a JSON-LD author value: a string, a Person object, or a list of either.
fn person_names(v: &Value) -> Vec<String> {
    let one = |v: &Value| match v {
        Value::String(s) => clean_author(&unescape(s)),
        Value::Object(m) => m
            .get("name")
            .and_then(Value::as_str)
            .and_then(|s| clean_author(&unescape(s))),
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
    fn timestamp_zones() {
        assert_eq!(stamp_zone("2022-05-04T00:25:56Z"), Some((25, 0)));
        assert_eq!(stamp_zone("Wed, 04 May 2022 02:41:00 GMT"), Some((161, 0)));
        assert_eq!(stamp_zone("2021-11-04T23:00Z"), Some((23 * 60, 0)));
        assert_eq!(stamp_zone("2022-05-03T23:37:37-04:00"), Some((1417, -240)));
        assert_eq!(stamp_zone("2019-06-17T18:28:00+0200"), Some((1108, 120)));
        assert_eq!(stamp_zone("2023-11-08 16:43:30"), None);
        assert_eq!(stamp_zone("2022-05-03"), None);
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
        assert_eq!(
            strip_site_suffix("Ann Lee's Notes | Rebels break truce in the north", None),
            "Rebels break truce in the north"
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

    #[test]
    fn written_dates_in_several_languages() {
        let d = |s| written_date(s, false).map(|d| d.to_string());
        assert_eq!(d("Posted on November 22, 2011"), Some("2011-11-22".into()));
        assert_eq!(d("December 29th 2019"), Some("2019-12-29".into()));
        assert_eq!(d("am 23. Juli 2017 um 10:00"), Some("2017-07-23".into()));
        assert_eq!(d("26 Okt 2018"), Some("2018-10-26".into()));
        assert_eq!(d("17 lutego 2020"), Some("2020-02-17".into()));
        assert_eq!(d("3 de mayo de 2022"), Some("2022-05-03".into()));
        assert_eq!(d("26/10/13, 03:48 pm"), Some("2013-10-26".into()));
        assert_eq!(d("2019-08-16"), Some("2019-08-16".into()));
        assert_eq!(d("Wissen26.02.2020Lesedauer"), Some("2020-02-26".into()));
        assert_eq!(d("Kommentare: 12"), None);
        assert_eq!(d("Apr 042013"), Some("2013-04-04".into()));
        assert_eq!(d("15 августа 2016, 13:43"), Some("2016-08-15".into()));
        assert_eq!(d("2 листопада 2021"), Some("2021-11-02".into()));
    }

    #[test]
    fn site_names_from_metadata_and_host() {
        let raw = RawMeta {
            metas: vec![("og:site_name".into(), "Harbour Notes".into())],
            ..RawMeta::default()
        };
        let site = SiteNames::new(&raw, &JsonLd::default(), Some("https://blog.bay.example/x"));
        assert!(site.named_by("Harbour Notes"));
        assert!(site.named_by("bay.example"));
        assert!(!site.named_by("Ferry pier to close"));
        assert_eq!(
            site.strip("Ferry pier to close | Harbour Notes"),
            "Ferry pier to close"
        );
        assert_eq!(
            site.strip("Harbour Notes | Ferry pier to close"),
            "Ferry pier to close"
        );
    }
}
