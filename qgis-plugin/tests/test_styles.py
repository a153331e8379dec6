"""Styles of loaded results: diverging around zero, paletted with class names, greys, graduated, categorised, line."""
from osgeo import osr

from conftest import GRAVITY


def gravity_copy(tmp_path):
    """A private copy: computing statistics writes a .aux.xml beside the file, never into samples/."""
    import shutil
    return shutil.copy(GRAVITY, str(tmp_path / "gravity.nc"))


def raster_layer(path):
    from qgis.core import QgsRasterLayer
    layer = QgsRasterLayer(path, "test")
    assert layer.isValid(), path
    return layer


def test_diverging_ramp_is_centred_on_zero(qgis_app, tmp_path):
    from qgis.core import QgsSingleBandPseudoColorRenderer
    from gisbridge import styles
    layer = raster_layer(gravity_copy(tmp_path))  # -60 .. 34 mGal
    styles.diverging_zero(layer)
    renderer = layer.renderer()
    assert isinstance(renderer, QgsSingleBandPseudoColorRenderer)
    assert renderer.classificationMin() == -renderer.classificationMax()
    assert abs(renderer.classificationMax() - 60.02) < 0.1
    items = renderer.shader().rasterShaderFunction().colorRampItemList()
    middle = items[len(items) // 2]
    assert middle.value == 0 and middle.color.name() == "#f7f7f7"


def test_paletted_uses_class_names_and_colours(qgis_app, tmp_path):
    from qgis.core import QgsPalettedRasterRenderer
    from gisbridge import styles
    from gisbridge.client import protocol
    from gisbridge.client.rasters import RasterWriter
    header = protocol.gb("RasterHeader")(
        name="lithology", width=2, height=1, band_count=1, geotransform=[0, 1, 0, 1, 0, -1],
        data_type=protocol.enum_value("gisbridge.v1.RasterDataType", "RASTER_DATA_TYPE_UINT8"),
        crs_wkt=osr.SRS_WKT_WGS84_LAT_LONG, category_names=["basalt", "sediment"],
        category_colors=["#aa0000", "#00aa00"])
    writer = RasterWriter(header, str(tmp_path / "litho.tif"))
    writer.add(protocol.gb("RasterChunk")(band=0, row_start=0, row_count=1, data=bytes([0, 1])))
    layer = raster_layer(writer.finish())
    assert layer.crs().authid() == "EPSG:4326"
    styles.paletted(layer)
    renderer = layer.renderer()
    assert isinstance(renderer, QgsPalettedRasterRenderer)
    assert [(c.label, c.color.name()) for c in renderer.classes()] == [("basalt", "#aa0000"), ("sediment", "#00aa00")]


def test_confidence_in_greys(qgis_app, tmp_path):
    from qgis.core import QgsSingleBandGrayRenderer
    from gisbridge import styles
    layer = raster_layer(gravity_copy(tmp_path))
    styles.greys(layer)
    assert isinstance(layer.renderer(), QgsSingleBandGrayRenderer)


def points_layer():
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=delta_8_4:double&field=cluster:integer", "pts", "memory")
    features = []
    for i in range(12):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(60 + i, -40)))
        f.setAttributes([float(i * 7), i % 3])
        features.append(f)
    layer.dataProvider().addFeatures(features)
    return layer


def test_indices_graduated_and_clusters_categorised(qgis_app):
    from qgis.core import QgsCategorizedSymbolRenderer, QgsGraduatedSymbolRenderer
    from gisbridge import styles
    layer = points_layer()
    styles.graduated(layer, "delta_8_4")
    assert isinstance(layer.renderer(), QgsGraduatedSymbolRenderer) and len(layer.renderer().ranges()) == 5
    styles.categorised(layer, "cluster")
    renderer = layer.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert [c.value() for c in renderer.categories()] == [0, 1, 2]


def test_change_points_labelled_by_threshold_crossing(qgis_app):
    from qgis.core import QgsCategorizedSymbolRenderer, QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer
    from gisbridge import styles
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=crosses_threshold:integer", "change_points", "memory")
    features = []
    for i, crosses in enumerate([0, 1, 0]):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(70 + i, -40)))
        f.setAttributes([crosses])
        features.append(f)
    layer.dataProvider().addFeatures(features)
    styles.change_points(layer)
    renderer = layer.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer) and renderer.classAttribute() == "crosses_threshold"
    assert [c.label() for c in renderer.categories()] == [styles.CHANGE_POINT_LABELS[0], styles.CHANGE_POINT_LABELS[1]]


def test_boundary_as_line(qgis_app):
    from qgis.core import QgsSingleSymbolRenderer, QgsVectorLayer
    from gisbridge import styles
    layer = QgsVectorLayer("LineString?crs=EPSG:4326", "boundary", "memory")
    styles.line(layer)
    assert isinstance(layer.renderer(), QgsSingleSymbolRenderer)
    assert layer.renderer().symbol().color().name() == "#b2182b"
