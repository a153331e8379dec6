"""gisbridge:ggmnetdataset -> Lithology.GgmnetDataset (gravity grid + geological map -> training tiles)."""
import itertools

from qgis.core import (QgsProcessing, QgsProcessingParameterFeatureSource, QgsProcessingParameterField, QgsProcessingParameterFile,
                       QgsProcessingParameterFolderDestination, QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterLayer, QgsProcessingParameterString, QgsProcessingException)

from ..client import protocol
from ..client.files import file_items
from .base import GisBridgeAlgorithm
from .folder_output import folder_destination


class GgmnetDataset(GisBridgeAlgorithm):
    ID = "ggmnetdataset"
    DISPLAY_NAME = "Build GGMNet dataset"
    GROUP, GROUP_ID = "Lithology (GGMNet)", "lithology"
    SERVICE, METHOD, REQUEST = "Lithology", "GgmnetDataset", "GgmnetDatasetRequest"
    CAPABILITY = "ggmnet-dataset"
    HELP = ("<p>Cuts a gravity grid and a geological map (polygons with a lithology class field) into training "
            "tiles for GGMNet: windows of several sizes (degrees on geographic grids, metres on projected ones) slide "
            "over the grid and are resampled to the tile size (gravity in images/, rasterised classes in labels/); "
            "cells under the optional cover layer are left unlabelled. Tiles with under 10 % outcrop form the test "
            "set, 15 % of the others the validation set. Writes a dataset folder for <i>Train GGMNet</i>.</p>"
            "<p><b>Extra channels</b> (magnetics, radiometrics, elevation, derivatives; any CRS) are reprojected and "
            "resampled onto the gravity grid by GDAL (bilinear) and become further image channels; each channel is "
            "normalised with statistics stored in the model card.</p>"
            "<p><b>Unit colours</b>: a CSV of the map's own colours (rows value,R,G,B,A,unit, as the Predictive Geology "
            "Maps plugin writes them); classes named there are drawn in those colours in every later map.</p>"
            "<p><b>Holdout points</b> (outcrops, field stations): the map's labels within the holdout radius of each "
            "point are hidden from every tile, and the map's class at each point is kept in holdout.json, so that a "
            "trained model can be scored where the geology was observed (<code>gisbridge ggmnet-evaluate --subset "
            "holdout</code>). The radius is in the units of the window sizes.</p>")

    def define(self):
        self.addParameter(QgsProcessingParameterRasterLayer("INPUT", "Gravity grid"))
        self.addParameter(QgsProcessingParameterFeatureSource("GEOLOGY", "Geological map",
                                                              [QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField("CLASS_FIELD", "Lithology class field", None, "GEOLOGY"))
        self.addParameter(QgsProcessingParameterFeatureSource("COVER", "Cover (areas without labels)",
                                                              [QgsProcessing.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "CLASS_COLORS", "The map's unit colours (CSV rows value,R,G,B,A,unit)", extension="csv", optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers("CHANNELS", "Extra input channels (rasters)",
                                                               QgsProcessing.TypeRaster, optional=True))
        self.addParameter(QgsProcessingParameterString(
            "WINDOWS", "Window sizes (degrees on geographic grids, metres otherwise; comma separated)", "1,5,10,15"))
        integer = QgsProcessingParameterNumber.Integer
        self.addParameter(QgsProcessingParameterNumber("TILE", "Tile size (cells)", integer, 64, False, 16, 4096))
        self.addParameter(QgsProcessingParameterNumber("STRIDE_FRACTION", "Stride (fraction of the window)",
                                                       QgsProcessingParameterNumber.Double, 0.5, False, 0.05, 1.0))
        self.addParameter(QgsProcessingParameterNumber("SEED", "Random seed", integer, 42))
        self.addParameter(QgsProcessingParameterNumber(
            "SPATIAL_TEST", "Spatial split: easternmost fraction for test (0 = outcrop rule)",
            QgsProcessingParameterNumber.Double, 0.0, False, 0.0, 0.9))
        self.addParameter(QgsProcessingParameterFeatureSource("HOLDOUT_POINTS", "Holdout points (outcrops)",
                                                              [QgsProcessing.TypeVectorPoint], optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "HOLDOUT_RADIUS", "Holdout radius (units of the window sizes)", QgsProcessingParameterNumber.Double, 0.0,
            True, 0.0))
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT", "Dataset folder"))

    def options(self, parameters, context, feedback):
        o = protocol.gb("GgmnetDatasetOptions")()
        o.class_field = self.parameterAsString(parameters, "CLASS_FIELD", context)
        try:
            o.windows.extend(float(w) for w in self.parameterAsString(parameters, "WINDOWS", context).split(",") if w.strip())
        except ValueError:
            raise QgsProcessingException("WINDOWS: give numbers separated by commas, e.g. 1,5,10,15")
        o.tile = self.parameterAsInt(parameters, "TILE", context)
        o.stride_fraction = self.parameterAsDouble(parameters, "STRIDE_FRACTION", context)
        o.seed = self.parameterAsInt(parameters, "SEED", context)
        o.spatial_test_fraction = self.parameterAsDouble(parameters, "SPATIAL_TEST", context)
        if parameters.get("HOLDOUT_RADIUS") is not None:
            o.holdout_radius = self.parameterAsDouble(parameters, "HOLDOUT_RADIUS", context)
        return o

    def inputs(self, parameters, context, feedback):
        parts = [self.raster_input(parameters, "INPUT", context, "gravity"),
                 file_items(self.vector_source(parameters, "GEOLOGY", context, feedback), "geology", local=self.local_paths)]
        if parameters.get("COVER"):
            parts.append(file_items(self.vector_source(parameters, "COVER", context, feedback), "cover", local=self.local_paths))
        if parameters.get("HOLDOUT_POINTS"):
            parts.append(file_items(self.vector_source(parameters, "HOLDOUT_POINTS", context, feedback), "holdout_points",
                                    local=self.local_paths))
        if parameters.get("CLASS_COLORS"):
            parts.append(file_items(self.parameterAsFile(parameters, "CLASS_COLORS", context), "class_colors", local=self.local_paths))
        for layer in self.parameterAsLayerList(parameters, "CHANNELS", context) or []:
            if layer.providerType() != "gdal":
                raise QgsProcessingException("CHANNELS: '{}' is not a GDAL raster file".format(layer.name()))
            parts.append(file_items(layer.source(), "channel", local=self.local_paths))
        return itertools.chain(*parts)

    def destination(self, kind, header, index, parameters, context):
        return folder_destination(self.parameterAsString(parameters, "OUTPUT", context))(kind, header, index)

    def results(self, outcome, parameters, context, feedback):
        return {"OUTPUT": self.parameterAsString(parameters, "OUTPUT", context)}
