#!/usr/bin/python3
"""Renders demo results to a PNG map inside a real (headless) QGIS, styled exactly as the plugin styles them.

Usage: render_demo_map.py [--extent XMIN,YMIN,XMAX,YMAX] OUT.png "Title" LAYER [LAYER ...]
LAYER is PATH[|layername=NAME]::STYLE, drawn bottom first, where STYLE is one of
  diverging | sequential | paletted | greys | line | change_points | end_members | basemap | borders |
  graduated:FIELD | categorised:FIELD   (basemap and borders: country polygons filled, or outlines drawn on top)
The map extent is --extent, or that of the first non-basemap layer, a little enlarged; the legend lists the
classes of every non-basemap layer. Uses QgsMapRendererParallelJob.
"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "qgis-plugin"))

from qgis.core import (QgsApplication, QgsFillSymbol, QgsMapRendererParallelJob, QgsMapSettings, QgsRasterLayer,  # noqa: E402
                       QgsRectangle, QgsSingleSymbolRenderer, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize, Qt  # noqa: E402
from qgis.PyQt.QtGui import QColor, QFont, QPainter  # noqa: E402

from gisbridge import styles  # noqa: E402

SIZE = QSize(1400, 1000)


def load(spec):
    source, style = spec.rsplit("::", 1)
    name = os.path.basename(source.split("|")[0])
    is_vector = source.split("|")[0].endswith((".gpkg", ".shp", ".geojson"))
    layer = QgsVectorLayer(source, name, "ogr") if is_vector else QgsRasterLayer(source, name)
    if not layer.isValid():
        sys.exit("render_demo_map: cannot open {}".format(source))
    kind, _, field = style.partition(":")
    if kind == "basemap":
        layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
            {"color": "#e8e4d8", "outline_color": "#9a9486", "outline_width": "0.2"})))
    elif kind == "borders":
        layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
            {"style": "no", "outline_color": "#303030", "outline_width": "0.4"})))
    elif kind == "graduated":
        styles.graduated(layer, field)
    elif kind == "categorised":
        styles.categorised(layer, field)
    else:
        getattr(styles, {"diverging": "diverging_zero"}.get(kind, kind))(layer)
    return layer, kind in ("basemap", "borders")


def legend_items(layer):
    """(label, colour) pairs of a styled layer, as QGIS's own legend shows them."""
    if isinstance(layer, QgsRasterLayer):
        return list(layer.renderer().legendSymbologyItems())
    return [(item.label(), item.symbol().color()) for item in layer.renderer().legendSymbolItems() if item.symbol()]


def draw_legend(painter, layers):
    items = [i for layer in layers for i in [(layer.name(), None)] + legend_items(layer)][:24]
    row, width = 22, 330
    top = SIZE.height() - 16 - row * len(items) - 8
    painter.fillRect(16, top, width, row * len(items) + 8, QColor(255, 255, 255, 225))
    painter.setFont(QFont("DejaVu Sans", 10))
    for i, (label, colour) in enumerate(items):
        y = top + 4 + i * row
        if colour is None:
            painter.setPen(QColor("#222222"))
            painter.drawText(24, y, width - 16, row, Qt.AlignVCenter, label)
            continue
        painter.fillRect(28, y + 5, 22, row - 10, colour)
        painter.setPen(QColor("#222222"))
        painter.drawText(58, y, width - 50, row, Qt.AlignVCenter, label)


def main(argv):
    extent_arg = None
    if len(argv) > 2 and argv[1] == "--extent":
        extent_arg = [float(v) for v in argv[2].split(",")]
        argv = argv[:1] + argv[3:]
    if len(argv) < 4:
        sys.exit(__doc__)
    out, title, specs = argv[1], argv[2], argv[3:]
    app = QgsApplication([], False)
    app.initQgis()
    loaded = [load(s) for s in specs]
    layers = [layer for layer, _ in loaded]
    focus = [layer for layer, basemap in loaded if not basemap]
    if extent_arg:
        extent = QgsRectangle(*extent_arg)
    else:
        extent = QgsRectangle(focus[0].extent())
        extent.scale(1.08)
    settings = QgsMapSettings()
    settings.setLayers(list(reversed(layers)))  # QGIS draws the last of the list first
    settings.setDestinationCrs(focus[0].crs())
    settings.setExtent(extent)
    settings.setOutputSize(SIZE)
    settings.setBackgroundColor(QColor("#cfe3f0" if any(b for _, b in loaded) else "#ffffff"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.fillRect(0, 0, SIZE.width(), 48, QColor(255, 255, 255, 220))
    painter.setPen(QColor("#222222"))
    painter.setFont(QFont("DejaVu Sans", 16, QFont.Bold))
    painter.drawText(16, 0, SIZE.width() - 32, 48, Qt.AlignVCenter | Qt.AlignLeft, title)
    draw_legend(painter, focus)
    painter.end()
    if not image.save(out, "PNG"):
        sys.exit("render_demo_map: cannot write {}".format(out))
    print("wrote {}".format(out))
    # Layers and the job must go before QGIS does, or the interpreter's late clean-up crashes.
    del job, settings, loaded, layers, focus
    app.exitQgis()


if __name__ == "__main__":
    main(sys.argv)
