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

    fn doc(texts: &[&str]) -> DocEntities {
        Recognizer::new().document(texts)
    }

    /// The text a mention covers, cut by its character offsets.
    fn surface(text: &str, m: &Mention) -> String {
        text.chars().skip(m.start).take(m.end - m.start).collect()
    }

    fn all(doc: &DocEntities) -> Vec<Mention> {
        doc.mentions.iter().flatten().cloned().collect()
    }

    #[test]
    fn seed_actors_and_places() {
        let Some(paras) = seed() else { return };
        let mut texts: Vec<&str> = paras.iter().map(String::as_str).collect();
        texts.push("Lavrov denied the claim on Thursday.");
        let doc = doc(&texts);
        let mentions = all(&doc);
        let actors = actors(&mentions);
        for a in ["Iran", "Russia", "Sergei Lavrov"] {
            assert!(
                actors.contains(&a.to_string()),
                "{a} missing from actors {actors:?}"
            );
        }
        assert!(places(&mentions).contains(&"Aleppo".to_string()));
        let aleppo = doc
            .places
            .iter()
            .find(|p| p.name == "Aleppo")
            .expect("Aleppo resolved");
        assert_eq!(aleppo.country, "SY");
        assert!((aleppo.lat - 36.2).abs() < 0.5 && (aleppo.lon - 37.16).abs() < 0.5);
        let last = doc.mentions.last().expect("one list per text");
        assert_eq!(last.len(), 1, "{last:?}");
        assert_eq!(
            (last[0].label, last[0].name.as_str()),
            (Label::Person, "Sergei Lavrov")
        );
        assert_eq!(doc.mentions.len(), texts.len());
    }

    #[test]
    fn demonyms_name_their_country() {
        let text = "Syrian troops and Iranian-backed militias fought as the Russians watched.";
        let ms = Recognizer::new().text(text);
        let named: Vec<(String, &str, bool)> = ms
            .iter()
            .map(|m| (surface(text, m), m.name.as_str(), m.actor))
            .collect();
        assert_eq!(
            named,
            [
                ("Syrian".to_string(), "Syria", true),
                ("Iranian".to_string(), "Iran", true),
                ("Russians".to_string(), "Russia", true)
            ]
        );
    }

    #[test]
    fn us_and_uk_aliases() {
        let text = "The U.S. and the US, the United States, America and American diplomats met \
                    officials from the UK, Britain and British envoys.";
        let names: Vec<String> = Recognizer::new()
            .text(text)
            .into_iter()
            .map(|m| m.name)
            .collect();
        let us = vec!["United States".to_string(); 5];
        let uk = vec!["United Kingdom".to_string(); 3];
        assert_eq!(names, [us, uk].concat());
    }

    #[test]
    fn paris_next_to_texas_is_in_the_us() {
        let texas = doc(&["The rodeo in Paris, Texas, drew crowds from across Texas."]);
        let paris = texas
            .places
            .iter()
            .find(|p| p.name == "Paris")
            .expect("Paris resolved");
        assert_eq!(paris.country, "US");
        assert!((paris.lat - 33.66).abs() < 0.1, "{paris:?}");
        let france = doc(&["She flew to Paris on Monday."]);
        let paris = france
            .places
            .iter()
            .find(|p| p.name == "Paris")
            .expect("Paris resolved");
        assert_eq!(paris.country, "FR");
    }

    #[test]
    fn later_surname_is_the_person_named_before() {
        let d = doc(&[
            "Talks on the truce",
            "German chancellor Angela Merkel met reporters in Berlin.",
            "Later, Merkel said the talks had failed, and Angela agreed to meet again.",
        ]);
        let persons: Vec<String> = all(&d)
            .into_iter()
            .filter(|m| m.label == Label::Person)
            .map(|m| m.name)
            .collect();
        assert_eq!(persons, ["Angela Merkel"; 3]);
    }

    #[test]
    fn common_words_are_not_places() {
        let text = "Police said the Mobile unit was Reading reports. Of course, March was busy. \
                    Reading is fun, and Police work is hard.";
        let ms = Recognizer::new().text(text);
        assert!(ms.iter().all(|m| !m.place), "{ms:?}");
    }

    #[test]
    fn actor_and_place_roles_of_a_country() {
        let text = "Russia said the shelling in Syria had stopped.";
        let ms = Recognizer::new().text(text);
        let roles: Vec<(&str, bool, bool)> = ms
            .iter()
            .map(|m| (m.name.as_str(), m.actor, m.place))
            .collect();
        assert_eq!(roles, [("Russia", true, false), ("Syria", false, true)]);
        let text = "The Syrian city of Aleppo was shelled, the Russian defence ministry said.";
        let ms = Recognizer::new().text(text);
        let roles: Vec<(&str, bool, bool)> = ms
            .iter()
            .map(|m| (m.name.as_str(), m.actor, m.place))
            .collect();
        assert_eq!(
            roles,
            [
                ("Syria", false, true),
                ("Aleppo", false, true),
                ("Russia", true, false)
            ]
        );
    }

    #[test]
    fn offsets_are_characters_in_non_ascii_text() {
        let text = "Résumé — “Iran insisted,” said José Martí in Aleppo.";
        let ms = Recognizer::new().text(text);
        let got: Vec<(String, Label)> = ms.iter().map(|m| (surface(text, m), m.label)).collect();
        let want = [
            ("Iran", Label::Place),
            ("José Martí", Label::Person),
            ("Aleppo", Label::Place),
        ];
        assert_eq!(got, want.map(|(s, l)| (s.to_string(), l)));
        assert_eq!(
            ms[2].start,
            text.chars().position(|c| c == 'A').unwrap_or(0)
        );
    }

    #[test]
    fn recognizer_is_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Recognizer>();
        let r = Recognizer::new();
        std::thread::scope(|s| {
            let h = s.spawn(|| r.text("Iran said so."));
            assert_eq!(h.join().map(|m| m.len()).unwrap_or(0), 1);
        });
    }

    /// Speed of `document` on the seed page's paragraphs; run in release:
    /// `cargo test --release --lib entities::tests::speed -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn speed() {
        let Some(paras) = seed() else { return };
        let texts: Vec<&str> = paras.iter().map(String::as_str).collect();
        let r = Recognizer::new();
        let start = std::time::Instant::now();
        let rounds = 500;
        for _ in 0..rounds {
            std::hint::black_box(r.document(&texts));
        }
        let rate = (rounds * texts.len()) as f64 / start.elapsed().as_secs_f64();
        println!("{rate:.0} paragraphs/s");
        assert!(rate >= 2000.0, "{rate:.0} paragraphs/s");
    }
}
