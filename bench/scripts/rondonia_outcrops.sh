#!/usr/bin/env bash
# Issue 18: the outcrop-based validation on the real Rondonia (CPRM) case. The map's labels within RADIUS (degrees,
# default 0.01 = ~1.1 km = ~4 cells) of each of the 110 outcrops (target/afloramentos.gpkg) are hidden from every
# tile (ggmnet-dataset --holdout-points); GGMNet, the U-Net and per-pixel LightGBM train on the rest (tiles 24 x 24
# from 0.06-degree windows, stride 0.25, the seeded validation draw) and are scored at the outcrops against the map's
# unit there (ggmnet-evaluate --subset holdout; lithology-lightgbm --holdout).
# Reads ../shared/data (not redistributable); writes under bench/out/rondonia_outcrops. Budget: 2 wall minutes per network.
# Needs the bench project built (dotnet build bench/GisBridge.Bench -c Release).
# Usage: bench/scripts/rondonia_outcrops.sh [RADIUS]   (RONDONIA_TRAIN_ARGS adds options to ggmnet-train)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/bench/scripts/rondonia_inputs.sh"
radius="${1:-0.01}"
out="${RONDONIA_OUT:-$root/bench/out/rondonia_outcrops}"; rm -rf "$out"; mkdir -p "$out"
gb ggmnet-dataset "${base_and_channels[@]}" --geology "$data/target/Litologia.gpkg" \
  --class-field COD_UNI_ES --windows 0.06 --tile 24 --stride-fraction 0.25 \
  --holdout-points "$data/target/afloramentos.gpkg" --holdout-radius "$radius" \
  --output "$out/dataset" --report "$out/dataset.json"
for arch in ggmnet unet; do
  gb ggmnet-train --dataset "$out/dataset" --model "$out/model_$arch" --arch "$arch" --epochs 400 --time-limit 2 --batch-size 8 ${RONDONIA_TRAIN_ARGS:-}
  gb ggmnet-evaluate --dataset "$out/dataset" --model "$out/model_$arch" --subset holdout --window 24 --report "$out/eval_$arch.json"
done
dotnet "$root/bench/GisBridge.Bench/bin/Release/net10.0/GisBridge.Bench.dll" lithology-lightgbm "$out/dataset" "$out/eval_lightgbm.json" --holdout
/usr/bin/python3 "$root/bench/lithology_scores.py" "$out"/eval_*.json
