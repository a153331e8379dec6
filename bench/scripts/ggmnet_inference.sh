#!/usr/bin/env bash
# GGMNet CPU inference throughput: `./gisbridge ggmnet-predict` (512 px windows, 25 % overlap, confidence and
# entropy) on a 2048x2048 synthetic residual grid, whole process. The model is the small CPU configuration trained
# for one epoch on a few synthetic tiles: throughput does not depend on how well it is trained.
# Usage: bench/scripts/ggmnet_inference.sh [--quick]  (--quick: 1024x1024). Prints key=value lines (bench/run.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SIZE=2048
[ "${1:-}" = "--quick" ] && SIZE=1024
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
G="$ROOT/gisbridge"

"$G" synth-gravity --output "$WORK/train" --tiles 4 --size 128 --classes 6 --seed 1 > /dev/null 2>&1
"$G" ggmnet-train --dataset "$WORK/train" --output "$WORK/model" --epochs 1 --crop 96 > /dev/null 2>&1
"$G" synth-gravity --output "$WORK/big" --tiles 1 --size "$SIZE" --classes 6 --seed 2 > /dev/null 2>&1
input="$(ls "$WORK"/big/images/*.tif | head -n 1)"
/usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$G" ggmnet-predict --input "$input" --model "$WORK/model" \
  --output "$WORK/litho.tif" --confidence "$WORK/conf.tif" --entropy "$WORK/entropy.tif" > /dev/null 2>&1
read -r wall rss < "$WORK/time.txt"
echo "raster=${SIZE}x${SIZE}"
echo "window=512 overlap=0.25 arch=ggmnet (cpu-small)"
echo "predict_wall_s=$wall"
echo "predict_max_rss_mb=$(( rss / 1024 ))"
echo "megapixels_per_s=$(awk -v s="$SIZE" -v t="$wall" 'BEGIN { printf "%.3f", s * s / 1e6 / t }')"
echo "load_average_1min=$(cut -d' ' -f1 /proc/loadavg)"
