#!/usr/bin/env bash
# The TorchSharp 0.107 temporary-Scalar race (see src/Algorithms/Common/HeldScalars.cs): small additions beside an
# allocating thread, with TorchSharp's operator and with HeldScalars.Plus, three runs each; prints how many
# additions each ran and the error that ended it (none = ran the whole time).
# Usage: bench/scripts/scalar_race.sh [SECONDS]   (build first: dotnet build bench/GisBridge.Bench -c Release)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_DLL="$ROOT/bench/GisBridge.Bench/bin/Release/net10.0/GisBridge.Bench.dll"
SECONDS_EACH="${1:-20}"
for run in 1 2 3; do
  for mode in temporary held; do
    echo "run=$run"
    dotnet "$BENCH_DLL" scalar-race --mode "$mode" --seconds "$SECONDS_EACH"
  done
done
