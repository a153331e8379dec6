#!/usr/bin/env bash
# Issue 14: outputs identical in content before and after replacing the home-made I/O by GDAL/OGR and SQLite.
# Runs `indices` on a 100,000-row CSV (Gale rows repeated, as geochem_indices.sh makes it), the Gale file and the
# three GEOROC files, and `upward-continuation` (10 km) on the bundled V18 and mb grids and a GMT netCDF-4 grid; hashes the `ogrinfo -al`
# dump of each GeoPackage (the line naming the file removed) and the exact float32 pixels of each GeoTIFF.
# Compares the hashes with bench/expected/io_equivalence.sha256: the GeoPackage dumps were made by the pre-change code
# (commit 8f15a68); the continuation pixels by 11f87c1 (issue 15 changed the default edge treatment several times
# after 8f15a68, last to the order-2 predictor: a changed default is a new baseline, written with --write-expected).
# Needs gmt, ogrinfo, python3-gdal.
# Usage: bench/scripts/io_equivalence.sh [--server-dir DIR] [--write-expected] [--keep DIR]
#   --server-dir: a build output folder holding GisBridge.Server.dll (default: this tree's Release build);
#   --keep DIR: leave the dumps there (diff two runs' folders to see what changed).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVER_DIR="$ROOT/src/Server/bin/Release/net10.0"
EXPECTED="$ROOT/bench/expected/io_equivalence.sha256"
WRITE=0; KEEP=""
while [ $# -gt 0 ]; do
  case "$1" in
    --server-dir) SERVER_DIR="$2"; shift 2 ;;
    --write-expected) WRITE=1; shift ;;
    --keep) KEEP="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$SERVER_DIR/GisBridge.Server.dll" ] || { echo "no GisBridge.Server.dll in $SERVER_DIR" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
OUT="${KEEP:-$WORK/dumps}"; mkdir -p "$OUT"
gb() { DOTNET_TC_CallCountingDelayMs=0 dotnet "$SERVER_DIR/GisBridge.Server.dll" "$@" > /dev/null 2>> "$WORK/log" \
  || { cat "$WORK/log" >&2; exit 1; }; }

GALE="$ROOT/samples/geochem/Gale_2013_MOR_Sample_Data.csv"
awk -v rows=100000 'NR == 1 { print; next } { line[n++] = $0 } END { for (i = 0; i < rows; i++) print line[i % n] }' \
  "$GALE" > "$WORK/gale_100000.csv"
declare -A TABLES=(
  [gale_100000]="$WORK/gale_100000.csv"
  [gale]="$GALE"
  [georoc_kerguelen]="$ROOT/samples/geochem/georoc/KERGUELEN_PLATEAU.csv"
  [georoc_walvis]="$ROOT/samples/geochem/georoc/WALVIS_RIDGE.csv"
  [georoc_amsterdam]="$ROOT/samples/geochem/georoc/s_AMSTERDAM-ST_PAUL.csv"
)
for name in $(printf '%s\n' "${!TABLES[@]}" | sort); do
  gb indices --input "${TABLES[$name]}" --output "$WORK/$name.gpkg"
  ogrinfo -ro -al "$WORK/$name.gpkg" | grep -v '^INFO: Open of' > "$OUT/$name.ogrinfo"
done
# A netCDF-4 grid as GMT writes it (chunked, deflated), like the continuation benchmark's input, 1080 x 540.
export GMT_TMPDIR="$WORK" GMT_USERDIR="$WORK"
gmt grdmath -R0/1079000/0/539000 -I1000 X 300000 DIV SIN Y 170000 DIV COS MUL 20 MUL \
  X 9000 DIV COS Y 7000 DIV SIN MUL ADD = "$WORK/gmt_synthetic.nc"
cp "$ROOT"/samples/gravity/*.nc "$WORK/"
for grid in grav.V18.par.surf.1km.sq mb.par.surf.1km.sq gmt_synthetic; do
  # The edge treatment is pinned (tapered zeros after a border-plane detrend, the default until issue 15 made
  # max-entropy padding the default): this script checks I/O, not the choice of algorithm.
  gb upward-continuation --input "$WORK/$grid.nc" --height 10000 --padding zero \
    --regional "$WORK/${grid}_regional.tif" --residual "$WORK/${grid}_residual.tif"
  for part in regional residual; do
    /usr/bin/python3 - "$WORK/${grid}_$part.tif" > "$OUT/${grid}_$part.pixels" <<'PY'
import sys
import numpy as np
from osgeo import gdal
ds = gdal.Open(sys.argv[1])
b = ds.GetRasterBand(1)
a = b.ReadAsArray().astype(np.float32)
print("size", ds.RasterXSize, ds.RasterYSize, "geotransform", ds.GetGeoTransform(), "nodata", b.GetNoDataValue())
print("crs", ds.GetSpatialRef().ExportToProj4() if ds.GetSpatialRef() else None)
print("pixels_sha256", __import__("hashlib").sha256(a.tobytes()).hexdigest(), "nan", int(np.isnan(a).sum()))
PY
  done
done
(cd "$OUT" && sha256sum -- *.ogrinfo *.pixels) > "$WORK/actual.sha256"
if [ "$WRITE" = 1 ]; then cp "$WORK/actual.sha256" "$EXPECTED"; echo "wrote $EXPECTED"; exit 0; fi
if diff "$EXPECTED" "$WORK/actual.sha256"; then
  echo "io_equivalence=identical ($(wc -l < "$EXPECTED") outputs)"
else
  echo "io_equivalence=DIFFERENT (lines above: < expected, > this build)" >&2; exit 1
fi
