"""Plugin entry: registers the Processing provider and stops the server it started when QGIS exits."""
from qgis.core import QgsApplication

from . import runtime
from .provider import GisBridgeProvider


class GisBridgePlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None

    def initProcessing(self):  # noqa: N802 (QGIS API name)
        self.provider = GisBridgeProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)
        app = QgsApplication.instance()
        if app is not None:  # QGIS closing: stop the server the plugin started
            app.aboutToQuit.connect(runtime.shutdown)

    def initGui(self):  # noqa: N802
        self.initProcessing()

    def unload(self):
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        runtime.shutdown()
