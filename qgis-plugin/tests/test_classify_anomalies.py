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


def test_train_across_sources_calibrated_with_unknown(provider, capabilities, indexed_samples, tmp_path):
    """Several sources (the indexed Gale samples + a GEOROC file of the shared data), SMOTE inside the
    folds, isotonic calibration with its reliability chart, and the unknown answer in the predictions."""
    require(capabilities, "classify-anomalies")
    import processing
    from conftest import shared_data
    from qgis.core import QgsVectorLayer
    more = [shared_data("geochem", "georoc", "WALVIS_RIDGE.csv")]
    model, chart = str(tmp_path / "model.zip"), str(tmp_path / "reliability.png")
    trained = processing.run("gisbridge:classifyanomalies", {
        "MODE": 0, "INPUT": indexed_samples, "LABEL": "dupal", "FEATURES": ["sr87_sr86", "nd143_nd144"], "FOLDS": 3,
        "RANK": False, "MODEL": model, "MORE_SAMPLES": more, "RESAMPLING": 3, "CALIBRATION": 2, "UNKNOWN_RATE": 0.05,
        "REGION_CV": False, "RELIABILITY": chart})
    with open(trained["RELIABILITY"], "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    out = str(tmp_path / "predicted.gpkg")
    result = processing.run("gisbridge:classifyanomalies", {"MODE": 1, "INPUT": indexed_samples, "MODEL_IN": model,
                                                            "OUTPUT": out})
    layer = QgsVectorLayer(result["OUTPUT"], "predicted", "ogr")
    assert {"answer", "unknown", "novelty"} <= set(layer.fields().names())
