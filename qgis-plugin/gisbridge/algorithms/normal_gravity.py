"""gisbridge:normalgravity -> GravityReduction.NormalGravity (normal gravity of the reference ellipsoid on a grid)."""
from qgis.core import QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer

from ..client import protocol
from ..client.rasters import raster_items
from .base import GisBridgeAlgorithm
from .reduction_params import SingleRasterOutput, HELP_HEIGHT, add_reduction, fill_reduction, height_items


class NormalGravity(SingleRasterOutput, GisBridgeAlgorithm):
    ID = "normalgravity"
    DISPLAY_NAME = "Normal gravity"
    GROUP, GROUP_ID = "Gravity reduction", "gravityreduction"
    SERVICE, METHOD, REQUEST = "GravityReduction", "NormalGravity", "NormalGravityRequest"
    CAPABILITY = "normal-gravity"
    STYLE = "sequential"
    LAYER_NAME = "Normal gravity (mGal)"
    HELP = ("<p>Normal gravity (mGal) of the WGS84 or GRS80 reference ellipsoid on the grid of a template raster: "
            "Somigliana's closed form on the ellipsoid, and the exact closed form at height (Li &amp; Götze 2001, as "
            "Boule's normal_gravity) or the linear 0.3086 mGal/m free-air gradient.</p>" + HELP_HEIGHT)

    def define(self):
        self.addParameter(QgsProcessingParameterRasterLayer("INPUT", "Template grid (geographic)"))
        add_reduction(self)
        self.addParameter(QgsProcessingParameterRasterDestination("OUTPUT", "Normal gravity"))

    def options(self, parameters, context, feedback):
        options = protocol.gb("NormalGravityOptions")()
        fill_reduction(self, parameters, context, options)
        return options

    def inputs(self, parameters, context, feedback):
        path, _layer = self.raster_source(parameters, "INPUT", context)
        yield from raster_items(path, "template", 0, local=self.local_paths)
        yield from height_items(self, parameters, context)
