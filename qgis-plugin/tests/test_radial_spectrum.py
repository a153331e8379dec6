"""gisbridge:radialspectrum: the V18 grid's spectrum as chart (PNG, SVG) and CSV, and a bad range refused."""
import csv
import math

import pytest

from conftest import GRAVITY, require


def test_spectrum_chart_and_table(provider, capabilities, tmp_path):
    require(capabilities, "radial-spectrum")
    import processing
    png, svg, table = str(tmp_path / "spec.png"), str(tmp_path / "spec.svg"), str(tmp_path / "spec.csv")
    result = processing.run("gisbridge:radialspectrum", {"INPUT": GRAVITY, "WIDTH": 900, "HEIGHT": 600,
                                                         "OUTPUT": png, "OUTPUT_SVG": svg, "OUTPUT_TABLE": table})
    with open(result["OUTPUT"], "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    with open(result["OUTPUT_SVG"]) as f:
        assert "depth" in f.read()
    with open(result["OUTPUT_TABLE"]) as f:
        rows = list(csv.DictReader(f))
    # 160 x 160 cells of 1 km padded to 240: bins every 2 pi / 240 rad/km up to the Nyquist, pi rad/km.
    assert len(rows) == 120
    assert float(rows[-1]["k_rad_per_km"]) == pytest.approx(math.pi)


def test_bad_range_is_refused(provider, capabilities, tmp_path):
    require(capabilities, "radial-spectrum")
    import processing
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException, match="MIN:MAX"):
        processing.run("gisbridge:radialspectrum", {"INPUT": GRAVITY, "RANGES": "0.1-0.5", "OUTPUT": str(tmp_path / "s.png")})
