#!/usr/bin/env bash
# The demo: every capability on the bundled samples, results in demo-output/. Called by `./gisbridge demo`
# after set-up; each step prints what it does and stops the demo on the first failure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/demo-output"
G="$ROOT/gisbridge"
S="$ROOT/samples"
mkdir -p "$OUT"
step() { printf '\n\033[1m--- %s\033[0m\n' "$*" >&2; }

step "server: versions and capabilities"
"$G" info | tee "$OUT/server-info.json"

echo
echo "demo results are in $OUT:"
ls -l "$OUT"
