"""gisbridge:isotopediagram -> Analysis.IsotopeDiagram (Pb-Pb with NHRL and geochron, Sr-Nd, Sr-Pb)."""
from qgis.core import (QgsProcessingParameterField, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterNumber, QgsProcessingParameterString)

from ..client import protocol
from .sample_params import SamplesAlgorithm, add_samples


class IsotopeDiagram(SamplesAlgorithm):
    ID = "isotopediagram"
    DISPLAY_NAME = "Isotope diagrams (NHRL, geochron)"
    GROUP, GROUP_ID = "Analysis", "analysis"
    SERVICE, METHOD, REQUEST = "Analysis", "IsotopeDiagram", "IsotopeDiagramRequest"
    CAPABILITY = "isotope-diagram"
    HELP = ("<p>Draws 207Pb/204Pb and 208Pb/204Pb against 206Pb/204Pb with the Northern Hemisphere Reference Line "
            "of Hart (1984) and the 4.55 Ga geochron, 143Nd/144Nd against 87Sr/86Sr, and 87Sr/86Sr against "
            "206Pb/204Pb; points coloured by any field (ridge, cluster, region, prediction; numeric fields with "
            "many values in quintile classes).</p><p><b>Outputs</b>: the figure as PNG and SVG.</p>")

    def define(self):
        add_samples(self)
        self.addParameter(QgsProcessingParameterField("COLOR_FIELD", "Colour by", None, "INPUT", optional=True))
        integer = QgsProcessingParameterNumber.Integer
        self.addParameter(QgsProcessingParameterNumber("WIDTH", "Width (px)", integer, 1400, False, 400, 8000))
        self.addParameter(QgsProcessingParameterNumber("HEIGHT", "Height (px)", integer, 1100, False, 400, 8000))
        self.addParameter(QgsProcessingParameterString("TITLE", "Title", "", optional=True))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", "Diagrams (PNG)", "PNG files (*.png)"))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT_SVG", "Diagrams (SVG)", "SVG files (*.svg)",
                                                                optional=True, createByDefault=False))

    def options(self, parameters, context, feedback):
        o = protocol.gb("IsotopeDiagramOptions")()
        o.color_field = self.parameterAsString(parameters, "COLOR_FIELD", context)
        o.width = self.parameterAsInt(parameters, "WIDTH", context)
        o.height = self.parameterAsInt(parameters, "HEIGHT", context)
        o.title = self.parameterAsString(parameters, "TITLE", context)
        return o

    def destination(self, kind, header, index, parameters, context):
        return self.received_path(header) if kind == "file" and index == 0 else None

    def results(self, outcome, parameters, context, feedback):
        results = {"OUTPUT": self.file_result(outcome, "chart_png", parameters, "OUTPUT", context)}
        svg = self.file_result(outcome, "chart_svg", parameters, "OUTPUT_SVG", context)
        if svg:
            results["OUTPUT_SVG"] = svg
        return results
