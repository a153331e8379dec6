"""gisbridge:ggmnettrain: a short training run writes a model folder; cancel stops a long one at once."""
import os
import threading
import time

import pytest

from conftest import recording_feedback, require


def test_model_folder(trained_model):
    files = [f for _root, _dirs, names in os.walk(trained_model) for f in names]
    print("model files", files)
    assert files


def test_cancel_training(provider, capabilities, synth_dataset, tmp_path):
    require(capabilities, "ggmnet-train")
    import processing
    from qgis.core import QgsProcessingException
    feedback = recording_feedback()
    cancelled_at = []

    def cancel_later():
        while not feedback.values:
            time.sleep(0.01)
        time.sleep(1.0)
        cancelled_at.append(time.monotonic())
        feedback.cancel()
    threading.Thread(target=cancel_later, daemon=True).start()
    with pytest.raises(QgsProcessingException, match="cancel"):
        processing.run("gisbridge:ggmnettrain", {"DATASET": synth_dataset, "EPOCHS": 1000, "BATCH_SIZE": 2,
                                                 "OUTPUT": str(tmp_path / "never")}, feedback=feedback)
    assert cancelled_at and time.monotonic() - cancelled_at[0] < 1.0
