"""gisbridge:gridstations -> GravityReduction.GridStations (station reduction and GDAL gridding)."""
from qgis.core import (QgsProcessingParameterEnum, QgsProcessingParameterFile, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination, QgsProcessingParameterString)

from ..client import protocol
from ..client.files import file_items
from .base import GisBridgeAlgorithm
from .reduction_params import SingleRasterOutput, add_reduction, fill_reduction

VALUES = (("Simple Bouguer anomaly", "STATION_VALUE_KIND_BOUGUER"), ("Free-air anomaly", "STATION_VALUE_KIND_FREE_AIR"),
          ("A value column as it is", "STATION_VALUE_KIND_COLUMN"))
ALGORITHMS = (("Inverse distance (power 2)", "invdist"), ("Linear (Delaunay)", "linear"), ("Moving average", "average"))


class GridStations(SingleRasterOutput, GisBridgeAlgorithm):
    ID = "gridstations"
    DISPLAY_NAME = "Grid gravity stations"
    GROUP, GROUP_ID = "Gravity reduction", "gravityreduction"
    SERVICE, METHOD, REQUEST = "GravityReduction", "GridStations", "GridStationsRequest"
    CAPABILITY = "grid-stations"
    HELP = ("<p>Ground gravity stations (CSV, or CSV compressed with xz; longitude/latitude in degrees, station "
            "height in metres, observed absolute gravity in mGal) reduced station by station to the Bouguer or "
            "free-air anomaly, then gridded by GDAL (gdal_grid's inverse distance, Delaunay linear or moving average). "
            "Cells with no station within the maximum distance are nodata.</p>"
            "<p>Station heights above sea level are used as observation heights: the geoid undulation (tens of metres) "
            "is not applied, so the result is an anomaly in the classical sense, not a disturbance.</p>")

    def define(self):
        self.addParameter(QgsProcessingParameterFile("INPUT", "Station table (.csv or .csv.xz)"))
        self.addParameter(QgsProcessingParameterEnum("VALUE", "Value to grid", [v[0] for v in VALUES], defaultValue=0))
        for name, label, default in (("LON", "Longitude column", "longitude"), ("LAT", "Latitude column", "latitude"),
                                     ("HEIGHT_COLUMN", "Station height column (m)", "height_sea_level_m"),
                                     ("GRAVITY_COLUMN", "Observed gravity column (mGal)", "gravity_mgal"),
                                     ("VALUE_COLUMN", "Value column (for 'a value column')", "")):
            self.addParameter(QgsProcessingParameterString(name, label, default, optional=True))
        self.addParameter(QgsProcessingParameterEnum("ALGORITHM", "Gridding", [a[0] for a in ALGORITHMS], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber("CELL", "Cell size (degrees)", QgsProcessingParameterNumber.Double,
                                                       0.05, False, 0.0001, 10.0))
        self.addParameter(QgsProcessingParameterNumber("MAX_DISTANCE", "Nodata farther than (km) from any station",
                                                       QgsProcessingParameterNumber.Double, 25.0, False, 0.01, 5000.0))
        self.addParameter(QgsProcessingParameterNumber("DENSITY", "Crust density (kg/m³)", QgsProcessingParameterNumber.Double,
                                                       2670.0, False, 1.0, 9999.0))
        add_reduction(self, heights=False)
        self.addParameter(QgsProcessingParameterRasterDestination("OUTPUT", "Gridded anomaly"))

    def layer_name(self, parameters, context):
        value = self.parameterAsEnum(parameters, "VALUE", context)
        return "Gridded " + VALUES[value][0].lower() + (" (mGal)" if value < 2 else "")

    def options(self, parameters, context, feedback):
        options = protocol.gb("GridStationsOptions")()
        options.longitude_column = self.parameterAsString(parameters, "LON", context)
        options.latitude_column = self.parameterAsString(parameters, "LAT", context)
        options.height_column = self.parameterAsString(parameters, "HEIGHT_COLUMN", context)
        options.gravity_column = self.parameterAsString(parameters, "GRAVITY_COLUMN", context)
        options.value_column = self.parameterAsString(parameters, "VALUE_COLUMN", context)
        options.value = protocol.enum_value("gisbridge.v1.StationValueKind", VALUES[self.parameterAsEnum(parameters, "VALUE", context)][1])
        options.algorithm = ALGORITHMS[self.parameterAsEnum(parameters, "ALGORITHM", context)][1]
        options.cell_size_deg = self.parameterAsDouble(parameters, "CELL", context)
        options.max_distance_km = self.parameterAsDouble(parameters, "MAX_DISTANCE", context)
        options.crust_density = self.parameterAsDouble(parameters, "DENSITY", context)
        fill_reduction(self, parameters, context, options, heights=False)
        return options

    def inputs(self, parameters, context, feedback):
        return file_items(self.parameterAsFile(parameters, "INPUT", context), "stations", local=self.local_paths)
