//! newsdex: a search engine for news archives.
//!
//! The pipeline runs one way: [`ingest`] reads archives into raw documents, [`clean`] turns each
//! into an [`clean::Article`], [`entities`] finds its actors and places, and [`index`] splits it into
//! passages stored in Tantivy. [`search`] reads the index and [`export`] writes hit lists;
//! [`serve`] offers both as a web page and a JSON API.

pub mod choice;
pub mod clean;
pub mod engine;
pub mod entities;
pub mod export;
pub mod gazetteer;
pub mod geonames;
pub mod index;
pub mod ingest;
pub mod ner;
pub mod opensearch;
pub mod pipeline;
pub mod search;
pub mod serve;
pub mod words;
