//! HTML walk: flattens a parsed page into text blocks with the context needed to classify them.
//!
//! In: a `scraper::Html` tree. Out: a [`Page`]: the text blocks in document order (each with its
//! link share, the nearest block tag, and whether it sits in a boilerplate box or a reader-comment
//! thread), the block-level elements as ranges over those blocks, and the raw metadata found on the
//! way. The walk is a loop over parent/sibling links, never recursion, so nesting depth is free.

use super::cues::cues;
use super::names::Names;
use regex::Regex;
use scraper::node::Element;
use scraper::{Html, Node};
use std::sync::LazyLock;

/// The tag that gives a block its paragraph role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Paragraph,
    Heading(u8),
    ListItem,
    Quote,
    Pre,
    Cell,
    /// Text directly inside a `div`, `section`, `td` and the like.
    Loose,
}

/// Where a block sits in a reader-comment thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CommentRef {
    /// The comment-thread element (index into [`Page::elems`]).
    pub region: u32,
    /// The single comment the block belongs to, if the thread marks comments individually.
    pub item: Option<u32>,
    /// Inside the comment's author/date/reply chrome.
    pub chrome: bool,
    /// The item is named like a comment (`li.comment`, `#comment-12`), not just a list entry.
    pub named: bool,
}

/// A run of text between block boundaries.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// Whitespace-normalised text.
    pub text: String,
    /// Non-whitespace characters.
    pub chars: u32,
    /// Non-whitespace characters inside links.
    pub link_chars: u32,
    /// Bytes of `text` before its first line break (`<br>`), if it has one.
    pub first_line: Option<u32>,
    pub kind: BlockKind,
    /// Innermost boilerplate-looking ancestor (index into [`Page::elems`]).
    pub boiler: Option<u32>,
    pub comment: Option<CommentRef>,
    /// Prose in the article's own header box beside the headline: the standfirst.
    pub standfirst: bool,
    /// Counts over `text`, taken once for the rule and the block model.
    pub counts: TextCounts,
    /// Whether the block is a line of page furniture, decided once by [`super::classify`].
    pub furniture: std::cell::OnceCell<bool>,
}

/// Counts over a block's text, taken in one pass.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TextCounts {
    /// Sentence ends: `.`, `!`, `?` and their CJK forms.
    pub sentence_ends: u32,
    /// Semicolons, which the rule counts as sentence ends too.
    pub semicolons: u32,
    /// Runs of non-whitespace characters.
    pub words: u32,
    /// ASCII digits.
    pub digits: u32,
}

impl TextCounts {
    /// The counts of `text`.
    pub(crate) fn of(text: &str) -> TextCounts {
        let mut c = TextCounts::default();
        let mut in_word = false;
        for ch in text.chars() {
            match ch {
                '.' | '!' | '?' | '。' | '！' | '？' => c.sentence_ends += 1,
                ';' => c.semicolons += 1,
                _ => c.digits += u32::from(ch.is_ascii_digit()),
            }
            let space = ch.is_whitespace();
            c.words += u32::from(!space && !in_word);
            in_word = !space;
        }
        c
    }
}

impl Block {
    /// How much the block looks like article prose, on its own: its characters, counted
    /// against it when it is mostly links or short.
    pub(crate) fn prose_weight(&self) -> f64 {
        let b = self;
        let n = f64::from(b.chars);
        let link_share = f64::from(b.link_chars) / n.max(1.0);
        if link_share > 0.5 {
            return -n * link_share;
        }
        let sentences = b.counts.sentence_ends + b.counts.semicolons;
        let long = b.chars >= 100 || (b.chars >= 40 && sentences >= 1);
        if long {
            n * (1.0 - link_share)
        } else {
            -0.3 * n
        }
    }
}

/// A block-level (or boilerplate-flagged) element, as the range of blocks it holds.
#[derive(Debug, Clone)]
pub(crate) struct Elem {
    /// First block inside.
    pub start: u32,
    /// One past the last block inside.
    pub end: u32,
    /// Named or tagged like an article body (`<article>`, `itemprop=articleBody`, …).
    pub content_hint: bool,
    /// Named like the text of a post (`entry-content`, `itemprop=articleBody`), which a teaser
    /// card (`<article>`, `class=article`) is not.
    pub text_hint: bool,
    /// Named like the box about the author, which is furniture even when it holds most of
    /// a short post's text.
    pub bio_hint: bool,
}

/// Metadata gathered during the walk, not yet interpreted.
#[derive(Debug, Default)]
pub(crate) struct RawMeta {
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `<meta>` name/property/itemprop/http-equiv (lower-cased) and content.
    pub metas: Vec<(String, String)>,
    /// `<title>` text.
    pub title_tag: Option<String>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// Bodies of `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// The first publication stamp in another script's data (`"datePublished":"2019-03-02…"`,
    /// `"published_at":…`): apps that render the page in the browser keep it there.
    pub script_date: Option<String>,
    /// `datetime` of `<time>` elements and `datePublished` microdata, most specific first.
    pub times: Vec<String>,
    /// What follows an `"author":` key in other scripts (the app state or data layer of
    /// pages that render their byline with JavaScript), a few hundred bytes each.
    pub script_authors: Vec<String>,
    /// Text of `rel=author`, `itemprop=author` and byline elements.
    pub authors: Vec<String>,
    /// The same inside menus, sidebars and teaser boxes, which name other posts' authors.
    pub boxed_authors: Vec<String>,
    /// Text of elements named like a date line or byline, and of `<time>` without
    /// `datetime`, in document order (outside comments and sidebars).
    pub date_texts: Vec<String>,
    /// Date-line texts inside boxes named like furniture: Blogger wraps its posts in a
    /// `widget`, but sidebars list other posts' dates.
    pub boxed_date_texts: Vec<String>,
    /// Short text blocks outside comments that say when the page was published
    /// ("Veröffentlicht am …", "Posted on …").
    pub dateline_blocks: Vec<String>,
    /// Around the publication phrase of a longer block (a box's "… wurde am 19. Mai 2010
    /// gepostet und unter … abgelegt", "Letzte Änderung: … Erschienen am: 01.11.2023 …"): the
    /// text after the phrase, then the text before it.
    pub dateline_windows: Vec<(String, String)>,
    /// Short lines that open with a copyright notice ("© 2019 Ann Lee").
    pub copyright_lines: Vec<String>,
    /// Very short text blocks with digits outside comments, in order: some pages show the
    /// date as a line of its own.
    pub short_blocks: Vec<String>,
    /// Short text blocks outside comments that open like a byline ("Von …", "By …").
    pub byline_lines: Vec<String>,
    /// The same inside boxes named like boilerplate: bylines of teasers and widgets, and of
    /// blog engines that wrap the post in a widget.
    pub boxed_byline_lines: Vec<String>,
    /// The openings of the first lines of boxes about the author, which give the full name a
    /// byline may shorten ("Ann Lee - reporter since 2002 …" beside "By Ann").
    pub bio_openings: Vec<String>,
    /// How many of `short_blocks` come well before the headline (more than [`NEAR_HEADLINE`]
    /// blocks): where a site's "today" banner sits, not a post's date line above its title.
    pub short_blocks_before_headline: usize,
    /// Short lines with digits among the few blocks right after the first `h1` outside boxes:
    /// where a post's date line sits.
    pub after_headline: Vec<String>,
    /// The openings of the first paragraphs outside comments and boxes that have a digit
    /// early: press releases start with their date ("29.11.2022 – …", "Berlin, 3. Mai 2021 …").
    pub paragraph_openings: Vec<String>,
    /// The page's `h1` headings, in document order.
    pub h1s: Vec<Heading>,
    /// What follows the label of short lines that credit the story's source or issuer
    /// ("Quelle: MDR/ls" after its last paragraph, "Herausgeber: Ann AG").
    pub source_lines: Vec<String>,
    /// What paragraphs put in brackets where wire copy credits its agency: after
    /// the place of a dateline ("Hamburg (dpa/lno) – …", flagged `true`) or closing the text
    /// ("… (FR mit dpa)").
    pub paragraph_credits: Vec<(String, bool)>,
    /// A short line closing the story, where letters and posts are signed; cut at a line
    /// break, it ends in `\n` ("Ann Lee\n" from "Ann Lee<br>Chair").
    pub signature: Option<String>,
}

/// An `h1` as a headline candidate.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Heading {
    /// Whitespace-normalised text, without kicker and screen-reader labels.
    pub text: String,
    /// All its text, as the block walk sees it.
    pub full: String,
    /// In a boilerplate box, a comment, hidden, or only a link to the front page (a logo).
    pub furniture: bool,
    /// Furniture only for the box it sits in (a menu, sidebar or site header): themes also
    /// wrap the article's own headline in boxes named so.
    pub boxed: bool,
    /// The site's logo or name: only a link to the front page, or named like a logo.
    pub logo: bool,
}

/// A page flattened into blocks.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub blocks: Vec<Block>,
    pub elems: Vec<Elem>,
    pub meta: RawMeta,
    /// Comment regions opened by a "Comments" heading rather than by names.
    pub heading_threads: Vec<u32>,
}

/// Headings that open a reader-comment thread: "Comments", "3 Responses to “…”", "Kommentare (2)".
static THREAD_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(include_str!("../../data/clean/patterns/thread-heading.re")).expect("valid regex")
});

/// Longest heading [`THREAD_HEADING`] looks at.
const THREAD_HEADING_CHARS: u32 = 150;

/// Longest text kept from a byline-like element.
const AUTHOR_TEXT_LIMIT: usize = 120;

/// Most date-line texts kept, and the longest.
const MAX_DATE_TEXTS: usize = 24;
const DATE_TEXT_LIMIT: usize = 200;

/// Most `h1` headings kept as headline candidates; pages listing teasers have hundreds.
const MAX_H1S: usize = 16;

/// The context one open element hands down to its content.
#[derive(Debug, Clone, Copy)]
struct Frame {
    kind: BlockKind,
    link: bool,
    boiler: Option<u32>,
    comment: Option<CommentRef>,
    in_article: bool,
    /// The article's own header box this element is in (see [`Names::is_header_box`]), and
    /// the box around that header, if any.
    head: Option<(u32, Option<u32>)>,
    /// Whether closing this element ends a block.
    breaks: bool,
    /// Index into `elems` when registered.
    elem: Option<u32>,
    /// A "Comments" heading among this element's children opened a thread (its region) that
    /// the children after it belong to.
    thread: Option<u32>,
}

const ROOT_FRAME: Frame = Frame {
    kind: BlockKind::Loose,
    link: false,
    boiler: None,
    comment: None,
    in_article: false,
    head: None,
    breaks: true,
    elem: None,
    thread: None,
};

/// Walks the parsed page and returns its blocks, elements and raw metadata.
pub(crate) fn flatten(html: &Html) -> Page {
    let mut walker = Walker::default();
    let root = html.tree.root();
    let mut cur = Some(root);
    'walk: while let Some(node) = cur {
        if walker.open(node) {
            if let Some(child) = node.first_child() {
                cur = Some(child);
                continue;
            }
        }
        walker.close(node);
        let mut done = node;
        loop {
            if done.id() == root.id() {
                break 'walk;
            }
            if let Some(next) = done.next_sibling() {
                cur = Some(next);
                continue 'walk;
            }
            match done.parent() {
                Some(parent) => {
                    walker.close(parent);
                    done = parent;
                }
                None => break 'walk,
            }
        }
    }
    walker.flush();
    let mut page = walker.page;
    // Short lines outside comment threads that metadata may come from: bylines, copyright
    // notices, date-bearing snippets, publication lines.
    let lines = |max_chars: u32, take: usize, keep: &dyn Fn(&Block) -> bool| -> Vec<String> {
        page.blocks
            .iter()
            .filter(|b| b.comment.is_none() && b.chars <= max_chars && keep(b))
            .take(take)
            .map(|b| b.text.clone())
            .collect()
    };
    let [byline_lines, boxed_byline_lines] = labelled_lines(&page.blocks);
    let copyright_lines = lines(120, 4, &|b| copyright_start(&b.text));
    let short_blocks = lines(40, 40, &|b| b.text.contains(|c: char| c.is_ascii_digit()));
    let dateline_blocks = lines(100, 8, &|b| publication_line(&b.text));
    let dateline_windows = page
        .blocks
        .iter()
        .filter(|b| b.comment.is_none() && (101..=WINDOW_BLOCK_CHARS).contains(&b.chars))
        // Not the article's prose ("the study, published on 3 May in Nature, …"): boxes and
        // lines around it.
        .filter(|b| b.boiler.is_some() || b.kind != BlockKind::Paragraph)
        .filter_map(|b| publication_window(&b.text))
        .take(4)
        .collect();
    page.meta.byline_lines = byline_lines;
    page.meta.boxed_byline_lines = boxed_byline_lines;
    page.meta.bio_openings = bio_openings(&page);
    page.meta.copyright_lines = copyright_lines;
    page.meta.short_blocks = short_blocks;
    page.meta.dateline_blocks = dateline_blocks;
    page.meta.dateline_windows = dateline_windows;
    let h1 = |b: &Block| b.kind == BlockKind::Heading(1) && b.comment.is_none();
    // The first h1 outside boxes; else one the walk found to be no furniture though a box
    // holds it (themes wrap the headline in boxes named like a page header or a teaser).
    let headline = page
        .blocks
        .iter()
        .position(|b| h1(b) && b.boiler.is_none())
        .or_else(|| {
            page.blocks.iter().position(|b| {
                h1(b)
                    && page
                        .meta
                        .h1s
                        .iter()
                        .any(|h| !h.furniture && (h.text == b.text || h.full == b.text))
            })
        });
    page.meta.after_headline = headline
        .map(|h| {
            page.blocks[h + 1..]
                .iter()
                .take(3)
                .filter(|b| b.chars <= 80 && b.text.contains(|c: char| c.is_ascii_digit()))
                .map(|b| b.text.clone())
                .collect()
        })
        .unwrap_or_default();
    page.meta.short_blocks_before_headline = headline.map_or(0, |h| {
        page.blocks[..h.saturating_sub(NEAR_HEADLINE)]
            .iter()
            .filter(|b| b.comment.is_none() && b.chars <= 40)
            .filter(|b| b.text.contains(|c: char| c.is_ascii_digit()))
            .count()
    });
    // A lead right under the headline is the article's even in a box named like a teaser.
    let lead = |i: usize| headline.is_some_and(|h| i > h && i <= h + 2);
    page.meta.paragraph_openings = page
        .blocks
        .iter()
        .enumerate()
        .filter(|&(i, b)| {
            b.kind == BlockKind::Paragraph
                && b.chars > 40
                && b.comment.is_none()
                && (b.boiler.is_none() || lead(i))
        })
        .map(|(_, b)| b)
        .map(|b| b.text.chars().take(OPENING_CHARS).collect::<String>())
        .filter(|t| t.contains(|c: char| c.is_ascii_digit()))
        .take(MAX_OPENINGS)
        .collect();
    // A source line credits the story where it closes it, a few blocks after its last
    // paragraph; within the text it is a chart's or a quote's ("Source: Eurostat"). An issuer
    // ("Herausgeber:") heads a press release.
    let last_prose = page.blocks.iter().rposition(|b| {
        b.kind == BlockKind::Paragraph && b.comment.is_none() && b.boiler.is_none() && b.chars > 100
    });
    let closing = |i: usize| last_prose.is_some_and(|p| i > p && i <= p + SOURCE_LINE_REACH);
    let lines = page.blocks.iter().enumerate().filter_map(|(i, b)| {
        let credit = (b.comment.is_none() && b.chars <= 80 && b.text.contains(':'))
            .then(|| source_credit(&b.text))
            .flatten()?;
        let issuer = credit.0 && b.boiler.is_none();
        (issuer || closing(i)).then_some(credit.1)
    });
    // Newsrooms put the source line in the byline element of the story's footer too.
    let byline_elements = page.meta.authors.iter().filter_map(|a| source_credit(a));
    page.meta.source_lines = lines
        .chain(byline_elements.map(|c| c.1))
        .take(MAX_CREDITS)
        .collect();
    // Letters and blog posts are signed under their last paragraph ("Ann Lee<br>Chair"): the
    // last of a few short lines between it and the page's furniture, the next heading or the
    // page's end.
    page.meta.signature = last_prose.and_then(|p| {
        let tail = &page.blocks[p + 1..];
        let run = tail
            .iter()
            .take_while(|b| {
                b.comment.is_none()
                    && b.boiler.is_none()
                    && !matches!(b.kind, BlockKind::Heading(_))
            })
            .count();
        let b = tail[..run].last()?;
        let short = matches!(b.kind, BlockKind::Paragraph | BlockKind::Loose)
            && b.link_chars == 0
            && b.chars <= 60;
        (run <= SIGNATURE_REACH && short).then(|| match b.first_line {
            Some(n) => format!("{}\n", &b.text[..n as usize]),
            None => b.text.clone(),
        })
    });
    // Paragraphs in boxes too: themes wrap a story's text in boxes named like teasers, whose
    // own lines are seldom `<p>`.
    page.meta.paragraph_credits = page
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph && b.comment.is_none())
        .filter_map(|b| bracketed_credit(&b.text))
        .take(MAX_CREDITS)
        .collect();
    page
}

/// How many source lines and bracketed credits are kept.
const MAX_CREDITS: usize = 4;

/// How many short lines may follow a story's last paragraph, its signature the last.
const SIGNATURE_REACH: usize = 4;

/// How many blocks after a story's last paragraph its source line may come.
const SOURCE_LINE_REACH: usize = 20;

/// What follows a label that credits where the text comes from ("Quelle: MDR/ls"), and whether
/// the label names the issuer ("Herausgeber:").
fn source_credit(text: &str) -> Option<(bool, String)> {
    static LABELS: LazyLock<Vec<&str>> = cues!("credits/source-labels");
    let (label, rest) = text.split_once(':')?;
    let label = label.trim().to_lowercase();
    let rest = rest.trim();
    (LABELS.contains(&label.as_str()) && !rest.is_empty())
        .then(|| (label == "herausgeber", rest.to_string()))
}

/// The bracket of a dateline ("Hamburg (dpa/lno) – …": one to three words, then the bracket,
/// then a dash; `true`) or the bracket that ends a paragraph ("… (FR mit dpa)"), up to 30
/// bytes.
fn bracketed_credit(text: &str) -> Option<(String, bool)> {
    let bracket = |s: &str| {
        let inner = s.strip_prefix('(')?.strip_suffix(')')?;
        (!inner.is_empty() && inner.len() <= 30 && !inner.contains(['(', ')']))
            .then(|| inner.trim().to_string())
    };
    if text.ends_with(')') {
        let open = text.rfind('(')?;
        return bracket(&text[open..]).map(|b| (b, false));
    }
    // A dateline's bracket comes within its first 60 bytes.
    let head = (0..=text.len().min(60))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .map_or("", |i| &text[..i]);
    let close = head.find(") ")?;
    let open = text[..close].rfind('(')?;
    let place = text[..open].split_whitespace().count();
    let dash = text[close + 2..].starts_with(['-', '–', '—']);
    ((1..=3).contains(&place) && dash)
        .then(|| bracket(&text[open..=close]))
        .flatten()
        .map(|b| (b, true))
}

/// How many lines of author boxes are kept, and how much of each.
const MAX_BIO_LINES: usize = 6;
const BIO_OPENING_CHARS: usize = 80;

/// The openings of the first lines inside boxes about the author (outside comments), each
/// line once though such boxes nest.
fn bio_openings(page: &Page) -> Vec<String> {
    let mut bio = vec![false; page.blocks.len()];
    for e in page.elems.iter().filter(|e| e.bio_hint) {
        bio[e.start as usize..e.end as usize].fill(true);
    }
    page.blocks
        .iter()
        .zip(bio)
        .filter(|(b, bio)| *bio && b.comment.is_none() && b.chars <= 400)
        .take(MAX_BIO_LINES)
        .map(|(b, _)| b.text.chars().take(BIO_OPENING_CHARS).collect())
        .collect()
}

/// Blocks right above the headline that still belong to the post (a kicker, a date line).
const NEAR_HEADLINE: usize = 3;

/// How much of a paragraph's opening is kept, and of how many paragraphs.
const OPENING_CHARS: usize = 60;
const MAX_OPENINGS: usize = 8;

/// How many `"author":` values are kept from scripts, and how many bytes of each.
const MAX_SCRIPT_AUTHORS: usize = 4;
const SCRIPT_AUTHOR_BYTES: usize = 300;

/// The key a script's authors are read from ([`script_authors`]).
const SCRIPT_AUTHOR_KEY: &str = "author";
/// The stem every publication-date key of a script shares ([`script_date`]).
const SCRIPT_DATE_STEM: &str = "ublish";

/// Whether the cleaner reads anything in a script with this start tag and text: a JSON-LD
/// block, or another script that holds an author key or a publication-date key. The guard
/// leaves the text of the others out of the parse.
pub(crate) fn script_is_read(tag: &[u8], text: &[u8]) -> bool {
    tag.windows(b"ld+json".len())
        .any(|w| w.eq_ignore_ascii_case(b"ld+json"))
        || memchr::memmem::find(text, SCRIPT_AUTHOR_KEY.as_bytes()).is_some()
        || memchr::memmem::find(text, SCRIPT_DATE_STEM.as_bytes()).is_some()
}

/// The values after `"author":` or `'author':` keys in a script, into `out` (up to
/// [`MAX_SCRIPT_AUTHORS`]). A SIMD search for the word spares the scan of most scripts.
fn script_authors(script: &str, out: &mut Vec<String>) {
    let bytes = script.as_bytes();
    for at in memchr::memmem::find_iter(bytes, SCRIPT_AUTHOR_KEY.as_bytes()) {
        if out.len() >= MAX_SCRIPT_AUTHORS {
            return;
        }
        let quote = at.checked_sub(1).map(|i| bytes[i]);
        let key_end = at + SCRIPT_AUTHOR_KEY.len();
        let close = bytes.get(key_end).copied();
        if !matches!(quote, Some(b'"' | b'\'')) || close != quote {
            continue;
        }
        let rest = script[key_end + 1..].trim_start();
        let Some(value) = rest.strip_prefix(':') else {
            continue;
        };
        let mut end = value.len().min(SCRIPT_AUTHOR_BYTES);
        while !value.is_char_boundary(end) {
            end -= 1;
        }
        out.push(value[..end].trim_start().to_string());
    }
}

/// Whether a line opens with a copyright notice.
fn copyright_start(text: &str) -> bool {
    let head: String = text.chars().take(12).collect::<String>().to_lowercase();
    head.starts_with('©') || head.starts_with("(c)") || head.starts_with("copyright")
}

/// The first publication stamp in a script's data: a quoted key named like a publication
/// date, then a quoted value that starts like an ISO date (`"publishedDate":"2016-11-04T…"`).
fn script_date(text: &str) -> Option<String> {
    static KEYS: LazyLock<Vec<&str>> = cues!("dates/script-date-keys");
    // One fast pass for the stem the keys share, then a look around each hit.
    let b = text.as_bytes();
    text.match_indices(SCRIPT_DATE_STEM).find_map(|(at, _)| {
        // Quotes within a key's length of the hit; ASCII, so slicing there is safe.
        let start = at - (1..=8).find(|&n| n <= at && b[at - n] == b'"')? + 1;
        let end = at + (6..=16).find(|&n| b.get(at + n) == Some(&b'"'))?;
        let key = &text[start..end];
        if !KEYS.contains(&key) {
            return None;
        }
        let rest = text[end + 1..].trim_start().strip_prefix(':')?.trim_start();
        let value = rest.strip_prefix('"')?;
        let value = &value[..value.find('"').filter(|&n| n <= 40)?];
        let v = value.as_bytes();
        let iso =
            v.len() >= 10 && v[..4].iter().all(u8::is_ascii_digit) && v[4] == b'-' && v[7] == b'-';
        iso.then(|| value.to_string())
    })
}

/// The longest block searched for a publication phrase with a date beside it.
const WINDOW_BLOCK_CHARS: u32 = 300;

/// The text after and before the first publication phrase of a block with digits, up to
/// [`WINDOW_CHARS`] characters each way.
fn publication_window(text: &str) -> Option<(String, String)> {
    const WINDOW_CHARS: usize = 40;
    if !text.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let lower = text.to_lowercase();
    // Lower-casing keeps char counts, not byte offsets: find the phrase's char index.
    let at = WINDOW_PHRASES.iter().filter_map(|p| lower.find(p)).min()?;
    // Lower-casing can change lengths: the phrase's char index, then a slice of the text.
    let at = lower[..at].chars().count();
    let chars: Vec<char> = text.chars().collect();
    let after = chars.get(at..)?.iter().take(WINDOW_CHARS).collect();
    let before = chars[at.saturating_sub(WINDOW_CHARS)..]
        .iter()
        .take(WINDOW_CHARS + 16)
        .collect();
    Some((after, before))
}

/// Words that say when a page was published (not updated), in the languages of the archives.
static WINDOW_PHRASES: LazyLock<Vec<&str>> = cues!("dates/published-words");

/// Whether a short line says when something was published.
fn publication_line(text: &str) -> bool {
    static PHRASES: LazyLock<Vec<&str>> = cues!("dates/publication-line-words");
    let lower = text.to_lowercase();
    lower.contains(|c: char| c.is_ascii_digit()) && PHRASES.iter().any(|p| lower.contains(p))
}

/// Labels that introduce the author's name in a line of the page, before a colon.
static AUTHOR_LABELS: LazyLock<Vec<&str>> = cues!("bylines/author-labels");

/// Where an author label starts in `text`: a label word, maybe a space, then a colon
/// ("19.11.2021 Autor: Ann Lee", "Auteur : Ann Lee").
fn author_label_at(text: &str) -> Option<usize> {
    // Chinese writes a full-width colon.
    text.match_indices([':', '：']).find_map(|(colon, _)| {
        let before = text[..colon].trim_end();
        AUTHOR_LABELS.iter().find_map(|l| {
            let start = before.len().checked_sub(l.len())?;
            let word = before.get(start..)?;
            let alone = !before[..start].ends_with(char::is_alphanumeric);
            (alone && word.eq_ignore_ascii_case(l)).then_some(start)
        })
    })
}

/// Up to eight short lines outside comments that credit an author, outside boilerplate boxes
/// and (second) inside them: lines that open like a byline ("Von Ann Lee"), the part of a
/// line from an author label on ("19.11.2021 Autor: Ann Lee"), and a label standing alone in
/// its element, with the line after it (`<h5>Autor:</h5>Ann Lee`).
fn labelled_lines(blocks: &[Block]) -> [Vec<String>; 2] {
    let mut lists: [Vec<String>; 2] = Default::default();
    for (i, b) in blocks.iter().enumerate() {
        let boxed = b.boiler.is_some();
        let out = &mut lists[usize::from(boxed)];
        if out.len() == 8 || b.comment.is_some() || b.chars > 100 {
            continue;
        }
        // A byte test spares most lines the search.
        let label = if b.text.contains([':', '：']) {
            author_label_at(&b.text)
        } else {
            None
        };
        // A label alone in its element, the name in the next line: "Autor:"
        // (`<h5>Autor:</h5>Ann Lee`), or a byline word without the colon (`<p>By</p><p>Ann
        // Lee</p>`, `<h4>Autor</h4>`).
        let alone = match label {
            Some(0) => b.text.trim_end().ends_with(':'),
            None => b.chars <= 16 && byline_word(&b.text),
            Some(_) => false,
        };
        match label {
            // Not "Von:" in a box: search forms pair it with "Bis:" for a date range. Nor a
            // widget's title over a list of links to the blog's pages.
            _ if alone => {
                let von = b
                    .text
                    .get(..3)
                    .is_some_and(|w| w.eq_ignore_ascii_case("von"));
                let next = blocks.get(i + 1);
                let next = next.filter(|n| n.chars <= 60 && n.kind != BlockKind::ListItem);
                if let Some(next) = next.filter(|_| !(boxed && von)) {
                    out.push(format!("{} {}", b.text.trim(), next.text));
                }
            }
            _ if b.chars <= 80 && byline_start(&b.text) => out.push(b.text.clone()),
            Some(at) if at > 0 => out.push(b.text[at..].to_string()),
            _ => {}
        }
    }
    lists
}

/// Words that introduce an author's name ("By", "Von", "Written by", "Autor").
static BYLINE_WORDS: LazyLock<Vec<&str>> = cues!("bylines/byline-words");

/// Whether a line is only a word that introduces a byline: "By", "Von", "Written by", "Autor".
fn byline_word(text: &str) -> bool {
    BYLINE_WORDS
        .iter()
        .any(|w| text.trim().eq_ignore_ascii_case(w))
}

/// Whether a short line opens like a byline: a byline word and a space or a colon ("Von …",
/// "Written by: …"), or an author label and a colon ("Text: …", "Auteur : …").
pub(crate) fn byline_start(text: &str) -> bool {
    let head: String = text.chars().take(32).collect::<String>().to_lowercase();
    let then = |cue: &str, next: fn(&str) -> bool| head.strip_prefix(cue).is_some_and(next);
    BYLINE_WORDS
        .iter()
        .any(|w| then(w, |rest| rest.starts_with([' ', ':'])))
        || AUTHOR_LABELS.iter().any(|l| {
            then(l, |rest| {
                rest.trim_start_matches(' ').starts_with([':', '：'])
            })
        })
}

type NodeRef<'a> = ego_tree::NodeRef<'a, Node>;

#[derive(Default)]
struct Walker {
    page: Page,
    stack: Vec<Frame>,
    buf: String,
    chars: u32,
    link_chars: u32,
    first_line: Option<u32>,
    pending_br: bool,
    next_item: u32,
    /// How many of `page.meta.times` lead because the page marks them as published.
    published_times: usize,
}

impl Walker {
    fn top(&self) -> Frame {
        self.stack.last().copied().unwrap_or(ROOT_FRAME)
    }

    /// Handles entering a node; returns whether to walk into its children.
    fn open(&mut self, node: NodeRef) -> bool {
        match node.value() {
            Node::Text(text) => {
                if !self.stack.is_empty() {
                    self.push_text(&text.text);
                }
                false
            }
            Node::Element(el) => self.open_element(node, el),
            Node::Document | Node::Fragment => true,
            _ => false,
        }
    }

    /// Handles leaving a node whose children (if any) have been walked.
    fn close(&mut self, node: NodeRef) {
        let Node::Element(_) = node.value() else {
            return;
        };
        let Some(frame) = self.stack.pop() else {
            return;
        };
        if frame.breaks {
            self.flush_with(frame);
        }
        if let Some(idx) = frame.elem {
            if let Some(elem) = self.page.elems.get_mut(idx as usize) {
                elem.end = self.page.blocks.len() as u32;
            }
            if matches!(frame.kind, BlockKind::Heading(_)) {
                self.open_thread_after(idx);
            }
        }
    }

    /// Themes without comment class names still head the thread with "Comments" or
    /// "3 Responses": after such a heading, its later siblings are the thread.
    fn open_thread_after(&mut self, heading: u32) {
        let elem = &self.page.elems[heading as usize];
        let (start, end) = (elem.start as usize, elem.end as usize);
        let Some(parent) = self.stack.last_mut() else {
            return;
        };
        if parent.comment.is_some() || end != start + 1 {
            return;
        }
        let block = &mut self.page.blocks[start];
        if block.chars > THREAD_HEADING_CHARS || !THREAD_HEADING.is_match(&block.text) {
            return;
        }
        parent.thread = Some(heading);
        block.comment = Some(CommentRef {
            region: heading,
            item: None,
            chrome: false,
            named: false,
        });
        self.page.heading_threads.push(heading);
    }

    fn open_element(&mut self, node: NodeRef, el: &Element) -> bool {
        let tag = el.name();
        let names = Names::of(el);
        self.collect_meta(node, el, tag, &names);
        if skipped(tag, el) {
            // Skipped elements still get a frame so `close` stays balanced.
            self.stack.push(Frame {
                breaks: false,
                elem: None,
                ..self.top()
            });
            return false;
        }
        if tag == "br" {
            if self.pending_br {
                self.flush();
            } else {
                self.pending_br = true;
                if self.first_line.is_none() && self.chars > 0 {
                    self.first_line = u32::try_from(self.buf.trim_end().len()).ok();
                }
                self.push_space();
            }
        }
        let parent = self.top();
        // Comment templates (preview boxes, "your comment was saved" notices) ship with the
        // page, hidden by a class name until a script shows them. A hidden-named comment is
        // only collapsed, and its text is shown to readers without scripts.
        let hidden_template =
            parent.comment.is_some() && names.is_hidden_state() && !names.is_comment_item(tag);
        // A template named as such is never shown as it stands, hidden by name or not.
        let template =
            names.is_template() && (parent.comment.is_some() || names.is_comment_region(tag));
        if names.is_comment_form() || hidden_template || template {
            self.stack.push(Frame {
                breaks: false,
                elem: None,
                ..parent
            });
            return false;
        }

        let block = block_kind(tag);
        let in_article = parent.in_article || tag == "article" || tag == "main";
        let tag_boiler = match tag {
            // Captions and photo credits describe a picture the index does not hold.
            "nav" | "aside" | "menu" | "form" | "figcaption" => true,
            "footer" => !parent.in_article,
            "header" => !parent.in_article,
            _ => false,
        };
        // Inside a thread, a box that also names itself a comment (`sidebar_module js-comment`)
        // is one of the comments, styled like a box.
        let comment_box = parent.comment.is_some() && names.is_comment_region(tag);
        let boiler = tag_boiler || (names.is_boilerplate() && !comment_box);
        let comment_region = parent.comment.is_none() && names.is_comment_region(tag);
        let text_hint = names.is_post_text();
        let content_hint = tag == "article" || tag == "main" || text_hint || names.is_content();
        let breaks = block.is_some() || boiler || comment_region || tag == "hr" || tag == "li";

        let mut frame = Frame {
            kind: block.unwrap_or(parent.kind),
            link: parent.link || (tag == "a" && el.attr("href").is_some()),
            in_article,
            breaks,
            elem: None,
            thread: None,
            ..parent
        };
        let thread = match parent.thread {
            // Another section's heading ends the thread.
            Some(_) if block.is_some_and(|k| matches!(k, BlockKind::Heading(_))) => {
                if let Some(p) = self.stack.last_mut() {
                    p.thread = None;
                }
                None
            }
            thread => thread.filter(|_| parent.comment.is_none()),
        };
        if breaks {
            self.flush_with(parent);
            let idx = self.page.elems.len() as u32;
            self.page.elems.push(Elem {
                start: self.page.blocks.len() as u32,
                end: self.page.blocks.len() as u32,
                content_hint,
                text_hint,
                bio_hint: boiler && names.is_author_bio(),
            });
            frame.elem = Some(idx);
            if boiler {
                frame.boiler = Some(idx);
                // Inside an article, a box named `entry-header` is the article's header: its
                // standfirst is text, its kicker, byline, date and share bar are not. So is a
                // box named `article-teaser` right under the headline: the standfirst.
                if parent.in_article
                    && parent.comment.is_none()
                    && !tag_boiler
                    && (names.is_header_box() || (self.after_h1() && names.is_teaser_box()))
                {
                    frame.head = Some((idx, parent.boiler));
                }
            }
            if comment_region {
                frame.comment = Some(CommentRef {
                    region: idx,
                    item: None,
                    chrome: false,
                    named: false,
                });
            } else if let Some(region) = thread {
                // Each block-level sibling after the heading is one entry of the thread.
                frame.comment = Some(CommentRef {
                    region,
                    item: Some(self.next_item),
                    chrome: false,
                    named: false,
                });
                self.next_item += 1;
            }
        }
        if let Some(mut comment) = frame.comment {
            let named = names.is_comment_item(tag);
            if named || (matches!(tag, "li" | "dt") && comment.item.is_none()) {
                comment.item = Some(self.next_item);
                comment.chrome = false;
                comment.named = named;
                self.next_item += 1;
            } else if comment.item.is_some() && names.is_comment_chrome(tag) {
                comment.chrome = true;
            }
            frame.comment = Some(comment);
        }
        self.stack.push(frame);
        true
    }

    fn collect_meta(&mut self, node: NodeRef, el: &Element, tag: &str, names: &Names) {
        let in_comments = self.stack.last().is_some_and(|f| f.comment.is_some());
        let meta = &mut self.page.meta;
        match tag {
            "html" if meta.lang.is_none() => {
                meta.lang = el
                    .attr("lang")
                    .or_else(|| el.attr("xml:lang"))
                    .map(str::to_string)
            }
            "meta" => {
                let key = ["property", "name", "itemprop", "http-equiv"]
                    .iter()
                    .find_map(|a| el.attr(a));
                // Microdata of an item inside another (a cited work, a review, a comment)
                // describes that item, not the page.
                let nested = el.attr("itemprop").is_some()
                    && node.ancestors().any(|a| {
                        a.value().as_element().is_some_and(|e| {
                            e.attr("itemscope").is_some() && e.attr("itemprop").is_some()
                        })
                    });
                if let (Some(key), Some(content), false) = (key, el.attr("content"), nested) {
                    meta.metas.push((
                        key.trim().to_ascii_lowercase(),
                        unescape(content.trim()).into_owned(),
                    ));
                }
            }
            "link" => {
                let rel = el.attr("rel").unwrap_or("");
                if rel.eq_ignore_ascii_case("canonical") && meta.canonical.is_none() {
                    meta.canonical = el.attr("href").map(|h| h.trim().to_string());
                }
            }
            "h1" if meta.h1s.len() < MAX_H1S => {
                let (text, home) = headline_text(node);
                let logo = home || names.is_logo();
                let in_comments = self.stack.last().is_some_and(|f| f.comment.is_some());
                let own = logo || in_comments || hidden(el) || names.is_heading_furniture();
                let boxed = !own && in_furniture(node);
                let furniture = own || boxed;
                if !text.is_empty() {
                    let full = subtree_text(node, 1000);
                    meta.h1s.push(Heading {
                        text,
                        full,
                        furniture,
                        boxed,
                        logo,
                    });
                }
            }
            "title" if meta.title_tag.is_none() => {
                meta.title_tag = Some(subtree_text(node, 1000));
            }
            "script" => {
                let ld = el
                    .attr("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"));
                if ld {
                    meta.json_ld.push(subtree_text(node, usize::MAX));
                } else {
                    for child in node.children() {
                        if let Node::Text(t) = child.value() {
                            if meta.script_date.is_none() {
                                meta.script_date = script_date(&t.text);
                            }
                            if meta.script_authors.len() < MAX_SCRIPT_AUTHORS {
                                script_authors(&t.text, &mut meta.script_authors);
                            }
                        }
                    }
                }
            }
            "time" if !in_comments && !names.is_modified() => {
                if let Some(dt) = el.attr("datetime") {
                    let published = el.attr("pubdate").is_some()
                        || el
                            .attr("itemprop")
                            .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"));
                    if published {
                        // In page order: a teaser list after the article marks its
                        // items `datePublished` too.
                        meta.times.insert(self.published_times, dt.to_string());
                        self.published_times += 1;
                    } else if in_furniture(node) {
                        // Sidebars and teaser boxes date other posts.
                        meta.boxed_date_texts.push(dt.to_string());
                    } else {
                        meta.times.push(dt.to_string());
                    }
                }
            }
            _ => {}
        }
        let itemprop = names.itemprop();
        // Microformats (hAtom) put the timestamp in an abbreviation's title:
        // `<abbr class="published" title="2017-09-09T10:52:00+02:00">10:52</abbr>`.
        let abbr = tag == "abbr"
            && !in_comments
            && el
                .attr("class")
                .is_some_and(|c| c.split_whitespace().any(|c| c == "published"));
        if (tag != "meta" && itemprop.eq_ignore_ascii_case("datepublished")) || abbr {
            let title = el
                .attr("title")
                .filter(|t| tag == "abbr" && t.trim().starts_with(|c: char| c.is_ascii_digit()));
            if let Some(dt) = el.attr("content").or_else(|| el.attr("datetime")).or(title) {
                let meta = &mut self.page.meta;
                meta.times.insert(self.published_times, dt.to_string());
                self.published_times += 1;
            }
        }
        let rel_author = tag == "a"
            && el
                .attr("rel")
                .is_some_and(|r| r.split_whitespace().any(|r| r == "author"));
        // However it is named, code holds no byline and no date line: a style sheet or a
        // script of a byline plugin (`co-authors-plus`).
        let code = holds_code(tag);
        let byline = !code && (itemprop.eq_ignore_ascii_case("author") || names.is_byline());
        let dated = byline
            || (tag == "time" && el.attr("datetime").is_none())
            || (!code && names.is_dated());
        let meta = &mut self.page.meta;
        let room = meta.date_texts.len() + meta.boxed_date_texts.len() < MAX_DATE_TEXTS;
        if dated && room && !in_comments && !names.is_modified() {
            let text = subtree_text(node, DATE_TEXT_LIMIT);
            let fits = text.chars().count() <= DATE_TEXT_LIMIT;
            if fits && text.chars().any(|c| c.is_ascii_digit()) {
                if in_furniture(node) {
                    meta.boxed_date_texts.push(text);
                } else {
                    meta.date_texts.push(text);
                }
            }
        }
        if (rel_author || byline) && !in_comments {
            let text = subtree_text(node, AUTHOR_TEXT_LIMIT);
            if !text.is_empty() && text.chars().count() < AUTHOR_TEXT_LIMIT {
                if in_side_box(node) {
                    meta.boxed_authors.push(text);
                } else {
                    meta.authors.push(text);
                }
            }
        }
    }

    fn push_text(&mut self, text: &str) {
        let link = self.top().link;
        for c in text.chars() {
            if c.is_whitespace() {
                self.push_space();
            } else {
                self.buf.push(c);
                self.chars += 1;
                if link {
                    self.link_chars += 1;
                }
                self.pending_br = false;
            }
        }
    }

    fn push_space(&mut self) {
        if !self.buf.is_empty() && !self.buf.ends_with(' ') {
            self.buf.push(' ');
        }
    }

    /// Ends the current block in the context of the innermost open element.
    fn flush(&mut self) {
        let frame = self.top();
        self.flush_with(frame);
    }

    /// Whether an `h1` is among the last few blocks: a box opening there holds the standfirst.
    fn after_h1(&self) -> bool {
        const NEAR: usize = 3;
        self.page
            .blocks
            .iter()
            .rev()
            .take(NEAR)
            .any(|b| b.kind == BlockKind::Heading(1) && b.comment.is_none())
    }

    /// Ends the current block, giving it the context of `frame`.
    fn flush_with(&mut self, frame: Frame) {
        self.pending_br = false;
        let first_line = self.first_line.take();
        if self.chars == 0 {
            self.buf.clear();
            return;
        }
        let text = self.buf.trim().to_string();
        self.buf.clear();
        // A break after the last word ends no line.
        let first_line = first_line.filter(|&n| (n as usize) < text.len());
        let mut block = Block {
            counts: TextCounts::of(&text),
            furniture: std::cell::OnceCell::new(),
            text,
            chars: self.chars,
            link_chars: self.link_chars,
            first_line,
            kind: frame.kind,
            boiler: frame.boiler,
            comment: frame.comment,
            standfirst: false,
        };
        // In the article's header box, the headline and the standfirst (which reads as prose)
        // are the article's; the short lines beside them stay in the box: the byline and the
        // date are read as fields, the kicker and the reading time are labels.
        if let Some((head, outer)) = frame.head {
            let headline = matches!(block.kind, BlockKind::Heading(_));
            if block.boiler == Some(head) {
                if headline {
                    block.boiler = outer;
                } else if block.prose_weight() > 0.0 {
                    block.boiler = outer;
                    block.standfirst = true;
                }
            }
        }
        self.page.blocks.push(block);
        self.chars = 0;
        self.link_chars = 0;
    }
}

/// Elements whose content is code or markup for later, not text.
fn holds_code(tag: &str) -> bool {
    matches!(tag, "script" | "style" | "noscript" | "template")
}

/// Elements whose content is never article text.
fn skipped(tag: &str, el: &Element) -> bool {
    let never_text = holds_code(tag)
        || matches!(
            tag,
            "svg"
                | "math"
                | "iframe"
                | "object"
                | "embed"
                | "select"
                | "option"
                | "button"
                | "textarea"
                | "input"
                | "canvas"
                | "video"
                | "audio"
                | "map"
                | "title"
                | "datalist"
                | "label"
        );
    never_text || hidden(el)
}

/// Elements a reader of the page without scripts would not see.
fn hidden(el: &Element) -> bool {
    // One pass over the attributes rather than two `Element::attr` lookups, each of which
    // interns the name: this runs for every element.
    el.attrs().any(|(name, value)| match name {
        "hidden" => true,
        "style" => {
            let style: String = value.chars().filter(|c| !c.is_whitespace()).collect();
            let style = style.to_ascii_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        }
        _ => false,
    })
}

/// The paragraph role of a block-level tag; `None` for inline tags.
fn block_kind(tag: &str) -> Option<BlockKind> {
    Some(match tag {
        "p" => BlockKind::Paragraph,
        "h1" => BlockKind::Heading(1),
        "h2" => BlockKind::Heading(2),
        "h3" => BlockKind::Heading(3),
        "h4" => BlockKind::Heading(4),
        "h5" => BlockKind::Heading(5),
        "h6" => BlockKind::Heading(6),
        "li" | "dt" | "dd" => BlockKind::ListItem,
        "blockquote" => BlockKind::Quote,
        "pre" => BlockKind::Pre,
        "td" | "th" => BlockKind::Cell,
        "address" | "article" | "aside" | "body" | "center" | "details" | "dialog" | "dir"
        | "div" | "dl" | "fieldset" | "figcaption" | "figure" | "footer" | "form" | "header"
        | "hgroup" | "html" | "main" | "menu" | "nav" | "ol" | "section" | "summary" | "table"
        | "tbody" | "tfoot" | "thead" | "tr" | "ul" | "caption" | "legend" | "frameset"
        | "noframes" => BlockKind::Loose,
        _ => return None,
    })
}

/// The text of a headline element without its kicker (the small line above a news headline)
/// and screen-reader separators, and whether all of it links to the site's front page, as a
/// logo in an `h1` does.
fn headline_text(node: NodeRef) -> (String, bool) {
    const LIMIT: usize = 1000;
    let leading = leading_kicker(node).map(|k| k.id());
    let mut text = String::new();
    let mut kicker = String::new();
    let (mut chars, mut home_chars) = (0usize, 0usize);
    let mut stack: Vec<(NodeRef, bool, bool)> =
        node.children().rev().map(|c| (c, false, false)).collect();
    while let Some((n, home, label)) = stack.pop() {
        match n.value() {
            Node::Text(t) => {
                let out = if label { &mut kicker } else { &mut text };
                out.push_str(&t.text);
                let visible = t.text.chars().filter(|c| !c.is_whitespace()).count();
                chars += visible;
                if home {
                    home_chars += visible;
                }
            }
            Node::Element(el) => {
                // Ruby annotations (readings over Japanese kanji) are no part of the words.
                if matches!(
                    el.name(),
                    "script" | "style" | "noscript" | "template" | "rt" | "rp"
                ) {
                    continue;
                }
                let names = Names::of(el);
                let label = label || Some(n.id()) == leading || names.is_kicker() || is_label(el);
                // Parts set apart by markup read as separate words.
                if label || el.name() == "br" || block_kind(el.name()).is_some() {
                    text.push(' ');
                    kicker.push(' ');
                }
                let home = home || (el.name() == "a" && el.attr("href").is_some_and(front_page));
                stack.extend(n.children().rev().map(|c| (c, home, label)));
            }
            _ => {}
        }
        if text.len() + kicker.len() > LIMIT {
            break;
        }
    }
    // Without its kicker, a headline may start with the ": " that followed it.
    let separators = |c: char| c.is_whitespace() || matches!(c, ':' | '|' | '-' | '–' | '—' | '·');
    let mut text = super::normalize_space(text.trim_matches(separators));
    if text.is_empty() {
        // A headline made only of "kicker" markup is its own headline.
        text = super::normalize_space(&kicker);
    }
    (text, chars > 0 && home_chars == chars)
}

/// Text for screen readers only, or hidden from them: separators between headline parts.
fn is_label(el: &Element) -> bool {
    Names::of(el).is_screen_reader_only() || el.attr("aria-hidden").is_some_and(|v| v == "true")
}

/// The first child of a headline when it is a kicker: more text follows, and it is small
/// print, named like a label or subtitle, or set off by a line break or a hidden separator.
fn leading_kicker(node: NodeRef) -> Option<NodeRef> {
    fn parts(n: NodeRef) -> Vec<NodeRef> {
        n.children()
            .filter(|c| !matches!(c.value(), Node::Text(t) if t.text.trim().is_empty()))
            .filter(|c| matches!(c.value(), Node::Text(_) | Node::Element(_)))
            .collect()
    }
    // Look through wrappers: <h1><a><span>Kicker</span> Headline</a></h1>.
    let mut children = parts(node);
    for _ in 0..4 {
        match children.as_slice() {
            [only] if matches!(only.value(), Node::Element(_)) => children = parts(*only),
            _ => break,
        }
    }
    let mut children = children.into_iter();
    let first = children.next()?;
    let Node::Element(el) = first.value() else {
        return None;
    };
    let next = children.next()?;
    let set_off = match next.value() {
        Node::Element(e) => e.name() == "br" || is_label(e),
        _ => false,
    };
    let small = el.name() == "small" || Names::of(el).is_small_print();
    (set_off || small).then_some(first)
}

/// Whether an element sits in a menu, sidebar, footer or similar box (headers aside).
fn in_furniture(node: NodeRef) -> bool {
    let (mut boxed, mut header, mut article) = (false, false, false);
    for a in node.ancestors() {
        if let Node::Element(e) = a.value() {
            if matches!(e.name(), "html" | "body") {
                continue;
            }
            boxed |= matches!(e.name(), "nav" | "aside" | "menu" | "footer" | "form")
                || Names::of(e).is_heading_furniture();
            header |= e.name() == "header";
            article |= matches!(e.name(), "article" | "main");
        }
    }
    // A <header> outside the article is the site's: its h1 is the logo or a label.
    boxed || (header && !article)
}

/// Whether a node sits in a menu, sidebar, teaser or other box beside the article rather
/// than in a post. Unlike [`in_furniture`], a `<header>` is no box here, nor a footer inside
/// a post: posts put their byline in both.
fn in_side_box(node: NodeRef) -> bool {
    let mut footer = false;
    for a in std::iter::once(node).chain(node.ancestors()) {
        if let Node::Element(e) = a.value() {
            let names = Names::of(e);
            match e.name() {
                "nav" | "aside" | "menu" | "form" => return true,
                _ if names.is_side_box() => return true,
                "article" | "main" => return false,
                _ if names.is_post() => return false,
                "footer" => footer = true,
                _ => {}
            }
        }
    }
    // The page's footer, not the post's.
    footer
}

/// Whether a link points at a site's front page.
fn front_page(href: &str) -> bool {
    let href = href.trim();
    let path = match href.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => href,
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    matches!(
        path,
        "/" | "./" | "/index.html" | "/index.htm" | "/index.php" | "index.html" | "index.php"
    ) || (path.is_empty() && href.contains("://"))
}

/// Text with HTML character references decoded: pages that escape twice leave `&amp;` and
/// `&#8211;` in attribute values and JSON-LD strings.
pub(crate) fn unescape(s: &str) -> std::borrow::Cow<'_, str> {
    let escaped = s
        .match_indices('&')
        .any(|(i, _)| s[i + 1..].chars().take(10).any(|c| c == ';'));
    if !escaped {
        return std::borrow::Cow::Borrowed(s);
    }
    let fragment = Html::parse_fragment(s);
    std::borrow::Cow::Owned(fragment.root_element().text().collect())
}

/// Text of a subtree, whitespace-normalised, cut at about `limit` characters.
fn subtree_text(node: NodeRef, limit: usize) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            out.push_str(&t.text);
            if out.len() > limit {
                break;
            }
        }
    }
    super::normalize_space(&out)
}
