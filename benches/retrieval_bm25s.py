#!/usr/bin/env python3
"""The bm25s side of benches/retrieval.py, run in the venv that has bm25s and PyStemmer.

In: a JSON file {"queries": [text], "bodies": {article_id: [passage]}}. Out: a JSON file
{"bm25s passages": [[article_id x10]], "bm25s articles": [[article_id x10]]}: for each query, the
articles of the first ten passages (passages run) or the first ten articles (articles run).
Lucene's BM25 variant (k1 1.5, b 0.75, bm25s's defaults), English Snowball stemmer and stopwords.
"""
import json
import sys

import bm25s
import Stemmer


def ranked(texts, owners, queries, k):
    stemmer = Stemmer.Stemmer("english")
    retriever = bm25s.BM25(method="lucene")
    retriever.index(bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False),
                    show_progress=False)
    tokens = bm25s.tokenize(queries, stopwords="en", stemmer=stemmer, show_progress=False)
    docs, _ = retriever.retrieve(tokens, k=k, show_progress=False, n_threads=2)
    return [[owners[d] for d in row] for row in docs.tolist()]


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        data = json.load(f)
    queries, bodies = data["queries"], data["bodies"]
    ids = sorted(bodies)
    texts, owners = [], []
    for aid in ids:
        for p in bodies[aid]:
            texts.append(p)
            owners.append(aid)
    out = {}
    # Passages: the first ten passages, each standing for its article.
    out["bm25s passages"] = ranked(texts, owners, queries, 10)
    out["bm25s articles"] = ranked(["\n\n".join(bodies[a]) for a in ids], ids, queries, 10)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
