#!/usr/bin/env python3
"""Extraction quality of the newsdex cleaner on Dragnet and trafilatura-eval, as one table.

Usage (from the repository root):
    python3 benches/extract_quality.py [--shared ../shared] [--extractor "CMD"] [--keep DIR]

The extractor is `newsdex extract FILE... --format jsonl` (release build, built here with cargo
unless --extractor names another command that takes files and prints the same JSON lines:
path, title, date, author, body, comments as a list). Without ../shared the run is skipped.

Dragnet (966 training pages): body and comments F1 with ../shared/eval/extract_score.py. The gold
body starts with the headline, so the prediction's body is the title followed by the body.

trafilatura-eval (990 pages): snippet scoring as its SOURCE.md describes (a "with" snippet found
in the body is a TP, missing an FN; a "without" snippet found is an FP, missing a TN; whitespace
normalised; counts summed over the corpus), plus title, date and author accuracy over the pages
whose gold has that field (case and whitespace ignored; authors compared as sets of names).

wcxb-dev (1,497 modern pages): body F1 with the same scorer against the gold main content, by page
type, article and forum first.

Every set is also reported by its fixed halves (benches/splits.py: tune on `tune`, a change counts
only if `check` does not fall), each F1 with its bootstrap standard deviation over pages (1,000
resamples), so a difference smaller than about two of them is noise.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import unicodedata
import random

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from splits import half  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_extractor(cmd, files):
    """Runs the extractor over files (in chunks) and returns {path: record}."""
    out = {}
    for i in range(0, len(files), 500):
        proc = subprocess.run(cmd + files[i:i + 500], capture_output=True, text=True)
        if proc.returncode != 0 and not proc.stdout:
            sys.exit(f"extractor failed: {proc.stderr[-2000:]}")
        for line in proc.stdout.splitlines():
            if line.strip():
                rec = json.loads(line)
                out[os.path.basename(rec["path"].split(":")[0].split("#")[0])] = rec
    return out


def norm(s):
    if isinstance(s, list):
        s = "; ".join(map(str, s))
    return " ".join(unicodedata.normalize("NFC", s or "").split())


def dragnet(shared, cmd, keep):
    base = os.path.join(shared, "data", "dragnet")
    ids = [i.strip() for i in open(os.path.join(base, "training.txt")) if i.strip()]
    files = [os.path.join(base, "html", f"{i}.html.gz") for i in ids]
    recs = run_extractor(cmd, files)
    pred = os.path.join(keep, "dragnet_pred.jsonl")
    with open(pred, "w") as f:
        for i in ids:
            r = recs.get(f"{i}.html.gz", {})
            body = "\n".join(x for x in [r.get("title", ""), r.get("body", "")] if x)
            comments = "\n".join(r.get("comments") or [])
            f.write(json.dumps({"id": i, "body": body, "comments": comments}) + "\n")
    scorer = os.path.join(shared, "eval", "extract_score.py")
    rows = []
    for part, subset in halves(ids):
        ids_file = os.path.join(keep, f"dragnet_{part}.ids")
        with open(ids_file, "w") as f:
            f.write("\n".join(subset) + "\n")
        for field in ("body", "comments"):
            js = os.path.join(keep, f"dragnet_{field}_{part}.json")
            subprocess.run([sys.executable, scorer, "--dragnet", base, "--ids", ids_file,
                            "--pred", pred, "--field", field, "--n-bootstrap", "1000", "--allow-missing",
                            "--json", js, "--per-item", os.path.join(keep, f"dragnet_{field}_{part}.tsv")],
                           check=True, capture_output=True)
            m = json.load(open(js))
            rows.append((f"dragnet {field}", part, len(subset), find_metric(m, "precision"),
                         find_metric(m, "recall"), find_metric(m, "f1"), f1_std(m)))
    return rows


def halves(names):
    """`(part, names in it)` for all, tune and check."""
    return [("all", list(names))] + [(p, [n for n in names if half(n) == p]) for p in ("tune", "check")]


def f1_std(metrics):
    """The bootstrap standard deviation of F1 in the scorer's JSON, NaN when absent."""
    stack = [metrics]
    while stack:
        o = stack.pop()
        if isinstance(o, dict):
            for key in ("f1_std", "f1_sd", "f1_stdev"):
                if isinstance(o.get(key), (int, float)):
                    return o[key]
            stack.extend(o.values())
        elif isinstance(o, list):
            stack.extend(o)
    return float("nan")


def wcxb(shared, cmd, keep):
    """Body F1 on wcxb-dev by page type and half."""
    base = os.path.join(shared, "data", "wcxb-dev")
    # The page type of metadata.json (upstream's), else the annotators' primary type.
    listed = json.load(open(os.path.join(base, "metadata.json"))).get("files", {})
    truth = {}
    for name in sorted(os.listdir(os.path.join(base, "ground-truth"))):
        d = json.load(open(os.path.join(base, "ground-truth", name)))
        page = name[:-len(".json")]
        kind = listed.get(page, {}).get("page_type") or d["_internal"]["page_type"]["primary"]
        truth[page] = (d["ground_truth"].get("main_content") or "", kind)
    files = [os.path.join(base, "html", f"{p}.html.gz") for p in truth]
    recs = run_extractor(cmd, files)
    gold = os.path.join(keep, "wcxb_gold.json")
    with open(gold, "w") as f:
        json.dump({p: {"articleBody": t} for p, (t, _) in truth.items()}, f)
    pred = os.path.join(keep, "wcxb_pred.json")
    with open(pred, "w") as f:
        json.dump({p: {"articleBody": recs.get(f"{p}.html.gz", {}).get("body", "")} for p in truth}, f)
    scorer = os.path.join(shared, "eval", "extract_score.py")
    types = sorted({t for _, t in truth.values()}, key=lambda t: (t not in ("article", "forum"), t != "article", t))
    rows = []
    for kind in ["all"] + types:
        pages = [p for p, (_, t) in truth.items() if kind in ("all", t)]
        for part, subset in halves(pages):
            ids_file = os.path.join(keep, f"wcxb_{kind}_{part}.ids")
            with open(ids_file, "w") as f:
                f.write("\n".join(subset) + "\n")
            js = os.path.join(keep, f"wcxb_{kind}_{part}.json")
            subprocess.run([sys.executable, scorer, "--gold", gold, "--ids", ids_file, "--pred", pred,
                            "--field", "body", "--n-bootstrap", "1000", "--allow-missing", "--json", js],
                           check=True, capture_output=True)
            m = json.load(open(js))
            rows.append((f"wcxb {kind} body", part, len(subset), find_metric(m, "precision"),
                         find_metric(m, "recall"), find_metric(m, "f1"), f1_std(m)))
    return rows


def find_metric(obj, key):
    """The first value named `key` anywhere in the scorer's JSON."""
    stack = [obj]
    while stack:
        o = stack.pop()
        if isinstance(o, dict):
            if key in o and isinstance(o[key], (int, float)):
                return o[key]
            stack.extend(o.values())
        elif isinstance(o, list):
            stack.extend(o)
    return float("nan")


def authors(s):
    # Split before casefolding would miss "A AND B"; the flag keeps the split as case-blind as the compare.
    parts = re.split(r"[;,/&]| and | und ", norm(s), flags=re.IGNORECASE)
    return sorted(n for n in (x.strip().casefold() for x in parts) if n)


def trafilatura(shared, cmd, keep):
    base = os.path.join(shared, "data", "trafilatura-eval")
    gold = json.load(open(os.path.join(base, "evaldata.json")))
    files = [os.path.join(base, "html", v["file"] + ".gz") for v in gold.values()]
    recs = run_extractor(cmd, files)
    with open(os.path.join(keep, "trafilatura_pred.jsonl"), "w") as f:
        for rec in recs.values():
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    per_page = {}
    fields = {"title": [0, 0], "date": [0, 0], "author": [0, 0]}
    misses = []
    for url, g in gold.items():
        r = recs.get(g["file"] + ".gz", {})
        text = norm(r.get("body", ""))
        counts = per_page.setdefault(g["file"], [0, 0, 0])  # tp, fn, fp
        for s in g.get("with", []):
            if norm(s) in text:
                counts[0] += 1
            else:
                counts[1] += 1
                misses.append(("with", g["file"], s))
        for s in g.get("without", []):
            if norm(s) in text:
                counts[2] += 1
                misses.append(("without", g["file"], s))
        for field, same in (("title", lambda a, b: norm(a).casefold() == norm(b).casefold()),
                            ("date", lambda a, b: norm(a) == norm(b)),
                            ("author", lambda a, b: authors(a) == authors(b))):
            if g.get(field):
                fields[field][1] += 1
                if same(g[field], r.get(field) or ""):
                    fields[field][0] += 1
                else:
                    misses.append((field, g["file"], f"{g[field]!r} got {r.get(field)!r}"))
    with open(os.path.join(keep, "trafilatura_misses.tsv"), "w") as f:
        for m in misses:
            f.write("\t".join(m) + "\n")
    rows = []
    for part, pages in halves(sorted(per_page)):
        p, rec, f1 = snippet_scores([per_page[x] for x in pages])
        rng = random.Random(0)
        samples = [snippet_scores([per_page[rng.choice(pages)] for _ in pages])[2] for _ in range(1000)]
        mean = sum(samples) / len(samples)
        std = (sum((x - mean) ** 2 for x in samples) / (len(samples) - 1)) ** 0.5
        rows.append(("trafilatura snippets", part, len(pages), p, rec, f1, std))
    acc = {k: v[0] / max(1, v[1]) for k, v in fields.items()}
    return rows, acc, fields


def snippet_scores(pages):
    """Precision, recall and F1 of snippet counts `[tp, fn, fp]` summed over pages."""
    tp = sum(c[0] for c in pages)
    fn = sum(c[1] for c in pages)
    fp = sum(c[2] for c in pages)
    p = tp / max(1, tp + fp)
    rec = tp / max(1, tp + fn)
    return p, rec, 2 * p * rec / max(1e-9, p + rec)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--extractor", help="command that takes files and prints JSON lines")
    ap.add_argument("--keep", help="directory for predictions and per-item scores")
    ap.add_argument(
        "--only", choices=["dragnet", "trafilatura", "wcxb"], help="score one dataset, for quicker runs"
    )
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "data")):
        print(f"skipped: {args.shared}/data not present")
        return
    if args.extractor:
        cmd = shlex.split(args.extractor)
    else:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
        cmd = [os.path.join(target, "release", "newsdex"), "extract", "--format", "jsonl"]
    keep = args.keep or tempfile.mkdtemp(prefix="newsdex-quality-")
    os.makedirs(keep, exist_ok=True)
    rows, acc, counts = [], {}, {}
    if args.only in (None, "dragnet"):
        rows += dragnet(args.shared, cmd, keep)
    if args.only in (None, "trafilatura"):
        traf_rows, acc, counts = trafilatura(args.shared, cmd, keep)
        rows += traf_rows
    if args.only in (None, "wcxb") and os.path.isdir(os.path.join(args.shared, "data", "wcxb-dev")):
        rows += wcxb(args.shared, cmd, keep)
    print(f"{'measure':<26} {'half':<6} {'pages':>5} {'precision':>9} {'recall':>9} {'F1':>7} {'± sd':>6}")
    for name, part, n, p, r, f, sd in rows:
        print(f"{name:<26} {part:<6} {n:>5} {p:>9.3f} {r:>9.3f} {f:>7.3f} {sd:>6.3f}")
    json_rows = [dict(zip(("measure", "half", "pages", "precision", "recall", "f1", "f1_sd"), r)) for r in rows]
    with open(os.path.join(keep, "scores.json"), "w") as f:
        json.dump({"rows": json_rows, "accuracy": acc}, f, indent=1)
    for k, v in acc.items():
        print(f"{'trafilatura ' + k + ' acc':<24} {v:>9.3f}   ({counts[k][0]}/{counts[k][1]})")
    print(f"(predictions and per-item scores in {keep})")


if __name__ == "__main__":
    main()
