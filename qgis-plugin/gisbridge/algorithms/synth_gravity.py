"""gisbridge:synthgravity -> Lithology.SynthGravity (synthetic gravity tiles with known lithology labels)."""
from qgis.core import QgsProcessingParameterFolderDestination, QgsProcessingParameterNumber

from ..client import protocol
from .base import GisBridgeAlgorithm
from .folder_output import folder_destination


class SynthGravity(GisBridgeAlgorithm):
    ID = "synthgravity"
    DISPLAY_NAME = "Synthetic gravity benchmark"
    GROUP, GROUP_ID = "Lithology (GGMNet)", "lithology"
    SERVICE, METHOD, REQUEST = "Lithology", "SynthGravity", "SynthGravityRequest"
    CAPABILITY = "synth-gravity"
    HELP = ("<p>Builds a synthetic benchmark dataset for GGMNet: random lithology maps (labels) with the "
            "forward-modelled gravity of their density contrasts (images), plus noise. Writes a dataset folder "
            "(images/, labels/, classes.json) usable by <i>Train GGMNet</i>.</p>")

    def define(self):
        integer, double = QgsProcessingParameterNumber.Integer, QgsProcessingParameterNumber.Double
        self.addParameter(QgsProcessingParameterNumber("TILES", "Tiles", integer, 16, False, 1))
        self.addParameter(QgsProcessingParameterNumber("SIZE", "Tile size (cells)", integer, 256, False, 16, 4096))
        self.addParameter(QgsProcessingParameterNumber("CLASSES", "Lithology classes", integer, 6, False, 2, 64))
        self.addParameter(QgsProcessingParameterNumber("SEED", "Random seed", integer, 42))
        self.addParameter(QgsProcessingParameterNumber("CELL_SIZE", "Cell size (m)", double, 1000.0, False, 1.0))
        self.addParameter(QgsProcessingParameterNumber("NOISE_MGAL", "Noise (mGal)", double, 0.1, False, 0.0))
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT", "Dataset folder"))

    def options(self, parameters, context, feedback):
        o = protocol.gb("SynthGravityOptions")()
        for name, field in (("TILES", "tiles"), ("SIZE", "size"), ("CLASSES", "classes"), ("SEED", "seed")):
            setattr(o, field, self.parameterAsInt(parameters, name, context))
        o.cell_size = self.parameterAsDouble(parameters, "CELL_SIZE", context)
        o.noise_mgal = self.parameterAsDouble(parameters, "NOISE_MGAL", context)
        return o

    def destination(self, kind, header, index, parameters, context):
        return folder_destination(self.parameterAsString(parameters, "OUTPUT", context))(kind, header, index)

    def results(self, outcome, parameters, context, feedback):
        return {"OUTPUT": self.parameterAsString(parameters, "OUTPUT", context)}
