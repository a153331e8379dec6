"""Styles for loaded results: diverging ramp centred on zero, paletted classes, greys, graduated, categorised,
change points, dominant end-member, line."""
from qgis.core import (QgsCategorizedSymbolRenderer, QgsClassificationJenks, QgsColorRampLegendNodeSettings,
                       QgsColorRampShader, QgsContrastEnhancement, QgsGradientColorRamp, QgsGraduatedSymbolRenderer,
                       QgsLineSymbol, QgsMarkerSymbol,
                       QgsPalettedRasterRenderer, QgsProcessingLayerPostProcessorInterface, QgsRasterBandStats,
                       QgsRasterShader, QgsRendererCategory, QgsSingleBandGrayRenderer,
                       QgsSingleBandPseudoColorRenderer, QgsSingleSymbolRenderer, QgsStyle, QgsSymbol)
from qgis.PyQt.QtGui import QColor

# ColorBrewer RdBu, blue (negative) -> white (zero) -> red (positive).
DIVERGING = ["#2166ac", "#67a9cf", "#d1e5f0", "#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b"]
SEQUENTIAL = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"]  # viridis


def _stats(layer, band=1):
    return layer.dataProvider().bandStatistics(band, QgsRasterBandStats.All, layer.extent(), 250000)


def _pseudocolor(layer, stops, open_ends=False):
    """An interpolated ramp through (value, colour) stops, labelled to 4 significant digits; open_ends: the end
    classes hold everything beyond them and say so. The layer panel's continuous legend shows the same end labels
    (QGIS would print the raw limits, e.g. 17.401216)."""
    labels = ["{:.4g}".format(v) for v, _ in stops]
    if open_ends:
        labels[0], labels[-1] = "\u2264 " + labels[0], "\u2265 " + labels[-1]
    shader_function = QgsColorRampShader()
    shader_function.setColorRampType(QgsColorRampShader.Interpolated)
    shader_function.setColorRampItemList([QgsColorRampShader.ColorRampItem(v, QColor(c), label)
                                          for (v, c), label in zip(stops, labels)])
    legend = QgsColorRampLegendNodeSettings()
    legend.setMinimumLabel(labels[0])
    legend.setMaximumLabel(labels[-1])
    shader_function.setLegendSettings(legend)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(shader_function)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    renderer.setClassificationMin(stops[0][0])
    renderer.setClassificationMax(stops[-1][0])
    layer.setRenderer(renderer)


def _absolute_percentile(layer, stats, fraction, bins=2000):
    """The value that `fraction` of the cells do not exceed in absolute value, from QGIS's band histogram."""
    histogram = layer.dataProvider().histogram(1, bins, stats.minimumValue, stats.maximumValue, layer.extent(), 250000)
    counts = histogram.histogramVector
    total = sum(counts)
    if not total:
        return 0.0
    width = (stats.maximumValue - stats.minimumValue) / bins
    # Each bin counted at the largest magnitude it holds: the range errs on the side of showing more.
    edges = [stats.minimumValue + i * width for i in range(len(counts) + 1)]
    by_magnitude = sorted((max(abs(edges[i]), abs(edges[i + 1])), c) for i, c in enumerate(counts))
    seen = 0
    for magnitude, count in by_magnitude:
        seen += count
        if seen >= fraction * total:
            return magnitude
    return by_magnitude[-1][0]


def diverging_zero(layer):
    """Residuals, vertical derivative, tilt: symmetric range around zero so that white means zero. The range is the
    98th percentile of |value| (QGIS's own default cuts at 2-98 %): a few extreme cells would otherwise wash the
    map out; the end classes say that they hold everything beyond."""
    stats = _stats(layer)
    peak = max(abs(stats.minimumValue), abs(stats.maximumValue))
    limit = min(peak, _absolute_percentile(layer, stats, 0.98)) or peak or 1.0
    n = len(DIVERGING) - 1
    # limit * (2i/n - 1): the middle stop is exactly 0 (-limit + 2 limit i/n can miss it by a rounding step).
    _pseudocolor(layer, [(limit * (2.0 * i / n - 1), c) for i, c in enumerate(DIVERGING)], open_ends=limit < peak)


def sequential(layer):
    """Regional fields and gradients magnitudes: min..max on viridis."""
    stats = _stats(layer)
    low, high = stats.minimumValue, stats.maximumValue
    if high <= low:
        high = low + 1.0
    n = len(SEQUENTIAL) - 1
    _pseudocolor(layer, [(low + (high - low) * i / n, c) for i, c in enumerate(SEQUENTIAL)])


def paletted(layer):
    """Classified rasters (lithology): colours from the colour table, labels from the category names."""
    from .client.rasters import category_names
    names = category_names(layer.source().split("|")[0])
    classes = QgsPalettedRasterRenderer.colorTableToClassData(layer.dataProvider().colorTable(1))
    labelled = []
    for item in classes:
        value = int(item.value)
        if names and value >= len(names):
            continue  # GeoTIFF pads colour tables to 256 entries; only the named classes are real
        label = names[value] if value < len(names) and names[value] else str(value)
        labelled.append(QgsPalettedRasterRenderer.Class(item.value, item.color, label))
    layer.setRenderer(QgsPalettedRasterRenderer(layer.dataProvider(), 1, labelled))


def greys(layer, low=0.0, high=1.0):
    """Confidence and similar 0..1 fields: black (low) to white (high)."""
    renderer = QgsSingleBandGrayRenderer(layer.dataProvider(), 1)
    enhancement = QgsContrastEnhancement(layer.dataProvider().dataType(1))
    enhancement.setContrastEnhancementAlgorithm(QgsContrastEnhancement.StretchToMinimumMaximum)
    enhancement.setMinimumValue(low)
    enhancement.setMaximumValue(high)
    renderer.setContrastEnhancement(enhancement)
    layer.setRenderer(renderer)


def graduated(layer, field, classes=5):
    """Indices on points: Jenks classes on a sequential ramp, labels rounded for the index, no empty or
    single-value ("0 - 0") class; the layer's name says which index it shows (Δ8/4 (Hart 1984))."""
    from qgis.core import QgsClassificationRange
    from .labels import decimals, field_label
    index = layer.fields().indexOf(field)
    if index < 0:
        return
    renderer = QgsGraduatedSymbolRenderer(field)
    renderer.setSourceSymbol(QgsSymbol.defaultSymbol(layer.geometryType()))
    method = QgsClassificationJenks()
    method.setLabelPrecision(decimals(field))
    method.setLabelTrimTrailingZeroes(True)
    renderer.setClassificationMethod(method)
    renderer.setSourceColorRamp(QgsGradientColorRamp(QColor(SEQUENTIAL[0]), QColor(SEQUENTIAL[-1])))
    renderer.updateClasses(layer, classes)
    values = [f[index] for f in layer.getFeatures()]
    values = [float(v) for v in values if v is not None and not (isinstance(v, float) and v != v) and str(v) != "NULL"]
    ranges = renderer.ranges()
    keep = [r for r in ranges if r.lowerValue() < r.upperValue()
            and any(r.lowerValue() <= v <= r.upperValue() for v in values)] or ranges[:1]
    for i in reversed(range(len(ranges))):
        if ranges[i] not in keep:
            renderer.deleteClass(i)
    renderer.updateColorRamp(QgsGradientColorRamp(QColor(SEQUENTIAL[0]), QColor(SEQUENTIAL[-1])))
    layer.setRenderer(renderer)
    label = field_label(field)
    if label not in layer.name():
        layer.setName("{}: {}".format(layer.name(), label))


def _categorise(layer, field, symbol_for, label_for=str):
    """One category per value of field: symbol_for(i, value, count) draws it, label_for(value) names it."""
    index = layer.fields().indexOf(field)
    if index < 0:
        return
    values = sorted(v for v in layer.uniqueValues(index) if v is not None)
    categories = [QgsRendererCategory(v, symbol_for(i, v, len(values)), label_for(v)) for i, v in enumerate(values)]
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, categories))


def categorised(layer, field):
    """Clusters and predicted classes: one colour per value."""
    ramp = QgsStyle.defaultStyle().colorRamp("Spectral") or QgsGradientColorRamp(QColor("#d7191c"), QColor("#2b83ba"))

    def symbol(i, _value, count):
        s = QgsSymbol.defaultSymbol(layer.geometryType())
        s.setColor(ramp.color(i / max(1, count - 1)))
        return s
    _categorise(layer, field, symbol)


def end_members(layer, field="dominant_em"):
    """Dominant mantle end-member of each sample: one fixed colour per end-member (labels.END_MEMBER_COLOURS),
    others from the Spectral ramp; samples without proportions (too few ratios) small and grey, last."""
    from qgis.core import NULL
    from .labels import END_MEMBER_COLOURS, field_label
    index = layer.fields().indexOf(field)
    if index < 0:
        return
    ramp = QgsStyle.defaultStyle().colorRamp("Spectral") or QgsGradientColorRamp(QColor("#d7191c"), QColor("#2b83ba"))
    order = list(END_MEMBER_COLOURS)
    values = sorted((str(v) for v in layer.uniqueValues(index) if v is not None and v != NULL and str(v) != "NULL"),
                    key=lambda v: (order.index(v) if v in order else len(order), v))
    categories = []
    for i, value in enumerate(values):
        symbol = QgsSymbol.defaultSymbol(layer.geometryType())
        symbol.setColor(QColor(END_MEMBER_COLOURS[value]) if value in END_MEMBER_COLOURS
                        else ramp.color(i / max(1, len(values) - 1)))
        categories.append(QgsRendererCategory(value, symbol, value))
    missing = QgsMarkerSymbol.createSimple({"name": "circle", "size": "1.2", "color": "#bdbdbd", "outline_style": "no"})
    categories.append(QgsRendererCategory("", missing, "not fitted (too few isotope ratios)"))  # "" = all other values
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, categories))
    label = field_label(field)
    if label not in layer.name():
        layer.setName("{}: {}".format(layer.name(), label))


CHANGE_POINT_LABELS = {0: "change point", 1: "Dupal boundary crossing"}
CHANGE_POINT_COLOURS = {0: "#bdbdbd", 1: "#d7191c"}


def change_points(layer):
    """Along-ridge change points as diamonds above the samples; those where the index crosses the Dupal threshold
    in red, the others grey, labelled."""
    _categorise(layer, "crosses_threshold",
                lambda _i, value, _n: QgsMarkerSymbol.createSimple(
                    {"name": "diamond", "size": "4.2", "color": CHANGE_POINT_COLOURS.get(value, "#999999"),
                     "outline_color": "#000000", "outline_width": "0.4"}),
                lambda value: CHANGE_POINT_LABELS.get(value, str(value)))


def line(layer, colour="#b2182b", width="0.8"):
    """Boundaries: a single bold line."""
    layer.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({"color": colour, "width": width})))


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    def __init__(self, style, args):
        super().__init__()
        self.style, self.args = style, args

    def postProcessLayer(self, layer, context, feedback):
        globals()[self.style](layer, *self.args)
        layer.triggerRepaint()


_alive = []  # Processing keeps only a C++ pointer: the Python objects must outlive the run.


def post_processor(style, *args):
    if style not in ("diverging_zero", "sequential", "paletted", "greys", "graduated", "categorised", "change_points",
                     "line", "end_members"):
        raise ValueError("unknown style '{}'".format(style))
    processor = StylePostProcessor(style, args)
    _alive.append(processor)
    return processor
