"""gisbridge:upwardcontinuation through processing on the bundled free-air gravity grid."""
import threading
import time

import numpy as np
import pytest

from conftest import GRAVITY, loaded_layer, raster_facts, recording_feedback, require, run_loaded, same_crs


def test_regional_plus_residual_is_the_input(provider, capabilities, tmp_path):
    require(capabilities, "upward-continuation")
    from qgis.core import QgsSingleBandPseudoColorRenderer
    regional, residual = str(tmp_path / "regional.tif"), str(tmp_path / "residual.tif")
    feedback = recording_feedback()
    result = run_loaded("gisbridge:upwardcontinuation", {"INPUT": GRAVITY, "HEIGHT": 10000,
                                                         "REGIONAL": regional, "RESIDUAL": residual}, feedback)
    assert result["REGIONAL"] == regional and result["RESIDUAL"] == residual
    w, h, gt, crs, data, _ = raster_facts(GRAVITY)
    for path in (regional, residual):
        ow, oh, ogt, ocrs, _values, _nodata = raster_facts(path)
        assert (ow, oh) == (w, h) and ogt == pytest.approx(gt) and same_crs(crs, ocrs)
    reg, res = raster_facts(regional)[4], raster_facts(residual)[4]
    assert np.allclose(reg + res, data, atol=1e-3)
    print("std input {:.2f} regional {:.2f} residual {:.2f} mGal".format(data.std(), reg.std(), res.std()))
    assert reg.std() < data.std()  # the continued field is smoother
    assert feedback.values, "server progress must reach feedback.setProgress"
    renderer = loaded_layer(residual).renderer()
    assert isinstance(renderer, QgsSingleBandPseudoColorRenderer)
    assert renderer.classificationMin() == pytest.approx(-renderer.classificationMax())


def test_layer_names_carry_the_height_and_the_grids_units(provider, capabilities, tmp_path):
    """The units come from the input file (GDAL unit type / netCDF 'units'); a file without units gets none."""
    require(capabilities, "upward-continuation")
    from osgeo import gdal
    with_units = str(tmp_path / "gravity_mgal.tif")
    dataset = gdal.Translate(with_units, GRAVITY, format="GTiff")
    dataset.GetRasterBand(1).SetUnitType("mGal")
    dataset = None
    for source, suffix in ((with_units, " (mGal)"), (GRAVITY, "")):
        regional, residual = str(tmp_path / ("r" + suffix.strip() + ".tif")), str(tmp_path / ("s" + suffix.strip() + ".tif"))
        run_loaded("gisbridge:upwardcontinuation", {"INPUT": source, "HEIGHT": 7500, "REGIONAL": regional,
                                                    "RESIDUAL": residual})
        assert loaded_layer(regional).name() == "Regional field, h = 7.5 km" + suffix
        assert loaded_layer(residual).name() == "Residual field, h = 7.5 km" + suffix


def big_grid(tmp_path, size=3000):
    from osgeo import gdal
    path = str(tmp_path / "big.tif")
    gdal.Translate(path, GRAVITY, width=size, height=size, outputType=gdal.GDT_Float32)
    return path


def small_job_seconds(tmp_path, name):
    import processing
    start = time.monotonic()
    processing.run("gisbridge:upwardcontinuation", {"INPUT": GRAVITY, "HEIGHT": 10000,
                                                    "RESIDUAL": str(tmp_path / name)})
    return time.monotonic() - start


def test_cancel_through_processing(provider, capabilities, tmp_path):
    require(capabilities, "upward-continuation")
    import processing
    from qgis.core import QgsProcessingException
    baseline = small_job_seconds(tmp_path, "before.tif")
    feedback = recording_feedback()
    cancelled_at = []

    def cancel_when_running():
        deadline = time.monotonic() + 120
        while not feedback.values and time.monotonic() < deadline:
            time.sleep(0.01)
        cancelled_at.append(time.monotonic())
        feedback.cancel()
    threading.Thread(target=cancel_when_running, daemon=True).start()
    with pytest.raises(QgsProcessingException, match="cancel"):
        processing.run("gisbridge:upwardcontinuation", {"INPUT": big_grid(tmp_path), "HEIGHT": 5000,
                                                        "RESIDUAL": str(tmp_path / "never.tif")}, feedback=feedback)
    assert cancelled_at, "the job ended before any progress arrived"
    seconds = time.monotonic() - cancelled_at[0]
    # One job slot: the next job waits until the server has let the cancelled one go.
    after = small_job_seconds(tmp_path, "after.tif")
    print("cancel returned after {:.3f} s; small job {:.3f} s before, {:.3f} s after".format(seconds, baseline, after))
    assert seconds < 1.0
    assert after < baseline + 1.0

def test_server_refusal_reaches_the_user(provider, capabilities, tmp_path):
    require(capabilities, "upward-continuation")
    import processing
    from osgeo import gdal
    from qgis.core import QgsProcessingException
    empty = str(tmp_path / "empty.tif")
    ds = gdal.GetDriverByName("GTiff").Create(empty, 20, 20, 1, gdal.GDT_Float32)
    ds.SetGeoTransform([0, 1000, 0, 20000, 0, -1000])
    ds.GetRasterBand(1).SetNoDataValue(-9999)
    ds.GetRasterBand(1).Fill(-9999)
    ds = None
    with pytest.raises(QgsProcessingException, match="INVALID_ARGUMENT.*no valid cell"):
        processing.run("gisbridge:upwardcontinuation", {"INPUT": empty, "HEIGHT": 10000,
                                                        "RESIDUAL": str(tmp_path / "r.tif")})


def test_missing_band_is_named(provider, capabilities, tmp_path):
    require(capabilities, "upward-continuation")
    import processing
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException, match="(?i)band"):
        processing.run("gisbridge:upwardcontinuation", {"INPUT": GRAVITY, "BAND": 3, "HEIGHT": 10000,
                                                        "RESIDUAL": str(tmp_path / "r.tif")})
