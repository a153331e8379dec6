#!/usr/bin/env bash
# Geochemistry benchmark: `./gisbridge indices` on 100,000 rows (Gale et al. 2013 rows repeated), whole process
# (start-up, import, indices, GeoPackage write). Target from issue 4: import + indices < 1 s.
# Usage: bench/scripts/geochem_indices.sh [--quick]  (--quick: 20,000 rows). Prints key=value lines (bench/run.sh).
# Build first (./gisbridge demo or dotnet build -c Release).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROWS=100000
[ "${1:-}" = "--quick" ] && ROWS=20000
REPEAT=3
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
SRC="$ROOT/samples/geochem/Gale_2013_MOR_Sample_Data.csv"
INPUT="$WORK/gale_${ROWS}.csv"

# Header once, then the 3,218 data rows repeated until ROWS rows.
awk -v rows="$ROWS" 'NR == 1 { print; next } { line[n++] = $0 } END { for (i = 0; i < rows; i++) print line[i % n] }' "$SRC" > "$INPUT"

walls=(); cpus=()
for i in $(seq 1 "$REPEAT"); do
  rm -f "$WORK/out.gpkg" "$WORK/report.json"
  /usr/bin/time -f '%e %U %S' -o "$WORK/time.txt" \
    "$ROOT/gisbridge" indices --input "$INPUT" --output "$WORK/out.gpkg" --report "$WORK/report.json" > /dev/null 2>&1
  read -r wall user sys < "$WORK/time.txt"
  walls+=("$wall"); cpus+=("$(echo "$user + $sys" | bc)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
stage() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['timings'].get(sys.argv[2], ''))" "$WORK/report.json" "$1"; }

echo "rows=$ROWS"
echo "input_mb=$(du -m "$INPUT" | cut -f1)"
echo "features_written=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['output_rows'])" "$WORK/report.json")"
echo "whole_process_wall_s_median=$(median "${walls[@]}")"
echo "whole_process_wall_s_best=$(printf '%s\n' "${walls[@]}" | sort -g | head -1)"
echo "whole_process_cpu_s_median=$(median "${cpus[@]}")"
for s in read indices layer write_gpkg; do
  echo "${s}_ms_last=$(stage ${s}_ms)"
  echo "${s}_cpu_ms_last=$(stage ${s}_cpu_ms)"
done
echo "load_average=$(cut -d' ' -f1 /proc/loadavg)"
