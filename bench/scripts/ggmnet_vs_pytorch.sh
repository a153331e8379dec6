#!/usr/bin/env bash
# GGMNet (CPU configuration) forward throughput, GisBridge (TorchSharp 0.107 / libtorch 2.10) against PyTorch
# (Debian python3-torch) with the same weights on the same tile, in one run; also the max |logit difference|.
# GisBridge runs with oneDNN off (OneDnnConvolutionGuard); PyTorch is timed with its defaults and with oneDNN off.
# The model is trained for one epoch on synthetic tiles: speed does not depend on how well it is trained.
# Usage: bench/scripts/ggmnet_vs_pytorch.sh [--quick]  (--quick: 256 px tile). Prints key=value lines (bench/run.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SIZE=512; REPEAT=5; THREADS="${THREADS:-2}"
[ "${1:-}" = "--quick" ] && { SIZE=256; REPEAT=2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
G="$ROOT/gisbridge"
BENCH="$ROOT/bench/GisBridge.Bench/bin/Release/net10.0/GisBridge.Bench.dll"
PY=/usr/bin/python3

"$G" synth-gravity --output "$WORK/train" --tiles 4 --size 128 --classes 6 --seed 1 > /dev/null 2>&1
"$G" ggmnet-train --dataset "$WORK/train" --output "$WORK/model" --epochs 1 --crop 96 > /dev/null 2>&1
ours="$(dotnet "$BENCH" ggmnet-forward "$WORK/model" "$WORK/io.safetensors" --size "$SIZE" --repeat "$REPEAT" --threads "$THREADS")"
torch_default="$("$PY" "$ROOT/bench/ggmnet_torch.py" bench "$WORK/model" "$WORK/io.safetensors" --deform grid_sample --repeat "$REPEAT" --threads "$THREADS")"
torch_nodnn="$("$PY" "$ROOT/bench/ggmnet_torch.py" bench "$WORK/model" "$WORK/io.safetensors" --deform grid_sample --repeat "$REPEAT" --threads "$THREADS" --no-mkldnn)"
field() { "$PY" -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
g="$(field "$ours" seconds_per_pass)"; t="$(field "$torch_default" seconds_per_pass)"; n="$(field "$torch_nodnn" seconds_per_pass)"
echo "tile=${SIZE}x${SIZE} channels=1 threads=$THREADS repeat=$REPEAT arch=ggmnet (cpu-small)"
echo "gisbridge_s_per_tile=$g"
echo "pytorch_s_per_tile=$t"
echo "pytorch_nomkldnn_s_per_tile=$n"
echo "throughput_ratio_vs_pytorch=$(awk -v a="$g" -v b="$t" 'BEGIN { printf "%.3f", b / a }')"
echo "throughput_ratio_vs_pytorch_nomkldnn=$(awk -v a="$g" -v b="$n" 'BEGIN { printf "%.3f", b / a }')"
echo "max_abs_logit_diff=$(field "$torch_default" max_abs_diff)"
echo "pytorch_version=$(field "$torch_default" torch)"
echo "load_average_1min=$(cut -d' ' -f1 /proc/loadavg)"
