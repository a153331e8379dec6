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
    import numpy
    from osgeo import gdal
    path = gravity_copy(tmp_path)  # -60 .. 34 mGal
    layer = raster_layer(path)
    styles.diverging_zero(layer)
    renderer = layer.renderer()
    assert isinstance(renderer, QgsSingleBandPseudoColorRenderer)
    assert renderer.classificationMin() == -renderer.classificationMax()
    # The range is the 98th percentile of |value| (numpy on the same grid), not the single most extreme cell.
    dataset = gdal.Open(path)  # held: a band outlives no dataset in GDAL's Python bindings
    values = dataset.GetRasterBand(1).ReadAsArray().astype(float)
    expected = numpy.percentile(numpy.abs(values[numpy.isfinite(values)]), 98)
    assert expected < 50
    assert abs(renderer.classificationMax() - expected) < 0.1
    items = renderer.shader().rasterShaderFunction().colorRampItemList()
    middle = items[len(items) // 2]
    assert middle.value == 0 and middle.color.name() == "#f7f7f7"
    # The end classes hold everything beyond the range, and say so.
    labels = [label for label, _ in renderer.legendSymbologyItems()]
    assert labels[0].startswith("\u2264 -") and labels[-1].startswith("\u2265 ")
    # The layer panel's continuous legend shows the same rounded end labels, not the raw limits.
    legend = renderer.shader().rasterShaderFunction().legendSettings()
    assert (legend.minimumLabel(), legend.maximumLabel()) == (labels[0], labels[-1])


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
    assert isinstance(layer.renderer(), QgsGraduatedSymbolRenderer)
    # Jenks puts 0 alone in a "0 - 0" class: dropped, 0 still falls in the next class (bounds are inclusive).
    ranges = layer.renderer().ranges()
    assert len(ranges) == 4 and all(r.lowerValue() < r.upperValue() for r in ranges)
    assert all(any(r.lowerValue() <= i * 7 <= r.upperValue() for r in ranges) for i in range(12))
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


def legend_labels(layer):
    return [item.label() for item in layer.renderer().legendSymbolItems()]


def test_graduated_index_legend_is_named_rounded_and_has_no_degenerate_class(indexed_samples):
    """Every index the indices layer carries: no empty or 'a - a' class, labels of a few decimals, the index named."""
    import re
    from qgis.core import QgsVectorLayer
    from gisbridge import styles
    from gisbridge.labels import FIELD_LABELS
    for field in ("delta_8_4", "delta_sr", "mg_number", "na8", "eps_nd"):
        layer = QgsVectorLayer(indexed_samples, "samples", "ogr")
        styles.graduated(layer, field)
        labels = legend_labels(layer)
        assert labels and all(labels), (field, labels)
        for label in labels:
            low, high = (float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", label)[:2])
            assert low < high, (field, label)
            assert all(len(x.split(".")[1]) <= 3 for x in re.findall(r"\d+\.\d+", label)), (field, label)
        counts = [0] * len(layer.renderer().ranges())
        index = layer.fields().indexOf(field)
        for f in layer.getFeatures():
            v = f[index]
            for i, r in enumerate(layer.renderer().ranges()):
                if v is not None and str(v) != "NULL" and r.lowerValue() <= float(v) <= r.upperValue():
                    counts[i] += 1
                    break
        assert all(counts), (field, labels, counts)
        assert FIELD_LABELS[field] in layer.name()
    assert "Δ8/4 (Hart 1984)" in FIELD_LABELS["delta_8_4"] and "(wt%)" in FIELD_LABELS["na8"]


def test_diverging_middle_class_is_exactly_zero_whatever_the_range(qgis_app, tmp_path):
    # -limit + 2 limit i/n missed zero by a rounding step for some ranges (the legend read "3.553e-15").
    import numpy
    from osgeo import gdal
    from gisbridge import styles
    for k, scale in enumerate((24.4, 0.37, 0.0071, 813.0)):
        path = str(tmp_path / "ramp{}.tif".format(k))
        dataset = gdal.GetDriverByName("GTiff").Create(path, 200, 50, 1, gdal.GDT_Float32)
        dataset.SetGeoTransform([0, 1, 0, 50, 0, -1])
        dataset.GetRasterBand(1).WriteArray(numpy.tile(numpy.linspace(-scale, scale * 0.9, 200), (50, 1)).astype("float32"))
        dataset = None
        layer = raster_layer(path)
        styles.diverging_zero(layer)
        labels = [label for label, _ in layer.renderer().legendSymbologyItems()]
        assert labels[len(labels) // 2] == "0", labels
