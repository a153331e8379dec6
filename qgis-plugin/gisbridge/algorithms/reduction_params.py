"""Reference ellipsoid, height reduction and observation-height parameters shared by the gravity reductions."""
from qgis.core import QgsProcessingParameterEnum, QgsProcessingParameterNumber, QgsProcessingParameterRasterLayer

from ..client import protocol
from ..client.rasters import raster_items

ELLIPSOIDS = (("WGS84", "REFERENCE_ELLIPSOID_KIND_WGS84"), ("GRS80", "REFERENCE_ELLIPSOID_KIND_GRS80"))
METHODS = (("Exact normal gravity at height (Li & Götze 2001): gravity disturbance", "HEIGHT_REDUCTION_KIND_EXACT"),
           ("Free-air gradient 0.3086 mGal/m: classical free-air anomaly", "HEIGHT_REDUCTION_KIND_FREE_AIR_GRADIENT"))

HELP_HEIGHT = ("<p><b>Height</b>: one observation height above the ellipsoid for the whole grid (EIGEN-6C4 grids from "
               "ICGEM are at 10,000 m), or a height raster on the same grid (e.g. the topography for surface data). "
               "Grids without a CRS whose coordinates are longitude/latitude are taken as WGS 84.</p>")


def add_reduction(algorithm, heights=True):
    algorithm.addParameter(QgsProcessingParameterEnum("ELLIPSOID", "Reference ellipsoid", [e[0] for e in ELLIPSOIDS], defaultValue=0))
    algorithm.addParameter(QgsProcessingParameterEnum("METHOD", "Normal gravity at height", [m[0] for m in METHODS], defaultValue=0))
    if heights:
        algorithm.addParameter(QgsProcessingParameterNumber("HEIGHT", "Observation height above the ellipsoid (m)",
                                                            QgsProcessingParameterNumber.Double, 0.0, False, -11000.0, 1000000.0))
        algorithm.addParameter(QgsProcessingParameterRasterLayer("HEIGHT_RASTER", "Observation heights (m), same grid",
                                                                 optional=True))


def fill_reduction(algorithm, parameters, context, options, heights=True):
    options.ellipsoid = protocol.enum_value("gisbridge.v1.ReferenceEllipsoidKind",
                                            ELLIPSOIDS[algorithm.parameterAsEnum(parameters, "ELLIPSOID", context)][1])
    options.method = protocol.enum_value("gisbridge.v1.HeightReductionKind",
                                         METHODS[algorithm.parameterAsEnum(parameters, "METHOD", context)][1])
    if heights:
        options.height_m = algorithm.parameterAsDouble(parameters, "HEIGHT", context)


def height_items(algorithm, parameters, context):
    if not parameters.get("HEIGHT_RASTER"):
        return []
    path, _layer = algorithm.raster_source(parameters, "HEIGHT_RASTER", context)
    return list(raster_items(path, "height", 0, local=algorithm.local_paths))


class SingleRasterOutput:
    """Mixin: one raster output "OUTPUT" loaded with the class's STYLE and named LAYER_NAME (units included)."""
    STYLE = "diverging_zero"
    LAYER_NAME = ""

    def destination(self, kind, header, index, parameters, context):
        return self.parameterAsOutputLayer(parameters, "OUTPUT", context) if kind == "raster" else None

    def layer_name(self, parameters, context):
        return self.LAYER_NAME

    def results(self, outcome, parameters, context, feedback):
        rasters = [items[0][0] for items in outcome.rasters.values()]
        path = rasters[0] if rasters else None
        self.load_styled(path, context, self.STYLE, name=self.layer_name(parameters, context) or None)
        return {"OUTPUT": path}
