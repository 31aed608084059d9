#!/usr/bin/env python3
"""Converts Reuters-21578 (../shared/data/reuters-21578) to JSON Lines that `newsdex index` reads.

    python3 benches/reuters_jsonl.py [OUT]     # default target/reuters/reuters.jsonl

One article per story with a body: {url: "reuters21578://NEWID", title, date, authors, text}.
Skips with a message when ../shared is absent.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_corpus  # noqa: E402  (the same parser the benchmark corpus uses)


def main():
    if not build_corpus.shared_available():
        print("reuters_jsonl: skipped, ../shared/data is absent")
        return
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(build_corpus.ROOT, "target", "reuters", "reuters.jsonl")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    articles = build_corpus.reuters_articles()
    with open(out, "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    print(f"reuters_jsonl: {len(articles)} stories -> {out}")


if __name__ == "__main__":
    main()
