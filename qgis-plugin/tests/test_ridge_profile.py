"""gisbridge:ridgeprofile: chart and table along the ridge axes (SWIR, CIR, SEIR by default)."""
from conftest import require


def test_chart_and_table(provider, capabilities, indexed_samples, tmp_path):
    require(capabilities, "ridge-profile")
    import processing
    png, table = str(tmp_path / "profile.png"), str(tmp_path / "profile.csv")
    result = processing.run("gisbridge:ridgeprofile", {"INPUT": indexed_samples, "OUTPUT": png, "OUTPUT_TABLE": table,
                                                       "WIDTH": 800, "HEIGHT": 400})
    with open(result["OUTPUT"], "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    with open(result["OUTPUT_TABLE"]) as f:
        rows = f.read().splitlines()
    assert len(rows) > 10
    assert {r.split(",")[0] for r in rows[1:]} == {"SWIR", "CIR", "SEIR"}  # the Gale Indian Ocean ridges only
