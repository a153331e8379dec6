#!/usr/bin/env bash
# Issue 14: the continuation benchmark's GisBridge run (10800 x 5400 netCDF-4 grid as upward_continuation.sh makes
# it, regional + residual GeoTIFFs) with this tree's build and another build (--old-server-dir, e.g. a copy of the
# pre-change build output), alternating in the same minutes. Prints medians, their ratio and the load average.
# Usage: bench/scripts/continuation_old_vs_new.sh --old-server-dir DIR [--repeat N] [--quick]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REPEAT=3; OLD=""; NX=10800; NY=5400
while [ $# -gt 0 ]; do
  case "$1" in
    --repeat) REPEAT="$2"; shift 2 ;;
    --old-server-dir) OLD="$2"; shift 2 ;;
    --quick) NX=2700; NY=1350; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$OLD/GisBridge.Server.dll" ] || { echo "--old-server-dir DIR with GisBridge.Server.dll is required" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export GMT_TMPDIR="$WORK" GMT_USERDIR="$WORK" DOTNET_TC_CallCountingDelayMs=0
gmt grdmath -R0/$(( (NX - 1) * 1000 ))/0/$(( (NY - 1) * 1000 )) -I1000 \
  X 300000 DIV SIN Y 170000 DIV COS MUL 20 MUL X 40000 DIV SIN Y 27000 DIV COS MUL 5 MUL ADD \
  X 9000 DIV COS Y 7000 DIV SIN MUL ADD = "$WORK/in.nc"
run() {  # name, server dir
  rm -f "$WORK"/regional.tif "$WORK"/residual.tif; sync
  /usr/bin/time -f '%e' -o "$WORK/t" dotnet "$2/GisBridge.Server.dll" upward-continuation --input "$WORK/in.nc" \
    --height 10000 --regional "$WORK/regional.tif" --residual "$WORK/residual.tif" > /dev/null 2>&1
  cat "$WORK/t" >> "$WORK/$1.times"
}
for i in $(seq 1 "$REPEAT"); do
  run old "$OLD"
  run new "$ROOT/src/Server/bin/Release/net10.0"
done
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
o="$(median "$WORK/old.times")"; n="$(median "$WORK/new.times")"
echo "grid=${NX}x${NY} repeat=$REPEAT"
echo "old_wall_s=$(paste -sd' ' "$WORK/old.times") median=$o"
echo "new_wall_s=$(paste -sd' ' "$WORK/new.times") median=$n"
echo "ratio_new_over_old=$(awk -v a="$n" -v b="$o" 'BEGIN {printf "%.3f", a / b}')"
echo "load_average=$(cut -d' ' -f1-3 /proc/loadavg)"
