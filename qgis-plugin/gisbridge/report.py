"""A job's JSON report for people: a short summary for the Processing log, and the full report as files (JSON for
tools, Markdown to read) beside the outputs."""
import json
import os

LIST_SHOWN = 8  # items of a list named in the summary; the files hold all of them


def _label(key):
    return str(key).replace("_", " ")


def _item(value):
    if isinstance(value, dict):
        parts = [str(v) for v in value.values() if not isinstance(v, (dict, list))][:3]
        return " / ".join(parts) if parts else json.dumps(value, ensure_ascii=False)
    return str(value)


def summary_lines(report, depth=0):
    """'rows read: 1000', 'rows dropped: no location 3, not a basalt 2', 'columns mapped: 25 (SIO2 / sio2 ...)'."""
    lines = []
    for key, value in report.items():
        if key == "timings" or key.endswith(("_ms", "_s")) or value is None:  # timings are for benchmarks
            continue
        if isinstance(value, dict):
            if value and all(isinstance(v, (int, float)) for v in value.values()):
                lines.append("{}: {}".format(_label(key), ", ".join("{} {}".format(k, v) for k, v in value.items())))
            elif value and depth < 1:
                lines += summary_lines(value, depth + 1)  # e.g. the "import" section of an import report
            elif value:
                lines.append("{}: {} entries (see the report file)".format(_label(key), len(value)))
        elif isinstance(value, list):
            if not value:
                continue
            shown = "; ".join(_item(v) for v in value[:LIST_SHOWN])
            more = ", ..." if len(value) > LIST_SHOWN else ""
            lines.append("{}: {} ({}{})".format(_label(key), len(value), shown, more))
        else:
            lines.append("{}: {}".format(_label(key), value))
    return lines


def markdown(title, message, warnings, report):
    out = ["# " + title, "", message or "", ""]
    if warnings:
        out += ["## Warnings", ""] + ["- " + w for w in warnings] + [""]
    out += ["## Summary", ""] + ["- " + line for line in summary_lines(report)] + [""]
    for key, value in report.items():
        if isinstance(value, list) and value:
            out += ["## " + _label(key), ""] + ["- " + _item(v) for v in value] + [""]
    return "\n".join(out)


def write_files(folder, stem, title, result):
    """stem.json and stem.md in folder; returns their paths."""
    report = json.loads(result.report_json)
    os.makedirs(folder, exist_ok=True)
    json_path, md_path = os.path.join(folder, stem + ".json"), os.path.join(folder, stem + ".md")
    with open(json_path, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2, ensure_ascii=False)
    with open(md_path, "w", encoding="utf-8") as f:
        f.write(markdown(title, result.message, list(result.warnings), report))
    return json_path, md_path
