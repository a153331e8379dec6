#!/usr/bin/env bash
# Issue 14: `./gisbridge indices` (start-up, CSV import, indices, GeoPackage through OGR) on 100,000 rows against
# `ogr2ogr -f GPKG` converting the same CSV to a point layer (X/Y columns, types detected), alternating runs in the
# same minutes. Optionally a second GisBridge build (--old-server-dir, e.g. a copy of the pre-change build output)
# joins the alternation. Prints key=value lines (medians of REPEAT runs) and the load average.
# Usage: bench/scripts/geochem_vs_ogr2ogr.sh [--repeat N] [--old-server-dir DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REPEAT=5; OLD=""
while [ $# -gt 0 ]; do
  case "$1" in
    --repeat) REPEAT="$2"; shift 2 ;;
    --old-server-dir) OLD="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
INPUT="$WORK/gale_100000.csv"
awk -v rows=100000 'NR == 1 { print; next } { line[n++] = $0 } END { for (i = 0; i < rows; i++) print line[i % n] }' \
  "$ROOT/samples/geochem/Gale_2013_MOR_Sample_Data.csv" > "$INPUT"
export DOTNET_TC_CallCountingDelayMs=0   # as the launcher sets it

timed() {  # name, command...: appends the wall seconds to $WORK/name.times
  local name="$1"; shift
  rm -f "$WORK/out.gpkg"
  /usr/bin/time -f '%e' -o "$WORK/t" "$@" > /dev/null 2>&1 || { echo "$name failed" >&2; "$@" >&2; exit 1; }
  cat "$WORK/t" >> "$WORK/$name.times"
}
for i in $(seq 1 "$REPEAT"); do
  timed gisbridge dotnet "$ROOT/src/Server/bin/Release/net10.0/GisBridge.Server.dll" indices --input "$INPUT" --output "$WORK/out.gpkg"
  timed ogr2ogr ogr2ogr -f GPKG "$WORK/out.gpkg" "$INPUT" -nln samples -a_srs EPSG:4326 \
    -oo X_POSSIBLE_NAMES=Longitude -oo Y_POSSIBLE_NAMES=Latitude -oo AUTODETECT_TYPE=YES
  [ -n "$OLD" ] && timed gisbridge_old dotnet "$OLD/GisBridge.Server.dll" indices --input "$INPUT" --output "$WORK/out.gpkg"
done
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
g="$(median "$WORK/gisbridge.times")"; o="$(median "$WORK/ogr2ogr.times")"
echo "rows=100000 repeat=$REPEAT"
echo "gisbridge_indices_wall_s_median=$g"
echo "ogr2ogr_gpkg_wall_s_median=$o"
echo "ratio_gisbridge_over_ogr2ogr=$(awk -v a="$g" -v b="$o" 'BEGIN {printf "%.2f", a / b}')"
if [ -n "$OLD" ]; then
  p="$(median "$WORK/gisbridge_old.times")"
  echo "gisbridge_old_indices_wall_s_median=$p"
  echo "ratio_new_over_old=$(awk -v a="$g" -v b="$p" 'BEGIN {printf "%.2f", a / b}')"
fi
echo "load_average=$(cut -d' ' -f1-3 /proc/loadavg)"
