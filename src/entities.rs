//! Entities: finds the actors and places of an article and gives each a canonical name.
//!
//! In: an article's texts (title, body paragraphs, comments). Out: for each text its mentions
//! (character offsets, label, canonical name), and the article's actors and places.

use serde::Serialize;

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
    /// Builds the recognizer with its gazetteers.
    pub fn new() -> Recognizer {
        Recognizer {}
    }

    /// Finds the mentions in one text, taken as a whole document.
    pub fn text(&self, text: &str) -> Vec<Mention> {
        self.document(&[text]).mentions.pop().unwrap_or_default()
    }

    /// Finds the mentions in the texts of one document (title, paragraphs, comments in order).
    pub fn document(&self, texts: &[&str]) -> DocEntities {
        DocEntities {
            mentions: texts.iter().map(|_| Vec::new()).collect(),
            places: Vec::new(),
        }
    }
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
