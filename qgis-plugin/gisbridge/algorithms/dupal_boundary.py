"""gisbridge:dupalboundary -> Regions.DupalBoundary (change points along the ridge and the map-view boundary)."""
from osgeo import ogr
from qgis.core import (QgsProcessingContext, QgsProcessingOutputVectorLayer, QgsProcessingParameterField,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterString)

from ..client import protocol
from .sample_params import SamplesAlgorithm, add_order_by, add_samples, order_by


class DupalBoundary(SamplesAlgorithm):
    ID = "dupalboundary"
    DISPLAY_NAME = "Dupal boundary"
    GROUP, GROUP_ID = "Regions", "regions"
    SERVICE, METHOD, REQUEST = "Regions", "DupalBoundary", "DupalBoundaryRequest"
    CAPABILITY = "dupal-boundary"
    HELP = ("<p>Locates where an isotope index (default Δ8/4) changes significantly along a ridge (change points "
            "tested at the given p-value, minimum samples per segment) and traces the map-view boundary of the "
            "Dupal anomaly at the threshold (default Δ8/4 = 40).</p><p><b>Output</b>: a GeoPackage with the change "
            "points and the boundary lines; the boundary is loaded as a styled line.</p>")

    def define(self):
        add_samples(self)
        self.addParameter(QgsProcessingParameterString("INDEX", "Index", "delta_8_4"))
        self.addParameter(QgsProcessingParameterField("GROUP_FIELD", "Group by (e.g. Province)", None, "INPUT",
                                                      optional=True))
        add_order_by(self)
        double = QgsProcessingParameterNumber.Double
        self.addParameter(QgsProcessingParameterNumber("SIGNIFICANCE", "Significance (p-value)", double, 0.01, False, 1e-9, 0.5))
        self.addParameter(QgsProcessingParameterNumber("MIN_SEGMENT", "Minimum samples per segment",
                                                       QgsProcessingParameterNumber.Integer, 5, False, 2))
        self.addParameter(QgsProcessingParameterNumber("THRESHOLD", "Dupal threshold", double, 40.0))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", "Boundary (GeoPackage)",
                                                                "GeoPackage (*.gpkg)"))
        self.addOutput(QgsProcessingOutputVectorLayer("BOUNDARY", "Boundary lines"))

    def options(self, parameters, context, feedback):
        o = protocol.gb("DupalBoundaryOptions")()
        o.index = self.parameterAsString(parameters, "INDEX", context)
        o.group_field = self.parameterAsString(parameters, "GROUP_FIELD", context)
        o.order_by = order_by(self, parameters, context)
        o.significance = self.parameterAsDouble(parameters, "SIGNIFICANCE", context)
        o.min_segment = self.parameterAsInt(parameters, "MIN_SEGMENT", context)
        o.threshold = self.parameterAsDouble(parameters, "THRESHOLD", context)
        return o

    def results(self, outcome, parameters, context, feedback):
        path = self.file_result(outcome, "boundary", parameters, "OUTPUT", context)
        results = {"OUTPUT": path}
        for name, is_line in _layers(path):
            uri = "{}|layername={}".format(path, name)
            details = QgsProcessingContext.LayerDetails(name, context.project(), "OUTPUT")
            context.addLayerToLoadOnCompletion(uri, details)
            # Lines: the boundary; points: the change points, labelled by whether they cross the threshold.
            self.load_styled(uri, context, "line" if is_line else "change_points")
            if is_line and "BOUNDARY" not in results:
                results["BOUNDARY"] = uri
        return results


def _layers(path):
    """(name, is_line) for each layer of the received GeoPackage."""
    ds = ogr.Open(path) if path else None
    if ds is None:
        return []
    lines = (ogr.wkbLineString, ogr.wkbMultiLineString)
    return [(ds.GetLayer(i).GetName(), ogr.GT_Flatten(ds.GetLayer(i).GetGeomType()) in lines)
            for i in range(ds.GetLayerCount())]
