//! Entities: finds the actors and places of an article and gives each a canonical name.
//!
//! In: an article's texts (title, body paragraphs, comments). Out: for each text its mentions
//! (character offsets, label, canonical name), and the article's actors and places.
//!
//! Names come from the trained NER ([`crate::ner`]) when a model is built in, else from
//! capitalised sequences classified by cues (`extract`). With the model, its spans come first and
//! the rules only fill in, outside its spans, what it is weak at: countries heading a hyphenated
//! word ("Iranian-backed"), groups under a lower-case noun ("the rebels said"), and surnames or
//! first names of people the document names in full. Town names that are common words used as
//! such ("the Mobile unit") are dropped from the model's places. Either way the gazetteers
//! (`gazetteer`: keshvar countries and subdivisions, GeoNames cities) resolve countries,
//! demonyms and places, and `canonical` gives each mention one name across the document: a
//! shorter name takes the longer one of the same kind it starts or ends ("Commission" ->
//! "European Commission"), a name in capitals the gazetteer's form ("KARACHI" -> "Karachi").
//! Without the model, a title-case headline is read only for countries, well-known places and
//! names the body uses.
//!
//! Actors and places:
//! - people, organisations and groups are actors; cities, subdivisions, districts are places;
//! - a country is an actor when it acts ("Russia said", "Iran, which...", "Iran's", "by Iran",
//!   "Iranian-backed") and a place otherwise ("in Syria", "the regional power Iran");
//! - a demonym makes its country an actor before a state noun or title ("Russian foreign
//!   minister", "Syrian army"), a place before a place noun ("Syrian city of Aleppo"), and
//!   neither elsewhere; a nation's people ("Russians") are its actor;
//! - a demonym before a non-state group noun names the group, not the state: "Syrian rebels" is
//!   an organisation actor of that name, and Syria is not made an actor by it; a bare group
//!   acting ("the rebels said") is that group when the document names it, else "rebels";
//! - a place phrase with a place noun ("Ansari district") is a place mention; it is listed in
//!   [`DocEntities::places`] only when its name resolves in the gazetteer.

pub use protocol::{protocol, ProtocolError};

mod canonical;
mod extract;
pub(crate) mod lexicon;
mod protocol;
mod tokens;

use crate::gazetteer::GAZETTEER;
use crate::ner;
use canonical::{Evidence, People, Text};
use extract::Kind;
use serde::Serialize;
use std::collections::HashSet;
use std::sync::LazyLock;
use tokens::Token;

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

/// Characters of a document that recognition reads. A long article has 50,000; recognition
/// takes up to a few hundred bytes of memory per character, so without a bound a hostile page
/// of megabytes of names would take gigabytes.
pub const MAX_CHARS: usize = 500_000;

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
    /// Only the first [`MAX_CHARS`] characters are read; texts past them get no mentions.
    pub fn document(&self, texts: &[&str]) -> DocEntities {
        let ner = ner::Model::builtin();
        let mut budget = MAX_CHARS;
        let texts: Vec<&str> = texts
            .iter()
            .map(|text| {
                let read = match text.char_indices().nth(budget) {
                    Some((end, _)) => &text[..end],
                    None => text,
                };
                budget -= read.chars().count();
                read
            })
            .collect();
        let mut doc: Vec<Text> = texts
            .iter()
            .map(|text| {
                // One cutting for the recogniser and the rules.
                let sentences = ner::tokenize::sentences(text);
                let tokens = tokens::from_sentences(text, &sentences);
                let headline = is_headline(&tokens);
                let found = |model: &ner::Model| model.find_in(text, &sentences);
                // The trained model learned headlines (all caps, title case) too; the rules did not.
                let (cands, rules) = match (headline, ner) {
                    (true, Some(model)) => (extract::from_ner(&tokens, &found(model)), vec![]),
                    (false, Some(model)) => (
                        extract::from_ner(&tokens, &found(model)),
                        extract::extract(&tokens),
                    ),
                    (true, None) => (Vec::new(), Vec::new()),
                    (false, None) => (extract::extract(&tokens), Vec::new()),
                };
                Text {
                    tokens,
                    headline,
                    cands,
                    rules,
                }
            })
            .collect();
        let people = People::collect(&doc);
        for text in &mut doc {
            let rules = std::mem::take(&mut text.rules);
            extract::beside_ner(&text.tokens, &mut text.cands, rules, |w| {
                people.full(w).is_some()
            });
        }
        let mut known: HashSet<String> = people.keys().cloned().collect();
        for c in doc.iter().flat_map(|t| &t.cands) {
            if let Kind::Org(name) = &c.kind {
                known.insert(name.clone());
            }
        }
        for text in doc.iter_mut().filter(|t| t.headline && ner.is_none()) {
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

/// True for a text in title case ("Rebels Say Iran Broke Truce") or in capitals: most of its
/// longer words after the first are capitalised, common words among them.
fn is_headline(tokens: &[Token]) -> bool {
    let words = || tokens.iter().filter(|t| t.word);
    let shouting = words().all(|t| !t.text.chars().any(char::is_lowercase));
    if shouting && words().any(|t| t.text.chars().filter(|c| c.is_alphabetic()).count() >= 2) {
        return true;
    }
    let long: Vec<&Token> = tokens
        .iter()
        .skip(1)
        .filter(|t| t.word && t.text.chars().count() >= 4)
        .collect();
    let caps = long.iter().filter(|t| t.cap()).count();
    // A list of names ("Tim Henman (Britain) beat Doug Flach") is capitalised too; a headline
    // also capitalises common words and verbs.
    let common = tokens
        .iter()
        .filter(|t| t.word && t.cap() && !t.sent_start)
        .filter(|t| lexicon::is(&t.lower, lexicon::COMMON | lexicon::VERB | lexicon::AUX))
        .count();
    long.len() >= 3 && caps * 10 >= long.len() * 7 && common >= 2
}

/// Canonical actor names of a list of mentions, de-duplicated, in first-seen order.
pub fn actors(mentions: &[Mention]) -> Vec<String> {
    distinct_names(mentions.iter().filter(|m| m.actor))
}

/// The names of `mentions`, each once, in first-seen order. A set, not a scan of the list so
/// far: a page can name tens of thousands of people.
fn distinct_names<'a>(mentions: impl Iterator<Item = &'a Mention>) -> Vec<String> {
    let mut seen = HashSet::new();
    mentions
        .filter(|m| seen.insert(m.name.as_str()))
        .map(|m| m.name.clone())
        .collect()
}

/// Canonical place names of a list of mentions, de-duplicated, in first-seen order.
pub fn places(mentions: &[Mention]) -> Vec<String> {
    distinct_names(mentions.iter().filter(|m| m.place))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_past_the_budget_get_no_mentions() {
        let filler = "and then ".repeat(MAX_CHARS / 9 + 1);
        let texts = [
            "Sergei Lavrov spoke in Moscow.",
            &filler,
            "Angela Merkel spoke in Berlin.",
        ];
        let found = Recognizer::new().document(&texts);
        assert_eq!(found.mentions.len(), 3, "one list per text");
        assert!(!found.mentions[0].is_empty());
        assert!(found.mentions[2].is_empty(), "{:?}", found.mentions[2]);
    }
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
        let d = doc(&["U.S. Secretary of State John Kerry met Australian Tom Moody."]);
        let names: Vec<(Label, String)> = all(&d).into_iter().map(|m| (m.label, m.name)).collect();
        let want = [
            (Label::Place, "United States"),
            (Label::Person, "John Kerry"),
            (Label::Misc, "Australia"),
            (Label::Person, "Tom Moody"),
        ];
        assert_eq!(names, want.map(|(l, n)| (l, n.to_string())));
    }

    #[test]
    fn short_and_shouted_names_take_the_documents_full_form() {
        let texts = [
            "KARACHI (Example Wire) — The European Commission fined Corvane Systems on Tuesday, \
             union leader Marieke Dijkstra said.",
            "The Commission said Corvane had abused its position. Dijkstra welcomed the fine \
             in Karachi.",
            "(Reporting by Example Wire Karachi bureau; Editing by Tom Ashdown)",
        ];
        let d = doc(&texts);
        let named = |surface_text: &str| -> Vec<String> {
            texts
                .iter()
                .zip(&d.mentions)
                .flat_map(|(text, ms)| {
                    ms.iter()
                        .filter(|m| surface(text, m) == surface_text)
                        .map(|m| m.name.clone())
                })
                .collect()
        };
        assert_eq!(named("KARACHI"), ["Karachi"]);
        // The model may read the article as part of the name.
        let commission = [named("Commission"), named("The Commission")].concat();
        assert_eq!(commission, ["European Commission"]);
        assert_eq!(named("Corvane"), ["Corvane Systems"]);
        assert_eq!(named("Dijkstra"), ["Marieke Dijkstra"]);
        let actors = actors(&all(&d));
        assert!(actors.contains(&"Example Wire".to_string()), "{actors:?}");
        assert!(actors.iter().all(|a| !a.contains("Karachi")), "{actors:?}");
    }

    #[test]
    fn common_words_are_not_places() {
        let text = "Police said the Mobile unit was Reading reports. Of course, March was busy. \
                    Reading is fun, and Police work is hard. A TV station said so.";
        let ms = Recognizer::new().text(text);
        assert!(ms.iter().all(|m| !m.place), "{ms:?}");
        assert!(ms.iter().all(|m| m.name != "TV"), "{ms:?}");
    }

    #[test]
    fn bare_group_is_the_group_named_before() {
        let d = doc(&[
            "Syrian rebels held the east of the city.",
            "On Monday the rebels said the truce was broken. Militants said nothing.",
        ]);
        let groups: Vec<(String, bool)> = all(&d)
            .into_iter()
            .filter(|m| m.label == Label::Organization)
            .map(|m| (m.name, m.actor))
            .collect();
        let want = [
            ("Syrian rebels", true),
            ("Syrian rebels", true),
            ("militants", true),
        ];
        assert_eq!(groups, want.map(|(n, a)| (n.to_string(), a)));
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
        // The sentence-initial "Résumé" may or may not be tagged misc; the point here is that
        // offsets count characters, so only the names after the accents are checked.
        for (s, l) in want {
            assert!(got.contains(&(s.to_string(), l)), "{s} missing in {got:?}");
        }
        let aleppo = ms.iter().find(|m| surface(text, m) == "Aleppo").unwrap();
        assert_eq!(
            aleppo.start,
            text.chars().position(|c| c == 'A').unwrap_or(0)
        );
    }

    #[test]
    fn odd_input_gives_no_panic_and_ordered_mentions() {
        let long = "President ".repeat(20_000) + &"Syrian Rebels ".repeat(20_000);
        let texts = [
            "",
            "-",
            "'s",
            "A.",
            "U.S.",
            "S. ",
            "Iran-",
            "-Iran",
            "Ansari's District",
            "\u{301}Ëe\u{301} É. Ü.S. — “”",
            "in Paris, Texas, Paris, Texas,",
            long.as_str(),
        ];
        let d = doc(&texts);
        assert_eq!(d.mentions.len(), texts.len());
        for (text, ms) in texts.iter().zip(&d.mentions) {
            let n = text.chars().count();
            for pair in ms.windows(2) {
                assert!(pair[0].end <= pair[1].start, "{pair:?}");
            }
            assert!(ms.iter().all(|m| m.start < m.end && m.end <= n));
        }
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
        let start = std::time::Instant::now();
        let r = Recognizer::new();
        println!("Recognizer::new (gazetteers): {:?}", start.elapsed());
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
