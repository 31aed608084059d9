#!/usr/bin/env python3
"""Builds the benchmark archives from the real pages in ../shared/data (Python 3 standard library only).

Out, under target/bench-corpus/ (never committed):
  pages-N/html/NNNNN/page-NNNNNNN.html.gz   N pages, 1,000 per folder
  pages-N/pages.warc.gz                     the same N pages as WARC/1.0 response records
  pages-N/manifest.tsv                      page number, source page, uncompressed HTML bytes
  pages-N/corpus.json                       totals (pages, bytes) that the index bench reads
  text-N/articles.jsonl                     N articles {url,title,date,authors,text}
  text-N/corpus.json

The pages cycle through dragnet and trafilatura-eval; every copy gets its own canonical URL
(https://bench.newsdex.invalid/page/N), so each copy is a separate article to the indexer rather
than an update of the same one. Output is deterministic: the same N gives the same bytes.
"""

import argparse
import base64
import datetime
import glob
import gzip
import hashlib
import html
import json
import multiprocessing
import os
import random
import re
import sys
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared", "data")
OUT = os.path.join(ROOT, "target", "bench-corpus")
PER_FOLDER = 1000
BASE_URL = "https://bench.newsdex.invalid/page/"
# A fixed crawl time keeps the output identical from run to run.
CRAWL_TIME = datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc)
UUID_NS = uuid.UUID("6f1c1d52-5a7e-4d0e-9a44-0c2b9e0d2f10")

CANONICAL = re.compile(rb"<link\b[^>]*\brel\s*=\s*[\"']?canonical[\"'\s>][^>]*>", re.I)
HEAD_OPEN = re.compile(rb"<head\b[^>]*>", re.I)
HTML_OPEN = re.compile(rb"<html\b[^>]*>", re.I)


def shared_available():
    """True when ../shared/data is beside the repo; prints why not otherwise."""
    if os.path.isdir(SHARED):
        return True
    print(f"build_corpus: skipped: {os.path.normpath(SHARED)} is absent (the benchmarks need the shared data)")
    return False


def source_pages():
    """The real HTML pages to cycle through, in a fixed order."""
    pages = sorted(glob.glob(os.path.join(SHARED, "dragnet", "html", "*.html.gz")))
    pages += sorted(glob.glob(os.path.join(SHARED, "trafilatura-eval", "html", "*.gz")))
    return pages


def with_canonical(page, url):
    """The page with its canonical link set to `url` (replaced when present, else added to the head)."""
    link = b'<link rel="canonical" href="' + url.encode() + b'">'
    if CANONICAL.search(page):
        # Keep the first canonical link's place and drop any others, so the page names one URL.
        first = [True]

        def swap(_m):
            if first[0]:
                first[0] = False
                return link
            return b""

        return CANONICAL.sub(swap, page)
    for opener in (HEAD_OPEN, HTML_OPEN):
        m = opener.search(page)
        if m:
            return page[: m.end()] + link + page[m.end():]
    return link + page


def page_path(n):
    """Relative path of page `n` in the HTML tree."""
    return os.path.join(f"{n // PER_FOLDER:05d}", f"page-{n:07d}.html.gz")


def warc_record(kind, headers, block):
    """One WARC/1.0 record as bytes (not yet compressed)."""
    digest = base64.b32encode(hashlib.sha1(block).digest()).decode()
    lines = [b"WARC/1.0", b"WARC-Type: " + kind.encode()]
    for name, value in headers:
        lines.append(f"{name}: {value}".encode())
    lines.append(b"WARC-Block-Digest: sha1:" + digest.encode())
    lines.append(b"Content-Length: " + str(len(block)).encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + block + b"\r\n\r\n"


def record_id(*parts):
    return f"<urn:uuid:{uuid.uuid5(UUID_NS, '/'.join(map(str, parts)))}>"


def warc_date(n):
    return (CRAWL_TIME + datetime.timedelta(seconds=n)).strftime("%Y-%m-%dT%H:%M:%SZ")


def warc_records(n, url, page):
    """The records a crawler writes for page `n`: a response, sometimes a request and a metadata record."""
    date = warc_date(n)
    out = []
    if n % 10 == 0:
        request = (
            f"GET /page/{n} HTTP/1.1\r\nHost: bench.newsdex.invalid\r\n"
            "User-Agent: newsdex-bench/1.0\r\nAccept: text/html\r\n\r\n"
        ).encode()
        out.append(
            warc_record(
                "request",
                [
                    ("WARC-Record-ID", record_id("request", n)),
                    ("WARC-Date", date),
                    ("WARC-Target-URI", url),
                    ("Content-Type", "application/http; msgtype=request"),
                ],
                request,
            )
        )
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
        + str(len(page)).encode()
        + b"\r\nServer: bench\r\n\r\n"
        + page
    )
    out.append(
        warc_record(
            "response",
            [
                ("WARC-Record-ID", record_id("response", n)),
                ("WARC-Date", date),
                ("WARC-Target-URI", url),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            http,
        )
    )
    if n % 100 == 0:
        meta = f"fetchTimeMs: 120\r\noutlink: {BASE_URL}{n + 1} L a/@href\r\n".encode()
        out.append(
            warc_record(
                "metadata",
                [
                    ("WARC-Record-ID", record_id("metadata", n)),
                    ("WARC-Date", date),
                    ("WARC-Target-URI", url),
                    ("WARC-Concurrent-To", record_id("response", n)),
                    ("Content-Type", "application/warc-fields"),
                ],
                meta,
            )
        )
    return out


def warc_preamble():
    """The warcinfo record and a robots.txt fetch that open the file, as crawls begin."""
    info = b"software: newsdex build_corpus.py\r\nformat: WARC File Format 1.0\r\n"
    robots = b"User-agent: *\r\nAllow: /\r\n"
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
        + str(len(robots)).encode()
        + b"\r\n\r\n"
        + robots
    )
    return [
        warc_record(
            "warcinfo",
            [
                ("WARC-Record-ID", record_id("warcinfo")),
                ("WARC-Date", warc_date(0)),
                ("WARC-Filename", "pages.warc.gz"),
                ("Content-Type", "application/warc-fields"),
            ],
            info,
        ),
        warc_record(
            "response",
            [
                ("WARC-Record-ID", record_id("robots")),
                ("WARC-Date", warc_date(0)),
                ("WARC-Target-URI", "https://bench.newsdex.invalid/robots.txt"),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            http,
        ),
    ]


# Worker state: sources are decompressed once per worker process, on first use.
_SOURCES = []
_CACHE = {}
_LEVEL = 6
_WARC = True


def _init(sources, level, warc):
    global _SOURCES, _LEVEL, _WARC
    _SOURCES, _LEVEL, _WARC = sources, level, warc


def _render(n):
    """Page `n` as (html.gz bytes, [gzipped WARC records], source index, uncompressed size)."""
    i = n % len(_SOURCES)
    if i not in _CACHE:
        with gzip.open(_SOURCES[i], "rb") as f:
            _CACHE[i] = f.read()
    url = f"{BASE_URL}{n}"
    page = with_canonical(_CACHE[i], url)
    gz = gzip.compress(page, compresslevel=_LEVEL, mtime=0)
    records = [gzip.compress(r, compresslevel=_LEVEL, mtime=0) for r in warc_records(n, url, page)] if _WARC else []
    return gz, records, i, len(page)


def build_pages(n, out_dir, jobs, level, warc):
    """Writes the N-page HTML tree, WARC file and manifest into `out_dir`."""
    sources = source_pages()
    if not sources:
        sys.exit("build_corpus: no source pages found under ../shared/data")
    html_dir = os.path.join(out_dir, "html")
    os.makedirs(html_dir, exist_ok=True)
    warc_f = open(os.path.join(out_dir, "pages.warc.gz"), "wb") if warc else None
    if warc_f:
        for r in warc_preamble():
            warc_f.write(gzip.compress(r, compresslevel=level, mtime=0))
    html_bytes = gz_bytes = 0
    names = [os.path.relpath(s, SHARED) for s in sources]
    with open(os.path.join(out_dir, "manifest.tsv"), "w") as manifest, multiprocessing.Pool(
        jobs, initializer=_init, initargs=(sources, level, warc)
    ) as pool:
        manifest.write("page\tpath\tsource\thtml_bytes\n")
        for k, (gz, records, src, size) in enumerate(pool.imap(_render, range(n), chunksize=64)):
            path = os.path.join(html_dir, page_path(k))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(gz)
            if warc_f:
                for r in records:
                    warc_f.write(r)
            manifest.write(f"{k}\t{page_path(k)}\t{names[src]}\t{size}\n")
            html_bytes += size
            gz_bytes += len(gz)
            if (k + 1) % 5000 == 0:
                print(f"build_corpus: {k + 1}/{n} pages", file=sys.stderr)
    if warc_f:
        warc_f.close()
    return {
        "pages": n,
        "sources": len(sources),
        "html_bytes": html_bytes,
        "html_gz_bytes": gz_bytes,
        "warc": warc,
        "warc_gz_bytes": os.path.getsize(os.path.join(out_dir, "pages.warc.gz")) if warc else 0,
        "compresslevel": level,
    }


def cnn_articles():
    """CNN Lite articles, one per URL (the latest scrape wins), with the publication day from the URL."""
    by_url = {}
    for path in sorted(glob.glob(os.path.join(SHARED, "cnn-lite-2026", "articles", "*.json"))):
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        url, text = d.get("url"), d.get("text")
        if not url or not text:
            continue
        authors = d.get("authors", d.get("author", []))
        if isinstance(authors, str):
            authors = [authors] if authors else []
        m = re.search(r"/(\d{4})/(\d{2})/(\d{2})/", url)
        date = "-".join(m.groups()) if m else d.get("date")
        art = {"url": url, "title": d.get("title", ""), "date": date, "authors": authors, "text": text}
        prev = by_url.get(url)
        if prev is None or d.get("scraped_at", "") >= prev[0]:
            by_url[url] = (d.get("scraped_at", ""), art)
    return [a for _, a in sorted(by_url.values(), key=lambda x: x[1]["url"])]


REUTERS = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)


def _tag(name, s):
    m = re.search(rf"<{name}>(.*?)</{name}>", s, re.S)
    return html.unescape(m.group(1)).strip() if m else ""


def reuters_articles():
    """Reuters-21578 stories that have a body."""
    out = []
    for path in sorted(glob.glob(os.path.join(SHARED, "reuters-21578", "reut2-*.xml"))):
        with open(path, encoding="latin-1") as f:
            data = f.read()
        for m in REUTERS.finditer(data):
            newid = re.search(r'NEWID="(\d+)"', m.group(1))
            # Every story ends with the agency's sign-off, a markup of the collection, not text.
            body = re.sub(r"\s*\bREUTER\s*$", "", _tag("BODY", m.group(2)), flags=re.I)
            if not newid or not body:
                continue
            # The story opens with its dateline ("LONDON, March 1 - "), as the wire sent it.
            dateline = " ".join(_tag("DATELINE", m.group(2)).split())
            if dateline:
                body = f"{dateline} {body}"
            try:
                # " 5-APR-1987 01:53:30.57": days are space-padded, seconds have hundredths.
                stamp = _tag("DATE", m.group(2)).split(".")[0]
                date = datetime.datetime.strptime(stamp, "%d-%b-%Y %H:%M:%S")
                date = date.strftime("%Y-%m-%dT%H:%M:%S")
            except ValueError:
                date = None
            author = re.sub(r"^By\s+", "", _tag("AUTHOR", m.group(2)), flags=re.I)
            out.append(
                {
                    "url": f"reuters21578://{newid.group(1)}",
                    "title": _tag("TITLE", m.group(2)),
                    "date": date,
                    "authors": [author.split(",")[0].strip()] if author else [],
                    "text": body,
                }
            )
    return out


def build_text(n, out_dir):
    """Writes N articles as JSON Lines; beyond the unique articles, copies get a `/copy/K` URL suffix."""
    articles = cnn_articles() + reuters_articles()
    if not articles:
        sys.exit("build_corpus: no CNN or Reuters articles found under ../shared/data")
    random.Random(21578).shuffle(articles)
    os.makedirs(out_dir, exist_ok=True)
    total = 0
    with open(os.path.join(out_dir, "articles.jsonl"), "w", encoding="utf-8") as f:
        for k in range(n):
            a = dict(articles[k % len(articles)])
            copy = k // len(articles)
            if copy:
                a["url"] = f"{a['url']}/copy/{copy}"
            total += len(a["title"].encode()) + len(a["text"].encode())
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    return {
        "articles": n,
        "unique": len(articles),
        "text_bytes": total,
        "jsonl_bytes": os.path.getsize(os.path.join(out_dir, "articles.jsonl")),
    }


def _done(out_dir, want):
    """True when `out_dir` already holds a finished corpus built with the same settings."""
    try:
        with open(os.path.join(out_dir, "corpus.json")) as f:
            have = json.load(f)
    except (OSError, ValueError):
        return False
    return all(have.get(k) == v for k, v in want.items())


def ensure_pages(n, jobs=None, level=6, warc=True, force=False):
    """Builds pages-N unless it is already there; returns its folder and corpus.json contents."""
    out_dir = os.path.join(OUT, f"pages-{n}")
    want = {"pages": n, "compresslevel": level}
    if warc:
        want["warc"] = True
    if not force and _done(out_dir, want):
        with open(os.path.join(out_dir, "corpus.json")) as f:
            return out_dir, json.load(f)
    print(f"build_corpus: writing {n} pages to {out_dir}", file=sys.stderr)
    if os.path.exists(os.path.join(out_dir, "corpus.json")):
        os.remove(os.path.join(out_dir, "corpus.json"))
    info = build_pages(n, out_dir, jobs or os.cpu_count() or 1, level, warc)
    with open(os.path.join(out_dir, "corpus.json"), "w") as f:
        json.dump(info, f, indent=1)
    return out_dir, info


def ensure_text(n, force=False):
    """Builds text-N unless it is already there; returns its folder and corpus.json contents."""
    out_dir = os.path.join(OUT, f"text-{n}")
    if not force and _done(out_dir, {"articles": n}):
        with open(os.path.join(out_dir, "corpus.json")) as f:
            return out_dir, json.load(f)
    print(f"build_corpus: writing {n} articles to {out_dir}", file=sys.stderr)
    info = build_text(n, out_dir)
    with open(os.path.join(out_dir, "corpus.json"), "w") as f:
        json.dump(info, f, indent=1)
    return out_dir, info


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--pages", type=int, default=20000, help="pages in the HTML/WARC archive (default 20000)")
    ap.add_argument("--articles", type=int, default=20000, help="articles in the text archive (default 20000)")
    ap.add_argument("--no-warc", action="store_true", help="write only the HTML tree, not the WARC file")
    ap.add_argument("--no-text", action="store_true", help="do not write the text archive")
    ap.add_argument("--jobs", type=int, default=None, help="compression processes (default: all cores)")
    ap.add_argument("--level", type=int, default=6, choices=range(1, 10), help="gzip level (default 6)")
    ap.add_argument("--force", action="store_true", help="rebuild even when the corpus is already there")
    args = ap.parse_args()
    if args.pages < 1 or args.articles < 1:
        ap.error("--pages and --articles must be at least 1")
    if not shared_available():
        return 0
    out, info = ensure_pages(args.pages, args.jobs, args.level, not args.no_warc, args.force)
    print(f"{out}: {json.dumps(info)}")
    if not args.no_text:
        out, info = ensure_text(args.articles, args.force)
        print(f"{out}: {json.dumps(info)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
