//! Clean: turns a raw page into an article.
//!
//! In: a [`RawDoc`](crate::ingest::RawDoc) (HTML or plain text bytes, plus container hints).
//! Out: an [`Article`]: metadata, the body as paragraphs with boilerplate removed, and the reader
//! comments kept apart, one string per comment.
//!
//! Stages: [`charset`] decodes the bytes; HTML is parsed by `scraper` (html5ever) and flattened
//! into text blocks by [`html`]; [`classify`] picks the article body (weighing each block by a
//! rule and by the learned block [`model`]) and the comments; [`meta`] reads title, date, author,
//! URL, site and language. Plain text goes through [`text`]. [`train`] learns the block model.

mod charset;
mod classify;
mod cues;
mod guard;
mod html;
mod meta;
pub mod model;
mod names;
mod text;
pub mod train;

use crate::ingest::{Kind, RawDoc};
use serde::Serialize;

/// A cleaned news article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Article {
    /// The page's own URL (WARC target, JSON `url`), else the canonical URL it names when that
    /// is specific to it (not a site root, section or tag front), else its path relative to
    /// the input root.
    pub id: String,
    /// The id to take when `id` is a canonical URL that another page of the same run claims
    /// too (its path); `None` when `id` is the page's own URL or path.
    #[serde(skip)]
    pub id_fallback: Option<String>,
    /// Where the article was read from (path, `:LINE`, `#N`).
    pub path: String,
    /// The headline.
    pub title: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Author(s), joined with ", ".
    pub author: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Site name (`og:site_name`, else the URL's host).
    pub site: Option<String>,
    /// ISO 639-1 language code.
    pub lang: Option<String>,
    /// Body paragraphs, in order.
    pub body: Vec<String>,
    /// How many of the first body paragraphs are the standfirst the page sets in the article's
    /// header, apart from the text: a summary of the whole story, which passages keep apart.
    pub lead: usize,
    /// Reader comments, one string per comment, in order.
    pub comments: Vec<String>,
}

/// Why a document could not be cleaned.
#[derive(Debug, thiserror::Error)]
pub enum CleanError {
    /// The bytes are not text (a binary file with a text extension).
    #[error("not text: {0} (a binary file with a page's name: leave it out of the paths)")]
    Binary(String),
    /// Nothing readable was left after cleaning.
    #[error("no text found (an empty page, or markup and boilerplate only): nothing to index")]
    Empty,
}

/// Longest title and site name kept, in characters. A headline is under 300; both are repeated
/// on every passage of the article, so a megabyte title would cost a megabyte per passage.
pub const MAX_TITLE_CHARS: usize = 1000;
/// Longest URL kept, in bytes (sitemaps allow 2,048); a longer one is no article's address, and
/// the id it would become is repeated on every passage.
pub const MAX_URL_BYTES: usize = 4096;

/// Cleans one raw document into an article.
pub fn clean(doc: &RawDoc) -> Result<Article, CleanError> {
    let text = charset::decode(&doc.bytes, doc.kind == Kind::Html)?;
    let article = match doc.kind {
        Kind::Html => clean_html(doc, &text),
        Kind::Text => clean_text(doc, &text),
    };
    if article.body.is_empty() && article.comments.is_empty() {
        return Err(CleanError::Empty);
    }
    Ok(bounded(article, doc))
}

/// The article with its title, site and URL within [`MAX_TITLE_CHARS`] and [`MAX_URL_BYTES`].
fn bounded(mut article: Article, doc: &RawDoc) -> Article {
    if article
        .url
        .as_ref()
        .is_some_and(|u| u.len() > MAX_URL_BYTES)
    {
        if Some(&article.id) == article.url.as_ref() {
            article.id = doc.rel_path.clone();
            article.id_fallback = None;
        }
        article.url = None;
    }
    article.title = cut(&article.title, MAX_TITLE_CHARS);
    article.site = article.site.map(|site| cut(&site, MAX_TITLE_CHARS));
    article
}

/// `s` cut to at most `max` characters, at a space when there is one near the end.
/// Length of the title made from the first words of a text that has none, in characters.
const UNTITLED_TITLE_CHARS: usize = 80;

fn cut(s: &str, max: usize) -> String {
    let Some((end, _)) = s.char_indices().nth(max) else {
        return s.to_string();
    };
    let head = &s[..end];
    match head.rfind(char::is_whitespace) {
        Some(space) if space > end / 2 => head[..space].trim_end().to_string(),
        _ => head.to_string(),
    }
}

/// A decoded HTML page flattened into blocks (the parsed tree is dropped on return).
fn flattened(text: &str) -> html::Page {
    html::flatten(&scraper::Html::parse_document(&guard::guard(text)))
}

fn clean_html(doc: &RawDoc, text: &str) -> Article {
    let page = flattened(text);
    let extracted = classify::classify(&page);
    let sample = language_sample(&extracted.body);
    let meta = meta::resolve(
        &page.meta,
        &doc.hints,
        extracted.heading.as_deref(),
        &sample,
        &extracted.body,
    );
    let mut body = extracted.body;
    // The headline is `title`; repeating it as the first paragraph would index it twice.
    if body.first().is_some_and(|p| *p == meta.title) {
        body.remove(0);
    }
    let lead = body
        .iter()
        .take_while(|p| extracted.standfirst.contains(p))
        .count();
    let (id, id_fallback) = identity(meta.url.as_deref(), doc);
    Article {
        id,
        id_fallback,
        path: doc.source.clone(),
        title: meta.title,
        date: meta.date,
        author: meta.author,
        url: meta.url,
        site: meta.site,
        lang: meta.lang,
        body,
        lead,
        comments: extracted.comments,
    }
}

/// The id of a page whose resolved URL is `url`, and the one to fall back on (see [`Article`]).
fn identity(url: Option<&str>, doc: &RawDoc) -> (String, Option<String>) {
    match (doc.hints.url.as_deref(), url) {
        (Some(own), _) => (own.to_string(), None),
        (None, Some(canonical)) if meta::specific_url(canonical) => {
            (canonical.to_string(), Some(doc.rel_path.clone()))
        }
        _ => (doc.rel_path.clone(), None),
    }
}

fn clean_text(doc: &RawDoc, text: &str) -> Article {
    let hints = &doc.hints;
    let url = hints.url.clone();
    let mut parts = match hints.title.as_deref().map(normalize_space) {
        // A record's text need not start with its title: put it there, so the first line of
        // the text stays body (and a text that does repeat it has the repeat dropped).
        Some(t) if !t.is_empty() => text::split(&format!("{t}\n\n{text}")),
        _ => text::split(text),
    };
    // A text of one paragraph and no title is all body (a note, a wire flash): its first
    // words make the title, rather than the paragraph becoming a title with nothing under it.
    if hints.title.is_none() && parts.body.is_empty() && parts.comments.is_empty() {
        let paragraph = std::mem::take(&mut parts.title);
        if !paragraph.is_empty() {
            parts.title = cut(&paragraph, UNTITLED_TITLE_CHARS);
            parts.body.push(paragraph);
        }
    }
    let title = match hints.title {
        Some(_) => meta::strip_host_suffix(&parts.title, url.as_deref()),
        None => parts.title,
    };
    // As for pages, a container's date may be the scrape time; a dated URL is the publication.
    let date = url
        .as_deref()
        .and_then(meta::url_date)
        .or_else(|| hints.date.as_deref().and_then(meta::parse_date))
        .or_else(|| parts.body.first().and_then(|p| text_date(p)))
        .or_else(|| text_date(&doc.rel_path))
        .map(|d| d.format("%Y-%m-%d").to_string());
    Article {
        id: url.clone().unwrap_or_else(|| doc.rel_path.clone()),
        id_fallback: None,
        path: doc.source.clone(),
        title,
        date,
        author: (!hints.authors.is_empty()).then(|| hints.authors.join(", ")),
        site: url.as_deref().and_then(meta::host).map(str::to_string),
        url,
        lang: meta::detect_lang(&language_sample(&parts.body)),
        body: parts.body,
        lead: 0,
        comments: parts.comments,
    }
}

/// A date written in running text, as wire datelines ("ROTTERDAM, March 4, 2019 —") and file
/// names ("2016-12-14-aleppo.txt") carry it.
fn text_date(s: &str) -> Option<chrono::NaiveDate> {
    static WRITTEN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}\b",
        )
        .expect("valid regex")
    });
    static NUMERIC: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?:^|[^\d])(\d{4})[-/](\d{2})[-/](\d{2})(?:[^\d]|$)")
            .expect("valid regex")
    });
    let head: String = s.chars().take(300).collect();
    // A dateline opens the text: a date after a place or a byline, not one deep in a sentence
    // ("a eurobond due March 30, 1990" is no publication date).
    let opens = |start: usize| head[..start].split_whitespace().count() <= 4;
    WRITTEN
        .find(&head)
        .filter(|m| opens(m.start()))
        .and_then(|m| meta::parse_date(&m.as_str().replace('.', "").replace("Sept ", "Sep ")))
        .or_else(|| {
            NUMERIC
                .captures(&head)
                .filter(|c| opens(c.get(1).map_or(0, |m| m.start())))
                .and_then(|c| meta::parse_date(&format!("{}-{}-{}", &c[1], &c[2], &c[3])))
        })
}

/// The first few thousand characters of the body, for language detection.
fn language_sample(body: &[String]) -> String {
    let mut sample = String::new();
    for p in body {
        if sample.len() > 4000 {
            break;
        }
        sample.push_str(p);
        sample.push('\n');
    }
    sample
}

/// Collapses runs of whitespace to one space and trims the ends.
pub(crate) fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests;
