"""gisbridge:anomalyindices on the Gale et al. 2013 ridge basalt compilation."""
from conftest import GALE, loaded_layer, require, run_loaded


def test_gale_samples_with_indices(provider, capabilities, tmp_path):
    require(capabilities, "anomaly-indices")
    from qgis.core import QgsGraduatedSymbolRenderer, QgsVectorLayer, QgsWkbTypes
    out, table = str(tmp_path / "samples.gpkg"), str(tmp_path / "samples.csv")
    result = run_loaded("gisbridge:anomalyindices", {"INPUT": GALE, "OUTPUT": out, "OUTPUT_TABLE": table})
    layer = QgsVectorLayer(result["OUTPUT"], "samples", "ogr")
    assert layer.isValid() and layer.geometryType() == QgsWkbTypes.PointGeometry
    assert layer.crs().authid() == "EPSG:4326"
    print("samples", layer.featureCount(), "fields", layer.fields().names())
    assert layer.featureCount() > 1000 and "delta_8_4" in layer.fields().names()
    with open(result["OUTPUT_TABLE"]) as f:
        assert len(f.readlines()) > 1000
    assert isinstance(loaded_layer(out).renderer(), QgsGraduatedSymbolRenderer)


def test_bad_mapping_is_refused_before_the_server(provider, capabilities, tmp_path):
    require(capabilities, "anomaly-indices")
    import processing
    import pytest
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException, match="COLUMN_MAPPING"):
        processing.run("gisbridge:anomalyindices", {"INPUT": GALE, "COLUMN_MAPPING": "no equals sign",
                                                    "OUTPUT": str(tmp_path / "x.gpkg")})


def test_priority_merge_of_a_georoc_file(provider, capabilities, tmp_path):
    """Merge by method priority: GEOROC's separate analyses of one paper stay apart, each merged value names its row."""
    require(capabilities, "anomaly-indices")
    import processing
    from conftest import shared_data
    from qgis.core import QgsVectorLayer
    georoc = shared_data("geochem", "georoc", "KERGUELEN_PLATEAU.csv")
    plain = processing.run("gisbridge:anomalyindices", {"INPUT": georoc, "OUTPUT": str(tmp_path / "plain.gpkg")})
    merged = processing.run("gisbridge:anomalyindices", {"INPUT": georoc, "OUTPUT": str(tmp_path / "merged.gpkg"),
                                                         "MERGE_SAMPLES": True, "MERGE_RULE": 1})
    rows = QgsVectorLayer(plain["OUTPUT"], "plain", "ogr").featureCount()
    layer = QgsVectorLayer(merged["OUTPUT"], "merged", "ogr")
    assert "value_sources" in layer.fields().names()
    assert layer.featureCount() == rows - 1  # one sample reported by two papers
