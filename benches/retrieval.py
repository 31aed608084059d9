#!/usr/bin/env python3
"""Retrieval quality harness: does the right passage come first? (Python 3; bm25s in a venv.)

    python3 benches/retrieval.py [--no-build] [--reuse-index] [--no-bm25s] [--all-words]

Known-item retrieval on the real pages of ../shared/data:
  targets      every page of dragnet, trafilatura-eval and wcxb-dev;
  distractors  cnn-lite-2026 and reuters-21578 (and the bundled corpus/);
  query        the target's title (as newsdex extracted it), its words lower-cased and joined by
               spaces, searched in body text only (`section=body`);
  relevant     any body passage of the target page.
Titles shared by two articles of the index, and titles of fewer than two words, make no query.
The targets are split into two fixed halves by a hash of their file name: *tune* and *check*.

For each half it prints MRR@10, Recall@1 and Recall@10 of newsdex (through `newsdex serve`'s API,
the same code as the command line) and, in the same run, of bm25s (Lucene BM25, English stemmer and
stopwords) over the very body passages newsdex extracted: once over passages, once over whole
articles (all body passages of an article joined). So the comparison is of ranking alone.

It also scores benches/questions.jsonl, natural questions written by us over corpus/ and the CNN
articles, each with a phrase of the passage that answers it: the question is searched as typed
(every section), and its rank is that of the first hit whose passage holds the phrase.

Work files go to target/bench-retrieval/ (never committed), results to
target/bench-results/retrieval-<time>.json. Skips with a message when ../shared is absent.
"""

import argparse
import concurrent.futures
import datetime
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_corpus  # noqa: E402  (paths and the Reuters parser)
from splits import half  # noqa: E402

ROOT = build_corpus.ROOT
SHARED = build_corpus.SHARED
WORK = os.path.join(ROOT, "target", "bench-retrieval")
TARGETS = {
    "dragnet": ("dragnet/html", ".html.gz"),
    "trafilatura": ("trafilatura-eval/html", ".html.gz"),
    "wcxb": ("wcxb-dev/html", ".html.gz"),
}
WORD = re.compile(r"\w+", re.UNICODE)


def log(msg):
    print(f"retrieval: {msg}", file=sys.stderr, flush=True)


def binary():
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    return os.path.join(target, "release", "newsdex")


def build_archive():
    """Links the pages into WORK/corpus/<set>/ and writes Reuters as JSON Lines."""
    corpus = os.path.join(WORK, "corpus")
    shutil.rmtree(corpus, ignore_errors=True)
    for name, (folder, ext) in TARGETS.items():
        src = os.path.join(SHARED, folder)
        dst = os.path.join(corpus, name)
        os.makedirs(dst)
        for f in sorted(os.listdir(src)):
            if f.endswith(ext):
                os.symlink(os.path.abspath(os.path.join(src, f)), os.path.join(dst, f))
    cnn = os.path.join(corpus, "cnn")
    os.makedirs(cnn)
    src = os.path.join(SHARED, "cnn-lite-2026", "articles")
    for f in sorted(os.listdir(src)):
        os.symlink(os.path.abspath(os.path.join(src, f)), os.path.join(cnn, f))
    os.makedirs(os.path.join(corpus, "reuters"))
    with open(os.path.join(corpus, "reuters", "reuters.jsonl"), "w", encoding="utf-8") as out:
        for a in build_corpus.reuters_articles():
            out.write(json.dumps(a, ensure_ascii=False) + "\n")
    os.symlink(os.path.join(ROOT, "corpus"), os.path.join(corpus, "sample"))
    return corpus


def index(corpus, idx):
    log(f"indexing {corpus} into {idx}")
    start = time.time()
    run = subprocess.run([binary(), "index", corpus, "--index", idx, "--rebuild", "--quiet"],
                         capture_output=True, text=True)
    # Exit 0 (all in) or the documented "some files failed" status 3: the rest is indexed.
    if run.returncode not in (0, 3):
        sys.exit(f"retrieval: newsdex index failed ({run.returncode}): {run.stderr[-2000:]}")
    log(f"{run.stdout.strip()} in {time.time() - start:.0f} s")


def passages(idx):
    """Every passage of the index: {article_id, path, section, title, passage}."""
    run = subprocess.run([binary(), "search", "", "--all", "--format", "jsonl", "--index", idx],
                         capture_output=True, text=True, check=True)
    return [json.loads(line) for line in run.stdout.splitlines() if line.strip()]


def target_of(path):
    """('dragnet', '100.html.gz') for a target page's path, else None."""
    parts = path.replace("\\", "/").split("/")
    for i, part in enumerate(parts[:-1]):
        if part in TARGETS and parts[i - 1] == "corpus":
            return part, parts[-1]
    return None


def words(text):
    return [w.lower() for w in WORD.findall(text)]


def known_items(all_passages):
    """The queries: (set, file, half, query, article_id) of each usable target page."""
    bodies, titles, paths = {}, {}, {}
    for p in all_passages:
        aid = p["article_id"]
        paths[aid] = p["path"]
        if p["section"] == "body":
            bodies.setdefault(aid, []).append(p["passage"])
        if p["title"]:
            titles[aid] = p["title"]
    title_count = {}
    for aid, t in titles.items():
        key = " ".join(words(t))
        title_count[key] = title_count.get(key, 0) + 1
    queries = []
    for aid, path in sorted(paths.items()):
        target = target_of(path)
        if not target or aid not in bodies or aid not in titles:
            continue
        query = " ".join(words(titles[aid]))
        if len(query.split()) < 2 or title_count[query] > 1:
            continue
        queries.append({"set": target[0], "file": target[1], "half": half(target[1]),
                        "query": query, "article_id": aid})
    return queries, bodies


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`newsdex serve` on a free loopback port, for many queries against one open index."""

    def __init__(self, idx):
        self.port = free_port()
        self.proc = subprocess.Popen([binary(), "serve", "--index", idx, "--port", str(self.port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ)
        for _ in range(300):
            try:
                self.get({"q": "x", "limit": "1"})
                return
            except OSError:
                time.sleep(0.1)
        self.proc.kill()
        sys.exit("retrieval: newsdex serve did not start")

    def get(self, params):
        url = f"http://127.0.0.1:{self.port}/api/search?{urllib.parse.urlencode(params)}"
        with urllib.request.urlopen(url, timeout=60) as r:
            return json.load(r)

    def close(self):
        self.proc.terminate()
        self.proc.wait()


def reciprocal_ranks(ranked_ids, wanted):
    """1/rank of `wanted` in the first 10 of `ranked_ids` (0 when absent), and its rank or None."""
    for i, aid in enumerate(ranked_ids[:10]):
        if aid == wanted:
            return 1.0 / (i + 1), i + 1
    return 0.0, None


def newsdex_run(server, queries, extra):
    def one(q):
        params = {"q": q["query"], "section": "body", "limit": "10", **extra}
        hits = server.get(params)["hits"]
        return [h["article_id"] for h in hits]

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        return list(pool.map(one, queries))


def bm25s_runs(queries, bodies):
    """bm25s over passages and over whole articles; None when bm25s cannot be set up."""
    venv = os.path.join(WORK, "venv")
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        log("installing bm25s and PyStemmer into target/bench-retrieval/venv")
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    ok = subprocess.run([py, "-c", "import bm25s, Stemmer"], capture_output=True).returncode == 0
    if not ok and subprocess.run([py, "-m", "pip", "install", "-q", "bm25s", "PyStemmer"]).returncode != 0:
        log("bm25s could not be installed; its columns are left out")
        return None
    data = os.path.join(WORK, "bm25s-input.json")
    with open(data, "w", encoding="utf-8") as f:
        json.dump({"queries": [q["query"] for q in queries], "bodies": bodies}, f)
    out = os.path.join(WORK, "bm25s-output.json")
    subprocess.run([py, os.path.join(os.path.dirname(__file__), "retrieval_bm25s.py"), data, out], check=True)
    with open(out, encoding="utf-8") as f:
        return json.load(f)


def metrics(rows):
    n = len(rows)
    if n == 0:
        return {"queries": 0}
    return {
        "queries": n,
        "mrr@10": round(sum(r for r, _ in rows) / n, 4),
        "recall@1": round(sum(1 for _, k in rows if k == 1) / n, 4),
        "recall@10": round(sum(1 for _, k in rows if k) / n, 4),
    }


def questions(server, extra):
    """Natural questions: rank of the first hit holding the answer phrase, top 10."""
    path = os.path.join(os.path.dirname(__file__), "questions.jsonl")
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            q = json.loads(line)
            hits = server.get({"q": q["question"], "limit": "10", **extra})["hits"]
            rank = next((i + 1 for i, h in enumerate(hits) if q["answer"] in h["passage"]), None)
            out.append({"question": q["question"], "rank": rank})
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-build", action="store_true", help="use the release binary as it is")
    ap.add_argument("--reuse-index", action="store_true", help="search the index of the last run")
    ap.add_argument("--no-bm25s", action="store_true", help="leave bm25s out")
    ap.add_argument("--all-words", action="store_true", help="search with strict AND (all words)")
    ap.add_argument("--weights", metavar="JSON", help="ranking weights to try instead of the shipped "
                    "src/search/ranking.json (passed as NEWSDEX_RANKING); tune on the tune half only")
    args = ap.parse_args()
    if not build_corpus.shared_available():
        print("retrieval: skipped, ../shared/data is absent")
        return
    if not args.no_build:
        log("cargo build --release")
        subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    idx = os.path.join(WORK, "index")
    if not (args.reuse_index and os.path.exists(os.path.join(idx, "meta.json"))):
        os.makedirs(WORK, exist_ok=True)
        index(build_archive(), idx)
    all_passages = passages(idx)
    queries, bodies = known_items(all_passages)
    log(f"{len(all_passages)} passages, {len(bodies)} articles with a body, {len(queries)} queries")
    extra = {"all_words": "true"} if args.all_words else {}
    if args.weights:
        os.environ["NEWSDEX_RANKING"] = os.path.abspath(args.weights)
    server = Server(idx)
    try:
        start = time.time()
        ranked = newsdex_run(server, queries, extra)
        log(f"newsdex: {len(queries)} queries in {time.time() - start:.1f} s")
        asked = questions(server, extra)
    finally:
        server.close()
    systems = {"newsdex": ranked}
    if not args.no_bm25s:
        runs = bm25s_runs(queries, bodies)
        if runs:
            systems.update(runs)
    results = {"time": datetime.datetime.now().isoformat(timespec="seconds"),
               "passages": len(all_passages), "articles": len(bodies), "by_half": {}}
    print(f"{'system':<18} {'half':<6} {'queries':>7} {'MRR@10':>7} {'R@1':>6} {'R@10':>6}")
    for name, lists in systems.items():
        for h in ("tune", "check"):
            rows = [reciprocal_ranks(lst, q["article_id"]) for lst, q in zip(lists, queries) if q["half"] == h]
            m = metrics(rows)
            results["by_half"].setdefault(name, {})[h] = m
            print(f"{name:<18} {h:<6} {m['queries']:>7} {m['mrr@10']:>7.4f} {m['recall@1']:>6.3f} "
                  f"{m['recall@10']:>6.3f}")
    for lists, q in zip(ranked, queries):
        q["rank"] = reciprocal_ranks(lists, q["article_id"])[1]
    mrr = sum(1 / a["rank"] for a in asked if a["rank"]) / max(1, len(asked))
    top3 = sum(1 for a in asked if a["rank"] and a["rank"] <= 3)
    print(f"natural questions: {len(asked)}, MRR@10 {mrr:.4f}, answer in the top 3: {top3}/{len(asked)}")
    for a in asked:
        if not a["rank"] or a["rank"] > 3:
            print(f"  rank {a['rank']}: {a['question']}")
    results["questions"] = {"count": len(asked), "mrr@10": round(mrr, 4), "top3": top3, "each": asked}
    results["queries"] = queries
    out_dir = os.path.join(ROOT, "target", "bench-results")
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, f"retrieval-{time.strftime('%Y%m%d-%H%M%S')}.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False, indent=1)
    log(f"results in {os.path.relpath(out, ROOT)}")


if __name__ == "__main__":
    main()
