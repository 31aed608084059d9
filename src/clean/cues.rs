//! Cue words as data: the lists of class names, labels and phrases the cleaner reads live in
//! `data/clean/`, one entry per line, and are read here once, when first used.

/// The entries of a cue file: one per line, blank lines and `#` comments left out.
pub(crate) fn list(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
}

/// A listed word as it stands between two others in running text: " und ", and ", " for a comma.
pub(crate) fn between_words(word: &str) -> String {
    if word == "," {
        ", ".to_string()
    } else {
        format!(" {word} ")
    }
}

/// A cue list of `data/clean/`, named by its path there without `.txt`
/// (`cues!("names/boiler-words")`), read on first use.
macro_rules! cues {
    ($file:literal) => {
        std::sync::LazyLock::new(|| {
            $crate::clean::cues::list(include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/clean/",
                $file,
                ".txt"
            )))
        })
    };
}
pub(crate) use cues;
