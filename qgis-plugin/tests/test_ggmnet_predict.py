"""gisbridge:ggmnetpredict: lithology (paletted, class names) and confidence (greys) from a trained model."""
import glob
import os

import numpy as np
import pytest

from conftest import loaded_layer, raster_facts, require, run_loaded, same_crs


def test_lithology_and_confidence(provider, capabilities, synth_dataset, trained_model, tmp_path):
    require(capabilities, "ggmnet-predict")
    from qgis.core import QgsPalettedRasterRenderer, QgsSingleBandGrayRenderer
    image = sorted(glob.glob(os.path.join(synth_dataset, "images", "*.tif")))[0]
    lithology, confidence = str(tmp_path / "lithology.tif"), str(tmp_path / "confidence.tif")
    result = run_loaded("gisbridge:ggmnetpredict", {"INPUT": image, "MODEL": trained_model, "OUTPUT": lithology,
                                                    "CONFIDENCE": confidence})
    w, h, gt, crs, _data, _ = raster_facts(image)
    lw, lh, lgt, lcrs, classes, _ = raster_facts(result["OUTPUT"])
    assert (lw, lh) == (w, h) and same_crs(crs, lcrs)
    assert classes.dtype == np.uint8
    conf = raster_facts(result["CONFIDENCE"])[4]
    assert np.nanmin(conf) >= 0 and np.nanmax(conf) <= 1
    renderer = loaded_layer(lithology).renderer()
    assert isinstance(renderer, QgsPalettedRasterRenderer) and all(c.label for c in renderer.classes())
    assert isinstance(loaded_layer(confidence).renderer(), QgsSingleBandGrayRenderer)
    assert loaded_layer(lithology).name() == "Predicted lithology"
    assert loaded_layer(confidence).name() == "Confidence (top-class probability, 0-1)"


def test_monte_carlo_dropout_uncertainty_needs_a_dropout_model(provider, capabilities, synth_dataset, trained_model, tmp_path):
    require(capabilities, "ggmnet-predict")
    import processing
    from qgis.core import QgsProcessingException
    model = str(tmp_path / "dropout_model")
    processing.run("gisbridge:ggmnettrain", {"DATASET": synth_dataset, "EPOCHS": 1, "BATCH_SIZE": 2, "SEED": 1,
                                             "DROPOUT": 0.3, "OUTPUT": model})
    image = sorted(glob.glob(os.path.join(synth_dataset, "images", "*.tif")))[0]
    uncertainty = str(tmp_path / "uncertainty.tif")
    result = run_loaded("gisbridge:ggmnetpredict", {"INPUT": image, "MODEL": model, "OUTPUT": str(tmp_path / "l.tif"),
                                                    "UNCERTAINTY": uncertainty, "MC_DROPOUT": 4})
    values = raster_facts(result["UNCERTAINTY"])[4]
    assert np.nanmin(values) >= 0 and np.nanmax(values) > 0  # the sampled networks disagree somewhere
    assert loaded_layer(uncertainty).name() == "Disagreement of 4 sampled networks (nats)"
    with pytest.raises(QgsProcessingException, match="trained with dropout"):
        processing.run("gisbridge:ggmnetpredict", {"INPUT": image, "MODEL": trained_model, "OUTPUT": str(tmp_path / "m.tif"),
                                                   "UNCERTAINTY": str(tmp_path / "u2.tif"), "MC_DROPOUT": 4})
