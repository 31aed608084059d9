//! Depth guard: keeps pathologically nested pages from making the HTML parser quadratic.
//!
//! In: page text. Out: the same text, or (only when the nesting would exceed [`MAX_DEPTH`]) a
//! copy with the tags below that depth removed and their text kept. The HTML5 tree builder scans
//! its stack of open elements for every start tag, so a page nested 100,000 levels deep costs
//! billions of steps; browsers cap the tree depth for the same reason (Chromium at 512).
//!
//! This is a tag scanner, not a parser: it estimates depth from start and end tags, erring towards
//! counting too deep (an unclosed `<p>` counts), which at worst flattens an absurd page further.

use std::borrow::Cow;

/// Deepest element nesting passed to the parser.
pub(crate) const MAX_DEPTH: usize = 512;

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

/// Returns `html` with tags nested deeper than [`MAX_DEPTH`] removed.
pub(crate) fn limit_depth(html: &str) -> Cow<'_, str> {
    let cuts = deep_tags(html.as_bytes());
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

/// Byte ranges of the tags that sit deeper than [`MAX_DEPTH`]. Ranges start at `<` and end after
/// `>`, both ASCII, so they are valid cut points in UTF-8.
fn deep_tags(b: &[u8]) -> Vec<(usize, usize)> {
    let mut cuts = Vec::new();
    let mut open: Vec<(Vec<u8>, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(lt) = find(b, i, b"<") {
        i = lt + 1;
        if b[lt..].starts_with(b"<!--") {
            i = find(b, lt + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = name_start
            + b[name_start..]
                .iter()
                .position(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
                .unwrap_or(b.len() - name_start);
        let name = b[name_start..name_end].to_ascii_lowercase();
        let end = tag_end(b, name_end);
        i = end;
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
        if RAW_TEXT.contains(&name.as_slice()) {
            i = raw_text_end(b, end, &name);
            continue;
        }
        let self_closing = end >= 2 && b[end - 2] == b'/';
        if VOID.contains(&name.as_slice()) || self_closing {
            continue;
        }
        depth += 1;
        if depth > MAX_DEPTH {
            cuts.push((lt, end));
        }
        match open.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 += 1,
            None => open.push((name, 1)),
        }
    }
    cuts
}

/// Position after the `>` that ends a tag, skipping quoted attribute values.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (k, &c) in b.iter().enumerate().skip(from) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return k + 1,
            None => {}
        }
    }
    b.len()
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
        assert!(matches!(limit_depth(page), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_tags_are_removed_and_text_kept() {
        let n = MAX_DEPTH + 10;
        let page = format!(
            "{}<b>x</b>{}",
            "<div class=\"a>b\">".repeat(n),
            "</div>".repeat(n)
        );
        let out = limit_depth(&page);
        assert_eq!(out.matches("<div").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains(">x<"));
        assert!(!out.contains("<b>"));
    }

    #[test]
    fn stray_end_tags_do_not_hide_depth() {
        let page = "<div></span>".repeat(MAX_DEPTH + 5);
        assert_eq!(limit_depth(&page).matches("<div>").count(), MAX_DEPTH);
    }
}
