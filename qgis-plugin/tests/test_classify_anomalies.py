"""gisbridge:classifyanomalies: train on the indexed samples, then predict with the trained model."""
import zipfile

from conftest import loaded_layer, require, run_loaded

# Indicators that do not define the label (dupal is delta_8_4 above a threshold).
FEATURES = ["sr87_sr86", "nd143_nd144", "pb206_pb204", "na8", "fe8"]


def test_train_then_predict(provider, capabilities, indexed_samples, tmp_path):
    require(capabilities, "classify-anomalies")
    import processing
    from qgis.core import QgsCategorizedSymbolRenderer, QgsVectorLayer
    model = str(tmp_path / "model.zip")
    trained = processing.run("gisbridge:classifyanomalies", {"MODE": 0, "INPUT": indexed_samples, "LABEL": "dupal",
                                                             "FEATURES": FEATURES, "FOLDS": 3, "RANK": False,
                                                             "MODEL": model})
    assert zipfile.is_zipfile(trained["MODEL"])
    out = str(tmp_path / "predicted.gpkg")
    result = run_loaded("gisbridge:classifyanomalies", {"MODE": 1, "INPUT": indexed_samples, "MODEL_IN": model,
                                                        "OUTPUT": out})
    layer = QgsVectorLayer(result["OUTPUT"], "predicted", "ogr")
    assert layer.isValid() and layer.featureCount() > 0
    assert {"predicted", "probability"} <= set(layer.fields().names())
    assert isinstance(loaded_layer(out).renderer(), QgsCategorizedSymbolRenderer)
