//! Where an index's bytes go, by field and by part.
//!
//! In: an index folder (`--index DIR` or `NEWSDEX_BENCH_INDEX`). Out: one line per field and part
//! (terms, postings, positions, fast columns, field norms) and the doc store, largest first, in
//! MB, from Tantivy's own space accounting; then the total.
//!
//! Run: `cargo bench --bench index_space -- --index DIR`.

use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::PathBuf;
use tantivy::space_usage::PerFieldSpaceUsage;
use tantivy::Index;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut dir = std::env::var_os("NEWSDEX_BENCH_INDEX").map(PathBuf::from);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--index" => dir = args.next().map(PathBuf::from),
            // cargo bench passes --bench to every bench binary.
            "--bench" => {}
            other => bail!("unknown argument {other}; usage: --index DIR"),
        }
    }
    let Some(dir) = dir else {
        bail!("no index given: pass --index DIR or set NEWSDEX_BENCH_INDEX")
    };
    let index = Index::open_in_dir(&dir).with_context(|| format!("opening {}", dir.display()))?;
    let usage = index.reader()?.searcher().space_usage()?;
    let mut parts: BTreeMap<String, u64> = BTreeMap::new();
    let mut add = |part: &str, per_field: &PerFieldSpaceUsage| {
        for u in per_field.fields() {
            *parts
                .entry(format!("{} {part}", u.field_name()))
                .or_default() += u.total().get_bytes();
        }
    };
    for seg in usage.segments() {
        add("terms", seg.termdict());
        add("postings", seg.postings());
        add("positions", seg.positions());
        add("fast", seg.fast_fields());
        add("norms", seg.fieldnorms());
    }
    let store: u64 = usage
        .segments()
        .iter()
        .map(|s| s.store().total().get_bytes())
        .sum();
    parts.insert("doc store".into(), store);
    let mut rows: Vec<(String, u64)> = parts.into_iter().filter(|(_, b)| *b > 0).collect();
    rows.sort_by_key(|(_, b)| std::cmp::Reverse(*b));
    let mb = |b: u64| b as f64 / 1e6;
    for (name, bytes) in &rows {
        println!("{:>9.3} MB  {name}", mb(*bytes));
    }
    println!("{:>9.3} MB  total", mb(usage.total().get_bytes()));
    Ok(())
}
