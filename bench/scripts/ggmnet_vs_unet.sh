#!/usr/bin/env bash
# GGMNet against the U-Net baseline on the synthetic forward-model benchmark (issue 6 acceptance), through the CLI:
# one dataset (`synth-gravity`, 160 tiles of 128x128, 6 classes, seed 1: 70/15/15 % train/val/test), both networks
# trained the same way (`ggmnet-train`: same epochs, crop, seed, loss, Adam -> SGD schedule, augmentation, one libtorch
# thread each) for the same wall-clock budget, side by side so that both see the same machine load; then
# `ggmnet-evaluate` on the test split. Minutes per network: $GISBRIDGE_LITHO_MINUTES (default 30; --quick: 2).
# Usage: bench/scripts/ggmnet_vs_unet.sh [--quick]. Prints key=value lines (bench/run.sh); logs in $KEEP if set.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MINUTES="${GISBRIDGE_LITHO_MINUTES:-30}"
TILES=160
EPOCHS=150
if [ "${1:-}" = "--quick" ]; then MINUTES=2; TILES=24; EPOCHS=20; fi
WORK="${KEEP:-$(mktemp -d)}"
mkdir -p "$WORK"
[ -z "${KEEP:-}" ] && trap 'rm -rf "$WORK"' EXIT
G="$ROOT/gisbridge"

"$G" synth-gravity --output "$WORK/data" --tiles "$TILES" --size 128 --classes 6 --seed 1 > "$WORK/synth.log" 2>&1
for arch in ggmnet unet; do
  /usr/bin/time -f '%e %M' -o "$WORK/$arch.time" "$G" ggmnet-train --dataset "$WORK/data" --output "$WORK/$arch" \
    --arch "$arch" --epochs "$EPOCHS" --time-limit "$MINUTES" --crop 96 --seed 1 > "$WORK/$arch.train.log" 2>&1 &
done
wait
echo "dataset=synthetic ${TILES} tiles 128x128, 6 classes, seed 1"
echo "budget_minutes_each=$MINUTES (both trained side by side, 1 libtorch thread each)"
for arch in ggmnet unet; do
  "$G" ggmnet-evaluate --dataset "$WORK/data" --model "$WORK/$arch" --subset test --window 128 \
    --report "$WORK/$arch.eval.json" > "$WORK/$arch.eval.log" 2>&1
  /usr/bin/python3 - "$WORK/$arch.eval.json" "$WORK/$arch/model.card.json" "$arch" "$WORK/$arch.time" <<'PY'
import json, sys
report, card, arch, timing = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3], open(sys.argv[4]).read().split()
def pick(d, *names):
    for n in names:
        for k, v in d.items():
            if k.lower().replace("_", "") == n.lower().replace("_", ""):
                return v
    return None
m = pick(report, "metrics") or report
print(f"{arch}_test_mpa_pct={100 * pick(m, 'mpa', 'meanPixelAccuracy'):.2f}")
print(f"{arch}_test_fwiou_pct={100 * pick(m, 'fwiou', 'frequencyWeightedIoU'):.2f}")
print(f"{arch}_test_miou_pct={100 * pick(m, 'miou', 'meanIoU'):.2f}")
print(f"{arch}_epochs_trained={card['epochsTrained']}")
print(f"{arch}_train_wall_s={timing[0]}")
print(f"{arch}_train_max_rss_mb={int(timing[1]) // 1024}")
PY
  echo "${arch}_stop=$(tail -n 1 "$WORK/$arch.train.log" | sed 's/;.*//')"
done
