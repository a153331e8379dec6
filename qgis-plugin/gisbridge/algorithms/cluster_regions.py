"""gisbridge:clusterregions -> Regions.ClusterRegions (k-means / Gaussian mixture / DBSCAN on indices)."""
from qgis.core import (QgsProcessingParameterBoolean, QgsProcessingParameterEnum, QgsProcessingParameterField,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterVectorDestination)

from ..client import protocol
from .sample_params import SamplesAlgorithm, add_samples, fields

METHODS = (("k-means", "CLUSTER_METHOD_KMEANS"), ("Gaussian mixture", "CLUSTER_METHOD_GAUSSIAN_MIXTURE"),
           ("DBSCAN", "CLUSTER_METHOD_DBSCAN"))
CRITERIA = (("Silhouette", "silhouette"), ("Calinski-Harabasz", "calinski-harabasz"),
            ("BIC (Gaussian mixture)", "bic"))
MISSING = (("Drop samples with missing values", "MISSING_VALUE_DROP"), ("Impute the median", "MISSING_VALUE_IMPUTE_MEDIAN"))


class ClusterRegions(SamplesAlgorithm):
    ID = "clusterregions"
    DISPLAY_NAME = "Cluster anomaly regions"
    GROUP, GROUP_ID = "Regions", "regions"
    SERVICE, METHOD, REQUEST = "Regions", "ClusterRegions", "ClusterRegionsRequest"
    CAPABILITY = "cluster-regions"
    HELP = ("<p>Groups samples into geochemical provinces by clustering standardised indices (optionally log "
            "transformed, optionally with a weight on location). With k = 0 the number of clusters is chosen over "
            "[k min, k max] by the silhouette, Calinski-Harabasz or (Gaussian mixture) BIC criterion. Default indices: "
            "Δ8/4, Δ7/4, ΔSr, εNd, La/Sm, Sm/Yb, Nb/Zr.</p>"
            "<p><b>Outputs</b>: samples with <i>cluster</i> and <i>membership</i> (categorised), region polygons, "
            "centroids CSV; the choice of k is in the log.</p>")

    def define(self):
        add_samples(self)
        self.addParameter(QgsProcessingParameterField("FEATURES", "Indices to cluster on (empty = server default)",
                                                      parentLayerParameterName="INPUT", allowMultiple=True,
                                                      type=QgsProcessingParameterField.Numeric, optional=True))
        self.addParameter(QgsProcessingParameterEnum("METHOD", "Method", [m[0] for m in METHODS], defaultValue=0))
        integer = QgsProcessingParameterNumber.Integer
        self.addParameter(QgsProcessingParameterNumber("K", "Number of clusters (0 = choose)", integer, 0, False, 0))
        self.addParameter(QgsProcessingParameterNumber("K_MIN", "k min", integer, 2, False, 2))
        self.addParameter(QgsProcessingParameterNumber("K_MAX", "k max", integer, 10, False, 2))
        self.addParameter(QgsProcessingParameterEnum("CRITERION", "Criterion for k", [c[0] for c in CRITERIA], defaultValue=0))
        self.addParameter(QgsProcessingParameterEnum("MISSING", "Missing values", [m[0] for m in MISSING], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber("LOCATION_WEIGHT", "Weight of location (0 = none)",
                                                       QgsProcessingParameterNumber.Double, 0.0, False, 0.0))
        self.addParameter(QgsProcessingParameterBoolean("LOG_TRANSFORM", "Log-transform positive indices", False))
        self.addParameter(QgsProcessingParameterNumber("SEED", "Random seed", integer, 42))
        self.addParameter(QgsProcessingParameterNumber("DBSCAN_EPS", "DBSCAN eps (standardised units, 0 = default)",
                                                       QgsProcessingParameterNumber.Double, 0.0, False, 0.0))
        self.addParameter(QgsProcessingParameterNumber("DBSCAN_MIN_POINTS", "DBSCAN min points (0 = default)",
                                                       integer, 0, False, 0))
        self.addParameter(QgsProcessingParameterVectorDestination("OUTPUT", "Clustered samples"))
        self.addParameter(QgsProcessingParameterVectorDestination("REGIONS", "Region polygons", optional=True,
                                                                  createByDefault=False))
        self.addParameter(QgsProcessingParameterFileDestination("CENTROIDS", "Centroids (CSV)", "CSV files (*.csv)",
                                                                optional=True, createByDefault=False))

    def options(self, parameters, context, feedback):
        o = protocol.gb("ClusterRegionsOptions")()
        o.features.extend(fields(self, parameters, "FEATURES", context))
        o.method = protocol.enum_value("gisbridge.v1.ClusterMethod", METHODS[self.parameterAsEnum(parameters, "METHOD", context)][1])
        o.k = self.parameterAsInt(parameters, "K", context)
        o.k_min = self.parameterAsInt(parameters, "K_MIN", context)
        o.k_max = self.parameterAsInt(parameters, "K_MAX", context)
        o.criterion = CRITERIA[self.parameterAsEnum(parameters, "CRITERION", context)][1]
        o.missing = protocol.enum_value("gisbridge.v1.MissingValuePolicy", MISSING[self.parameterAsEnum(parameters, "MISSING", context)][1])
        o.location_weight = self.parameterAsDouble(parameters, "LOCATION_WEIGHT", context)
        o.log_transform = self.parameterAsBool(parameters, "LOG_TRANSFORM", context)
        o.seed = self.parameterAsInt(parameters, "SEED", context)
        o.dbscan_eps = self.parameterAsDouble(parameters, "DBSCAN_EPS", context)
        o.dbscan_min_points = self.parameterAsInt(parameters, "DBSCAN_MIN_POINTS", context)
        return o

    def results(self, outcome, parameters, context, feedback):
        samples = self.vector_result(outcome, "samples", parameters, "OUTPUT", context)
        self.load_styled(samples, context, "categorised", "cluster")
        results = {"OUTPUT": samples}
        regions = self.vector_result(outcome, "regions", parameters, "REGIONS", context)
        if regions:
            self.load_styled(regions, context, "categorised", "cluster")
            results["REGIONS"] = regions
        centroids = self.file_result(outcome, "centroids", parameters, "CENTROIDS", context)
        if centroids:
            results["CENTROIDS"] = centroids
        return results
