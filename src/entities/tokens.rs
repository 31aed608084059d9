//! Tokens: splits a text into words and punctuation with character offsets.
//!
//! In: a text. Out: [`Token`]s with start/end in characters (Unicode scalars), the word's
//! lower-case form, and cues the recognizer reads (capitalised, sentence-initial, possessive).
//! Abbreviations with dots ("U.S.", "U.N.") and hyphenated or apostrophe words ("al-Assad",
//! "Iranian-backed", "O'Brien") stay one token; a possessive "'s" is cut off.

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

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut sent_start = true;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            // A line break ends a sentence (lists, captions, datelines).
            sent_start |= c == '\n';
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Token {
                text: &text[byte_at(i)..byte_at(i + 1)],
                lower: String::new(),
                start: i,
                end: i + 1,
                word: false,
                sent_start: false,
                possessive: false,
            });
            if matches!(
                c,
                '.' | '!' | '?' | ':' | ';' | '“' | '"' | '‘' | '(' | '[' | '•' | '–' | '—'
            ) {
                sent_start = true;
            }
            i += 1;
            continue;
        }
        let start = i;
        i = word_end(&chars, i);
        let mut end = i;
        let mut possessive = false;
        let word = &text[byte_at(start)..byte_at(end)];
        if end - start > 2 && (word.ends_with("'s") || word.ends_with("’s")) {
            end -= 2;
            possessive = true;
        }
        let word = &text[byte_at(start)..byte_at(end)];
        out.push(Token {
            text: word,
            lower: word.to_lowercase(),
            start,
            end,
            word: true,
            sent_start,
            possessive,
        });
        sent_start = false;
    }
    out
}

/// The end of the word starting at `i`: letters and digits, joined by single inner hyphens,
/// apostrophes and ampersands, and by dots between single letters ("U.S.").
fn word_end(chars: &[(usize, char)], mut i: usize) -> usize {
    let mut segment = 0;
    let mut dotted = false;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_alphanumeric() {
            segment += 1;
            i += 1;
            continue;
        }
        let next_alnum = chars.get(i + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
        if c == '.' && segment == 1 && chars.get(i + 1).is_some_and(|&(_, n)| n.is_alphabetic()) {
            dotted = true;
        } else if c == '.' && segment == 1 && (dotted || initial(chars, i)) {
            // The closing dot of an abbreviation or an initial ("S. Waugh") belongs to it.
            return i + 1;
        } else if !(matches!(c, '-' | '\'' | '’' | '&') && next_alnum) {
            break;
        }
        segment = 0;
        i += 1;
    }
    i
}

/// True when the dot at `i` closes a capital initial followed by a capitalised word.
fn initial(chars: &[(usize, char)], i: usize) -> bool {
    let letter = i
        .checked_sub(1)
        .and_then(|k| chars.get(k))
        .is_some_and(|&(_, c)| c.is_uppercase());
    let word_start = i < 2 || chars.get(i - 2).is_some_and(|&(_, c)| !c.is_alphanumeric());
    let space = chars.get(i + 1).is_some_and(|&(_, c)| c == ' ');
    let cap = chars.get(i + 2).is_some_and(|&(_, c)| c.is_uppercase());
    letter && word_start && space && cap
}

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
