//! Metadata: title, date, author, URL, site and language of a page.
//!
//! In: the raw metadata gathered by the HTML walk, the container hints and the extracted text.
//! Out: a [`Meta`]. Candidates are picked in a fixed order of trust (container hints, Open
//! Graph / article meta, JSON-LD, microdata and `<time>`, other common meta, the URL); dates are
//! parsed by `chrono` and JSON-LD by `serde_json`.

use super::html::RawMeta;
use super::normalize_space;
use crate::ingest::Hints;

mod author;
mod date;
mod jsonld;
mod lang;
mod title;

pub(crate) use date::{is_date_line, parse_date, url_date};
pub(super) use jsonld::JsonLd;
pub(crate) use lang::detect_lang;
pub(crate) use title::strip_host_suffix;
use title::TITLE_SEPARATORS;
#[cfg(test)]
mod tests;

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

/// Resolves the metadata of a page. `heading` is the heading that opens the article text;
/// `text` is body text for language detection when the page does not declare one; `body` the
/// article's paragraphs.
pub(crate) fn resolve(
    raw: &RawMeta,
    hints: &Hints,
    heading: Option<&str>,
    text: &str,
    body: &[String],
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
    let names = SiteNames::new(raw, &ld, url.as_deref().or(hints.url.as_deref()));
    let lang = lang::lang(raw, text);
    let month_first = lang::month_first(raw, lang.as_deref());
    Meta {
        title: visible(&title::typographic(
            title::title(raw, hints, &ld, heading, &names),
            raw,
            &ld,
        )),
        date: date::date(raw, hints, &ld, url.as_deref(), month_first),
        author: author::author(raw, hints, &ld, &names, body),
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

/// Longest lone path segment of plain letters taken for a section front (`/world/`, `/sport`).
const MAX_SECTION_NAME: usize = 24;

/// True when `url` can name one article: not a site's root, nor a listing (tag, category,
/// author or section front: a first path segment of `data/urls/listing-segments.txt`, or a
/// lone segment that is one short plain word like `/world/`).
pub(crate) fn specific_url(url: &str) -> bool {
    static LISTINGS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| {
            include_str!("../../../data/urls/listing-segments.txt")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect()
        });
    let Some((_, rest)) = url.split_once("://") else {
        return false;
    };
    let path = rest
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .split_once('/')
        .map_or("", |(_, p)| p);
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        [] => false,
        [first, ..] if LISTINGS.contains(first.to_ascii_lowercase().as_str()) => false,
        [only] => only.len() > MAX_SECTION_NAME || !only.chars().all(|c| c.is_ascii_alphabetic()),
        _ => true,
    }
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
