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

step "gravity: regional (upward continuation to 10 km) and residual of the V18 free-air grid"
"$G" upward-continuation --input "$S/gravity/grav.V18.par.surf.1km.sq.nc" --height 10000 \
  --regional "$OUT/regional_10km.tif" --residual "$OUT/residual_10km.tif"

step "gravity: edge detection of the residual (vertical derivative, total horizontal gradient, tilt)"
for kind in vertical thg tilt; do
  "$G" derivative --input "$OUT/residual_10km.tif" --kind "$kind" --output "$OUT/residual_${kind}.tif"
done

echo
echo "demo results are in $OUT:"
ls -l "$OUT"
