//! The OpenSearch index of passages: its mapping and the field that holds each language.
//!
//! In: the language analyzers of `data/opensearch/analyzers.tsv`. Out: the index settings and
//! mapping newsdex creates, the check that an existing index has them, and for each article
//! language the `text_XX` / `title_XX` fields its passages go to (analysed with that language's
//! stemmer and stopwords; languages not listed go to `text_any`, analysed by `standard`).
//! Keyword fields (`actor`, `place`, `site`, `lang`, `section`) are lowercased for matching,
//! and `actor.raw` / `place.raw` keep the canonical case for facets.

use serde_json::{json, Map, Value};
use std::sync::LazyLock;

/// Version of the mapping, kept in the index's `_meta`; a change makes older indexes foreign.
pub const VERSION: u64 = 1;

/// (language code, analyzer) pairs, `any` last.
static ANALYZERS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    include_str!("../../data/opensearch/analyzers.tsv")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let (lang, analyzer) = line.split_once('\t')?;
            Some((lang.trim().to_string(), analyzer.trim().to_string()))
        })
        .collect()
});

/// The suffix of the text and title fields for an article in `lang`: its code when it has an
/// analyzer, else `any`.
pub fn suffix(lang: Option<&str>) -> &'static str {
    let lang = lang.unwrap_or("").trim().to_ascii_lowercase();
    ANALYZERS
        .iter()
        .find(|(code, _)| *code == lang)
        .map_or("any", |(code, _)| code.as_str())
}

/// Every passage-text field, `text_en` ... `text_any`.
pub fn text_fields() -> Vec<String> {
    ANALYZERS.iter().map(|(c, _)| format!("text_{c}")).collect()
}

/// Every title field, `title_en` ... `title_any`.
pub fn title_fields() -> Vec<String> {
    ANALYZERS
        .iter()
        .map(|(c, _)| format!("title_{c}"))
        .collect()
}

/// The body of the index-creation request: settings and mapping.
pub fn create_body(shards: u32, replicas: u32) -> Value {
    json!({
        "settings": {
            "index": {
                "number_of_shards": shards,
                "number_of_replicas": replicas,
                // Fewer refreshes during a bulk load; newsdex refreshes when it commits.
                "refresh_interval": "30s",
            },
            "analysis": {
                "normalizer": {
                    "newsdex_lower": { "type": "custom", "filter": ["lowercase"] }
                }
            }
        },
        "mappings": mapping(),
    })
}

/// The mapping of the passages index.
pub fn mapping() -> Value {
    let keyword = json!({ "type": "keyword" });
    let lower = json!({ "type": "keyword", "normalizer": "newsdex_lower" });
    let lower_with_raw = json!({
        "type": "keyword",
        "normalizer": "newsdex_lower",
        "fields": { "raw": { "type": "keyword" } }
    });
    // Shown with a hit, never searched or counted: kept in _source only.
    let shown = json!({ "type": "keyword", "index": false, "doc_values": false });
    let mut properties = Map::new();
    for (name, value) in [
        ("article_id", keyword.clone()),
        ("number", json!({ "type": "integer" })),
        ("section", keyword.clone()),
        ("url", json!({ "type": "text", "analyzer": "standard" })),
        ("date", json!({ "type": "date", "format": "strict_date" })),
        ("path", shown.clone()),
        ("site", lower.clone()),
        ("lang", lower.clone()),
        ("passage_actors", shown.clone()),
        ("passage_places", shown),
        ("actor", lower_with_raw.clone()),
        ("actor_tail", lower),
        ("place", lower_with_raw),
        ("source", keyword.clone()),
        ("hash", keyword),
    ] {
        properties.insert(name.to_string(), value);
    }
    for (code, analyzer) in ANALYZERS.iter() {
        // Positions for phrases; the title like the text, so a plain word may match either.
        let field = json!({ "type": "text", "analyzer": analyzer });
        properties.insert(format!("text_{code}"), field.clone());
        properties.insert(format!("title_{code}"), field);
    }
    json!({
        "dynamic": "strict",
        "_meta": { "newsdex": VERSION },
        "properties": properties,
    })
}

/// The body that creates the ledger index: one document per source.
pub fn ledger_body() -> Value {
    json!({
        "settings": { "index": { "number_of_shards": 1, "refresh_interval": "30s" } },
        "mappings": {
            "dynamic": "strict",
            "_meta": { "newsdex": VERSION },
            "properties": {
                "source": { "type": "keyword" },
                "hash": { "type": "keyword" },
                "article_id": { "type": "keyword" },
                "passages": { "type": "integer" },
                "superseded": { "type": "boolean" },
            }
        }
    })
}

/// Why an existing index's mapping (as `GET index/_mapping` gives it) is not newsdex's, or
/// None when it is.
pub fn mismatch(index: &str, answer: &Value) -> Option<String> {
    let found = &answer[index]["mappings"];
    let expected = mapping();
    if found["_meta"]["newsdex"] != json!(VERSION) {
        return Some(match found["_meta"]["newsdex"].as_u64() {
            Some(v) => format!("newsdex mapping version {v}, this newsdex writes {VERSION}"),
            None => "no newsdex mark in its _meta".to_string(),
        });
    }
    let wanted = expected["properties"].as_object()?;
    for (name, field) in wanted {
        let have = &found["properties"][name];
        if have.is_null() {
            return Some(format!("no field '{name}'"));
        }
        if have["type"] != field["type"] {
            return Some(format!(
                "field '{name}' is {}, not {}",
                have["type"], field["type"]
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_has_its_field_and_the_rest_go_to_any() {
        assert_eq!(suffix(Some("en")), "en");
        assert_eq!(suffix(Some("FR")), "fr");
        assert_eq!(suffix(Some("xx")), "any");
        assert_eq!(suffix(None), "any");
        let mapping = mapping();
        assert_eq!(mapping["properties"]["text_en"]["analyzer"], "english");
        assert_eq!(mapping["properties"]["text_any"]["analyzer"], "standard");
        assert!(text_fields().contains(&"text_any".to_string()));
    }

    #[test]
    fn a_foreign_mapping_is_told_apart() {
        let ours = json!({ "idx": { "mappings": mapping() } });
        assert_eq!(mismatch("idx", &ours), None);
        let other =
            json!({ "idx": { "mappings": { "properties": { "body": { "type": "text" } } } } });
        assert!(mismatch("idx", &other).unwrap().contains("_meta"));
        let mut changed = mapping();
        changed["properties"]["date"] = json!({ "type": "keyword" });
        let changed = json!({ "idx": { "mappings": changed } });
        assert!(mismatch("idx", &changed).unwrap().contains("date"));
    }
}
