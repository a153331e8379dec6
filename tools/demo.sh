#!/usr/bin/env bash
# The demo: every capability on the bundled samples, results in demo-output/. Called by `./gisbridge demo`
# after set-up; each step prints what it does and stops the demo on the first failure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/demo-output"
G="$ROOT/gisbridge"
S="$ROOT/samples"
mkdir -p "$OUT"
step() { printf '\n\033[1m--- %s\033[0m\n' "$*" >&2; }

step "server: versions and capabilities"
"$G" info | tee "$OUT/server-info.json"

step "gravity: radial power spectrum of the V18 grid, source depths and a suggested separation height"
"$G" radial-spectrum --input "$S/gravity/grav.V18.par.surf.1km.sq.nc" --output "$OUT/v18_spectrum.png" \
  --report "$OUT/v18_spectrum_report.json"

step "gravity: regional (upward continuation to 10 km) and residual of the V18 free-air grid"
"$G" upward-continuation --input "$S/gravity/grav.V18.par.surf.1km.sq.nc" --height 10000 \
  --regional "$OUT/regional_10km.tif" --residual "$OUT/residual_10km.tif"

step "gravity: edge detection of the residual (vertical derivative, THDR, tilt, analytic signal, TDX)"
for kind in vertical thg tilt analytic-signal tdx; do
  "$G" derivative --input "$OUT/residual_10km.tif" --kind "$kind" --output "$OUT/residual_${kind}.tif"
done

step "gravity: Butterworth band-pass of the V18 grid keeping 5-40 km wavelengths; NE-striking features (045) kept"
"$G" band-pass --input "$S/gravity/grav.V18.par.surf.1km.sq.nc" --shape butterworth --long-cutoff-km 40 \
  --short-cutoff-km 5 --output "$OUT/v18_bandpass_5_40km.tif"
"$G" directional-filter --input "$S/gravity/grav.V18.par.surf.1km.sq.nc" --strike 45 --output "$OUT/v18_strike_045.tif"

step "geochemistry: import the Gale et al. (2013) ridge basalts, anomaly indices (Dupal D7/4, D8/4, DSr, Mg#, Na8, ...)"
"$G" indices --input "$S/geochem/Gale_2013_MOR_Sample_Data.csv" --output "$OUT/gale_indices.gpkg" \
  --csv "$OUT/gale_indices.csv" --report "$OUT/gale_import_report.json"
"$G" indices --input "$S/geochem/georoc/KERGUELEN_PLATEAU.csv" --output "$OUT/kerguelen_indices.gpkg" \
  --report "$OUT/kerguelen_import_report.json"

step "regions: clusters of the samples in isotope / trace-ratio space (k chosen by silhouette), region polygons"
"$G" cluster --input "$OUT/gale_indices.gpkg" --k-range 2-8 --output "$OUT/gale_clusters.gpkg" \
  --regions "$OUT/gale_cluster_regions.gpkg" --centroids "$OUT/gale_cluster_centroids.csv" --report "$OUT/gale_clusters.json"

step "regions: Dupal (D8/4 > 40) classifier without any Pb isotope, spatially blocked CV, indicator ranking"
"$G" classify train --input "$OUT/gale_indices.gpkg" --label dupal \
  --features delta_sr,eps_nd,la_sm,sm_yb,nb_zr,mgo,na2o --rank \
  --model "$OUT/dupal_classifier.zip" --report "$OUT/dupal_classifier.json"
"$G" classify predict --input "$OUT/kerguelen_indices.gpkg" --model "$OUT/dupal_classifier.zip" \
  --output "$OUT/kerguelen_dupal_predicted.gpkg"

step "regions: Dupal boundary along each ridge (change points of D8/4) and along-ridge profiles"
"$G" boundary --input "$OUT/gale_indices.gpkg" --index delta_8_4 --group-field ridge \
  --output "$OUT/dupal_boundary.gpkg" --report "$OUT/dupal_boundary.json"
# One panel column per ridge (SWIR, CIR, SEIR: the Gale ridge field names them), distance along each axis from its
# named triple junction, Dupal threshold and NHRL lines, change points with their bootstrap intervals.
"$G" profile --input "$OUT/gale_indices.gpkg" --index delta_8_4,delta_7_4,delta_sr,mg_number,na8 --group-field ridge \
  --title "Gale et al. (2013)" --output "$OUT/ridge_profiles.png" --report "$OUT/ridge_profiles.json"

step "analysis: ETOPO1 depth and residual gravity (EIGEN-6C4 at 10 km minus its 10 km upward continuation) at the Gale samples, correlated with the Dupal indices per ridge"
# The shared global grids (../shared/data/PROVENANCE.md): gravity is the magnitude at 10 km, not an anomaly; the
# residual of a 10 km continuation removes most of the normal gravity but leaves a smooth latitude remainder (about
# -7 mGal at the equator to +30 mGal at 60 degrees along 150 W). The duplicated 180 column is dropped and the CRS
# (WGS 84, stated only as an attribute in the file) assigned before the FFT.
GLOBAL="${GISBRIDGE_SHARED_DATA:-$ROOT/../shared/data}/gravity/global-10arcmin"
if [ -d "$GLOBAL" ]; then
  gdal_translate -q -a_srs EPSG:4326 -srcwin 0 0 2160 1081 "$GLOBAL/earth-gravity-10arcmin.nc" "$OUT/earth_gravity_10km.tif"
  "$G" upward-continuation --input "$OUT/earth_gravity_10km.tif" --height 10000 --residual "$OUT/earth_gravity_residual.tif"
  "$G" sample-rasters --input "$OUT/gale_indices.gpkg" --raster "$GLOBAL/earth-topography-10arcmin.nc" \
    --raster "$OUT/earth_gravity_residual.tif" --field topography_m,residual_gravity_mgal --group-field ridge \
    --output "$OUT/gale_geophysics.gpkg" --correlation "$OUT/gale_geophysics_correlation.csv" --report "$OUT/gale_geophysics.json"
else
  echo "not run: $GLOBAL is missing (the shared real data, ../shared/data beside the clone, or set GISBRIDGE_SHARED_DATA)" >&2
fi

step "lithology inputs on real gravity: EIGEN-6C4 + ETOPO1 to a simple Bouguer anomaly over the paper's box (E65-95, N40-55), residual at 10 km and its derivatives, mapped by the synthetic-trained model"
# The nodes 65..95 E, 40..55 N of the shared 10' grids (node i is at -180 + i/6 degrees; the file's origin is the cell
# edge). Gravity is the magnitude at 10 km height, so the disturbance is taken at 10 km; ocean-free, so the slab uses
# 2670 kg/m3 throughout. The bundled model learnt 1 km synthetic cells; these are ~15 km, and its report says so.
if [ -d "$GLOBAL" ]; then
  BOX=(-a_srs EPSG:4326 -srcwin 1470 210 181 91)
  gdal_translate -q "${BOX[@]}" "$GLOBAL/earth-gravity-10arcmin.nc" "$OUT/box_gravity_10km.tif"
  gdal_translate -q "${BOX[@]}" "$GLOBAL/earth-topography-10arcmin.nc" "$OUT/box_topography.tif"
  "$G" gravity-disturbance --input "$OUT/box_gravity_10km.tif" --height 10000 --output "$OUT/box_disturbance.tif"
  "$G" bouguer-anomaly --input "$OUT/box_disturbance.tif" --topography "$OUT/box_topography.tif" \
    --output "$OUT/box_bouguer.tif" --report "$OUT/box_bouguer.json"
  "$G" upward-continuation --input "$OUT/box_bouguer.tif" --height 10000 --residual "$OUT/box_residual_10km.tif"
  # The model's derivative channels are in mGal/km; the derivative verb writes mGal/m.
  for kind in vertical thg; do
    "$G" derivative --input "$OUT/box_residual_10km.tif" --kind "$kind" --output "$OUT/box_residual_${kind}_per_m.tif"
    gdal_translate -q -ot Float32 -scale 0 1 0 1000 "$OUT/box_residual_${kind}_per_m.tif" "$OUT/box_residual_${kind}.tif"
  done
  gdalbuildvrt -q -separate "$OUT/box_channels.vrt" "$OUT/box_residual_10km.tif" "$OUT/box_residual_vertical.tif" \
    "$OUT/box_residual_thg.tif"
  "$G" ggmnet-predict --input "$OUT/box_channels.vrt" --model "$S/models/ggmnet-synthetic" --window 96 --overlap 0.5 \
    --output "$OUT/box_lithology.tif" --confidence "$OUT/box_lithology_confidence.tif" \
    --report "$OUT/box_lithology.json"
else
  echo "not run: $GLOBAL is missing" >&2
fi

step "lithology inputs on real gravity: southern Africa, 14,359 ground stations to a Bouguer grid (GDAL inverse distance, cells over 25 km from a station masked) and its 10 km residual"
STATIONS="${GISBRIDGE_SHARED_DATA:-$ROOT/../shared/data}/gravity/south-africa/southern-africa-gravity.csv.xz"
if [ -f "$STATIONS" ]; then
  "$G" grid-stations --stations "$STATIONS" --output "$OUT/sa_bouguer.tif" --report "$OUT/sa_bouguer.json"
  "$G" upward-continuation --input "$OUT/sa_bouguer.tif" --height 10000 --residual "$OUT/sa_residual_10km.tif"
else
  echo "not run: $STATIONS is missing" >&2
fi

step "analysis: PCA of the Gale major oxides (centred log-ratios) and of the Sr-Nd-Pb isotope ratios (standardised)"
"$G" pca --input "$OUT/gale_indices.gpkg" --transform clr --group-field ridge --output "$OUT/gale_pca_clr.gpkg" \
  --chart "$OUT/gale_pca_clr.png" --report "$OUT/gale_pca_clr.json"
"$G" pca --input "$OUT/gale_indices.gpkg" --transform standardise --group-field ridge --output "$OUT/gale_pca_isotopes.gpkg" \
  --chart "$OUT/gale_pca_isotopes.png" --report "$OUT/gale_pca_isotopes.json"

step "analysis: isotope diagrams of the Gale samples (NHRL of Hart 1984, 4.55 Ga geochron), coloured by ridge"
"$G" isotope-diagram --input "$OUT/gale_indices.gpkg" --color-field ridge \
  --title "Ridge basalts (Gale et al. 2013)" --output "$OUT/gale_isotope_diagrams.png"

step "analysis: Indian Ocean ridge basalts with the mantle end-members (isotope diagrams, end-member proportions)"
INDIAN="$OUT/indian_ridges.gpkg"
ogr2ogr -overwrite -f GPKG -where "ridge IN ('SWIR','CIRR','SEIR')" "$INDIAN" "$OUT/gale_indices.gpkg" samples
"$G" isotope-diagram --input "$INDIAN" --color-field ridge \
  --title "Indian Ocean ridge basalts (Gale et al. 2013) and mantle end-members" --output "$OUT/indian_isotope_diagrams.png"
"$G" end-members --input "$INDIAN" --output "$OUT/indian_end_members.gpkg" --report "$OUT/indian_end_members.json"

step "lithology: synthetic forward-model tiles (known truth), scored and mapped by the bundled GGMNet model"
"$G" synth-gravity --output "$OUT/synthetic" --tiles 3 --size 256 --classes 6 --seed 7 --report "$OUT/synthetic.json"
"$G" ggmnet-evaluate --dataset "$OUT/synthetic" --model "$S/models/ggmnet-synthetic" --subset train \
  --report "$OUT/ggmnet_evaluation.json"
TILE="$(ls "$OUT"/synthetic/images/*.tif | head -n 1)"
"$G" ggmnet-predict --input "$TILE" --model "$S/models/ggmnet-synthetic" --output "$OUT/lithology.tif" \
  --confidence "$OUT/lithology_confidence.tif" --entropy "$OUT/lithology_entropy.tif"

step "lithology on real data: the Rondonia (CPRM) map and rasters, GGMNet with dropout trained for a minute, mapped with its Monte-Carlo-dropout uncertainty"
# ../shared/data/PROVENANCE.md: SRTM, 7 gamma-ray grids and 5 Landsat bands on one 185 x 92 grid, labels from the
# 1:250k map, units by SIGLA_UNID in the map's own colours (unit_colors.csv). Non-overlapping 22-cell tiles (the
# peer plugin's kind of split), no class weights.
RONDONIA="${GISBRIDGE_SHARED_DATA:-$ROOT/../shared/data}/lithology/rondonia-cprm"
if [ -d "$RONDONIA" ]; then
  F="$RONDONIA/features_tif"
  GAMMA=(Rondonia_Geof_Kperc Rondonia_Geof_eTh Rondonia_Geof_eU Rondonia_Geof_CT Rondonia_Geof_ThK Rondonia_Geof_ThU Rondonia_Geof_UK)
  CHANNELS=(); GAMMA_FILES=()
  for g in "${GAMMA[@]}"; do CHANNELS+=(--channel "$F/$g.tif"); GAMMA_FILES+=("$F/$g.tif"); done
  "$G" ggmnet-dataset --gravity "$F/srtm300m.tif" "${CHANNELS[@]}" --channel "$F/Landsat_RO.tif" \
    --geology "$RONDONIA/target/Litologia.gpkg" --class-field SIGLA_UNID --class-colors "$RONDONIA/unit_colors.csv" \
    --windows 0.06 --tile 22 --stride-fraction 1 \
    --output "$OUT/rondonia_dataset" --report "$OUT/rondonia_dataset.json"
  "$G" ggmnet-train --dataset "$OUT/rondonia_dataset" --model "$OUT/rondonia_model" --epochs 400 --time-limit 1 \
    --batch-size 8 --no-class-weights --dropout 0.2 --report "$OUT/rondonia_training.json" | tail -n 1
  # The same 13 bands, in the dataset's order, as one raster to predict (a VRT: nothing is copied).
  LANDSAT=()
  for b in 1 2 3 4 5; do
    gdal_translate -q -of VRT -b "$b" "$F/Landsat_RO.tif" "$OUT/rondonia_landsat_$b.vrt"
    LANDSAT+=("$OUT/rondonia_landsat_$b.vrt")
  done
  gdalbuildvrt -q -separate "$OUT/rondonia_bands.vrt" "$F/srtm300m.tif" "${GAMMA_FILES[@]}" "${LANDSAT[@]}"
  "$G" ggmnet-predict --input "$OUT/rondonia_bands.vrt" --model "$OUT/rondonia_model" --window 22 --overlap 0.5 \
    --output "$OUT/rondonia_lithology.tif" --uncertainty "$OUT/rondonia_uncertainty.tif" --mc-dropout 16
else
  echo "not run: $RONDONIA is missing (the shared real data, ../shared/data beside the clone, or set GISBRIDGE_SHARED_DATA)" >&2
fi

step "QGIS: the same upward continuation through the plugin's Processing algorithm (qgis_process)"
QT_QPA_PLATFORM=offscreen qgis_process.bin run gisbridge:upwardcontinuation -- \
  INPUT="$S/gravity/grav.V18.par.surf.1km.sq.nc" HEIGHT=10000 \
  REGIONAL="$OUT/qgis_regional_10km.tif" RESIDUAL="$OUT/qgis_residual_10km.tif" 2>&1 | grep -v -e '^QStandardPaths' -e 'DeprecationWarning'

step "QGIS: maps of the results (QgsMapRendererParallelJob, the plugin's styles)"
R="/usr/bin/python3 $ROOT/tools/render_demo_map.py"
WORLD="/usr/share/qgis/resources/data/world_map.gpkg|layername=countries"
$R "$OUT/map_residual_gravity.png" "Residual gravity: V18 free-air minus its 10 km upward continuation (mGal)" \
  "$OUT/residual_10km.tif::diverging"
$R --extent 20,-65,150,15 "$OUT/map_dupal.png" "Indian Ocean ridge basalts (Gale et al. 2013): D8/4 (Hart 1984)" \
  "$WORLD::basemap" "$OUT/gale_indices.gpkg|layername=samples::graduated:delta_8_4" \
  "$OUT/dupal_boundary.gpkg|layername=change_points::change_points"

$R --extent 20,-65,150,15 "$OUT/map_end_members.png" "Indian Ocean ridge basalts: dominant mantle end-member (linear mixing on Sr-Nd-Pb)" \
  "$WORLD::basemap" "$OUT/indian_end_members.gpkg|layername=samples::end_members"

$R "$OUT/map_lithology.png" "GGMNet lithology of a synthetic tile (bundled demonstration model)" \
  "$OUT/lithology.tif::paletted"
if [ -f "$OUT/box_bouguer.tif" ]; then
  $R "$OUT/map_box_bouguer.png" "Simple Bouguer anomaly, E65-95 N40-55 (EIGEN-6C4 at 10 km, ETOPO1 slab 2670 kg/m3), mGal" \
    "$OUT/box_bouguer.tif::sequential" "$WORLD::borders"
  $R "$OUT/map_box_residual.png" "E65-95 N40-55: Bouguer anomaly minus its 10 km upward continuation (mGal)" \
    "$OUT/box_residual_10km.tif::diverging" "$WORLD::borders"
fi
if [ -f "$OUT/sa_bouguer.tif" ]; then
  $R "$OUT/map_sa_bouguer.png" "Southern Africa: Bouguer anomaly of 14,359 ground stations (mGal; blank: none within 25 km)" \
    "$OUT/sa_bouguer.tif::sequential" "$WORLD::borders"
  $R "$OUT/map_sa_residual.png" "Southern Africa: station Bouguer anomaly minus its 10 km upward continuation (mGal)" \
    "$OUT/sa_residual_10km.tif::diverging" "$WORLD::borders"
fi
if [ -f "$OUT/rondonia_lithology.tif" ]; then
  $R "$OUT/map_rondonia_lithology.png" "GGMNet lithology of the Rondonia (CPRM) map area: SRTM, gamma-ray and Landsat, one minute of training" \
    "$OUT/rondonia_lithology.tif::paletted"
  $R "$OUT/map_rondonia_uncertainty.png" "Its Monte-Carlo-dropout uncertainty (16 sampled networks, mutual information, nats)" \
    "$OUT/rondonia_uncertainty.tif::sequential"
fi

echo
echo "demo results are in $OUT:"
ls -l "$OUT"
