//! Names: what an element's `id`, `class`, `role` and `itemprop` say about it.
//!
//! In: one element. Out: yes/no answers (boilerplate box, article body, comment thread, single
//! comment, comment chrome, byline). Matching is on lower-cased tokens and on the words inside
//! them (`post-share_bar` has the words `post`, `share`, `bar`).

use super::cues::cues;
use aho_corasick::AhoCorasick;
use scraper::node::Element;
use std::cell::OnceCell;
use std::sync::LazyLock;

/// Substrings of a token that mark a box as page furniture rather than article text.
static BOILER_SUBSTRINGS: LazyLock<Vec<&str>> = cues!("names/boiler-substrings");

/// Words naming a box whose headings are not the page's headline. Whole words only, and no
/// header words: the headline of a post sits in its `entry-header`, and layout names like
/// `has-sidebar` on wrappers say nothing.
static HEADING_FURNITURE: LazyLock<Vec<&str>> = cues!("names/heading-furniture");

/// Whole words that mark furniture; too short or too common to match inside other words.
static BOILER_WORDS: LazyLock<Vec<&str>> = cues!("names/boiler-words");

/// ARIA roles of furniture.
static BOILER_ROLES: LazyLock<Vec<&str>> = cues!("names/boiler-roles");

/// Tokens naming an article body.
static CONTENT_TOKENS: LazyLock<Vec<&str>> = cues!("names/content-tokens");

/// Words inside a comment that mark its author/date/reply chrome.
static CHROME_WORDS: LazyLock<Vec<&str>> = cues!("names/chrome-words");

/// Words that mark the text of a comment, overriding chrome words on the same element.
static TEXT_WORDS: LazyLock<Vec<&str>> = cues!("names/text-words");

/// One automaton for all of [`BOILER_SUBSTRINGS`]: every element with a class is tested, and
/// sixty `str::contains` per token were a fifth of the cleaner's time.
static BOILER_MATCHER: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(&*BOILER_SUBSTRINGS).expect("plain strings"));

/// The [`CONTENT_TOKENS`] long enough to count inside a longer token (`c-entry-content-wrap`).
static CONTENT_MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(CONTENT_TOKENS.iter().filter(|c| c.len() > 8)).expect("plain strings")
});

/// The names of one element.
pub(crate) struct Names {
    /// `id` and `class` tokens, lower-cased.
    tokens: Vec<String>,
    role: String,
    itemprop: String,
    /// [`Names::is_content`], asked of each element by several of the other answers.
    content: OnceCell<bool>,
}

impl Names {
    /// Reads the names of `el`.
    pub(crate) fn of(el: &Element) -> Names {
        // One pass over the attributes: `Element::attr` scans them all for each name, and
        // this runs for every element of every page.
        let (mut id, mut class, mut role, mut itemprop) = ("", "", "", "");
        for (name, value) in el.attrs() {
            match name {
                "id" => id = value,
                "class" => class = value,
                "role" => role = value,
                "itemprop" => itemprop = value,
                _ => {}
            }
        }
        let tokens = id
            .split_whitespace()
            .chain(class.split_whitespace())
            .map(str::to_ascii_lowercase)
            .collect();
        Names {
            tokens,
            role: role.to_ascii_lowercase(),
            itemprop: itemprop.to_ascii_lowercase(),
            content: OnceCell::new(),
        }
    }

    /// The `itemprop`, lower-cased ("" when there is none).
    pub(crate) fn itemprop(&self) -> &str {
        &self.itemprop
    }

    fn words(&self) -> impl Iterator<Item = &str> {
        self.tokens
            .iter()
            .flat_map(|t| t.split(|c: char| !c.is_ascii_alphanumeric()))
            .filter(|w| !w.is_empty())
    }

    /// Named like navigation, ads, share bars, related stories, newsletter or cookie boxes.
    pub(crate) fn is_boilerplate(&self) -> bool {
        if BOILER_ROLES.contains(&self.role.as_str()) || self.is_author_bio() {
            return true;
        }
        // The description of the page's item is its standfirst, which news templates name
        // after the teaser it also is (`div.teaser-text[itemprop=description]`).
        if self.is_content() || self.itemprop == "description" {
            return false;
        }
        self.tokens
            .iter()
            .any(|t| boiler_token(t) || comments_elsewhere(t))
            || self.words().any(|w| BOILER_WORDS.contains(&w))
    }

    /// Named like furniture only by the word `header` (`entry-header`, `article__header`):
    /// inside an article, the article's own header, which holds its headline, standfirst,
    /// byline and date, rather than the site's.
    pub(crate) fn is_header_box(&self) -> bool {
        self.words().any(|w| w == "header")
            && !BOILER_ROLES.contains(&self.role.as_str())
            && !self.is_author_bio()
            && !self
                .tokens
                .iter()
                .any(|t| boiler_token(t) || comments_elsewhere(t))
            && self
                .words()
                .all(|w| w == "header" || !BOILER_WORDS.contains(&w))
    }

    /// Named like furniture only by the word `teaser` (`article-teaser`, `teaser-text`): after
    /// the headline, the standfirst, which news templates name after the teaser it also is.
    pub(crate) fn is_teaser_box(&self) -> bool {
        let teaser_only = |t: &String| {
            BOILER_MATCHER
                .find_iter(t.as_str())
                .all(|m| &t[m.start()..m.end()] == "teaser")
        };
        self.tokens.iter().any(|t| t.contains("teaser"))
            && self.tokens.iter().all(teaser_only)
            && !BOILER_ROLES.contains(&self.role.as_str())
            && !self.is_author_bio()
            && !self.tokens.iter().any(|t| comments_elsewhere(t))
            && !self.words().any(|w| BOILER_WORDS.contains(&w))
    }

    /// Named like the box about the author after a post (`author-bio`, `about-author`,
    /// `author-profile`): a blurb, however long, that never wraps the article.
    pub(crate) fn is_author_bio(&self) -> bool {
        static ABOUT: LazyLock<Vec<&str>> = cues!("names/author-bio-words");
        self.tokens.iter().any(|t| {
            // The WordPress "Simple Author Box" plugin's prefix.
            t.starts_with("sabox")
                || t.match_indices("author").any(|(i, _)| {
                    let (before, after) = (&t[..i], &t[i + "author".len()..]);
                    ABOUT
                        .iter()
                        .any(|a| after.contains(a) || before.contains(a))
                })
        })
    }

    /// Named like a box whose headings are not the page's headline: a menu, sidebar, teaser
    /// or dialog. Whole words only, and no header words: the headline of a post sits in its
    /// `entry-header`, and layout names like `has-sidebar` on wrappers say nothing.
    pub(crate) fn is_heading_furniture(&self) -> bool {
        BOILER_ROLES.contains(&self.role.as_str())
            || (!self.is_content() && self.words().any(|w| HEADING_FURNITURE.contains(&w)))
    }

    /// Named like a box beside a post (menu, sidebar, teaser) whose bylines are other posts':
    /// [`Names::is_heading_furniture`] but for `footer`, where posts keep their own byline
    /// (`post-footer`).
    pub(crate) fn is_side_box(&self) -> bool {
        BOILER_ROLES.contains(&self.role.as_str())
            || (!self.is_content()
                && self
                    .words()
                    .any(|w| w != "footer" && HEADING_FURNITURE.contains(&w)))
    }

    /// Named like a post of a blog or the article itself (microformat `hentry`,
    /// `itemprop=blogPost`).
    pub(crate) fn is_post(&self) -> bool {
        matches!(self.itemprop.as_str(), "blogpost" | "articlebody")
            || self.tokens.iter().any(|t| t == "hentry")
    }

    /// Named like the site's logo or name, which themes often set in an `h1`.
    pub(crate) fn is_logo(&self) -> bool {
        static TOKENS: LazyLock<Vec<&str>> = cues!("names/logo-tokens");
        self.words().any(|w| w == "logo")
            || self.tokens.iter().any(|t| TOKENS.contains(&t.as_str()))
    }

    /// Named like the article body.
    pub(crate) fn is_content(&self) -> bool {
        *self.content.get_or_init(|| {
            self.itemprop == "articlebody"
                || self.role == "main"
                || self
                    .tokens
                    .iter()
                    .any(|t| CONTENT_TOKENS.contains(&t.as_str()) || CONTENT_MATCHER.is_match(t))
        })
    }

    /// Named like the text of one post rather than a card or section that may hold a teaser.
    pub(crate) fn is_post_text(&self) -> bool {
        self.itemprop == "articlebody"
            || self.tokens.iter().any(|t| {
                t != "article" && t != "main-content" && CONTENT_TOKENS.contains(&t.as_str())
            })
    }

    /// Named like a reader-comment thread (WordPress `#comments`, Disqus, …).
    pub(crate) fn is_comment_region(&self, tag: &str) -> bool {
        if matches!(tag, "html" | "body" | "main" | "a" | "span") {
            return false;
        }
        self.tokens.iter().any(|t| comment_region_token(t))
    }

    /// Named like one comment within a thread.
    pub(crate) fn is_comment_item(&self, tag: &str) -> bool {
        if !matches!(
            tag,
            "li" | "article" | "div" | "dl" | "dt" | "table" | "section"
        ) {
            return false;
        }
        static ITEMS: LazyLock<Vec<&str>> = cues!("names/comment-item-tokens");
        self.tokens
            .iter()
            .any(|t| ITEMS.contains(&t.as_str()) || numbered_comment_id(t))
            || self.itemprop == "comment"
    }

    /// Inside a comment: the author, date, avatar, reply-link part.
    pub(crate) fn is_comment_chrome(&self, tag: &str) -> bool {
        if self.words().any(|w| TEXT_WORDS.contains(&w)) {
            return false;
        }
        matches!(
            tag,
            "cite" | "time" | "header" | "footer" | "img" | "figure"
        ) || self.words().any(|w| CHROME_WORDS.contains(&w))
    }

    /// Named like a byline (`rel=author` is handled by the caller).
    pub(crate) fn is_byline(&self) -> bool {
        static NAME: LazyLock<Vec<&str>> = cues!("names/byline-tokens");
        static NOT_A_NAME: LazyLock<Vec<&str>> = cues!("names/byline-exclusions");
        self.words().any(|w| NAME.contains(&w))
            && !self.words().any(|w| NOT_A_NAME.contains(&w))
            && !self
                .tokens
                .iter()
                .any(|t| t.contains("author-info") || t.contains("authorinfo"))
    }

    /// Named like a date line: `post-date`, `entry-meta`, `datum`, `posted-on`, `timestamp`,
    /// `news-single-timedata`.
    pub(crate) fn is_dated(&self) -> bool {
        static WORDS: LazyLock<Vec<&str>> = cues!("names/date-tokens");
        static NOT_DATES: LazyLock<Vec<&str>> = cues!("names/not-date-tokens");
        self.tokens.iter().any(|t| {
            (t.contains("date") && !NOT_DATES.iter().any(|x| t.contains(x)))
                || t.contains("datum")
                || t.contains("info")
        }) || self.words().any(|w| WORDS.contains(&w))
    }

    /// Named like the date of a revision rather than of publication.
    pub(crate) fn is_modified(&self) -> bool {
        // WordPress marks a never-edited post's date "published updated".
        let published = self.tokens.iter().any(|t| t.contains("publish"));
        self.itemprop == "datemodified"
            || (!published
                && self
                    .tokens
                    .iter()
                    .any(|t| t.contains("update") || t.contains("modified")))
    }

    /// Named like the kicker above a news headline ("Dachzeile", "overline", "eyebrow").
    pub(crate) fn is_kicker(&self) -> bool {
        static KICKER: LazyLock<Vec<&str>> = cues!("names/kicker-tokens");
        self.words().any(|w| KICKER.contains(&w))
    }

    /// Named like a label or small print set before a headline ("subtitle", "label", "topic").
    pub(crate) fn is_small_print(&self) -> bool {
        static SMALL: LazyLock<Vec<&str>> = cues!("names/small-print-tokens");
        self.is_kicker() || self.words().any(|w| SMALL.contains(&w))
    }

    /// Text meant for screen readers only, such as the ": " between a kicker and a headline.
    pub(crate) fn is_screen_reader_only(&self) -> bool {
        static TOKENS: LazyLock<Vec<&str>> = cues!("names/screen-reader-tokens");
        self.tokens.iter().any(|t| TOKENS.contains(&t.as_str()))
    }

    /// Named as a template that a script copies and fills in (`comment-template`, `tmpl-reply`):
    /// its text is placeholder chrome ("posted just now"), never shown as it stands.
    pub(crate) fn is_template(&self) -> bool {
        static TEMPLATE_WORDS: LazyLock<Vec<&str>> = cues!("names/template-words");
        // WordPress themes name the rendered thread after `comments_template()`, the call
        // that prints it.
        static THREAD: LazyLock<Vec<&str>> = cues!("names/thread-template-tokens");
        self.tokens.iter().all(|t| !THREAD.contains(&t.as_str()))
            && self.words().any(|w| TEMPLATE_WORDS.contains(&w))
    }

    /// Named as hidden until a script shows it (`hiddenBox`, `hide`).
    pub(crate) fn is_hidden_state(&self) -> bool {
        static HIDDEN: LazyLock<Vec<&str>> = cues!("names/hidden-words");
        self.words().any(|w| HIDDEN.contains(&w))
    }

    /// The comment form (WordPress `#respond`), which holds no comment text.
    pub(crate) fn is_comment_form(&self) -> bool {
        static FORM: LazyLock<Vec<&str>> = cues!("names/comment-form-tokens");
        self.tokens.iter().any(|t| FORM.contains(&t.as_str()))
    }
}

/// Whether a token names a comment thread: it contains "comment" (but not "commentary"), or
/// names Disqus; tokens that only describe a state ("comments-open") or a count do not.
fn comment_region_token(t: &str) -> bool {
    if t.contains("disqus") || t.starts_with("dsq-") {
        return true;
    }
    if !t.contains("comment") || t.contains("commentar") || t.contains("commentator") {
        return false;
    }
    static STATE: LazyLock<Vec<&str>> = cues!("names/comment-state-prefixes");
    static COUNT: LazyLock<Vec<&str>> = cues!("names/comment-count-tokens");
    !(STATE.iter().any(|p| t.starts_with(p)) || COUNT.iter().any(|s| t.ends_with(s)))
}

/// Whether a token holds one of [`BOILER_SUBSTRINGS`] as a name, not inside a word that
/// means something else: a Drupal `node--promoted` is the article promoted to the front page,
/// and every block of an Elementor page is an `elementor-widget` (its kind follows, and is
/// tested on its own: `elementor-widget-share-buttons`).
fn boiler_token(t: &str) -> bool {
    BOILER_MATCHER.find_iter(t).any(|m| {
        let (before, after) = (&t[..m.start()], &t[m.end()..]);
        let part = &t[m.start()..m.end()];
        !(part == "promo" && after.starts_with("ted")
            || part == "widget" && before.starts_with("elementor"))
    })
}

/// A sidebar list of comments on other pages (`recentcomments`, `most-commented`): still a
/// comment region, so its entries stay out of the article, but a box, so they are not this
/// page's thread.
fn comments_elsewhere(t: &str) -> bool {
    static ELSEWHERE: LazyLock<Vec<&str>> = cues!("names/comments-elsewhere-words");
    t.contains("comment") && ELSEWHERE.iter().any(|w| t.contains(w))
}

/// `comment-123`, `li-comment-123`, `dsq-comment-123`, `comment_123`.
fn numbered_comment_id(t: &str) -> bool {
    let digits = t.trim_end_matches(|c: char| c.is_ascii_digit());
    digits.len() < t.len() && digits.trim_end_matches(['-', '_']).ends_with("comment")
}

#[cfg(test)]
mod tests {
    use super::boiler_token;

    #[test]
    fn boilerplate_names_inside_other_words_do_not_count() {
        for t in [
            "node--promoted",
            "elementor-widget-container",
            "elementor-widget-text-editor",
        ] {
            assert!(!boiler_token(t), "{t}");
        }
        for t in [
            "promo-box",
            "sidebar-widget",
            "elementor-widget-share-buttons",
        ] {
            assert!(boiler_token(t), "{t}");
        }
    }
}
