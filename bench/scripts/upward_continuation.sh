#!/usr/bin/env bash
# Upward continuation by 10 km of a synthetic 10800 x 5400 projected grid (1 km cells): GisBridge's CLI against
# GMT 6 `grdfft -C10000 -N+l`, both under /usr/bin/time -v in the same run. Prints key=value lines for bench/run.sh.
# Usage: bench/scripts/upward_continuation.sh [--quick]   (--quick: 2700 x 1350)
# Needs: the Release build (./gisbridge demo or dotnet build -c Release), gmt, /usr/bin/time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ "${1:-}" = "--quick" ]; then NX=2700; NY=1350; else NX=10800; NY=5400; fi
command -v gmt >/dev/null || { echo "gmt is not on PATH" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export GMT_TMPDIR="$WORK" GMT_USERDIR="$WORK"

# Smooth regional waves plus shorter anomalies, float32 netCDF, gridline nodes every 1000 m.
gmt grdmath -R0/$(( (NX - 1) * 1000 ))/0/$(( (NY - 1) * 1000 )) -I1000 \
  X 300000 DIV SIN Y 170000 DIV COS MUL 20 MUL X 40000 DIV SIN Y 27000 DIV COS MUL 5 MUL ADD \
  X 9000 DIV COS Y 7000 DIV SIN MUL ADD = "$WORK/in.nc"

seconds() {  # wall clock from a /usr/bin/time -v report, in seconds
  awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$1"
}
rss_mb() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$1"; }

/usr/bin/time -v -o "$WORK/gmt.time" gmt grdfft "$WORK/in.nc" -C10000 -N+l -G"$WORK/gmt_up.nc" >/dev/null 2>&1
/usr/bin/time -v -o "$WORK/gb.time" "$ROOT/gisbridge" upward-continuation --input "$WORK/in.nc" --height 10000 \
  --regional "$WORK/regional.tif" --residual "$WORK/residual.tif" >/dev/null 2>"$WORK/gb.err" \
  || { cat "$WORK/gb.err" >&2; exit 1; }

gb_wall="$(seconds "$WORK/gb.time")"; gmt_wall="$(seconds "$WORK/gmt.time")"
echo "grid=${NX}x${NY} projected, 1000 m cells, h=10000 m"
echo "load_average_1min=$(cut -d' ' -f1 /proc/loadavg)"
echo "gisbridge_wall_s=$gb_wall"
echo "gisbridge_max_rss_mb=$(rss_mb "$WORK/gb.time")"
echo "gisbridge_outputs=regional + residual GeoTIFF"
echo "gmt_grdfft_wall_s=$gmt_wall"
echo "gmt_grdfft_max_rss_mb=$(rss_mb "$WORK/gmt.time")"
echo "wall_ratio_gisbridge_over_gmt=$(awk -v a="$gb_wall" -v b="$gmt_wall" 'BEGIN {printf "%.2f", a / b}')"
