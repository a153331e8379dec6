"""gisbridge:ggmnetpredict -> Lithology.GgmnetPredict (lithology map, confidence, entropy and uncertainty)."""
import itertools

from qgis.core import (QgsProcessingException, QgsProcessingParameterBoolean, QgsProcessingParameterEnum, QgsProcessingParameterFile,
                       QgsProcessingParameterNumber, QgsProcessingParameterRasterDestination,
                       QgsProcessingParameterRasterLayer, QgsProcessingParameterString)

from ..client import protocol
from ..client.files import folder_items
from .base import GisBridgeAlgorithm

DEVICES = (("CPU", "cpu"), ("CUDA GPU", "cuda"))
OUTPUTS = {"lithology": "OUTPUT", "confidence": "CONFIDENCE", "entropy": "ENTROPY", "uncertainty": "UNCERTAINTY"}


class GgmnetPredict(GisBridgeAlgorithm):
    ID = "ggmnetpredict"
    DISPLAY_NAME = "Predict lithology with GGMNet"
    GROUP, GROUP_ID = "Lithology (GGMNet)", "lithology"
    SERVICE, METHOD, REQUEST = "Lithology", "GgmnetPredict", "GgmnetPredictRequest"
    CAPABILITY = "ggmnet-predict"
    HELP = ("<p>Maps lithology from a gravity grid with a trained GGMNet model (sliding windows with overlap). "
            "The model folder is streamed to the server, or give the model path on the server instead.</p>"
            "<p><b>Outputs</b>: lithology classes (paletted, class names and colours from the model), confidence "
            "(highest class probability, greys), entropy, and optionally the uncertainty between views: each window "
            "is also run flipped and rotated (8 views, 8x slower) and the mutual information between class and view "
            "(nats) is mapped; it is 0 where every view agrees and high where the model's answer depends on how the "
            "data are turned, which is epistemic doubt rather than a mixed unit.</p>"
            "<p><b>Monte-Carlo dropout samples</b> (a model trained with dropout): the uncertainty is then the mutual "
            "information between the class and the network sampled that many times with its dropout on (Gal and "
            "Ghahramani 2016), over the flipped/rotated views too when FLIP_VIEWS is set; the class map is the mean "
            "of the samples. The samples are random, so two runs differ slightly.</p>")

    def define(self):
        self.addParameter(QgsProcessingParameterRasterLayer("INPUT", "Gravity grid"))
        self.addParameter(QgsProcessingParameterFile("MODEL", "Model folder", QgsProcessingParameterFile.Folder,
                                                     optional=True))
        self.addParameter(QgsProcessingParameterString("MODEL_PATH", "Model folder on the server (instead of MODEL)",
                                                       optional=True))
        integer = QgsProcessingParameterNumber.Integer
        self.addParameter(QgsProcessingParameterNumber("WINDOW", "Window (cells, 0 = 512)", integer, 0, False, 0))
        self.addParameter(QgsProcessingParameterNumber("OVERLAP", "Window overlap (fraction)",
                                                       QgsProcessingParameterNumber.Double, 0.25, False, 0.0, 0.95))
        self.addParameter(QgsProcessingParameterEnum("DEVICE", "Device", [d[0] for d in DEVICES], defaultValue=0))
        self.addParameter(QgsProcessingParameterRasterDestination("OUTPUT", "Lithology"))
        self.addParameter(QgsProcessingParameterRasterDestination("CONFIDENCE", "Confidence", optional=True))
        self.addParameter(QgsProcessingParameterRasterDestination("ENTROPY", "Entropy", optional=True,
                                                                  createByDefault=False))
        self.addParameter(QgsProcessingParameterRasterDestination(
            "UNCERTAINTY", "Uncertainty (mutual information, nats)", optional=True, createByDefault=False))
        self.addParameter(QgsProcessingParameterNumber("MC_DROPOUT", "Monte-Carlo dropout samples (0 = flipped/rotated views only)",
                                                       integer, 0, False, 0, 64))
        self.addParameter(QgsProcessingParameterBoolean("FLIP_VIEWS", "With dropout samples, also the 8 flipped/rotated views", False))

    def options(self, parameters, context, feedback):
        o = protocol.gb("GgmnetPredictOptions")()
        o.model_path = self.parameterAsString(parameters, "MODEL_PATH", context)
        if not o.model_path and not parameters.get("MODEL"):
            raise QgsProcessingException("MODEL: give the model folder (or MODEL_PATH, a folder on the server)")
        o.window = self.parameterAsInt(parameters, "WINDOW", context)
        o.overlap = self.parameterAsDouble(parameters, "OVERLAP", context)
        o.device = DEVICES[self.parameterAsEnum(parameters, "DEVICE", context)][1]
        o.want_confidence = bool(parameters.get("CONFIDENCE"))
        o.want_entropy = bool(parameters.get("ENTROPY"))
        uncertainty = bool(parameters.get("UNCERTAINTY"))
        o.mc_dropout_samples = self.parameterAsInt(parameters, "MC_DROPOUT", context) if uncertainty else 0
        o.want_uncertainty = uncertainty and (o.mc_dropout_samples == 0 or self.parameterAsBool(parameters, "FLIP_VIEWS", context))
        return o

    def inputs(self, parameters, context, feedback):
        parts = [self.raster_input(parameters, "INPUT", context, "input")]
        if parameters.get("MODEL") and not self.parameterAsString(parameters, "MODEL_PATH", context):
            parts.append(_prefixed(folder_items(self.parameterAsFile(parameters, "MODEL", context), "model", local=self.local_paths), "model/"))
        return itertools.chain(*parts)

    def destination(self, kind, header, index, parameters, context):
        name = OUTPUTS.get(header.name)
        if kind == "raster" and index == 0 and name and parameters.get(name):
            return self.parameterAsOutputLayer(parameters, name, context)
        return None

    def results(self, outcome, parameters, context, feedback):
        results = {}
        samples = self.parameterAsInt(parameters, "MC_DROPOUT", context)
        doubt = ("Disagreement of {} sampled networks (nats)".format(samples) if samples
                 else "Disagreement of flipped/rotated views (nats)")
        for role, style, name in (("lithology", "paletted", "Predicted lithology"),
                                  ("confidence", "greys", "Confidence (top-class probability, 0-1)"),
                                  ("entropy", "sequential", "Predictive entropy (nats)"),
                                  ("uncertainty", "sequential", doubt)):
            path = outcome.raster(role)
            if path:
                self.load_styled(path, context, style, name=name)
                results[OUTPUTS[role]] = path
        return results


def _prefixed(items, prefix):
    """Model files travel as 'model/<relative name>' (the server tells them from the input raster that way)."""
    for item in items:
        if item.WhichOneof("item") == "file_header":
            item.file_header.file_name = prefix + item.file_header.file_name
        yield item
