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


def big_grid(tmp_path, size=3000):
    from osgeo import gdal
    path = str(tmp_path / "big.tif")
    gdal.Translate(path, GRAVITY, width=size, height=size, outputType=gdal.GDT_Float32)
    return path


def test_cancel_through_processing(provider, capabilities, tmp_path):
    require(capabilities, "upward-continuation")
    import processing
    from qgis.core import QgsProcessingException
    feedback = recording_feedback()
    cancelled_at = []

    def cancel_when_running():
        while not feedback.values:
            time.sleep(0.01)
        cancelled_at.append(time.monotonic())
        feedback.cancel()
    threading.Thread(target=cancel_when_running, daemon=True).start()
    with pytest.raises(QgsProcessingException, match="cancel"):
        processing.run("gisbridge:upwardcontinuation", {"INPUT": big_grid(tmp_path), "HEIGHT": 5000,
                                                        "RESIDUAL": str(tmp_path / "never.tif")}, feedback=feedback)
    assert cancelled_at, "the job ended before any progress arrived"
    seconds = time.monotonic() - cancelled_at[0]
    print("cancelled after {:.3f} s".format(seconds))
    assert seconds < 1.0
    start = time.monotonic()  # the slot is free again: a small job runs at once
    processing.run("gisbridge:upwardcontinuation", {"INPUT": GRAVITY, "HEIGHT": 10000,
                                                    "RESIDUAL": str(tmp_path / "after.tif")})
    assert time.monotonic() - start < 10.0
