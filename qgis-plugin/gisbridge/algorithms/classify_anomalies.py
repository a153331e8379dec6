"""gisbridge:classifyanomalies -> Regions.ClassifyAnomalies (train a classifier with blocked CV, or predict)."""
import itertools

from qgis.core import (QgsProcessing, QgsProcessingException, QgsProcessingParameterBoolean, QgsProcessingParameterEnum,
                       QgsProcessingParameterField, QgsProcessingParameterFile, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber, QgsProcessingParameterString,
                       QgsProcessingParameterVectorDestination)

from ..client import protocol
from ..client.files import file_items
from .base import GisBridgeAlgorithm
from .sample_params import add_samples, fields

MODES = (("Train a model", "CLASSIFY_MODE_TRAIN"), ("Predict with a model", "CLASSIFY_MODE_PREDICT"))
TRAINERS = (("FastTree (gradient-boosted trees)", "fasttree"), ("LightGBM", "lightgbm"))
RESAMPLING = (("None (class weights only)", "none"), ("Random undersampling", "random-under"),
              ("Random oversampling", "random-over"), ("SMOTE", "smote"))
CALIBRATIONS = (("None", "CALIBRATION_METHOD_NONE"), ("Platt scaling", "CALIBRATION_METHOD_PLATT"),
                ("Isotonic regression", "CALIBRATION_METHOD_ISOTONIC"))


class ClassifyAnomalies(GisBridgeAlgorithm):
    ID = "classifyanomalies"
    DISPLAY_NAME = "Classify anomalies (train / predict)"
    GROUP, GROUP_ID = "Regions", "regions"
    SERVICE, METHOD, REQUEST = "Regions", "ClassifyAnomalies", "ClassifyAnomaliesRequest"
    CAPABILITY = "classify-anomalies"
    HELP = ("<p><b>Train</b>: learns a label (e.g. <i>dupal</i>) from indicators with gradient-boosted trees and "
            "reports spatially blocked cross-validation (blocks of N degrees, or by a field such as the ridge "
            "segment) so that neighbouring samples do not leak between folds, beside leave-one-source-out (several "
            "files: each file is a source) and leave-one-region-out CV; balancing by class weights or by resampling "
            "inside each training fold only; optional Platt or isotonic calibration (reliability chart) and an <i>unknown</i> "
            "answer for samples far from the training data, counted apart in every score; optionally ranks the "
            "indicators per fold. Writes the model (zip).</p><p><b>Predict</b>: applies a model to samples and writes "
            "<i>predicted</i> and <i>probability</i> (categorised by prediction), and <i>answer</i> / <i>unknown</i> / "
            "<i>novelty</i> when the model has an unknown threshold.</p>")

    def define(self):
        self.addParameter(QgsProcessingParameterEnum("MODE", "Mode", [m[0] for m in MODES], defaultValue=0))
        add_samples(self)
        self.addParameter(QgsProcessingParameterField("LABEL", "Label field (train)", "dupal", "INPUT", optional=True))
        self.addParameter(QgsProcessingParameterField("FEATURES", "Indicators to learn from (train)",
                                                      parentLayerParameterName="INPUT", allowMultiple=True,
                                                      type=QgsProcessingParameterField.Numeric, optional=True))
        integer, double = QgsProcessingParameterNumber.Integer, QgsProcessingParameterNumber.Double
        self.addParameter(QgsProcessingParameterNumber("FOLDS", "Cross-validation folds", integer, 5, False, 2))
        self.addParameter(QgsProcessingParameterNumber("BLOCK_SIZE", "Block size (degrees)", double, 5.0, False, 0.01))
        self.addParameter(QgsProcessingParameterField("BLOCK_FIELD", "Block by field instead", None, "INPUT", optional=True))
        self.addParameter(QgsProcessingParameterBoolean("RANK", "Rank indicators", True))
        self.addParameter(QgsProcessingParameterNumber("SEED", "Random seed", integer, 42))
        self.addParameter(QgsProcessingParameterEnum("TRAINER", "Trainer", [t[0] for t in TRAINERS], defaultValue=0))
        self.addParameter(QgsProcessingParameterMultipleLayers("MORE_SAMPLES", "More samples files trained on together "
                                                               "(train; each file is a source)", QgsProcessing.TypeFile,
                                                               optional=True))
        self.addParameter(QgsProcessingParameterEnum("RESAMPLING", "Resampling inside each training fold",
                                                     [r[0] for r in RESAMPLING], defaultValue=0))
        self.addParameter(QgsProcessingParameterBoolean("CLASS_WEIGHTS", "Class weights", True))
        self.addParameter(QgsProcessingParameterBoolean("COMPARE_BALANCING", "Compare balancing methods in the report", False))
        self.addParameter(QgsProcessingParameterEnum("CALIBRATION", "Calibrate probabilities (inside CV)",
                                                     [c[0] for c in CALIBRATIONS], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber("UNKNOWN_RATE", "Unknown answer: share of in-domain samples allowed "
                                                       "to be set aside (0 = never unknown)", double, 0.0, False, 0.0, 0.49))
        self.addParameter(QgsProcessingParameterString("SOURCE_FIELD", "Leave-one-source-out by field (default: source file)",
                                                       optional=True))
        self.addParameter(QgsProcessingParameterBoolean("KEEP_DUPLICATES", "Keep samples found in an earlier file too", False))
        self.addParameter(QgsProcessingParameterBoolean("REGION_CV", "Leave-one-region-out CV", True))
        self.addParameter(QgsProcessingParameterString("REGION_FIELD", "Region field (default: lat/lon cells)", optional=True))
        self.addParameter(QgsProcessingParameterNumber("REGION_SIZE", "Region cell size (degrees)", double, 30.0, False, 0.01))
        self.addParameter(QgsProcessingParameterFile("MODEL_IN", "Model to predict with (zip)", extension="zip",
                                                     optional=True))
        self.addParameter(QgsProcessingParameterFileDestination("MODEL", "Trained model (zip)", "Zip files (*.zip)",
                                                                optional=True, createByDefault=False))
        self.addParameter(QgsProcessingParameterVectorDestination("OUTPUT", "Predicted samples", optional=True,
                                                                  createByDefault=False))
        self.addParameter(QgsProcessingParameterFileDestination("RELIABILITY", "Reliability chart (train, calibrated)",
                                                                "PNG files (*.png)", optional=True, createByDefault=False))

    def _train(self, parameters, context):
        return self.parameterAsEnum(parameters, "MODE", context) == 0

    def options(self, parameters, context, feedback):
        o = protocol.gb("ClassifyAnomaliesOptions")()
        train = self._train(parameters, context)
        o.mode = protocol.enum_value("gisbridge.v1.ClassifyMode", MODES[0 if train else 1][1])
        if train and not parameters.get("MODEL"):
            raise QgsProcessingException("MODEL: training needs a destination for the trained model")
        if train and not (parameters.get("LABEL") and fields(self, parameters, "FEATURES", context)):
            raise QgsProcessingException("LABEL and FEATURES: training needs the label field and the indicator fields")
        if not train and not (parameters.get("MODEL_IN") and parameters.get("OUTPUT")):
            raise QgsProcessingException("MODEL_IN and OUTPUT: prediction needs a model (zip) and an output layer")
        o.label = self.parameterAsString(parameters, "LABEL", context)
        o.features.extend(fields(self, parameters, "FEATURES", context))
        o.folds = self.parameterAsInt(parameters, "FOLDS", context)
        o.block_size_degrees = self.parameterAsDouble(parameters, "BLOCK_SIZE", context)
        o.block_field = self.parameterAsString(parameters, "BLOCK_FIELD", context)
        o.rank_indicators = self.parameterAsBool(parameters, "RANK", context)
        o.seed = self.parameterAsInt(parameters, "SEED", context)
        o.trainer = TRAINERS[self.parameterAsEnum(parameters, "TRAINER", context)][1]
        o.resampling = RESAMPLING[self.parameterAsEnum(parameters, "RESAMPLING", context)][1]
        o.no_class_weights = not self.parameterAsBool(parameters, "CLASS_WEIGHTS", context)
        o.compare_balancing = self.parameterAsBool(parameters, "COMPARE_BALANCING", context)
        o.calibration_method = protocol.enum_value("gisbridge.v1.CalibrationMethod",
                                                   CALIBRATIONS[self.parameterAsEnum(parameters, "CALIBRATION", context)][1])
        o.unknown_rate = self.parameterAsDouble(parameters, "UNKNOWN_RATE", context)
        o.source_field = self.parameterAsString(parameters, "SOURCE_FIELD", context)
        o.keep_duplicates = self.parameterAsBool(parameters, "KEEP_DUPLICATES", context)
        o.skip_region_cv = not self.parameterAsBool(parameters, "REGION_CV", context)
        o.region_field = self.parameterAsString(parameters, "REGION_FIELD", context)
        o.region_size_degrees = self.parameterAsDouble(parameters, "REGION_SIZE", context)
        return o

    def inputs(self, parameters, context, feedback):
        samples = file_items(self.vector_source(parameters, "INPUT", context, feedback), "samples", local=self.local_paths)
        if self._train(parameters, context):
            more = self.parameterAsFileList(parameters, "MORE_SAMPLES", context) if parameters.get("MORE_SAMPLES") else []
            return itertools.chain(samples, *(file_items(p, "samples", local=self.local_paths) for p in more))
        return itertools.chain(file_items(self.parameterAsFile(parameters, "MODEL_IN", context), "model", local=self.local_paths), samples)

    def destination(self, kind, header, index, parameters, context):
        return self.received_path(header) if kind == "file" and index == 0 else None

    def results(self, outcome, parameters, context, feedback):
        if self._train(parameters, context):
            return {"MODEL": self.file_result(outcome, "model", parameters, "MODEL", context),
                    "RELIABILITY": self.file_result(outcome, "reliability_png", parameters, "RELIABILITY", context)}
        samples = self.vector_result(outcome, "samples", parameters, "OUTPUT", context)
        self.load_styled(samples, context, "categorised", "predicted")
        return {"OUTPUT": samples}
