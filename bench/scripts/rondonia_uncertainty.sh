#!/usr/bin/env bash
# Issue 18, uncertainty on real data: GGMNet trained on the Rondonia datasets of bench/rondonia.sh (run that first,
# with RONDONIA_TRAIN_ARGS=--no-class-weights RONDONIA_OUT=bench/out/rondonia_nocw) with and without dropout, then
# GisBridge.Bench lithology-uncertainty: does the test-time-augmentation / Monte-Carlo-dropout uncertainty point at
# the wrong pixels (AUROC), and how accurate are the most and least certain halves?
# Usage: bench/scripts/rondonia_uncertainty.sh [DROPOUT] [MC_SAMPLES]   (build first: dotnet build bench/GisBridge.Bench -c Release)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/bench/out/rondonia_nocw"
BENCH_DLL="$ROOT/bench/GisBridge.Bench/bin/Release/net10.0/GisBridge.Bench.dll"
DROPOUT="${1:-0.2}"; SAMPLES="${2:-16}"
[ -d "$OUT/dataset" ] || { echo "no $OUT/dataset: run bench/rondonia.sh with RONDONIA_OUT=$OUT first" >&2; exit 1; }
gb() { "$ROOT/gisbridge" "$@"; }
gb ggmnet-train --dataset "$OUT/dataset" --model "$OUT/model_dropout" --arch ggmnet --epochs 400 --time-limit 2 --batch-size 8 \
  --no-class-weights --dropout "$DROPOUT" | tail -1
gb ggmnet-train --dataset "$OUT/dataset_disjoint" --model "$OUT/model_disjoint_dropout" --arch ggmnet --epochs 400 --time-limit 3 \
  --batch-size 8 --no-class-weights --dropout "$DROPOUT" | tail -1
for model in model_ggmnet model_dropout; do
  echo "spatial test area, $model:"; dotnet "$BENCH_DLL" lithology-uncertainty "$OUT/dataset" "$OUT/$model" --subset test --mc "$SAMPLES"
done
for model in model_disjoint_ggmnet model_disjoint_dropout; do
  echo "random validation tiles, $model:"; dotnet "$BENCH_DLL" lithology-uncertainty "$OUT/dataset_disjoint" "$OUT/$model" --subset val --mc "$SAMPLES"
done
