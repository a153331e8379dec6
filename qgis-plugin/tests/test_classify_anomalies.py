"""gisbridge:classifyanomalies: train on the indexed samples, then predict with the trained model."""
import zipfile

from conftest import loaded_layer, require, run_loaded


def test_train_then_predict(provider, capabilities, indexed_samples, tmp_path):
    require(capabilities, "classify-anomalies")
    import processing
    from qgis.core import QgsCategorizedSymbolRenderer, QgsVectorLayer
    model = str(tmp_path / "model.zip")
    trained = processing.run("gisbridge:classifyanomalies", {"MODE": 0, "INPUT": indexed_samples, "LABEL": "dupal",
                                                             "FOLDS": 3, "MODEL": model})
    assert zipfile.is_zipfile(trained["MODEL"])
    out = str(tmp_path / "predicted.gpkg")
    result = run_loaded("gisbridge:classifyanomalies", {"MODE": 1, "INPUT": indexed_samples, "MODEL_IN": model,
                                                        "OUTPUT": out})
    layer = QgsVectorLayer(result["OUTPUT"], "predicted", "ogr")
    assert layer.isValid() and layer.featureCount() > 0
    assert {"predicted", "probability"} <= set(layer.fields().names())
    assert isinstance(loaded_layer(out).renderer(), QgsCategorizedSymbolRenderer)
