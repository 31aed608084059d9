//! Writing: articles into the passages index through `_bulk`, and the ledger beside it.
//!
//! In: the articles of a run, one by one. Out: their passages in the cluster, each under a stable
//! id (a hash of the article id, and the passage number), so a re-run overwrites and never
//! duplicates. Passages are sent in bulk requests of about [`DEFAULT_BULK_BYTES`]; an article's
//! passages never straddle two requests. A source is written to the ledger only after its
//! passages were accepted: a run stopped at any point leaves sources either recorded whole or
//! not at all, and the next run re-sends what is not recorded.

use super::{mapping, refused, Cluster, ClusterError, Method};
use crate::choice::Choice;
use crate::clean::Article;
use crate::entities::DocEntities;
use crate::index::{
    article_names, format_day, name_tails, parse_day, passages, Ledger, Placement, Section, Sink,
};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

/// Bytes of actions gathered before a bulk request is sent (OpenSearch advises 5 to 15 MB).
pub const DEFAULT_BULK_BYTES: usize = 8 * 1024 * 1024;
/// Ledger documents read per page when a run starts.
const LEDGER_PAGE: usize = 5_000;

/// An open OpenSearch index, for writing.
pub struct Writer {
    cluster: Cluster,
    ledger: Ledger,
    /// One past the highest passage number of each stored article id, to delete the ones a shorter new version leaves.
    passages: HashMap<String, u32>,
    /// Actions not yet sent (NDJSON lines).
    pending: String,
    /// Sources whose ledger entry changes once `pending` is accepted.
    touched: HashSet<String>,
    bulk_bytes: usize,
}

impl Writer {
    /// Opens the index of `cluster`, creating it (with `shards` primary shards and `replicas`
    /// replicas) when it does not exist; `rebuild` deletes it first.
    pub fn open(
        cluster: Cluster,
        rebuild: bool,
        shards: u32,
        replicas: u32,
        bulk_bytes: usize,
    ) -> Result<Writer, ClusterError> {
        let ledger_index = cluster.ledger_index();
        if rebuild {
            for index in [cluster.index().to_string(), ledger_index.clone()] {
                match cluster.json(Method::Delete, &index, None, "deleting the index") {
                    Ok(_) | Err(ClusterError::Refused { status: 404, .. }) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        if cluster.exists(cluster.index())? {
            let answer = cluster.json(
                Method::Get,
                &format!("{}/_mapping", cluster.index()),
                None,
                "reading the mapping",
            )?;
            if let Some(reason) = mapping::mismatch(cluster.index(), &answer) {
                return Err(ClusterError::Mapping {
                    index: cluster.index().to_string(),
                    reason,
                });
            }
        } else {
            create(
                &cluster,
                cluster.index(),
                &mapping::create_body(shards, replicas),
            )?;
        }
        if !cluster.exists(&ledger_index)? {
            create(&cluster, &ledger_index, &mapping::ledger_body())?;
        }
        let (ledger, passages) = load_ledger(&cluster)?;
        Ok(Writer {
            cluster,
            ledger,
            passages,
            pending: String::new(),
            touched: HashSet::new(),
            bulk_bytes: bulk_bytes.max(1),
        })
    }

    /// Sends the pending actions, then the ledger entries of the sources they wrote.
    fn flush(&mut self) -> Result<(), ClusterError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        bulk(&self.cluster, std::mem::take(&mut self.pending))?;
        let mut entries = String::new();
        for source in std::mem::take(&mut self.touched) {
            let id = ledger_id(&source);
            let action =
                |name: &str| json!({ name: { "_index": self.cluster.ledger_index(), "_id": id } });
            match self.ledger.held(&source) {
                Some((hash, article_id)) => {
                    let doc = json!({
                        "source": source,
                        "hash": hash,
                        "article_id": article_id,
                        "passages": self.passages.get(article_id).copied().unwrap_or(0),
                        "superseded": false,
                    });
                    push_line(&mut entries, &action("index"));
                    push_line(&mut entries, &doc);
                }
                None => match self.ledger.superseded().get(&source) {
                    Some(hash) => {
                        let doc = json!({ "source": source, "hash": hash, "superseded": true });
                        push_line(&mut entries, &action("index"));
                        push_line(&mut entries, &doc);
                    }
                    None => push_line(&mut entries, &action("delete")),
                },
            }
        }
        bulk(&self.cluster, entries)
    }

    /// The bulk actions that index one article's passages under `id`.
    fn actions(
        &self,
        source: &str,
        hash: &str,
        id: &str,
        article: &Article,
        ents: &DocEntities,
    ) -> (String, u32) {
        let (actors, places) = article_names(ents);
        let tails: Vec<&str> = actors.iter().flat_map(|a| name_tails(a)).collect();
        let suffix = mapping::suffix(article.lang.as_deref());
        let date = article
            .date
            .as_deref()
            .and_then(parse_day)
            .and_then(format_day);
        let title = article.title.trim();
        let mut out = String::new();
        let mut count = 0;
        for passage in passages(article, ents) {
            let mut doc = json!({
                "article_id": id,
                "number": passage.number,
                "section": passage.section.name(),
                format!("title_{suffix}"): title,
                "url": article.url,
                "date": date,
                "path": article.path,
                "site": article.site,
                "lang": article.lang,
                "passage_actors": passage.actors,
                "passage_places": passage.places,
                "actor": actors,
                "actor_tail": tails,
                "place": places,
                "source": source,
                "hash": hash,
            });
            // The headline passage is found through the title fields only, as in the embedded
            // index: a search of the text never matches a headline twice.
            if passage.section != Section::Title {
                doc[format!("text_{suffix}")] = json!(passage.text);
            }
            let action = json!({ "index": { "_index": self.cluster.index(), "_id": passage_id(id, passage.number) } });
            push_line(&mut out, &action);
            push_line(&mut out, &doc);
            // Numbers start at 1 when there is no headline: the count covers the highest.
            count = count.max(passage.number as u32 + 1);
        }
        (out, count)
    }
}

impl Sink for Writer {
    type Error = ClusterError;

    fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    fn ledger_mut(&mut self) -> &mut Ledger {
        &mut self.ledger
    }

    fn write(
        &mut self,
        source: &str,
        hash: &str,
        placement: &Placement,
        article: &Article,
        ents: &DocEntities,
    ) -> Result<(), ClusterError> {
        let (actions, count) = self.actions(source, hash, &placement.id, article, ents);
        // Deletes first: a bulk request applies the actions of one id in order.
        for old in &placement.replaces {
            let old_count = self.passages.remove(old).unwrap_or(0);
            let keep = if *old == placement.id { count } else { 0 };
            for number in keep..old_count {
                let action = json!({ "delete": { "_index": self.cluster.index(), "_id": passage_id(old, u64::from(number)) } });
                push_line(&mut self.pending, &action);
            }
        }
        self.touched.extend(placement.moved.iter().cloned());
        self.pending.push_str(&actions);
        self.passages.insert(placement.id.clone(), count);
        self.touched.insert(source.to_string());
        if self.pending.len() >= self.bulk_bytes {
            self.flush()?;
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<(), ClusterError> {
        self.flush()?;
        self.cluster.refresh(self.cluster.index())?;
        self.cluster.refresh(&self.cluster.ledger_index())
    }
}

/// Creates `index` with `body`; another run creating it at the same moment is no error.
fn create(cluster: &Cluster, index: &str, body: &Value) -> Result<(), ClusterError> {
    match cluster.json(Method::Put, index, Some(body), "creating the index") {
        Ok(_) => Ok(()),
        Err(ClusterError::Refused { reason, .. }) if reason.contains("already exists") => Ok(()),
        Err(e) => Err(e),
    }
}

/// Sends NDJSON `actions` in one bulk request; items refused for load (429) are sent again,
/// any other refused item is an error naming it.
fn bulk(cluster: &Cluster, actions: String) -> Result<(), ClusterError> {
    let mut actions = actions;
    let started = std::time::Instant::now();
    let mut wait = super::FIRST_BACKOFF;
    loop {
        if actions.is_empty() {
            return Ok(());
        }
        let (status, answer) = cluster.send(
            Method::Post,
            "_bulk",
            Some(("application/x-ndjson", actions.as_bytes())),
            "a bulk request",
        )?;
        if status >= 300 {
            return Err(refused("a bulk request", status, &answer));
        }
        if answer["errors"] != json!(true) {
            return Ok(());
        }
        let items = answer["items"].as_array().cloned().unwrap_or_default();
        let lines: Vec<&str> = actions.lines().collect();
        let mut again = String::new();
        let mut line = 0;
        for item in &items {
            let (kind, result) = match item.as_object().and_then(|o| o.iter().next()) {
                Some((k, v)) => (k.as_str(), v),
                None => break,
            };
            let width = if kind == "delete" { 1 } else { 2 };
            let status = result["status"].as_u64().unwrap_or(0);
            let missing_delete = kind == "delete" && status == 404;
            if status == 429 {
                for l in &lines[line..(line + width).min(lines.len())] {
                    again.push_str(l);
                    again.push('\n');
                }
            } else if status >= 300 && !missing_delete {
                return Err(ClusterError::Refused {
                    what: format!("document {}", result["_id"]),
                    status: status as u16,
                    reason: result["error"]["reason"]
                        .as_str()
                        .unwrap_or("no reason given")
                        .to_string(),
                });
            }
            line += width;
        }
        actions = again;
        if !cluster.again(started, &mut wait) {
            return Err(ClusterError::Refused {
                what: "a bulk request".into(),
                status: 429,
                reason: "the cluster kept refusing for load; retry later, lower --bulk-mb, \
                         or give it more time with --retry-for"
                    .into(),
            });
        }
    }
}

/// Reads the whole ledger, and the passage count of each article id.
fn load_ledger(cluster: &Cluster) -> Result<(Ledger, HashMap<String, u32>), ClusterError> {
    let mut held = Vec::new();
    let mut superseded = HashMap::new();
    let mut passages = HashMap::new();
    let mut after: Option<Value> = None;
    loop {
        let mut body = json!({
            "size": LEDGER_PAGE,
            "sort": [{ "source": "asc" }],
            "_source": true,
        });
        if let Some(after) = &after {
            body["search_after"] = after.clone();
        }
        let answer = cluster.json(
            Method::Post,
            &format!("{}/_search", cluster.ledger_index()),
            Some(&body),
            "reading the ledger",
        )?;
        let hits = answer["hits"]["hits"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for hit in &hits {
            let doc = &hit["_source"];
            let text = |name: &str| doc[name].as_str().unwrap_or_default().to_string();
            if doc["superseded"] == json!(true) {
                superseded.insert(text("source"), text("hash"));
            } else {
                let id = text("article_id");
                passages.insert(id.clone(), doc["passages"].as_u64().unwrap_or(0) as u32);
                held.push((text("source"), text("hash"), id));
            }
        }
        match hits.last() {
            Some(last) if hits.len() == LEDGER_PAGE => after = Some(last["sort"].clone()),
            _ => break,
        }
    }
    Ok((Ledger::new(held, superseded), passages))
}

/// The stable id of a passage: a hash of its article's id (ids are URLs, often too long for an
/// `_id`) and its number.
fn passage_id(article_id: &str, number: u64) -> String {
    format!(
        "{}-{number}",
        &blake3::hash(article_id.as_bytes()).to_hex()[..32]
    )
}

/// The id of a source's ledger entry.
fn ledger_id(source: &str) -> String {
    blake3::hash(source.as_bytes()).to_hex()[..32].to_string()
}

/// Appends one NDJSON line.
fn push_line(out: &mut String, value: &Value) {
    out.push_str(&value.to_string());
    out.push('\n');
}
