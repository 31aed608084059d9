//! Plain-text articles: scraped or wire copy saved as `.txt`.
//!
//! In: the decoded text. Out: the title (first non-empty line), body paragraphs (split on blank
//! lines, hard-wrapped lines joined) and the reader comments that trail some scraped pages,
//! with the comment form's boilerplate dropped.

use super::normalize_space;
use regex::Regex;
use std::sync::LazyLock;

/// A line that opens the reader-comment section ("One thought on “…”", "12 comments",
/// "Leave a reply"). The "on/to" form must be followed by a quote, so that a sentence such as
/// "One response to the crisis was…" in the body does not match.
static ANNOUNCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(include_str!(
        "../../data/clean/patterns/comments-announce.re"
    ))
    .expect("valid regex")
});

/// Comment-form chrome that is never part of a comment.
static FORM_BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(include_str!("../../data/clean/patterns/comment-form.re")).expect("valid regex")
});

/// A numbered comment item: "  1. The …".
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\d{1,4}[.)]\s+(\S.*)$").expect("valid regex"));

/// What a plain-text document is made of.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct TextParts {
    pub title: String,
    pub body: Vec<String>,
    pub comments: Vec<String>,
}

/// One paragraph of the comment section, and whether it opened with an item number.
struct CommentPara {
    numbered: bool,
    text: String,
}

/// Splits plain text into title, body paragraphs and reader comments.
pub(crate) fn split(text: &str) -> TextParts {
    let mut lines = text.lines().map(str::trim).peekable();
    let title = lines
        .find(|l| !l.is_empty())
        .map(normalize_space)
        .unwrap_or_default();
    // Scrapers often write the headline twice (page title, then the h1).
    while let Some(line) = lines.peek() {
        if line.is_empty() || normalize_space(line) == title {
            lines.next();
        } else {
            break;
        }
    }

    let mut body = Vec::new();
    let mut comment_paras: Vec<CommentPara> = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut numbered = false;
    let mut in_comments = false;
    for line in lines {
        let starts_section = ANNOUNCE.is_match(line) || FORM_BOILERPLATE.is_match(line);
        let ends_paragraph = line.is_empty() || (in_comments && FORM_BOILERPLATE.is_match(line));
        let opens_comments = !in_comments && starts_section;
        if ends_paragraph || opens_comments {
            flush(
                &mut para,
                numbered,
                in_comments,
                &mut body,
                &mut comment_paras,
            );
            in_comments |= opens_comments;
            continue;
        }
        if in_comments {
            if let Some(item) = NUMBERED.captures(line).and_then(|c| c.get(1)) {
                flush(
                    &mut para,
                    numbered,
                    in_comments,
                    &mut body,
                    &mut comment_paras,
                );
                numbered = true;
                para.push(item.as_str());
                continue;
            }
            if para.is_empty() {
                numbered = false;
            }
        }
        para.push(line);
    }
    flush(
        &mut para,
        numbered,
        in_comments,
        &mut body,
        &mut comment_paras,
    );

    TextParts {
        title,
        body,
        comments: group_comments(comment_paras),
    }
}

/// Ends the paragraph being gathered, sending it to the body or the comment section.
fn flush(
    para: &mut Vec<&str>,
    numbered: bool,
    in_comments: bool,
    body: &mut Vec<String>,
    comments: &mut Vec<CommentPara>,
) {
    if para.is_empty() {
        return;
    }
    let text = normalize_space(&para.join(" "));
    para.clear();
    if text.is_empty() {
        return;
    }
    if in_comments {
        comments.push(CommentPara { numbered, text });
    } else {
        body.push(text);
    }
}

/// When comments are numbered, un-numbered paragraphs continue the comment before them;
/// otherwise each paragraph is taken as one comment.
fn group_comments(paras: Vec<CommentPara>) -> Vec<String> {
    let any_numbered = paras.iter().any(|p| p.numbered);
    let mut out: Vec<String> = Vec::new();
    let mut open_numbered = false;
    for p in paras {
        match out.last_mut() {
            Some(last) if any_numbered && !p.numbered && open_numbered => {
                last.push_str("\n\n");
                last.push_str(&p.text);
            }
            _ => {
                open_numbered = p.numbered;
                out.push(p.text);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_once_paragraphs_and_numbered_comments() {
        let text = "Big News Today\n\nBig News Today\n\nFirst line of the story\nwrapped here.\n\n\
                    Second paragraph.\n\n2 thoughts on “Big News Today”\n\n  1. Great piece.\n\n  \
                    2. I disagree\n     strongly.\n\nLeave a Reply\n\nYour email address will not be \
                    published.\n";
        let parts = split(text);
        assert_eq!(parts.title, "Big News Today");
        assert_eq!(
            parts.body,
            vec!["First line of the story wrapped here.", "Second paragraph."]
        );
        assert_eq!(parts.comments, vec!["Great piece.", "I disagree strongly."]);
    }

    #[test]
    fn body_sentence_that_looks_like_an_announcement_stays_in_body() {
        let parts = split("Title\n\nOne response to the crisis was calm.\n\nMore text.");
        assert_eq!(parts.body.len(), 2);
        assert!(parts.comments.is_empty());
    }

    #[test]
    fn unnumbered_comments_are_one_per_paragraph() {
        let parts = split("T\n\nBody.\n\n3 Comments\n\nFirst reader.\n\nSecond reader.\n");
        assert_eq!(parts.body, vec!["Body."]);
        assert_eq!(parts.comments, vec!["First reader.", "Second reader."]);
    }

    #[test]
    fn empty_text_has_no_parts() {
        assert_eq!(split("\n \n"), TextParts::default());
    }
}
