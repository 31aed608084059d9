//! The query language: from what a user types to a Tantivy query and the words to rank by.
//!
//! In: the query text, the section searched, strict or ranked mode. Out: a [`Plan`]: the query
//! that selects and scores passages, and the plain words the ranker counts in each passage.
//!
//! Plain words are *ranked*, as in every search box: a passage holding any of them is a
//! candidate, scored by BM25 (a disjunction of terms, which Tantivy prunes with block-max WAND);
//! [`super::rank`] then puts first the passages holding more of them, close together, in articles
//! about them. Stopwords (of English and of the query's own language when it can be told) count
//! for nothing in that. With `all_words`, every plain word that is not a stopword must match.
//! Explicit syntax keeps its meaning: `+word` and `AND` require, `-word` and `NOT` exclude,
//! `"phrases"`, `field:value`, ranges and `word*` are required unless joined by `OR`.

use super::scope::ArticleScope;
use super::{SearchError, QUERY_FIELDS};
use crate::index::schema::{Fields, HEAD_ONLY};
use crate::index::Section;
use std::collections::HashSet;
use std::sync::LazyLock;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::query_grammar::{self, Delimiter, UserInputAst, UserInputLeaf};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, StopWordFilter, TextAnalyzer};

/// A query ready to run.
pub(crate) struct Plan {
    /// Selects and scores passages.
    pub query: Box<dyn Query>,
    /// The plain words, as terms of the passage text, for the ranker.
    pub words: Vec<Word>,
    /// The title field, when the plain words may match the article's title.
    pub title: Option<Field>,
}

/// One plain word of the query (or one piece of it, for a CJK run or "U.S.").
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// Its term in the passage text field.
    pub term: Term,
    /// A stopword: counts for nothing in coverage, never required.
    pub stop: bool,
}

/// Everything needed to turn query text into a [`Plan`].
pub(crate) struct Planner {
    /// Explicit syntax over passage text and title (the title boosted).
    with_title: QueryParser,
    /// Explicit syntax over passage text only, for `--section body|comments`.
    text_only: QueryParser,
    analyzer: TextAnalyzer,
    fields: Fields,
    title_boost: f32,
}

/// Languages whose stopwords the query may be written in (Tantivy's Snowball lists).
const STOP_LANGUAGES: [(whatlang::Lang, Language); 7] = [
    (whatlang::Lang::Eng, Language::English),
    (whatlang::Lang::Deu, Language::German),
    (whatlang::Lang::Fra, Language::French),
    (whatlang::Lang::Spa, Language::Spanish),
    (whatlang::Lang::Ita, Language::Italian),
    (whatlang::Lang::Por, Language::Portuguese),
    (whatlang::Lang::Nld, Language::Dutch),
];

impl Planner {
    /// A planner for an index with `fields`, analysing words with `analyzer`.
    pub(crate) fn new(
        index: &tantivy::Index,
        fields: Fields,
        analyzer: TextAnalyzer,
        title_boost: f32,
    ) -> Planner {
        let mut with_title = QueryParser::for_index(index, vec![fields.text, fields.title]);
        with_title.set_conjunction_by_default();
        with_title.set_field_boost(fields.title, title_boost);
        let mut text_only = QueryParser::for_index(index, vec![fields.text]);
        text_only.set_conjunction_by_default();
        Planner {
            with_title,
            text_only,
            analyzer,
            fields,
            title_boost,
        }
    }

    /// The plan of `text` (already rewritten for dates and apostrophes). `section` Body or
    /// Comments keeps the title out of matching and scoring.
    pub(crate) fn plan(
        &self,
        text: &str,
        section: Option<Section>,
        all_words: bool,
    ) -> Result<Plan, SearchError> {
        let Parsed {
            bare,
            explicit,
            filters_only,
        } = parse(text)?;
        let title = !matches!(section, Some(Section::Body | Section::Comments));
        let mut words: Vec<Word> = Vec::new();
        let mut seen = HashSet::new();
        let mut analyzer = self.analyzer.clone();
        for (word, stop) in &bare {
            let stop = *stop;
            let mut stream = analyzer.token_stream(word);
            while let Some(token) = stream.next() {
                if seen.insert(token.text.clone()) {
                    words.push(Word {
                        term: Term::from_field_text(self.fields.text, &token.text),
                        stop,
                    });
                }
            }
        }
        // A query of stopwords only ("the who") still means its words.
        if words.iter().all(|w| w.stop) {
            words.iter_mut().for_each(|w| w.stop = false);
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let parser = if title {
            &self.with_title
        } else {
            &self.text_only
        };
        let build = |items: Vec<(Option<Occur>, UserInputAst)>| {
            build_scoped(parser, UserInputAst::Clause(items)).map_err(|e| explain(e, text))
        };
        // Exclusions are built one by one, as what they exclude: a query of exclusions alone
        // ("-sport") then means everything else.
        let (negated, explicit): (Vec<_>, Vec<_>) = explicit
            .into_iter()
            .partition(|(occur, _)| *occur == Some(Occur::MustNot));
        if !explicit.is_empty() {
            clauses.push((Occur::Must, build(explicit)?));
        }
        for (_, sub) in negated {
            clauses.push((Occur::MustNot, build(vec![(Some(Occur::Must), sub)])?));
        }
        let nest = !all_words && filters_only;
        let mut optional: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in &words {
            let text_term: Box<dyn Query> = Box::new(TermQuery::new(
                word.term.clone(),
                IndexRecordOption::WithFreqs,
            ));
            let title_term = title.then(|| -> Box<dyn Query> {
                let term = Term::from_field_text(
                    self.fields.title,
                    word.term.value().as_str().unwrap_or_default(),
                );
                let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
                Box::new(BoostQuery::new(Box::new(query), self.title_boost))
            });
            if all_words && !word.stop {
                let either: Box<dyn Query> = match title_term {
                    Some(t) => Box::new(BooleanQuery::new(vec![
                        (Occur::Should, text_term),
                        (Occur::Should, t),
                    ])),
                    None => text_term,
                };
                clauses.push((Occur::Must, either));
            } else {
                optional.push((Occur::Should, text_term));
                if let Some(t) = title_term {
                    optional.push((Occur::Should, t));
                }
            }
        }
        if nest && !optional.is_empty() {
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(optional))));
        } else {
            clauses.extend(optional);
        }
        if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        let query: Box<dyn Query> = match clauses.len() {
            1 => clauses.pop().expect("one clause").1,
            _ => Box::new(BooleanQuery::new(clauses)),
        };
        Ok(Plan {
            query,
            words,
            title: title.then_some(self.fields.title),
        })
    }
}

/// A query split into what is ranked and what is explicit syntax.
pub(crate) struct Parsed {
    /// The plain words, each with whether it is a stopword.
    pub bare: Vec<(String, bool)>,
    /// The explicit clauses (phrases, fields, `+`, `-`, `OR` groups) with their operators.
    pub explicit: Vec<(Option<Occur>, UserInputAst)>,
    /// True when every required explicit clause names a field ("place:aleppo buses"): the
    /// plain words must then still match one of them; otherwise they stay a flat disjunction,
    /// which block-max WAND prunes.
    pub filters_only: bool,
}

/// Parses query text (already rewritten for dates and apostrophes).
pub(crate) fn parse(text: &str) -> Result<Parsed, SearchError> {
    let ast = query_grammar::parse_query(text).map_err(|_| syntax_error(text))?;
    let (bare, explicit) = split(ast);
    let filters_only = explicit.iter().any(|(o, _)| *o == Some(Occur::Must))
        && explicit
            .iter()
            .filter(|(o, _)| *o == Some(Occur::Must))
            .all(|(_, sub)| is_field_clause(sub));
    let stops = stopwords(&bare.join(" "));
    let bare = bare
        .into_iter()
        .map(|word| {
            let stop = stops.contains(&word.to_lowercase());
            (word, stop)
        })
        .collect();
    Ok(Parsed {
        bare,
        explicit,
        filters_only,
    })
}

/// Splits the top level of a parsed query into its plain words and its explicit clauses; an
/// explicit clause without an operator of its own (`"a phrase"`, `place:aleppo`) is required.
fn split(ast: UserInputAst) -> (Vec<String>, Vec<(Option<Occur>, UserInputAst)>) {
    let items = match ast {
        UserInputAst::Clause(items) => items,
        other => vec![(None, other)],
    };
    let mut bare = Vec::new();
    let mut explicit = Vec::new();
    for (occur, sub) in items {
        match (occur, &sub) {
            (None, UserInputAst::Leaf(leaf)) if plain_word(leaf).is_some() => {
                bare.push(plain_word(leaf).unwrap_or_default().to_string());
            }
            (None, _) => explicit.push((Some(Occur::Must), sub)),
            (occur, _) => explicit.push((occur, sub)),
        }
    }
    // `a AND b c` parses as "(a AND b) or c": the AND group alone among plain words is meant.
    let shoulds = explicit
        .iter()
        .filter(|(o, _)| *o == Some(Occur::Should))
        .count();
    if shoulds == 1 {
        for (occur, sub) in explicit.iter_mut() {
            if *occur == Some(Occur::Should) && matches!(sub, UserInputAst::Clause(_)) {
                *occur = Some(Occur::Must);
            }
        }
    }
    (bare, explicit)
}

/// The query of `ast`, with each condition on a head-only field (`actor:`, `place:`) scoped
/// to the whole article; the rest as the parser builds it.
fn build_scoped(
    parser: &QueryParser,
    ast: UserInputAst,
) -> Result<Box<dyn Query>, tantivy::query::QueryParserError> {
    if !names_head_field(&ast) {
        return parser.build_query_from_user_input_ast(ast);
    }
    match ast {
        UserInputAst::Leaf(_) => Ok(Box::new(ArticleScope::new(
            parser.build_query_from_user_input_ast(ast)?,
        ))),
        UserInputAst::Boost(inner, boost) => Ok(Box::new(BoostQuery::new(
            build_scoped(parser, *inner)?,
            boost.into_inner() as f32,
        ))),
        UserInputAst::Clause(items) => {
            let mut clauses = Vec::with_capacity(items.len());
            for (occur, sub) in items {
                // As the parser reads it: no operator means required (conjunction by default).
                clauses.push((occur.unwrap_or(Occur::Must), build_scoped(parser, sub)?));
            }
            if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
            Ok(Box::new(BooleanQuery::new(clauses)))
        }
    }
}

/// True when `ast` has a condition on a field only the article's head passage carries.
fn names_head_field(ast: &UserInputAst) -> bool {
    let head = |field: Option<&str>| field.is_some_and(|f| HEAD_ONLY.contains(&f));
    match ast {
        UserInputAst::Leaf(leaf) => match leaf.as_ref() {
            UserInputLeaf::Literal(lit) => head(lit.field_name.as_deref()),
            UserInputLeaf::Range { field, .. }
            | UserInputLeaf::Set { field, .. }
            | UserInputLeaf::Regex { field, .. } => head(field.as_deref()),
            UserInputLeaf::Exists { field } => head(Some(field)),
            UserInputLeaf::All => false,
        },
        UserInputAst::Boost(inner, _) => names_head_field(inner),
        UserInputAst::Clause(items) => items.iter().any(|(_, sub)| names_head_field(sub)),
    }
}

/// True for a clause that names a field (`place:aleppo`, `date:[... TO ...]`): a filter.
fn is_field_clause(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Leaf(leaf) => match leaf.as_ref() {
            UserInputLeaf::Literal(lit) => lit.field_name.is_some(),
            UserInputLeaf::Range { field, .. } | UserInputLeaf::Set { field, .. } => {
                field.is_some()
            }
            _ => false,
        },
        UserInputAst::Boost(inner, _) => is_field_clause(inner),
        UserInputAst::Clause(items) => items.iter().all(|(_, sub)| is_field_clause(sub)),
    }
}

/// The word of a leaf that is a plain word: no field, no quotes, no wildcard.
fn plain_word(leaf: &UserInputLeaf) -> Option<&str> {
    match leaf {
        UserInputLeaf::Literal(lit)
            if lit.field_name.is_none()
                && matches!(lit.delimiter, Delimiter::None)
                && !lit.prefix =>
        {
            Some(&lit.phrase)
        }
        _ => None,
    }
}

/// For each language of [`STOP_LANGUAGES`] with a list, an analyzer that drops its stopwords;
/// built once: a list is a few hundred words to hash.
static STOP_FILTERS: LazyLock<Vec<(Language, TextAnalyzer)>> = LazyLock::new(|| {
    STOP_LANGUAGES
        .iter()
        .filter_map(|&(_, lang)| {
            let filter = match lang {
                Language::English => StopWordFilter::remove(english_stopwords()),
                other => StopWordFilter::new(other)?,
            };
            let analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(filter)
                .build();
            Some((lang, analyzer))
        })
        .collect()
});

/// The lowercased stopwords among `words`: English ones, and those of the language the words
/// are written in when that can be told.
fn stopwords(words: &str) -> HashSet<String> {
    let detected = whatlang::detect(words)
        .filter(|i| i.is_reliable())
        .and_then(|info| STOP_LANGUAGES.iter().find(|(l, _)| *l == info.lang()))
        .map(|&(_, lang)| lang);
    let mut filters: Vec<TextAnalyzer> = STOP_FILTERS
        .iter()
        .filter(|(lang, _)| *lang == Language::English || Some(*lang) == detected)
        .map(|(_, analyzer)| analyzer.clone())
        .collect();
    let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .build();
    let mut tokens = Vec::new();
    let mut stream = plain.token_stream(words);
    while let Some(token) = stream.next() {
        tokens.push(token.text.clone());
    }
    // A word is a stopword of a language when that language's analyzer drops it.
    tokens
        .into_iter()
        .filter(|t| {
            filters
                .iter_mut()
                .any(|f| f.token_stream(t).next().is_none())
        })
        .collect()
}

/// The English stopword list of `data/stopwords/en.txt` (Tantivy's own is Lucene's 33 words,
/// without the question words a query typed as a question holds).
fn english_stopwords() -> impl Iterator<Item = String> {
    include_str!("../../data/stopwords/en.txt")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .flat_map(str::split_whitespace)
        .map(str::to_string)
}

pub(crate) fn syntax_error(query: &str) -> SearchError {
    SearchError::Query(format!(
        "syntax error in {query:?}: close every quote, bracket and parenthesis, give AND, \
         OR and field: a word on each side, and quote words with special characters \
         (\"covid-19\")"
    ))
}

/// A parser error in words a user can act on.
fn explain(e: tantivy::query::QueryParserError, query: &str) -> SearchError {
    use tantivy::query::QueryParserError as E;
    match e {
        E::FieldDoesNotExist(name) => SearchError::Query(format!(
            "no field '{name}' (fields: {}); to search for the words, put them in quotes",
            QUERY_FIELDS.join(", ")
        )),
        E::SyntaxError(_) => syntax_error(query),
        e => SearchError::Query(format!("{e} (see the query language in README.md)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(q: &str) -> (Vec<String>, usize) {
        let (bare, explicit) = split(query_grammar::parse_query(q).unwrap());
        (bare, explicit.len())
    }

    #[test]
    fn plain_words_are_ranked_and_syntax_is_explicit() {
        assert_eq!(
            parts("who stopped aleppo"),
            (vec!["who".into(), "stopped".into(), "aleppo".into()], 0)
        );
        assert_eq!(parts("\"green buses\" aleppo"), (vec!["aleppo".into()], 1));
        assert_eq!(
            parts("ceasefire -idlib +moscow"),
            (vec!["ceasefire".into()], 2)
        );
        assert_eq!(parts("place:aleppo buses"), (vec!["buses".into()], 1));
    }

    #[test]
    fn an_and_group_among_plain_words_stays_required() {
        let (_, explicit) = split(query_grammar::parse_query("a AND b c").unwrap());
        assert_eq!(explicit[0].0, Some(Occur::Must));
        let (_, explicit) = split(query_grammar::parse_query("a OR b c").unwrap());
        assert!(explicit.iter().all(|(o, _)| *o == Some(Occur::Should)));
    }

    #[test]
    fn stopwords_of_english_and_of_the_query_language() {
        let stops = stopwords("who stopped the evacuation of aleppo");
        assert!(stops.contains("who") && stops.contains("the") && stops.contains("of"));
        assert!(!stops.contains("aleppo") && !stops.contains("stopped"));
        let stops = stopwords("wer hat die Evakuierung von Aleppo gestoppt und warum");
        assert!(stops.contains("die") && stops.contains("und"), "{stops:?}");
        assert!(!stops.contains("evakuierung"));
    }
}
