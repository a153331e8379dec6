"""Chart size, title and the PNG / SVG / CSV outputs shared by the algorithms that draw one chart and its table."""
from qgis.core import QgsProcessingParameterFileDestination, QgsProcessingParameterNumber, QgsProcessingParameterString

OUTPUTS = (("chart_png", "OUTPUT"), ("chart_svg", "OUTPUT_SVG"), ("table", "OUTPUT_TABLE"))


def add_chart(algorithm, chart, table, width, height, minimum):
    """WIDTH / HEIGHT (px, default width x height, at least minimum = (w, h)), TITLE, and OUTPUT (PNG), OUTPUT_SVG
    and OUTPUT_TABLE (CSV) labelled `chart` and `table`."""
    integer = QgsProcessingParameterNumber.Integer
    algorithm.addParameter(QgsProcessingParameterNumber("WIDTH", "Chart width (px)", integer, width, False, minimum[0], 8000))
    algorithm.addParameter(QgsProcessingParameterNumber("HEIGHT", "Chart height (px)", integer, height, False, minimum[1], 8000))
    algorithm.addParameter(QgsProcessingParameterString("TITLE", "Title", "", optional=True))
    algorithm.addParameter(QgsProcessingParameterFileDestination("OUTPUT", chart + " (PNG)", "PNG files (*.png)"))
    algorithm.addParameter(QgsProcessingParameterFileDestination("OUTPUT_SVG", chart + " (SVG)", "SVG files (*.svg)",
                                                                 optional=True, createByDefault=False))
    algorithm.addParameter(QgsProcessingParameterFileDestination("OUTPUT_TABLE", table + " (CSV)", "CSV files (*.csv)",
                                                                 optional=True, createByDefault=False))


def fill_chart(algorithm, parameters, context, options):
    options.width = algorithm.parameterAsInt(parameters, "WIDTH", context)
    options.height = algorithm.parameterAsInt(parameters, "HEIGHT", context)
    options.title = algorithm.parameterAsString(parameters, "TITLE", context)


def chart_results(algorithm, outcome, parameters, context):
    """The outputs the server sent, moved to where the user asked."""
    results = {}
    for role, name in OUTPUTS:
        path = algorithm.file_result(outcome, role, parameters, name, context)
        if path:
            results[name] = path
    return results
