#!/usr/bin/env bash
# Upward continuation by 10 km of a synthetic 10800 x 5400 projected grid (1 km cells): GisBridge's CLI against
# GMT 6 `grdfft -C10000 -N+l` (and `grdmath` for GMT's residual), all under /usr/bin/time -v in the same run: both
# outputs, and the regional alone as grdfft makes it. Prints key=value lines for bench/run.sh.
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

# `sync` before each timed run: no run pays for the write-back of the previous one's output.
sync
/usr/bin/time -v -o "$WORK/gmt.time" gmt grdfft "$WORK/in.nc" -C10000 -N+l -G"$WORK/gmt_up.nc" >/dev/null 2>&1
# GMT's way to the residual: a second process subtracting the continued grid from the input.
sync
/usr/bin/time -v -o "$WORK/gmt_res.time" gmt grdmath "$WORK/in.nc" "$WORK/gmt_up.nc" SUB = "$WORK/gmt_res.nc" >/dev/null 2>&1
sync
/usr/bin/time -v -o "$WORK/gb.time" "$ROOT/gisbridge" upward-continuation --input "$WORK/in.nc" --height 10000 \
  --regional "$WORK/regional.tif" --residual "$WORK/residual.tif" >/dev/null 2>"$WORK/gb.err" \
  || { cat "$WORK/gb.err" >&2; exit 1; }
# Like for like with grdfft: the continued grid only.
sync
/usr/bin/time -v -o "$WORK/gb_reg.time" "$ROOT/gisbridge" upward-continuation --input "$WORK/in.nc" --height 10000 \
  --regional "$WORK/regional_only.tif" >/dev/null 2>"$WORK/gb.err" || { cat "$WORK/gb.err" >&2; exit 1; }

gb_wall="$(seconds "$WORK/gb.time")"; gmt_wall="$(seconds "$WORK/gmt.time")"
gb_reg_wall="$(seconds "$WORK/gb_reg.time")"; gmt_res_wall="$(seconds "$WORK/gmt_res.time")"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo "grid=${NX}x${NY} projected, 1000 m cells, h=10000 m"
echo "load_average_1min=$(cut -d' ' -f1 /proc/loadavg)"
echo "gisbridge_wall_s=$gb_wall"
echo "gisbridge_max_rss_mb=$(rss_mb "$WORK/gb.time")"
echo "gisbridge_outputs=regional + residual GeoTIFF ($(gdalinfo "$WORK/regional.tif" | awk -F= '/COMPRESSION/ {print $2}'))"
echo "gisbridge_regional_only_wall_s=$gb_reg_wall"
echo "gmt_grdfft_wall_s=$gmt_wall"
echo "gmt_grdfft_max_rss_mb=$(rss_mb "$WORK/gmt.time")"
echo "gmt_grdmath_residual_wall_s=$gmt_res_wall"
echo "wall_ratio_gisbridge_over_gmt=$(ratio "$gb_wall" "$gmt_wall")"
echo "wall_ratio_regional_only_over_grdfft=$(ratio "$gb_reg_wall" "$gmt_wall")"
echo "wall_ratio_both_over_grdfft_plus_grdmath=$(ratio "$gb_wall" "$(awk -v a="$gmt_wall" -v b="$gmt_res_wall" 'BEGIN {print a + b}')")"
# Agreement with GMT on the interior (10 % margins trimmed): RMS difference relative to the regional's RMS.
/usr/bin/python3 - "$WORK/regional.tif" "$WORK/gmt_up.nc" <<'PY' || echo "interior_rms_difference_vs_gmt=unavailable"
import sys
import numpy as np
from osgeo import gdal
ours = gdal.Open(sys.argv[1]).ReadAsArray().astype(np.float64)
gmt = gdal.Open(sys.argv[2]).ReadAsArray().astype(np.float64)  # GDAL shows both north-up
h, w = ours.shape
m = (slice(h // 10, h - h // 10), slice(w // 10, w - w // 10))
d = ours[m] - gmt[m]
print("interior_rms_difference_vs_gmt_percent=%.4f" % (100 * np.sqrt(np.mean(d ** 2)) / np.sqrt(np.mean(gmt[m] ** 2))))
# The input is three products of sines, each continued exactly by exp(-|k| h): the error of both against the truth.
x = np.arange(w) * 1000.0
y = (h - 1 - np.arange(h))[:, None] * 1000.0  # north-up rows
def term(amplitude, a, b, fx, fy):
    return amplitude * np.exp(-np.hypot(1 / a, 1 / b) * 10000.0) * fx(x / a)[None, :] * fy(y / b)
exact = term(20, 300000, 170000, np.sin, np.cos) + term(5, 40000, 27000, np.sin, np.cos) + term(1, 9000, 7000, np.cos, np.sin)
scale = np.sqrt(np.mean(exact[m] ** 2))
for name, grid in (("gisbridge", ours), ("gmt", gmt)):
    print("%s_interior_rms_error_vs_exact_percent=%.4f" % (name, 100 * np.sqrt(np.mean((grid[m] - exact[m]) ** 2)) / scale))
PY
