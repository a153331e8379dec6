"""The provider and its algorithms as QGIS sees them: ids, parameters, help, capability errors."""
import pytest

from conftest import GRAVITY

IDS = ("upwardcontinuation", "potentialfieldderivative", "anomalyindices", "clusterregions", "classifyanomalies",
       "dupalboundary", "ridgeprofile", "synthgravity", "ggmnetdataset", "ggmnettrain", "ggmnetpredict",
       "samplerasters", "principalcomponents", "isotopediagram", "endmembermixing", "bandpassfilter",
       "directionalfilter")
IDS += ("radialspectrum",)


def test_every_rpc_has_an_algorithm_with_help(provider):
    from qgis.core import QgsApplication
    registry = QgsApplication.processingRegistry()
    assert registry.providerById("gisbridge") is not None
    for name in IDS:
        algorithm = registry.algorithmById("gisbridge:" + name)
        assert algorithm is not None, name
        assert len(algorithm.shortHelpString()) > 100, name
        ok, message = algorithm.canExecute()
        assert ok, message


@pytest.mark.parametrize("name, expected", [
    ("upwardcontinuation", {"INPUT", "HEIGHT", "REGIONAL", "RESIDUAL"}),
    ("ggmnetpredict", {"INPUT", "MODEL", "OUTPUT", "CONFIDENCE"}),
])
def test_issue_parameter_names(provider, name, expected):
    from qgis.core import QgsApplication
    algorithm = QgsApplication.processingRegistry().algorithmById("gisbridge:" + name)
    names = {p.name() for p in algorithm.parameterDefinitions()}
    assert expected <= names


def test_every_algorithm_has_a_help_page(provider):
    """The Help button opens a local page built from the algorithm itself: its text and every parameter."""
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QUrl
    for algorithm in QgsApplication.processingRegistry().providerById("gisbridge").algorithms():
        url = QUrl(algorithm.helpUrl())
        assert url.isLocalFile(), algorithm.id()
        text = open(url.toLocalFile(), encoding="utf-8").read()
        assert algorithm.displayName().replace("&", "&amp;") in text, algorithm.id()
        for parameter in algorithm.parameterDefinitions():
            assert "<code>{}</code>".format(parameter.name()) in text, (algorithm.id(), parameter.name())


def test_missing_capability_is_a_clear_error(provider, monkeypatch):
    """An older server without the algorithm's feature: the run stops before streaming, naming what is missing."""
    import processing
    from qgis.core import QgsProcessingException
    from gisbridge.algorithms.upward_continuation import UpwardContinuation
    monkeypatch.setattr(UpwardContinuation, "CAPABILITY", "upward-continuation-v9")
    with pytest.raises(QgsProcessingException, match="does not offer 'upward-continuation-v9'.*update the server"):
        processing.run("gisbridge:upwardcontinuation", {"INPUT": GRAVITY, "HEIGHT": 10000,
                                                        "RESIDUAL": "TEMPORARY_OUTPUT"})

def test_settings_page_shows_the_server_settings(provider):
    from processing.core.ProcessingConfig import ProcessingConfig
    names = {setting.name for group in ProcessingConfig.getSettings().values() for setting in group}
    assert {"GISBRIDGE_SERVER_ADDRESS", "GISBRIDGE_SERVER_COMMAND", "GISBRIDGE_TOKEN"} <= names


def test_plugin_registers_and_unregisters_the_provider(qgis_app):
    from qgis.core import QgsApplication
    import gisbridge
    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("gisbridge")
    if existing is not None:
        registry.removeProvider(existing)
    plugin = gisbridge.classFactory(None)
    plugin.initProcessing()
    try:
        assert registry.algorithmById("gisbridge:ggmnetpredict") is not None
    finally:
        plugin.unload()
    assert registry.providerById("gisbridge") is None
    from gisbridge.provider import GisBridgeProvider
    assert registry.addProvider(GisBridgeProvider())  # back for the other tests
