//! The author(s): bylines, author metas and JSON-LD, cleaned to names of people.

use super::date::{month_number, weekday, written_date};
use super::{meta, squash, visible, JsonLd, SiteNames};
use crate::clean::cues::{between_words, cues};
use crate::clean::html::{byline_start, RawMeta};
use crate::clean::normalize_space;
use crate::ingest::Hints;
use regex::Regex;
use std::sync::LazyLock;

/// Words that join co-authors' names ("Ann Lee und Bo Chen"); alone, none is a name.
static JOINERS: LazyLock<Vec<&str>> = cues!("bylines/name-joiners");

/// Meta names that carry an author name.
static AUTHOR_METAS: LazyLock<Vec<&str>> = cues!("bylines/author-metas");

/// The author(s): container hint; else the first person's name among a byline heading the
/// text, the author metas, JSON-LD, byline elements and lines, "By …" in date lines and the
/// author box; with no person named, the credit the post gives (a source line, a wire
/// agency), a signature under the text, the copyright owner. Names of the site or of an
/// organisation are skipped: pages put the publisher in `author` fields.
pub(super) fn author(
    raw: &RawMeta,
    hints: &Hints,
    ld: &JsonLd,
    site: &SiteNames,
    body: &[String],
) -> Option<String> {
    if !hints.authors.is_empty() {
        return Some(hints.authors.join(", "));
    }
    let people = People::new(raw, ld, site);
    let person = |name: &String| people.person(name);
    let (candidates, boxed_from) = candidates(raw, ld, site, body);
    // Personal sites name their owner in the copyright line: the last resort, when the page
    // names nobody else.
    let owner = || {
        raw.copyright_lines
            .iter()
            .filter_map(|l| copyright_holder(l))
            .find(|n| person(n) && looks_like_name(n))
    };
    // Personal blogs are named after their author, and some pages only credit the
    // newsroom: with no person named, the first name given stands.
    let owner = candidates.is_empty().then(owner).flatten();
    let first = candidates.iter().position(person);
    // A first pick that reads like a label, a handle or glued text ("Auteurs",
    // "ann_lee", "Ann LeeMo") gives way to a name the page repeats more often (over the
    // article, in its footer, in the author box).
    let voted = first.filter(|&i| weak_name(&candidates[i])).and_then(|i| {
        let votes = |c: &String| {
            candidates
                .iter()
                .filter(|x| x.to_lowercase() == c.to_lowercase())
                .count()
        };
        let best = candidates.iter().filter(|c| person(c)).max_by_key(|c| {
            (
                votes(c),
                std::cmp::Reverse(candidates.iter().position(|x| x == *c)),
            )
        })?;
        (votes(best) > votes(&candidates[i])).then_some(best)
    });
    // A post that names no person may still credit a newsroom or agency, which beats the
    // metadata's publisher and the bylines of other posts.
    let credit = first
        .is_none_or(|i| i >= boxed_from)
        .then(|| credit(raw))
        .flatten();
    let signed = first.is_none().then(|| signature(raw, &people)).flatten();
    let found = credit
        .as_ref()
        .or(voted)
        .or(first.map(|i| &candidates[i]))
        .or(signed.as_ref())
        .or(owner.as_ref())
        .or(candidates.first())?;
    Some(completed(found, &candidates, &people, raw, ld, body))
}

/// Tells a person's name from the site's, an organisation's, the copyright holder's or a
/// headline a byline box repeats.
struct People<'a> {
    /// The holder of the page's copyright meta is its publisher, whom big publishing houses
    /// also put in the author meta ("Copyright (c) Bay Nast 2023").
    holder: Option<String>,
    /// A theme's byline box may hold the headline too ("Headline December 4, 2018").
    headlines: Vec<String>,
    site: &'a SiteNames,
}

impl<'a> People<'a> {
    fn new(raw: &RawMeta, ld: &JsonLd, site: &'a SiteNames) -> People<'a> {
        let headlines = raw
            .h1s
            .iter()
            .map(|h| squash(&h.text))
            .chain(ld.headline.as_deref().map(squash))
            .collect();
        let holder = meta(raw, "copyright")
            .and_then(copyright_holder)
            .map(|h| squash(&h));
        People {
            holder,
            headlines,
            site,
        }
    }

    /// Whether `name` may be a person's. Initials of an outlet or agency ("dpa", "AP", "LN")
    /// credit the newsroom, not a person.
    fn person(&self, name: &str) -> bool {
        self.holder.as_ref().is_none_or(|h| *h != squash(name))
            && !self.site.named_by(name)
            && !organisation(name)
            && !initials(name)
            && !lowercase_word(name)
            && !self.headlines.contains(&squash(name))
    }
}

/// The names the page gives, in order of trust, and where the bylines of teasers and
/// sidebars start among them.
fn candidates(
    raw: &RawMeta,
    ld: &JsonLd,
    site: &SiteNames,
    body: &[String],
) -> (Vec<String>, usize) {
    let mut trusted: Vec<String> = AUTHOR_METAS
        .iter()
        .filter_map(|name| meta(raw, name).and_then(clean_author))
        .collect();
    trusted.extend(labelled_meta(raw).and_then(clean_author));
    trusted.extend((!ld.authors.is_empty()).then(|| ld.authors.join(", ")));
    let bylines = raw.authors.iter().filter_map(|a| clean_author(a));
    // Date lines that credit someone ("22. Oktober 2019 von ann"), and short lines of the
    // page that open like a byline; both must read like a name.
    let credits = raw
        .date_texts
        .iter()
        .filter(|t| BY_WORD.is_match(t))
        .filter_map(|t| clean_author(t));
    // Without the agency a writer credits ("Ann Lee, dpa") before the name test.
    let lines = raw
        .byline_lines
        .iter()
        .filter_map(|t| clean_author(t))
        .map(|n| without_outlet(&n, site))
        .filter(|n| looks_like_name(n));
    // Bylines in menus, sidebars and teasers name other posts' authors: only when nothing
    // else names one.
    let boxed = raw
        .boxed_authors
        .iter()
        .filter_map(|a| clean_author(a))
        .chain(
            raw.boxed_byline_lines
                .iter()
                .filter_map(|t| clean_author(t))
                .map(|n| without_outlet(&n, site))
                .filter(|n| looks_like_name(n)),
        );
    // Short lines that give the date, then the writer ("25.10.2022 - Ann Lee").
    let dated = raw.short_blocks.iter().filter_map(|b| dated_name(b));
    // The box about the author that opens with a name alone ("Ann Lee" over her bio).
    // Past the box's label ("Über den Autor", "About the author"; not "Über Ann Lee").
    static BIO_LABEL_WORDS: LazyLock<Vec<&str>> = cues!("bylines/bio-label-words");
    let label = |t: &&String| {
        let lower = t.to_lowercase();
        t.len() <= 40
            && BIO_LABEL_WORDS.iter().any(|l| lower.contains(l))
            && t.split_whitespace()
                .any(|w| w.starts_with(char::is_lowercase))
    };
    let bio = raw
        .bio_openings
        .iter()
        .find(|t| !label(t))
        .filter(|t| plain_name(t))
        .and_then(|t| clean_author(t));
    // Pages that render the byline with JavaScript keep it in their app state or data layer;
    // other scripts name the authors of teasers: only when the page shows no byline.
    let scripted = raw.script_authors.iter().filter_map(|v| {
        let names: Vec<String> = script_names(v)
            .iter()
            .filter_map(|n| clean_author(n))
            .collect();
        (!names.is_empty()).then(|| names.join(", "))
    });
    // A byline at the head of the article text ("Von Ann Lee", "Ein Interview von Ann Lee
    // mit Bo Chen") names the writer, where metas may name the account that posted it.
    let headed = body
        .iter()
        .take(4)
        .filter(|p| p.len() <= 120 && byline_start(p))
        .filter_map(|p| clean_author(p))
        .map(|n| without_outlet(&n, site))
        .filter(|n| (2..=4).contains(&n.split_whitespace().count()) && one_name(n))
        .take(1);
    let mut candidates: Vec<String> = headed
        .chain(trusted)
        .chain(bylines)
        .chain(credits)
        .chain(lines)
        .chain(dated)
        .chain(bio)
        .map(|c| without_outlet(&c, site))
        .collect();
    if candidates.is_empty() {
        candidates = scripted.map(|c| without_outlet(&c, site)).collect();
    }
    let boxed_from = candidates.len();
    candidates.extend(boxed.map(|c| without_outlet(&c, site)));
    (candidates, boxed_from)
}

/// The signature under the text: two or three words of a name, or one over a line break
/// ("Benni<br>10. September 2017"). Letters and posts are signed there.
fn signature(raw: &RawMeta, people: &People) -> Option<String> {
    let line = raw.signature.as_deref()?;
    let name = clean_author(line)?;
    let words = name.split_whitespace().count();
    let shape = (2..=3).contains(&words) || (words == 1 && line.ends_with('\n'));
    let plain = !line.contains([':', '!', '?', '*', '/']);
    (shape && plain && looks_like_name(&name) && people.person(&name)).then_some(name)
}

/// The pick made whole: the full name for a first name, the list it opens, the name a handle
/// or login stands for.
fn completed(
    found: &String,
    candidates: &[String],
    people: &People,
    raw: &RawMeta,
    ld: &JsonLd,
    body: &[String],
) -> String {
    let person = |name: &String| people.person(name);
    // A first name alone ("Ann") where a byline gives the full one ("Ann Lee").
    let fuller = candidates.iter().find(|a| {
        // Not the blog's name with a label glued on ("Creeny Standard" beside "Creeny").
        person(a)
            && !found.contains(' ')
            && a.split_whitespace().count() <= 3
            && a.starts_with(&format!("{found} "))
            && !lowercase_word(a)
    });
    let found = fuller.unwrap_or(found);
    // A byline that lists the pick with the co-authors ("Ann Lee, Bo Chen") where a meta
    // names only the first; each a full name, not a job or an outlet ("Ann Lee, Marketing,
    // Google").
    static AND: LazyLock<Vec<String>> =
        LazyLock::new(|| JOINERS.iter().map(|w| between_words(w)).collect());
    let listed = candidates.iter().find(|c| {
        c.strip_prefix(found.as_str())
            .is_some_and(|rest| AND.iter().any(|sep| rest.starts_with(sep)))
            && AND
                .iter()
                .fold(vec![c.as_str()], |parts, sep| {
                    parts.iter().flat_map(|p| p.split(sep)).collect()
                })
                .iter()
                .all(|p| {
                    let p = p.to_string();
                    (2..=4).contains(&p.split_whitespace().count())
                        && one_name(&p)
                        && person(&p)
                        && !weak_name(&p)
                })
    });
    let found = listed.unwrap_or(found);
    let longer = person(found)
        .then(|| longer_name(found, raw, body))
        .flatten()
        // JSON-LD types its author a Person: a login of that person's names ("ann.lee")
        // stands for the name when the page gives no fuller form.
        .or_else(|| {
            (person(found) && ld.authors.contains(found))
                .then(|| login_name(found))
                .flatten()
        });
    longer.unwrap_or_else(|| found.clone())
}

/// The full name the page gives for a first name alone or a user handle: the author box
/// opens with it ("Ann Lee - reporter since …" for "Ann"), and a handle's parts
/// ("ann.lee", "ann_lee") are the first and last words of a name in the author box or
/// the text ("Ann B. Lee").
fn longer_name(found: &str, raw: &RawMeta, body: &[String]) -> Option<String> {
    if found.contains(' ') {
        return None;
    }
    let mut parts = found.split(['.', '_']);
    let (first, last) = match (parts.next(), parts.next(), parts.next()) {
        (Some(first), None, _) if first.starts_with(char::is_uppercase) => (first, None),
        (Some(first), Some(last), None) => (first, Some(last)),
        _ => return None,
    };
    let alphabetic = |w: &str| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic);
    if !alphabetic(first) || !last.is_none_or(alphabetic) {
        return None;
    }
    let mut chars = first.chars();
    let first: String = chars.next()?.to_uppercase().chain(chars).collect();
    let in_text = |text: &str| name_after(text, &first, last);
    raw.bio_openings
        .iter()
        .find_map(|t| in_text(t))
        // The text names people the author writes about: only a handle's two parts tell
        // the author from them.
        .or_else(|| last.and_then(|_| body.iter().find_map(|t| in_text(t))))
}

/// The name a login of a first and a last name spells: "ann.lee", "ann_lee" give "Ann Lee".
/// Lower case only: "Ann.LeeChen" may be how the person writes it.
fn login_name(login: &str) -> Option<String> {
    let (first, last) = login.split_once(['.', '_'])?;
    // Three letters at least: not a domain's ending ("de") or a club's initials ("sv_team").
    let part = |w: &str| w.chars().count() >= 3 && w.chars().all(|c| c.is_lowercase());
    if !part(first) || !part(last) {
        return None;
    }
    let capital = |w: &str| {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    Some(format!("{} {}", capital(first), capital(last)))
}

/// The name in `text` that opens with the word `first` and goes on with capitalised words:
/// one or two of them ("Ann Lee", "Ann Lee-Chen Wu"), or up to the word `last` within three
/// ("Ann B. Lee").
fn name_after(text: &str, first: &str, last: Option<&str>) -> Option<String> {
    let word = |w: &str| {
        w.starts_with(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
    };
    text.match_indices(first).find_map(|(i, _)| {
        let rest = &text[i + first.len()..];
        if text[..i].ends_with(char::is_alphanumeric) || !rest.starts_with(' ') {
            return None;
        }
        let mut name = first.to_string();
        for w in rest.split_whitespace().take(3) {
            let bare = w.trim_end_matches([',', ';', ':', ')']);
            if !word(bare) || (bare.ends_with('.') && bare.chars().count() > 2) {
                break;
            }
            name.push(' ');
            name.push_str(bare);
            match last {
                Some(last) if bare.eq_ignore_ascii_case(last) => return Some(name),
                // An initial ("Ann B.") is no last name.
                None if !bare.ends_with('.') => return Some(name),
                _ => {}
            }
            if bare != w {
                break;
            }
        }
        None
    })
}

/// What the page credits when it names no person: the source or issuer a line gives
/// ("Quelle: MDR THÜRINGEN/ls", "Herausgeber: Ann AG"), or the agency of wire copy ("Hamburg
/// (dpa/lno) – …", "… (FR mit dpa)"). Newsrooms credit themselves there, where author metas
/// and JSON-LD name the publisher.
fn credit(raw: &RawMeta) -> Option<String> {
    // "Quelle: (Strato)", "Quelle: DJV, 02. Februar 2022, Berlin". A list ("Source: CDC,
    // Chicago Department of Public Health") gives a table's or a chart's sources.
    let plausible = |s: &str| {
        let s = match s.split_once(", ") {
            Some((head, tail)) if tail.starts_with(|c: char| c.is_ascii_digit()) => head,
            _ => s,
        };
        let s = s.trim().trim_end_matches('.').trim();
        let s = s
            .strip_prefix('(')
            .and_then(|s| s.strip_suffix(')'))
            .unwrap_or(s);
        (!s.is_empty()
            && s.split_whitespace().count() <= 4
            && !s.contains(',')
            && s.chars().any(char::is_alphabetic)
            && !s.contains("://")
            && !s.contains('@'))
        .then(|| s.to_string())
    };
    let wire = || {
        let dateline = raw
            .paragraph_credits
            .iter()
            .find(|(c, d)| *d && wire_credit(c, true));
        let closing = raw
            .paragraph_credits
            .iter()
            .rfind(|(c, d)| !*d && wire_credit(c, false));
        dateline.or(closing).map(|(c, _)| c.as_str())
    };
    raw.source_lines
        .iter()
        .find_map(|l| plausible(l))
        .or_else(|| wire().and_then(plausible))
}

/// Whether a bracket credits a news agency: its marks ("dpa/lno"), maybe beside the
/// newsroom's ("FR mit dpa"), one of them a wire service everyone knows. A lone capital
/// acronym closing a paragraph names what the sentence spoke of ("… the Associated Press
/// (AP)"), so it counts only after a dateline's place.
fn wire_credit(text: &str, dateline: bool) -> bool {
    static WIRES: LazyLock<Vec<&str>> = cues!("bylines/wire-agencies");
    static JOINS: LazyLock<Vec<&str>> = cues!("bylines/wire-joins");
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '/' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let known = |w: &str| WIRES.contains(&w.to_lowercase().as_str());
    let lone_acronym = words.len() == 1 && !words[0].contains(char::is_lowercase);
    words.len() <= 5
        && words.iter().any(|w| known(w))
        && words
            .iter()
            .all(|w| known(w) || agency_mark(w) || JOINS.contains(w))
        && (dateline || !lone_acronym)
}

/// The value of a Twitter card's data field whose label credits the writer: SEO plugins
/// (Yoast) put the author there, `twitter:label1` "Written by" and `twitter:data1` "Ann Lee".
fn labelled_meta(raw: &RawMeta) -> Option<&str> {
    static WRITTEN_BY: LazyLock<Vec<&str>> = cues!("bylines/written-by-metas");
    raw.metas.iter().find_map(|(k, v)| {
        let n = k.strip_prefix("twitter:label")?;
        if !WRITTEN_BY.contains(&v.trim().to_lowercase().as_str()) {
            return None;
        }
        meta(raw, &format!("twitter:data{n}"))
    })
}

/// The words of a byline up to where the name ends: before the month of a date that was cut
/// off (`dated`: "Ann Lee Oct" from "Ann Lee Oct 2, 2019"), a link label
/// ("Twitter", "View all") or a label ("Kategorien:").
fn name_words(s: &str, dated: bool) -> String {
    static LABELS: LazyLock<Vec<&str>> = cues!("bylines/name-labels");
    static DATE_PREPOSITIONS: LazyLock<Vec<&str>> = cues!("bylines/date-prepositions");
    static FILING_PREPOSITIONS: LazyLock<Vec<&str>> = cues!("bylines/filing-prepositions");
    static LAST_UPDATED: LazyLock<Vec<&str>> = cues!("bylines/last-updated");
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut kept: Vec<&str> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let bare = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        let last = i + 1 == words.len();
        let stop = i > 0
            && (w.starts_with(['(', '/', '|'])
                || DATE_PREPOSITIONS.contains(w)
                // "Ann Lee in Politik", "… under News": the section a post is filed in (not
                // a job's place after a comma: "Ann Lee, head of HSS in Tunis").
                || (FILING_PREPOSITIONS.contains(w) && !kept.iter().any(|k| k.ends_with(',')))
                // "Ann Lee In Aktuell": themes capitalise the word before the category.
                || (*w == "In" && !last)
                || LABELS.contains(&bare.as_str())
                || (dated && last && month_number(&bare).is_some()));
        // "Ann Lee Last updated …", "Ann Lee Zuletzt aktualisiert …".
        let updated = words.get(i + 1).is_some_and(|n| {
            let n = n.to_lowercase();
            LAST_UPDATED
                .iter()
                .any(|p| p.split_once(' ') == Some((&bare, &n)))
        });
        if stop || (i > 0 && updated) {
            break;
        }
        // "Ann Lee/June 7, 2021": the month of a date glued to the name by a slash.
        if let Some((name, month)) = w.split_once('/') {
            if dated && last && i > 0 && month_number(&month.to_lowercase()).is_some() {
                kept.push(name);
                break;
            }
        }
        // "Ann Lee Edition : Bo Chen": a label before a spaced colon ends the name too.
        if i > 0 && (w.ends_with(':') || words.get(i + 1) == Some(&":")) {
            break;
        }
        kept.push(w);
    }
    kept.join(" ")
}

/// The name that ends a short date line after a separator: "25.10.2022 - Ann Lee",
/// "04.02.2022 | 13:10 Uhr | Ann Lee". Only two or three capitalised words count, so that
/// a section or a place ("03.05.2022 | Politik") does not.
fn dated_name(line: &str) -> Option<String> {
    let (head, tail) = [" | ", " - ", " – ", " · "]
        .iter()
        .filter_map(|sep| line.rsplit_once(sep))
        .max_by_key(|(head, _)| head.len())?;
    let words = tail.split_whitespace().count();
    let name = (2..=3).contains(&words)
        // Digits and commas: a time, a list of categories ("Medien, Politik").
        && !tail.contains(|c: char| c.is_ascii_digit() || c == ',')
        && one_name(tail)
        && written_date(head, false).is_some();
    name.then(|| tail.trim().to_string())
}

/// A byline without the outlet around the name: "Site - Ann Lee", "Ann Lee, Site", and
/// without the agency it credits beside the writer ("Ann Lee, dpa": wires write their
/// initials in lower case, broadcasters theirs in capitals, as part of the team).
fn without_outlet(name: &str, site: &SiteNames) -> String {
    let name = site.strip(name);
    match name.rsplit_once(',') {
        Some((head, tail))
            if !head.trim().is_empty()
                && (site.named_by(tail)
                    || organisation(tail)
                    || (initials(tail.trim()) && tail.trim().starts_with(char::is_lowercase))
                    || own_initials(head, tail.trim())) =>
        {
            return head.trim().to_string();
        }
        _ => {}
    }
    // "Ann Lee/dpa", "Ann Lee/SP-X": a wire credited after a slash.
    match name.rsplit_once('/') {
        Some((head, tail)) if head.trim().contains(' ') && agency_mark(tail.trim()) => {
            head.trim().to_string()
        }
        _ => name,
    }
}

/// Whether `tail` is the initials of the name `head` ("Ann Lee,AL"): editors sign with them.
fn own_initials(head: &str, tail: &str) -> bool {
    let initials: String = head
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .collect();
    initials.chars().count() >= 2 && tail == initials
}

/// Whether a word reads like a news agency's mark: lower-case initials ("dpa", "afp") or
/// capitals, maybe hyphenated ("AP", "SP-X").
fn agency_mark(word: &str) -> bool {
    let letters = word.chars().filter(|c| *c != '-').count();
    word.chars().all(|c| c.is_alphabetic() || c == '-')
        && ((2..=5).contains(&letters) && word.chars().all(|c| c == '-' || c.is_uppercase())
            || (2..=3).contains(&letters) && word.chars().all(char::is_lowercase))
}

/// The names in the value of an `"author":` key of a script: a string (`"Ann Lee"`,
/// `'Ann Lee'`), or the `"name"`s of an object or a list of them
/// (`[{"name":"Ann Lee","@type":"Person"}]`). `value` may be cut off.
fn script_names(value: &str) -> Vec<String> {
    // A quoted string up to its closing quote; JSON escapes ("R\u00e4del") decoded.
    let quoted = |v: &str| -> Option<String> {
        let q = v.chars().next().filter(|c| matches!(c, '"' | '\''))?;
        let mut escaped = false;
        let end = v[1..].char_indices().find_map(|(i, c)| {
            let close = c == q && !escaped;
            escaped = c == '\\' && !escaped;
            close.then_some(i + 1)
        })?;
        let s = &v[..=end];
        match q {
            '"' => serde_json::from_str::<String>(s).ok(),
            _ => Some(s[1..end].to_string()),
        }
    };
    match value.chars().next() {
        Some('"' | '\'') => quoted(value).into_iter().collect(),
        Some(open @ ('{' | '[')) => {
            // The names before the object or list closes (nested objects aside).
            let close = if open == '{' { '}' } else { ']' };
            let scope = &value[..value.find(close).unwrap_or(value.len())];
            scope
                .match_indices("\"name\"")
                .filter_map(|(i, _)| {
                    let after = scope[i + 6..].trim_start().strip_prefix(':')?;
                    quoted(after.trim_start())
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// The holder of a copyright line: "© 2012–2020 by Ann Lee. All rights reserved." gives
/// "Ann Lee".
fn copyright_holder(line: &str) -> Option<String> {
    // A link to the page about copyrights ("Copyright Policy") is no notice: that has the
    // sign or a year.
    let lower = line.to_lowercase();
    if !(line.contains(['©', '\u{2117}', ':'])
        || lower.contains("(c)")
        || line.contains(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    static NOTICE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:copyright|©|\(c\)|\s|[\d\-–/,]|by\b)+").expect("valid regex")
    });
    let rest = NOTICE.replace(line, "");
    let lower = rest.to_lowercase();
    let end = [
        "all rights",
        "alle rechte",
        "tous droits",
        "todos los derechos",
    ]
    .iter()
    .filter_map(|p| lower.find(p))
    .min()
    .filter(|&i| rest.is_char_boundary(i))
    .unwrap_or(rest.len());
    let name = rest[..end]
        .trim_end_matches([' ', '.'])
        .split(['|', '•', '·', ',', '(', '/'])
        .next()
        .unwrap_or("")
        .split(" - ")
        .next()
        .unwrap_or("");
    clean_author(name)
}

/// "von", "by" as a word.
static BY_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:^|\s)(?:von|by|par|por)\s").expect("valid regex"));

/// One to four words that start with a capital (particles aside), or a list of such names
/// ("Ann Lee, Bo Chen und Cy Dunn").
fn looks_like_name(s: &str) -> bool {
    let parts: Vec<&str> = s
        .split([',', '&', '/'])
        .flat_map(|p| p.split(" und "))
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .collect();
    if parts.len() > 1 {
        return parts.iter().all(|p| !p.is_empty() && one_name(p));
    }
    one_name(s)
}

fn one_name(s: &str) -> bool {
    static PARTICLES: LazyLock<Vec<&str>> = cues!("bylines/name-particles");
    let words: Vec<&str> = s.split_whitespace().collect();
    match words.len() {
        // A one-word line ("Von wegen!") must look like a name or a handle; scripts without
        // case (Chinese) have no capitals to tell.
        1 => {
            s.starts_with(char::is_uppercase)
                || s.contains(|c: char| c.is_ascii_digit() || c == '_')
                || s.chars()
                    .all(|c| c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase())
        }
        2..=4 => words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || PARTICLES.contains(w)),
        _ => false,
    }
}

/// Whether a line is a name alone: two or three capitalised words of letters (an initial
/// "B." among them), no sentence or quote.
fn plain_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    line.len() <= 40
        && (2..=3).contains(&words.len())
        && words.iter().enumerate().all(|(i, w)| {
            let initial = w.len() <= 3 && w.ends_with('.') && i + 1 < words.len();
            w.starts_with(char::is_uppercase)
                && (initial
                    || w.chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’')))
        })
}

/// A name without the job title or degrees bylines add: "Rechtsanwalt Ann Lee",
/// "Ann Lee Chefredakteurin", "Ann Lee, PhD".
fn without_titles(name: &str) -> String {
    static JOBS: LazyLock<Vec<&str>> = cues!("bylines/job-titles");
    static DEGREES: LazyLock<Vec<&str>> = cues!("bylines/degrees");
    let job = |w: &str| JOBS.contains(&w.to_lowercase().as_str());
    let mut words: Vec<&str> = name.split_whitespace().collect();
    if words.len() > 2 && job(words[0]) {
        words.remove(0);
    }
    if words.len() > 2 && words.last().is_some_and(|w| job(w)) {
        words.pop();
    }
    let name = words.join(" ");
    // Degrees follow the name after commas.
    let mut parts: Vec<&str> = name.split(',').map(str::trim).collect();
    while parts.len() > 1
        && parts
            .last()
            .is_some_and(|p| DEGREES.contains(&p.to_lowercase().as_str()))
    {
        parts.pop();
    }
    parts.join(", ")
}

/// Whether a name of several words has one in lower case that no name has ("deinen
/// Hochzeitsbloggern", "Ann Lee herrpfleger", "mady Energy Rising"): a phrase, or a name
/// glued to a handle or a headline.
fn lowercase_word(name: &str) -> bool {
    static SMALL: LazyLock<Vec<&str>> = cues!("bylines/lowercase-name-words");
    name.contains(' ')
        && name
            .split_whitespace()
            .any(|w| w.starts_with(char::is_lowercase) && !SMALL.contains(&w.trim_end_matches(',')))
}

/// Whether a byline is an outlet's or agency's initials ("dpa", "AP", "LN"), not a first
/// name ("Ela").
fn initials(name: &str) -> bool {
    let n = name.chars().count();
    name.chars().all(char::is_alphabetic)
        && ((n <= 4 && name.chars().all(char::is_uppercase))
            || (n <= 3 && name.chars().all(char::is_lowercase)))
}

/// Whether a byline reads less like a person's name than like a label, a user handle
/// ("ann_lee", "ann.lee") or text glued by markup ("Ann LeeMo 9 Apr").
fn weak_name(name: &str) -> bool {
    let handle =
        !name.contains(' ') && (name.contains(['_', '.']) || !name.contains(char::is_uppercase));
    let glued = name.split_whitespace().skip(1).any(|w| {
        let c: Vec<char> = w.chars().collect();
        c.windows(2)
            .any(|p| p[0].is_lowercase() && p[1].is_uppercase())
    });
    handle || glued || !looks_like_name(name)
}

/// Whether a name is an organisation's or a web address rather than a person's.
fn organisation(name: &str) -> bool {
    static ORG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(include_str!(
            "../../../data/clean/patterns/organisation-words.re"
        ))
        .expect("valid regex")
    });
    ORG.is_match(name)
}

/// A person's name from an author field or byline: no URLs, handles or e-mail addresses,
/// without "By", "Posted by", and without the date and time bylines add.
pub(super) fn clean_author(s: &str) -> Option<String> {
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(include_str!(
            "../../../data/clean/patterns/byline-date-line.re"
        ))
        .expect("valid regex")
    });
    // Where a date or time starts, with the word that introduces it ("am", "on", "Le").
    static WHEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:\s+(?:am|at|on|le|um|den|el|il|,))?(?:\s+|^)(?:(?:mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+)?\d")
            .expect("valid regex")
    });
    // "Ann Lee @annlee" names the person twice; "Ann Lee im Gespräch mit Bo Chen" two.
    // Soft hyphens ("Mat\u{ad}thi\u{ad}as") only guide line breaking.
    let s: String = normalize_space(&visible(s))
        .split(' ')
        .filter(|w| !(w.len() > 1 && w.starts_with('@')))
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" im Gespräch mit ", ", ");
    // "Ein Interview von Ann Lee mit Bo Chen": the one interviewed is no author.
    const INTERVIEW: &str = "ein interview von ";
    let s = if s
        .get(..INTERVIEW.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(INTERVIEW))
    {
        s.split(" mit ").next().unwrap_or_default().to_string()
    } else {
        s
    };
    // "22. Oktober 2019 · von Ann Lee": after a date, the name follows the last "von"/"by"
    // (but "Christoph von Ritter" is one name).
    let lower = s.to_lowercase();
    static BY_WORDS: LazyLock<Vec<&str>> = cues!("bylines/by-words");
    static BY_BETWEEN: LazyLock<Vec<String>> =
        LazyLock::new(|| BY_WORDS.iter().map(|w| between_words(w)).collect());
    static GLUED_LABELS: LazyLock<Vec<&str>> = cues!("bylines/glued-labels");
    let after_by = BY_BETWEEN
        .iter()
        .filter_map(|w| lower.rfind(w.as_str()).map(|i| (i, w.len())))
        .max()
        .filter(|&(i, _)| {
            s.is_char_boundary(i)
                && s[..i].split_whitespace().any(|w| {
                    w.contains(|c: char| c.is_ascii_digit() || "·|•".contains(c))
                        // "Text von Ann Lee Illustration von Bo Chen": a credit's own "von"
                        // is no sign that a date line came first.
                        || (w.starts_with(char::is_lowercase)
                            && !BY_WORDS.contains(&w))
                })
        });
    let s = match after_by {
        Some((i, n)) if s.is_char_boundary(i + n) => s[i + n..].to_string(),
        _ => s,
    };
    let s = BY.replace(&s, "");
    // A label glued to the name by markup: "AuthorAnn Lee".
    let s = GLUED_LABELS
        .iter()
        .find_map(|l| {
            s.strip_prefix(l)
                .filter(|rest| rest.starts_with(|c: char| c.is_uppercase()))
        })
        .unwrap_or(&s);
    let s = s.split(['|', '\u{2022}', '·']).next().unwrap_or("");
    // "Ann Lee13.12.2022 - 08:13": a date glued to a name of words by markup ends it (a
    // handle alone may hold digits).
    let glued = s.char_indices().find(|&(i, c)| {
        c.is_ascii_digit() && s[..i].ends_with(char::is_alphabetic) && s[..i].contains(' ')
    });
    let s = glued.map_or(s, |(i, _)| &s[..i]);
    let (s, dated) = match WHEN.find(s) {
        Some(m) if m.start() >= 2 => (&s[..m.start()], true),
        _ => (s, false),
    };
    let s = name_words(s, dated);
    let s = s
        .trim()
        .trim_end_matches(['-', '–', '—', ',', ':', '»', '→', '/', '(', ')'])
        .trim()
        // A full stop standing alone ("Ann Lee ."), not an initial's.
        .trim_end_matches(" .");
    let s = s.trim_start_matches([':', '-', '–', ' ']);
    let s = without_titles(s);
    // "Ann Lee, Projektleiterin der HSS in Tunesien": a job description after the name.
    let s = match s.split_once(", ") {
        Some((head, tail)) if head.contains(' ') && lowercase_word(tail) => head.to_string(),
        _ => s,
    };
    let s = s.as_str();
    let lower = s.to_lowercase();
    static PLACEHOLDERS: LazyLock<Vec<&str>> = cues!("bylines/placeholder-names");
    static LINK_LABELS: LazyLock<Vec<&str>> = cues!("bylines/link-label-openings");
    static PHOTO_CREDITS: LazyLock<Vec<&str>> = cues!("credits/photo-credit-openings");
    static AUTHOR_HEADINGS: LazyLock<Vec<&str>> = cues!("bylines/author-headings");
    let plausible = !s.is_empty()
        && !s.contains("://")
        && !s.contains('@')
        && !lower.contains("[at]")
        // Nor a web agency's credit ("Web Commerce GmbH www.w-commerce.de").
        && !s.starts_with("www.")
        && !s.contains(" www.")
        // A possessive before more words is a blog's or a column's title ("Ann's Blog
        // For …"), not a name.
        && !s
            .split_whitespace()
            .rev()
            .skip(1)
            .any(|w| w.ends_with("'s") || w.ends_with("’s"))
        // Nor a lone conjunction, left of a credit like "Text und Interview: …".
        && !JOINERS.contains(&lower.as_str())
        && !PLACEHOLDERS.contains(&lower.as_str())
        // A name has a few words; a list of names a few per name.
        && s.split_whitespace().count() <= 8.max(4 * (1 + s.matches([',', '&']).count().min(3)))
        && s.chars().any(char::is_alphabetic)
        // Durations, dates and counters ("01:30 Min.") are no names.
        && !s.starts_with(|c: char| c.is_ascii_digit())
        // Nor a date line's weekday ("Donnerstag, 4. November" cut at the digit).
        && !lower.split_whitespace().next().is_some_and(|w| weekday(w.trim_end_matches(',')))
        // Link labels beside a byline ("Alle Beiträge", "View profile", "Zuletzt geändert").
        && !lower.split_whitespace().next().is_some_and(|w| LINK_LABELS.contains(&w))
        // Photo credits and headings over author boxes.
        && !PHOTO_CREDITS.iter().any(|p| lower.starts_with(p))
        && !AUTHOR_HEADINGS.contains(&lower.as_str());
    plausible.then(|| s.to_string())
}
