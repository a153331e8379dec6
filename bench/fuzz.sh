#!/usr/bin/env bash
# Issue 19: random calls to every RPC (protos/, health, reflection) of a separately started server, as an outsider
# would make them (GisBridge.Bench fuzz: raw bytes, descriptor-shaped messages, streams that end early, stall or are
# cancelled; 10 s deadline each). Prints the status counts, the slowest answer and the server's resident memory.
# The server runs with --input-idle-timeout 1 so that stalled streams end quickly; everything else is its default.
# Usage: bench/fuzz.sh [--quick] [--calls N] [--seed N] [--server-dir DIR]   (build first: ./gisbridge demo)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVER_DIR="$ROOT/src/Server/bin/Release/net10.0"
BENCH_DLL="$ROOT/bench/GisBridge.Bench/bin/Release/net10.0/GisBridge.Bench.dll"
CALLS=10000; SEED=1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) CALLS=1000; shift ;;
    --calls) CALLS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --server-dir) SERVER_DIR="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$SERVER_DIR/GisBridge.Server.dll" ] || { echo "no GisBridge.Server.dll in $SERVER_DIR" >&2; exit 1; }
[ -f "$BENCH_DLL" ] || { echo "no $BENCH_DLL (dotnet build bench/GisBridge.Bench -c Release)" >&2; exit 1; }
WORK="$(mktemp -d)"
# The process environment ./gisbridge serve and the plugin give the server (huge pages for malloc, no tiering delay,
# a 4 MB first-generation GC budget).
GLIBC_TUNABLES=glibc.malloc.hugetlb=1 DOTNET_TC_CallCountingDelayMs=0 DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x400000}" \
  dotnet "$SERVER_DIR/GisBridge.Server.dll" serve --port 0 --input-idle-timeout 1 > "$WORK/server.out" 2> "$WORK/server.err" &
PID=$!
trap 'kill "$PID" 2> /dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 600); do
  grep -q "listening on" "$WORK/server.out" 2> /dev/null && break
  kill -0 "$PID" 2> /dev/null || { cat "$WORK/server.err" >&2; exit 1; }
  sleep 0.1
done
ADDRESS="$(sed -n 's/.*listening on \(http[^ ,]*\).*/\1/p' "$WORK/server.out" | head -1)"
[ -n "$ADDRESS" ] || { echo "the server did not say where it listens" >&2; exit 1; }
echo "load_average_start=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')"
rc=0
dotnet "$BENCH_DLL" fuzz --address "$ADDRESS" --server-pid "$PID" --requests "$CALLS" --seed "$SEED" --deadline-s 10 || rc=$?
echo "load_average_end=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')"
kill -0 "$PID" 2> /dev/null && echo "fuzz_server_process_alive=true" || echo "fuzz_server_process_alive=false"
# What the server logged about unexpected errors (an INTERNAL status) goes to stderr with the run.
grep -h -A12 "unexpected error" "$WORK/server.out" "$WORK/server.err" | head -200 >&2 || true
exit "$rc"
