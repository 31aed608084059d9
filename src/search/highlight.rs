//! Highlight: finds where the words of a query occur in a passage.
//!
//! In: the parsed query and a passage. Out: `[start, end)` character ranges of the passage's
//! words that the query looks for (negated words excepted), found with the index's own
//! tokenizer and stemmer so that "rebels" marks "rebel".

use std::collections::HashSet;
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;

/// The indexed forms (lowercased, stemmed) of the words `query` looks for in `fields`.
pub(crate) fn query_words(query: &dyn Query, fields: &[Field]) -> HashSet<String> {
    let mut words = HashSet::new();
    // A stack, not recursion: a deeply nested query must not overflow.
    let mut stack: Vec<(&dyn Query, bool)> = vec![(query, false)];
    while let Some((q, negated)) = stack.pop() {
        if let Some(boolean) = q.downcast_ref::<BooleanQuery>() {
            for (occur, sub) in boolean.clauses() {
                stack.push((sub.as_ref(), negated ^ (*occur == Occur::MustNot)));
            }
            continue;
        }
        if negated {
            continue;
        }
        q.query_terms(&mut |term, _| {
            if fields.contains(&term.field()) {
                if let Some(word) = term.value().as_str() {
                    words.insert(word.to_string());
                }
            }
        });
    }
    words
}

/// Character ranges of the tokens of `text` whose indexed form is in `words`.
pub(crate) fn highlights(
    analyzer: &mut TextAnalyzer,
    text: &str,
    words: &HashSet<String>,
) -> Vec<[usize; 2]> {
    let mut out = Vec::new();
    if words.is_empty() {
        return out;
    }
    let mut stream = analyzer.token_stream(text);
    // Tokens come in text order, so byte offsets convert to characters in one pass.
    let (mut byte_at, mut char_at) = (0, 0);
    while let Some(token) = stream.next() {
        if !words.contains(&token.text) {
            continue;
        }
        let (from, to) = (token.offset_from, token.offset_to);
        let (Some(gap), Some(word)) = (text.get(byte_at..from), text.get(from..to)) else {
            continue;
        };
        char_at += gap.chars().count();
        let len = word.chars().count();
        out.push([char_at, char_at + len]);
        char_at += len;
        byte_at = to;
    }
    out
}
