"""gisbridge:ggmnetpredict: lithology (paletted, class names) and confidence (greys) from a trained model."""
import glob
import os

import numpy as np

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
