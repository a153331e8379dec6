"""Local-path optimisation: off by default; when on, a server with --allow-root reads the file itself and a server
without it makes the plugin fall back to streaming."""
import os

import numpy as np

from conftest import GRAVITY, RunningServer, TOKEN, raster_facts, recording_feedback, require

FALLBACK = "streaming the data instead"


def run_residual(path):
    import processing
    feedback = recording_feedback()
    processing.run("gisbridge:upwardcontinuation", {"INPUT": GRAVITY, "HEIGHT": 10000, "RESIDUAL": path},
                   feedback=feedback)
    return feedback


def test_local_path_read_by_an_allowed_server(provider, capabilities, monkeypatch, tmp_path):
    require(capabilities, "upward-continuation")
    streamed = str(tmp_path / "streamed.tif")
    assert not any(FALLBACK in m for m in run_residual(streamed).messages)
    allowed = RunningServer(["--allow-root", os.path.dirname(GRAVITY)])
    try:
        monkeypatch.setenv("GISBRIDGE_SERVER_ADDRESS", allowed.address)
        monkeypatch.setenv("GISBRIDGE_TOKEN", TOKEN)
        monkeypatch.setenv("GISBRIDGE_LOCAL_PATHS", "1")
        local = str(tmp_path / "local.tif")
        feedback = run_residual(local)
    finally:
        allowed.stop()
    assert not any(FALLBACK in m for m in feedback.messages)
    assert np.allclose(raster_facts(local)[4], raster_facts(streamed)[4], atol=1e-4)


def test_refused_local_path_falls_back_to_streaming(provider, capabilities, monkeypatch, tmp_path):
    require(capabilities, "upward-continuation")
    monkeypatch.setenv("GISBRIDGE_LOCAL_PATHS", "1")  # the session server has no --allow-root
    feedback = run_residual(str(tmp_path / "residual.tif"))
    assert any(FALLBACK in m for m in feedback.messages), feedback.messages
    assert raster_facts(str(tmp_path / "residual.tif"))[:2] == (160, 160)
