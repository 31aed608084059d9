//! Drives the NER model for measuring, until `newsdex entities` / `newsdex train-ner` exist.
//!
//! `ner_protocol [--model FILE]` reads JSON lines {"id","text"} on stdin and writes
//! {"id","entities":[{"start","end","label","name"}]} (the scorer's batch protocol).
//! `ner_protocol train TRAIN DEV OUT [EPOCHS [UNLABELED...]]` trains a model and prints its dev scores.
//! `ner_protocol eval MODEL CONLL` prints the scores of a model file on a CoNLL file.
//! `ner_protocol bench MODEL < docs.jsonl` times model loading and tagging.

use anyhow::{bail, Context, Result};
use newsdex::ner::{self, Model, NerType};
use std::io::{BufRead, Write};
use std::path::Path;
use std::time::Instant;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["train", train, dev, out, rest @ ..] => {
            let t = Instant::now();
            let mut opts = ner::TrainOptions { verbose: true, ..Default::default() };
            if let Some(epochs) = rest.first() {
                opts.epochs = epochs.parse().context("epochs")?;
            }
            opts.unlabeled = rest.iter().skip(1).map(Into::into).collect();
            let model = ner::train(Path::new(train), Some(Path::new(dev)), &opts)?;
            eprintln!("trained in {:.1}s, {} features", t.elapsed().as_secs_f64(), model.features());
            model.save(Path::new(out))?;
            print!("{}", ner::evaluate(&Model::load(&std::fs::read(out)?)?, Path::new(dev))?);
        }
        ["eval", model, conll] => {
            let model = Model::load(&std::fs::read(model)?)?;
            print!("{}", ner::evaluate(&model, Path::new(conll))?);
        }
        ["bench", path] => bench(path)?,
        ["--model", path] => protocol(&Model::load(&std::fs::read(path)?)?)?,
        [] => protocol(Model::builtin().context("no built-in model")?)?,
        _ => bail!("usage: ner_protocol [--model FILE] | train TRAIN DEV OUT [EPOCHS [UNLABELED...]] | eval MODEL CONLL"),
    }
    Ok(())
}

fn bench(path: &str) -> Result<()> {
    let bytes = std::fs::read(path)?;
    let t = Instant::now();
    let model = Model::load(&bytes)?;
    let load = t.elapsed().as_secs_f64();
    let texts: Vec<String> = std::io::stdin()
        .lock()
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
        .filter_map(|v| v["text"].as_str().map(String::from))
        .collect();
    let sentences: usize = texts
        .iter()
        .map(|t| ner::tokenize::sentences(t).len())
        .sum();
    let t = Instant::now();
    let spans: usize = texts.iter().map(|t| model.find(t).len()).sum();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "load {load:.3}s; tagged {} docs, {sentences} sentences, {spans} names in {secs:.3}s: {:.0} sentences/s",
        texts.len(),
        sentences as f64 / secs
    );
    Ok(())
}

fn protocol(model: &Model) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: serde_json::Value = serde_json::from_str(&line)?;
        let text = doc["text"].as_str().unwrap_or("");
        let chars: Vec<char> = text.chars().collect();
        let entities: Vec<serde_json::Value> = model
            .find(text)
            .iter()
            .map(|s| {
                let label = match s.kind {
                    NerType::Person => "person",
                    NerType::Organization => "organization",
                    NerType::Location => "place",
                    NerType::Misc => "misc",
                };
                let name: String = chars[s.start..s.end].iter().collect();
                serde_json::json!({"start": s.start, "end": s.end, "label": label, "name": name})
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::json!({"id": doc["id"], "entities": entities})
        )?;
    }
    Ok(())
}
