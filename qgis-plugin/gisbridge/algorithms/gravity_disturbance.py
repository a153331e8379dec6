"""gisbridge:gravitydisturbance -> GravityReduction.GravityDisturbance (observed minus normal gravity)."""
from qgis.core import QgsProcessingParameterBand, QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer

from ..client import protocol
from ..client.rasters import raster_items
from .base import GisBridgeAlgorithm
from .fft_params import band_index
from .reduction_params import SingleRasterOutput, HELP_HEIGHT, add_reduction, fill_reduction, height_items


class GravityDisturbance(SingleRasterOutput, GisBridgeAlgorithm):
    ID = "gravitydisturbance"
    DISPLAY_NAME = "Gravity disturbance / free-air anomaly"
    GROUP, GROUP_ID = "Gravity reduction", "gravityreduction"
    SERVICE, METHOD, REQUEST = "GravityReduction", "GravityDisturbance", "GravityDisturbanceRequest"
    CAPABILITY = "gravity-disturbance"
    HELP = ("<p>Observed <b>absolute</b> gravity (mGal, e.g. EIGEN-6C4 gravity magnitude) minus normal gravity at the "
            "observation point: the <b>gravity disturbance</b> with the exact method, the classical <b>free-air "
            "anomaly</b> with the 0.3086 mGal/m gradient. An anomaly grid given by mistake is refused.</p>" + HELP_HEIGHT +
            "<p><b>Output</b>: mGal, diverging ramp centred on zero.</p>")

    def define(self):
        self.addParameter(QgsProcessingParameterRasterLayer("INPUT", "Observed gravity (mGal)"))
        self.addParameter(QgsProcessingParameterBand("BAND", "Band", 1, "INPUT", optional=True))
        add_reduction(self)
        self.addParameter(QgsProcessingParameterRasterDestination("OUTPUT", "Gravity disturbance"))

    def layer_name(self, parameters, context):
        exact = self.parameterAsEnum(parameters, "METHOD", context) == 0
        return "Gravity disturbance (mGal)" if exact else "Free-air anomaly (mGal)"

    def options(self, parameters, context, feedback):
        options = protocol.gb("GravityDisturbanceOptions")()
        fill_reduction(self, parameters, context, options)
        options.band = band_index(self, parameters, context)
        return options

    def inputs(self, parameters, context, feedback):
        path, _layer = self.raster_source(parameters, "INPUT", context)
        yield from raster_items(path, "input", band_index(self, parameters, context), local=self.local_paths)
        yield from height_items(self, parameters, context)
