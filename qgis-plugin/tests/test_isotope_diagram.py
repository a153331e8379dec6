"""gisbridge:isotopediagram: the Gale samples coloured by ridge, PNG and SVG."""
from conftest import require


def test_diagrams_coloured_by_ridge(provider, capabilities, indexed_samples, tmp_path):
    require(capabilities, "isotope-diagram")
    import processing
    png, svg = str(tmp_path / "iso.png"), str(tmp_path / "iso.svg")
    result = processing.run("gisbridge:isotopediagram", {"INPUT": indexed_samples, "COLOR_FIELD": "ridge",
                                                         "WIDTH": 900, "HEIGHT": 800, "OUTPUT": png, "OUTPUT_SVG": svg})
    with open(result["OUTPUT"], "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    with open(result["OUTPUT_SVG"]) as f:
        assert "NHRL" in f.read()
