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


def test_an_axes_layer_replaces_the_built_in_axes(provider, capabilities, indexed_samples, tmp_path):
    require(capabilities, "ridge-profile")
    import processing
    axes = tmp_path / "axes.geojson"
    # A coarse SWIR drawn from the Rodrigues end westwards: distances grow towards Bouvet.
    axes.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"ridge_id": "SWIR"}, '
                    '"geometry": {"type": "LineString", "coordinates": [[70, -25.5], [57, -32], [32.5, -47.2], [14.5, -52.3], '
                    '[0, -54.6]]}}]}')
    png, table = str(tmp_path / "profile.png"), str(tmp_path / "profile.csv")
    result = processing.run("gisbridge:ridgeprofile", {
        "INPUT": indexed_samples, "AXES": str(axes), "AXIS_NAME_FIELD": "ridge_id", "ORDER_BY": 1, "GROUP_FIELD": "ridge",
        "RIDGES": "SWIR", "MAX_OFFSET_KM": 600, "CHANGE_POINTS": False, "OUTPUT": png, "OUTPUT_TABLE": table,
        "WIDTH": 800, "HEIGHT": 400})
    with open(result["OUTPUT_TABLE"]) as f:
        rows = [r.split(",") for r in f.read().splitlines()[1:]]
    assert rows and {r[0] for r in rows} == {"SWIR"}
    by_longitude = sorted((float(r[3]), float(r[2])) for r in rows)
    assert by_longitude[0][1] > by_longitude[-1][1]  # the westernmost sample is the farthest from Rodrigues
