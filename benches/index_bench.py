#!/usr/bin/env python3
"""Indexing (and, with --search, search) benchmark of the release build. Python 3 standard library only.

One command: `python3 benches/index_bench.py` builds `cargo build --release`, builds the corpora
(benches/build_corpus.py) and measures, on the N-page archive:
  - `newsdex index DIR --index TMP --quiet --rebuild --threads T` for T = 1 and 2: wall time, pages/s,
    MB of uncompressed HTML/s, CPU time, peak resident memory, passages, index size on disk;
  - the re-run on the unchanged archive (time as a percentage of the first run);
  - the same pages as one .warc.gz, and the JSON Lines text archive;
  - the cleaned text size (title + body + comments of `newsdex extract`) against the index size.
--big adds peak memory at 100,000 pages; --search builds an index of at least 1,000,000 passages and
runs the search benchmark (benches/search.rs) on it; --profile records where indexing time goes
with `perf`. Results go to target/bench-results/<timestamp>.json and benches/results-latest.json.
"""

import argparse
import datetime
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_corpus  # noqa: E402

ROOT = build_corpus.ROOT
WORK = os.path.join(ROOT, "target", "bench-work")
RESULTS = os.path.join(ROOT, "target", "bench-results")
LATEST = os.path.join(ROOT, "benches", "results-latest.json")

TARGETS = {
    "pages_per_s_2_threads": ">= 450",
    "speedup_2_vs_1_thread": ">= 1.7",
    "peak_rss_mb_20k": "<= 1536",
    "peak_rss_mb_100k": "<= 1536",
    "rerun_percent_of_first": "<= 5",
    "search_median_ms": "<= 5 (1M+ passages, in-process)",
    "search_p99_ms": "<= 50 (1M+ passages, in-process)",
    "index_size_over_cleaned_text": "<= 1.0",
}


def log(msg):
    print(f"index_bench: {msg}", file=sys.stderr, flush=True)


def target_dir():
    return os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")


def binary():
    return os.path.join(target_dir(), "release", "newsdex")


def cargo_build():
    log("cargo build --release")
    subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)


def run(cmd, stdout_path=None):
    """Runs `cmd`; returns wall seconds, CPU seconds, peak RSS in MB, exit code and its output.

    Peak memory comes from wait4's rusage of that one child, the figure `/usr/bin/time -v` prints as
    "Maximum resident set size".
    """
    out_path = stdout_path or os.path.join(WORK, "last.stdout")
    err_path = os.path.join(WORK, "last.stderr")
    os.makedirs(WORK, exist_ok=True)
    load = os.getloadavg()[0]
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.monotonic()
        p = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.monotonic() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    with open(err_path, "rb") as f:
        stderr = f.read().decode("utf-8", "replace")
    stdout = ""
    if stdout_path is None:
        with open(out_path, "rb") as f:
            stdout = f.read().decode("utf-8", "replace")
    return {
        "wall_s": round(wall, 3),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "exit_code": p.returncode,
        "load_avg_before": round(load, 2),
        "stdout": stdout,
        "stderr": stderr,
    }


SUMMARY = re.compile(r"indexed (\d+), updated (\d+), unchanged (\d+), skipped (\d+), failed (\d+)")


def summary(text):
    m = SUMMARY.search(text)
    if not m:
        return None
    return dict(zip(["indexed", "updated", "unchanged", "skipped", "failed"], map(int, m.groups())))


def dir_size(path):
    """Bytes on disk under `path`, in total and by file extension (Tantivy's .store, .idx, .pos ...)."""
    total, by_ext = 0, {}
    for dirpath, _, files in os.walk(path):
        for name in files:
            size = os.path.getsize(os.path.join(dirpath, name))
            total += size
            ext = os.path.splitext(name)[1] or name
            by_ext[ext] = by_ext.get(ext, 0) + size
    return total, dict(sorted(by_ext.items(), key=lambda kv: -kv[1]))


def passages(index_dir):
    """Live documents (passages) in the Tantivy index under `index_dir`, read from its meta.json."""
    for dirpath, _, files in os.walk(index_dir):
        if "meta.json" in files:
            try:
                with open(os.path.join(dirpath, "meta.json")) as f:
                    meta = json.load(f)
            except (OSError, ValueError):
                return None
            n = 0
            for seg in meta.get("segments", []):
                deletes = seg.get("deletes") or {}
                n += seg.get("max_doc", 0) - deletes.get("num_deleted_docs", 0)
            return n
    return None


def index_run(inputs, index_dir, threads, rebuild=True, label=""):
    """One `newsdex index` run with its measurements."""
    cmd = [binary(), "index", *inputs, "--index", index_dir, "--quiet", "--threads", str(threads)]
    if rebuild:
        cmd.append("--rebuild")
    log(f"{label}: {' '.join(cmd)}")
    r = run(cmd)
    r["command"] = " ".join(cmd)
    r["threads"] = threads
    r["summary"] = summary(r["stdout"])
    failures = [line for line in r["stderr"].splitlines() if line.startswith("newsdex:")]
    r["failure_lines"] = len(failures)
    r["failure_examples"] = failures[:5]
    # 3: some documents failed (each is in failure_examples), the rest were indexed.
    if r["exit_code"] not in (0, 3):
        log(f"{label}: exit code {r['exit_code']}: {r['stderr'][-2000:]}")
    size, by_ext = dir_size(index_dir)
    r["index_bytes"] = size
    r["index_bytes_by_ext"] = by_ext
    r["passages"] = passages(index_dir)
    del r["stdout"], r["stderr"]
    log(f"{label}: {r['wall_s']}s, peak {r['peak_rss_mb']} MB, {r['summary']}, passages {r['passages']}")
    return r


def rates(r, docs, html_bytes=None):
    r["docs"] = docs
    r["docs_per_s"] = round(docs / r["wall_s"], 1) if r["wall_s"] else None
    if html_bytes is not None:
        r["html_mb"] = round(html_bytes / 1e6, 1)
        r["html_mb_per_s"] = round(html_bytes / 1e6 / r["wall_s"], 2) if r["wall_s"] else None
    r["cpu_utilization"] = round(r["cpu_s"] / r["wall_s"], 2) if r["wall_s"] else None
    # Less sensitive to other load on the machine than docs/s: what one busy core gets through.
    r["docs_per_cpu_s"] = round(docs / r["cpu_s"], 1) if r["cpu_s"] else None
    if r.get("passages") and docs:
        r["passages_per_doc"] = round(r["passages"] / docs, 2)
    return r


def cleaned_sizes(paths):
    """Cleaned bytes (UTF-8 title + body + comments) of every record `newsdex extract` gives, by path."""
    out_path = os.path.join(WORK, "extract.jsonl")
    r = run([binary(), "extract", *paths], stdout_path=out_path)
    sizes = {}
    with open(out_path, encoding="utf-8") as f:
        for line in f:
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            n = len(rec.get("title", "").encode()) + len(rec.get("body", "").encode())
            n += sum(len(c.encode()) for c in rec.get("comments", []))
            sizes[rec.get("path", "")] = n
    os.remove(out_path)
    return sizes, r


def cleaned_pages(corpus_dir, info):
    """Cleaned text of the N-page archive.

    Copies of a source page differ only in their canonical link, so extracting the first cycle (one
    copy of every source) and summing over the manifest gives the archive's cleaned size exactly,
    at a tenth of the cost of extracting all N pages.
    """
    n_first = min(info["pages"], info["sources"])
    folders = sorted({os.path.join(corpus_dir, "html", build_corpus.page_path(k).split(os.sep)[0])
                      for k in range(n_first)})
    sizes, r = cleaned_sizes(folders)
    by_page = {}
    for path, n in sizes.items():
        m = re.search(r"page-(\d+)\.html", path)
        if m:
            by_page[int(m.group(1))] = n
    by_source = {}
    total = 0
    with open(os.path.join(corpus_dir, "manifest.tsv")) as f:
        next(f)
        for line in f:
            page, _, source, _ = line.rstrip("\n").split("\t")
            page = int(page)
            if page < n_first:
                by_source[source] = by_page.get(page, 0)
            total += by_source.get(source, 0)
    return {
        "cleaned_bytes": total,
        "method": f"newsdex extract on the first {n_first} pages (one copy of each source), summed over the manifest",
        "sources_extracted": len(by_page),
        "extract_wall_s": r["wall_s"],
    }


def pct(a, b):
    return round(100.0 * a / b, 2) if b else None


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load_avg": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "commit": commit.stdout.strip(),
    }


def bench_pages(n, threads, results):
    corpus, info = build_corpus.ensure_pages(n)
    results["corpus_pages"] = info
    inputs = [os.path.join(corpus, "html")]
    runs = {}
    for t in threads:
        runs[t] = rates(index_run(inputs, os.path.join(WORK, f"index-html-{n}"), t, label=f"html T={t}"),
                        n, info["html_bytes"])
    results["html"] = {str(t): r for t, r in runs.items()}
    if 1 in runs and 2 in runs:
        results["speedup_2_vs_1_thread"] = round(runs[1]["wall_s"] / runs[2]["wall_s"], 2)
    last = threads[-1]
    again = rates(index_run(inputs, os.path.join(WORK, f"index-html-{n}"), last, rebuild=False,
                            label=f"re-run T={last}"), n, info["html_bytes"])
    again["percent_of_first"] = pct(again["wall_s"], runs[last]["wall_s"])
    results["rerun_unchanged"] = again

    clean = cleaned_pages(corpus, info)
    clean["index_bytes"] = runs[last]["index_bytes"]
    clean["index_over_cleaned"] = round(runs[last]["index_bytes"] / clean["cleaned_bytes"], 3) \
        if clean["cleaned_bytes"] else None
    clean["cleaned_over_html"] = round(clean["cleaned_bytes"] / info["html_bytes"], 4)
    results["html_cleaned_text"] = clean
    return corpus, info, runs


def bench_warc(corpus, info, t, results):
    warc = os.path.join(corpus, "pages.warc.gz")
    r = rates(index_run([warc], os.path.join(WORK, f"index-warc-{info['pages']}"), t, label=f"warc T={t}"),
              info["pages"], info["html_bytes"])
    results["warc"] = r
    shutil.rmtree(os.path.join(WORK, f"index-warc-{info['pages']}"), ignore_errors=True)


def bench_text(n, t, results):
    corpus, info = build_corpus.ensure_text(n)
    results["corpus_text"] = info
    path = os.path.join(corpus, "articles.jsonl")
    idx = os.path.join(WORK, f"index-text-{n}")
    r = rates(index_run([path], idx, t, label=f"jsonl T={t}"), n)
    sizes, _ = cleaned_sizes([path])
    cleaned = sum(sizes.values())
    r["cleaned_bytes"] = cleaned
    r["index_over_cleaned"] = round(r["index_bytes"] / cleaned, 3) if cleaned else None
    r["text_mb_per_s"] = round(info["text_bytes"] / 1e6 / r["wall_s"], 2) if r["wall_s"] else None
    results["text"] = r


def bench_big(n, t):
    corpus, info = build_corpus.ensure_pages(n, warc=False)
    idx = os.path.join(WORK, f"index-html-{n}")
    r = rates(index_run([os.path.join(corpus, "html")], idx, t, label=f"html {n} pages T={t}"), n,
              info["html_bytes"])
    return idx, r


def larger_corpus(pages):
    """An existing page corpus of at least `pages` pages, so a smaller one need not be written."""
    have = []
    for name in os.listdir(build_corpus.OUT) if os.path.isdir(build_corpus.OUT) else []:
        m = re.fullmatch(r"pages-(\d+)", name)
        if m and int(m.group(1)) >= pages and os.path.exists(os.path.join(build_corpus.OUT, name, "corpus.json")):
            have.append((int(m.group(1)), os.path.join(build_corpus.OUT, name)))
    return min(have)[1] if have else None


def build_search_index(pages):
    """Indexes `pages` pages (whole folders of 1,000) for the search benchmark, from the smallest
    corpus that holds them."""
    corpus = larger_corpus(pages)
    if corpus is None:
        corpus, _ = build_corpus.ensure_pages(pages, warc=False)
    folders = [os.path.join(corpus, "html", f"{k:05d}") for k in range(math.ceil(pages / build_corpus.PER_FOLDER))]
    idx = os.path.join(WORK, f"index-html-{pages}")
    r = rates(index_run(folders, idx, 2, label=f"search index, {pages} pages from {corpus}"), pages)
    return idx, r


def bench_search(results, min_passages, queries, command_runs, index=None):
    """Finds or builds an index of at least `min_passages` passages and runs benches/search.rs on it."""
    if index:
        return run_search(results, index, queries, command_runs)
    candidates = []
    for name in os.listdir(WORK) if os.path.isdir(WORK) else []:
        m = re.fullmatch(r"index-html-(\d+)", name)
        if m:
            n = passages(os.path.join(WORK, name)) or 0
            candidates.append((n, int(m.group(1)), os.path.join(WORK, name)))
    enough = sorted(c for c in candidates if c[0] >= min_passages)
    if enough:
        idx = enough[0][2]
    else:
        per_page = max((c[0] / c[1] for c in candidates if c[0]), default=0)
        if per_page <= 0:
            sys.exit("index_bench: no index to measure passages per page; run without --skip-pages first")
        pages = int(math.ceil(min_passages / per_page * 1.03 / 1000.0)) * 1000
        log(f"search: {per_page:.1f} passages per page, building an index of {pages} pages")
        idx, results["search_index_build"] = build_search_index(pages)
    return run_search(results, idx, queries, command_runs)


def run_search(results, idx, queries, command_runs):
    out = os.path.join(WORK, "search.json")
    cmd = ["cargo", "bench", "--bench", "search", "--", "--index", idx, "--out", out,
           "--queries", str(queries), "--command-runs", str(command_runs), "--bin", binary()]
    log(" ".join(cmd))
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    with open(out) as f:
        results["search"] = json.load(f)


# Pipeline stages, found by the frames of a sample's call stack; the first stage that matches wins.
STAGES = [
    ("entities and NER", ("newsdex::ner::", "newsdex::entities::")),
    ("clean (HTML parsing and extraction)", ("newsdex::clean::", "html5ever", "scraper::", "markup5ever")),
    ("index: splitting passages", ("newsdex::index::passages",)),
    ("index: Tantivy (tokenizing, postings, store, merges)", ("tantivy",)),
    ("ingest (reading, gunzip, WARC)", ("newsdex::ingest::", "miniz_oxide", "flate2")),
    ("content hash", ("blake3",)),
    ("other newsdex", ("newsdex::",)),
]


def stage_shares(perf_data):
    """Share of samples per pipeline stage, from the call stacks `perf script` prints."""
    script = subprocess.run(["perf", "script", "--no-inline", "-i", perf_data], capture_output=True, text=True)
    counts, total, stack = {}, 0, []

    def flush():
        nonlocal total
        if not stack:
            return
        total += 1
        name = next((n for n, keys in STAGES if any(k in f for f in stack for k in keys)), "other (libc, std)")
        counts[name] = counts.get(name, 0) + 1

    for line in script.stdout.splitlines():
        if not line.strip():
            flush()
            stack = []
        elif line[0] in " \t":
            stack.append(line.strip())
    flush()
    shares = {k: round(100.0 * v / total, 1) for k, v in sorted(counts.items(), key=lambda kv: -kv[1])}
    return {"samples": total, "percent": shares}


def profile(n, results):
    """Records a call-graph profile of a 1-thread index of `n` pages and keeps perf's top symbols."""
    if not shutil.which("perf"):
        results["profile"] = "perf is not installed"
        return
    corpus, _ = build_corpus.ensure_pages(n, warc=False)
    data = os.path.join(WORK, "perf.data")
    idx = os.path.join(WORK, "index-profile")
    # The release binary carries no debug info; the `profiling` profile is the same code with line
    # tables. No frame pointers either, so stacks are unwound from DWARF.
    log("cargo build --profile profiling")
    subprocess.run(["cargo", "build", "--profile", "profiling"], cwd=ROOT, check=True)
    profiled = os.path.join(target_dir(), "profiling", "newsdex")
    cmd = ["perf", "record", "-F", "199", "--call-graph", "dwarf,8192", "-o", data, "--", profiled, "index",
           os.path.join(corpus, "html"), "--index", idx, "--quiet", "--rebuild", "--threads", "1"]
    log(" ".join(cmd))
    rec = subprocess.run(cmd, capture_output=True, text=True)
    # perf exits with newsdex's status, which is not 0 when some pages hold no text (the bench
    # corpus has a few): what matters is that perf wrote its samples.
    if "Captured and wrote" not in rec.stderr:
        results["profile"] = f"perf record failed: {rec.stderr[-500:]}"
        return
    report = subprocess.run(["perf", "report", "--no-inline", "-i", data, "--stdio", "--no-children",
                             "--percent-limit", "0.7",
                             "--sort", "symbol", "-g", "none"], capture_output=True, text=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    os.makedirs(RESULTS, exist_ok=True)
    txt = os.path.join(RESULTS, f"perf-{stamp}.txt")
    with open(txt, "w") as f:
        f.write(report.stdout)
    top = [line.strip() for line in report.stdout.splitlines() if line.strip() and not line.startswith("#")]
    results["profile"] = {"pages": n, "report": os.path.relpath(txt, ROOT), "by_stage": stage_shares(data),
                          "top": top[:25]}
    shutil.rmtree(idx, ignore_errors=True)


def verdicts(res):
    """Each target with the measured figure and whether it is met."""
    v = {}

    def put(name, value, ok, valid=True, note=None):
        v[name] = {"target": TARGETS[name], "measured": value, "met": ok if value is not None and valid else None}
        if not valid:
            v[name]["note"] = note or "not comparable: most documents failed or nothing was indexed"

    cores = (res.get("machine") or {}).get("cores") or 1

    def quiet(*runs):
        """True when the machine was not busier than its cores before each run, so speed means something."""
        return all(r.get("load_avg_before", 0) <= cores for r in runs)

    busy = f"machine loaded by other work (load average above {cores} cores): speed not comparable"

    def good(run):
        """A run whose speed means something: it indexed (or skipped as unchanged) nearly everything."""
        s = run.get("summary") or {}
        done = s.get("indexed", 0) + s.get("updated", 0) + s.get("unchanged", 0)
        return done > 0 and done >= 0.8 * run.get("docs", 0)

    html = res.get("html", {})
    if "2" in html:
        put("pages_per_s_2_threads", html["2"]["docs_per_s"], html["2"]["docs_per_s"] >= 450,
            good(html["2"]) and quiet(html["2"]), busy if good(html["2"]) else None)
        put("peak_rss_mb_20k", html["2"]["peak_rss_mb"], html["2"]["peak_rss_mb"] <= 1536, good(html["2"]))
    if "speedup_2_vs_1_thread" in res:
        ok = good(html["1"]) and good(html["2"])
        put("speedup_2_vs_1_thread", res["speedup_2_vs_1_thread"], res["speedup_2_vs_1_thread"] >= 1.7,
            ok and quiet(html["1"], html["2"]), busy if ok else None)
    if "rerun_unchanged" in res:
        p = res["rerun_unchanged"]["percent_of_first"]
        put("rerun_percent_of_first", p, p is not None and p <= 5, good(res["rerun_unchanged"]))
    big = res.get("big")
    if big and big["docs"] >= 100000:
        put("peak_rss_mb_100k", big["peak_rss_mb"], big["peak_rss_mb"] <= 1536, good(big))
    s = res.get("search")
    if s:
        big_enough = (s.get("passages") or 0) >= 1_000_000
        small = f"index has {s.get('passages')} passages, fewer than the 1,000,000 the target is set on"
        put("search_median_ms", s["in_process"]["median_ms"], s["in_process"]["median_ms"] <= 5, big_enough, small)
        put("search_p99_ms", s["in_process"]["p99_ms"], s["in_process"]["p99_ms"] <= 50, big_enough, small)
    c = res.get("html_cleaned_text")
    if c and c.get("index_over_cleaned") is not None:
        put("index_size_over_cleaned_text", c["index_over_cleaned"], c["index_over_cleaned"] <= 1.0)
    return v


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--pages", type=int, default=20000, help="pages in the archive (default 20000)")
    ap.add_argument("--articles", type=int, default=20000, help="articles in the text archive (default 20000)")
    ap.add_argument("--threads", default="1,2", help="thread counts to compare (default 1,2)")
    ap.add_argument("--skip-pages", action="store_true", help="skip the HTML tree runs")
    ap.add_argument("--no-warc", action="store_true", help="skip the WARC run")
    ap.add_argument("--no-text", action="store_true", help="skip the text archive run")
    ap.add_argument("--big", action="store_true", help="also peak memory at --big-pages pages")
    ap.add_argument("--big-pages", type=int, default=100000)
    ap.add_argument("--search", action="store_true", help="also the search benchmark on 1M+ passages")
    ap.add_argument("--search-passages", type=int, default=1_000_000)
    ap.add_argument("--search-index", metavar="DIR", help="run the search benchmark on this index as it is")
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--command-runs", type=int, default=100)
    ap.add_argument("--profile", type=int, metavar="PAGES", default=0,
                    help="record a perf profile of indexing PAGES pages with 1 thread")
    ap.add_argument("--no-build", action="store_true", help="use the release binary as it is")
    ap.add_argument("--no-latest", action="store_true", help="do not overwrite benches/results-latest.json")
    ap.add_argument("--merge", metavar="JSON", help="start from an earlier results file and add this run's figures")
    args = ap.parse_args()
    if not build_corpus.shared_available():
        return 0
    threads = sorted({int(t) for t in args.threads.split(",") if t.strip()})
    if not threads or threads[0] < 1:
        ap.error("--threads needs counts of at least 1, like 1,2")
    if not args.no_build:
        cargo_build()
    if not os.access(binary(), os.X_OK):
        sys.exit(f"index_bench: {binary()} is missing; build with cargo build --release")

    started = datetime.datetime.now(datetime.timezone.utc)
    results = {}
    if args.merge:
        with open(args.merge) as f:
            results = json.load(f)
        results.setdefault("merged_runs", []).append(results.get("started"))
    results.update({"started": started.isoformat(timespec="seconds"), "machine": machine(), "targets": TARGETS})
    if not args.skip_pages:
        corpus, info, _ = bench_pages(args.pages, threads, results)
        if not args.no_warc:
            bench_warc(corpus, info, threads[-1], results)
    if not args.no_text:
        bench_text(args.articles, threads[-1], results)
    if args.big:
        _, results["big"] = bench_big(args.big_pages, threads[-1])
    if args.search or args.search_index:
        bench_search(results, args.search_passages, args.queries, args.command_runs, args.search_index)
    if args.profile:
        profile(args.profile, results)
    results["verdicts"] = verdicts(results)
    results["finished"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")

    os.makedirs(RESULTS, exist_ok=True)
    path = os.path.join(RESULTS, started.strftime("%Y%m%dT%H%M%SZ") + ".json")
    text = json.dumps(results, indent=1) + "\n"
    with open(path, "w") as f:
        f.write(text)
    if not args.no_latest:
        with open(LATEST, "w") as f:
            f.write(text)
    log(f"results in {path}")
    for name, v in results["verdicts"].items():
        mark = {True: "met", False: "MISSED", None: "n/a: " + v.get("note", "")}[v["met"]]
        print(f"{name:32} {str(v['measured']):>12}  target {v['target']:36} {mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
