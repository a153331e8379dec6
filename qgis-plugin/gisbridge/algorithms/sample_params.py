"""Parameters shared by the Regions algorithms: the sample points input and the ordering options."""
from qgis.core import QgsProcessing, QgsProcessingParameterEnum, QgsProcessingParameterFeatureSource

from ..client.files import file_items
from .base import GisBridgeAlgorithm

ORDER_BY = (("Longitude", "longitude"), ("Distance along the ridge", "along-ridge"))


def add_samples(algorithm, description="Samples with indices (output of Geochemical anomaly indices)"):
    algorithm.addParameter(QgsProcessingParameterFeatureSource("INPUT", description, [QgsProcessing.TypeVectorPoint]))


def add_order_by(algorithm):
    algorithm.addParameter(QgsProcessingParameterEnum("ORDER_BY", "Order samples by", [o[0] for o in ORDER_BY],
                                                      defaultValue=0))


def order_by(algorithm, parameters, context):
    return ORDER_BY[algorithm.parameterAsEnum(parameters, "ORDER_BY", context)][1]


def fields(algorithm, parameters, name, context):
    return list(algorithm.parameterAsFields(parameters, name, context) or [])


class SamplesAlgorithm(GisBridgeAlgorithm):
    """An algorithm whose input is the samples layer INPUT and whose result is the first file the server returns."""

    def inputs(self, parameters, context, feedback):
        return file_items(self.vector_source(parameters, "INPUT", context, feedback), "samples", local=self.local_paths)

    def destination(self, kind, header, index, parameters, context):
        return self.received_path(header) if kind == "file" and index == 0 else None
