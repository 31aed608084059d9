#!/usr/bin/env python3
"""Trains the cleaner's block model (models/blocks.json) on the *tune* halves only.

Usage (from the repository root):
    python3 benches/train_cleaner.py [--shared ../shared] [--out models/blocks.json]

Writes target/bench-cleaner/pairs.jsonl, one {"html": PATH, "body": GOLD TEXT} per page, from
the tune halves (benches/splits.py) of Dragnet's training pages (gold body: the corrected text
before its comments delimiter) and wcxb-dev (gold main content), then runs
`newsdex train-cleaner` on it. The check halves stay unseen, so benches/extract_quality.py can
judge the model on them. Without ../shared the run is skipped.
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from splits import half  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def scorer(shared):
    """The shared scorer, for its reading of Dragnet's gold files."""
    spec = importlib.util.spec_from_file_location("extract_score", os.path.join(shared, "eval", "extract_score.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def dragnet(shared):
    base = os.path.join(shared, "data", "dragnet")
    split = scorer(shared).DRAGNET_COMMENTS_DELIM
    for i in (x.strip() for x in open(os.path.join(base, "training.txt"))):
        if not i or half(i) != "tune":
            continue
        gold = open(os.path.join(base, "Corrected", f"{i}.html.corrected.txt"), encoding="utf-8",
                    errors="replace").read()
        body = split.split(gold, maxsplit=1)[0].strip()
        yield os.path.join(base, "html", f"{i}.html.gz"), body


def wcxb(shared):
    base = os.path.join(shared, "data", "wcxb-dev")
    for name in sorted(os.listdir(os.path.join(base, "ground-truth"))):
        page = name[:-len(".json")]
        if half(page) != "tune":
            continue
        d = json.load(open(os.path.join(base, "ground-truth", name)))
        yield os.path.join(base, "html", f"{page}.html.gz"), d["ground_truth"].get("main_content") or ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--out", default=os.path.join(ROOT, "models", "blocks.json"))
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "data")):
        print(f"skipped: {args.shared}/data not present")
        return
    work = os.path.join(ROOT, "target", "bench-cleaner")
    os.makedirs(work, exist_ok=True)
    pairs = os.path.join(work, "pairs.jsonl")
    n = 0
    with open(pairs, "w") as f:
        for source in (dragnet, wcxb):
            for html, body in source(os.path.abspath(args.shared)):
                f.write(json.dumps({"html": html, "body": body}) + "\n")
                n += 1
    print(f"{n} tune pages in {os.path.relpath(pairs, ROOT)}")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    subprocess.run([os.path.join(target, "release", "newsdex"), "train-cleaner", pairs, "--out", args.out],
                   check=True)


if __name__ == "__main__":
    main()
