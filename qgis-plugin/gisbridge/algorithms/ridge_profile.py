"""gisbridge:ridgeprofile -> Regions.RidgeProfile (index profiles along a ridge as chart and table)."""
import itertools

from qgis.core import (QgsProcessing, QgsProcessingParameterBoolean, QgsProcessingParameterEnum,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField, QgsProcessingParameterNumber,
                       QgsProcessingParameterString)

from ..client import protocol
from ..client.files import file_items
from .chart_params import add_chart, chart_results, fill_chart
from .sample_params import SamplesAlgorithm, add_samples

ORDERS = (("Automatic (ridge axis for SWIR, CIR, SEIR, else longitude)", ""), ("Ridge axis", "axis"),
          ("Longitude", "longitude"), ("Distance along a straight fitted axis", "along-ridge"))


class RidgeProfile(SamplesAlgorithm):
    ID = "ridgeprofile"
    DISPLAY_NAME = "Ridge profile chart"
    GROUP, GROUP_ID = "Regions", "regions"
    SERVICE, METHOD, REQUEST = "Regions", "RidgeProfile", "RidgeProfileRequest"
    CAPABILITY = "ridge-profile"
    HELP = ("<p>Plots indices (default Δ8/4; several separated by commas, e.g. delta_8_4,delta_7_4,delta_sr,"
            "mg_number,na8) along the ridges as the study draws them: one panel column per ridge (SWIR, CIR, SEIR by "
            "default, when the samples' ridge field names them), x = distance along the ridge axis in km from a named "
            "end (SWIR from the Bouvet Triple Junction, CIR and SEIR from the Rodrigues Triple Junction; coarse axes "
            "through the triple junctions and the Gale et al. 2013 dredge positions), the Dupal threshold "
            "Δ8/4 = 40 and the NHRL (Δ = 0) as lines, and mean-shift change points with their bootstrap interval. "
            "Other orders (longitude, a straight fitted axis) draw one panel per index with a colour per group.</p>"
            "<p><b>Ridge axes</b> (optional): your own axis lines in longitude/latitude instead of the built-in ones, "
            "e.g. PB2002's ridge segments merged into one line per ridge, each drawn from the end distances are "
            "measured from; their name field must hold the same names as the samples' ridge field.</p>"
            "<p><b>Outputs</b>: the chart (PNG, optional SVG) and the plotted values (CSV).</p>")

    def define(self):
        add_samples(self)
        self.addParameter(QgsProcessingParameterString("INDICES", "Indices (comma separated)", "delta_8_4"))
        self.addParameter(QgsProcessingParameterField("GROUP_FIELD", "Ridge / series field (default ridge)", None, "INPUT",
                                                      optional=True))
        self.addParameter(QgsProcessingParameterEnum("ORDER_BY", "Order samples by", [o[0] for o in ORDERS], defaultValue=0))
        self.addParameter(QgsProcessingParameterString("RIDGES", "Ridges (axis order, comma separated)", "SWIR,CIR,SEIR",
                                                       optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource("AXES", "Ridge axes (lines in lon/lat, one per ridge)",
                                                              [QgsProcessing.TypeVectorLine], optional=True))
        self.addParameter(QgsProcessingParameterField("AXIS_NAME_FIELD", "Axis name field (default name)", None, "AXES",
                                                      optional=True))
        self.addParameter(QgsProcessingParameterNumber("MAX_OFFSET_KM", "Leave out samples farther off the axis (km)",
                                                       QgsProcessingParameterNumber.Double, 300, False, 1, 5000))
        self.addParameter(QgsProcessingParameterBoolean("CHANGE_POINTS", "Mark change points", True))
        add_chart(self, "Chart", "Values", 1800, 700, (200, 200))

    def options(self, parameters, context, feedback):
        o = protocol.gb("RidgeProfileOptions")()
        o.indices.extend(i.strip() for i in self.parameterAsString(parameters, "INDICES", context).split(",") if i.strip())
        o.group_field = self.parameterAsString(parameters, "GROUP_FIELD", context)
        o.order_by = ORDERS[self.parameterAsEnum(parameters, "ORDER_BY", context)][1]
        o.ridges.extend(r.strip() for r in self.parameterAsString(parameters, "RIDGES", context).split(",") if r.strip())
        o.axis_name_field = self.parameterAsString(parameters, "AXIS_NAME_FIELD", context)
        o.max_offset_km = self.parameterAsDouble(parameters, "MAX_OFFSET_KM", context)
        o.no_change_points = not self.parameterAsBool(parameters, "CHANGE_POINTS", context)
        fill_chart(self, parameters, context, o)
        return o

    def inputs(self, parameters, context, feedback):
        samples = super().inputs(parameters, context, feedback)
        if not parameters.get("AXES"):
            return samples
        return itertools.chain(samples, file_items(self.vector_source(parameters, "AXES", context, feedback), "axes",
                                                   local=self.local_paths))

    def results(self, outcome, parameters, context, feedback):
        return chart_results(self, outcome, parameters, context)
