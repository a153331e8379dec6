#!/usr/bin/env bash
# Issue 18: GGMNet and U-Net on the real Rondonia (CPRM) case with a spatially separated split.
# Reads ../shared/data (not redistributable); writes under bench/out/rondonia. Budget: 2-3 wall minutes per model.
# Needs the bench project built (dotnet build bench/GisBridge.Bench -c Release) for the LightGBM baseline.
# RONDONIA_TRAIN_ARGS adds options to every ggmnet-train (e.g. "--no-class-weights"); RONDONIA_OUT names the folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/scripts/rondonia_inputs.sh"
out="${RONDONIA_OUT:-$root/bench/out/rondonia}"; rm -rf "$out"; mkdir -p "$out"
gb ggmnet-dataset "${base_and_channels[@]}" --geology "$data/target/Litologia.gpkg" \
  --class-field COD_UNI_ES --windows 0.06 --tile 24 --stride-fraction 0.25 --spatial-test 0.25 --spatial-val 0.15 \
  --output "$out/dataset" --report "$out/dataset.json"
for arch in ggmnet unet; do
  gb ggmnet-train --dataset "$out/dataset" --model "$out/model_$arch" --arch "$arch" --epochs 400 --time-limit 2 --batch-size 8 ${RONDONIA_TRAIN_ARGS:-}
  gb ggmnet-evaluate --dataset "$out/dataset" --model "$out/model_$arch" --subset test --window 24 --report "$out/eval_$arch.json"
done
bench_dll="$root/bench/GisBridge.Bench/bin/Release/net10.0/GisBridge.Bench.dll"
# Per-pixel LightGBM (ML.NET) on the same spatial split (pixels of the train tiles -> pixels of the test tiles).
dotnet "$bench_dll" lithology-lightgbm "$out/dataset" "$out/eval_lightgbm.json"
# The peer's kind of validation: non-overlapping tiles, 30 % of all labelled pixels drawn at random as the test set.
gb ggmnet-dataset "${base_and_channels[@]}" --geology "$data/target/Litologia.gpkg" \
  --class-field COD_UNI_ES --windows 0.06 --tile 22 --stride-fraction 1 --output "$out/dataset_disjoint"
dotnet "$bench_dll" lithology-lightgbm "$out/dataset_disjoint" "$out/eval_lightgbm_random.json" --random-pixels 0.3
# GGMNet and U-Net on the non-overlapping tiles, scored on the seeded 15 % validation tiles (a random tile split).
for arch in ggmnet unet; do
  gb ggmnet-train --dataset "$out/dataset_disjoint" --model "$out/model_disjoint_$arch" --arch "$arch" --epochs 400 --time-limit 3 --batch-size 8 ${RONDONIA_TRAIN_ARGS:-}
  gb ggmnet-evaluate --dataset "$out/dataset_disjoint" --model "$out/model_disjoint_$arch" --subset val --window 22 --report "$out/eval_disjoint_$arch.json"
done
/usr/bin/python3 "$root/bench/lithology_scores.py" "$out"/eval_*.json
