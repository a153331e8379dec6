"""Reports people read: a short summary in the Processing log, the full report beside the outputs, 100 % at the end."""
import json
import os

from conftest import GALE, recording_feedback, require


def test_import_report_is_summarised_and_written_beside_the_output(provider, capabilities, tmp_path):
    require(capabilities, "anomaly-indices")
    import processing
    out = str(tmp_path / "samples.gpkg")
    feedback = recording_feedback()
    processing.run("gisbridge:anomalyindices", {"INPUT": GALE, "OUTPUT": out}, feedback=feedback)
    log = "\n".join(feedback.messages)
    assert "rows read: " in log and "columns mapped: " in log, log
    assert "\\u00" not in log and not any(m.lstrip().startswith("{") for m in feedback.messages), log
    assert all(len(m) < 2000 for m in feedback.messages)
    json_path, md_path = (os.path.join(str(tmp_path), "samples_anomalyindices_report" + ext) for ext in (".json", ".md"))
    with open(json_path, encoding="utf-8") as f:
        report = json.load(f)
    with open(md_path, encoding="utf-8") as f:
        page = f.read()
    assert report["import"]["rows_read"] > 1000 and "rows read: {}".format(report["import"]["rows_read"]) in page
    assert page.startswith("# ") and "## Summary" in page
    assert feedback.values and feedback.values[-1] == 100
