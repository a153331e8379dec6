"""GisBridge QGIS plugin: a Processing provider backed by the GisBridge gRPC server."""


def classFactory(iface):  # noqa: N802 (QGIS API name)
    from .plugin import GisBridgePlugin
    return GisBridgePlugin(iface)
