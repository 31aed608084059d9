//! The words of prose fields, for indexing and for queries alike.
//!
//! In: text. Out: Tantivy tokens with byte offsets into the text. Words are runs of letters and
//! digits; runs of Chinese, Japanese or Korean script, which do not separate words by spaces,
//! become overlapping pairs of characters (character bigrams: 東京都 -> 東京, 京都), so a query
//! in those scripts finds the text without a dictionary. [`prose_analyzer`] then lowercases,
//! folds accents (`Zürich` and `zurich` are one word) and stems English.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer, Token,
    TokenStream, Tokenizer,
};

/// Name under which [`prose_analyzer`] is registered on every index.
pub const PROSE: &str = "newsdex_prose";
/// Longer tokens (in bytes) are dropped: no word is that long, a base64 blob is.
const MAX_TOKEN_BYTES: usize = 60;

/// The analyzer of passage text and titles: words and CJK bigrams, lowercased, folded, stemmed.
pub fn prose_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// True for characters of scripts written without spaces between words (and Hangul, whose
/// words carry particles): they are indexed as character bigrams.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x1100..=0x11FF    // Hangul Jamo
        | 0x3130..=0x318F    // Hangul Compatibility Jamo
        | 0xAC00..=0xD7AF    // Hangul Syllables
        | 0x20000..=0x2FA1F  // CJK Extensions B-F, Compatibility Supplement
    )
}

/// Splits text into words and CJK bigrams.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The tokens of one text, one at a time, in one reused [`Token`].
pub struct WordTokenStream<'a> {
    text: &'a str,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    /// Inside a CJK run: the start of the last character, which opens the next bigram.
    run: Option<usize>,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            text,
            chars: text.char_indices().peekable(),
            run: None,
            token: &mut self.token,
        }
    }
}

impl WordTokenStream<'_> {
    /// Makes `text[from..to]` the current token.
    fn emit(&mut self, from: usize, to: usize) -> bool {
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..to]);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = self.token.position.wrapping_add(1);
        true
    }

    /// After a CJK character: the end of its bigram with the next one, if that is CJK too.
    fn pair(&mut self) -> Option<usize> {
        match self.chars.peek() {
            Some(&(i, d)) if is_cjk(d) => {
                self.chars.next();
                self.run = Some(i);
                Some(i + d.len_utf8())
            }
            _ => {
                self.run = None;
                None
            }
        }
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some(from) = self.run {
            if let Some(to) = self.pair() {
                return self.emit(from, to);
            }
        }
        while let Some((start, c)) = self.chars.next() {
            if is_cjk(c) {
                // A run of CJK characters: each pair of neighbours, or the lone character.
                let to = self.pair().unwrap_or(start + c.len_utf8());
                return self.emit(start, to);
            }
            if c.is_alphanumeric() {
                let mut end = start + c.len_utf8();
                while let Some(&(i, d)) = self.chars.peek() {
                    if !d.is_alphanumeric() || is_cjk(d) {
                        break;
                    }
                    end = i + d.len_utf8();
                    self.chars.next();
                }
                return self.emit(start, end);
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::prose_analyzer;

    fn terms(text: &str) -> Vec<String> {
        let mut analyzer = prose_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push(token.text.clone());
        }
        out
    }

    #[test]
    fn accents_fold_and_english_stems() {
        assert_eq!(terms("Zürich"), terms("zurich"));
        assert_eq!(terms("São Paulo"), vec!["sao", "paulo"]);
        assert_eq!(terms("Rebels evacuated"), vec!["rebel", "evacu"]);
    }

    #[test]
    fn cjk_runs_become_bigrams_between_words() {
        assert_eq!(terms("東京都"), vec!["東京", "京都"]);
        assert_eq!(
            terms("在北京开会 G20"),
            vec!["在北", "北京", "京开", "开会", "g20"]
        );
        assert_eq!(terms("日"), vec!["日"]);
        assert_eq!(terms("서울에서"), vec!["서울", "울에", "에서"]);
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "Café Überlinger, 東京";
        let mut analyzer = prose_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut spans = Vec::new();
        while let Some(t) = stream.next() {
            spans.push(&text[t.offset_from..t.offset_to]);
        }
        assert_eq!(spans, vec!["Café", "Überlinger", "東京"]);
    }
}
