//! The query language, translated to OpenSearch's query DSL.
//!
//! In: a [`Request`] (the same query text and filters the embedded index takes). Out: the
//! `query` of a search body, and the plain words it ranks by. The query is parsed by the same
//! parser as the embedded index's ([`crate::search::query::parse`]), so both read a query alike:
//! plain words are ranked (a passage with any of them is found; with `all_words`, every word
//! that is not a stopword is required), `+`/`AND` require, `-`/`NOT` exclude, `OR` accepts
//! either, `"phrases"`, `field:value`, date ranges and `word*`. A plain word matches the passage
//! text or, boosted, its article's title (not in searches of the body or comments alone).

use super::mapping;
use crate::choice::Choice;
use crate::index::Section;
use crate::search::query::{parse, Parsed};
use crate::search::{rewrite_query, Request, SearchError, Weights, QUERY_FIELDS};
use serde_json::{json, Value};
use tantivy::query::Occur;
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputBound, UserInputLeaf};

/// Fields matched by a value as typed, whole (lowercased by their normalizer where they have one).
const KEYWORD_FIELDS: [&str; 6] = ["section", "site", "lang", "article_id", "place", "actor"];

/// A translated request.
pub(super) struct Translated {
    /// The `query` of the search body.
    pub query: Value,
    /// How many plain words (stopwords aside) the query has.
    pub query_words: usize,
}

/// Translates `req` (query and filters) into the DSL.
pub(super) fn translate(req: &Request, weights: &Weights) -> Result<Translated, SearchError> {
    let with_title = !matches!(req.section, Some(Section::Body | Section::Comments));
    let fields = Fields::new(with_title, weights.title_boost);
    let mut must: Vec<Value> = Vec::new();
    let mut must_not: Vec<Value> = Vec::new();
    let mut should: Vec<Value> = Vec::new();
    let mut query_words = 0;
    if !req.query.trim().is_empty() {
        let text = rewrite_query(&req.query)?;
        let Parsed {
            bare,
            explicit,
            filters_only,
        } = parse(&text)?;
        let (negated, explicit): (Vec<_>, Vec<_>) = explicit
            .into_iter()
            .partition(|(occur, _)| *occur == Some(Occur::MustNot));
        if !explicit.is_empty() {
            must.push(fields.ast(&UserInputAst::Clause(explicit))?);
        }
        for (_, sub) in negated {
            must_not.push(fields.ast(&sub)?);
        }
        // A query of stopwords only ("the who") still means its words.
        let all_stop = bare.iter().all(|(_, stop)| *stop);
        let mut optional = Vec::new();
        for (word, stop) in &bare {
            let stop = *stop && !all_stop;
            query_words += usize::from(!stop);
            let clause = fields.words(word, &fields.plain, "and");
            if req.all_words && !stop {
                must.push(clause);
            } else {
                optional.push(clause);
            }
        }
        // Passages holding the words close together first, as the embedded index ranks them.
        let content: Vec<&str> = bare
            .iter()
            .filter(|(_, stop)| !*stop || all_stop)
            .map(|(w, _)| w.as_str())
            .collect();
        if content.len() > 1 {
            should.push(json!({ "multi_match": {
                "query": content.join(" "), "type": "phrase", "slop": 8,
                "fields": fields.text, "boost": 2.0,
            }}));
        }
        if !req.all_words && filters_only && !optional.is_empty() {
            must.push(json!({ "bool": { "should": optional } }));
        } else {
            should.extend(optional);
        }
    }
    if must.is_empty() && should.is_empty() {
        must.push(json!({ "match_all": {} }));
    }
    let mut query = json!({ "bool": {
        "must": must, "must_not": must_not, "should": should, "filter": filters(req)?,
    }});
    // Without a required clause, a passage must hold at least one of the ranked words.
    if query["bool"]["must"].as_array().is_none_or(Vec::is_empty) {
        query["bool"]["minimum_should_match"] = json!(1);
    }
    Ok(Translated { query, query_words })
}

/// The filters of `req`: actors, places, section, dates. They select and do not score.
fn filters(req: &Request) -> Result<Vec<Value>, SearchError> {
    let mut out = Vec::new();
    for actor in &req.actors {
        // A whole name or its last words: `lavrov` finds "Sergei Lavrov".
        let name = actor.trim();
        out.push(json!({ "bool": { "should": [
            { "term": { "actor": name } },
            { "term": { "actor_tail": name } }
        ] } }));
    }
    for place in &req.places {
        out.push(json!({ "term": { "place": place.trim() } }));
    }
    if let Some(section) = req.section {
        out.push(json!({ "term": { "section": section.name() } }));
    }
    let day = |value: &String| {
        chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
            .map_err(|_| SearchError::Date(value.clone()))
    };
    let since = req.since.as_ref().map(day).transpose()?;
    let until = req.until.as_ref().map(day).transpose()?;
    if since.is_some() || until.is_some() {
        let mut range = json!({ "format": "strict_date" });
        if let Some(d) = since {
            range["gte"] = json!(d.format("%Y-%m-%d").to_string());
        }
        if let Some(d) = until {
            range["lte"] = json!(d.format("%Y-%m-%d").to_string());
        }
        out.push(json!({ "range": { "date": range } }));
    }
    Ok(out)
}

/// The fields words are searched in.
struct Fields {
    /// Passage text, every language.
    text: Vec<String>,
    /// Titles, every language, boosted.
    title: Vec<String>,
    /// What a plain word matches: text, and titles unless the search is of body or comments.
    plain: Vec<String>,
}

impl Fields {
    fn new(with_title: bool, title_boost: f32) -> Fields {
        let text = mapping::text_fields();
        let title: Vec<String> = mapping::title_fields()
            .into_iter()
            .map(|f| format!("{f}^{title_boost}"))
            .collect();
        let mut plain = text.clone();
        if with_title {
            plain.extend(title.iter().cloned());
        }
        Fields { text, title, plain }
    }

    /// Words matched in `fields`, each field on its own (the best field scores).
    fn words(&self, words: &str, fields: &[String], operator: &str) -> Value {
        json!({ "multi_match": { "query": words, "fields": fields, "operator": operator } })
    }

    /// The DSL of a parsed query.
    fn ast(&self, ast: &UserInputAst) -> Result<Value, SearchError> {
        match ast {
            UserInputAst::Leaf(leaf) => self.leaf(leaf),
            UserInputAst::Boost(inner, boost) => Ok(json!({ "bool": {
                "must": [self.ast(inner)?], "boost": boost.into_inner(),
            }})),
            UserInputAst::Clause(items) => {
                let (mut must, mut should, mut must_not) = (Vec::new(), Vec::new(), Vec::new());
                for (occur, sub) in items {
                    let sub = self.ast(sub)?;
                    match occur {
                        Some(Occur::Should) => should.push(sub),
                        Some(Occur::MustNot) => must_not.push(sub),
                        Some(Occur::Must) | None => must.push(sub),
                    }
                }
                if must.is_empty() && should.is_empty() {
                    must.push(json!({ "match_all": {} }));
                }
                let mut clause = json!({ "bool": {
                    "must": must, "should": should, "must_not": must_not,
                }});
                if clause["bool"]["must"].as_array().is_none_or(Vec::is_empty) {
                    clause["bool"]["minimum_should_match"] = json!(1);
                }
                Ok(clause)
            }
        }
    }

    fn leaf(&self, leaf: &UserInputLeaf) -> Result<Value, SearchError> {
        match leaf {
            UserInputLeaf::All => Ok(json!({ "match_all": {} })),
            UserInputLeaf::Exists { field } => {
                Ok(json!({ "exists": { "field": self.exists_field(field)? } }))
            }
            UserInputLeaf::Set { field, elements } => {
                let field = field.as_deref().unwrap_or("text");
                check_field(field)?;
                if KEYWORD_FIELDS.contains(&field) {
                    return Ok(json!({ "terms": { field: elements } }));
                }
                let any: Vec<Value> = elements
                    .iter()
                    .map(|e| self.words(e, &self.named(field), "and"))
                    .collect();
                Ok(json!({ "bool": { "should": any, "minimum_should_match": 1 } }))
            }
            UserInputLeaf::Range {
                field,
                lower,
                upper,
            } => {
                let field = field.as_deref().unwrap_or("date");
                if field != "date" {
                    return Err(SearchError::Query(format!(
                        "ranges work on dates only (date:[2016-12-01 TO 2016-12-31]), not on '{field}'"
                    )));
                }
                let mut range = json!({ "format": "strict_date_optional_time" });
                match lower {
                    UserInputBound::Inclusive(v) => range["gte"] = json!(v),
                    UserInputBound::Exclusive(v) => range["gt"] = json!(v),
                    UserInputBound::Unbounded => {}
                }
                match upper {
                    UserInputBound::Inclusive(v) => range["lte"] = json!(v),
                    UserInputBound::Exclusive(v) => range["lt"] = json!(v),
                    UserInputBound::Unbounded => {}
                }
                Ok(json!({ "range": { "date": range } }))
            }
            UserInputLeaf::Regex { .. } => Err(SearchError::Query(
                "regular expressions are not part of the query language".into(),
            )),
            UserInputLeaf::Literal(lit) => {
                let field = lit.field_name.as_deref();
                if let Some(field) = field {
                    check_field(field)?;
                    if KEYWORD_FIELDS.contains(&field) {
                        let value = lit.phrase.trim();
                        return Ok(match lit.prefix {
                            true => {
                                json!({ "prefix": { field: { "value": value, "case_insensitive": true } } })
                            }
                            false => json!({ "term": { field: value } }),
                        });
                    }
                }
                let fields = match field {
                    None => self.plain.clone(),
                    Some(name) => self.named(name),
                };
                let quoted = !matches!(lit.delimiter, Delimiter::None);
                let kind = match (lit.prefix, quoted) {
                    (true, _) => "phrase_prefix",
                    (false, true) => "phrase",
                    // Several words in one literal ("covid-19" unquoted): all, in any order.
                    (false, false) => "best_fields",
                };
                let mut query = json!({ "multi_match": {
                    "query": lit.phrase, "type": kind, "fields": fields,
                }});
                if kind == "best_fields" {
                    query["multi_match"]["operator"] = json!("and");
                } else {
                    query["multi_match"]["slop"] = json!(lit.slop);
                }
                Ok(query)
            }
        }
    }

    /// The fields behind a text field name of the query language.
    fn named(&self, name: &str) -> Vec<String> {
        match name {
            "title" => self.title.clone(),
            "url" => vec!["url".to_string()],
            _ => self.text.clone(),
        }
    }

    /// The field `name:*` asks about.
    fn exists_field(&self, name: &str) -> Result<&'static str, SearchError> {
        match name {
            "date" => Ok("date"),
            "actor" => Ok("actor"),
            "place" => Ok("place"),
            "article_id" => Ok("article_id"),
            other => Err(SearchError::Query(format!(
                "`field:*` (any value) works only for date, actor, place, article_id, not '{other}'"
            ))),
        }
    }
}

/// An error for a field the query language does not have.
fn check_field(name: &str) -> Result<(), SearchError> {
    if QUERY_FIELDS.contains(&name) || name == "date" {
        return Ok(());
    }
    Err(SearchError::Query(format!(
        "no field '{name}' (fields: {}); to search for the words, put them in quotes",
        QUERY_FIELDS.join(", ")
    )))
}
