# Sourced by the Rondonia benchmarks (bench/rondonia.sh, bench/scripts/rondonia_outcrops.sh) after they set `root`:
# `data` (the CPRM case in ../shared/data), `gb` (the CLI) and `base_and_channels` (SRTM as the base grid plus the
# 7 gamma-ray grids and the 5 Landsat bands as channels: the 13 inputs of every Rondonia experiment).
data="${GISBRIDGE_SHARED_DATA:-$root/../shared/data}/lithology/rondonia-cprm"
gb() { "$root/gisbridge" "$@"; }
base_and_channels=(--gravity "$data/features_tif/srtm300m.tif")
for f in Rondonia_Geof_Kperc Rondonia_Geof_eTh Rondonia_Geof_eU Rondonia_Geof_CT Rondonia_Geof_ThK Rondonia_Geof_ThU Rondonia_Geof_UK Landsat_RO; do
  base_and_channels+=(--channel "$data/features_tif/$f.tif")
done
