"""gisbridge:clusterregions on the indexed Gale samples."""
from conftest import loaded_layer, require, run_loaded


def test_clusters_are_categorised(provider, capabilities, indexed_samples, tmp_path):
    require(capabilities, "cluster-regions")
    from qgis.core import QgsCategorizedSymbolRenderer, QgsVectorLayer
    out = str(tmp_path / "clusters.gpkg")
    result = run_loaded("gisbridge:clusterregions", {"INPUT": indexed_samples, "K": 3,
                                                     "MISSING": 1, "OUTPUT": out})
    layer = QgsVectorLayer(result["OUTPUT"], "clusters", "ogr")
    assert layer.isValid() and layer.featureCount() > 0 and layer.crs().authid() == "EPSG:4326"
    index = layer.fields().indexOf("cluster")
    assert index >= 0
    clusters = layer.uniqueValues(index)
    print("clusters", sorted(clusters))
    assert len(clusters) == 3
    assert isinstance(loaded_layer(out).renderer(), QgsCategorizedSymbolRenderer)
