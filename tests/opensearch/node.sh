#!/usr/bin/env bash
# A real single-node OpenSearch 2.19 for newsdex's integration tests.
#
#   tests/opensearch/node.sh start   builds the node (Maven), starts it on a free loopback port,
#                                    waits until it answers and prints its URL
#   tests/opensearch/node.sh stop    ends it (by its PID) and removes its data
#   tests/opensearch/node.sh kill    kills it at once (SIGKILL, as a crash would) and keeps its
#                                    data: the next `start` recovers it
#
# State lives in $NEWSDEX_NODE_HOME (default: tests/opensearch/node/target/run): the PID, the
# URL, the data and the node's log (node.log), which start prints the end of when it fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
project="$here/node"
home="${NEWSDEX_NODE_HOME:-$project/target/run}"
heap="${NEWSDEX_NODE_HEAP:-512m}"

running() { [ -f "$home/pid" ] && kill -0 "$(cat "$home/pid")" 2>/dev/null; }

start() {
  if running && [ -f "$home/url" ]; then
    cat "$home/url"
    return 0
  fi
  command -v java >/dev/null || { echo "node.sh: java is not installed (OpenSearch 2.19 needs Java 17)" >&2; exit 1; }
  command -v mvn >/dev/null || { echo "node.sh: mvn is not installed (it builds the test node)" >&2; exit 1; }
  (cd "$project" && mvn -q -B package) >&2 || { echo "node.sh: building the test node failed (mvn package in $project)" >&2; exit 1; }
  # Data kept: a start after `kill` recovers the node as it was.
  mkdir -p "$home"
  rm -f "$home/url" "$home/pid"
  # setsid: the node outlives the shell that started it, and no terminal signal reaches it.
  setsid java "-Xms$heap" "-Xmx$heap" -XX:+UseSerialGC \
    -cp "$project/target/opensearch-test-node-1.0.0.jar:$project/target/lib/*" \
    newsdex.TestNode "$home" >"$home/node.log" 2>&1 < /dev/null &
  echo $! > "$home/pid"
  for _ in $(seq 1 180); do
    if [ -f "$home/url" ]; then
      url="$(cat "$home/url")"
      # Green or yellow: the node has elected itself and takes requests.
      if curl -fsS "$url/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; then
        echo "$url"
        return 0
      fi
    fi
    if ! running; then
      echo "node.sh: the OpenSearch node ended while starting; the end of $home/node.log:" >&2
      tail -40 "$home/node.log" >&2
      exit 1
    fi
    sleep 1
  done
  echo "node.sh: the OpenSearch node did not answer in 180 s; the end of $home/node.log:" >&2
  tail -40 "$home/node.log" >&2
  stop
  exit 1
}

stop() {
  if [ -f "$home/pid" ]; then
    pid="$(cat "$home/pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$home"
}

crash() {
  if running; then
    pid="$(cat "$home/pid")"
    kill -9 "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
  rm -f "$home/url" "$home/pid"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  kill) crash ;;
  *) echo "usage: $0 start|stop|kill" >&2; exit 2 ;;
esac
