"""gisbridge:samplerasters -> Analysis.SampleRasters (raster values at the samples and their correlations)."""
import json
import os

from qgis.core import (QgsProcessing, QgsProcessingException, QgsProcessingParameterEnum, QgsProcessingParameterField,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterMultipleLayers,
                       QgsProcessingParameterString, QgsProcessingParameterVectorDestination)

from ..client import protocol
from ..client.files import file_items
from .base import _export_raster
from .sample_params import SamplesAlgorithm, add_samples, fields

METHODS = (("Bilinear", "bilinear"), ("Nearest cell (as gdallocationinfo)", "nearest"))
CHARTS = (("HEATMAP", "heatmap_png", "Correlation heatmap (PNG)", "PNG files (*.png)"),
          ("HEATMAP_SVG", "heatmap_svg", "Correlation heatmap (SVG)", "SVG files (*.svg)"),
          ("SCATTER", "scatter_png", "Scatter matrix (PNG)", "PNG files (*.png)"),
          ("SCATTER_SVG", "scatter_svg", "Scatter matrix (SVG)", "SVG files (*.svg)"),
          ("CORRELATION", "correlation", "Correlations (CSV)", "CSV files (*.csv)"))


class SampleRasters(SamplesAlgorithm):
    ID = "samplerasters"
    DISPLAY_NAME = "Rasters at samples and correlations"
    GROUP, GROUP_ID = "Analysis", "analysis"
    SERVICE, METHOD, REQUEST = "Analysis", "SampleRasters", "SampleRastersRequest"
    CAPABILITY = "sample-rasters"
    HELP = ("<p>Adds one field per raster (residual gravity, bathymetry, a tomography slice, crustal age...) with "
            "its value at each sample: bilinear between the four nearest cells or the cell holding the point; "
            "nodata and points outside give null; the raster's CRS is handled (points are transformed by OSR), "
            "0..360 and -180..180 longitudes both work.</p>"
            "<p>Then correlates the chosen fields (default Δ8/4, Δ7/4, ΔSr) with the sampled ones: Pearson r and "
            "Spearman ρ with two-sided p-values and counts, over all samples and per value of the group field "
            "(ridge, region, cluster).</p>"
            "<p><b>Outputs</b>: samples with the sampled fields (graduated on the first), correlation CSV, "
            "heatmap and scatter-matrix charts.</p>")

    def define(self):
        add_samples(self)
        self.addParameter(QgsProcessingParameterMultipleLayers("RASTERS", "Rasters to sample", QgsProcessing.TypeRaster))
        self.addParameter(QgsProcessingParameterString("FIELDS", "Field names, one per raster (comma separated; "
                                                       "empty = layer names)", "", optional=True))
        self.addParameter(QgsProcessingParameterEnum("METHOD", "Sampling", [m[0] for m in METHODS], defaultValue=0))
        self.addParameter(QgsProcessingParameterField("CORRELATE", "Fields to correlate (empty = Dupal indices)",
                                                      parentLayerParameterName="INPUT", allowMultiple=True,
                                                      type=QgsProcessingParameterField.Numeric, optional=True))
        self.addParameter(QgsProcessingParameterField("GROUP_FIELD", "Correlations also per (e.g. ridge)", None, "INPUT",
                                                      optional=True))
        self.addParameter(QgsProcessingParameterVectorDestination("OUTPUT", "Samples with raster values"))
        for name, _role, label, kind in CHARTS:
            self.addParameter(QgsProcessingParameterFileDestination(name, label, kind, optional=True,
                                                                    createByDefault=name in ("HEATMAP", "CORRELATION")))

    def _rasters(self, parameters, context):
        layers = self.parameterAsLayerList(parameters, "RASTERS", context)
        if not layers:
            raise QgsProcessingException("RASTERS: choose at least one raster layer")
        return [(l.source() if l.providerType() == "gdal" and os.path.isfile(l.source()) else _export_raster(l), l)
                for l in layers]

    def options(self, parameters, context, feedback):
        o = protocol.gb("SampleRastersOptions")()
        names = [n.strip() for n in self.parameterAsString(parameters, "FIELDS", context).split(",") if n.strip()]
        o.fields.extend(names or [layer.name() for _path, layer in self._rasters(parameters, context)])
        o.method = METHODS[self.parameterAsEnum(parameters, "METHOD", context)][1]
        o.correlate.extend(fields(self, parameters, "CORRELATE", context))
        o.group_field = self.parameterAsString(parameters, "GROUP_FIELD", context)
        return o

    def inputs(self, parameters, context, feedback):
        yield from super().inputs(parameters, context, feedback)
        for path, _layer in self._rasters(parameters, context):
            yield from file_items(path, "raster", local=self.local_paths)

    def destination(self, kind, header, index, parameters, context):
        return self.received_path(header) if kind == "file" and index == 0 else None

    def results(self, outcome, parameters, context, feedback):
        samples = self.vector_result(outcome, "samples", parameters, "OUTPUT", context)
        report = json.loads(outcome.result.report_json or "{}") if outcome.result is not None else {}
        sampled = [r["field"] for r in report.get("rasters", [])]
        if sampled:
            self.load_styled(samples, context, "graduated", sampled[0])
        results = {"OUTPUT": samples}
        for name, role, _label, _kind in CHARTS:
            path = self.file_result(outcome, role, parameters, name, context)
            if path:
                results[name] = path
        return results
