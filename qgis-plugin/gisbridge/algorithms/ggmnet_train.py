"""gisbridge:ggmnettrain -> Lithology.GgmnetTrain (trains GGMNet or a U-Net baseline on a dataset folder)."""
from qgis.core import (QgsProcessingParameterBoolean, QgsProcessingParameterEnum, QgsProcessingParameterFile,
                       QgsProcessingParameterFolderDestination, QgsProcessingParameterNumber)

from ..client import protocol
from ..client.files import folder_items
from .base import GisBridgeAlgorithm
from .folder_output import folder_destination

ARCHS = (("GGMNet", "ggmnet"), ("U-Net baseline", "unet"))
DEVICES = (("CPU", "cpu"), ("CUDA GPU", "cuda"))


class GgmnetTrain(GisBridgeAlgorithm):
    ID = "ggmnettrain"
    DISPLAY_NAME = "Train GGMNet"
    GROUP, GROUP_ID = "Lithology (GGMNet)", "lithology"
    SERVICE, METHOD, REQUEST = "Lithology", "GgmnetTrain", "GgmnetTrainRequest"
    CAPABILITY = "ggmnet-train"
    HELP = ("<p>Trains the GGMNet segmentation network (or a U-Net baseline) on a dataset folder from <i>Build "
            "GGMNet dataset</i> or <i>Synthetic gravity benchmark</i>, for a number of epochs or until the time limit. "
            "The dataset is streamed to the server; the model folder comes back with the training report "
            "(per-class accuracy, IoU) in the log. Cancel stops the training within a second.</p>"
            "<p><b>Class weights</b>: on by default, rare units weigh up to 10 times more in the loss; off, every "
            "unit weighs 1, so a rare unit is not over-predicted where the gravity looks unlike the common ones "
            "(at the cost of its recall). The model card records the choice.</p>"
            "<p><b>Dropout</b>: the probability of dropping a feature channel before the classifier while training "
            "(0 = none, as the paper). A model trained with it can map its own doubt with Monte-Carlo dropout in "
            "<i>Predict lithology with GGMNet</i>.</p>")

    def define(self):
        self.addParameter(QgsProcessingParameterFile("DATASET", "Dataset folder", QgsProcessingParameterFile.Folder))
        self.addParameter(QgsProcessingParameterEnum("ARCH", "Architecture", [a[0] for a in ARCHS], defaultValue=0))
        integer = QgsProcessingParameterNumber.Integer
        self.addParameter(QgsProcessingParameterNumber("EPOCHS", "Epochs", integer, 100, False, 1))
        self.addParameter(QgsProcessingParameterNumber("TIME_LIMIT", "Time limit (minutes, 0 = none)",
                                                       QgsProcessingParameterNumber.Double, 0.0, False, 0.0))
        self.addParameter(QgsProcessingParameterEnum("DEVICE", "Device", [d[0] for d in DEVICES], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber("BATCH_SIZE", "Batch size", integer, 4, False, 1))
        self.addParameter(QgsProcessingParameterNumber("SEED", "Random seed", integer, 42))
        self.addParameter(QgsProcessingParameterBoolean(
            "CLASS_WEIGHTS", "Weight rare units up (median-frequency class weights)", True))
        self.addParameter(QgsProcessingParameterNumber("DROPOUT", "Dropout before the classifier (0 = none)",
                                                       QgsProcessingParameterNumber.Double, 0.0, False, 0.0, 0.9))
        self.addParameter(QgsProcessingParameterNumber("CROP", "Training crop (cells, 0 = tile size up to 256)", integer, 0, False, 0))
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT", "Model folder"))

    def options(self, parameters, context, feedback):
        o = protocol.gb("GgmnetTrainOptions")()
        o.arch = ARCHS[self.parameterAsEnum(parameters, "ARCH", context)][1]
        o.epochs = self.parameterAsInt(parameters, "EPOCHS", context)
        o.time_limit_minutes = self.parameterAsDouble(parameters, "TIME_LIMIT", context)
        o.device = DEVICES[self.parameterAsEnum(parameters, "DEVICE", context)][1]
        o.batch_size = self.parameterAsInt(parameters, "BATCH_SIZE", context)
        o.seed = self.parameterAsInt(parameters, "SEED", context)
        o.crop = self.parameterAsInt(parameters, "CROP", context)
        o.no_class_weights = not self.parameterAsBool(parameters, "CLASS_WEIGHTS", context)
        o.dropout = self.parameterAsDouble(parameters, "DROPOUT", context)
        return o

    def inputs(self, parameters, context, feedback):
        return folder_items(self.parameterAsFile(parameters, "DATASET", context), "dataset", local=self.local_paths)

    def destination(self, kind, header, index, parameters, context):
        return folder_destination(self.parameterAsString(parameters, "OUTPUT", context))(kind, header, index)

    def results(self, outcome, parameters, context, feedback):
        return {"OUTPUT": self.parameterAsString(parameters, "OUTPUT", context)}
