//! Knowledge about written words that every stage cutting text shares: which words keep their
//! final period ("Mr.", "U.S.", "J. Smith"), so that neither the recogniser's tokenizer nor the
//! passage splitter ends a sentence there. The list is data: `data/abbreviations/en.txt`.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Abbreviations, lower case, without their period.
static ABBREVIATIONS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/abbreviations/en.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// True when `word` (as written before a period, without it) keeps the period: an initial
/// ("J"), a dotted abbreviation ("U.S"), or a listed one ("Mr", "Sept"). Opening punctuation
/// before the word ("(Mr") does not count.
pub fn keeps_period(word: &str) -> bool {
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let mut chars = word.chars();
    let initial = chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none();
    initial
        || (word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.'))
        || ABBREVIATIONS.contains(word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_dotted_and_listed_words_keep_their_period() {
        for word in ["J", "U.S", "Mr", "(Mr", "SEPT", "Gov"] {
            assert!(keeps_period(word), "{word}");
        }
        for word in ["said", "rebels", "12", ""] {
            assert!(!keeps_period(word), "{word}");
        }
    }
}
