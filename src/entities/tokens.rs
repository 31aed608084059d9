//! Tokens: the words and punctuation of a text with character offsets, as entity linking reads
//! them.
//!
//! In: a text. Out: [`Token`]s with start/end in characters (Unicode scalars), the word's
//! lower-case form, and cues the rules read (capitalised, sentence-initial, possessive). The
//! cutting is the recogniser's ([`crate::ner::tokenize`]): abbreviations ("U.S.", "Mr."),
//! hyphenated and apostrophe words ("al-Assad", "O'Brien") stay one token; a possessive "'s" is
//! folded into its word.

/// One word or punctuation mark.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// The token as written.
    pub text: &'a str,
    /// Lower-cased text.
    pub lower: String,
    /// Start, in characters.
    pub start: usize,
    /// End (exclusive), in characters.
    pub end: usize,
    /// True for words (starting with a letter or digit), false for punctuation.
    pub word: bool,
    /// True when the word starts a sentence (or a quotation).
    pub sent_start: bool,
    /// True when a possessive "'s" followed the word.
    pub possessive: bool,
}

impl Token<'_> {
    /// True when the word starts with an upper-case letter, or is a name particle joined by a
    /// hyphen to a capitalised part ("al-Assad").
    pub fn cap(&self) -> bool {
        let mut chars = self.text.chars();
        match chars.next() {
            Some(c) if c.is_uppercase() => true,
            Some(c) if c.is_lowercase() => match self.text.split_once('-') {
                Some((head, tail)) => {
                    super::lexicon::is(head, super::lexicon::PARTICLE)
                        && tail.chars().next().is_some_and(char::is_uppercase)
                }
                None => false,
            },
            _ => false,
        }
    }

    /// True for an acronym written in capitals ("NATO", "FT", "U.N.").
    pub fn acronym(&self) -> bool {
        let letters = self.text.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2
            && self
                .text
                .chars()
                .all(|c| c.is_uppercase() || c == '.' || c == '&')
    }
}

/// Splits `text` into tokens: the recogniser's tokens ([`crate::ner::tokenize`], one tokenizer
/// for both), with a possessive "'s" folded into the word before it and the cues added.
#[cfg(test)]
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    from_sentences(text, &crate::ner::tokenize::sentences(text))
}

/// [`tokenize`] of `text` already cut into `sentences`, so the recogniser and the rules share
/// one cutting.
pub fn from_sentences<'a>(
    text: &'a str,
    sentences: &[Vec<crate::ner::tokenize::Token>],
) -> Vec<Token<'a>> {
    let mut out: Vec<Token<'a>> = Vec::new();
    for sentence in sentences {
        let mut sent_start = true;
        for t in sentence {
            let piece = t.text(text);
            if matches!(piece, "'s" | "’s" | "'S" | "’S") {
                if let Some(last) = out.last_mut().filter(|w| w.word && w.end == t.start) {
                    last.possessive = true;
                    continue;
                }
            }
            let word = piece.chars().next().is_some_and(char::is_alphanumeric);
            out.push(Token {
                text: piece,
                lower: if word {
                    piece.to_lowercase()
                } else {
                    String::new()
                },
                start: t.start,
                end: t.end,
                word,
                sent_start: word && sent_start,
                possessive: false,
            });
            if word {
                sent_start = false;
            }
            // A quotation, a colon or a dash starts a new clause, whose first word may be
            // capitalised without being a name.
            if !word && OPENS_CLAUSE.contains(&piece) {
                sent_start = true;
            }
        }
    }
    out
}

/// Punctuation after which a capital does not mark a name.
const OPENS_CLAUSE: &[&str] = &[
    ".", "!", "?", ":", ";", "“", "\"", "‘", "(", "[", "•", "–", "—", "...", "…",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn keeps_abbreviations_hyphens_and_cuts_possessives() {
        assert_eq!(
            words("The U.S. and al-Assad’s Iranian-backed men."),
            [
                "The",
                "U.S.",
                "and",
                "al-Assad",
                "Iranian-backed",
                "men",
                "."
            ]
        );
        assert_eq!(words("end.Next"), ["end", ".", "Next"]);
    }

    #[test]
    fn offsets_count_characters() {
        let toks = tokenize("Ça va, Zürich?");
        let z = toks
            .iter()
            .find(|t| t.text == "Zürich")
            .expect("Zürich is a token");
        assert_eq!((z.start, z.end), (7, 13));
        assert!(toks[0].sent_start);
        assert!(!z.sent_start);
    }
}
