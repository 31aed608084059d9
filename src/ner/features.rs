//! Feature extraction: tokens of a document in, hashed feature ids per token out.
//!
//! Static features depend only on the text (word, shape, affixes, context window, gazetteer,
//! how the word is written elsewhere in the document). History features depend on the labels
//! already given to the same word earlier in the document, so they are made sentence by
//! sentence while tagging.

use super::clusters::Clusters;
use super::place_names::PlaceNames;
use std::borrow::Cow;
use std::collections::HashMap;

/// Entity types known to the tagger (index order of `NerType` in labels).
pub const TYPES: usize = 4;

/// Word-level facts reused by several templates.
#[derive(Debug, Clone)]
pub struct TokenInfo {
    /// The word with typographic quotes and dashes mapped to CoNLL's ASCII forms.
    pub norm: String,
    /// Lower case of `norm`.
    pub lower: String,
    /// Shape: X for upper, x for lower, d for digit, others kept (at most 12 chars).
    pub shape: String,
    /// Shape with repeats collapsed ("Xx", "X.X.", "d-d").
    pub short: String,
    /// Starts with an upper-case letter.
    pub capital: bool,
}

/// A sentence prepared for feature extraction.
#[derive(Debug, Clone)]
pub struct SentenceInfo {
    /// Its tokens.
    pub tokens: Vec<TokenInfo>,
    /// Every cased letter is upper case (a headline or a shouted line).
    pub all_caps: bool,
    /// At least a third of the tokens are numbers (a results table or a list of figures).
    pub numeric: bool,
}

impl SentenceInfo {
    /// Prepares the words of one sentence.
    pub fn new(words: &[&str]) -> SentenceInfo {
        let tokens: Vec<TokenInfo> = words.iter().map(|w| token_info(w)).collect();
        let (mut upper, mut lower) = (0usize, 0usize);
        for t in &tokens {
            for c in t.norm.chars() {
                upper += usize::from(c.is_uppercase());
                lower += usize::from(c.is_lowercase());
            }
        }
        let numbers = tokens.iter().filter(|t| t.short.starts_with('d')).count();
        SentenceInfo {
            all_caps: upper >= 3 && lower == 0,
            numeric: numbers * 3 >= tokens.len() && numbers > 0,
            tokens,
        }
    }
}

fn normalize(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        return Cow::Borrowed(word);
    }
    let mut s = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '“' | '”' | '„' | '«' | '»' | '″' => s.push('"'),
            '‘' | '’' | '′' | '`' => s.push('\''),
            '–' | '‐' | '‑' => s.push('-'),
            '—' | '―' => s.push_str("--"),
            '…' => s.push_str("..."),
            _ => s.push(c),
        }
    }
    Cow::Owned(s)
}

fn token_info(word: &str) -> TokenInfo {
    let norm = normalize(word).into_owned();
    let lower = norm.to_lowercase();
    let mut shape = String::new();
    let mut short = String::new();
    for c in norm.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if shape.len() < 12 {
            shape.push(s);
        }
        if !short.ends_with(s) {
            short.push(s);
        }
    }
    let capital = norm.chars().next().is_some_and(char::is_uppercase);
    TokenInfo {
        norm,
        lower,
        shape,
        short,
        capital,
    }
}

/// How words are written across a document, to resolve headline and sentence-initial case.
#[derive(Debug, Default)]
pub struct DocContext {
    /// Lower-cased word -> bit 1: capitalised mid-sentence in mixed case; bit 2: lower case there.
    case: HashMap<String, u8>,
    /// Capitalised word -> features of its occurrences in mixed-case sentences: neighbours and
    /// the first and last word of the capitalised name around it ("Lavrov" <- "Sergei Lavrov").
    aggregate: HashMap<String, Vec<u64>>,
    /// First word of an all-caps opening line ("soccer" in "SOCCER - ..."): the desk or topic.
    topic: String,
}

impl DocContext {
    /// Collects the case evidence of all sentences of a document.
    pub fn new(sentences: &[SentenceInfo]) -> DocContext {
        let mut case: HashMap<String, u8> = HashMap::new();
        for s in sentences.iter().filter(|s| !s.all_caps) {
            for (i, t) in s.tokens.iter().enumerate().skip(1) {
                let after_open = s.tokens[i - 1].short.chars().all(|c| !c.is_alphanumeric());
                if after_open || !t.norm.chars().any(char::is_alphabetic) {
                    continue;
                }
                let bit = if t.capital {
                    1
                } else if t.norm.starts_with(char::is_lowercase) {
                    2
                } else {
                    0
                };
                if bit != 0 {
                    *case.entry(t.lower.clone()).or_insert(0) |= bit;
                }
            }
        }
        let topic = sentences
            .first()
            .filter(|s| s.all_caps)
            .and_then(|s| s.tokens.first())
            .filter(|t| t.norm.chars().all(char::is_alphabetic))
            .map_or(String::new(), |t| t.lower.clone());
        DocContext {
            case,
            topic,
            aggregate: aggregate(sentences),
        }
    }
}

/// Most context features kept per word: enough for a document, bounded for huge texts.
const AGGREGATE_MAX: usize = 24;

fn aggregate(sentences: &[SentenceInfo]) -> HashMap<String, Vec<u64>> {
    let mut out: HashMap<String, Vec<u64>> = HashMap::new();
    for s in sentences.iter().filter(|s| !s.all_caps) {
        let runs = capital_runs(s);
        for (i, t) in s.tokens.iter().enumerate().filter(|(_, t)| t.capital) {
            let prev = i
                .checked_sub(1)
                .map_or(START, |j| s.tokens[j].lower.as_str());
            let next = s.tokens.get(i + 1).map_or(END, |t| t.lower.as_str());
            let mut feats = vec![
                FeatureHash::new(32).part(prev).done(),
                FeatureHash::new(33).part(next).done(),
            ];
            if let Some((a, b)) = runs[i] {
                feats.push(FeatureHash::new(34).part(&s.tokens[a].lower).done());
                feats.push(FeatureHash::new(35).part(&s.tokens[b].lower).done());
            }
            let slot = out.entry(t.lower.clone()).or_default();
            for f in feats {
                if slot.len() < AGGREGATE_MAX && !slot.contains(&f) {
                    slot.push(f);
                }
            }
        }
    }
    out
}

/// Types given so far to capitalised words of the current document.
#[derive(Debug, Default)]
pub struct History {
    counts: HashMap<String, [u16; TYPES + 1]>,
}

impl History {
    /// Records the types (`None` for outside) given to the tokens of a sentence.
    pub fn record(&mut self, sentence: &SentenceInfo, types: &[Option<usize>]) {
        for (t, ty) in sentence.tokens.iter().zip(types) {
            if t.capital {
                let c = self.counts.entry(t.lower.clone()).or_insert([0; TYPES + 1]);
                let k = ty.unwrap_or(TYPES);
                c[k] = c[k].saturating_add(1);
            }
        }
    }
}

/// Feature ids of the tokens of one sentence, in one buffer (no allocation per token).
#[derive(Debug, Default, Clone)]
pub struct Table {
    ids: Vec<u64>,
    ends: Vec<usize>,
}

impl Table {
    /// Empties the table, keeping its memory.
    pub fn clear(&mut self) {
        self.ids.clear();
        self.ends.clear();
    }

    /// Ends the current token: the ids pushed since the last end are its features.
    fn end_token(&mut self) {
        self.ends.push(self.ids.len());
    }

    /// Feature ids of each token, in order.
    pub fn tokens(&self) -> impl Iterator<Item = &[u64]> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(a, &b)| &self.ids[a..b])
    }
}

/// Hash builder for feature strings: FNV-1a over a template id and its parts.
struct FeatureHash(u64);

impl FeatureHash {
    fn new(template: u8) -> FeatureHash {
        FeatureHash((0xcbf2_9ce4_8422_2325u64 ^ u64::from(template)).wrapping_mul(0x0100_0000_01b3))
    }
    fn part(mut self, s: &str) -> FeatureHash {
        for b in s.bytes() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = (self.0 ^ 0xff).wrapping_mul(0x0100_0000_01b3);
        self
    }
    fn byte(mut self, b: u8) -> FeatureHash {
        self.0 = (self.0 ^ u64::from(b) ^ 0x100).wrapping_mul(0x0100_0000_01b3);
        self
    }
    fn done(self) -> u64 {
        // A final mix so that ids spread evenly for the pass-through hash map.
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x
    }
}

const START: &str = "<S>";
const END: &str = "</S>";

fn prefix(s: &str, n: usize) -> Option<&str> {
    let end = s.char_indices().nth(n).map(|(i, _)| i)?;
    Some(&s[..end])
}

fn suffix(s: &str, n: usize) -> Option<&str> {
    let count = s.chars().count();
    if count <= n {
        return None;
    }
    let start = s.char_indices().nth(count - n).map(|(i, _)| i)?;
    Some(&s[start..])
}

/// Static features of every token of a sentence, appended to `out` (one Vec per token).
pub fn static_features(
    s: &SentenceInfo,
    position: usize,
    doc: &DocContext,
    gaz: &PlaceNames,
    clusters: &Clusters,
    out: &mut Table,
) {
    let cl: Vec<Option<u8>> = s
        .tokens
        .iter()
        .map(|t| clusters.get(&t.norm, &t.lower))
        .collect();
    let n = s.tokens.len();
    let lowers: Vec<&str> = s.tokens.iter().map(|t| t.lower.as_str()).collect();
    let gpos = gaz.positions(&lowers);
    let lw = |i: isize| -> &str {
        if i < 0 {
            START
        } else {
            lowers.get(i as usize).copied().unwrap_or(END)
        }
    };
    let sh = |i: isize| -> &str {
        if i < 0 {
            START
        } else {
            s.tokens.get(i as usize).map_or(END, |t| t.short.as_str())
        }
    };
    let runs = capital_runs(s);
    let long_runs = self::runs(s, true);
    for i in 0..n {
        let t = &s.tokens[i];
        let ii = i as isize;
        let f = &mut out.ids;
        f.push(FeatureHash::new(0).done());
        f.push(FeatureHash::new(1).part(&t.norm).done());
        f.push(FeatureHash::new(2).part(&t.lower).done());
        f.push(FeatureHash::new(3).part(&t.shape).done());
        f.push(FeatureHash::new(4).part(&t.short).done());
        for k in 1..=4u8 {
            if let Some(p) = prefix(&t.norm, usize::from(k)) {
                f.push(FeatureHash::new(5).byte(k).part(p).done());
            }
            if let Some(p) = suffix(&t.lower, usize::from(k)) {
                f.push(FeatureHash::new(6).byte(k).part(p).done());
            }
        }
        for (k, d) in [(0u8, -2isize), (1, -1), (2, 1), (3, 2)] {
            f.push(FeatureHash::new(7).byte(k).part(lw(ii + d)).done());
            f.push(FeatureHash::new(8).byte(k).part(sh(ii + d)).done());
        }
        f.push(FeatureHash::new(9).part(lw(ii - 1)).part(&t.lower).done());
        f.push(FeatureHash::new(10).part(&t.lower).part(lw(ii + 1)).done());
        f.push(FeatureHash::new(11).part(sh(ii - 1)).part(&t.short).done());
        f.push(FeatureHash::new(12).part(&t.short).part(sh(ii + 1)).done());
        f.push(
            FeatureHash::new(13)
                .part(sh(ii - 1))
                .part(&t.short)
                .part(sh(ii + 1))
                .done(),
        );
        f.push(FeatureHash::new(14).part(lw(ii - 1)).part(&t.short).done());
        f.push(FeatureHash::new(15).part(&t.short).part(lw(ii + 1)).done());
        if i == 0 {
            f.push(
                FeatureHash::new(16)
                    .part(&t.short)
                    .byte(u8::from(position == 0))
                    .done(),
            );
        }
        if s.all_caps {
            f.push(FeatureHash::new(17).part(&t.short).done());
            f.push(FeatureHash::new(18).part(&t.lower).done());
        }
        if let Some((a, b)) = t.lower.split_once('-') {
            f.push(FeatureHash::new(19).part(a).done());
            f.push(FeatureHash::new(20).part(b).done());
        }
        for (c, &code) in gpos[i].iter().enumerate() {
            if code != 0 {
                f.push(FeatureHash::new(21).byte(c as u8).byte(code).done());
                f.push(
                    FeatureHash::new(22)
                        .byte(c as u8)
                        .byte(code)
                        .part(&t.short)
                        .done(),
                );
                // In sports pages a city name is usually a team.
                f.push(FeatureHash::new(36).byte(c as u8).part(&doc.topic).done());
            }
            for (k, j) in [(0u8, i.wrapping_sub(1)), (1, i + 1)] {
                if gpos.get(j).is_some_and(|g| g[c] != 0) {
                    f.push(FeatureHash::new(23).byte(k).byte(c as u8).done());
                }
            }
        }
        if t.norm.chars().any(char::is_alphabetic) {
            let bits = doc.case.get(&t.lower).copied().unwrap_or(0);
            let context =
                u8::from(i == 0) | (u8::from(s.all_caps) << 1) | (u8::from(t.capital) << 2);
            f.push(FeatureHash::new(24).byte(bits).byte(context).done());
        }
        if !doc.topic.is_empty() {
            f.push(FeatureHash::new(25).part(&doc.topic).part(&t.short).done());
        }
        if t.capital {
            if let Some(agg) = doc.aggregate.get(&t.lower) {
                f.extend_from_slice(agg);
            }
        }
        if let Some((a, b)) = runs[i] {
            // The head and the first word of a capitalised name ("... Mills", "Bank of ...").
            let len = (b - a + 1).min(4) as u8;
            f.push(
                FeatureHash::new(27)
                    .part(&s.tokens[b].lower)
                    .byte(u8::from(i == b))
                    .done(),
            );
            f.push(
                FeatureHash::new(28)
                    .part(&s.tokens[a].lower)
                    .byte(u8::from(i == a))
                    .done(),
            );
            f.push(
                FeatureHash::new(29)
                    .byte(len)
                    .byte((i - a).min(3) as u8)
                    .done(),
            );
        }
        for (k, j) in [(0u8, i), (1, i.wrapping_sub(1)), (2, i + 1)] {
            if let Some(c) = cl.get(j).copied().flatten() {
                f.push(FeatureHash::new(40).byte(k).byte(c).done());
            }
        }
        if let Some(c) = cl[i] {
            f.push(FeatureHash::new(41).byte(c).part(&t.short).done());
            f.push(FeatureHash::new(43).byte(c).part(&doc.topic).done());
            if let Some(p) = i.checked_sub(1).and_then(|j| cl[j]) {
                f.push(FeatureHash::new(42).byte(p).byte(c).done());
            }
        }
        if let Some((a, b)) = long_runs[i].filter(|&r| Some(r) != runs[i]) {
            f.push(FeatureHash::new(44).part(&s.tokens[b].lower).done());
            f.push(FeatureHash::new(45).part(&s.tokens[a].lower).done());
        }
        if s.numeric {
            f.push(FeatureHash::new(26).part(&t.short).part(sh(ii + 1)).done());
        }
        out.end_token();
    }
}

/// For each token inside a run of two or more capitalised words (mixed-case sentences only),
/// the run's first and last token.
fn capital_runs(s: &SentenceInfo) -> Vec<Option<(usize, usize)>> {
    runs(s, false)
}

/// Words that join the parts of a longer name ("Bank of England", "Human Rights in China").
const CONNECTORS: &[&str] = &["of", "and", "&", "for", "in", "de", "the", "on"];

/// Capitalised runs; with `connectors`, runs may go over a connector between capitals.
fn runs(s: &SentenceInfo, connectors: bool) -> Vec<Option<(usize, usize)>> {
    let n = s.tokens.len();
    let mut out = vec![None; n];
    if s.all_caps {
        return out;
    }
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j < n && s.tokens[j].capital {
            j += 1;
            let joins = |k: usize| {
                connectors
                    && k > i
                    && k + 1 < n
                    && CONNECTORS.contains(&s.tokens[k].lower.as_str())
                    && s.tokens[k + 1].capital
            };
            if joins(j) {
                j += 1;
            }
        }
        if j >= i + 2 {
            for slot in &mut out[i..j] {
                *slot = Some((i, j - 1));
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// History features of every token of a sentence, appended to `out`.
pub fn history_features(s: &SentenceInfo, history: &History, out: &mut Table) {
    for t in &s.tokens {
        let f = &mut out.ids;
        if let Some(c) = t.capital.then(|| history.counts.get(&t.lower)).flatten() {
            let total: u32 = c.iter().map(|&x| u32::from(x)).sum();
            let best = (0..=TYPES)
                .max_by_key(|&k| (c[k], usize::MAX - k))
                .unwrap_or(TYPES);
            f.push(FeatureHash::new(30).byte(best as u8).done());
            for (k, &x) in c.iter().enumerate() {
                if x > 0 && u32::from(x) * 2 >= total {
                    f.push(
                        FeatureHash::new(31)
                            .byte(k as u8)
                            .byte(u8::from(s.all_caps))
                            .done(),
                    );
                }
            }
        }
        out.end_token();
    }
}
