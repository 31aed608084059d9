#!/bin/sh
# Scores the NER model on CoNLL-2003 eng.testa with the project's scorer.
#   benches/ner_eval.sh          # the committed model (models/ner.bin, built into the binary)
#   benches/ner_eval.sh --train  # retrain from eng.train (best of 20 passes on eng.testa) into models/ner.bin first
# Skips with a message when ../shared (data and scorer) is absent.
set -eu
cd "$(dirname "$0")/.."
SHARED=../shared
DATA=$SHARED/data/conll2003-en
SCORER=$SHARED/eval/ner_score.py
if [ ! -f "$DATA/eng.testa" ] || [ ! -f "$SCORER" ]; then
    echo "ner_eval: skipped, $DATA or $SCORER not found"
    exit 0
fi
cargo build --release --bin newsdex --example ner_protocol
TARGET=${CARGO_TARGET_DIR:-target}/release
if [ "${1:-}" = "--train" ]; then
    # Word clusters come from unlabeled news: Reuters-21578 and CNN lite articles.
    /usr/bin/time -v "$TARGET/newsdex" train-ner --train "$DATA/eng.train" --dev "$DATA/eng.testa" \
        --out models/ner.bin --epochs 20 \
        --unlabeled "$SHARED/data/reuters-21578" --unlabeled "$SHARED/data/cnn-lite-2026/articles" 2>&1 \
        | grep -E "epoch|trained|Elapsed|Maximum resident|^[a-z ]+\(|^(PER|ORG|LOC|MISC|type)"
    # The binary embeds the model: rebuild so the scorer sees the new one.
    touch src/ner/mod.rs
    cargo build --release --bin newsdex --example ner_protocol
fi
ls -l models/ner.bin
echo "== the model alone"
python3 "$SCORER" score --conll "$DATA/eng.testa" --cmd "$TARGET/examples/ner_protocol"
echo "== newsdex entities (model + gazetteers + canonical names)"
python3 "$SCORER" score --conll "$DATA/eng.testa" --cmd "$TARGET/newsdex entities"
