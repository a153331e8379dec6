"""gisbridge:ridgeprofile -> Regions.RidgeProfile (index profiles along a ridge as chart and table)."""
from qgis.core import (QgsProcessingParameterField, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterNumber, QgsProcessingParameterString)

from ..client import protocol
from .sample_params import SamplesAlgorithm, add_order_by, add_samples, order_by


class RidgeProfile(SamplesAlgorithm):
    ID = "ridgeprofile"
    DISPLAY_NAME = "Ridge profile chart"
    GROUP, GROUP_ID = "Regions", "regions"
    SERVICE, METHOD, REQUEST = "Regions", "RidgeProfile", "RidgeProfileRequest"
    CAPABILITY = "ridge-profile"
    HELP = ("<p>Plots indices (default Δ8/4; several separated by commas) against longitude or distance along the "
            "ridge, one series per group, and writes the chart (PNG, optional SVG) and the plotted values (CSV).</p>")

    def define(self):
        add_samples(self)
        self.addParameter(QgsProcessingParameterString("INDICES", "Indices (comma separated)", "delta_8_4"))
        self.addParameter(QgsProcessingParameterField("GROUP_FIELD", "Series by (e.g. Province)", None, "INPUT",
                                                      optional=True))
        add_order_by(self)
        integer = QgsProcessingParameterNumber.Integer
        self.addParameter(QgsProcessingParameterNumber("WIDTH", "Chart width (px)", integer, 1200, False, 200, 8000))
        self.addParameter(QgsProcessingParameterNumber("HEIGHT", "Chart height (px)", integer, 600, False, 200, 8000))
        self.addParameter(QgsProcessingParameterString("TITLE", "Title", "", optional=True))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", "Chart (PNG)", "PNG files (*.png)"))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT_SVG", "Chart (SVG)", "SVG files (*.svg)",
                                                                optional=True, createByDefault=False))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT_TABLE", "Values (CSV)", "CSV files (*.csv)",
                                                                optional=True, createByDefault=False))

    def options(self, parameters, context, feedback):
        o = protocol.gb("RidgeProfileOptions")()
        o.indices.extend(i.strip() for i in self.parameterAsString(parameters, "INDICES", context).split(",") if i.strip())
        o.group_field = self.parameterAsString(parameters, "GROUP_FIELD", context)
        o.order_by = order_by(self, parameters, context)
        o.width = self.parameterAsInt(parameters, "WIDTH", context)
        o.height = self.parameterAsInt(parameters, "HEIGHT", context)
        o.title = self.parameterAsString(parameters, "TITLE", context)
        return o

    def results(self, outcome, parameters, context, feedback):
        results = {"OUTPUT": self.file_result(outcome, "chart_png", parameters, "OUTPUT", context)}
        for role, name in (("chart_svg", "OUTPUT_SVG"), ("table", "OUTPUT_TABLE")):
            path = self.file_result(outcome, role, parameters, name, context)
            if path:
                results[name] = path
        return results
