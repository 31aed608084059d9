#!/usr/bin/env python3
"""Entity recognition on the fixed tune and check halves of CoNLL-2003 eng.testa.

    python3 benches/ner_halves.py [--bin PATH]

Splits eng.testa by document (benches/splits.py on the document's number) into
target/bench-ner/testa-{tune,check}.conll and scores the model alone
(examples/ner_protocol) and `newsdex entities` on each with ../shared/eval/ner_score.py.
Training picks its best epoch on the whole of eng.testa, so neither half is unseen by the model:
the halves show how stable a change is, not how it does on new text. Skips with a message when
../shared is absent.
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from splits import half  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")


def split(testa, out_dir):
    """Writes the two halves of `testa` by document; returns {half: (path, documents)}."""
    docs, current = [], []
    for line in open(testa, encoding="utf-8"):
        if line.startswith("-DOCSTART-") and current:
            docs.append(current)
            current = []
        current.append(line)
    docs.append(current)
    os.makedirs(out_dir, exist_ok=True)
    parts = {}
    for part in ("tune", "check"):
        chosen = [d for i, d in enumerate(docs) if half(f"testa-{i}") == part]
        path = os.path.join(out_dir, f"testa-{part}.conll")
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(line for d in chosen for line in d)
        parts[part] = (path, len(chosen))
    return parts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", help="newsdex binary (default: build the release one)")
    args = ap.parse_args()
    testa = os.path.join(SHARED, "data", "conll2003-en", "eng.testa")
    scorer = os.path.join(SHARED, "eval", "ner_score.py")
    if not (os.path.exists(testa) and os.path.exists(scorer)):
        print("ner_halves: skipped, ../shared (CoNLL data and scorer) is absent")
        return
    subprocess.run(["cargo", "build", "--release", "-q", "--bin", "newsdex", "--example", "ner_protocol"],
                   cwd=ROOT, check=True)
    newsdex = args.bin or os.path.join(TARGET, "release", "newsdex")
    systems = [("model alone", os.path.join(TARGET, "release", "examples", "ner_protocol")),
               ("newsdex entities", f"{newsdex} entities")]
    parts = split(testa, os.path.join(TARGET, "bench-ner"))
    print(f"{'system':<18} {'half':<6} {'docs':>4} {'F1 no MISC':>11} {'F1 with MISC':>13}")
    for name, cmd in systems:
        for part, (path, n) in parts.items():
            out = subprocess.run([sys.executable, scorer, "score", "--conll", path, "--cmd", cmd],
                                 check=True, capture_output=True, text=True).stdout
            f1 = {}
            for line in out.splitlines():
                if line.startswith("overall (no MISC)"):
                    f1["no"] = line.split()[5]
                elif line.startswith("overall (with MISC)"):
                    f1["with"] = line.split()[5]
            print(f"{name:<18} {part:<6} {n:>4} {f1.get('no', '?'):>11} {f1.get('with', '?'):>13}")


if __name__ == "__main__":
    main()
