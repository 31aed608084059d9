//! Classify: decides which blocks of a flattened page are the article and which are comments.
//!
//! In: a [`Page`]. Out: body paragraphs and comments (one string each).
//!
//! Body: every block gets a weight, positive for text that reads like prose (long, punctuated,
//! few links), negative for link lists, short fragments and anything in a boilerplate box or
//! comment thread. The element whose blocks have the largest weight sum is the article
//! container; its blocks are kept unless they are in a boilerplate box nested inside it, in a
//! comment thread, or are link lists. A box named like boilerplate that holds most of the
//! page's prose is a layout wrapper, and its name is ignored.
//!
//! Comments: the blocks inside comment threads, grouped per comment item, minus the chrome.

use super::html::{Block, BlockKind, Page};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The extracted text of a page.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    pub body: Vec<String>,
    pub comments: Vec<String>,
    /// The heading that opens the article container (or stands just before it).
    pub heading: Option<String>,
}

/// Short lines that are page furniture wherever they appear.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            advertisement|anzeige|werbung|publicité|sponsored|
            share(?:\s+(?:this|on)\b.*)?|tweet|print|e-?mail|
            (?:click|tap)\s+here\b.*|
            related(?:\s+(?:stories|articles|posts|content|links))?:?|
            (?:tags?|filed\s+under|posted\s+in|categor(?:y|ies)|topics?)\s*:.*|
            follow\s+us\b.*|read\s+more\b.*|continue\s+reading\b.*|
            (?:©|\(c\)|copyright\b).*|all\s+rights\s+reserved\.?|
            (?:ähnliche|verwandte|weitere)\s+(?:beiträge|artikel|themen):?|auch\s+interessant:?|
            schlagw(?:o|ö)rte?\s*:?.*|letzte\s+änderung.*|mehr\s+zum\s+thema:?|
            das\s+(?:thema\s+)?könnte\s+(?:dich|sie)\s+auch\s+interessieren:?|
            (?:foto|fotos|bild|photo|image|quelle|source)\s*:.{0,80}|aufrufe:?.*|
            you\s+(?:may|might)\s+also\s+like:?|more\s+from\b.{0,60}
        )$",
    )
    .expect("valid regex")
});

/// Comment chrome that escaped the element names: reply links, votes, "says:", bare dates.
static COMMENT_CHROME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            reply|report|permalink|quote|edit|flag|like|share|delete|
            (?:log\s+in|sign\s+in)\s+to\s+reply|
            \d+\s+(?:likes?|points?|replies|votes?|people\s+like\s+this)|
            .{1,60}\s+says:?|
            (?:on\s+)?(?:\w+\s+)?\d{1,2}[\s./-]+\w+[\s./-]+\d{2,4}(?:\s*(?:at|@|,)?\s*\d{1,2}:\d{2}\s*(?:am|pm)?)?|
            (?:on\s+)?\w+\s+\d{1,2},?\s+\d{4}(?:\s*(?:at|@|,)?\s*\d{1,2}:\d{2}\s*(?:am|pm)?)?|
            \d+\s+(?:comments?|responses?|replies)(?:\s+(?:on|to)\b.*)?|
            leave\s+a\s+(?:reply|comment)|comments?|trackbacks?|pingbacks?|
            .{0,40}\b(?:no\s+comments|sign\s+in|log\s+in|sign\s+up|register|powered\s+by|
                join\s+the\s+(?:conversation|discussion)|add\s+(?:a|your)\s+comment|
                read\s+them\s+below|(?:previous|older|newer)\s+comments|comment\s+&\s+contribute|
                comments\s+are\s+closed|post\s+a\s+comment)\b.{0,80}|
            .{0,40}\b(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago
        )$",
    )
    .expect("valid regex")
});

/// Prose weight (about characters of clean text) that makes an article-named element count.
const ARTICLE_MASS: f64 = 400.0;

/// Share of the page's positive weight above which a boilerplate-named box is a layout wrapper.
const WRAPPER_SHARE: f64 = 0.5;

/// Splits a page into body and comments.
pub(crate) fn classify(page: &Page) -> Extracted {
    let blocks = &page.blocks;
    let base: Vec<f64> = blocks.iter().map(prose_weight).collect();
    let real_boiler = real_boilerplate(page, &base);
    let is_boiler = |b: &Block| b.boiler.is_some_and(|e| real_boiler[e as usize]);

    let weights: Vec<f64> = blocks
        .iter()
        .zip(&base)
        .map(|(b, &w)| {
            if b.comment.is_some() {
                -0.5 * f64::from(b.chars)
            } else if is_boiler(b) {
                -f64::from(b.chars)
            } else {
                w
            }
        })
        .collect();
    let container = best_container(page, &weights);
    let body = match container {
        Some(container) => {
            let elem = &page.elems[container as usize];
            blocks[elem.start as usize..elem.end as usize]
                .iter()
                .filter(|b| {
                    b.comment.is_none()
                        && !b
                            .boiler
                            .is_some_and(|e| e > container && real_boiler[e as usize])
                        && !link_list(b)
                        && !FURNITURE.is_match(&b.text)
                })
                .map(|b| b.text.clone())
                .collect()
        }
        None => Vec::new(),
    };

    Extracted {
        body,
        comments: comments(page, &real_boiler),
        heading: container.and_then(|c| container_heading(page, c)),
    }
}

/// The first heading among the container's first blocks, else the last heading shortly
/// before the container (themes put the headline just outside the text's `div`).
fn container_heading(page: &Page, container: u32) -> Option<String> {
    const NEAR: usize = 6;
    let elem = &page.elems[container as usize];
    let (start, end) = (elem.start as usize, elem.end as usize);
    let is_heading =
        |b: &&Block| matches!(b.kind, BlockKind::Heading(1..=3)) && b.comment.is_none();
    let inside = page.blocks[start..end.min(start + NEAR)]
        .iter()
        .find(is_heading);
    let before = || {
        page.blocks[start.saturating_sub(NEAR)..start]
            .iter()
            .rev()
            .find(is_heading)
    };
    inside.or_else(before).map(|b| b.text.clone())
}

/// How much a block looks like article prose, on its own.
fn prose_weight(b: &Block) -> f64 {
    let n = f64::from(b.chars);
    let link_share = f64::from(b.link_chars) / n.max(1.0);
    if link_share > 0.5 {
        return -n * link_share;
    }
    let sentences = b
        .text
        .matches(['.', '!', '?', ';', '。', '！', '？'])
        .count();
    let long = b.chars >= 100 || (b.chars >= 40 && sentences >= 1);
    if long {
        n * (1.0 - link_share)
    } else {
        -0.3 * n
    }
}

/// Which boilerplate-flagged elements really are boxes, not wrappers around the article.
fn real_boilerplate(page: &Page, base: &[f64]) -> Vec<bool> {
    let mut prefix = Vec::with_capacity(base.len() + 1);
    prefix.push(0.0);
    let mut sum = 0.0;
    for (b, w) in page.blocks.iter().zip(base) {
        if b.comment.is_none() {
            sum += w.max(0.0);
        }
        prefix.push(sum);
    }
    let total = sum;
    let mass = |e: &super::html::Elem| prefix[e.end as usize] - prefix[e.start as usize];
    // Article-named elements holding real prose; a box around one of them is not furniture
    // (Blogger wraps every post in `div.widget.Blog`).
    let articles: Vec<(usize, &super::html::Elem)> = page
        .elems
        .iter()
        .enumerate()
        .filter(|(_, e)| e.content_hint && mass(e) >= ARTICLE_MASS)
        .collect();
    page.elems
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let wrapper = total > 0.0 && mass(e) > WRAPPER_SHARE * total;
            let holds_article = articles
                .iter()
                .any(|&(j, a)| j > i && a.start >= e.start && a.end <= e.end);
            !(wrapper || holds_article)
        })
        .collect()
}

/// The element whose blocks weigh most; among equals the innermost.
fn best_container(page: &Page, weights: &[f64]) -> Option<u32> {
    let mut prefix = Vec::with_capacity(weights.len() + 1);
    prefix.push(0.0);
    let mut sum = 0.0;
    for w in weights {
        sum += w;
        prefix.push(sum);
    }
    let mut best: Option<(u32, f64)> = None;
    for (i, e) in page.elems.iter().enumerate() {
        if e.end <= e.start {
            continue;
        }
        let mut score = prefix[e.end as usize] - prefix[e.start as usize];
        if e.content_hint && score > 0.0 {
            score *= 1.1;
        }
        if best.is_none_or(|(_, s)| score >= s) {
            best = Some((i as u32, score));
        }
    }
    best.filter(|&(_, s)| s > 0.0).map(|(i, _)| i)
}

/// A block that is mostly links: a menu entry, a related-story list item.
fn link_list(b: &Block) -> bool {
    b.link_chars * 2 > b.chars
}

/// Comment texts, one per comment item. Text between items that is not inside one (a `dd`
/// after its `dt`, a paragraph after a header div) belongs to the item before it; threads
/// without items give one comment per prose-like block.
fn comments(page: &Page, real_boiler: &[bool]) -> Vec<String> {
    let regions_with_items: HashSet<u32> = page
        .blocks
        .iter()
        .filter_map(|b| b.comment.filter(|c| c.item.is_some()).map(|c| c.region))
        .collect();
    let mut out: Vec<(u32, String)> = Vec::new();
    let mut current: Option<(u32, u32)> = None; // (region, item) of the comment being gathered
    for b in &page.blocks {
        let Some(c) = b.comment else { continue };
        let boiler = b
            .boiler
            .is_some_and(|e| e > c.region && real_boiler[e as usize]);
        if c.chrome || boiler || COMMENT_CHROME.is_match(&b.text) || link_list(b) {
            continue;
        }
        let key = match c.item {
            Some(item) => Some((c.region, item)),
            None if regions_with_items.contains(&c.region) => {
                current.filter(|&(region, _)| region == c.region && prose_like(b))
            }
            None => None,
        };
        match key {
            Some(key) if current == Some(key) => {
                if let Some((_, last)) = out.last_mut() {
                    last.push('\n');
                    last.push_str(&b.text);
                }
            }
            Some(key) => {
                current = Some(key);
                out.push((c.region, b.text.clone()));
            }
            None if !regions_with_items.contains(&c.region)
                && prose_like(b)
                && !matches!(b.kind, BlockKind::Heading(_)) =>
            {
                current = None;
                out.push((c.region, b.text.clone()));
            }
            None => {}
        }
    }
    out.retain(|(_, c)| c.split_whitespace().nth(1).is_some() && !COMMENT_CHROME.is_match(c));
    // A thread of nothing but labels ("Question of the Day", "Members: 12") is a widget.
    let discussed: HashSet<u32> = out
        .iter()
        .filter(|(_, c)| c.split_whitespace().nth(5).is_some())
        .map(|&(region, _)| region)
        .collect();
    out.into_iter()
        .filter(|(region, _)| discussed.contains(region))
        .map(|(_, c)| c)
        .collect()
}

/// A block that reads like a sentence rather than a label.
fn prose_like(b: &Block) -> bool {
    b.chars >= 20 && b.text.split_whitespace().nth(4).is_some() && b.link_chars * 10 < b.chars * 3
}
