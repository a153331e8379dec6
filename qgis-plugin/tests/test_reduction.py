"""gisbridge:normalgravity, gravitydisturbance, bougueranomaly, gridstations on the real data (EIGEN-6C4 + ETOPO1,
southern-Africa stations)."""
import numpy as np
import pytest

from conftest import loaded_layer, raster_facts, require, run_loaded, shared_data


def test_normal_gravity_is_the_published_grs80_value_at_the_equator(provider, capabilities, tmp_path):
    require(capabilities, "normal-gravity")
    template = shared_data("gravity", "global-10arcmin", "earth-topography-10arcmin.nc")
    out = str(tmp_path / "gamma.tif")
    run_loaded("gisbridge:normalgravity", {"INPUT": template, "ELLIPSOID": 1, "METHOD": 0, "HEIGHT": 0.0, "OUTPUT": out})
    w, h, gt, _crs, values, _ = raster_facts(out)
    assert (w, h) == (2161, 1081)
    equator = values[540]  # row 540 is the equator in this gridline-registered grid
    assert gt[3] + 540.5 * gt[5] == pytest.approx(0.0, abs=1e-9)
    # Moritz (1980): GRS80 gamma_e = 978032.67715 mGal, gamma_p = 983218.63685 mGal (float32 output).
    assert float(equator.mean()) == pytest.approx(978032.67715, abs=0.07)
    assert float(values[0].mean()) == pytest.approx(983218.63685, abs=0.07)


def test_eigen6c4_to_bouguer_anomaly_styled(provider, capabilities, tmp_path):
    require(capabilities, "bouguer-anomaly")
    from qgis.core import QgsSingleBandPseudoColorRenderer
    gravity = shared_data("gravity", "global-10arcmin", "earth-gravity-10arcmin.nc")
    topography = shared_data("gravity", "global-10arcmin", "earth-topography-10arcmin.nc")
    disturbance = str(tmp_path / "disturbance.tif")
    run_loaded("gisbridge:gravitydisturbance", {"INPUT": gravity, "HEIGHT": 10000.0, "OUTPUT": disturbance})
    bouguer, correction = str(tmp_path / "bouguer.tif"), str(tmp_path / "correction.tif")
    result = run_loaded("gisbridge:bougueranomaly", {"INPUT": disturbance, "TOPOGRAPHY": topography,
                                                     "OUTPUT": bouguer, "CORRECTION": correction})
    assert result["OUTPUT"] == bouguer and result["CORRECTION"] == correction
    _w, _h, _gt, _crs, d, _ = raster_facts(disturbance)
    _w, _h, _gt, _crs, b, _ = raster_facts(bouguer)
    _w, _h, _gt, _crs, c, _ = raster_facts(correction)
    assert np.allclose(d - c, b, atol=1e-3)
    # The disturbance at 10 km is within a few hundred mGal; oceans have high Bouguer anomalies.
    assert abs(float(np.nanmean(d))) < 20 and np.nanmax(np.abs(d)) < 600
    _w, _h, _gt, _crs, topo, _ = raster_facts(topography)
    assert np.nanmean(b[topo < -3000]) > 250 and np.nanmean(b[topo > 3000]) < -250
    renderer = loaded_layer(bouguer).renderer()
    assert isinstance(renderer, QgsSingleBandPseudoColorRenderer)
    assert renderer.classificationMin() == pytest.approx(-renderer.classificationMax())
    # Layer names say what each layer is and in which units (not "Output" / "Corrected").
    assert loaded_layer(disturbance).name() == "Gravity disturbance (mGal)"
    assert loaded_layer(bouguer).name() == "Simple Bouguer anomaly (mGal)"
    assert loaded_layer(correction).name() == "Bouguer correction (mGal)"


def test_grid_stations_from_the_xz_table(provider, capabilities, tmp_path):
    require(capabilities, "grid-stations")
    stations = shared_data("gravity", "south-africa", "southern-africa-gravity.csv.xz")
    out = str(tmp_path / "sa.tif")
    run_loaded("gisbridge:gridstations", {"INPUT": stations, "CELL": 0.1, "MAX_DISTANCE": 25.0, "OUTPUT": out})
    w, h, gt, crs, values, nodata = raster_facts(out)
    assert "4326" in crs or "WGS 84" in crs
    finite = values[np.isfinite(values)] if nodata is None or np.isnan(nodata) else values[values != nodata]
    # Bouguer anomalies of the southern African plateau are mostly negative (thick crust).
    assert 0.2 < finite.size / values.size < 0.9
    assert -250 < float(np.median(finite)) < 0
    assert loaded_layer(out).name() == "Gridded simple bouguer anomaly (mGal)"


def test_a_cartesian_grid_is_refused_by_name(provider, capabilities, tmp_path):
    require(capabilities, "gravity-disturbance")
    from qgis.core import QgsProcessingException
    from conftest import GRAVITY  # Cartesian metres without a CRS: normal gravity needs latitudes
    with pytest.raises(QgsProcessingException, match="not latitudes"):
        run_loaded("gisbridge:gravitydisturbance", {"INPUT": GRAVITY, "OUTPUT": str(tmp_path / "x.tif")})


def test_a_station_grid_states_mgal_so_its_continuation_is_named_in_mgal(provider, capabilities, tmp_path):
    # The chain a user runs on the southern-African stations: the grid's file states its units, so the residual of
    # its continuation is named with them (the plugin names layers from the input file's units).
    require(capabilities, "grid-stations")
    from osgeo import gdal
    stations = shared_data("gravity", "south-africa", "southern-africa-gravity.csv.xz")
    grid = str(tmp_path / "sa.tif")
    run_loaded("gisbridge:gridstations", {"INPUT": stations, "CELL": 0.1, "MAX_DISTANCE": 25.0, "OUTPUT": grid})
    dataset = gdal.Open(grid)
    assert dataset.GetRasterBand(1).GetUnitType() == "mGal"
    dataset = None
    regional, residual = str(tmp_path / "regional.tif"), str(tmp_path / "residual.tif")
    run_loaded("gisbridge:upwardcontinuation", {"INPUT": grid, "HEIGHT": 10000, "REGIONAL": regional, "RESIDUAL": residual})
    assert loaded_layer(residual).name() == "Residual field, h = 10 km (mGal)"
    assert loaded_layer(regional).name() == "Regional field, h = 10 km (mGal)"
