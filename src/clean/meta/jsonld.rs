//! What a page's JSON-LD says about its article.

use super::author::clean_author;
use crate::clean::cues::cues;
use crate::clean::html::unescape;
use crate::clean::normalize_space;
use serde_json::Value;
use std::sync::LazyLock;

/// JSON-LD `@type`s that describe the article itself.
static ARTICLE_TYPES: LazyLock<Vec<&str>> = cues!("jsonld/article-types");

/// JSON-LD `@type`s of the page's own content that are no article: they date the page and
/// name its author, but their `name` is often shorter than the headline.
static CONTENT_TYPES: LazyLock<Vec<&str>> = cues!("jsonld/content-types");

/// JSON-LD `@type`s whose author is the page's, though their name and date are not its
/// headline and date: a forum thread's opening post.
static CREDITED_TYPES: LazyLock<Vec<&str>> = cues!("jsonld/credited-types");

/// What the page's JSON-LD says about the article.
#[derive(Debug, Default)]
pub(crate) struct JsonLd {
    pub(super) headline: Option<String>,
    pub(super) date_published: Option<String>,
    /// `dateModified`: the last edit, a last resort for pages that give no publication date.
    pub(super) date_modified: Option<String>,
    pub(super) authors: Vec<String>,
    pub(super) url: Option<String>,
    /// Names of the publisher and of the WebSite.
    pub(super) site_names: Vec<String>,
    /// The articles' author values, kept until all objects are read: they may only refer to
    /// a Person elsewhere in the graph by `@id`.
    author_values: Vec<Value>,
}

impl JsonLd {
    /// Reads the article object(s) out of JSON-LD scripts; unreadable scripts are ignored.
    pub(super) fn parse(scripts: &[String]) -> JsonLd {
        let mut out = JsonLd::default();
        // Names of the objects that carry an `@id`, for authors given by reference.
        let mut named: Vec<(String, String)> = Vec::new();
        for script in scripts {
            let Ok(value) = serde_json::from_str::<Value>(script.trim()) else {
                continue;
            };
            // Objects can sit in arrays and in "@graph"; walk them with a stack, not recursion.
            let mut stack = vec![&value];
            while let Some(v) = stack.pop() {
                match v {
                    Value::Array(items) => stack.extend(items.iter().rev()),
                    Value::Object(map) => {
                        if let Some(graph) = map.get("@graph") {
                            stack.push(graph);
                        }
                        if is_article(map.get("@type")) {
                            out.take_article(map, true);
                        } else if has_type(map.get("@type"), &CONTENT_TYPES) {
                            out.take_article(map, false);
                        } else if has_type(map.get("@type"), &CREDITED_TYPES) {
                            if let Some(author) = map.get("author") {
                                out.author_values.push(author.clone());
                            }
                        }
                        if let (Some(Value::String(id)), Some(Value::String(name))) =
                            (map.get("@id"), map.get("name"))
                        {
                            named.push((id.clone(), name.clone()));
                        }
                        // Personal sites publish as a Person (typed both Person and
                        // Organization by some plugins): that is the author's name.
                        if has_type(map.get("@type"), &["website", "organization"])
                            && !has_type(map.get("@type"), &["person"])
                        {
                            out.site_names.extend(name_of(v));
                        }
                    }
                    _ => {}
                }
            }
        }
        out.authors = out
            .author_values
            .iter()
            .map(|a| person_names(a, &named))
            .find(|names| !names.is_empty())
            .unwrap_or_default();
        out
    }

    /// Takes what an article object says; its headline only when `headline` is set.
    fn take_article(&mut self, map: &serde_json::Map<String, Value>, headline: bool) {
        let text = |key: &str| {
            map.get(key)
                .and_then(Value::as_str)
                .map(|s| normalize_space(&unescape(s)))
                .filter(|s| !s.is_empty())
        };
        if headline && self.headline.is_none() {
            self.headline = text("headline").or_else(|| text("name"));
        }
        if self.date_published.is_none() {
            self.date_published = text("datePublished").or_else(|| text("dateCreated"));
        }
        if self.date_modified.is_none() {
            self.date_modified = text("dateModified");
        }
        if self.url.is_none() {
            self.url = text("url").or_else(|| text("mainEntityOfPage"));
        }
        if let Some(publisher) = map.get("publisher") {
            let person = publisher
                .as_object()
                .is_some_and(|p| has_type(p.get("@type"), &["person"]));
            if !person {
                self.site_names.extend(name_of(publisher));
            }
        }
        if let Some(author) = map.get("author").or_else(|| map.get("creator")) {
            self.author_values.push(author.clone());
        }
    }
}

fn is_article(ty: Option<&Value>) -> bool {
    has_type(ty, &ARTICLE_TYPES)
}

/// Whether a JSON-LD `@type` is one of `types` (lower-case).
fn has_type(ty: Option<&Value>, types: &[&str]) -> bool {
    let matches = |s: &str| types.contains(&s.to_ascii_lowercase().as_str());
    match ty {
        Some(Value::String(s)) => matches(s),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).any(matches),
        _ => false,
    }
}

/// The `name` of a JSON-LD object, or the string itself.
fn name_of(v: &Value) -> Option<String> {
    let name = match v {
        Value::String(s) => s.as_str(),
        Value::Object(m) => m.get("name").and_then(Value::as_str)?,
        _ => return None,
    };
    Some(normalize_space(&unescape(name))).filter(|n| !n.is_empty())
}

/// Names from a JSON-LD author value: a string, a Person object, or a list of either. Yoast
/// and other graph builders give the Person by reference (`{"@id": "…#/schema/person/…"}`):
/// its name is looked up in `named`.
fn person_names(v: &Value, named: &[(String, String)]) -> Vec<String> {
    let by_ref = |m: &serde_json::Map<String, Value>| {
        let id = m.get("@id").and_then(Value::as_str)?;
        named.iter().find(|(i, _)| i == id).map(|(_, n)| n.as_str())
    };
    let one = |v: &Value| match v {
        Value::String(s) => clean_author(&unescape(s)),
        Value::Object(m) => m
            .get("name")
            .and_then(Value::as_str)
            .or_else(|| by_ref(m))
            .and_then(|s| clean_author(&unescape(s))),
        _ => None,
    };
    match v {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    }
}
