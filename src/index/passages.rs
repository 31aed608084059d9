//! Passages: cuts an article into units of retrieval.
//!
//! In: an [`Article`] and its [`DocEntities`]. Out: [`Passage`]s: the title alone (number 0),
//! then body paragraphs and comments, short ones joined with the following ones and long ones
//! cut at sentence ends, aiming at [`MIN_WORDS`] to [`MAX_WORDS`] words. Each passage carries the
//! canonical actors and places mentioned in the text it covers.

use super::{Passage, Section};
use crate::clean::Article;
use crate::entities::{self, DocEntities, Mention};

/// A passage shorter than this takes in the following paragraph when both fit in [`MAX_WORDS`].
pub const MIN_WORDS: usize = 40;
/// Paragraphs longer than this are cut at sentence ends.
pub const MAX_WORDS: usize = 150;

/// A piece of one input text: `text_idx` indexes `ents.mentions`, `chars` is its character range.
struct Unit<'a> {
    text: &'a str,
    text_idx: usize,
    chars: (usize, usize),
    words: usize,
}

/// Splits an article into passages. `ents.mentions` is aligned with
/// `[title, body paragraphs..., comments...]`.
pub fn passages(article: &Article, ents: &DocEntities) -> Vec<Passage> {
    let mut out = Vec::new();
    let title = article.title.trim();
    if !title.is_empty() {
        let mentions = ents.mentions.first().map(Vec::as_slice).unwrap_or(&[]);
        out.push(Passage {
            number: 0,
            section: Section::Title,
            text: title.to_string(),
            actors: entities::actors(mentions),
            places: entities::places(mentions),
        });
    }
    let body_units = units(&article.body, 1);
    // The standfirst sums up the whole story: joined to the lead paragraph, it would dilute
    // the lead's terms with the summary's, and the lead would rank below shorter passages.
    let lead = 1 + article.lead.min(article.body.len());
    let comment_units = units(&article.comments, 1 + article.body.len());
    // Sorted by start, so each passage finds its mentions by bisection: a scan of the text's
    // mentions per passage is quadratic on a long paragraph.
    let sorted: Vec<Vec<&Mention>> = ents
        .mentions
        .iter()
        .map(|found| {
            let mut found: Vec<&Mention> = found.iter().collect();
            found.sort_by_key(|m| m.start);
            found
        })
        .collect();
    for (section, units) in [
        (Section::Body, body_units),
        (Section::Comments, comment_units),
    ] {
        for group in group(units, lead) {
            let number = out.len() as u64 + u64::from(title.is_empty());
            out.push(join(&group, number, section, &sorted));
        }
    }
    out
}

/// Cuts each text into pieces of at most [`MAX_WORDS`] words; `first_idx` is the mentions index
/// of the first text.
fn units(texts: &[String], first_idx: usize) -> Vec<Unit<'_>> {
    let mut out = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let mut char_pos = 0;
        let mut byte_pos = 0;
        for (start, end) in pieces(text) {
            let piece = &text[start..end];
            char_pos += text[byte_pos..start].chars().count();
            let len = piece.chars().count();
            byte_pos = end;
            let trimmed = piece.trim();
            if !trimmed.is_empty() {
                out.push(Unit {
                    text: trimmed,
                    text_idx: first_idx + i,
                    chars: (char_pos, char_pos + len),
                    words: trimmed.split_whitespace().count(),
                });
            }
            char_pos += len;
        }
    }
    out
}

/// Joins consecutive units while the passage is short and the result stays within the limit;
/// the units of the texts before index `lead` (the standfirst) are not joined to later ones.
fn group(units: Vec<Unit<'_>>, lead: usize) -> Vec<Vec<Unit<'_>>> {
    let mut groups: Vec<Vec<Unit>> = Vec::new();
    let mut current: Vec<Unit> = Vec::new();
    let mut words = 0;
    for unit in units {
        if !current.is_empty()
            && (words >= MIN_WORDS
                || words + unit.words > MAX_WORDS
                || (current[0].text_idx < lead) != (unit.text_idx < lead))
        {
            groups.push(std::mem::take(&mut current));
            words = 0;
        }
        words += unit.words;
        current.push(unit);
    }
    if !current.is_empty() {
        groups.push(current);
    }
    groups
}

/// Makes one passage of a group of units; `sorted` holds each text's mentions by start.
fn join(group: &[Unit<'_>], number: u64, section: Section, sorted: &[Vec<&Mention>]) -> Passage {
    let mut text = String::new();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut last_idx = None;
    for unit in group {
        if let Some(last) = last_idx {
            // Pieces of one paragraph continue the line; separate paragraphs keep a break.
            text.push(if last == unit.text_idx { ' ' } else { '\n' });
        }
        text.push_str(unit.text);
        last_idx = Some(unit.text_idx);
        let (start, end) = unit.chars;
        if let Some(found) = sorted.get(unit.text_idx) {
            let first = found.partition_point(|m| m.start < start);
            let past = found.partition_point(|m| m.start < end);
            mentions.extend(found[first..past].iter().map(|m| (*m).clone()));
        }
    }
    Passage {
        number,
        section,
        actors: entities::actors(&mentions),
        places: entities::places(&mentions),
        text,
    }
}

/// Byte ranges covering `text`, each at most [`MAX_WORDS`] words, cut at sentence ends when
/// possible and between words otherwise.
fn pieces(text: &str) -> Vec<(usize, usize)> {
    if text.split_whitespace().count() <= MAX_WORDS {
        return vec![(0, text.len())];
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut words = 0;
    let mut last_end = 0;
    for (s, e) in sentences(text) {
        let n = text[s..e].split_whitespace().count();
        if words > 0 && words + n > MAX_WORDS {
            out.push((start, last_end));
            start = s;
            words = 0;
        }
        if n > MAX_WORDS {
            // One sentence too long to keep whole (lists, run-on wire copy): cut between words.
            let starts = word_starts(&text[s..e]);
            let mut cut = s;
            for chunk_start in starts.iter().step_by(MAX_WORDS).skip(1) {
                out.push((cut, s + chunk_start));
                cut = s + chunk_start;
            }
            start = cut;
            words = text[cut..e].split_whitespace().count();
        } else {
            words += n;
        }
        last_end = e;
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// Byte offsets where words start.
fn word_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev_space = true;
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() && prev_space {
            out.push(i);
        }
        prev_space = c.is_whitespace();
    }
    out
}

/// Byte ranges of the sentences of `text`, covering it without gaps.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '”' | '’' | ')' | ']') {
                j += 1;
            }
            let spaced = j < chars.len() && chars[j].1.is_whitespace();
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let next_starts = k < chars.len() && {
                let n = chars[k].1;
                n.is_uppercase() || n.is_numeric() || matches!(n, '"' | '“' | '‘' | '\'' | '(')
            };
            if spaced && next_starts && !(c == '.' && is_abbreviation(text, chars[i].0)) {
                out.push((start, chars[k].0));
                start = chars[k].0;
                i = k;
                continue;
            }
        }
        i += 1;
    }
    out.push((start, text.len()));
    out
}

/// True when the word before the period at byte `dot` keeps it ([`crate::words`]).
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let word = text[..dot].rsplit(char::is_whitespace).next().unwrap_or("");
    crate::words::keeps_period(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::Label;

    fn words(n: usize, w: &str) -> String {
        vec![w; n].join(" ")
    }

    fn mention(start: usize, end: usize, name: &str, place: bool) -> Mention {
        Mention {
            start,
            end,
            label: if place { Label::Place } else { Label::Person },
            name: name.to_string(),
            actor: !place,
            place,
        }
    }

    #[test]
    fn title_is_passage_zero_and_short_paragraphs_join() {
        let article = Article {
            title: "Rebels take the town".into(),
            body: vec![words(10, "alpha"), words(10, "beta"), words(60, "gamma")],
            ..Article::default()
        };
        let ps = passages(&article, &DocEntities::default());
        assert_eq!(ps[0].number, 0);
        assert_eq!(ps[0].section, Section::Title);
        assert_eq!(ps[0].text, "Rebels take the town");
        // 10 + 10 words are short, the 60-word paragraph joins them (80 <= 150).
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[1].number, 1);
        assert_eq!(ps[1].section, Section::Body);
        assert_eq!(ps[1].text.lines().count(), 3);
    }

    #[test]
    fn the_standfirst_is_a_passage_of_its_own() {
        // Joined, the summary's 12 words would dilute the lead paragraph's 60.
        let mut article = Article {
            title: "Pier closes".into(),
            body: vec![
                format!("{}.", words(12, "summary")),
                words(60, "lead"),
                words(50, "more"),
            ],
            lead: 1,
            ..Article::default()
        };
        let ps = passages(&article, &DocEntities::default());
        assert_eq!(ps.len(), 4);
        assert_eq!(ps[1].text, article.body[0]);
        assert_eq!(ps[2].text, article.body[1]);
        // A short first paragraph not marked as the standfirst is joined as before.
        article.lead = 0;
        let ps = passages(&article, &DocEntities::default());
        assert_eq!(ps.len(), 3);
        assert_eq!(ps[1].text.lines().count(), 2);
    }

    #[test]
    fn each_passage_of_a_long_paragraph_gets_the_mentions_inside_it() {
        // "Name0 said. Name1 said. ...": one paragraph, cut into many passages; the mentions
        // are given out of order, as nothing promises they come sorted.
        let n = 1000;
        let para: Vec<String> = (0..n).map(|i| format!("N{i:03} said.")).collect();
        let para = para.join(" ");
        let mut found: Vec<Mention> = (0..n)
            .map(|i| {
                let start = para.find(&format!("N{i:03} ")).unwrap();
                mention(start, start + 4, &format!("N{i:03}"), false)
            })
            .collect();
        found.reverse();
        let article = Article {
            body: vec![para],
            ..Article::default()
        };
        let ents = DocEntities {
            mentions: vec![Vec::new(), found],
            places: Vec::new(),
        };
        let ps = passages(&article, &ents);
        assert!(ps.len() > 10, "{} passages", ps.len());
        for p in &ps {
            let named: Vec<String> = p
                .text
                .split_whitespace()
                .filter(|w| w.starts_with('N'))
                .map(String::from)
                .collect();
            assert_eq!(p.actors, named, "{}", p.text);
        }
    }

    #[test]
    fn long_paragraph_is_cut_at_sentence_ends() {
        let sentence = format!("{} end.", words(29, "word"));
        let para = vec![sentence; 12].join(" ");
        let article = Article {
            body: vec![para],
            ..Article::default()
        };
        let ps = passages(&article, &DocEntities::default());
        assert!(ps.len() >= 3, "{} passages", ps.len());
        for p in &ps {
            let n = p.text.split_whitespace().count();
            assert!(n <= MAX_WORDS, "{n} words");
            assert!(
                p.text.ends_with("end."),
                "cut inside a sentence: {:?}",
                p.text
            );
        }
        // Numbering starts at 1 even without a title: 0 is the title's.
        assert_eq!(ps[0].number, 1);
    }

    #[test]
    fn seed_page_passages_keep_every_word_within_limits() {
        let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/seeds/000_94247b07ada20bb3.txt");
        let Ok(text) = std::fs::read_to_string(&seed) else {
            eprintln!("skipped: {} is absent", seed.display());
            return;
        };
        let mut paras = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
        let title = paras.next().unwrap_or_default().to_string();
        let body: Vec<String> = paras.map(String::from).collect();
        let article = Article {
            title: title.clone(),
            body: body.clone(),
            ..Article::default()
        };
        let ps = passages(&article, &DocEntities::default());
        assert_eq!(ps[0].text, title);
        let words = |t: &str| t.split_whitespace().map(String::from).collect::<Vec<_>>();
        let got: Vec<String> = ps[1..].iter().flat_map(|p| words(&p.text)).collect();
        let want: Vec<String> = body.iter().flat_map(|p| words(p)).collect();
        assert_eq!(got, want, "passages must cover the body exactly, in order");
        for p in &ps[1..] {
            assert!(p.text.split_whitespace().count() <= MAX_WORDS, "{}", p.text);
        }
        // Fewer passages than paragraphs: the one-line paragraphs were joined.
        assert!(
            ps.len() - 1 < body.len(),
            "{} passages, {} paragraphs",
            ps.len() - 1,
            body.len()
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let s = sentences("Mr. Smith met Dr. Jones in the U.S. today. Then they left.");
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn run_on_text_is_cut_between_words() {
        let article = Article {
            body: vec![words(400, "x")],
            ..Article::default()
        };
        let ps = passages(&article, &DocEntities::default());
        assert_eq!(ps.len(), 3);
        assert!(ps
            .iter()
            .all(|p| p.text.split_whitespace().count() <= MAX_WORDS));
    }

    #[test]
    fn comments_are_separate_and_mentions_follow_their_text() {
        let article = Article {
            title: "Vote in Kyiv".into(),
            body: vec![format!("Zelensky spoke. {}", words(50, "filler"))],
            comments: vec![format!("Lavrov lied. {}", words(50, "angry"))],
            ..Article::default()
        };
        let ents = DocEntities {
            mentions: vec![
                vec![mention(8, 12, "Kyiv", true)],
                vec![mention(0, 8, "Volodymyr Zelensky", false)],
                vec![mention(0, 6, "Sergei Lavrov", false)],
            ],
            places: Vec::new(),
        };
        let ps = passages(&article, &ents);
        assert_eq!(ps.len(), 3);
        assert_eq!(ps[0].places, vec!["Kyiv"]);
        assert_eq!(ps[1].actors, vec!["Volodymyr Zelensky"]);
        assert!(ps[1].places.is_empty());
        assert_eq!(ps[2].section, Section::Comments);
        assert_eq!(ps[2].actors, vec!["Sergei Lavrov"]);
    }

    #[test]
    fn mentions_go_to_the_piece_of_a_cut_paragraph_they_are_in() {
        let first = format!("Putin {} end.", words(99, "w"));
        let second = format!("Macron {} end.", words(99, "w"));
        let para = format!("{first} {second}");
        let macron_at = para[..para.find("Macron").unwrap()].chars().count();
        let article = Article {
            body: vec![para],
            ..Article::default()
        };
        let ents = DocEntities {
            mentions: vec![
                vec![],
                vec![
                    mention(0, 5, "Vladimir Putin", false),
                    mention(macron_at, macron_at + 6, "Emmanuel Macron", false),
                ],
            ],
            places: Vec::new(),
        };
        let ps = passages(&article, &ents);
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].actors, vec!["Vladimir Putin"]);
        assert_eq!(ps[1].actors, vec!["Emmanuel Macron"]);
    }
}
