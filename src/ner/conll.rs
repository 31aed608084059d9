//! CoNLL-2003 reader: `token POS chunk NER` lines in, documents of tagged sentences out.
//!
//! Tags are IOB1 (`I-` inside, `B-` only between two adjacent names of one type); IOB2 files
//! read the same way. Entity chunks follow conlleval's rules.

use super::{NerError, NerType};
use std::path::Path;

/// One entity in a sentence: token range `[first, last]` (inclusive) and its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    /// First token.
    pub first: usize,
    /// Last token (inclusive).
    pub last: usize,
    /// Type.
    pub kind: NerType,
}

/// A tokenised sentence with its gold entities.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    /// Tokens as written.
    pub tokens: Vec<String>,
    /// Gold entities.
    pub chunks: Vec<Chunk>,
}

/// A document (`-DOCSTART-` to the next): sentences in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// Sentences.
    pub sentences: Vec<Sentence>,
}

/// Reads a CoNLL file.
pub fn read_file(path: &Path) -> Result<Vec<Document>, NerError> {
    let text = std::fs::read_to_string(path).map_err(|e| NerError::Io {
        path: path.display().to_string(),
        cause: e,
    })?;
    parse(&text).map_err(|e| match e {
        NerError::Conll { line, msg, .. } => NerError::Conll {
            file: path.display().to_string(),
            line,
            msg,
        },
        other => other,
    })
}

/// Parses CoNLL text: whitespace-separated columns, token first and NER tag last.
pub fn parse(text: &str) -> Result<Vec<Document>, NerError> {
    let mut docs: Vec<Document> = Vec::new();
    let mut tokens: Vec<String> = Vec::new();
    let mut tags: Vec<(char, Option<NerType>)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let (first, last) = match (cols.first(), cols.last()) {
            (Some(f), Some(l)) => (*f, *l),
            _ => {
                flush(&mut docs, &mut tokens, &mut tags);
                continue;
            }
        };
        if first == "-DOCSTART-" {
            flush(&mut docs, &mut tokens, &mut tags);
            docs.push(Document::default());
            continue;
        }
        if cols.len() < 2 {
            return Err(NerError::Conll {
                file: String::new(),
                line: n + 1,
                msg: format!("expected `token ... TAG`, found {line:?}"),
            });
        }
        let tag = split_tag(last).ok_or_else(|| NerError::Conll {
            file: String::new(),
            line: n + 1,
            msg: format!("unknown NER tag {last:?} (want O, I-/B-PER|ORG|LOC|MISC)"),
        })?;
        tokens.push(first.to_string());
        tags.push(tag);
    }
    flush(&mut docs, &mut tokens, &mut tags);
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

fn flush(
    docs: &mut Vec<Document>,
    tokens: &mut Vec<String>,
    tags: &mut Vec<(char, Option<NerType>)>,
) {
    if tokens.is_empty() {
        return;
    }
    if docs.is_empty() {
        docs.push(Document::default());
    }
    let chunks = chunks(tags);
    let sentence = Sentence {
        tokens: std::mem::take(tokens),
        chunks,
    };
    tags.clear();
    if let Some(doc) = docs.last_mut() {
        doc.sentences.push(sentence);
    }
}

fn split_tag(tag: &str) -> Option<(char, Option<NerType>)> {
    if tag == "O" {
        return Some(('O', None));
    }
    let (prefix, name) = match tag.split_once('-') {
        Some((p, n)) if p.len() == 1 => (p.chars().next()?, n),
        _ => ('I', tag),
    };
    if !matches!(prefix, 'B' | 'I' | 'E' | 'S') {
        return None;
    }
    let kind = match name {
        "PER" => NerType::Person,
        "ORG" => NerType::Organization,
        "LOC" => NerType::Location,
        "MISC" => NerType::Misc,
        _ => return None,
    };
    Some((prefix, Some(kind)))
}

/// conlleval chunking: a chunk starts at `B`, at a type change, or after `O`; ends before those.
fn chunks(tags: &[(char, Option<NerType>)]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut open: Option<(usize, NerType)> = None;
    let mut prev = ('O', None);
    for (i, &(p, t)) in tags.iter().chain(std::iter::once(&('O', None))).enumerate() {
        let starts = t.is_some()
            && (p == 'B'
                || p == 'S'
                || prev.0 == 'O'
                || prev.0 == 'E'
                || prev.0 == 'S'
                || prev.1 != t);
        if let Some((first, kind)) = open {
            if starts || t.is_none() || prev.0 == 'E' || prev.0 == 'S' {
                out.push(Chunk {
                    first,
                    last: i - 1,
                    kind,
                });
                open = None;
            }
        }
        if starts {
            open = t.map(|k| (i, k));
        }
        prev = (p, t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iob1_chunks_and_documents() {
        let text =
            "-DOCSTART- -X- O O\n\nAnna NNP I-NP I-PER\nKowalski NNP I-NP I-PER\nmet VBD I-VP O\n\
                    Ben NNP I-NP I-PER\nB NNP I-NP B-PER\nin IN I-PP O\nOslo NNP I-NP I-LOC\n\n\
                    -DOCSTART- -X- O O\n\nAcme NNP I-NP I-ORG\nLOC NNP I-NP I-LOC\n";
        let docs = parse(text).unwrap();
        assert_eq!(docs.len(), 2);
        let s = &docs[0].sentences[0];
        assert_eq!(s.tokens.len(), 7);
        let want = vec![
            Chunk {
                first: 0,
                last: 1,
                kind: NerType::Person,
            },
            Chunk {
                first: 3,
                last: 3,
                kind: NerType::Person,
            },
            Chunk {
                first: 4,
                last: 4,
                kind: NerType::Person,
            },
            Chunk {
                first: 6,
                last: 6,
                kind: NerType::Location,
            },
        ];
        assert_eq!(s.chunks, want);
        // A type change starts a new chunk even without B-.
        assert_eq!(docs[1].sentences[0].chunks.len(), 2);
    }

    #[test]
    fn bad_tag_is_an_error_with_its_line() {
        let err = parse("Anna NNP I-NP I-PERSON\n").unwrap_err();
        assert!(matches!(err, NerError::Conll { line: 1, .. }), "{err}");
    }
}
