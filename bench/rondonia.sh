#!/usr/bin/env bash
# Issue 18: GGMNet and U-Net on the real Rondonia (CPRM) case with a spatially separated split.
# Reads ../shared/data (not redistributable); writes under bench/out/rondonia. Budget: 2 CPU minutes per model.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${GISBRIDGE_SHARED_DATA:-$root/../shared/data}/lithology/rondonia-cprm"
out="$root/bench/out/rondonia"; rm -rf "$out"; mkdir -p "$out"
gb() { "$root/gisbridge" "$@"; }
channels=()
for f in Rondonia_Geof_Kperc Rondonia_Geof_eTh Rondonia_Geof_eU Rondonia_Geof_CT Rondonia_Geof_ThK Rondonia_Geof_ThU Rondonia_Geof_UK Landsat_RO; do
  channels+=(--channel "$data/features_tif/$f.tif")
done
gb ggmnet-dataset --gravity "$data/features_tif/srtm300m.tif" "${channels[@]}" --geology "$data/target/Litologia.gpkg" \
  --class-field COD_UNI_ES --windows 0.06 --tile 24 --stride-fraction 0.25 --spatial-test 0.25 --spatial-val 0.15 \
  --output "$out/dataset" --report "$out/dataset.json"
for arch in ggmnet unet; do
  gb ggmnet-train --dataset "$out/dataset" --model "$out/model_$arch" --arch "$arch" --epochs 400 --time-limit 2 --batch-size 8
  gb ggmnet-evaluate --dataset "$out/dataset" --model "$out/model_$arch" --subset test --window 24 --report "$out/eval_$arch.json"
done
/usr/bin/python3 "$root/bench/lithology_scores.py" "$out"/eval_*.json
