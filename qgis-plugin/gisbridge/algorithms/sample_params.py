"""Parameters shared by the Regions algorithms: the sample points input and the ordering options."""
from qgis.core import QgsProcessing, QgsProcessingParameterEnum, QgsProcessingParameterFeatureSource

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
