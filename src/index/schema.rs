//! The Tantivy schema of a newsdex index: field names and options, tokenizers, store settings.
//!
//! In: nothing. Out: the [`Schema`], the [`Fields`] handles that [`crate::index`] writes and
//! [`crate::search`] reads, and the tokenizers both must register on every opened [`Index`].
//! Field names double as the names users type in `field:term` queries.

use tantivy::schema::{
    DateOptions, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::tokenizer::{LowerCaser, RawTokenizer, TextAnalyzer};
use tantivy::{Index, IndexSettings, TantivyError};

/// Tokenizer of the case-insensitive exact-match fields (actors, places, site, language).
pub(crate) const LOWER_RAW: &str = "newsdex_lower_raw";
/// The query fields that `field:*` (has any value) works on: the fast ones.
pub(crate) const EXISTS_FIELDS: [&str; 4] = ["date", "actor", "place", "article_id"];
/// The fast column of each passage's distance to its article's head passage (0 on the head).
pub(crate) const BACK: &str = "back";
/// The fields only an article's head passage carries: a query on them matches heads, and
/// [`crate::search`] scopes it to every passage of the article.
pub(crate) const HEAD_ONLY: [&str; 6] = ["actor", "actor_tail", "place", "url", "site", "lang"];
/// Tokenizer of the prose fields: words and CJK bigrams, lowercased, accent-folded, stemmed.
pub(crate) const PROSE: &str = super::tokenizer::PROSE;

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub article_id: Field,
    pub section: Field,
    pub text: Field,
    pub title: Field,
    pub url: Field,
    pub date: Field,
    pub head_title: Field,
    pub head_id: Field,
    pub head_url: Field,
    pub head_path: Field,
    pub site: Field,
    pub lang: Field,
    pub passage_actors: Field,
    pub passage_places: Field,
    pub actor: Field,
    pub actor_tail: Field,
    pub place: Field,
    pub source: Field,
    pub hash: Field,
    pub back: Field,
}

impl Fields {
    /// Looks the fields up in `schema`; fails when it is not a newsdex schema.
    pub(crate) fn new(schema: &Schema) -> Result<Fields, TantivyError> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            article_id: f("article_id")?,
            section: f("section")?,
            text: f("text")?,
            title: f("title")?,
            url: f("url")?,
            date: f("date")?,
            head_id: f("head_id")?,
            head_title: f("head_title")?,
            head_url: f("head_url")?,
            head_path: f("head_path")?,
            site: f("site")?,
            lang: f("lang")?,
            passage_actors: f("passage_actors")?,
            passage_places: f("passage_places")?,
            actor: f("actor")?,
            actor_tail: f("actor_tail")?,
            place: f("place")?,
            source: f("source")?,
            hash: f("hash")?,
            back: f(BACK)?,
        })
    }
}

/// The schema of a newsdex index.
pub(crate) fn schema() -> Schema {
    let mut b = Schema::builder();
    // Exact ids: raw, indexed for deletes and `article_id:` queries, fast to list them at open;
    // on every passage, but stored once, as the head passage's `head_id`.
    let raw_exact = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_fieldnorms(false)
            .set_index_option(IndexRecordOption::Basic),
    );
    b.add_text_field("article_id", raw_exact.clone().set_fast("raw"));
    b.add_text_field("section", raw_exact.clone().set_stored());
    b.add_text_field("text", prose(PROSE).set_stored());
    // The title and date are indexed on every passage (a title match scores each passage of
    // the article, date ranges select passages); the article's other values are kept once, on
    // its head passage (see HEAD_ONLY), stored there in the "head_" fields.
    b.add_text_field("title", prose(PROSE));
    // URLs are split into words (default tokenizer, no stemming) so `url:reuters` works.
    b.add_text_field("url", prose("default"));
    b.add_date_field("date", DateOptions::default().set_indexed().set_fast());
    b.add_text_field("head_id", TextOptions::default().set_stored());
    b.add_text_field("head_title", TextOptions::default().set_stored());
    b.add_text_field("head_url", TextOptions::default().set_stored());
    b.add_text_field("head_path", TextOptions::default().set_stored());
    b.add_text_field("site", lower_raw());
    b.add_text_field("lang", lower_raw());
    // Stored on each passage: a hit shows them without a dictionary lookup, which costs a
    // zstd context per column block read (a third of search time when they were references).
    b.add_text_field("passage_actors", TextOptions::default().set_stored());
    b.add_text_field("passage_places", TextOptions::default().set_stored());
    // The article's actors and places, on its head passage only (a news article names dozens;
    // on every passage they were a third of the index): filters match lowercased names and are
    // scoped to the whole article; the fast column keeps canonical case for facets.
    b.add_text_field("actor", lower_raw().set_fast("raw"));
    b.add_text_field("place", lower_raw().set_fast("raw"));
    // Each actor's last words ("lavrov" of "sergei lavrov"; the whole name is the `actor`
    // term), so a filter by surname is a term lookup, not a scan of every name.
    b.add_text_field("actor_tail", lower_raw());
    b.add_u64_field(BACK, NumericOptions::default().set_fast());
    // Change detection only reads these columns (on head passages); deletes go by article id.
    b.add_text_field("source", TextOptions::default().set_fast("raw"));
    b.add_text_field("hash", TextOptions::default().set_fast("raw"));
    b.build()
}

/// A stemmed or word-split text field with positions, so phrases work.
fn prose(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// A whole-value, lowercased field: exact match in any case.
fn lower_raw() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(LOWER_RAW)
            .set_fieldnorms(false)
            .set_index_option(IndexRecordOption::Basic),
    )
}

/// Index settings: zstd for the doc store, whose stored passages are most of the index.
pub(crate) fn settings() -> IndexSettings {
    IndexSettings {
        // Level 9 stores within 0.3% of level 12's size at about a sixteenth less indexing CPU
        // (level 12's binary-tree match finder was 5% of all indexing time).
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(9),
        }),
        // Bigger blocks compress better (passages of one site and language repeat words), but
        // a hit decompresses a whole block: 256 KiB stored 3,000 pages in 3% less and made the
        // median search on 1.6 million passages 6.9 -> 9.2 ms.
        docstore_blocksize: 64 * 1024,
        ..IndexSettings::default()
    }
}

/// Registers the tokenizers Tantivy does not know by default; needed after every open.
pub(crate) fn register_tokenizers(index: &Index) {
    index
        .tokenizers()
        .register(PROSE, super::tokenizer::prose_analyzer());
    index.tokenizers().register(
        LOWER_RAW,
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
}

/// Normalizes a filter value the way [`LOWER_RAW`] fields were indexed.
pub(crate) fn lower_raw_term(index: &Index, value: &str) -> String {
    let value = value.trim();
    match index.tokenizers().get(LOWER_RAW) {
        Some(mut analyzer) => {
            let mut stream = analyzer.token_stream(value);
            match stream.next() {
                Some(token) => token.text.clone(),
                None => String::new(),
            }
        }
        None => value.to_lowercase(),
    }
}
