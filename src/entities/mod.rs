//! Entities: finds the actors and places of an article and gives each a canonical name.
//!
//! In: an article's texts (title, body paragraphs, comments). Out: for each text its mentions
//! (character offsets, label, canonical name), and the article's actors and places.

mod canonical;
mod extract;
mod gazetteer;
mod lexicon;
mod tokens;

use crate::ner;
use canonical::{Evidence, People, Text};
use extract::Kind;
use gazetteer::GAZETTEER;
use serde::Serialize;
use std::collections::HashSet;
use std::sync::LazyLock;
use tokens::{tokenize, Token};

/// The kind of a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// A person.
    Person,
    /// A company, agency, party, newspaper, armed group.
    Organization,
    /// A country, region, city, district, village.
    Place,
    /// Anything else with a name (events, nationalities used as adjectives).
    Misc,
}

/// One mention of an actor or place in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Start, in characters (Unicode scalars) from the start of the text.
    pub start: usize,
    /// End (exclusive), in characters.
    pub end: usize,
    /// What it is.
    pub label: Label,
    /// Canonical name ("Sergei Lavrov" for "Lavrov", "Syria" for "Syrian").
    pub name: String,
    /// True when the mention acts (people, organisations, countries and groups in an acting role).
    pub actor: bool,
    /// True when the mention is a place.
    pub place: bool,
}

/// A place resolved against the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// Canonical name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// The mentions found in each text of one document, with names made canonical across the document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocEntities {
    /// Mentions per input text, in the order the texts were given.
    pub mentions: Vec<Vec<Mention>>,
    /// Places of the document, resolved, de-duplicated.
    pub places: Vec<Place>,
}

/// Finds actors and places. Build once, share between threads.
#[derive(Debug, Default)]
pub struct Recognizer {}

impl Recognizer {
    /// Builds the recognizer; its gazetteers are built once per process, here or on first use.
    pub fn new() -> Recognizer {
        LazyLock::force(&GAZETTEER);
        Recognizer {}
    }

    /// Finds the mentions in the texts of one document (title, paragraphs, comments in order).
    pub fn document(&self, texts: &[&str]) -> DocEntities {
        let ner = ner::Model::builtin();
        let mut doc: Vec<Text> = texts
            .iter()
            .map(|text| {
                let tokens = tokenize(text);
                let headline = is_headline(&tokens);
                let cands = match (headline, ner) {
                    (true, _) => Vec::new(),
                    (false, Some(model)) => extract::from_ner(&tokens, &model.find(text)),
                    (false, None) => extract::extract(&tokens),
                };
                Text {
                    tokens,
                    headline,
                    cands,
                }
            })
            .collect();
        let people = People::collect(&doc);
        let mut known: HashSet<String> = people.keys().cloned().collect();
        for c in doc.iter().flat_map(|t| &t.cands) {
            if let Kind::Org(name) = &c.kind {
                known.insert(name.clone());
            }
        }
        for text in doc.iter_mut().filter(|t| t.headline) {
            text.cands = extract::extract_headline(&text.tokens, &known);
        }
        let evidence = Evidence::collect(&doc);
        canonical::finish(&doc, &people, &evidence)
    }

    /// Finds the mentions in a single text.
    pub fn text(&self, text: &str) -> Vec<Mention> {
        self.document(&[text])
            .mentions
            .into_iter()
            .next()
            .unwrap_or_default()
    }
}

/// True for a text in title case ("Rebels Say Iran Broke Truce"): most of its longer words after
/// the first are capitalised.
fn is_headline(tokens: &[Token]) -> bool {
    let long: Vec<&Token> = tokens
        .iter()
        .skip(1)
        .filter(|t| t.word && t.text.chars().count() >= 4)
        .collect();
    let caps = long.iter().filter(|t| t.cap()).count();
    long.len() >= 3 && caps * 10 >= long.len() * 7
}

/// Canonical actor names of a list of mentions, de-duplicated, in first-seen order.
pub fn actors(mentions: &[Mention]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in mentions.iter().filter(|m| m.actor) {
        if !out.contains(&m.name) {
            out.push(m.name.clone());
        }
    }
    out
}

/// Canonical place names of a list of mentions, de-duplicated, in first-seen order.
pub fn places(mentions: &[Mention]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in mentions.iter().filter(|m| m.place) {
        if !out.contains(&m.name) {
            out.push(m.name.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The seed article as [title, paragraphs...], or `None` (with a message) when ../shared is absent.
    fn seed() -> Option<Vec<String>> {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/000_94247b07ada20bb3.txt");
        match std::fs::read_to_string(&path) {
            Ok(text) => Some(
                text.split("\n\n")
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect(),
            ),
            Err(_) => {
                println!("skipped: seed page {} not found", path.display());
                None
            }
        }
    }

    #[test]
    fn debug_seed() {
        let Some(paras) = seed() else { return };
        let texts: Vec<&str> = paras.iter().map(String::as_str).collect();
        let doc = Recognizer::new().document(&texts);
        for (t, ms) in texts.iter().zip(&doc.mentions) {
            let chars: Vec<char> = t.chars().collect();
            for m in ms {
                let s: String = chars[m.start..m.end].iter().collect();
                println!(
                    "{s:?} -> {:?} {:?} actor={} place={}",
                    m.label, m.name, m.actor, m.place
                );
            }
        }
        println!("{:?}", doc.places);
    }
}
