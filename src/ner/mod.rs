//! NER: a trained named-entity recognizer for English news text.
//!
//! In: raw text. Out: [`NerSpan`]s (character offsets and a type: person, organisation,
//! location, misc). The model is an averaged structured perceptron over BILOU labels with
//! word, shape, affix, context, gazetteer and document-level features, trained from
//! CoNLL-format data by [`train`] (the `newsdex train-ner` command). The committed model in
//! `models/ner.bin` is built into the binary and loaded once by [`Model::builtin`].

pub mod clusters;
pub mod conll;
pub mod features;
pub mod perceptron;
pub mod place_names;
pub mod tokenize;

use clusters::Clusters;
use features::{DocContext, History, SentenceInfo};
use perceptron::{Trainer, Weights, LABELS, TRANS};
use place_names::PlaceNames;
use serde::Serialize;
use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

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

impl NerType {
    /// All types, in label order.
    pub const ALL: [NerType; 4] = [
        NerType::Person,
        NerType::Organization,
        NerType::Location,
        NerType::Misc,
    ];

    fn index(self) -> usize {
        self as usize
    }

    /// The CoNLL name (PER, ORG, LOC, MISC).
    pub fn conll_name(self) -> &'static str {
        ["PER", "ORG", "LOC", "MISC"][self.index()]
    }
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

/// What can go wrong reading data or models.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    /// A file could not be read or written.
    // The cause is in the message, not the error chain, so it is not printed twice.
    #[error("{path}: {cause} (check the path and that you may read or write it)")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        cause: std::io::Error,
    },
    /// A CoNLL file is malformed.
    #[error("{file}:{line}: {msg}")]
    Conll {
        /// The file (empty when parsing a string).
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        msg: String,
    },
    /// A model file is not a valid newsdex NER model.
    #[error(
        "invalid NER model: {0} (train one with `newsdex train-ner`, or restore models/ner.bin \
         and rebuild newsdex)"
    )]
    Model(String),
    /// The training data holds no sentence.
    #[error(
        "no training sentences in {0}: give CoNLL data, a `token POS chunk TAG` line per word \
         and a blank line after each sentence"
    )]
    NoData(String),
}

/// Settings for [`train`].
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the training data (with a dev file, the best pass on dev is kept).
    pub epochs: usize,
    /// Seed of the document shuffle, so that training is reproducible.
    pub seed: u64,
    /// Unlabeled news for word clusters: files or directories of plain text, JSON articles
    /// (their "title" and "text") or Reuters-21578 XML (TITLE and BODY). Empty: no clusters.
    pub unlabeled: Vec<PathBuf>,
    /// Number of word clusters (at most 256).
    pub clusters: usize,
    /// Print per-epoch progress to stderr.
    pub verbose: bool,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 15,
            seed: 0x5eed,
            unlabeled: Vec::new(),
            clusters: 256,
            verbose: false,
        }
    }
}

/// A trained tagger.
#[derive(Debug)]
pub struct Model {
    weights: Weights,
    gaz: PlaceNames,
    clusters: Clusters,
}

static BUILTIN: OnceLock<Option<Model>> = OnceLock::new();
static BUILTIN_BYTES: &[u8] = include_bytes!("../../models/ner.bin");

const MAGIC: &[u8; 8] = b"NDXNER03";
/// The previous format, which stored the gazetteer's names; still read.
const MAGIC_V2: &[u8; 8] = b"NDXNER02";

impl Model {
    /// The model shipped with newsdex, loaded once; `None` while no model has been trained.
    pub fn builtin() -> Option<&'static Model> {
        BUILTIN
            .get_or_init(|| Model::load(BUILTIN_BYTES).ok())
            .as_ref()
    }

    /// Finds the names in `text`.
    pub fn find(&self, text: &str) -> Vec<NerSpan> {
        self.find_in(text, &tokenize::sentences(text))
    }

    /// Finds the names in `text`, already cut into `sentences` by [`tokenize::sentences`].
    pub fn find_in(&self, text: &str, sentences: &[Vec<tokenize::Token>]) -> Vec<NerSpan> {
        let words: Vec<Vec<&str>> = sentences
            .iter()
            .map(|s| s.iter().map(|t| t.text(text)).collect())
            .collect();
        let labels = self.tag(&words);
        let mut out = Vec::new();
        for (toks, labels) in sentences.iter().zip(&labels) {
            for (a, b, ty) in perceptron::decode(labels) {
                out.push(NerSpan {
                    start: toks[a].start,
                    end: toks[b].end,
                    kind: NerType::ALL[ty],
                });
            }
        }
        out
    }

    /// BILOU labels for the tokenised sentences of one document.
    pub fn tag(&self, doc: &[Vec<&str>]) -> Vec<Vec<usize>> {
        tag_document(&self.weights, &self.gaz, &self.clusters, doc)
    }

    /// Writes the model (compressed, weights quantised to 16 bits).
    pub fn save(&self, path: &Path) -> Result<(), NerError> {
        let io = |e| NerError::Io {
            path: path.display().to_string(),
            cause: e,
        };
        std::fs::write(path, self.to_bytes()).map_err(io)
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut body = Vec::new();
        let names = self.gaz.pairs();
        put_u32(&mut body, names.len() as u32);
        let mut prev = 0u64;
        for &(h, c) in &names {
            put_varint(&mut body, h - prev);
            body.push(c);
            prev = h;
        }
        let pairs = self.clusters.pairs();
        put_u32(&mut body, pairs.len() as u32);
        let mut prev = 0u64;
        for &(h, c) in &pairs {
            put_varint(&mut body, h - prev);
            body.push(c);
            prev = h;
        }
        let w = &self.weights;
        let mut feats: Vec<(u64, u32)> = w.index.iter().map(|(&h, &r)| (h, r)).collect();
        feats.sort_unstable();
        let max = w
            .rows
            .iter()
            .chain(&w.trans)
            .fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let q = |x: f32| ((x / scale).round() as i16).to_le_bytes();
        body.extend_from_slice(&scale.to_le_bytes());
        for &x in &w.trans {
            body.extend_from_slice(&q(x));
        }
        put_u32(&mut body, feats.len() as u32);
        let mut prev = 0u64;
        for &(h, _) in &feats {
            put_varint(&mut body, h - prev);
            prev = h;
        }
        for &(_, r) in &feats {
            let row = &w.rows[r as usize * LABELS..(r as usize + 1) * LABELS];
            let mask = row
                .iter()
                .enumerate()
                .filter(|(_, &x)| q(x) != [0, 0])
                .fold(0u32, |m, (l, _)| m | 1 << l);
            put_u32(&mut body, mask);
            for (l, &x) in row.iter().enumerate() {
                if mask & (1 << l) != 0 {
                    body.extend_from_slice(&q(x));
                }
            }
        }
        let mut out = MAGIC.to_vec();
        let mut enc = flate2::write::DeflateEncoder::new(&mut out, flate2::Compression::best());
        // Writing into a Vec cannot fail.
        let _ = enc.write_all(&body);
        let _ = enc.finish();
        out
    }

    /// Reads a model from the bytes of a model file.
    pub fn load(bytes: &[u8]) -> Result<Model, NerError> {
        // Version 2 stored the gazetteer's names, version 3 their hashes; both load.
        let (data, names_stored) = match bytes.split_at_checked(MAGIC.len()) {
            Some((magic, data)) if magic == MAGIC.as_slice() => (data, false),
            Some((magic, data)) if magic == MAGIC_V2.as_slice() => (data, true),
            _ => {
                return Err(NerError::Model(
                    "not a newsdex NER model (bad magic)".into(),
                ))
            }
        };
        let mut body = Vec::new();
        flate2::read::DeflateDecoder::new(data)
            .read_to_end(&mut body)
            .map_err(|e| NerError::Model(format!("decompression failed: {e}")))?;
        let mut r = Reader { buf: &body, pos: 0 };
        let n = r.u32()? as usize;
        let gaz = if names_stored {
            let mut entries = Vec::with_capacity(n.min(1 << 20));
            for _ in 0..n {
                let cat = r.take(1)?[0];
                let len = r.u32()? as usize;
                let name = std::str::from_utf8(r.take(len)?)
                    .map_err(|_| NerError::Model("gazetteer name not UTF-8".into()))?;
                entries.push((cat, name.to_string()));
            }
            PlaceNames::new(entries)
        } else {
            let mut pairs = Vec::with_capacity(n.min(1 << 22));
            let mut h = 0u64;
            for _ in 0..n {
                h = h.wrapping_add(r.varint()?);
                pairs.push((h, r.take(1)?[0]));
            }
            PlaceNames::from_pairs(pairs.into_iter())
        };
        let n = r.u32()? as usize;
        let mut pairs = Vec::with_capacity(n.min(1 << 20));
        let mut h = 0u64;
        for _ in 0..n {
            h = h.wrapping_add(r.varint()?);
            pairs.push((h, r.take(1)?[0]));
        }
        let clusters = Clusters::from_pairs(pairs.into_iter());
        let scale = f32::from_le_bytes(r.array()?);
        let mut trans = Vec::with_capacity(TRANS);
        for _ in 0..TRANS {
            trans.push(f32::from(i16::from_le_bytes(r.array()?)) * scale);
        }
        let n = r.u32()? as usize;
        let mut index = perceptron::FeatureIndex::default();
        index.reserve(n.min(1 << 24));
        let mut h = 0u64;
        for row in 0..n {
            h = h.wrapping_add(r.varint()?);
            index.insert(h, row as u32);
        }
        let mut rows = vec![0f32; n.min(1 << 24) * LABELS];
        for row in 0..n {
            let mask = r.u32()?;
            for l in (0..LABELS).filter(|l| mask & (1 << l) != 0) {
                let x = f32::from(i16::from_le_bytes(r.array()?)) * scale;
                *rows
                    .get_mut(row * LABELS + l)
                    .ok_or_else(|| NerError::Model("too many features".into()))? = x;
            }
        }
        if r.pos != body.len() {
            return Err(NerError::Model("trailing bytes".into()));
        }
        Ok(Model {
            weights: Weights { index, rows, trans },
            gaz,
            clusters,
        })
    }

    /// Number of weighted features.
    pub fn features(&self) -> usize {
        self.weights.index.len()
    }
}

fn put_u32(out: &mut Vec<u8>, x: u32) {
    out.extend_from_slice(&x.to_le_bytes());
}

fn put_varint(out: &mut Vec<u8>, mut x: u64) {
    while x >= 0x80 {
        out.push((x as u8) | 0x80);
        x >>= 7;
    }
    out.push(x as u8);
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], NerError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.buf.len());
        let end = end.ok_or_else(|| NerError::Model("truncated".into()))?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], NerError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u32(&mut self) -> Result<u32, NerError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn varint(&mut self) -> Result<u64, NerError> {
        let mut x = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            x |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(x);
            }
        }
        Err(NerError::Model("bad varint".into()))
    }
}

/// Tags one document (sentences of words) with the given weights.
fn tag_document(
    weights: &Weights,
    gaz: &PlaceNames,
    clusters: &Clusters,
    doc: &[Vec<&str>],
) -> Vec<Vec<usize>> {
    let infos: Vec<SentenceInfo> = doc.iter().map(|s| SentenceInfo::new(s)).collect();
    let ctx = DocContext::new(&infos);
    let mut history = History::default();
    let mut out = Vec::with_capacity(infos.len());
    let (mut st, mut hf) = (features::Table::default(), features::Table::default());
    for (k, s) in infos.iter().enumerate() {
        st.clear();
        hf.clear();
        features::static_features(s, k, &ctx, gaz, clusters, &mut st);
        features::history_features(s, &history, &mut hf);
        let em: Vec<[f32; LABELS]> = st
            .tokens()
            .zip(hf.tokens())
            .map(|(a, b)| weights.emission(a, b))
            .collect();
        let labels = perceptron::viterbi(&em, &weights.trans);
        let types: Vec<Option<usize>> = labels.iter().map(|&l| perceptron::label_type(l)).collect();
        history.record(s, &types);
        out.push(labels);
    }
    out
}

/// A training document: prepared sentences with static feature rows and gold labels.
struct Prepared {
    sentences: Vec<(SentenceInfo, Vec<Vec<u32>>, Vec<usize>)>,
}

fn prepare(
    doc: &conll::Document,
    gaz: &PlaceNames,
    clusters: &Clusters,
    trainer: &mut Trainer,
) -> Prepared {
    let infos: Vec<SentenceInfo> = doc
        .sentences
        .iter()
        .map(|s| SentenceInfo::new(&s.tokens.iter().map(String::as_str).collect::<Vec<_>>()))
        .collect();
    let ctx = DocContext::new(&infos);
    let mut sentences = Vec::with_capacity(infos.len());
    let mut st = features::Table::default();
    for (k, (info, s)) in infos.into_iter().zip(&doc.sentences).enumerate() {
        st.clear();
        features::static_features(&info, k, &ctx, gaz, clusters, &mut st);
        let rows: Vec<Vec<u32>> = st
            .tokens()
            .map(|f| f.iter().map(|&h| trainer.row(h)).collect())
            .collect();
        let spans: Vec<(usize, usize, usize)> = s
            .chunks
            .iter()
            .map(|c| (c.first, c.last, c.kind.index()))
            .collect();
        sentences.push((info, rows, perceptron::encode(s.tokens.len(), &spans)));
    }
    Prepared { sentences }
}

/// Deterministic shuffle (xorshift64*), so training runs give identical models.
fn shuffle(order: &mut [usize], seed: &mut u64) {
    for i in (1..order.len()).rev() {
        *seed ^= *seed >> 12;
        *seed ^= *seed << 25;
        *seed ^= *seed >> 27;
        let r = seed.wrapping_mul(0x2545_f491_4f6c_dd1d);
        order.swap(i, (r % (i as u64 + 1)) as usize);
    }
}

/// Reads unlabeled texts from files and directories (walked in sorted order).
fn read_unlabeled(paths: &[PathBuf]) -> Result<Vec<String>, NerError> {
    let mut texts = Vec::new();
    for root in paths {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.map(walkdir::DirEntry::into_path))
            .collect::<Result<_, _>>()
            .map_err(|e| NerError::Io {
                path: root.display().to_string(),
                cause: e.into(),
            })?;
        files.retain(|p| p.is_file());
        for path in files {
            let raw = std::fs::read(&path).map_err(|e| NerError::Io {
                path: path.display().to_string(),
                cause: e,
            })?;
            let text = String::from_utf8_lossy(&raw);
            match path.extension().and_then(|e| e.to_str()) {
                Some("json") => {
                    if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
                        texts.extend(
                            ["title", "text"]
                                .iter()
                                .filter_map(|k| v[*k].as_str().map(String::from)),
                        );
                    }
                }
                Some("xml" | "sgm") => texts.extend(xml_texts(&text)),
                Some("txt") | None => texts.push(text.into_owned()),
                Some(_) => {}
            }
        }
    }
    Ok(texts)
}

/// TITLE and BODY elements of Reuters-21578 files, entities decoded.
fn xml_texts(xml: &str) -> Vec<String> {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"(?s)<(TITLE|BODY)>(.*?)</(TITLE|BODY)>").expect("valid regex")
    });
    re.captures_iter(xml)
        .map(|c| {
            c[2].replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
        })
        .collect()
}

/// Trains a model on a CoNLL file; with `dev`, keeps the pass with the best dev F1 (PER/ORG/LOC).
pub fn train(train: &Path, dev: Option<&Path>, opts: &TrainOptions) -> Result<Model, NerError> {
    let docs = conll::read_file(train)?;
    if docs.iter().all(|d| d.sentences.is_empty()) {
        return Err(NerError::NoData(train.display().to_string()));
    }
    let dev_docs = dev.map(conll::read_file).transpose()?;
    let gaz = PlaceNames::standard();
    let mut texts = read_unlabeled(&opts.unlabeled)?;
    if !texts.is_empty() {
        // The training sentences are unlabeled text too, rich in sports and market pages.
        texts.extend(
            docs.iter()
                .flat_map(|d| &d.sentences)
                .map(|s| s.tokens.join(" ")),
        );
    }
    let clusters = Clusters::learn(texts.iter().map(String::as_str), opts.clusters);
    train_docs(&docs, dev_docs.as_deref(), gaz, clusters, opts)
}

/// Trains on parsed documents with a given gazetteer.
pub fn train_docs(
    docs: &[conll::Document],
    dev: Option<&[conll::Document]>,
    gaz: PlaceNames,
    clusters: Clusters,
    opts: &TrainOptions,
) -> Result<Model, NerError> {
    let mut trainer = Trainer::new();
    let prepared: Vec<Prepared> = docs
        .iter()
        .map(|d| prepare(d, &gaz, &clusters, &mut trainer))
        .collect();
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut seed = opts.seed | 1;
    let mut best: Option<(f64, Weights)> = None;
    let mut hf = features::Table::default();
    for epoch in 0..opts.epochs.max(1) {
        shuffle(&mut order, &mut seed);
        for &d in &order {
            let mut history = History::default();
            for (info, rows, gold) in &prepared[d].sentences {
                hf.clear();
                features::history_features(info, &history, &mut hf);
                let all: Vec<Vec<u32>> = rows
                    .iter()
                    .zip(hf.tokens())
                    .map(|(r, h)| {
                        r.iter()
                            .copied()
                            .chain(h.iter().map(|&x| trainer.row(x)))
                            .collect()
                    })
                    .collect();
                let pred = trainer.predict(&all);
                trainer.update(&all, gold, &pred);
                let types: Vec<Option<usize>> =
                    pred.iter().map(|&l| perceptron::label_type(l)).collect();
                history.record(info, &types);
            }
        }
        let Some(dev) = dev else { continue };
        let weights = trainer.averaged();
        let f1 = token_scores(&weights, &gaz, &clusters, dev).without_misc.f1;
        if opts.verbose {
            eprintln!(
                "epoch {}: dev F1 (PER/ORG/LOC) {:.4}, {} features",
                epoch + 1,
                f1,
                weights.index.len()
            );
        }
        if best.as_ref().is_none_or(|(b, _)| f1 > *b) {
            best = Some((f1, weights));
        }
    }
    let weights = match best {
        Some((_, w)) => w,
        None => trainer.averaged(),
    };
    Ok(Model {
        weights,
        gaz,
        clusters,
    })
}

/// Precision, recall and F1 of one type (or a group of types).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Score {
    /// Correct predicted names.
    pub tp: usize,
    /// Wrong predicted names.
    pub fp: usize,
    /// Missed gold names.
    pub fn_: usize,
    /// tp / (tp + fp).
    pub precision: f64,
    /// tp / (tp + fn).
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Score {
    fn new(tp: usize, fp: usize, fn_: usize) -> Score {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (p, r) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Score {
            tp,
            fp,
            fn_,
            precision: p,
            recall: r,
            f1,
        }
    }
}

/// Entity-level scores (exact span and type, as conlleval).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    /// PER, ORG, LOC, MISC in that order.
    pub per_type: Vec<(String, Score)>,
    /// Over PER, ORG, LOC.
    pub without_misc: Score,
    /// Over all four types.
    pub with_misc: Score,
}

impl Scores {
    fn from_counts(counts: [[usize; 3]; 4]) -> Scores {
        let sum = |types: &[usize], k: usize| types.iter().map(|&t| counts[t][k]).sum::<usize>();
        let group = |types: &[usize]| Score::new(sum(types, 0), sum(types, 1), sum(types, 2));
        Scores {
            per_type: NerType::ALL
                .iter()
                .map(|t| (t.conll_name().to_string(), group(&[t.index()])))
                .collect(),
            without_misc: group(&[0, 1, 2]),
            with_misc: group(&[0, 1, 2, 3]),
        }
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<20} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}",
            "type", "precision", "recall", "F1", "tp", "fp", "fn"
        )?;
        let rows = self.per_type.iter().map(|(n, s)| (n.as_str(), s)).chain([
            ("overall (no MISC)", &self.without_misc),
            ("overall (with MISC)", &self.with_misc),
        ]);
        for (name, s) in rows {
            writeln!(
                f,
                "{:<20} {:>9.2} {:>9.2} {:>9.2} {:>6} {:>6} {:>6}",
                name,
                100.0 * s.precision,
                100.0 * s.recall,
                100.0 * s.f1,
                s.tp,
                s.fp,
                s.fn_
            )?;
        }
        Ok(())
    }
}

fn count(
    counts: &mut [[usize; 3]; 4],
    gold: &[(usize, usize, usize)],
    pred: &[(usize, usize, usize)],
) {
    for g in gold {
        counts[g.2][if pred.contains(g) { 0 } else { 2 }] += 1;
    }
    for p in pred.iter().filter(|p| !gold.contains(p)) {
        counts[p.2][1] += 1;
    }
}

/// Scores on CoNLL documents tagged from their own tokens (no tokenizer involved).
fn token_scores(
    weights: &Weights,
    gaz: &PlaceNames,
    clusters: &Clusters,
    docs: &[conll::Document],
) -> Scores {
    let mut counts = [[0usize; 3]; 4];
    for d in docs {
        let words: Vec<Vec<&str>> = d
            .sentences
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        for (s, labels) in d
            .sentences
            .iter()
            .zip(tag_document(weights, gaz, clusters, &words))
        {
            let gold: Vec<_> = s
                .chunks
                .iter()
                .map(|c| (c.first, c.last, c.kind.index()))
                .collect();
            count(&mut counts, &gold, &perceptron::decode(&labels));
        }
    }
    Scores::from_counts(counts)
}

/// Scores a model on a CoNLL file the way the project's scorer does: each document becomes
/// text (tokens joined by spaces, sentences by line breaks), [`Model::find`] runs on it, and
/// a predicted span counts only if it starts and ends on the gold tokens' boundaries.
pub fn evaluate(model: &Model, conll_path: &Path) -> Result<Scores, NerError> {
    let docs = conll::read_file(conll_path)?;
    let mut counts = [[0usize; 3]; 4];
    for d in &docs {
        let mut text = String::new();
        let mut bounds: Vec<(usize, usize)> = Vec::new(); // char offsets of every token
        let mut gold = Vec::new();
        let mut chars = 0;
        for (si, s) in d.sentences.iter().enumerate() {
            let base = bounds.len();
            for (ti, tok) in s.tokens.iter().enumerate() {
                if si > 0 || ti > 0 {
                    text.push(if ti == 0 { '\n' } else { ' ' });
                    chars += 1;
                }
                text.push_str(tok);
                let n = tok.chars().count();
                bounds.push((chars, chars + n));
                chars += n;
            }
            gold.extend(
                s.chunks
                    .iter()
                    .map(|c| (base + c.first, base + c.last, c.kind.index())),
            );
        }
        let pred: Vec<(usize, usize, usize)> = model
            .find(&text)
            .iter()
            .map(|sp| {
                let first = bounds.iter().position(|b| b.0 == sp.start);
                let last = bounds.iter().position(|b| b.1 == sp.end);
                match (first, last) {
                    (Some(a), Some(b)) if a <= b => (a, b, sp.kind.index()),
                    // Not on token boundaries: can never match, counts as a false positive.
                    _ => (usize::MAX, usize::MAX, sp.kind.index()),
                }
            })
            .collect();
        count(&mut counts, &gold, &pred);
    }
    Ok(Scores::from_counts(counts))
}

#[cfg(test)]
mod tests;
