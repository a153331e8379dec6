"""Plugin entry: registers the Processing provider and stops the server it started when QGIS exits."""
from qgis.core import Qgis, QgsApplication, QgsMessageLog

MISSING_DEPENDENCY = (
    "GisBridge needs the Python packages grpcio and protobuf ({}). Debian/Ubuntu: "
    "'sudo apt install python3-grpcio python3-protobuf'; Windows (OSGeo4W shell) or macOS (QGIS's Python): "
    "'python3 -m pip install grpcio protobuf'. Then restart QGIS.")


class GisBridgePlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None

    def initProcessing(self):  # noqa: N802 (QGIS API name)
        try:
            from . import runtime
            from .provider import GisBridgeProvider
        except ImportError as e:  # grpc/protobuf missing: say what to install instead of a traceback
            QgsMessageLog.logMessage(MISSING_DEPENDENCY.format(e), "GisBridge", Qgis.Critical)
            if self.iface is not None:
                self.iface.messageBar().pushCritical("GisBridge", MISSING_DEPENDENCY.format(e))
            return
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
            from . import runtime
            runtime.shutdown()
