//! Guard: keeps the HTML parser from reading what the cleaner never looks at, and hostile markup
//! from making it slow or its tree huge.
//!
//! In: page text. Out: the same text, or a copy with some markup removed and all text kept:
//! - the text of `<style>` elements, and of scripts the cleaner does not read
//!   ([`script_is_read`]): a third of a modern page's bytes, which the parser would copy
//!   character by character into nodes nobody visits;
//! - tags nested deeper than [`MAX_DEPTH`]: the HTML5 tree builder scans its stack of open
//!   elements for every start tag, so a page nested 100,000 levels deep costs billions of steps;
//!   browsers cap the tree depth for the same reason (Chromium at 512);
//! - every tag and comment after the first [`MAX_NODES`]: each becomes a node of about 150
//!   bytes, so 60 MB of `<i></i>` would take 1.3 GB;
//! - the attributes of a tag that has more than [`MAX_ATTRIBUTES`]: the parser checks each new
//!   attribute against the ones before, so 200,000 on one tag take 16 seconds.
//!
//! This is a tag scanner, not a parser, but it keeps a stack of open elements the way the HTML5
//! tree builder does in the common cases: an end tag closes the elements opened inside it, and a
//! `<p>`, `<li>`, `<td>`, `<option>`... closes the open sibling it implies the end of. Counting an
//! unclosed `<p>` as one level deeper each time would flatten ordinary pages (old blogs leave
//! hundreds open).

use super::html::script_is_read;
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

/// A list of tag names.
type Names = &'static [&'static [u8]];

/// Elements whose start tag implies the end of an open element of the same group, with the
/// elements that stop the search for it (the HTML5 "scope" of that group, simplified).
const IMPLIED_ENDS: &[(Names, Names)] = &[
    (
        &[b"p"],
        &[
            b"button",
            b"table",
            b"td",
            b"th",
            b"caption",
            b"object",
            b"template",
        ],
    ),
    (
        &[b"li"],
        &[b"ul", b"ol", b"menu", b"table", b"td", b"th", b"template"],
    ),
    (
        &[b"dt", b"dd"],
        &[b"dl", b"table", b"td", b"th", b"template"],
    ),
    (
        &[b"option"],
        &[b"select", b"datalist", b"optgroup", b"table", b"template"],
    ),
    (&[b"optgroup"], &[b"select", b"table", b"template"]),
    (&[b"tr"], &[b"table"]),
    (&[b"td", b"th"], &[b"tr", b"table"]),
    (&[b"thead", b"tbody", b"tfoot"], &[b"table"]),
    (&[b"rb", b"rt", b"rtc", b"rp"], &[b"ruby"]),
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
    // The open elements, innermost last, and per name how many of them are open and how many
    // start tags were cut (so their end tags go too).
    let mut stack: Vec<Vec<u8>> = Vec::new();
    let mut open: Vec<(Vec<u8>, usize)> = Vec::new();
    let mut cut_open: Vec<(Vec<u8>, usize)> = Vec::new();
    let mut nodes = 0usize;
    let mut name_buf: Vec<u8> = Vec::new();
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
        // Lower-cased into a buffer reused across tags: only a tag that stays open keeps a
        // copy, so end tags and void elements allocate nothing.
        name_buf.clear();
        name_buf.extend(b[name_start..name_end].iter().map(u8::to_ascii_lowercase));
        let name = name_buf.as_slice();
        let (end, attributes) = tag_end(b, name_end);
        i = end;
        if nodes >= MAX_NODES {
            // Past the limit every tag goes, and a raw-text element with its content (script
            // or style, which must not turn into text).
            if !closing && RAW_TEXT.contains(&name) {
                i = raw_text_close(b, end, name).unwrap_or(b.len());
            }
            cuts.push((lt, i));
            continue;
        }
        if closing {
            if let Some(slot) = cut_open.iter_mut().find(|(n, c)| n == name && *c > 0) {
                slot.1 -= 1;
                cuts.push((lt, end));
            } else if count(&open, name) > 0 {
                pop_through(&mut stack, &mut open, |n| n == name);
            }
            continue;
        }
        nodes += 1;
        let raw = RAW_TEXT.contains(&name);
        let self_closing = end >= 2 && b[end - 2] == b'/';
        let nests = !raw && !self_closing && !VOID.contains(&name);
        if nests {
            close_implied(&mut stack, &mut open, name);
        }
        if nests && stack.len() >= MAX_DEPTH {
            cuts.push((lt, end));
            bump(&mut cut_open, name);
            continue;
        } else if attributes > MAX_ATTRIBUTES {
            let before_gt = if b[end - 1] == b'>' { end - 1 } else { end };
            cuts.push((name_end, before_gt));
        }
        if raw {
            let close = raw_text_close(b, end, name);
            i = close.unwrap_or(b.len());
            if let Some(close) = close.filter(|&close| unread(b, lt, end, close, name)) {
                cuts.push((end, close));
            }
            continue;
        }
        if !nests {
            continue;
        }
        bump(&mut open, name);
        stack.push(name.to_vec());
    }
    cuts
}

fn count(counts: &[(Vec<u8>, usize)], name: &[u8]) -> usize {
    counts
        .iter()
        .find(|(n, _)| n == name)
        .map_or(0, |(_, c)| *c)
}

fn bump(counts: &mut Vec<(Vec<u8>, usize)>, name: &[u8]) {
    match counts.iter_mut().find(|(n, _)| n == name) {
        Some(slot) => slot.1 += 1,
        None => counts.push((name.to_vec(), 1)),
    }
}

/// Pops open elements up to and including the innermost one that `is_target` accepts.
fn pop_through(
    stack: &mut Vec<Vec<u8>>,
    open: &mut [(Vec<u8>, usize)],
    is_target: impl Fn(&[u8]) -> bool,
) {
    while let Some(top) = stack.pop() {
        if let Some(slot) = open.iter_mut().find(|(n, _)| *n == top) {
            slot.1 -= 1;
        }
        if is_target(&top) {
            break;
        }
    }
}

/// A start tag such as `<li>` ends the open `<li>` it follows, unless a list, table... lies
/// between them.
fn close_implied(stack: &mut Vec<Vec<u8>>, open: &mut [(Vec<u8>, usize)], name: &[u8]) {
    let Some((group, scope)) = IMPLIED_ENDS.iter().find(|(g, _)| g.contains(&name)) else {
        return;
    };
    if !group.iter().any(|g| count(open, g) > 0) {
        return;
    }
    let found = stack
        .iter()
        .rev()
        .find(|n| group.contains(&n.as_slice()) || scope.contains(&n.as_slice()))
        .is_some_and(|n| group.contains(&n.as_slice()));
    if found {
        pop_through(stack, open, |n| group.contains(&n));
    }
}

/// Position after the `>` that ends a tag, and the number of attributes in it. Follows the
/// HTML5 tokenizer's attribute states: a quote opens a value only after `=` (a stray `""` after
/// a value is an attribute name, and must not swallow the markup up to the next quote).
fn tag_end(b: &[u8], from: usize) -> (usize, usize) {
    #[derive(Clone, Copy)]
    enum State {
        BeforeName,
        Name,
        AfterName,
        BeforeValue,
        Quoted(u8),
        Unquoted,
    }
    let mut state = State::BeforeName;
    let mut attributes = 0;
    let mut k = from;
    while k < b.len() {
        let c = b[k];
        let space = c.is_ascii_whitespace();
        state = match state {
            // A quoted value (URLs, inline JSON, data URIs) is most of a tag's bytes: one jump
            // to its closing quote.
            State::Quoted(q) => match memchr::memchr(q, &b[k..]) {
                Some(at) => {
                    k += at + 1;
                    state = State::BeforeName;
                    continue;
                }
                None => break,
            },
            _ if c == b'>' => return (k + 1, attributes),
            State::BeforeName | State::AfterName if space || c == b'/' => {
                if space && matches!(state, State::AfterName) {
                    State::AfterName
                } else {
                    State::BeforeName
                }
            }
            State::AfterName if c == b'=' => State::BeforeValue,
            State::BeforeName | State::AfterName => {
                attributes += 1;
                State::Name
            }
            State::Name if space => State::AfterName,
            State::Name if c == b'/' => State::BeforeName,
            State::Name if c == b'=' => State::BeforeValue,
            State::Name => State::Name,
            State::BeforeValue if space => State::BeforeValue,
            State::BeforeValue if c == b'"' || c == b'\'' => State::Quoted(c),
            State::BeforeValue => State::Unquoted,
            State::Unquoted if space => State::BeforeName,
            State::Unquoted => State::Unquoted,
        };
        k += 1;
    }
    (b.len(), attributes)
}

/// Where the text of the raw-text element `name` that starts at `from` ends: at the first
/// `</name` followed by a space, `/` or `>`, the end tag the tokenizer takes (`</scripts` is
/// text); None when the element runs to the end of the page.
fn raw_text_close(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    loop {
        let close = find(b, at, b"</")?;
        let tail = &b[close + 2..];
        let ends = tail.len() > name.len()
            && tail[..name.len()].eq_ignore_ascii_case(name)
            && matches!(
                tail[name.len()],
                b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'
            );
        if ends {
            return Some(close);
        }
        at = close + 2;
    }
}

/// Whether the cleaner never reads the text `end..close` of the raw-text element whose start
/// tag spans `lt..end`: a style sheet, or a script [`script_is_read`] turns down. A script
/// holding `<!--` stays whole: the tokenizer's escaped states may carry it past `close`.
fn unread(b: &[u8], lt: usize, end: usize, close: usize, name: &[u8]) -> bool {
    let text = &b[end..close];
    !text.is_empty()
        && (name == b"style"
            || (name == b"script"
                && find(text, 0, b"<!--").is_none()
                && !script_is_read(&b[lt..end], text)))
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let page = "<div><p>a<br>b</p><script>var author = a < b;</script></div>";
        assert!(matches!(guard(page), Cow::Borrowed(_)));
    }

    #[test]
    fn style_sheets_and_unread_scripts_lose_their_text() {
        let page = "<style>p{color:red}</style><p>a</p><script>track(1 < 2)</script ><p>b</p>\
                    <STYLE media=x>.b{}</Style><p>c</p>";
        assert_eq!(
            guard(page),
            "<style></style><p>a</p><script></script ><p>b</p><STYLE media=x></Style><p>c</p>"
        );
    }

    #[test]
    fn scripts_the_cleaner_reads_keep_their_text() {
        for page in [
            r#"<script type="application/LD+JSON">{"@type":"NewsArticle"}</script><p>a</p>"#,
            r#"<script>var data = {"author": "Ann Lee"};</script><p>a</p>"#,
            r#"<script>x = {"datePublished": "2020-01-02"};</script><p>a</p>"#,
            // A script holding `<!--` may end past its first `</script>`: left to the parser.
            "<script><!-- document.write('<script>x()</script>'); --></script><p>a</p>",
        ] {
            assert_eq!(guard(page), page);
        }
    }

    #[test]
    fn only_a_real_end_tag_ends_the_dropped_text() {
        let page = "<script>a = '</scripts>'; b()</script><p>x</p>";
        assert_eq!(guard(page), "<script></script><p>x</p>");
        let unclosed = "<p>x</p><style>p{}";
        assert_eq!(guard(unclosed), unclosed);
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
    fn unclosed_paragraphs_items_and_cells_do_not_add_depth() {
        // Old blogs leave <p>, <li>, <td> and the <font> inside them open by the hundred; the
        // parser closes each at the next sibling, so the page is shallow.
        let page = format!(
            "<div class=\"entry\">{}<ul>{}</ul><table>{}</table><p>end</div>",
            "<p>para <b>bold".repeat(MAX_DEPTH * 2),
            "<li>item <span>x".repeat(MAX_DEPTH * 2),
            "<tr><td><font size=2>a<td>b".repeat(MAX_DEPTH * 2),
        );
        assert!(matches!(guard(&page), Cow::Borrowed(_)));
    }

    #[test]
    fn a_stray_quote_after_a_value_does_not_hide_the_rest_of_the_page() {
        // `style="a;"">` is an empty attribute named `"` to the parser; reading the second
        // quote as an open value would carry the tag (and the depth count) on to the next quote.
        let page = format!(
            "<p style=\"a;\"\">x</p>{}<div title=\"t\">{}",
            "<div>".repeat(10),
            "</div>".repeat(11)
        );
        assert_eq!(tag_end(page.as_bytes(), 2), (page.find('x').unwrap(), 2));
        assert!(matches!(guard(&page), Cow::Borrowed(_)));
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
