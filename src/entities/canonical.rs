//! Canonical: turns the candidates of all texts of a document into mentions with one name each.
//!
//! In: the tokens and [`Cand`]idates of every text of a document. Out: [`Mention`]s per text and
//! the document's resolved [`Place`]s. A later "Lavrov" becomes the "Sergei Lavrov" named before
//! (or anywhere in the document), aliases and demonyms become one country name, and ambiguous
//! place names are decided by the other places of the document.

use super::extract::{Cand, Kind};
use super::lexicon::{self as lx, is};
use super::tokens::Token;
use super::{DocEntities, Label, Mention, Place};
use crate::gazetteer::{Context, Form, GAZETTEER};
use std::collections::{HashMap, HashSet};

/// One text of the document while it is being read.
#[derive(Debug)]
pub struct Text<'a> {
    /// Its tokens.
    pub tokens: Vec<Token<'a>>,
    /// True for a title-case headline, read only for names the rest of the document confirms.
    pub headline: bool,
    /// Its candidates.
    pub cands: Vec<Cand>,
    /// The rules' candidates, when the trained model gave `cands`: they fill in what it misses.
    pub rules: Vec<Cand>,
}

/// The full names of the document's people, by the words that may stand for them.
#[derive(Debug, Default)]
pub struct People {
    by_key: HashMap<String, String>,
}

impl People {
    /// Collects the people named with two or more words, in document order.
    pub fn collect(texts: &[Text]) -> People {
        let mut people = People::default();
        for c in texts.iter().flat_map(|t| &t.cands) {
            if let Kind::Person(name) = &c.kind {
                if name.contains(' ') {
                    people.add(name);
                }
            }
        }
        people
    }

    /// Registers `name` under itself, its first and last word, the last word without a name
    /// particle ("Assad" for "al-Assad") and its last two words. An earlier person keeps a key
    /// unless the new name extends the old one.
    fn add(&mut self, name: &str) {
        let words: Vec<&str> = name.split(' ').collect();
        let mut keys = vec![name.to_string()];
        if let (Some(first), Some(last)) = (words.first(), words.last()) {
            keys.push(first.to_string());
            keys.push(last.to_string());
            if let Some((particle, rest)) = last.split_once('-') {
                if is(&particle.to_lowercase(), lx::PARTICLE) {
                    keys.push(rest.to_string());
                }
            }
        }
        if words.len() > 2 {
            keys.push(words[words.len() - 2..].join(" "));
        }
        for key in keys {
            match self.by_key.get(&key) {
                Some(old) if !(name.len() > old.len() && name.contains(old.as_str())) => {}
                _ => {
                    self.by_key.insert(key, name.to_string());
                }
            }
        }
    }

    /// The full name `words` stands for.
    pub fn full(&self, words: &str) -> Option<&String> {
        self.by_key.get(words)
    }

    /// Every word or name that stands for a person.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.by_key.keys()
    }
}

/// What the whole document tells about a single word.
#[derive(Debug, Default)]
pub struct Evidence {
    /// Words written capitalised inside a sentence somewhere (so they are names).
    pub cap_mid: HashSet<String>,
    /// Organisation names found in the body.
    pub orgs: HashSet<String>,
    /// Country codes and divisions the document names.
    pub context: Context,
    /// Area names the document uses as places somewhere ("in Havana"): places everywhere in it.
    pub placed: HashSet<String>,
    /// Groups named with a demonym ("Syrian rebels"), in document order.
    pub groups: Vec<String>,
}

impl Evidence {
    /// Gathers the evidence from the texts' tokens and candidates.
    pub fn collect(texts: &[Text]) -> Evidence {
        let mut ev = Evidence::default();
        for text in texts.iter().filter(|t| !t.headline) {
            for t in text
                .tokens
                .iter()
                .filter(|t| t.word && t.cap() && !t.sent_start)
            {
                ev.cap_mid.insert(t.text.to_string());
            }
        }
        for text in texts {
            for c in &text.cands {
                ev.note(c, &text.tokens);
            }
        }
        ev.context.top = ev
            .context
            .countries
            .iter()
            .max_by_key(|(code, n)| (**n, std::cmp::Reverse(code.as_str())))
            .map(|(code, _)| code.clone());
        ev
    }
}

impl Evidence {
    /// Notes what one candidate tells about the document.
    fn note(&mut self, c: &Cand, tokens: &[Token]) {
        match &c.kind {
            Kind::Country { idx, .. } => {
                let code = GAZETTEER.countries[*idx].code.clone();
                *self.context.countries.entry(code).or_default() += 1;
            }
            Kind::Area { name, strong, .. } => {
                if *strong {
                    self.placed.insert(name.clone());
                }
                if let Some(q) = qualifier(tokens, c.last) {
                    self.context.qualifiers.insert(name.clone(), q);
                }
                // A division whose name is nowhere else (Texas, Kentucky) names its country.
                let areas = GAZETTEER.areas_named(name);
                let first = areas.first().map(|&i| &GAZETTEER.areas[i]);
                if let Some(a) = first.filter(|a| a.subdivision) {
                    if areas.iter().all(|&i| GAZETTEER.areas[i].cc == a.cc) {
                        *self.context.countries.entry(a.cc.to_string()).or_default() += 1;
                    }
                }
            }
            Kind::Org(name) => {
                self.orgs.insert(name.clone());
            }
            Kind::Group(name) if name.contains(' ') && !self.groups.contains(name) => {
                self.groups.push(name.clone());
            }
            _ => {}
        }
    }
}

/// The name after a comma that qualifies a place ("Paris, Texas"), up to three words.
fn qualifier(tokens: &[Token], after: usize) -> Option<String> {
    if tokens.get(after).is_none_or(|t| t.text != ",") {
        return None;
    }
    let words: Vec<&str> = tokens
        .iter()
        .skip(after + 1)
        .take(3)
        .take_while(|t| t.word && t.cap())
        .map(|t| t.text)
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Builds the document's mentions and places.
pub fn finish(texts: &[Text], people: &People, ev: &Evidence) -> DocEntities {
    let mut doc = DocEntities::default();
    let mut seen: HashSet<(String, String)> = HashSet::new();
    for text in texts {
        let mut mentions = Vec::new();
        let mut end = 0;
        for c in &text.cands {
            // Mentions never overlap (the trained model's spans might).
            if c.start < end {
                continue;
            }
            let Some((mention, place)) = resolve(c, &text.tokens, people, ev) else {
                continue;
            };
            end = mention.end;
            if let Some(p) = place {
                if seen.insert((p.name.clone(), p.country.clone())) {
                    doc.places.push(p);
                }
            }
            mentions.push(mention);
        }
        doc.mentions.push(mentions);
    }
    lengthen_short_names(&mut doc.mentions);
    uncap_names(&mut doc.mentions);
    expand_acronyms(&mut doc.mentions);
    doc
}

/// An organisation's acronym takes the full name the document spells out ("UN", "U.N." ->
/// "United Nations"; "WHO" -> "World Health Organization"), so that one actor is one facet
/// entry; dots go from acronyms that stay ("U.N. Security Council" -> "UN Security Council").
fn expand_acronyms(texts: &mut [Vec<Mention>]) {
    // Small words that acronyms skip ("Organisation of the Petroleum Exporting Countries").
    const SKIPPED: &[&str] = &[
        "of", "the", "and", "for", "on", "de", "des", "du", "la", "et",
    ];
    let initials = |name: &str| -> Option<String> {
        let words: Vec<&str> = name.split(' ').filter(|w| !SKIPPED.contains(w)).collect();
        let capitalised = words.len() >= 2
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        capitalised.then(|| words.iter().filter_map(|w| w.chars().next()).collect())
    };
    let mut spelled: HashMap<String, String> = HashMap::new();
    for m in texts.iter().flatten() {
        if m.label == Label::Organization {
            if let Some(key) = initials(&m.name) {
                spelled.entry(key).or_insert_with(|| m.name.clone());
            }
        }
    }
    for m in texts.iter_mut().flatten() {
        if !matches!(m.label, Label::Organization | Label::Misc) {
            continue;
        }
        let mut words: Vec<String> = m.name.split(' ').map(str::to_string).collect();
        for w in &mut words {
            if let Some(bare) = acronym(w) {
                *w = bare;
            }
        }
        if let [only] = words.as_slice() {
            if let Some(full) = spelled.get(only) {
                m.name = full.clone();
                m.label = Label::Organization;
                m.actor = true;
                continue;
            }
        }
        m.name = words.join(" ");
    }
}

/// The letters of an acronym in capitals, with or without dots ("UN", "U.N." -> "UN"); `None`
/// for any other word.
fn acronym(word: &str) -> Option<String> {
    let letters: String = word.chars().filter(|&c| c != '.').collect();
    let dotted = word.contains('.');
    let shape = if dotted {
        // Every letter followed by its dot: "U.N." or "U.N", not "Inc." or "St.".
        word.trim_end_matches('.')
            .split('.')
            .all(|part| part.chars().count() == 1)
    } else {
        true
    };
    let caps =
        (2..=6).contains(&letters.chars().count()) && letters.chars().all(|c| c.is_uppercase());
    (shape && caps).then_some(letters)
}

/// Names that wire headlines and sign-offs write in capitals ("COMMERZBANK", "MERRILL LYNCH")
/// take the casing the document uses elsewhere, else title case, so that one actor is one facet
/// entry. Short single words stay as written: they are acronyms ("NATO", "USDA").
fn uncap_names(texts: &mut [Vec<Mention>]) {
    let shouting = |name: &str| {
        name.chars().any(char::is_alphabetic)
            && !name.chars().any(char::is_lowercase)
            && (name.contains(' ') || name.chars().filter(|c| c.is_alphabetic()).count() >= 6)
    };
    let written: HashMap<String, String> = texts
        .iter()
        .flatten()
        .filter(|m| !shouting(&m.name))
        .map(|m| (m.name.to_uppercase(), m.name.clone()))
        .collect();
    for m in texts.iter_mut().flatten() {
        if shouting(&m.name) {
            m.name = match written.get(&m.name) {
                Some(name) => name.clone(),
                None => title_case(&m.name),
            };
        }
    }
}

/// "MERRILL LYNCH AND CO" -> "Merrill Lynch and Co": words capitalised, small words lowercase.
fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for (i, word) in name.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        if i > 0
            && matches!(
                lower.as_str(),
                "and" | "of" | "the" | "for" | "de" | "du" | "la"
            )
        {
            out.push_str(&lower);
            continue;
        }
        // Capitalise after hyphens and apostrophes too ("AL-ASSAD" -> "Al-Assad").
        let mut up = true;
        for c in lower.chars() {
            if up {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            up = matches!(c, '-' | '\'' | '.');
        }
    }
    out
}

/// Gives a short name of a person or organisation the longer name of the same kind that it is
/// the start or end of ("Commission" -> "European Commission", "Corvane" -> "Corvane Systems").
/// The first such name the document uses wins.
fn lengthen_short_names(texts: &mut [Vec<Mention>]) {
    drop_place_suffix(texts);
    let mut long: Vec<(Label, Vec<String>)> = Vec::new();
    for m in texts.iter().flatten() {
        let words = name_words(&m.name);
        let kind = matches!(m.label, Label::Person | Label::Organization);
        if kind && words.len() >= 2 && !long.iter().any(|(l, w)| *l == m.label && *w == words) {
            long.push((m.label, words));
        }
    }
    for m in texts.iter_mut().flatten() {
        let words = name_words(&m.name);
        if words.is_empty() {
            continue;
        }
        let part_of = |(label, full): &&(Label, Vec<String>)| {
            *label == m.label
                && full.len() > words.len()
                && (full.starts_with(&words) || full.ends_with(&words))
        };
        if let Some((_, full)) = long.iter().find(part_of) {
            m.name = full.join(" ");
            continue;
        }
        // The model may call a company's short name a person or a place ("Corvane" after
        // "Corvane Systems"); a word of a person's full name or a known place stays what it is.
        let first_of = |label: Label| {
            long.iter()
                .find(|(l, full)| *l == label && full.first() == words.first())
        };
        let unknown_place = m.label == Label::Place
            && GAZETTEER.areas_named(&m.name).is_empty()
            && GAZETTEER.country(&m.name).is_none();
        let retag = words.len() == 1 && (m.label == Label::Person || unknown_place);
        if retag && first_of(Label::Person).is_none() {
            if let Some((_, full)) = first_of(Label::Organization) {
                m.name = full.join(" ");
                m.label = Label::Organization;
                m.actor = true;
                m.place = false;
            }
        }
    }
}

/// An organisation named elsewhere in the document followed by a place is that organisation
/// ("Newsdex Wire Athens" -> "Newsdex Wire"): a sign-off or a bureau, not a new organisation.
fn drop_place_suffix(texts: &mut [Vec<Mention>]) {
    let orgs: HashSet<String> = texts
        .iter()
        .flatten()
        .filter(|m| m.label == Label::Organization)
        .map(|m| m.name.clone())
        .collect();
    for m in texts
        .iter_mut()
        .flatten()
        .filter(|m| m.label == Label::Organization)
    {
        let words: Vec<&str> = m.name.split(' ').collect();
        let short = (1..words.len()).find_map(|k| {
            let (org, place) = (words[..k].join(" "), words[k..].join(" "));
            (orgs.contains(&org) && !GAZETTEER.areas_named(&place).is_empty()).then_some(org)
        });
        if let Some(org) = short {
            m.name = org;
        }
    }
}

/// The words of a name without a leading article ("The Commission" -> ["Commission"]).
fn name_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = name.split(' ').map(str::to_string).collect();
    if words.len() > 1 && words[0].eq_ignore_ascii_case("the") {
        words.remove(0);
    }
    words
}

fn mention(c: &Cand, label: Label, name: String, actor: bool, place: bool) -> Mention {
    Mention {
        start: c.start,
        end: c.end,
        label,
        name,
        actor,
        place,
    }
}

/// The mention a candidate makes, and the place it resolves to.
fn resolve(
    c: &Cand,
    tokens: &[Token],
    people: &People,
    ev: &Evidence,
) -> Option<(Mention, Option<Place>)> {
    let m = match &c.kind {
        Kind::Country {
            idx,
            form,
            actor,
            place,
        } => {
            let country = &GAZETTEER.countries[*idx];
            // The head of a hyphenated word ("France-registered") is an adjective, not a place.
            let head = tokens.get(c.first).is_some_and(|t| c.end < t.end);
            let label = if *form == Form::Name && !head {
                Label::Place
            } else {
                Label::Misc
            };
            let p = place.then(|| Place {
                name: country.name.clone(),
                country: country.code.clone(),
                lat: country.lat,
                lon: country.lon,
            });
            return Some((mention(c, label, country.name.clone(), *actor, *place), p));
        }
        Kind::Area { name, strong, ner } => {
            return area(c, name, (*strong, *ner), tokens, people, ev)
        }
        Kind::PlacePhrase { name, base } => {
            let p = GAZETTEER.resolve(base, &ev.context).map(|a| Place {
                name: name.clone(),
                country: a.cc.to_string(),
                lat: a.lat,
                lon: a.lon,
            });
            return Some((mention(c, Label::Place, name.clone(), false, true), p));
        }
        Kind::Group(name) => {
            let full = ev.groups.iter().find(|g| g.ends_with(&format!(" {name}")));
            mention(
                c,
                Label::Organization,
                full.unwrap_or(name).clone(),
                true,
                false,
            )
        }
        Kind::Person(name) => {
            let full = people.full(name).unwrap_or(name);
            mention(c, Label::Person, full.clone(), true, false)
        }
        // One word of a person the document names in full is that person ("Merkel").
        Kind::Org(name) => match people.full(name).filter(|_| !name.contains(' ')) {
            Some(full) => mention(c, Label::Person, full.clone(), true, false),
            None => mention(c, Label::Organization, name.clone(), true, false),
        },
        Kind::Misc(name) => mention(c, Label::Misc, name.clone(), false, false),
        Kind::Unknown(word) => unknown(c, word, tokens, people, ev)?,
    };
    Some((m, None))
}

/// An area name: a place when its context or size says so, else a person the document names,
/// else a place in a country the document names, else an unknown word.
fn area(
    c: &Cand,
    name: &str,
    (strong, ner): (bool, bool),
    tokens: &[Token],
    people: &People,
    ev: &Evidence,
) -> Option<(Mention, Option<Place>)> {
    let resolved = GAZETTEER.resolve(name, &ev.context);
    let fits = |a: &&crate::gazetteer::Area| {
        strong
            || ev.placed.contains(name)
            || (ev.context.countries.contains_key(&*a.cc) && GAZETTEER.sparse(&a.cc))
    };
    let located = c.first > 0
        && tokens
            .get(c.first - 1)
            .is_some_and(|t| is(&t.lower, lx::LOC_PREP));
    let major = resolved.is_some_and(|a| a.major) || ev.placed.contains(name);
    let person = people.full(name).is_some();
    // The trained model reads the context better than the cues ("Baghdad says").
    let cue = !ner && (person || person_cue(c, tokens));
    if (person && !major && !(ner && located)) || (!located && cue) {
        return unknown(c, name, tokens, people, ev).map(|m| (m, None));
    }
    match resolved.filter(fits) {
        Some(a) => {
            let p = Place {
                name: a.name.to_string(),
                country: a.cc.to_string(),
                lat: a.lat,
                lon: a.lon,
            };
            Some((
                mention(c, Label::Place, a.name.to_string(), false, true),
                Some(p),
            ))
        }
        None => unknown(c, name, tokens, people, ev).map(|m| (m, None)),
    }
}

/// A capitalised word with no cue of its own: a person the document names, an organisation it
/// names, a person by the words around it ("minister Lavrov", "Lavrov said"), or another name.
/// A sentence-initial word never seen capitalised inside a sentence is dropped.
fn unknown(
    c: &Cand,
    word: &str,
    tokens: &[Token],
    people: &People,
    ev: &Evidence,
) -> Option<Mention> {
    if let Some(full) = people.full(word) {
        return Some(mention(c, Label::Person, full.clone(), true, false));
    }
    if ev.orgs.contains(word) {
        return Some(mention(
            c,
            Label::Organization,
            word.to_string(),
            true,
            false,
        ));
    }
    let first = tokens.get(c.first)?;
    if first.sent_start && !ev.cap_mid.contains(word) {
        return None;
    }
    if person_cue(c, tokens) {
        return Some(mention(c, Label::Person, word.to_string(), true, false));
    }
    Some(mention(c, Label::Misc, word.to_string(), false, false))
}

/// True when a title stands before the word ("minister Lavrov") or "said" next to it.
fn person_cue(c: &Cand, tokens: &[Token]) -> bool {
    let prev = c
        .first
        .checked_sub(1)
        .and_then(|k| tokens.get(k))
        .filter(|t| t.word);
    let next = tokens.get(c.last).filter(|t| t.word);
    let said = |t: &Token| matches!(t.lower.as_str(), "said" | "says" | "told" | "added");
    prev.is_some_and(|t| is(&t.lower, lx::TITLE) || said(t)) || next.is_some_and(said)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(name: &str) -> Mention {
        Mention {
            start: 0,
            end: name.chars().count(),
            label: Label::Organization,
            name: name.to_string(),
            actor: true,
            place: false,
        }
    }

    #[test]
    fn names_in_capitals_take_the_documents_casing_or_title_case() {
        let mut texts = vec![
            vec![org("COMMERZBANK"), org("MERRILL LYNCH AND CO"), org("NATO")],
            vec![org("Commerzbank"), org("REUTER")],
        ];
        uncap_names(&mut texts);
        let names: Vec<&str> = texts.iter().flatten().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Commerzbank",
                "Merrill Lynch and Co",
                "NATO",
                "Commerzbank",
                "Reuter"
            ]
        );
        assert_eq!(title_case("AL-ASSAD"), "Al-Assad");
    }

    #[test]
    fn acronyms_take_the_full_name_the_document_spells_out() {
        let mut texts = vec![
            vec![org("United Nations"), org("World Health Organization")],
            vec![
                org("UN"),
                org("U.N."),
                org("WHO"),
                org("U.N. Security Council"),
                org("NATO"),
                org("Apple Inc."),
            ],
        ];
        expand_acronyms(&mut texts);
        let names: Vec<&str> = texts[1].iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "United Nations",
                "United Nations",
                "World Health Organization",
                "UN Security Council",
                "NATO",
                "Apple Inc."
            ]
        );
    }
}
