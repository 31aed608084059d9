//! Extract: finds name candidates in one tokenized text.
//!
//! In: the tokens of a text (and, when the trained NER runs, its spans). Out: [`Cand`]idates:
//! countries with their role, areas to resolve against the gazetteer, place phrases, groups,
//! people, organisations and single capitalised words whose meaning the document decides.
//!
//! With the NER, its spans are the names ([`from_ner`]) and [`beside_ner`] adds the few rule
//! candidates it misses. Without the NER, names are capitalised sequences, classified by cheap
//! cues: titles before people, organisation words, the gazetteers, and the words around a country
//! (a verb after it makes it an actor, a locative preposition before it a place).

use super::lexicon::{self as lx, is};
use super::tokens::Token;
use crate::gazetteer::{Form, GAZETTEER};
use crate::ner::{NerSpan, NerType};
use std::collections::HashSet;

/// What a stretch of text was found to be, before the document decides its canonical name.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A country by name, demonym or people, with its role.
    Country {
        idx: usize,
        form: Form,
        actor: bool,
        place: bool,
    },
    /// A name in the area gazetteer; `strong` when the context or its size make it a place,
    /// `ner` when the trained model called it a location (no cue then makes it a person).
    Area {
        name: String,
        strong: bool,
        ner: bool,
    },
    /// A place named with a place noun ("Ansari district"); `base` is the name before the noun.
    PlacePhrase { name: String, base: String },
    /// A group named by a demonym and a group noun ("Syrian rebels").
    Group(String),
    /// A person.
    Person(String),
    /// An organisation.
    Org(String),
    /// Another name.
    Misc(String),
    /// A single capitalised word with no cue yet.
    Unknown(String),
}

/// A candidate mention.
#[derive(Debug, Clone)]
pub struct Cand {
    /// Start, in characters.
    pub start: usize,
    /// End, in characters.
    pub end: usize,
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// What it is.
    pub kind: Kind,
}

/// Continents and world regions: places with no single coordinate.
const REGIONS: &[&str] = &[
    "Africa",
    "Antarctica",
    "Arctic",
    "Asia",
    "Balkans",
    "Caribbean",
    "Caucasus",
    "Central Asia",
    "East Africa",
    "Eastern Europe",
    "Europe",
    "Gaza",
    "Gaza Strip",
    "Gulf",
    "Horn of Africa",
    "Kashmir",
    "Kurdistan",
    "Latin America",
    "Middle East",
    "Midwest",
    "North Africa",
    "North America",
    "Oceania",
    "Persian Gulf",
    "Sahara",
    "Sahel",
    "Scandinavia",
    "South America",
    "Southeast Asia",
    "West Africa",
    "West Bank",
    "Western Europe",
    "Soviet Union",
    "USSR",
    "Yugoslavia",
    "Czechoslovakia",
];

/// Longest country or area name, in tokens.
const MAX_NAME_TOKENS: usize = 4;

/// Longest capitalised sequence classified as one: names are far shorter, and the work on a
/// sequence grows faster than its length, so a page of nothing but capitalised words
/// ("Aleppo Lisbon Moscow ...", megabytes of it) would otherwise take hours.
const MAX_SEQUENCE_TOKENS: usize = 16;

/// Candidates of a text written in sentence case, from capitalisation and cues.
pub fn extract(tokens: &[Token]) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if let Some(c) = bare_group(tokens, i) {
            out.push(c);
            i += 1;
            continue;
        }
        let letter = t.text.chars().next().is_some_and(char::is_alphabetic);
        if !(t.word && t.cap() && letter) || lower_tail(t) {
            // Not a name, but maybe a country inside a compound ("Iranian-backed").
            if let Some(c) = compound(tokens, i) {
                out.push(c);
            }
            i += 1;
            continue;
        }
        let j = sequence_end(tokens, i);
        piece(tokens, i, j, &mut out);
        i = j;
    }
    share_list_roles(tokens, &mut out);
    out
}

/// A group acting under its bare noun: "the rebels said", "Rebels say". The document may name
/// it fully elsewhere ("Syrian rebels").
fn bare_group(tokens: &[Token], i: usize) -> Option<Cand> {
    let t = tokens
        .get(i)
        .filter(|t| t.word && is(&t.lower, lx::GROUP_NOUN))?;
    let after_the = i > 0 && tokens[i - 1].lower == "the";
    let acts = tokens
        .get(i + 1)
        .is_some_and(|n| n.word && is(&n.lower, lx::VERB | lx::AUX) && !is(&n.lower, lx::COMMON));
    let says = tokens
        .get(i + 1)
        .is_some_and(|n| matches!(n.lower.as_str(), "say" | "said" | "says"));
    ((after_the || t.sent_start) && (acts || says) && t.lower != "groups")
        .then(|| cand(tokens, i, i + 1, Kind::Group(t.lower.clone())))
}

/// Candidates of a headline in title case: only countries, names the rest of the document
/// uses (`known`), and places known without context.
pub fn extract_headline(tokens: &[Token], known: &HashSet<String>) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !tokens[i].word {
            i += 1;
            continue;
        }
        if let Some(c) = country_at(tokens, i) {
            i = c.last;
            out.push(c);
            continue;
        }
        if let Some(c) = compound(tokens, i) {
            out.push(c);
            i += 1;
            continue;
        }
        let mut found = false;
        for len in (1..=MAX_NAME_TOKENS.min(tokens.len() - i)).rev() {
            let Some(mut name) = joined(&tokens[i..i + len]) else {
                continue;
            };
            if let Some(n) = shouted(&name).filter(|_| GAZETTEER.areas_named(&name).is_empty()) {
                name = n.to_string();
            }
            let kind = if known.contains(&name) {
                Kind::Unknown(name)
            } else if GAZETTEER
                .areas_named(&name)
                .iter()
                .any(|&a| GAZETTEER.areas[a].major)
            {
                Kind::Area {
                    name,
                    strong: true,
                    ner: false,
                }
            } else {
                continue;
            };
            out.push(cand(tokens, i, i + len, kind));
            i += len;
            found = true;
            break;
        }
        if !found {
            i += 1;
        }
    }
    share_list_roles(tokens, &mut out);
    out
}

/// Candidates from the trained NER's spans; the gazetteers resolve its locations and demonyms.
pub fn from_ner(tokens: &[Token], spans: &[NerSpan]) -> Vec<Cand> {
    let mut out = Vec::new();
    let used: HashSet<&str> = tokens
        .iter()
        .enumerate()
        .filter(|&(i, t)| t.cap() && common_place_word(tokens, i))
        .map(|(_, t)| t.lower.as_str())
        .collect();
    for span in spans {
        // Tokens are in text order, so a span's ends are found by bisection: a scan per span
        // is quadratic, hours on a page that is a long list of names.
        let from = tokens.partition_point(|t| t.start < span.start);
        let Some(first) = tokens[from..].iter().position(|t| t.word).map(|k| from + k) else {
            continue;
        };
        let last = match tokens.partition_point(|t| t.end <= span.end) {
            0 => first,
            n => n,
        };
        // A month before a name dates it ("the August Chicago NAPM"): not part of the name.
        let dated = last > first + 1
            && span.kind != NerType::Misc
            && is(&tokens[first].lower, lx::DATE)
            // "Jan" and "May" are first names too.
            && tokens[first].lower.chars().count() > 3
            && tokens[first + 1].word
            && tokens[first + 1].cap();
        let (first, span_start) = if dated {
            (first + 1, tokens[first + 1].start)
        } else {
            (first, span.start)
        };
        // Not a name, and later steps cost more than linear in a name's words.
        if last <= first || last - first > MAX_SEQUENCE_TOKENS {
            continue;
        }
        let name = as_written(&tokens[first..last]);
        if common_word(tokens, first, last, span.kind, &used) {
            continue;
        }
        // A demonym span before an armed group's noun becomes the group ("Syrian rebels").
        let whole = |c: &Cand| match &c.kind {
            Kind::Group(g) => g.rsplit(' ').next().is_some_and(|noun| is(noun, lx::ARMED)),
            _ => c.last == last,
        };
        // The model's people and organisations stay what it says ("Japan" the football team).
        let may_be_country = matches!(span.kind, NerType::Location | NerType::Misc);
        if let Some(c) = country_at(tokens, first).filter(|c| may_be_country && whole(c)) {
            out.push(c);
            continue;
        }
        // The model reads "Brazilian-born" as one name; the head matters when it acts.
        let acts = |c: &Cand| matches!(c.kind, Kind::Country { actor: true, .. });
        if let Some(c) = compound(tokens, first).filter(|c| last == first + 1 && acts(c)) {
            out.push(c);
            continue;
        }
        if span.kind == NerType::Organization {
            if let Some((org, place)) = bureau(tokens, first, last) {
                out.extend([org, place]);
                continue;
            }
            if let Some((org, person)) = titled(tokens, first, last) {
                out.extend([org, person]);
                continue;
            }
        }
        let kind = match span.kind {
            NerType::Person if company(&tokens[first..last]) => Kind::Org(name),
            NerType::Person => Kind::Person(name),
            NerType::Organization => Kind::Org(name),
            NerType::Misc => Kind::Misc(name),
            NerType::Location => {
                let name = shouted(&name).map_or_else(|| uncapped(&name), str::to_string);
                if GAZETTEER.areas_named(&name).is_empty() {
                    Kind::PlacePhrase {
                        base: name.clone(),
                        name,
                    }
                } else {
                    Kind::Area {
                        name,
                        strong: true,
                        ner: true,
                    }
                }
            }
        };
        // The model's own offsets: its tokens may keep punctuation ours split off ("Corp.").
        out.push(Cand {
            start: span_start,
            end: span.end,
            ..cand(tokens, first, last, kind)
        });
    }
    share_list_roles(tokens, &mut out);
    out
}

/// True for a name of two or more words ending in a company word ("Corvane Systems"): no
/// person's surname is one of these.
fn company(tokens: &[Token]) -> bool {
    const SUFFIXES: &[&str] = &[
        "systems",
        "corp",
        "corp.",
        "corporation",
        "inc",
        "inc.",
        "ltd",
        "llc",
        "plc",
        "holdings",
        "industries",
        "technologies",
        "software",
        "airlines",
        "airways",
        "motors",
    ];
    tokens.len() >= 2
        && tokens
            .last()
            .is_some_and(|t| SUFFIXES.contains(&t.lower.as_str()))
}

/// An organisation, a title and a person read as one organisation ("Federal Reserve Governor
/// Lawrence Lindsey"): the organisation and the person, when two or more plain capitalised words
/// follow the titles.
fn titled(tokens: &[Token], first: usize, last: usize) -> Option<(Cand, Cand)> {
    let seq = &tokens[first..last];
    let k = (1..seq.len()).find(|&k| {
        is(&seq[k].lower, lx::TITLE) && !matches!(seq[k].lower.as_str(), "st" | "saint")
    })?;
    let titles = seq[k..]
        .iter()
        .take_while(|t| is(&t.lower, lx::TITLE))
        .count();
    let name = &seq[k + titles..];
    let plain = name.len() >= 2
        && name
            .iter()
            .all(|t| t.word && t.cap() && !t.acronym() && !is(&t.lower, lx::ORG | lx::COMMON));
    if !plain || seq[..k].iter().any(|t| !t.word) {
        return None;
    }
    let org = Kind::Org(joined(&seq[..k])?);
    let person = Kind::Person(joined(name)?);
    Some((
        cand(tokens, first, first + k, org),
        cand(tokens, first + k + titles, last, person),
    ))
}

/// A wire sign-off read as one organisation ("Newsdex Wire Amsterdam bureau"): the
/// organisation, then the city of its bureau, when a known area ends the capitalised words and
/// "bureau" or "desk" follows within three words.
fn bureau(tokens: &[Token], first: usize, last: usize) -> Option<(Cand, Cand)> {
    let caps = tokens[first..last]
        .iter()
        .take_while(|t| t.word && t.cap())
        .count();
    let end = first + caps;
    let cue = tokens[end..]
        .iter()
        .take(3)
        .any(|t| matches!(t.lower.as_str(), "bureau" | "bureaus" | "desk"));
    if !cue || caps < 2 {
        return None;
    }
    (first + 1..end).find_map(|split| {
        let name = joined(&tokens[split..end])?;
        if GAZETTEER.areas_named(&name).is_empty() {
            return None;
        }
        let org = Kind::Org(joined(&tokens[first..split])?);
        let place = Kind::Area {
            name,
            strong: true,
            ner: true,
        };
        Some((
            cand(tokens, first, split, org),
            cand(tokens, split, end, place),
        ))
    })
}

/// The tokens as written, with single spaces where the text had space ("Standard & Poor",
/// "Corp.", "Lord 's").
fn as_written(tokens: &[Token]) -> String {
    let mut out = String::new();
    let mut end = None;
    for t in tokens {
        if end.is_some_and(|e| e < t.start) {
            out.push(' ');
        }
        out.push_str(t.text);
        end = Some(t.end);
    }
    out
}

/// Rule candidates the trained model is weak at, kept where they overlap none of its
/// candidates (`model`): countries heading a hyphenated word ("Iranian-backed"), groups under a
/// lower-case noun ("the rebels said"), and single words `person` accepts (a surname or first
/// name of someone the document names in full).
pub fn beside_ner(
    tokens: &[Token],
    model: &mut Vec<Cand>,
    rules: Vec<Cand>,
    person: impl Fn(&str) -> bool,
) {
    let wanted = |c: &Cand| match &c.kind {
        Kind::Group(_) => true,
        // Only the head of a hyphenated word: the model reads "Syria" itself well.
        Kind::Country { .. } => tokens.get(c.first).is_some_and(|t| c.end < t.end),
        Kind::Unknown(w) | Kind::Person(w) => person(w),
        _ => false,
    };
    let before = model.len();
    for r in rules.into_iter().filter(wanted) {
        let free = model[..before]
            .iter()
            .all(|m| m.end <= r.start || r.end <= m.start);
        if free {
            model.push(r);
        }
    }
    model.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
}

/// True when the model's one-word span is a common word used as one: a place word the
/// lexicon knows as common ("the Mobile unit", "was Reading reports") with no locative
/// preposition before it and a noun after it, or at a sentence start when the text uses the word
/// so elsewhere (`used`); or a sentence-initial adverb taken for a person ("Later, ...").
fn common_word(
    tokens: &[Token],
    first: usize,
    last: usize,
    kind: NerType,
    used: &HashSet<&str>,
) -> bool {
    let t = &tokens[first];
    if last != first + 1 || !is(&t.lower, lx::COMMON) || t.acronym() {
        return false;
    }
    match kind {
        NerType::Location => {
            common_place_word(tokens, first)
                || (t.sent_start && used.contains(t.lower.as_str()) && !located(tokens, first))
        }
        NerType::Person => t.sent_start && tokens.get(last).is_some_and(|n| n.text == ","),
        _ => false,
    }
}

/// True when the capitalised common word at `i` modifies the noun after it ("the Mobile
/// unit"): no locative preposition before, a lower-case word after that is neither a function
/// word nor a past-tense verb ("the North accepted"). Compass points name regions.
fn common_place_word(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    if matches!(t.lower.as_str(), "north" | "south" | "east" | "west") || !is(&t.lower, lx::COMMON)
    {
        return false;
    }
    let noun_after = tokens.get(i + 1).is_some_and(|n| {
        n.word && !n.cap() && !is(&n.lower, lx::COMMON) && !n.lower.ends_with("ed")
    });
    noun_after && !located(tokens, i)
}

/// True when a locative preposition stands right before token `i`.
fn located(tokens: &[Token], i: usize) -> bool {
    i.checked_sub(1)
        .and_then(|k| tokens.get(k))
        .is_some_and(|p| is(&p.lower, lx::LOC_PREP))
}

/// A place name written in capitals, in title case ("ALEPPO" -> "Aleppo"); others unchanged.
fn uncapped(name: &str) -> String {
    if name.chars().any(char::is_lowercase)
        || name.chars().filter(|c| c.is_alphabetic()).count() < 5
    {
        return name.to_string();
    }
    name.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            cs.next().map_or_else(String::new, |c| {
                c.to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The gazetteer's form of a name written in capitals ("NEW YORK" -> "New York").
fn shouted(name: &str) -> Option<&'static str> {
    if name.chars().any(char::is_lowercase)
        || name.chars().filter(|c| c.is_alphabetic()).count() < 2
    {
        return None;
    }
    GAZETTEER.uncapitalised(name)
}

fn cand(tokens: &[Token], first: usize, last: usize, kind: Kind) -> Cand {
    Cand {
        start: tokens[first].start,
        end: tokens[last - 1].end,
        first,
        last,
        kind,
    }
}

/// The words of `tokens` joined by spaces; `None` when punctuation is among them.
fn joined(tokens: &[Token]) -> Option<String> {
    if tokens.iter().any(|t| !t.word) {
        return None;
    }
    Some(tokens.iter().map(|t| t.text).collect::<Vec<_>>().join(" "))
}

/// True for a capitalised word with a lower-case hyphenated tail ("Iran-backed").
fn lower_tail(t: &Token) -> bool {
    t.text
        .rsplit_once('-')
        .is_some_and(|(_, tail)| tail.chars().next().is_some_and(char::is_lowercase))
}

/// The end of the capitalised sequence starting at `i`: capitalised words, joined by name
/// particles ("Bashar al-Assad") and by "of" after an organisation word or title
/// ("Ministry of Defence", "Secretary of State").
fn sequence_end(tokens: &[Token], i: usize) -> usize {
    let mut j = i + 1;
    let continues = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| t.word && t.cap() && !lower_tail(t))
    };
    while j < tokens.len() && j - i < MAX_SEQUENCE_TOKENS && !tokens[j - 1].possessive {
        if continues(j) {
            j += 1;
        } else if tokens[j].word
            && !tokens[j].cap()
            && continues(j + 1)
            && (is(&tokens[j].lower, lx::PARTICLE)
                || (tokens[j].lower == "of"
                    && tokens[i..j]
                        .iter()
                        .any(|t| is(&t.lower, lx::ORG | lx::TITLE))))
        {
            j += 2;
        } else {
            break;
        }
    }
    j
}

/// Classifies the capitalised sequence `tokens[a..b]`.
fn piece(tokens: &[Token], mut a: usize, mut b: usize, out: &mut Vec<Cand>) {
    // A common word starting a sentence is not part of the name after it; inside a sentence a
    // capitalised common word is ("World Cup"), unless it is an article. "US" is an acronym here,
    // not the pronoun, and "New York" or "South Korea" are names as a whole.
    let skip = |t: &Token| {
        let common =
            is(&t.lower, lx::COMMON) && !is(&t.lower, lx::TITLE | lx::ORG) && !country_acronym(t);
        (common && (t.sent_start || matches!(t.lower.as_str(), "the" | "a" | "an")))
            || is(&t.lower, lx::DATE)
    };
    while a < b && skip(&tokens[a]) && !gazetteer_prefix(tokens, a, b) {
        a += 1;
    }
    while b > a && is(&tokens[b - 1].lower, lx::DATE) {
        b -= 1;
    }
    if a >= b {
        return;
    }
    if b - a == 1 && is(&tokens[a].lower, lx::COMMON) && !country_acronym(&tokens[a]) {
        return;
    }
    // A leading country or demonym modifies what follows ("Syrian President Bashar al-Assad").
    if let Some(c) =
        country_at(tokens, a).filter(|c| c.last <= b || matches!(c.kind, Kind::Group(_)))
    {
        let rest = tokens.get(c.last..b).unwrap_or_default();
        let modifies = rest.first().is_none_or(|t| {
            is(
                &t.lower,
                lx::TITLE | lx::STATE_NOUN | lx::GROUP_NOUN | lx::PLACE_NOUN,
            )
        });
        if modifies || matches!(c.kind, Kind::Group(_)) {
            let resume = c.last;
            out.push(c);
            if resume < b {
                people_or_org(tokens, resume, b, out);
            }
            return;
        }
        // A nationality before a name ("Australian Tom Moody").
        let plain_name = !rest.iter().any(|t| is(&t.lower, lx::ORG | lx::COMMON));
        if plain_name
            && matches!(
                c.kind,
                Kind::Country {
                    form: Form::Demonym,
                    ..
                }
            )
        {
            let resume = c.last;
            out.push(c);
            people_or_org(tokens, resume, b, out);
            return;
        }
        // Otherwise the country is part of a longer name ("U.S. Open", "British Airways").
        if !rest.iter().any(|t| is(&t.lower, lx::ORG)) {
            if let Some(text) = joined(&tokens[a..b]) {
                out.push(cand(tokens, a, b, Kind::Misc(text)));
            }
            return;
        }
    }
    people_or_org(tokens, a, b, out);
}

/// True for a country written as an acronym that is also a common word ("US", not "TV").
fn country_acronym(t: &Token) -> bool {
    t.acronym() && GAZETTEER.country(t.text).is_some()
}

/// True when `tokens[a..b]` starts with a country or area name of two or more words.
fn gazetteer_prefix(tokens: &[Token], a: usize, b: usize) -> bool {
    (a + 2..=b.min(a + MAX_NAME_TOKENS)).any(|k| {
        joined(&tokens[a..k]).is_some_and(|name| {
            GAZETTEER.country(&name).is_some() || !GAZETTEER.areas_named(&name).is_empty()
        })
    })
}

/// Classifies a capitalised sequence that does not start with a country.
fn people_or_org(tokens: &[Token], a: usize, b: usize, out: &mut Vec<Cand>) {
    let seq = &tokens[a..b];
    let Some(text) = joined(seq) else { return };
    // Initials alone ("P.") name nothing.
    if seq
        .iter()
        .all(|t| t.text.chars().filter(|c| c.is_alphabetic()).count() < 2)
    {
        return;
    }
    if REGIONS.contains(&text.as_str()) {
        // A region has no single coordinate: nothing to resolve.
        let kind = Kind::PlacePhrase {
            base: String::new(),
            name: text,
        };
        out.push(cand(tokens, a, b, kind));
        return;
    }
    // "Boxing Association President Ramon Manzanares": an organisation, then a person.
    let title_at = (1..seq.len().saturating_sub(1)).find(|&k| {
        is(&seq[k].lower, lx::TITLE)
            && !is(&seq[k - 1].lower, lx::TITLE)
            && !is(&seq[k].lower, lx::ORG)
    });
    if let Some(k) = title_at {
        people_or_org(tokens, a, a + k, out);
        let titles = seq[k..]
            .iter()
            .take_while(|t| is(&t.lower, lx::TITLE))
            .count();
        if let Some(name) = joined(&seq[k + titles..]).filter(|n| !n.is_empty()) {
            out.push(cand(tokens, a + k + titles, b, Kind::Person(name)));
        }
        return;
    }
    let org = seq.iter().any(|t| is(&t.lower, lx::ORG))
        && !seq.iter().all(|t| is(&t.lower, lx::STATE_NOUN));
    // A country or an acronym inside a longer name makes it an organisation ("Air France").
    let inner = seq.len() > 1
        && seq[1..]
            .iter()
            .any(|t| t.acronym() || GAZETTEER.country(t.text).is_some());
    if org || inner {
        // "Navy John Phelan": an organisation word, then a name of two or more words.
        let last_org = seq
            .iter()
            .rposition(|t| is(&t.lower, lx::ORG))
            .unwrap_or(seq.len());
        let name = seq.get(last_org + 1..).unwrap_or_default();
        let person = name.len() >= 2
            && name
                .iter()
                .all(|t| !t.acronym() && !is(&t.lower, lx::COMMON | lx::ORG));
        if org && person {
            if let Some(org_name) = joined(&seq[..=last_org]) {
                out.push(cand(tokens, a, a + last_org + 1, Kind::Org(org_name)));
            }
            let name = joined(name).unwrap_or_default();
            out.push(cand(tokens, a + last_org + 1, b, Kind::Person(name)));
            return;
        }
        out.push(cand(tokens, a, b, Kind::Org(text)));
        return;
    }
    if seq.len() == 1 && (seq[0].acronym() || is(&seq[0].lower, lx::ORG_NAME)) {
        out.push(cand(tokens, a, b, Kind::Org(text)));
        return;
    }
    // Titles may run on: "Secretary of State John Kerry".
    let titles = seq
        .iter()
        .take_while(|t| is(&t.lower, lx::TITLE | lx::STATE_NOUN) || t.lower == "of")
        .count();
    if titles == seq.len() {
        return;
    }
    // "Secretary of War", "Acting Secretary": titles, no person.
    let rest = &seq[titles..];
    let last_title = seq.last().is_some_and(|t| is(&t.lower, lx::TITLE));
    if last_title || rest.iter().all(|t| is(&t.lower, lx::COMMON)) {
        return;
    }
    if titles > 0 {
        let name = joined(rest).unwrap_or_default();
        out.push(cand(tokens, a + titles, b, Kind::Person(name)));
        return;
    }
    if let Some(noun) = tokens
        .get(b)
        .filter(|t| t.word && is(&t.lower, lx::PLACE_NOUN))
    {
        let name = format!("{text} {}", noun.lower);
        out.push(cand(
            tokens,
            a,
            b + 1,
            Kind::PlacePhrase { name, base: text },
        ));
        return;
    }
    if !GAZETTEER.areas_named(&text).is_empty() {
        let strong = seq.len() > 1 || area_cue(tokens, a, b) || is_major(&text);
        let kind = Kind::Area {
            name: text,
            strong,
            ner: false,
        };
        out.push(cand(tokens, a, b, kind));
        return;
    }
    // A name ending in a place noun is a place ("Orange County", "Salahadin Neighbourhood").
    if seq.len() > 1 && seq.last().is_some_and(|t| is(&t.lower, lx::PLACE_NOUN)) {
        let base = joined(&seq[..seq.len() - 1]).unwrap_or_default();
        out.push(cand(tokens, a, b, Kind::PlacePhrase { name: text, base }));
        return;
    }
    // A common word inside the sequence makes it a named thing rather than a person ("Arab Spring").
    let kind = if seq.len() == 1 {
        Kind::Unknown(text)
    } else if seq
        .iter()
        .any(|t| is(&t.lower, lx::COMMON) && !is(&t.lower, lx::PARTICLE))
    {
        Kind::Misc(text)
    } else {
        Kind::Person(text)
    };
    out.push(cand(tokens, a, b, kind));
}

fn is_major(name: &str) -> bool {
    GAZETTEER
        .areas_named(name)
        .iter()
        .any(|&i| GAZETTEER.areas[i].major)
}

/// The word before token `i`, skipping "the".
fn prev_word<'t>(tokens: &'t [Token], i: usize) -> Option<&'t Token<'t>> {
    let mut k = i;
    while k > 0 {
        k -= 1;
        let t = &tokens[k];
        if t.word && t.lower != "the" {
            return Some(t);
        }
        if !t.word {
            return None;
        }
    }
    None
}

/// True when the words around `tokens[a..b]` put it in a locative role: "in X", "city of X",
/// "X, Texas".
fn area_cue(tokens: &[Token], a: usize, b: usize) -> bool {
    if let Some(p) = prev_word(tokens, a) {
        if is(&p.lower, lx::LOC_PREP) {
            return true;
        }
        if p.lower == "of" && a >= 2 && is(&tokens[a - 2].lower, lx::PLACE_NOUN) {
            return true;
        }
    }
    let comma = tokens.get(b).is_some_and(|t| t.text == ",");
    comma
        && tokens
            .get(b + 1)
            .is_some_and(|t| t.cap() && (GAZETTEER.country(t.text).is_some() || is_major(t.text)))
}

/// A country named at token `i` (by name, alias, demonym or people; up to four words), with
/// the role its context gives it. A demonym before a group noun yields the group instead.
fn country_at(tokens: &[Token], i: usize) -> Option<Cand> {
    let max = MAX_NAME_TOKENS.min(tokens.len() - i);
    for len in (1..=max).rev() {
        let Some(name) = joined(&tokens[i..i + len]) else {
            continue;
        };
        let found = GAZETTEER
            .country(&name)
            .or_else(|| GAZETTEER.country(shouted(&name)?));
        let Some((idx, form)) = found else {
            continue;
        };
        let last = i + len;
        let c = match form {
            Form::Name => {
                let (actor, place) = country_role(tokens, i, last);
                Kind::Country {
                    idx,
                    form,
                    actor,
                    place,
                }
            }
            Form::People => Kind::Country {
                idx,
                form,
                actor: true,
                place: false,
            },
            Form::Demonym => {
                let noun = tokens.get(last).filter(|t| t.word);
                if let Some(n) = noun.filter(|n| is(&n.lower, lx::GROUP_NOUN)) {
                    let group = format!("{name} {}", n.lower);
                    return Some(cand(tokens, i, last + 1, Kind::Group(group)));
                }
                let (actor, place) = demonym_role(tokens, last);
                Kind::Country {
                    idx,
                    form,
                    actor,
                    place,
                }
            }
        };
        return Some(cand(tokens, i, last, c));
    }
    None
}

/// Role of a demonym from the nouns after it: "Russian foreign minister" acts, "Syrian city" is
/// a place.
fn demonym_role(tokens: &[Token], next: usize) -> (bool, bool) {
    for t in tokens.iter().skip(next).take(2).take_while(|t| t.word) {
        if is(&t.lower, lx::STATE_NOUN | lx::TITLE) {
            return (true, false);
        }
        if is(&t.lower, lx::PLACE_NOUN) {
            return (false, true);
        }
    }
    (false, false)
}

/// Role of a country name: a locative preposition before it makes it a place; a verb, "by",
/// a possessive or an appositive ("Russia, which") makes it an actor; otherwise a place.
fn country_role(tokens: &[Token], first: usize, last: usize) -> (bool, bool) {
    if tokens[last - 1].possessive {
        return (true, false);
    }
    if let Some(p) = prev_word(tokens, first) {
        if is(&p.lower, lx::LOC_PREP) || p.lower == "of" {
            return (false, true);
        }
        if p.lower == "by" {
            return (true, false);
        }
    }
    let mut k = last;
    if tokens.get(k).is_some_and(|t| t.text == ",") {
        let appositive = tokens
            .get(k + 1)
            .is_some_and(|t| matches!(t.lower.as_str(), "which" | "who" | "whose" | "one"));
        return (appositive, !appositive);
    }
    while let Some(t) = tokens.get(k).filter(|t| t.word) {
        if is(&t.lower, lx::VERB | lx::STATE_NOUN | lx::TITLE)
            || (t.lower.ends_with("ed") && !t.cap())
        {
            return (true, false);
        }
        if !is(&t.lower, lx::AUX) {
            break;
        }
        if matches!(
            t.lower.as_str(),
            "has" | "have" | "had" | "is" | "was" | "will" | "would"
        ) {
            return (true, false);
        }
        k += 1;
    }
    (false, true)
}

/// A country written as the head of a hyphenated word: "Iranian-backed" and "Iran-led" make it
/// an actor, "Iran-based" a place. The mention covers the head only.
fn compound(tokens: &[Token], i: usize) -> Option<Cand> {
    let t = tokens.get(i).filter(|t| t.word)?;
    let (head, tail) = t.text.split_once('-')?;
    let (idx, form) = GAZETTEER.country(head)?;
    if !tail.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    let tail = tail.to_lowercase();
    let actor = [
        "backed",
        "led",
        "supported",
        "sponsored",
        "funded",
        "armed",
        "brokered",
        "allied",
    ]
    .contains(&tail.as_str());
    let place = ["based", "born", "held", "controlled", "bound"].contains(&tail.as_str());
    let end = t.start + head.chars().count();
    Some(Cand {
        start: t.start,
        end,
        first: i,
        last: i + 1,
        kind: Kind::Country {
            idx,
            form,
            actor,
            place,
        },
    })
}

/// Countries listed together ("Iran, Russia and Turkey said") share the actor role of the list.
fn share_list_roles(tokens: &[Token], cands: &mut [Cand]) {
    let mut k = cands.len();
    while k > 1 {
        k -= 1;
        let (before, after) = cands.split_at_mut(k);
        let (prev, cur) = (&mut before[k - 1], &after[0]);
        let linked = tokens.get(prev.last..cur.first).is_some_and(|between| {
            !between.is_empty() && between.iter().all(|t| t.text == "," || t.lower == "and")
        });
        if let (
            Kind::Country { actor: true, .. },
            Kind::Country {
                form: Form::Name,
                actor,
                place,
                ..
            },
        ) = (&cur.kind, &mut prev.kind)
        {
            if linked {
                *actor = true;
                *place = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tokens::tokenize;

    fn span(start: usize, end: usize, kind: NerType) -> NerSpan {
        NerSpan { start, end, kind }
    }

    #[test]
    fn ner_spans_are_resolved_by_the_gazetteers() {
        let text = "Lavrov met Syrian officials in Aleppo and Ansari. Syrian rebels left.";
        let tokens = tokenize(text);
        let spans = [
            span(0, 6, NerType::Person),
            span(11, 17, NerType::Misc),
            span(31, 37, NerType::Location),
            span(42, 48, NerType::Location),
            span(50, 56, NerType::Misc),
        ];
        let kinds: Vec<Kind> = from_ner(&tokens, &spans)
            .into_iter()
            .map(|c| c.kind)
            .collect();
        let syria = GAZETTEER
            .country("Syria")
            .map(|(idx, _)| idx)
            .unwrap_or(usize::MAX);
        assert_eq!(
            kinds,
            [
                Kind::Person("Lavrov".into()),
                Kind::Country {
                    idx: syria,
                    form: Form::Demonym,
                    actor: true,
                    place: false
                },
                Kind::Area {
                    name: "Aleppo".into(),
                    strong: true,
                    ner: true
                },
                Kind::PlacePhrase {
                    name: "Ansari".into(),
                    base: "Ansari".into()
                },
                Kind::Group("Syrian rebels".into()),
            ]
        );
    }
}
