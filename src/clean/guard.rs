//! Guard: keeps hostile markup from making the HTML parser slow or its tree huge.
//!
//! In: page text. Out: the same text, or (only for a page past one of the limits) a copy with
//! some markup removed and all text kept:
//! - tags nested deeper than [`MAX_DEPTH`]: the HTML5 tree builder scans its stack of open
//!   elements for every start tag, so a page nested 100,000 levels deep costs billions of steps;
//!   browsers cap the tree depth for the same reason (Chromium at 512);
//! - every tag and comment after the first [`MAX_NODES`]: each becomes a node of about 150
//!   bytes, so 60 MB of `<i></i>` would take 1.3 GB;
//! - the attributes of a tag that has more than [`MAX_ATTRIBUTES`]: the parser checks each new
//!   attribute against the ones before, so 200,000 on one tag take 16 seconds.
//!
//! This is a tag scanner, not a parser: it estimates depth from start and end tags, erring towards
//! counting too deep (an unclosed `<p>` counts), which at worst flattens an absurd page further.

use std::borrow::Cow;

/// Deepest element nesting passed to the parser.
pub(crate) const MAX_DEPTH: usize = 512;

/// Most elements and comments passed to the parser; a news page has a few thousand.
pub(crate) const MAX_NODES: usize = 250_000;

/// Most attributes a tag keeps; more and it keeps none.
pub(crate) const MAX_ATTRIBUTES: usize = 128;

/// Elements that never have content, so never add depth.
const VOID: &[&[u8]] = &[
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
    b"wbr",
    b"keygen",
    b"basefont",
    b"frame",
    b"image",
];

/// Elements whose content is raw text, where `<` does not start a tag.
const RAW_TEXT: &[&[u8]] = &[
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"plaintext",
];

/// Returns `html` with the markup past the limits removed.
pub(crate) fn guard(html: &str) -> Cow<'_, str> {
    let cuts = cuts(html.as_bytes());
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (start, end) in cuts {
        out.push_str(&html[at..start]);
        at = end;
    }
    out.push_str(&html[at..]);
    Cow::Owned(out)
}

/// Byte ranges to remove, in order. Ranges start at `<` or at the ASCII byte after a tag name,
/// and end after `>`, before `>`, or at the end, so they are valid cut points in UTF-8.
fn cuts(b: &[u8]) -> Vec<(usize, usize)> {
    let mut cuts = Vec::new();
    let mut open: Vec<(Vec<u8>, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut nodes = 0usize;
    let mut i = 0;
    while let Some(lt) = find(b, i, b"<") {
        i = lt + 1;
        let closing = b.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let named = b.get(name_start).is_some_and(u8::is_ascii_alphabetic);
        // Comments, and what the parser reads as comments (`<!x>`, `<?x>`, `</1>`): nodes too.
        let comment_end = if b[lt..].starts_with(b"<!--") {
            Some(find(b, lt + 4, b"-->").map_or(b.len(), |e| e + 3))
        } else if !named && (closing || matches!(b.get(i), Some(b'!' | b'?'))) {
            (b.get(name_start) != Some(&b'>')).then(|| find(b, i, b">").map_or(b.len(), |e| e + 1))
        } else {
            None
        };
        if let Some(end) = comment_end {
            i = end;
            nodes += 1;
            if nodes > MAX_NODES {
                cuts.push((lt, end));
            }
            continue;
        }
        if !named {
            continue;
        }
        let name_end = name_start
            + b[name_start..]
                .iter()
                .position(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
                .unwrap_or(b.len() - name_start);
        let name = b[name_start..name_end].to_ascii_lowercase();
        let (end, attributes) = tag_end(b, name_end);
        i = end;
        if nodes >= MAX_NODES {
            // Past the limit every tag goes, and a raw-text element with its content (script
            // or style, which must not turn into text).
            if !closing && RAW_TEXT.contains(&name.as_slice()) {
                i = raw_text_end(b, end, &name);
            }
            cuts.push((lt, i));
            continue;
        }
        if closing {
            let Some(slot) = open
                .iter_mut()
                .find(|(n, _)| *n == name)
                .filter(|(_, c)| *c > 0)
            else {
                continue;
            };
            slot.1 -= 1;
            if depth > MAX_DEPTH {
                cuts.push((lt, end));
            }
            depth = depth.saturating_sub(1);
            continue;
        }
        nodes += 1;
        let raw = RAW_TEXT.contains(&name.as_slice());
        let self_closing = end >= 2 && b[end - 2] == b'/';
        let nests = !raw && !self_closing && !VOID.contains(&name.as_slice());
        if nests && depth >= MAX_DEPTH {
            cuts.push((lt, end));
        } else if attributes > MAX_ATTRIBUTES {
            let before_gt = if b[end - 1] == b'>' { end - 1 } else { end };
            cuts.push((name_end, before_gt));
        }
        if raw {
            i = raw_text_end(b, end, &name);
            continue;
        }
        if !nests {
            continue;
        }
        depth += 1;
        match open.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 += 1,
            None => open.push((name, 1)),
        }
    }
    cuts
}

/// Position after the `>` that ends a tag, skipping quoted attribute values, and the number of
/// attributes in it (names start after a space, not after `=`).
fn tag_end(b: &[u8], from: usize) -> (usize, usize) {
    let mut quote = None;
    let mut attributes = 0;
    let (mut after_space, mut after_eq) = (true, false);
    for (k, &c) in b.iter().enumerate().skip(from) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'>' => return (k + 1, attributes),
            None if c.is_ascii_whitespace() => {
                after_space = true;
                continue;
            }
            None if c == b'=' => {
                after_eq = true;
                after_space = false;
                continue;
            }
            None => {
                if after_space && !after_eq && c != b'/' {
                    attributes += 1;
                }
                if c == b'"' || c == b'\'' {
                    quote = Some(c);
                }
            }
        }
        after_space = false;
        after_eq = false;
    }
    (b.len(), attributes)
}

/// Position of the end tag that closes a raw-text element opened before `from`.
fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(lt) = find(b, i, b"</") {
        let tail = &b[lt + 2..];
        if tail.len() >= name.len() && tail[..name.len()].eq_ignore_ascii_case(name) {
            return lt;
        }
        i = lt + 2;
    }
    b.len()
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let page = "<div><p>a<br>b</p><script>if (a < b) {}</script></div>";
        assert!(matches!(guard(page), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_tags_are_removed_and_text_kept() {
        let n = MAX_DEPTH + 10;
        let page = format!(
            "{}<b>x</b>{}",
            "<div class=\"a>b\">".repeat(n),
            "</div>".repeat(n)
        );
        let out = guard(&page);
        assert_eq!(out.matches("<div").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains(">x<"));
        assert!(!out.contains("<b>"));
    }

    #[test]
    fn stray_end_tags_do_not_hide_depth() {
        let page = "<div></span>".repeat(MAX_DEPTH + 5);
        assert_eq!(guard(&page).matches("<div>").count(), MAX_DEPTH);
    }

    #[test]
    fn tags_and_comments_past_the_node_limit_are_removed_and_text_kept() {
        let page = format!(
            "<p>start</p>{}<script>var x = '<i>';</script><b>end</b>",
            "<i>a</i><!-- c --><?pi>".repeat(MAX_NODES)
        );
        let out = guard(&page);
        // Start tags and comments count, end tags do not: `<p>` is node 1, the k-th `<i>` node
        // 2 + 3k.
        assert_eq!(out.matches("<i>").count(), (MAX_NODES - 2) / 3 + 1);
        assert_eq!(
            out.matches("a").count() - 1,
            MAX_NODES,
            "every text is kept"
        );
        assert!(
            !out.contains("<b>") && out.ends_with("end"),
            "{}",
            &out[out.len() - 40..]
        );
        assert!(
            !out.contains("var x"),
            "a script past the limit goes with its content"
        );
    }

    #[test]
    fn a_tag_with_too_many_attributes_keeps_its_name_and_content() {
        let many: String = (0..=MAX_ATTRIBUTES)
            .map(|i| format!(" a{i}=\"x y\""))
            .collect();
        let page = format!("<div class=\"keep\"><span{many}>text</span></div>");
        assert_eq!(guard(&page), "<div class=\"keep\"><span>text</span></div>");
        let fits: String = (1..MAX_ATTRIBUTES)
            .map(|i| format!(" a{i} = 'x>y'"))
            .collect();
        let page = format!("<span{fits} hidden>text</span>");
        assert!(
            matches!(guard(&page), Cow::Borrowed(_)),
            "{MAX_ATTRIBUTES} attributes fit"
        );
    }
}
