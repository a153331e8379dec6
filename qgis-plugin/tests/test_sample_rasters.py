"""gisbridge:samplerasters: ETOPO1 depth at the Gale samples, correlation CSV and heatmap."""
from conftest import require, shared_data


def test_depth_at_samples_and_correlations(provider, capabilities, indexed_samples, tmp_path):
    require(capabilities, "sample-rasters")
    import processing
    from qgis.core import QgsVectorLayer
    topography = shared_data("gravity", "global-10arcmin", "earth-topography-10arcmin.nc")
    out, csv, heatmap = str(tmp_path / "sampled.gpkg"), str(tmp_path / "corr.csv"), str(tmp_path / "heat.png")
    result = processing.run("gisbridge:samplerasters", {
        "INPUT": indexed_samples, "RASTERS": [topography], "FIELDS": "depth", "GROUP_FIELD": "ridge",
        "OUTPUT": out, "CORRELATION": csv, "HEATMAP": heatmap})
    layer = QgsVectorLayer(result["OUTPUT"], "sampled", "ogr")
    index = layer.fields().indexOf("depth")
    assert index >= 0
    depths = sorted(f[index] for f in layer.getFeatures() if f[index] is not None)
    assert len(depths) == layer.featureCount()
    assert -4000 < depths[len(depths) // 2] < -2000  # ridge basalts are dredged from 2-4 km deep
    with open(result["CORRELATION"]) as f:
        lines = f.read().splitlines()
    assert lines[0].startswith("field,sampled_field,group,n,pearson_r")
    assert any(line.startswith("delta_8_4,depth,SWIR,") for line in lines)
    with open(result["HEATMAP"], "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
