#!/usr/bin/env bash
# Regions benchmarks (issue 5): ML.NET k-means vs scikit-learn silhouette on the Gale 2013 matrix, and the
# reference task "Dupal (D8/4 > 40) without any Pb isotope", spatially blocked 5-fold CV. Prints key=value lines.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/bench/out/regions"
mkdir -p "$OUT"
dotnet build "$ROOT/bench/RegionsBench" -c Release -v quiet -nologo >&2
DLL="$ROOT/bench/RegionsBench/bin/Release/net10.0/RegionsBench.dll"
cd "$ROOT"
dotnet "$DLL" kmeans "$OUT" >&2
/usr/bin/python3 "$ROOT/bench/kmeans_vs_sklearn.py" "$OUT"
dotnet "$DLL" reference norank
dotnet "$DLL" reference norank lightgbm
dotnet "$DLL" reference norank location
