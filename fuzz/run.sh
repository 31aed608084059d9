#!/usr/bin/env bash
# Runs the fuzz targets one after another: fuzz/run.sh [SECONDS_EACH] [TARGET...]
# (default: 600 seconds, every target). Needs a nightly toolchain and cargo-fuzz.
# Seeds: fuzz/seeds/<target> (kept in the repository), the pages of corpus/, and when it is
# beside the project, ../shared/seeds and a sample of ../shared/data/dragnet (read, never copied
# into the repository). New inputs go to fuzz/corpus/<target>, crashes to fuzz/artifacts/<target>,
# libFuzzer's log to fuzz/logs/<target>.log; all three are ignored by git.
set -eu
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(clean_html read_text read_json read_warc read_warc_gz query)
fi

# Seeds gathered from outside fuzz/, refreshed on every run.
stage=corpus/.seeds
rm -rf "$stage"
mkdir -p "$stage"/{clean_html,read_text,read_json,read_warc,read_warc_gz,query} logs
find ../corpus -name '*.htm*' ! -name '*.gz' -exec cp {} "$stage/clean_html/" \;
find ../corpus -name '*.txt' -exec cp {} "$stage/read_text/" \;
find ../corpus \( -name '*.json' -o -name '*.jsonl' \) -exec cp {} "$stage/read_json/" \;
if [ -d ../../shared ]; then
  cp ../../shared/seeds/* "$stage/read_text/" 2>/dev/null || true
  find ../../shared/data/dragnet/html -type f 2>/dev/null | sort | head -150 \
    | xargs -r cp -t "$stage/clean_html/"
  find ../../shared/data/cnn-lite-2026/articles -name '*.json' 2>/dev/null | sort | head -50 \
    | xargs -r cp -t "$stage/read_json/"
fi

for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "seeds/$t"
  case $t in
    clean_html | read_text) max_len=65536 ;;
    *) max_len=16384 ;;
  esac
  echo "== $t: ${secs}s" >&2
  # One process, one job: the machine is shared. ASan is on (cargo fuzz's default).
  cargo +nightly fuzz run "$t" "corpus/$t" "seeds/$t" "$stage/$t" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
    -print_final_stats=1 2>&1 | tee "logs/$t.log" | grep -E '^#[0-9]+ +(INITED|DONE)|^(==|SUMMARY|stat::number_of_executed_units|artifact_prefix|Test unit written)' >&2 || true
done
