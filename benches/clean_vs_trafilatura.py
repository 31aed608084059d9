#!/usr/bin/env python3
"""Cleaning speed against trafilatura's, on one core, on the same pages.

    python3 benches/clean_vs_trafilatura.py [--pages N]

Issue 20's speed target: newsdex's cleaning alone (no entities, no I/O) at least 20 times
trafilatura's pages per second on one core. trafilatura (from PyPI, into
target/bench-trafilatura/venv) extracts the Dragnet and trafilatura-eval pages with metadata and
comments, as newsdex does, in one process; newsdex's figure is `cargo bench --bench clean_speed`
on the same pages. Both are CPU seconds of the one thread that does the work, so other work on a
shared machine does not skew the ratio. Skips with a message when ../shared is absent.
"""
import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared", "data")
WORK = os.path.join(os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target"), "bench-trafilatura")
SETS = ["dragnet", "trafilatura-eval"]

# Run inside the venv: times trafilatura.extract over the pages of one folder.
TIMER = r"""
import gzip, os, sys, time, trafilatura
folder, limit = sys.argv[1], int(sys.argv[2])
names = sorted(n for n in os.listdir(folder) if n.endswith(".gz"))[:limit]
pages = [gzip.open(os.path.join(folder, n)).read().decode("utf-8", "replace") for n in names]
start = time.thread_time()
for page in pages:
    trafilatura.extract(page, include_comments=True, with_metadata=True)
print(len(pages), time.thread_time() - start)
"""


def trafilatura_rate(py, folder, limit):
    out = subprocess.run([py, "-c", TIMER, folder, str(limit)], check=True, capture_output=True, text=True)
    pages, cpu = out.stdout.split()
    return int(pages) / float(cpu)


def newsdex_rates():
    out = subprocess.run(["cargo", "bench", "--bench", "clean_speed"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    rates = {}
    for line in out.splitlines():
        m = re.match(r"([\w-]+): .* ([\d.]+) pages per CPU-second", line)
        if m:
            rates[m.group(1)] = float(m.group(2))
    return rates


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=100000, help="at most this many pages of each set for trafilatura")
    args = ap.parse_args()
    if not os.path.isdir(SHARED):
        print("clean_vs_trafilatura: skipped, ../shared/data is absent")
        return
    venv = os.path.join(WORK, "venv")
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    if subprocess.run([py, "-c", "import trafilatura"], capture_output=True).returncode != 0:
        # lxml 5.2+ moved the HTML cleaner trafilatura needs into its own package.
        subprocess.run([py, "-m", "pip", "install", "-q", "trafilatura", "lxml_html_clean"], check=True)
    version = subprocess.run([py, "-c", "import trafilatura; print(trafilatura.__version__)"],
                             capture_output=True, text=True).stdout.strip()
    ours = newsdex_rates()
    print(f"{'set':<18} {'newsdex pages/CPU-s':>20} {'trafilatura ' + version:>20} {'ratio':>7}")
    for name in SETS:
        theirs = trafilatura_rate(py, os.path.join(SHARED, name, "html"), args.pages)
        mine = ours.get(name, float("nan"))
        print(f"{name:<18} {mine:>20.0f} {theirs:>20.1f} {mine / theirs:>6.1f}x")


if __name__ == "__main__":
    main()
