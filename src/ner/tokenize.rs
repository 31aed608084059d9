//! Tokenizer for raw text, close to CoNLL-2003 (Penn Treebank style) tokens.
//!
//! In: any text. Out: sentences of [`Token`]s with character and byte offsets. Punctuation is
//! split from words, but "U.S.", "Mr.", "1,000", "cease-fire" stay whole and a possessive 's
//! becomes its own token. Line breaks and sentence-final punctuation end sentences.

/// A token of raw text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Start in characters.
    pub start: usize,
    /// End (exclusive) in characters.
    pub end: usize,
    /// Start in bytes.
    pub byte_start: usize,
    /// End (exclusive) in bytes.
    pub byte_end: usize,
}

impl Token {
    /// The token's text in `text` (the string it was cut from).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.byte_start..self.byte_end).unwrap_or("")
    }
}

/// Characters split off the start of a word.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '\'' | '`' | '“' | '‘' | '«' | '„' | '¿' | '¡' | '<'
    )
}

/// Characters split off the end of a word (the period is handled apart).
fn is_closing(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '"' | '\'' | '”' | '’' | '»' | ',' | ';' | ':' | '!' | '?' | '…' | '>'
    )
}

/// Splits `text` into sentences of tokens.
pub fn sentences(text: &str) -> Vec<Vec<Token>> {
    let mut out: Vec<Vec<Token>> = Vec::new();
    let mut sentence: Vec<Token> = Vec::new();
    let mut pieces: Vec<Token> = Vec::new();
    for (chunk, newline_before) in chunks(text) {
        if newline_before && !sentence.is_empty() {
            out.push(std::mem::take(&mut sentence));
        }
        pieces.clear();
        split_chunk(text, chunk, &mut pieces);
        for piece in pieces.drain(..) {
            let word = piece.text(text);
            // A new sentence starts after . ! ? when the next word looks like a sentence start.
            if ends_sentence(&sentence, text) && starts_sentence(word) {
                out.push(std::mem::take(&mut sentence));
            }
            sentence.push(piece);
        }
    }
    if !sentence.is_empty() {
        out.push(sentence);
    }
    out
}

fn ends_sentence(sentence: &[Token], text: &str) -> bool {
    let mut words = sentence.iter().rev().map(|t| t.text(text));
    let mut last = words.next();
    // Closing quotes and brackets after the stop belong to the ending sentence.
    while let Some(w) = last {
        if matches!(w, "\"" | "'" | "”" | "’" | ")" | "»") {
            last = words.next();
        } else {
            break;
        }
    }
    matches!(last, Some("." | "!" | "?" | "..." | "…"))
}

fn starts_sentence(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_opening(c))
}

/// Whitespace-separated chunks as tokens, each flagged when a line break precedes it.
fn chunks(text: &str) -> Vec<(Token, bool)> {
    let mut out = Vec::new();
    let mut newline = false;
    let mut current: Option<Token> = None;
    for (chars, (bytes, c)) in text.char_indices().enumerate() {
        if c.is_whitespace() {
            if let Some(t) = current.take() {
                out.push((t, newline));
                newline = false;
            }
            if c == '\n' || c == '\u{2029}' || c == '\u{2028}' {
                newline = true;
            }
        } else if let Some(t) = current.as_mut() {
            t.end = chars + 1;
            t.byte_end = bytes + c.len_utf8();
        } else {
            current = Some(Token {
                start: chars,
                end: chars + 1,
                byte_start: bytes,
                byte_end: bytes + c.len_utf8(),
            });
        }
    }
    if let Some(t) = current {
        out.push((t, newline));
    }
    out
}

/// Splits one whitespace-free chunk into tokens.
fn split_chunk(text: &str, chunk: Token, out: &mut Vec<Token>) {
    let word = chunk.text(text);
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let (mut lo, mut hi) = (0usize, chars.len());
    let mut tail: Vec<(usize, usize)> = Vec::new(); // char ranges within the chunk, reversed
    while lo < hi && is_opening(chars[lo].1) && !is_contraction(&chars[lo..hi]) {
        push_piece(chunk, &chars, word, lo, lo + 1, out);
        lo += 1;
    }
    loop {
        if hi <= lo {
            break;
        }
        let last = chars[hi - 1].1;
        if hi - lo >= 3 && is_possessive(&chars[hi - 2..hi]) {
            tail.push((hi - 2, hi));
            hi -= 2;
        } else if last == '.' {
            let dots = chars[lo..hi]
                .iter()
                .rev()
                .take_while(|(_, c)| *c == '.')
                .count();
            if dots >= 2 {
                tail.push((hi - dots, hi));
                hi -= dots;
            } else if hi - lo > 1
                && !crate::words::keeps_period(&word[chars[lo].0..chars[hi - 1].0])
            {
                tail.push((hi - 1, hi));
                hi -= 1;
            } else {
                break;
            }
        } else if is_closing(last) && hi - lo > 1 {
            tail.push((hi - 1, hi));
            hi -= 1;
        } else {
            break;
        }
    }
    if lo < hi {
        split_inner(chunk, &chars, word, lo, hi, out);
    }
    for &(a, b) in tail.iter().rev() {
        push_piece(chunk, &chars, word, a, b, out);
    }
}

/// Splits a core word at inner "--" and at a period glued between two sentences.
fn split_inner(
    chunk: Token,
    chars: &[(usize, char)],
    word: &str,
    lo: usize,
    hi: usize,
    out: &mut Vec<Token>,
) {
    let mut start = lo;
    let mut i = lo;
    while i + 1 < hi {
        // Sentences glued by a lost space ("said.The"): the period stands alone.
        let glued = chars[i].1 == '.'
            && i > start
            && chars[i - 1].1.is_lowercase()
            && chars[i + 1].1.is_uppercase();
        if glued {
            push_piece(chunk, chars, word, start, i, out);
            push_piece(chunk, chars, word, i, i + 1, out);
            start = i + 1;
            i += 1;
            continue;
        }
        if chars[i].1 == '-' && chars[i + 1].1 == '-' && i > start {
            push_piece(chunk, chars, word, start, i, out);
            let mut j = i;
            while j < hi && chars[j].1 == '-' {
                j += 1;
            }
            push_piece(chunk, chars, word, i, j, out);
            start = j;
            i = j;
            continue;
        }
        i += 1;
    }
    if start < hi {
        push_piece(chunk, chars, word, start, hi, out);
    }
}

fn push_piece(
    chunk: Token,
    chars: &[(usize, char)],
    word: &str,
    a: usize,
    b: usize,
    out: &mut Vec<Token>,
) {
    let byte_start = chunk.byte_start + chars[a].0;
    let byte_end = chunk.byte_start + chars.get(b).map_or(word.len(), |c| c.0);
    out.push(Token {
        start: chunk.start + a,
        end: chunk.start + b,
        byte_start,
        byte_end,
    });
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_possessive(two: &[(usize, char)]) -> bool {
    is_apostrophe(two[0].1) && matches!(two[1].1, 's' | 'S')
}

/// "'s" standing alone is a token, not a quote followed by "s".
fn is_contraction(rest: &[(usize, char)]) -> bool {
    rest.len() == 2 && is_possessive(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<&str>> {
        sentences(text)
            .iter()
            .map(|s| s.iter().map(|t| t.text(text)).collect())
            .collect()
    }

    #[test]
    fn splits_punctuation_keeps_abbreviations() {
        assert_eq!(
            words("Mr. Smith (of the U.S.) paid $1,000, didn't he? Yes."),
            vec![
                vec![
                    "Mr.", "Smith", "(", "of", "the", "U.S.", ")", "paid", "$1,000", ",", "didn't",
                    "he", "?"
                ],
                vec!["Yes", "."]
            ]
        );
    }

    #[test]
    fn a_period_glued_between_sentences_splits_them() {
        assert_eq!(
            words("Talks ended.The minister left the U.S.Army base."),
            vec![
                vec!["Talks", "ended", "."],
                vec!["The", "minister", "left", "the", "U.S.Army", "base", "."]
            ]
        );
    }

    #[test]
    fn possessive_and_quotes() {
        assert_eq!(
            words("\"Lavrov's aides' cease-fire,\" he said."),
            vec![vec![
                "\"",
                "Lavrov",
                "'s",
                "aides",
                "'",
                "cease-fire",
                ",",
                "\"",
                "he",
                "said",
                "."
            ]]
        );
    }

    #[test]
    fn conll_style_text_is_kept() {
        let text = "BRUSSELS 1996-08-22\nThe U.S. 's top 's , -- he said .";
        assert_eq!(
            words(text),
            vec![
                vec!["BRUSSELS", "1996-08-22"],
                vec!["The", "U.S.", "'s", "top", "'s", ",", "--", "he", "said", "."]
            ]
        );
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        let text = "Über “Zoë’s” café, Aleppo.";
        let toks: Vec<Token> = sentences(text).concat();
        let got: Vec<(&str, usize, usize)> = toks
            .iter()
            .map(|t| (t.text(text), t.start, t.end))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Über", 0, 4),
                ("“", 5, 6),
                ("Zoë", 6, 9),
                ("’s", 9, 11),
                ("”", 11, 12),
                ("café", 13, 17),
                (",", 17, 18),
                ("Aleppo", 19, 25),
                (".", 25, 26)
            ]
        );
        let chars: Vec<char> = text.chars().collect();
        for t in &toks {
            assert_eq!(
                chars[t.start..t.end].iter().collect::<String>(),
                t.text(text)
            );
        }
    }

    #[test]
    fn empty_and_blank_text() {
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\t ").is_empty());
    }
}
