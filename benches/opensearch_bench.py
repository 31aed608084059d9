#!/usr/bin/env python3
"""The two backends side by side: the embedded index and OpenSearch (Python 3 standard library only).

One command: `python3 benches/opensearch_bench.py [-n 3000] [--url http://127.0.0.1:9200]` builds the
release binary and the N-page benchmark archive (benches/build_corpus.py), and, on the same pages
with 2 threads, measures:
  - `newsdex index DIR --index TMP --rebuild`: wall time, pages/s, newsdex's peak memory, index bytes;
  - `newsdex index DIR --opensearch URL/bench --rebuild`: the same, and the OpenSearch index's
    store size (after a refresh and a flush; primaries, the ledger included);
  - the cleaned text (title, body, comments of `newsdex extract`) both indexes hold.
Without --url it starts a node with tests/opensearch/node.sh (Java 17 and Maven) and stops it after.
The node runs on the same machine, so its CPU use competes with newsdex's: the OpenSearch figures
are those of a one-machine cluster. Results go to target/bench-results/opensearch-<timestamp>.json.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_corpus  # noqa: E402
import index_bench  # noqa: E402

ROOT = build_corpus.ROOT


def call(url, method="GET", body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read() or b"null")


def store_bytes(url, index):
    call(f"{url}/{index}/_refresh", "POST")
    call(f"{url}/{index}/_flush", "POST")
    stats = call(f"{url}/{index}/_stats/store,docs")
    prim = stats["indices"][index]["primaries"]
    return prim["store"]["size_in_bytes"], prim["docs"]["count"]


def cleaned_bytes(html_dir):
    out = subprocess.run([index_bench.binary(), "extract", html_dir, "-f", "jsonl", "--threads", "2"],
                         capture_output=True, text=True)
    total = 0
    for line in out.stdout.splitlines():
        d = json.loads(line)
        total += len((d.get("title") or "").encode())
        total += sum(len(p.encode()) for p in d.get("body", []))
        total += sum(len(p.encode()) for p in d.get("comments", []))
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--pages", type=int, default=3000)
    ap.add_argument("--url", help="a running OpenSearch node (default: start one with tests/opensearch/node.sh)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    if not args.no_build:
        index_bench.cargo_build()
    corpus, _ = build_corpus.ensure_pages(args.pages, warc=False)
    html = os.path.join(corpus, "html")
    node = os.path.join(ROOT, "tests", "opensearch", "node.sh")
    url = args.url
    started_node = False
    if not url:
        url = subprocess.run(["bash", node, "start"], capture_output=True, text=True, check=True).stdout.strip()
        started_node = True
    url = url.rstrip("/")
    res = {"started": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
           "pages": args.pages, "threads": args.threads, "url": url}
    try:
        tmp = os.path.join(index_bench.WORK, "index-backends")
        r = index_bench.run([index_bench.binary(), "index", html, "--index", tmp, "--quiet", "--rebuild",
                             "--threads", str(args.threads)])
        size, by_ext = index_bench.dir_size(tmp)
        res["embedded"] = {"wall_s": r["wall_s"], "cpu_s": r["cpu_s"], "peak_rss_mb": r["peak_rss_mb"],
                           "summary": index_bench.summary(r["stdout"]), "index_bytes": size,
                           "pages_per_s": round(args.pages / r["wall_s"], 1)}
        r = index_bench.run([index_bench.binary(), "index", html, "--opensearch", f"{url}/bench", "--quiet",
                             "--rebuild", "--threads", str(args.threads)])
        size, docs = store_bytes(url, "bench")
        ledger, _ = store_bytes(url, "bench-ledger")
        res["opensearch"] = {"wall_s": r["wall_s"], "cpu_s": r["cpu_s"], "peak_rss_mb": r["peak_rss_mb"],
                             "summary": index_bench.summary(r["stdout"]), "index_bytes": size + ledger,
                             "passages": docs, "pages_per_s": round(args.pages / r["wall_s"], 1),
                             "exit_code": r["exit_code"], "stderr_tail": r["stderr"][-300:]}
        res["cleaned_bytes"] = cleaned_bytes(html)
        for k in ("embedded", "opensearch"):
            res[k]["index_over_cleaned"] = round(res[k]["index_bytes"] / res["cleaned_bytes"], 3)
    finally:
        if started_node:
            subprocess.run(["bash", node, "stop"], capture_output=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    os.makedirs(index_bench.RESULTS, exist_ok=True)
    path = os.path.join(index_bench.RESULTS, f"opensearch-{stamp}.json")
    with open(path, "w") as f:
        json.dump(res, f, indent=1)
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
