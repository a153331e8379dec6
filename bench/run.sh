#!/usr/bin/env bash
# Runs every benchmark and writes bench/out/results.md and results.csv (machine, date, commit, figures).
# Usage: bench/run.sh [--quick]   (--quick: smaller sizes, for a smoke run)
# BENCH_SKIP="name ..." leaves out scripts by name (e.g. BENCH_SKIP=ggmnet_vs_unet: it trains for 2 x 30 minutes).
# Each benchmark script prints `key=value` lines; this script collects them. Build first: ./gisbridge demo.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
QUICK="${1:-}"
BENCH_DLL="$ROOT/bench/GisBridge.Bench/bin/Release/net10.0/GisBridge.Bench.dll"
raw="$OUT/raw.txt"
: > "$raw"

run() {  # run NAME COMMAND...: records the key=value lines of one benchmark
  local name="$1"; shift
  printf '\n=== %s\n' "$name" >&2
  local log="$OUT/$name.log"
  if "$@" > "$log" 2> "$OUT/$name.err"; then
    grep -E '^[a-z0-9_]+=' "$log" | sed "s/^/$name /" >> "$raw"
    grep -E '^[a-z0-9_]+=' "$log" >&2
  else
    echo "$name failed (see $OUT/$name.err)" >&2
    echo "$name status=failed" >> "$raw"
  fi
}

if [ "$QUICK" = "--quick" ]; then MB=20; REQ=1000; else MB=100; REQ=10000; fi
run transfer dotnet "$BENCH_DLL" transfer --mb "$MB" --repeat 8
run fuzz bash "$ROOT/bench/fuzz.sh" --calls "$REQ"
run load dotnet "$BENCH_DLL" load --clients 8 --mb "$MB"
for script in "$ROOT"/bench/scripts/*.sh; do
  [ -f "$script" ] || continue
  case " ${BENCH_SKIP:-} " in *" $(basename "$script" .sh) "*) echo "skipped $(basename "$script")" >&2; continue ;; esac
  run "$(basename "$script" .sh)" bash "$script" $QUICK
done

commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
{
  echo "Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(. /etc/os-release; echo "$PRETTY_NAME")"
  echo "Date: $(date -u +%Y-%m-%dT%H:%MZ)  Commit: $commit  Mode: ${QUICK:-full}"
  echo
  echo "| benchmark | figure | value |"
  echo "|---|---|---|"
  awk '{split($2, kv, "="); v=substr($0, index($0, "=") + 1); printf "| %s | %s | %s |\n", $1, kv[1], v}' "$raw"
} > "$OUT/results.md"
{
  echo "benchmark,figure,value,commit"
  awk -v c="$commit" '{split($2, kv, "="); v=substr($0, index($0, "=") + 1); gsub(/,/, ";", v); printf "%s,%s,%s,%s\n", $1, kv[1], v, c}' "$raw"
} > "$OUT/results.csv"
cat "$OUT/results.md"
