"""The 'gisbridge' Processing provider: one algorithm per server RPC, and the server settings."""
import os

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .algorithms.anomaly_indices import AnomalyIndices
from .algorithms.band_pass_filter import BandPassFilter
from .algorithms.classify_anomalies import ClassifyAnomalies
from .algorithms.cluster_regions import ClusterRegions
from .algorithms.directional_filter import DirectionalFilter
from .algorithms.dupal_boundary import DupalBoundary
from .algorithms.end_member_mixing import EndMemberMixing
from .algorithms.ggmnet_dataset import GgmnetDataset
from .algorithms.ggmnet_predict import GgmnetPredict
from .algorithms.ggmnet_train import GgmnetTrain
from .algorithms.isotope_diagram import IsotopeDiagram
from .algorithms.potential_field_derivative import PotentialFieldDerivative
from .algorithms.principal_components import PrincipalComponents
from .algorithms.ridge_profile import RidgeProfile
from .algorithms.sample_rasters import SampleRasters
from .algorithms.synth_gravity import SynthGravity
from .algorithms.upward_continuation import UpwardContinuation
from .algorithms.normal_gravity import NormalGravity
from .algorithms.gravity_disturbance import GravityDisturbance
from .algorithms.bouguer_anomaly import BouguerAnomaly
from .algorithms.grid_stations import GridStations
from .algorithms.radial_spectrum import RadialSpectrum
from . import provider_settings

ALGORITHMS = (UpwardContinuation, PotentialFieldDerivative, AnomalyIndices, ClusterRegions, ClassifyAnomalies,
              DupalBoundary, RidgeProfile, SynthGravity, GgmnetDataset, GgmnetTrain, GgmnetPredict,
              SampleRasters, PrincipalComponents, IsotopeDiagram)
ALGORITHMS += (NormalGravity, GravityDisturbance, BouguerAnomaly, GridStations)
ALGORITHMS += (EndMemberMixing,)
ALGORITHMS += (BandPassFilter, DirectionalFilter)
ALGORITHMS += (RadialSpectrum,)


class GisBridgeProvider(QgsProcessingProvider):
    def id(self):
        return "gisbridge"

    def name(self):
        return "GisBridge"

    def longName(self):
        return "GisBridge geoscience server"

    def icon(self):
        path = os.path.join(os.path.dirname(__file__), "icon.svg")
        return QIcon(path) if os.path.isfile(path) else QgsProcessingProvider.icon(self)

    def load(self):
        provider_settings.register()
        self.refreshAlgorithms()
        return True

    def unload(self):
        provider_settings.unregister()

    def loadAlgorithms(self):  # noqa: N802 (QGIS API name)
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())
