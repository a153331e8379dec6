"""gisbridge:bougueranomaly -> GravityReduction.BouguerAnomaly (simple Bouguer slab from a topography grid)."""
from qgis.core import (QgsProcessingParameterBand, QgsProcessingParameterNumber, QgsProcessingParameterRasterDestination,
                       QgsProcessingParameterRasterLayer)

from ..client import protocol
from ..client.rasters import raster_items
from .base import GisBridgeAlgorithm
from .fft_params import band_index


class BouguerAnomaly(GisBridgeAlgorithm):
    ID = "bougueranomaly"
    DISPLAY_NAME = "Simple Bouguer anomaly"
    GROUP, GROUP_ID = "Gravity reduction", "gravityreduction"
    SERVICE, METHOD, REQUEST = "GravityReduction", "BouguerAnomaly", "BouguerAnomalyRequest"
    CAPABILITY = "bouguer-anomaly"
    HELP = ("<p>Gravity disturbance or free-air anomaly (mGal) minus the infinite-slab Bouguer correction from a "
            "topography/bathymetry grid on the same grid: 2πGρ<sub>crust</sub>h on land, 2πG(ρ<sub>water</sub> - "
            "ρ<sub>crust</sub>)|h| at sea (water replaced by crust, so oceanic Bouguer anomalies are high).</p>"
            "<p><b>Outputs</b>: the Bouguer anomaly and optionally the correction, mGal.</p>")

    def define(self):
        self.addParameter(QgsProcessingParameterRasterLayer("INPUT", "Gravity disturbance or free-air anomaly (mGal)"))
        self.addParameter(QgsProcessingParameterBand("BAND", "Band", 1, "INPUT", optional=True))
        self.addParameter(QgsProcessingParameterRasterLayer("TOPOGRAPHY", "Topography / bathymetry (m), same grid"))
        self.addParameter(QgsProcessingParameterNumber("DENSITY", "Crust density (kg/m³)", QgsProcessingParameterNumber.Double,
                                                       2670.0, False, 1.0, 9999.0))
        self.addParameter(QgsProcessingParameterNumber("WATER_DENSITY", "Sea-water density (kg/m³)",
                                                       QgsProcessingParameterNumber.Double, 1030.0, False, 0.0, 9999.0))
        self.addParameter(QgsProcessingParameterRasterDestination("OUTPUT", "Bouguer anomaly"))
        self.addParameter(QgsProcessingParameterRasterDestination("CORRECTION", "Bouguer correction", optional=True,
                                                                  createByDefault=False))

    def options(self, parameters, context, feedback):
        options = protocol.gb("BouguerAnomalyOptions")()
        options.crust_density = self.parameterAsDouble(parameters, "DENSITY", context)
        options.water_density = self.parameterAsDouble(parameters, "WATER_DENSITY", context)
        options.want_correction = bool(parameters.get("CORRECTION"))
        options.band = band_index(self, parameters, context)
        return options

    def inputs(self, parameters, context, feedback):
        path, _layer = self.raster_source(parameters, "INPUT", context)
        yield from raster_items(path, "input", band_index(self, parameters, context), local=self.local_paths)
        topo, _layer = self.raster_source(parameters, "TOPOGRAPHY", context)
        yield from raster_items(topo, "topography", 0, local=self.local_paths)

    def destination(self, kind, header, index, parameters, context):
        if kind != "raster":
            return None
        name = "CORRECTION" if header.name == "correction" else "OUTPUT"
        return self.parameterAsOutputLayer(parameters, name, context)

    def results(self, outcome, parameters, context, feedback):
        paths = {role: items[0][0] for role, items in outcome.rasters.items()}
        self.load_styled(paths.get("bouguer"), context, "diverging_zero", name="Simple Bouguer anomaly (mGal)")
        results = {"OUTPUT": paths.get("bouguer")}
        if paths.get("correction"):
            self.load_styled(paths["correction"], context, "diverging_zero", name="Bouguer correction (mGal)")
            results["CORRECTION"] = paths["correction"]
        return results
