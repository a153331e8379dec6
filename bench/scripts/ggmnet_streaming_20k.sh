#!/usr/bin/env bash
# Streaming GGMNet inference on a 20,000 x 20,000 raster: peak RSS of `./gisbridge ggmnet-predict` (classes +
# confidence). The input is a synthetic gravity tile upsampled by GDAL (gdal_translate -outsize, tiled GeoTIFF).
# Memory is bounded by the width (one strip of window height and the probability accumulator), not the height.
# The model has random weights (memory and speed do not depend on them); CONFIG=tiny (default, so that the run
# takes minutes on 2 cores) or cpu-small (the trained CPU size).
# GDAL's block cache adds up to GDAL_CACHEMAX (default 5 % of RAM) on top: set e.g. GDAL_CACHEMAX=256 (MB) to bound it.
# Usage: bench/scripts/ggmnet_streaming_20k.sh [--quick]  (--quick: 20,000 x 2,000; HEIGHT=n for 20,000 x n). Prints key=value lines.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
W=20000; H="${HEIGHT:-20000}"; CONFIG="${CONFIG:-tiny}"; WINDOW="${WINDOW:-512}"; OVERLAP="${OVERLAP:-0.25}"
[ "${1:-}" = "--quick" ] && H=2000
WORK="${WORK:-$(mktemp -d)}"
trap 'rm -rf "$WORK"' EXIT
G="$ROOT/gisbridge"
BENCH="$ROOT/bench/GisBridge.Bench/bin/Release/net10.0/GisBridge.Bench.dll"

"$G" synth-gravity --output "$WORK/synth" --tiles 1 --size 256 --classes 6 --seed 3 > /dev/null 2>&1
tile="$(ls "$WORK"/synth/images/*.tif | head -n 1)"
gdal_translate -q -b 1 -outsize "$W" "$H" -r bilinear -co TILED=YES -co COMPRESS=DEFLATE -co BIGTIFF=YES "$tile" "$WORK/big.tif"
dotnet "$BENCH" ggmnet-random-model "$WORK/model" --config "$CONFIG" --channels 1 --classes 6 > /dev/null
/usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$G" ggmnet-predict --input "$WORK/big.tif" --model "$WORK/model" \
  --output "$WORK/litho.tif" --confidence "$WORK/conf.tif" --window "$WINDOW" --overlap "$OVERLAP" > "$WORK/predict.log" 2>&1
read -r wall rss < "$WORK/time.txt"
echo "raster=${W}x${H} window=$WINDOW overlap=$OVERLAP config=$CONFIG outputs=lithology+confidence gdal_cachemax=${GDAL_CACHEMAX:-default}"
echo "predict_wall_s=$wall"
echo "predict_max_rss_mb=$(( rss / 1024 ))"
echo "megapixels_per_s=$(awk -v w="$W" -v h="$H" -v t="$wall" 'BEGIN { printf "%.3f", w * h / 1e6 / t }')"
echo "output_check=$(gdalinfo "$WORK/litho.tif" 2>/dev/null | grep -m1 -o 'Size is [0-9, ]*')"
echo "load_average_1min=$(cut -d' ' -f1 /proc/loadavg)"
