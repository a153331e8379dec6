"""gisbridge:dupalboundary: change points and the boundary line from the indexed samples."""
from conftest import require, run_loaded


def test_boundary_is_a_styled_line(provider, capabilities, indexed_samples, tmp_path):
    require(capabilities, "dupal-boundary")
    from osgeo import ogr
    from qgis.core import QgsProject, QgsSingleSymbolRenderer, QgsWkbTypes
    out = str(tmp_path / "boundary.gpkg")
    result = run_loaded("gisbridge:dupalboundary", {"INPUT": indexed_samples, "OUTPUT": out})
    ds = ogr.Open(result["OUTPUT"])
    assert ds is not None and ds.GetLayerCount() >= 1
    print("layers", [(ds.GetLayer(i).GetName(), ds.GetLayer(i).GetFeatureCount()) for i in range(ds.GetLayerCount())])
    lines = [layer for layer in QgsProject.instance().mapLayers().values()
             if layer.source().startswith(out) and layer.geometryType() == QgsWkbTypes.LineGeometry]
    assert lines, "the boundary lines must be loaded"
    assert isinstance(lines[0].renderer(), QgsSingleSymbolRenderer)
    assert lines[0].renderer().symbol().color().name() == "#b2182b"
    from qgis.core import QgsCategorizedSymbolRenderer
    points = [layer for layer in QgsProject.instance().mapLayers().values()
              if layer.source().startswith(out) and layer.geometryType() == QgsWkbTypes.PointGeometry]
    assert points, "the change points must be loaded"
    renderer = points[0].renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer) and renderer.classAttribute() == "crosses_threshold"
    assert all(c.label() in ("change point", "Dupal boundary crossing") for c in renderer.categories())
