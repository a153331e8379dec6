"""Help pages behind each dialog's Help button: built from the algorithm's own definitions (its help text,
parameters with their defaults, outputs), so they never disagree with the dialog; written into the QGIS profile
(the plugin folder may be read-only) when missing or changed, and opened offline."""
import html
import os

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} - GisBridge</title>
<style>body{{font-family:sans-serif;max-width:52em;margin:2em auto;line-height:1.45}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}}
code{{background:#f3f3f3}}</style></head><body>
<h1>{title}</h1>
<p><small>Processing Toolbox &gt; GisBridge &gt; {group} &nbsp;|&nbsp; algorithm id <code>gisbridge:{id}</code>
&nbsp;|&nbsp; plugin {version}</small></p>
{help}
<h2>Parameters</h2>
<table><tr><th>Name</th><th>Label</th><th>Type</th><th>Default</th></tr>
{parameters}
</table>
<h2>Outputs</h2>
<ul>{outputs}</ul>
<p><small>Batch use: <code>qgis_process run gisbridge:{id} --NAME=value ...</code>. The same computation is a verb of
the server's command line (<code>gisbridge --help</code>).</small></p>
</body></html>
"""


def plugin_version():
    import configparser
    meta = configparser.ConfigParser()
    meta.read(os.path.join(os.path.dirname(__file__), "metadata.txt"), encoding="utf-8")
    return meta.get("general", "version", fallback="0")


def help_folder():
    from qgis.core import QgsApplication
    return os.path.join(QgsApplication.qgisSettingsDirPath(), "gisbridge-help", plugin_version())


def _default(parameter):
    value = parameter.defaultValue()
    options = parameter.options() if hasattr(parameter, "options") else None
    if options and isinstance(value, int) and 0 <= value < len(options):
        return options[value]
    return "" if value is None else str(value)


def page(algorithm):
    rows, outputs = [], []
    for p in algorithm.parameterDefinitions():
        if p.isDestination():
            continue
        optional = " (optional)" if p.flags() & p.FlagOptional else ""
        rows.append("<tr><td><code>{}</code></td><td>{}{}</td><td>{}</td><td>{}</td></tr>".format(
            html.escape(p.name()), html.escape(p.description()), optional, html.escape(p.type()),
            html.escape(_default(p))))
    for p in algorithm.destinationParameterDefinitions():
        outputs.append("<li><code>{}</code>: {}</li>".format(html.escape(p.name()), html.escape(p.description())))
    return PAGE.format(title=html.escape(algorithm.displayName()), group=html.escape(algorithm.group()),
                       id=html.escape(algorithm.name()), version=html.escape(plugin_version()),
                       help=algorithm.shortHelpString(), parameters="\n".join(rows), outputs="".join(outputs))


def help_url(algorithm):
    """file:// URL of the algorithm's page."""
    from qgis.PyQt.QtCore import QUrl
    path = os.path.join(help_folder(), algorithm.name() + ".html")
    text = page(algorithm)
    if not os.path.isfile(path) or open(path, encoding="utf-8").read() != text:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temp = path + ".part"
        with open(temp, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, path)
    return QUrl.fromLocalFile(path).toString()
