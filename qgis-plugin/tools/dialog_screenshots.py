"""Renders Processing dialogs of the GisBridge provider to PNG without a display (Qt's offscreen platform), for the
README and for looking at a dialog after a change.
Usage: QT_QPA_PLATFORM=offscreen python3 qgis-plugin/tools/dialog_screenshots.py OUT_DIR [--layer PATH NAME]
       [--size WxH] ALGORITHM_ID...   e.g. gisbridge:upwardcontinuation"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out_dir")
    parser.add_argument("algorithms", nargs="+")
    parser.add_argument("--layer", nargs=2, metavar=("PATH", "NAME"), help="a raster added to the project first")
    parser.add_argument("--size", default="1000x600")
    args = parser.parse_args()
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    sys.path.insert(0, os.path.join(HERE, ".."))
    from qgis.core import QgsApplication, QgsProject, QgsRasterLayer
    from qgis.PyQt.QtCore import QSize
    app = QgsApplication([], True)
    app.initQgis()
    from processing.core.Processing import Processing
    from processing.gui.AlgorithmDialog import AlgorithmDialog
    Processing.initialize()
    from gisbridge.provider import GisBridgeProvider
    provider = GisBridgeProvider()  # kept referenced: the registry does not own a Python provider
    QgsApplication.processingRegistry().addProvider(provider)
    if args.layer:
        QgsProject.instance().addMapLayer(QgsRasterLayer(args.layer[0], args.layer[1]))
    width, height = (int(v) for v in args.size.split("x"))
    os.makedirs(args.out_dir, exist_ok=True)
    for algorithm_id in args.algorithms:
        algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
        if algorithm is None:
            sys.exit("unknown algorithm: " + algorithm_id)
        dialog = AlgorithmDialog(algorithm)
        dialog.show()
        app.processEvents()
        dialog.setFixedSize(QSize(width, height))  # after show(): the dialog restores its saved geometry on showing
        app.processEvents()
        path = os.path.join(args.out_dir, algorithm_id.split(":")[-1] + ".png")
        dialog.grab().save(path)
        dialog.close()
        print(path)
    app.exitQgis()


if __name__ == "__main__":
    main()
