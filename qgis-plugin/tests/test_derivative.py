"""gisbridge:potentialfieldderivative: vertical derivative, THDR, tilt, analytic signal and TDX."""
import numpy as np
import pytest

from conftest import GRAVITY, loaded_layer, raster_facts, require, run_loaded, same_crs


@pytest.mark.parametrize("kind, name", [(0, "vertical"), (1, "thg"), (2, "tilt"), (3, "analytic_signal"), (4, "tdx")])
def test_derivative_kinds(provider, capabilities, tmp_path, kind, name):
    require(capabilities, "derivative")
    from qgis.core import QgsSingleBandPseudoColorRenderer
    out = str(tmp_path / (name + ".tif"))
    result = run_loaded("gisbridge:potentialfieldderivative", {"INPUT": GRAVITY, "KIND": kind, "OUTPUT": out})
    assert result["OUTPUT"] == out
    w, h, gt, crs, _data, _ = raster_facts(GRAVITY)
    ow, oh, ogt, ocrs, values, _nodata = raster_facts(out)
    assert (ow, oh) == (w, h) and ogt == pytest.approx(gt) and same_crs(crs, ocrs)
    finite = values[np.isfinite(values)]
    print(name, "range", finite.min(), finite.max())
    if name in ("thg", "analytic_signal"):
        assert finite.min() >= 0
    if name == "tdx":
        assert finite.min() >= -1e-6 and finite.max() <= np.pi / 2 + 1e-6
    if name == "tilt":
        assert finite.min() >= -np.pi / 2 - 1e-6 and finite.max() <= np.pi / 2 + 1e-6
    renderer = loaded_layer(out).renderer()
    assert isinstance(renderer, QgsSingleBandPseudoColorRenderer)
    if name in ("vertical", "tilt"):
        assert renderer.classificationMin() == pytest.approx(-renderer.classificationMax())
    # The bundled grid states no units: a gradient is in "input units/m", the angles in radians.
    assert loaded_layer(out).name() == {"vertical": "First vertical derivative (input units/m)",
                                        "thg": "Total horizontal gradient (input units/m)",
                                        "tilt": "Tilt angle (radians)",
                                        "analytic_signal": "Analytic signal amplitude (input units/m)",
                                        "tdx": "TDX (radians)"}[name]
