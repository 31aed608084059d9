//! Classify: decides which blocks of a flattened page are the article and which are comments.
//!
//! In: a [`Page`]. Out: body paragraphs and comments (one string each).
//!
//! Body: every block gets a weight, positive for text that reads like prose (long, punctuated,
//! few links), negative for link lists, short fragments and anything in a boilerplate box, and
//! nothing for comment text (which is dropped from the body anyway, so a thread after the
//! article in the same wrapper neither pulls the container down nor up). The element whose blocks have the largest weight sum is the article
//! container; its blocks are kept unless they are in a boilerplate box nested inside it, in a
//! comment thread, or are link lists. A box named like boilerplate that holds most of the
//! page's prose is a layout wrapper, and its name is ignored.
//!
//! Comments: the blocks inside comment threads, grouped per comment item, minus the chrome.

use super::cues::cues;
use super::html::{Block, BlockKind, Page};
use super::model;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The extracted text of a page.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    pub body: Vec<String>,
    pub comments: Vec<String>,
    /// The heading that opens the article container (or stands just before it).
    pub heading: Option<String>,
    /// The standfirst's paragraphs (prose of the article's header box), wherever they went.
    pub standfirst: Vec<String>,
}

/// Short lines that are page furniture wherever they appear.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    regex::RegexBuilder::new(include_str!("../../data/clean/patterns/furniture-line.re"))
        .dfa_size_limit(32 << 20)
        .build()
        .expect("valid regex")
});
/// Furniture that a short line may hold anywhere, not only at its start: a caption's credit
/// at its end ("… (Foto: Ann Lee)", "… © AFP"), a call to action inside a sentence ("Never
/// miss the latest news by signing up to our newsletter"). Apart from [`FURNITURE`], which
/// stops reading a line at its first words, as this one cannot.
static FURNITURE_ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    regex::RegexBuilder::new(include_str!(
        "../../data/clean/patterns/furniture-anywhere.re"
    ))
    .dfa_size_limit(32 << 20)
    .build()
    .expect("valid regex")
});

/// Comment chrome that escaped the element names: reply links, votes, "says:", bare dates.
static COMMENT_CHROME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(include_str!("../../data/clean/patterns/comment-chrome.re")).expect("valid regex")
});

/// Lines that only a real thread has: a comment count, an author's "says:", a timestamp.
static THREAD_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(include_str!("../../data/clean/patterns/thread-mark.re")).expect("valid regex")
});

/// Longest line [`THREAD_MARK`] looks at; a longer one is prose that happens to hold a date.
const THREAD_MARK_CHARS: u32 = 80;

/// Prose weight (about characters of clean text) that makes an article-named element count.
const ARTICLE_MASS: f64 = 400.0;

/// Prose weight that makes a post-text-named element (`entry-content`) count: a short post is
/// still the article, and blog engines wrap it in boxes named like widgets.
const POST_TEXT_MASS: f64 = 40.0;

/// Share of the page's positive weight above which a boilerplate-named box is a layout wrapper.
const WRAPPER_SHARE: f64 = 0.5;

/// Prose weight that makes an article- or post-text-named element say where the article is.
const NAMED_MIN_MASS: f64 = 30.0;

/// Share of a would-be wrapper's weight that a named element elsewhere must hold to show the
/// wrapper is a box after all; named teasers in a "more stories" list hold much less.
const NAMED_SHARE: f64 = 0.15;

/// Share of a would-be wrapper's weight that prose outside any box must reach to show the
/// wrapper is a box after all (a sidebar of long teasers beside a short post).
const FREE_SHARE: f64 = 0.5;

/// Blocks (a byline, a share bar) that may sit between a headline and the text it introduces.
const HEADLINE_GAP: usize = 4;

/// Splits a page into body and comments.
pub(crate) fn classify(page: &Page) -> Extracted {
    let (rule, real_boiler, rows) = model_inputs(page);
    let base = model_weights(page, &rule, rows);
    let (mut body, mut container) = body(page, &base, &real_boiler);
    // Every box named like furniture: a page built from widgets, or an article inside a form
    // (shops). Its prose, if there is an article's worth, beats "no text found". The rule
    // alone weighs it: the model learned that text in such boxes is rarely the article.
    let prose = || -> f64 {
        let blocks = page.blocks.iter().zip(&rule);
        blocks
            .filter(|(b, _)| b.comment.is_none())
            .map(|(_, &w)| w.max(0.0))
            .sum()
    };
    if body.is_empty() && prose() >= ARTICLE_MASS {
        // Its container's heading may be any box's ("Main navigation"): no headline hint.
        (body, _) = self::body(page, &rule, &vec![false; real_boiler.len()]);
        container = None;
    }
    // A post of short lines only (a photo post's data sheet: "Camera: …", "Film: …") weighs
    // less than nothing, yet a box named as post text says it is the article.
    if body.is_empty() {
        if let Some(named) = short_post(page, &real_boiler) {
            let e = &page.elems[named];
            let mut lifted = base.clone();
            for (b, w) in page.blocks[e.start as usize..e.end as usize]
                .iter()
                .zip(&mut lifted[e.start as usize..e.end as usize])
            {
                if !link_list(b) {
                    *w = f64::from(b.chars);
                }
            }
            (body, container) = self::body(page, &lifted, &real_boiler);
        }
    }
    Extracted {
        body,
        comments: comments(page, &real_boiler),
        heading: container.and_then(|c| container_heading(page, c)),
        standfirst: page
            .blocks
            .iter()
            .filter(|b| b.standfirst)
            .map(|b| b.text.clone())
            .collect(),
    }
}

/// The element named as post text (`entry-content`) holding the most text outside links,
/// comments and boxes, if any.
fn short_post(page: &Page, real_boiler: &[bool]) -> Option<usize> {
    let text = |e: &super::html::Elem| -> u32 {
        page.blocks[e.start as usize..e.end as usize]
            .iter()
            .filter(|b| {
                b.comment.is_none()
                    && !b.boiler.is_some_and(|e| real_boiler[e as usize])
                    && !link_list(b)
            })
            .map(|b| b.chars)
            .sum()
    };
    page.elems
        .iter()
        .enumerate()
        .filter(|(_, e)| e.text_hint)
        .map(|(i, e)| (i, text(e)))
        .filter(|&(_, n)| n > 0)
        .max_by_key(|&(_, n)| n)
        .map(|(i, _)| i)
}

/// The article's paragraphs and the element chosen as its container.
fn body(page: &Page, base: &[f64], real_boiler: &[bool]) -> (Vec<String>, Option<u32>) {
    let blocks = &page.blocks;
    let is_boiler = |b: &Block| b.boiler.is_some_and(|e| real_boiler[e as usize]);
    let weights: Vec<f64> = blocks
        .iter()
        .zip(base)
        .map(|(b, &w)| {
            if b.comment.is_some() {
                0.0
            } else if is_boiler(b) {
                -f64::from(b.chars)
            } else {
                w
            }
        })
        .collect();
    let Some(mut container) = best_container(page, &weights, 0) else {
        return (Vec::new(), None);
    };
    // The article follows its headline: a box that ends before it is a sidebar or a header
    // blurb that outweighs a short post.
    if let Some(h) = headline(page, &is_boiler) {
        if page.elems[container as usize].end as usize <= h {
            if let Some(c) = best_container(page, &weights, h + 1) {
                container = c;
            }
        }
    }
    let kept = |b: &Block| b.comment.is_none() && !is_boiler(b) && !link_list(b) && !furniture(b);
    let (start, end) = with_adjacent_prose(page, container, base, &kept);
    let lead = with_lead(page, start, &kept);
    let in_body = |i: usize| {
        let b = &blocks[i];
        if i < start {
            return kept(b);
        }
        b.comment.is_none()
            && !b
                .boiler
                .is_some_and(|e| e > container && real_boiler[e as usize])
            && !link_list(b)
            && !furniture(b)
    };
    // A label introduces what follows it ("Read also:", "Related coverage"); when that is a
    // link list or a box, which the body drops, the label goes with it.
    let introduces_dropped = |i: usize| {
        let Some(next) = blocks.get(i + 1) else {
            return false;
        };
        label(&blocks[i].text) && !signed(&blocks[i].text) && !kept(next)
    };
    // A paragraph seen before is the template's second copy of the text (a print version, a
    // teaser of the article on its own page), which would double every hit.
    let mut seen = HashSet::new();
    let mut repeated = |i: usize| blocks[i].chars >= 40 && !seen.insert(blocks[i].text.as_str());
    let mut body: Vec<String> = (lead..end)
        .filter(|&i| in_body(i) && !introduces_dropped(i) && !repeated(i) && !dateline(&blocks[i]))
        .map(|i| blocks[i].text.clone())
        .collect();
    // Only past the text: a short label inside it may be a list's or a section's heading.
    while body.len() > 1 && body.last().is_some_and(|p| label(p)) {
        body.pop();
    }
    (body, Some(container))
}

/// The container's block range, grown over the prose just before and after it inside its
/// parent: pages that give each paragraph its own box, or whose article box also holds a long
/// thread, make the best box smaller than the article. Growth stops at comments, boilerplate
/// and link lists, and ends at the farthest prose-like block.
fn with_adjacent_prose(
    page: &Page,
    container: u32,
    base: &[f64],
    kept: &dyn Fn(&Block) -> bool,
) -> (usize, usize) {
    let elem = &page.elems[container as usize];
    let (start, end) = (elem.start as usize, elem.end as usize);
    let parent = page.elems[..container as usize].iter().rev().find(|p| {
        p.start <= elem.start && p.end >= elem.end && (p.start, p.end) != (elem.start, elem.end)
    });
    let Some(parent) = parent else {
        return (start, end);
    };
    let blocks = || page.blocks.iter().zip(base).enumerate();
    let mut new_start = start;
    for (i, (b, &w)) in blocks().take(start).skip(parent.start as usize).rev() {
        if !kept(b) {
            break;
        }
        if w > 0.0 {
            new_start = i;
        }
    }
    let mut new_end = end;
    for (i, (b, &w)) in blocks().take(parent.end as usize).skip(end) {
        if !kept(b) {
            break;
        }
        if w > 0.0 {
            new_end = i + 1;
        }
    }
    (new_start, new_end)
}

/// The container's start moved up to just after the headline standing shortly before it, so
/// that the standfirst, byline and dateline between the two belong to the article.
fn with_lead(page: &Page, start: usize, kept: &dyn Fn(&Block) -> bool) -> usize {
    const NEAR: usize = 12;
    let from = start.saturating_sub(NEAR);
    let headline = page.blocks[from..start].iter().rposition(|b| {
        matches!(b.kind, BlockKind::Heading(1..=3)) && b.comment.is_none() && kept(b)
    });
    headline.map_or(start, |h| from + h + 1)
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

/// Which boilerplate-flagged elements really are boxes, not wrappers around the article.
fn real_boilerplate(page: &Page, base: &[f64]) -> Vec<bool> {
    // Running sums of the prose outside comments, and of the part of it outside any box:
    // text the page does not put in furniture.
    let mut prefix = Vec::with_capacity(base.len() + 1);
    prefix.push((0.0, 0.0));
    let (mut sum, mut free_sum) = (0.0, 0.0);
    for (b, w) in page.blocks.iter().zip(base) {
        if b.comment.is_none() {
            sum += w.max(0.0);
            if b.boiler.is_none() {
                free_sum += w.max(0.0);
            }
        }
        prefix.push((sum, free_sum));
    }
    let total = sum;
    let mass = |e: &super::html::Elem| prefix[e.end as usize].0 - prefix[e.start as usize].0;
    let free_outside =
        |e: &super::html::Elem| free_sum - (prefix[e.end as usize].1 - prefix[e.start as usize].1);
    // Article-named elements holding real prose; a box around one of them is not furniture
    // (Blogger wraps every post in `div.widget.Blog`).
    let articles: Vec<(usize, &super::html::Elem)> = page
        .elems
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            (e.content_hint && mass(e) >= ARTICLE_MASS)
                || (e.text_hint && mass(e) >= POST_TEXT_MASS)
        })
        .collect();
    let named: Vec<&super::html::Elem> = page
        .elems
        .iter()
        .filter(|e| (e.content_hint || e.text_hint) && mass(e) >= NAMED_MIN_MASS)
        .collect();
    // A named element right under the page's headline is the article, however long the
    // sidebar of teasers beside it.
    let head = headline(page, &|b| b.boiler.is_some());
    let introduced = |a: &super::html::Elem| {
        head.is_some_and(|h| (a.start as usize) > h && a.start as usize <= h + HEADLINE_GAP)
    };
    page.elems
        .iter()
        .enumerate()
        .map(|(i, e)| {
            // A box holding most of a short post's page (an "about me" blurb, a disclaimer)
            // is no wrapper when the post sits in a named element apart from it; a named
            // element right beside it may be the start of the article the box carries on.
            let named_elsewhere = || {
                named.iter().any(|a| {
                    (a.end < e.start || a.start > e.end)
                        && (mass(a) >= NAMED_SHARE * mass(e) || introduced(a))
                })
            };
            // An article's worth of prose outside boxes between the headline and the box is
            // the article; the box after it (a slideshow, a teaser list) does not wrap it.
            let after_article = || {
                head.is_some_and(|h| {
                    let start = e.start as usize;
                    let free = prefix[start].1 - prefix[(h + 1).min(start)].1;
                    h < start && free >= ARTICLE_MASS
                })
            };
            let wrapper = total > 0.0
                && mass(e) > WRAPPER_SHARE * total
                && !e.bio_hint
                && !named_elsewhere()
                && !after_article()
                && free_outside(e) < FREE_SHARE * mass(e);
            let holds_article = articles
                .iter()
                .any(|&(j, a)| j > i && a.start >= e.start && a.end <= e.end);
            !(wrapper || holds_article)
        })
        .collect()
}

/// The block of the heading that repeats the page's title (`og:title` or `<title>`, which
/// may add the site's name), outside boxes and comments.
fn headline(page: &Page, is_boiler: &dyn Fn(&Block) -> bool) -> Option<usize> {
    let titles: Vec<String> = page
        .meta
        .metas
        .iter()
        .filter(|(k, _)| k == "og:title")
        .map(|(_, v)| v.as_str())
        .chain(page.meta.title_tag.as_deref())
        .map(|t| super::normalize_space(t).to_lowercase())
        .collect();
    if titles.is_empty() {
        return None;
    }
    page.blocks.iter().position(|b| {
        matches!(b.kind, BlockKind::Heading(1..=3))
            && b.comment.is_none()
            && !is_boiler(b)
            && b.chars >= 10
            && {
                let text = super::normalize_space(&b.text).to_lowercase();
                titles.iter().any(|t| t.contains(&text))
            }
    })
}

/// The element whose blocks weigh most, among those starting at block `first` or later;
/// among equals the innermost.
fn best_container(page: &Page, weights: &[f64], first: usize) -> Option<u32> {
    // Two running sums: all weights, and the weights without link lists, which the body drops
    // anyway and which an element named like post text (show notes, a list of sources) may
    // hold without being any less the post.
    let mut prefix = Vec::with_capacity(weights.len() + 1);
    prefix.push((0.0, 0.0));
    let (mut all, mut text) = (0.0, 0.0);
    for (w, b) in weights.iter().zip(&page.blocks) {
        all += w;
        if !link_list(b) {
            text += w;
        }
        prefix.push((all, text));
    }
    let mut best: Option<(u32, f64)> = None;
    for (i, e) in page.elems.iter().enumerate() {
        if e.end <= e.start || (e.start as usize) < first {
            continue;
        }
        let (end, start) = (prefix[e.end as usize], prefix[e.start as usize]);
        let mut score = if e.text_hint {
            end.1 - start.1
        } else {
            end.0 - start.0
        };
        if e.content_hint && score > 0.0 {
            score *= 1.1;
        }
        if best.is_none_or(|(_, s)| score >= s) {
            best = Some((i as u32, score));
        }
    }
    best.filter(|&(_, s)| s > 0.0).map(|(i, _)| i)
}

/// A short line of page furniture ("Share", "Tags: ...", "Read more"); a paragraph that only
/// starts like one ("Filed under: News. The council...") is text.
fn furniture(b: &Block) -> bool {
    // Asked of most blocks several times (the model's features, the body's bounds): the two
    // patterns run once per block.
    *b.furniture.get_or_init(|| {
        (b.chars < 200 && (FURNITURE.is_match(&b.text) || FURNITURE_ANYWHERE.is_match(&b.text)))
            || (b.chars < POST_FOOTER_CHARS && post_footer(&b.text))
    })
}

/// Longest line [`dateline`] looks at.
const DATELINE_CHARS: u32 = 40;

/// A line that only says when the article was published or updated ("23.10.2018",
/// "Aktualisiert: 11.04.2020, 10:27"): the date is the article's field, and the line would
/// only add digits to its first passage.
fn dateline(b: &Block) -> bool {
    b.chars <= DATELINE_CHARS
        && b.text.bytes().any(|c| c.is_ascii_digit())
        && super::meta::is_date_line(&b.text)
}

/// Longest blog-engine footer sentence [`post_footer`] looks at.
const POST_FOOTER_CHARS: u32 = 400;

/// The sentence blog engines set under a post ("This entry was posted on … and is filed under
/// …. You can follow any responses …", "Dieser Beitrag wurde am … veröffentlicht"): a long
/// line, but the engine's, not the writer's.
fn post_footer(text: &str) -> bool {
    static OPENINGS: LazyLock<Vec<&str>> = cues!("furniture/post-footer-openings");
    let head = text.as_bytes();
    OPENINGS.iter().any(|o| {
        head.get(..o.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(o.as_bytes()))
    })
}

/// A short line without a sentence's end, such as a section label ("More on this:",
/// "Related topics") or a share prompt: after the article's last paragraph, it introduces a
/// box that was not kept.
fn label(p: &str) -> bool {
    const MAX_CHARS: usize = 40;
    p.chars().nth(MAX_CHARS).is_none()
        && !p
            .trim_end()
            .ends_with(['.', '!', '?', '…', '"', '”', '“', ')', '»', '«'])
}

/// A byline or a dateline rather than a section label: a date or time, "By …", or a name of
/// two or three capitalised words ("Ann Lee"), which an author link or box may follow.
fn signed(p: &str) -> bool {
    if p.bytes().any(|c| c.is_ascii_digit())
        || p.get(..3).is_some_and(|s| s.eq_ignore_ascii_case("by "))
    {
        return true;
    }
    let words: Vec<&str> = p.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && !p.ends_with(':')
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A block that is mostly links: a menu entry, a related-story list item.
fn link_list(b: &Block) -> bool {
    b.link_chars * 2 > b.chars
}

/// One comment being gathered.
struct Gathered {
    region: u32,
    text: String,
    /// From an element named like a comment, which vouches for it however short it is.
    named: bool,
}

/// Comment texts, one per comment item. Text between items that is not inside one (a `dd`
/// after its `dt`, a paragraph after a header div) belongs to the item before it, even when it
/// is short ("Thanks!"), as long as it is not chrome; threads without items give one comment
/// per prose-like block.
fn comments(page: &Page, real_boiler: &[bool]) -> Vec<String> {
    let regions_with_items: HashSet<u32> = page
        .blocks
        .iter()
        .filter_map(|b| b.comment.filter(|c| c.item.is_some()).map(|c| c.region))
        .collect();
    let mut out: Vec<Gathered> = Vec::new();
    // (region, item) of the comment being gathered, and whether `out.last()` holds its text:
    // an item whose first block is chrome (a `dt` with the author) still owns what follows.
    let mut current: Option<(u32, u32)> = None;
    let mut named = false;
    let mut open = false;
    let mut linkback = false;
    // Threads that show a comment count, an author line or a timestamp somewhere.
    let mut marked: HashSet<u32> = HashSet::new();
    let mut closed: HashSet<u32> = HashSet::new();
    for b in &page.blocks {
        let Some(c) = b.comment else { continue };
        let mark = (c.chrome && b.text.chars().any(char::is_alphanumeric))
            || (b.chars <= THREAD_MARK_CHARS && may_mark(&b.text) && THREAD_MARK.is_match(&b.text));
        if mark {
            marked.insert(c.region);
        }
        let itemized = regions_with_items.contains(&c.region);
        let key = match c.item {
            Some(item) => Some((c.region, item)),
            None if itemized => current.filter(|&(region, _)| region == c.region),
            None => None,
        };
        if closed.contains(&c.region) {
            continue;
        }
        let heading = matches!(b.kind, BlockKind::Heading(_));
        if key != current {
            // Past its comments, a thread found by its heading runs into the next section
            // ("Related articles"), which starts with a heading of its own.
            if heading && c.item.is_some() && page.heading_threads.contains(&c.region) {
                closed.insert(c.region);
                continue;
            }
            current = key;
            named = c.named;
            open = false;
            linkback = false;
        }
        // Pingbacks and trackbacks sit in the thread as items, but no reader wrote them.
        if key.is_some() && !linkback && is_linkback(&b.text) {
            linkback = true;
            if open {
                out.pop();
                open = false;
            }
        }
        if linkback {
            continue;
        }
        // A box inside a thread is a share bar or an ad; a thread that is itself named like a
        // box is a sidebar widget ("Recent comments", "Most commented"), unless its entries
        // are named comments (Disqus in a `widget` div).
        let boiler = b.boiler.is_some_and(|e| {
            real_boiler[e as usize] && (e > c.region || (e == c.region && !c.named))
        });
        if c.chrome || boiler || COMMENT_CHROME.is_match(&b.text) || link_list(b) {
            continue;
        }
        match key {
            Some(_) if c.item.is_none() && heading => {}
            Some(_) if open => {
                if let Some(last) = out.last_mut() {
                    last.text.push('\n');
                    last.text.push_str(&b.text);
                }
            }
            Some(_) => {
                open = true;
                out.push(Gathered {
                    region: c.region,
                    text: b.text.clone(),
                    named,
                });
            }
            None if !itemized && prose_like(b) && !heading => out.push(Gathered {
                region: c.region,
                text: b.text.clone(),
                named: false,
            }),
            None => {}
        }
    }
    out.retain(|g| {
        (g.named || g.text.split_whitespace().nth(1).is_some())
            && g.text.chars().any(char::is_alphabetic)
            && !COMMENT_CHROME.is_match(&g.text)
    });
    // A thread of nothing but labels ("Question of the Day", "Members: 12") is a widget.
    let discussed: HashSet<u32> = out
        .iter()
        .filter(|g| g.named || g.text.split_whitespace().nth(5).is_some())
        .map(|g| g.region)
        .collect();
    // A lone unnamed paragraph in a thread without author lines or dates is the thread's
    // notice (moderation rules, a feed link), not a comment.
    let mut unnamed: HashMap<u32, usize> = HashMap::new();
    for g in &out {
        let n = unnamed.entry(g.region).or_default();
        *n = if g.named {
            usize::MAX
        } else {
            n.saturating_add(1)
        };
    }
    let notice = |region: &u32| unnamed[region] == 1 && !marked.contains(region);
    out.into_iter()
        .filter(|g| discussed.contains(&g.region) && !notice(&g.region))
        .map(|g| g.text)
        .collect()
}

/// Cheap test before [`THREAD_MARK`]: every mark but "… says:" and "an hour ago" holds a digit,
/// so most blocks skip the Unicode-aware regex.
pub(super) fn may_mark(text: &str) -> bool {
    if text.bytes().any(|c| c.is_ascii_digit()) {
        return true;
    }
    let word = text
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    static WORDS: LazyLock<Vec<&str>> = cues!("names/thread-mark-words");
    WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// "Pingback: …", "Trackback from …", "[…] excerpt […]": a notice that another page linked here.
fn is_linkback(text: &str) -> bool {
    static OPENINGS: LazyLock<Vec<&str>> = cues!("furniture/linkback-openings");
    OPENINGS.iter().any(|o| {
        text.as_bytes()
            .get(..o.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(o.as_bytes()))
    })
}

/// A block that reads like a sentence rather than a label.
fn prose_like(b: &Block) -> bool {
    b.chars >= 20 && b.text.split_whitespace().nth(4).is_some() && b.link_chars * 10 < b.chars * 3
}

/// Each block's weight as article prose: the rule's ([`Block::prose_weight`]) blended with the
/// block model's verdict, its characters counted for the text (probability above one half) or
/// against it.
fn model_weights(page: &Page, rule: &[f64], rows: Vec<model::Row>) -> Vec<f64> {
    let model = &*model::MODEL;
    page.blocks
        .iter()
        .zip(rows)
        .zip(rule)
        .map(|((b, row), &r)| {
            let learned = f64::from(b.chars) * (2.0 * model.probability(&row) - 1.0);
            (1.0 - model.blend) * r + model.blend * learned
        })
        .collect()
}

/// What the cleaner weighs a page's blocks by: each block's rule weight, which boilerplate boxes
/// are real boxes, and each block's row of [`model::FEATURES`] for the block model.
pub(crate) fn model_inputs(page: &Page) -> (Vec<f64>, Vec<bool>, Vec<model::Row>) {
    let rule: Vec<f64> = page.blocks.iter().map(Block::prose_weight).collect();
    let real_boiler = real_boilerplate(page, &rule);
    let rows = block_features(page, &real_boiler, &rule);
    (rule, real_boiler, rows)
}

/// Each block's row of [`model::FEATURES`]: what the block model reads.
fn block_features(page: &Page, real_boiler: &[bool], base: &[f64]) -> Vec<model::Row> {
    let blocks = &page.blocks;
    let n = blocks.len();
    // Which blocks some hinted element covers, by running sums over the elements' ranges.
    let covered = |hint: &dyn Fn(&super::html::Elem) -> bool| -> Vec<bool> {
        let mut delta = vec![0i32; n + 1];
        for e in page.elems.iter().filter(|e| hint(e)) {
            delta[e.start as usize] += 1;
            delta[e.end as usize] -= 1;
        }
        let mut depth = 0;
        (0..n)
            .map(|i| {
                depth += delta[i];
                depth > 0
            })
            .collect()
    };
    let content = covered(&|e| e.content_hint);
    let text = covered(&|e| e.text_hint);
    let bio = covered(&|e| e.bio_hint);
    // The nearest blocks before and after each one outside comment threads, in two passes (a
    // search from each block would be quadratic over a long thread).
    let log_chars = |b: &Block| f64::from(b.chars).ln_1p();
    let mut prev = vec![0.0; n];
    let mut last = 0.0;
    for (i, b) in blocks.iter().enumerate() {
        prev[i] = last;
        if b.comment.is_none() {
            last = log_chars(b);
        }
    }
    let mut next = vec![0.0; n];
    last = 0.0;
    for (i, b) in blocks.iter().enumerate().rev() {
        next[i] = last;
        if b.comment.is_none() {
            last = log_chars(b);
        }
    }
    let flag = |x: bool| f64::from(u8::from(x));
    blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let chars = f64::from(b.chars).max(1.0);
            let sentences = f64::from(b.counts.sentence_ends);
            let words = f64::from(b.counts.words.max(1));
            let digits = f64::from(b.counts.digits);
            let kind = |k: &[BlockKind]| flag(k.contains(&b.kind));
            [
                chars.ln_1p(),
                f64::from(b.link_chars) / chars,
                (100.0 * sentences / chars).min(5.0),
                flag(b.text.trim_end().ends_with(['.', '!', '?', '"', '”', '。'])),
                kind(&[BlockKind::Paragraph]),
                flag(matches!(b.kind, BlockKind::Heading(_))),
                kind(&[BlockKind::ListItem]),
                kind(&[BlockKind::Quote, BlockKind::Pre]),
                kind(&[BlockKind::Cell]),
                kind(&[BlockKind::Loose]),
                flag(b.boiler.is_some()),
                flag(b.boiler.is_some_and(|e| real_boiler[e as usize])),
                flag(content[i]),
                flag(text[i]),
                flag(bio[i]),
                i as f64 / n.max(1) as f64,
                flag(b.standfirst),
                flag(furniture(b)),
                flag(dateline(b)),
                flag(label(&b.text)),
                digits / chars,
                (chars / words).min(20.0),
                flag(b.first_line.is_some()),
                prev[i],
                next[i],
                (base[i] / chars).clamp(-1.0, 1.0),
            ]
        })
        .collect()
}
