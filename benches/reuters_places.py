#!/usr/bin/env python3
"""How many of the places Reuters-21578 lists for each story newsdex finds in the story's text.

    python3 benches/reuters_places.py [--bin PATH] [--limit N]

Reuters' editors listed the countries of each story (<PLACES>: "usa", "west-germany", ...). For
every story with a body and at least one listed place, `newsdex extract` gives the places found in
the title and text, each resolved to an ISO country code (`geo`); a listed place counts as covered
when one of the story's places lies in that country (a city counts for its country). The listed
names are turned into codes by newsdex's own gazetteer (a one-line document naming the country),
with the few Reuters abbreviations spelled out below; names it cannot resolve are reported apart.
Many listed places are never written in the story (a US company's earnings are filed under "usa"),
so full coverage is not reachable: the figure is for comparing versions. Skips with a message when
../shared is absent. Release build; `CARGO_TARGET_DIR` respected.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_corpus  # noqa: E402
from splits import half  # noqa: E402

# Reuters' short forms and historical names, written out as a reader would.
SPELLED = {
    "usa": "United States",
    "uk": "United Kingdom",
    "ussr": "Soviet Union",
    "uae": "United Arab Emirates",
    "west-germany": "West Germany",
    "east-germany": "East Germany",
    "hong-kong": "Hong Kong",
}


def stories():
    """(newid, listed places) for the stories reuters_articles() converts, in the same order."""
    out = []
    for path in sorted(build_corpus.glob.glob(os.path.join(build_corpus.SHARED, "reuters-21578", "reut2-*.xml"))):
        with open(path, encoding="latin-1") as f:
            data = f.read()
        for m in build_corpus.REUTERS.finditer(data):
            newid = re.search(r'NEWID="(\d+)"', m.group(1))
            places = re.search(r"<PLACES>(.*?)</PLACES>", m.group(2), re.S)
            listed = re.findall(r"<D>(.*?)</D>", places.group(1)) if places else []
            if newid:
                out.append((newid.group(1), listed))
    return out


def extract(binary, records):
    """Runs `newsdex extract` on JSON Lines records; returns {url: geo list}."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "in.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r) + "\n")
        run = subprocess.run([binary, "extract", path], capture_output=True, text=True, check=True)
    return {d["url"]: d["geo"] for d in map(json.loads, run.stdout.splitlines())}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", help="newsdex binary (default: build the release one)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N stories")
    args = ap.parse_args()
    if not build_corpus.shared_available():
        print("reuters_places: skipped, ../shared/data is absent")
        return
    binary = args.bin
    if not binary:
        subprocess.run(["cargo", "build", "--release", "-q"], cwd=build_corpus.ROOT, check=True)
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(build_corpus.ROOT, "target"))
        binary = os.path.join(target, "release", "newsdex")

    listed = dict(stories())
    articles = [a for a in build_corpus.reuters_articles() if listed.get(a["url"].split("//")[1])]
    if args.limit:
        articles = articles[: args.limit]

    # Gold names to country codes, by newsdex's gazetteer.
    names = sorted({p for a in articles for p in listed[a["url"].split("//")[1]]})
    probes = [
        {"url": f"probe://{n}", "title": "Dispatch", "text": f"The news came from {SPELLED.get(n, n.replace('-', ' ').title())}."}
        for n in names
    ]
    code = {}
    for url, geo in extract(binary, probes).items():
        if geo:
            code[url.split("//")[1]] = geo[-1]["country"]
    unresolved = [n for n in names if n not in code]

    found = extract(binary, articles)
    pairs = covered = 0
    per_name = collections.Counter()
    missed = collections.Counter()
    # (pairs, covered) per fixed half of the stories, without 'usa'.
    halves = {"tune": [0, 0], "check": [0, 0]}
    for a in articles:
        story = a["url"].split("//")[1]
        countries = {g["country"] for g in found.get(a["url"], [])}
        for name in listed[story]:
            if name not in code:
                continue
            pairs += 1
            per_name[name] += 1
            hit = code[name] in countries
            if hit:
                covered += 1
            else:
                missed[name] += 1
            if name != "usa":
                halves[half(story)][0] += 1
                halves[half(story)][1] += hit
    print(f"stories with listed places: {len(articles)}")
    print(f"listed places resolved to a country: {len(names) - len(unresolved)} of {len(names)}"
          + (f" (unresolved: {', '.join(unresolved)})" if unresolved else ""))
    print(f"listed (story, place) pairs covered: {covered} of {pairs} = {covered / max(pairs, 1):.3f}")
    usa = per_name["usa"] - missed["usa"]
    rest = pairs - per_name["usa"]
    print(f"  without 'usa' (filed under it by default): {covered - usa} of {rest} = {(covered - usa) / max(rest, 1):.3f}")
    for part, (n, hit) in halves.items():
        print(f"  without 'usa', {part} half of the stories: {hit} of {n} = {hit / max(n, 1):.3f}")
    print("most missed: " + ", ".join(f"{n} {c}" for n, c in missed.most_common(8)))


if __name__ == "__main__":
    main()
