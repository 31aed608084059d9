//! The headline: the visible heading the metadata confirms, without site names.

use super::{host, meta, squash, JsonLd, SiteNames};
use crate::clean::html::RawMeta;
use crate::clean::normalize_space;
use crate::ingest::Hints;

/// Separators between a headline and the site name in `<title>`.
pub(super) const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " » ", " « ", " › ", " · ", " ~ ", " / ", " : ",
];

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
pub(super) fn title(
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
    let opening = heading.map(squash);
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
    // An h1 in a box named like furniture (themes wrap the entry header in one) is still the
    // headline when the article text opens with it.
    let first_h1 = raw.h1s.iter().find(|h| {
        (!h.furniture || (h.boxed && opening.as_deref() == Some(squash(&h.full).as_str())))
            && primary.iter().any(|p| p.0 == h.text)
    });
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
    // A <title> of a few words names the page as the site's menu does ("History", "Our
    // story"); a longer heading opening the text (sentence-long ones aside) is its headline.
    let words = |t: &str| t.split_whitespace().count();
    let menu_words = from_meta.as_deref().map_or(0, words);
    if let Some(h) = heading
        .map(normalize_space)
        .filter(|h| (2..=15).contains(&words(h)) && words(h) > menu_words && menu_words <= 3)
        .filter(|h| !site.named_by(h) && !label(h))
    {
        return h;
    }
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
pub(super) fn typographic(title: String, raw: &RawMeta, ld: &JsonLd) -> String {
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
pub(super) fn strip_site_suffix(title: &str, h1: Option<&str>) -> String {
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
