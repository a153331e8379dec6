#!/usr/bin/env bash
# Issue 17 acceptance figure: Dupal (D8/4 > 40) learnt from indicators with no Pb isotope, trained on the four
# shared geochemical files together (source = file), scored by leave-one-source-out CV with and without the
# "unknown" answer, beside blocked and leave-one-region-out CV; the balancing methods compared; scikit-learn's
# HistGradientBoostingClassifier on the same rows, features and folds as the peer figure.
# Usage: bench/scripts/issue17_dupal_loso.sh [out-folder]   (FEATURES=... to change the indicators)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DLL="$ROOT/src/Server/bin/Release/net10.0/GisBridge.Server.dll"
G="$ROOT/../shared/data/geochem"
OUT="${1:-/tmp/issue17-dupal}"
FEATURES="${FEATURES:-delta_sr,eps_nd,la_sm,sm_yb,nb_zr}"
mkdir -p "$OUT"
FILES=("$G/Gale_2013_MOR_Sample_Data.csv" "$G/georoc/KERGUELEN_PLATEAU.csv" "$G/georoc/WALVIS_RIDGE.csv" "$G/georoc/s_AMSTERDAM-ST_PAUL.csv")
RUNS="${RUNS:-weights calibrated isotonic unknown05 unknown10 unknown20 over over05 over10 peer}"
train() {
    local name=$1; shift
    [[ " $RUNS " == *" $name "* ]] || return 0
    dotnet "$DLL" classify train --input "${FILES[@]}" --label dupal --features "$FEATURES" \
        --model "$OUT/$name.zip" --report "$OUT/$name.json" "$@" >"$OUT/$name.log" 2>&1
    tail -1 "$OUT/$name.log"
}
uptime
train weights --compare-balancing --no-region-cv
train calibrated --calibrate --reliability-chart "$OUT/reliability.png" --no-region-cv
train isotonic --calibration isotonic --reliability-chart "$OUT/reliability-isotonic.png" --no-region-cv
train unknown05 --calibrate --unknown-rate 0.05
train unknown10 --calibrate --unknown-rate 0.10 --no-region-cv
train unknown20 --calibrate --unknown-rate 0.20 --no-region-cv
train over --resampling random-over --no-class-weights --no-region-cv
train over05 --resampling random-over --no-class-weights --unknown-rate 0.05 --no-region-cv
train over10 --resampling random-over --no-class-weights --unknown-rate 0.10
[[ " $RUNS " == *" peer "* ]] || exit 0
for f in "${FILES[@]}"; do
    name=$(basename "$f" .csv)
    dotnet "$DLL" indices --input "$f" --output "$OUT/indices-$name.gpkg" --csv "$OUT/indices-$name.csv" >/dev/null 2>&1
done
/usr/bin/python3 "$ROOT/bench/issue17_summary.py" "$OUT" "$FEATURES"
uptime
