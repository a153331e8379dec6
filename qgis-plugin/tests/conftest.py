"""Runs the plugin inside a real QGIS (offscreen) against a real GisBridge server started from the built DLL.

Run with Debian's python (it has QGIS): /usr/bin/python3 -m pytest qgis-plugin/tests
Server: GISBRIDGE_TEST_SERVER_DLL or <repo>/src/Server/bin/Release/net10.0/GisBridge.Server.dll
(build it with `dotnet build GisBridge.sln -c Release`).
"""
import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = os.path.dirname(os.path.abspath(__file__))
PLUGIN_ROOT = os.path.dirname(HERE)
REPO = os.path.dirname(PLUGIN_ROOT)
SAMPLES = os.path.join(REPO, "samples")
# The shared real data beside the clone, as CI lays it (see its PROVENANCE.md); GISBRIDGE_SHARED_DATA overrides.
SHARED_DATA = os.environ.get("GISBRIDGE_SHARED_DATA") or os.path.normpath(os.path.join(REPO, "..", "shared", "data"))


def shared_data(*parts):
    """A path under the shared real data; fails the test, naming the path, when it is absent."""
    path = os.path.join(SHARED_DATA, *parts)
    if not os.path.exists(path):
        pytest.fail("shared real data missing: {} (expected ../shared/data beside the clone)".format(path))
    return path
# Tests read a copy: QGIS and GDAL write statistics (.aux.xml) beside rasters they open, never into samples/.
_COPIES = tempfile.mkdtemp(prefix="gisbridge-tests-")
atexit.register(shutil.rmtree, _COPIES, True)
GRAVITY = shutil.copy(os.path.join(SAMPLES, "gravity", "grav.V18.par.surf.1km.sq.nc"), _COPIES)
TOKEN = "test-token-0123456789"
for path in (PLUGIN_ROOT, "/usr/share/qgis/python/plugins", "/usr/share/qgis/python"):
    if path not in sys.path:
        sys.path.insert(0, path)


def server_dll():
    dll = os.environ.get("GISBRIDGE_TEST_SERVER_DLL") or os.environ.get("GISBRIDGE_SERVER_DLL") or os.path.join(
        REPO, "src", "Server", "bin", "Release", "net10.0", "GisBridge.Server.dll")
    if not os.path.isfile(dll):
        pytest.exit("GisBridge server not built: {} missing; run 'dotnet build GisBridge.sln -c Release'".format(dll), 2)
    return dll


def server_command():
    return "{} {} serve".format(shutil.which("dotnet") or "dotnet", server_dll())


def _ensure_descriptors():
    from gisbridge.client import protocol
    if not os.path.isfile(protocol.DESCRIPTOR_PATH):
        subprocess.run([os.path.join(PLUGIN_ROOT, "tools", "build_descriptors.sh")], check=True)


class RunningServer:
    """A server process started by the tests (not by the plugin), with a token, like a remote server."""

    def __init__(self, extra_args=(), port=0):
        args = ["dotnet", server_dll(), "serve", "--port", str(port), "--token", TOKEN] + list(extra_args)
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        universal_newlines=True, start_new_session=True)
        self.output = []
        self.address = None
        ready = threading.Event()

        def drain():
            for line in self.process.stdout:
                self.output.append(line.rstrip())
                match = re.search(r"listening on https?://([^\s,]+)", line)
                if match and not ready.is_set():
                    self.address = match.group(1)
                    ready.set()
        threading.Thread(target=drain, daemon=True).start()
        if not ready.wait(90):
            self.stop()
            pytest.exit("test server did not start:\n" + "\n".join(self.output), 2)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


@pytest.fixture(scope="session")
def qgis_app():
    from qgis.core import QgsApplication
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing
    Processing.initialize()
    _ensure_descriptors()
    yield app
    Processing.deinitialize()


@pytest.fixture(scope="session")
def server():
    running = RunningServer(["--max-concurrent-jobs", "1"])
    yield running
    running.stop()


@pytest.fixture(scope="session")
def provider(qgis_app, server):
    """The provider registered in QGIS, pointed at the test server by address and token."""
    os.environ["GISBRIDGE_SERVER_ADDRESS"] = server.address
    os.environ["GISBRIDGE_TOKEN"] = TOKEN
    from qgis.core import QgsApplication
    from gisbridge.provider import GisBridgeProvider
    registry = QgsApplication.processingRegistry()
    instance = registry.providerById("gisbridge")
    if instance is None:
        instance = GisBridgeProvider()
        assert registry.addProvider(instance)
    yield instance
    from gisbridge import runtime
    runtime.shutdown()


@pytest.fixture(scope="session")
def capabilities(provider, server):
    from gisbridge.client.channel import Connection
    connection = Connection(server.address, TOKEN)
    try:
        return set(connection.check_version().capabilities)
    finally:
        connection.close()


def require(capabilities, feature):
    if feature not in capabilities:
        pytest.skip("the server does not report the capability '{}' yet (GetInfo.capabilities = {})".format(
            feature, sorted(capabilities)))


def run_loaded(algorithm_id, parameters, feedback=None):
    """processing.runAndLoadResults: outputs are loaded into the project with the plugin's styles applied."""
    import processing
    from qgis.core import QgsProcessingFeedback
    return processing.runAndLoadResults(algorithm_id, parameters, feedback=feedback or QgsProcessingFeedback())


def loaded_layer(path):
    """The project layer whose source is path (after run_loaded)."""
    from qgis.core import QgsProject
    for layer in QgsProject.instance().mapLayers().values():
        if layer.source() == path or layer.source().split("|")[0] == path:
            return layer
    raise AssertionError("no layer with source {} in the project".format(path))


class Feedback:
    """Stand-in for QgsProcessingFeedback in client-level tests."""

    def __init__(self):
        self.cancelled = False
        self.progress = []
        self.messages = []

    def setProgress(self, value):  # noqa: N802
        self.progress.append(value)

    def pushInfo(self, text):  # noqa: N802
        self.messages.append(text)

    def isCanceled(self):  # noqa: N802
        return self.cancelled


def recording_feedback():
    """A QgsProcessingFeedback that records progress values and messages."""
    from qgis.core import QgsProcessingFeedback

    class Recording(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.values, self.messages = [], []
            self.progressChanged.connect(self.values.append)

        def pushInfo(self, text):  # noqa: N802
            self.messages.append(text)
            super().pushInfo(text)

        def pushWarning(self, text):  # noqa: N802
            self.messages.append(text)
            super().pushWarning(text)
    return Recording()


def raster_facts(path):
    """(width, height, geotransform, crs wkt, band 1 as numpy array, nodata) of a raster file."""
    from osgeo import gdal
    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    return ds.RasterXSize, ds.RasterYSize, ds.GetGeoTransform(), ds.GetProjection(), band.ReadAsArray(), \
        band.GetNoDataValue()


def same_crs(wkt_a, wkt_b):
    from osgeo import osr
    if not wkt_a or not wkt_b:
        return wkt_a == wkt_b
    a, b = osr.SpatialReference(), osr.SpatialReference()
    a.ImportFromWkt(wkt_a)
    b.ImportFromWkt(wkt_b)
    return bool(a.IsSame(b))


GALE = os.path.join(SAMPLES, "geochem", "Gale_2013_MOR_Sample_Data.csv")


@pytest.fixture(scope="session")
def indexed_samples(provider, capabilities, tmp_path_factory):
    """Gale 2013 through gisbridge:anomalyindices: the sample points every Regions test starts from."""
    prepared = os.environ.get("GISBRIDGE_TEST_SAMPLES")  # a samples GeoPackage made earlier (servers in parts)
    if prepared:
        return prepared
    require(capabilities, "anomaly-indices")
    import processing
    out = str(tmp_path_factory.mktemp("indices") / "samples.gpkg")
    processing.run("gisbridge:anomalyindices", {"INPUT": GALE, "OUTPUT": out})
    return out


@pytest.fixture(scope="session")
def synth_dataset(provider, capabilities, tmp_path_factory):
    """A small synthetic GGMNet dataset from gisbridge:synthgravity."""
    require(capabilities, "synth-gravity")
    import processing
    folder = str(tmp_path_factory.mktemp("synth"))
    processing.run("gisbridge:synthgravity", {"TILES": 4, "SIZE": 64, "CLASSES": 3, "SEED": 7, "OUTPUT": folder})
    return folder


@pytest.fixture(scope="session")
def trained_model(synth_dataset, capabilities, tmp_path_factory):
    """One short training run on the synthetic dataset (gisbridge:ggmnettrain)."""
    require(capabilities, "ggmnet-train")
    import processing
    folder = str(tmp_path_factory.mktemp("model"))
    processing.run("gisbridge:ggmnettrain", {"DATASET": synth_dataset, "EPOCHS": 1, "BATCH_SIZE": 2, "SEED": 1,
                                             "OUTPUT": folder})
    return folder
