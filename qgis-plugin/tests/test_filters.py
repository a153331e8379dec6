"""gisbridge:bandpassfilter and gisbridge:directionalfilter, and the fill-dependence output of the filters."""
import numpy as np
import pytest

from conftest import GRAVITY, loaded_layer, raster_facts, require, run_loaded, same_crs


def _values(path):
    values = raster_facts(path)[4].astype(float)
    nodata = raster_facts(path)[5]
    if nodata is not None:
        values[values == nodata] = np.nan
    return values


def test_low_and_high_pass_with_one_cutoff_sum_to_the_input(provider, capabilities, tmp_path):
    require(capabilities, "band-pass")
    from qgis.core import QgsSingleBandPseudoColorRenderer
    low, high = str(tmp_path / "low.tif"), str(tmp_path / "high.tif")
    run_loaded("gisbridge:bandpassfilter", {"INPUT": GRAVITY, "SHAPE": 1, "SHORT_CUTOFF_KM": 30, "OUTPUT": low})
    run_loaded("gisbridge:bandpassfilter", {"INPUT": GRAVITY, "SHAPE": 1, "LONG_CUTOFF_KM": 30, "OUTPUT": high})
    w, h, gt, crs, _data, _ = raster_facts(GRAVITY)
    ow, oh, ogt, ocrs, _values_low, _ = raster_facts(low)
    assert (ow, oh) == (w, h) and ogt == pytest.approx(gt) and same_crs(crs, ocrs)
    source, lo, hi = _values(GRAVITY), _values(low), _values(high)
    valid = np.isfinite(source)
    # Complementary filters: the Butterworth high-pass is 1 - the low-pass with the same cut-off.
    assert np.nanmax(np.abs(lo + hi - source)[valid]) < 1e-3 * np.nanmax(np.abs(source))
    layer = loaded_layer(low)
    assert layer.name() == "Butterworth low-pass, shorter than 30 km removed (input units)"
    assert isinstance(layer.renderer(), QgsSingleBandPseudoColorRenderer)
    renderer = loaded_layer(high).renderer()
    assert renderer.classificationMin() == pytest.approx(-renderer.classificationMax())


def test_band_pass_without_cutoff_is_refused(provider, capabilities, tmp_path):
    require(capabilities, "band-pass")
    import processing
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException, match="give a cut-off wavelength"):
        processing.run("gisbridge:bandpassfilter", {"INPUT": GRAVITY, "OUTPUT": str(tmp_path / "x.tif")})


def test_directional_filter_names_the_strike(provider, capabilities, tmp_path):
    require(capabilities, "directional-filter")
    out = str(tmp_path / "dir.tif")
    run_loaded("gisbridge:directionalfilter", {"INPUT": GRAVITY, "STRIKE": 45, "EXPONENT": 2, "OUTPUT": out})
    values = _values(out)
    assert np.isfinite(values).any()
    assert loaded_layer(out).name() == "Directional filter, features striking 45° kept (input units)"


def _holed_gravity(tmp_path):
    """The sample gravity grid with a 10 x 10 nodata hole at rows and columns 60-69."""
    from osgeo import gdal
    holed = str(tmp_path / "holed.tif")
    source = gdal.Open(GRAVITY)
    data = source.GetRasterBand(1).ReadAsArray().astype(np.float32)
    data[60:70, 60:70] = np.nan
    ds = gdal.GetDriverByName("GTiff").Create(holed, source.RasterXSize, source.RasterYSize, 1, gdal.GDT_Float32)
    ds.SetGeoTransform(source.GetGeoTransform())
    ds.SetProjection(source.GetProjection())
    ds.GetRasterBand(1).SetNoDataValue(float("nan"))
    ds.GetRasterBand(1).WriteArray(data)
    ds = None
    return holed


def _assert_marks_rim_of_hole(mask):
    marks = _values(mask)
    assert np.isnan(marks[60:70, 60:70]).all()
    finite = marks[np.isfinite(marks)]
    assert set(np.unique(finite)) <= {0.0, 1.0} and 0 < finite.sum() < finite.size
    assert marks[58, 65] == 1.0  # right next to the hole
    assert loaded_layer(mask).name() == "Depends on filled nodata (1 = yes, 0 = no)"


@pytest.mark.parametrize("capability, algorithm, parameters, output", [
    ("derivative", "gisbridge:potentialfieldderivative", {"KIND": 3}, "OUTPUT"),
    ("upward-continuation", "gisbridge:upwardcontinuation", {"HEIGHT": 10000.0}, "RESIDUAL"),
])
def test_fill_dependence_marks_cells_near_holes(provider, capabilities, tmp_path, capability, algorithm, parameters, output):
    require(capabilities, capability)
    holed = _holed_gravity(tmp_path)
    out, mask = str(tmp_path / "out.tif"), str(tmp_path / "mask.tif")
    result = run_loaded(algorithm, dict(parameters, INPUT=holed, FILL_DEPENDENCE=mask, **{output: out}))
    assert result["FILL_DEPENDENCE"] == mask and result[output] == out
    _assert_marks_rim_of_hole(mask)
    assert np.isnan(_values(out)[60:70, 60:70]).all()
