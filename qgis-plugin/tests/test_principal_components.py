"""gisbridge:principalcomponents: CLR PCA of the Gale major oxides, scores on the samples, loadings table."""
from conftest import require


def test_clr_scores_and_loadings(provider, capabilities, indexed_samples, tmp_path):
    require(capabilities, "principal-components")
    import processing
    from qgis.core import QgsVectorLayer
    out, chart, loadings = str(tmp_path / "pca.gpkg"), str(tmp_path / "pca.png"), str(tmp_path / "loadings.csv")
    result = processing.run("gisbridge:principalcomponents", {
        "INPUT": indexed_samples, "TRANSFORM": 0, "COMPONENTS": 2, "GROUP_FIELD": "ridge",
        "OUTPUT": out, "CHART": chart, "LOADINGS": loadings})
    layer = QgsVectorLayer(result["OUTPUT"], "pca", "ogr")
    index = layer.fields().indexOf("pc1")
    assert index >= 0 and layer.fields().indexOf("pc2") >= 0 and layer.fields().indexOf("pc3") < 0
    scores = [f[index] for f in layer.getFeatures() if isinstance(f[index], float)]  # NULL is a QVariant
    assert len(scores) > 2000
    assert abs(sum(scores) / len(scores)) < 1e-6  # scores of centred data have zero mean
    with open(result["LOADINGS"]) as f:
        rows = f.read().splitlines()
    assert rows[0].startswith("field,pc1,pc2") and rows[1].startswith("sio2,")
    with open(result["CHART"], "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
