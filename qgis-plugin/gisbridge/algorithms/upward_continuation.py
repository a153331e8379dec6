"""gisbridge:upwardcontinuation -> Gravity.UpwardContinuation (regional field and residual)."""
from qgis.core import (QgsProcessingException, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination)

from ..client import protocol
from .base import GisBridgeAlgorithm, with_units
from .fft_params import (FILL_DEPENDENCE, HELP_FILL, HELP_INPUT, add_fill_dependence, add_raster_and_fft, band_index,
                         fill_dependence_path, fill_fft, load_fill_dependence)


class UpwardContinuation(GisBridgeAlgorithm):
    ID = "upwardcontinuation"
    DISPLAY_NAME = "Upward continuation (regional / residual)"
    GROUP, GROUP_ID = "Gravity", "gravity"
    SERVICE, METHOD, REQUEST = "Gravity", "UpwardContinuation", "UpwardContinuationRequest"
    CAPABILITY = "upward-continuation"
    HELP = ("<p>Continues a gravity (or magnetic) grid upward by a height in metres with the FFT filter "
            "exp(-|k| h). The continued field is the <b>regional</b> (long wavelengths, deep sources); "
            "<b>residual</b> = input - regional keeps shallow sources. Typical heights: 5-20 km for crustal "
            "residuals of marine Bouguer gravity.</p>" + HELP_INPUT + HELP_FILL +
            "<p><b>Outputs</b>: GeoTIFFs in the input CRS and units; the residual is styled with a diverging ramp "
            "centred on zero.</p>")

    def define(self):
        add_raster_and_fft(self)
        height = QgsProcessingParameterNumber("HEIGHT", "Continuation height (m)",
                                              QgsProcessingParameterNumber.Double, 10000.0, False, 0.001)
        height.setMetadata({"widget_wrapper": {"decimals": 1}})  # metres: not "10000.000000"
        self.addParameter(height)
        self.addParameter(QgsProcessingParameterRasterDestination("REGIONAL", "Regional field", optional=True))
        self.addParameter(QgsProcessingParameterRasterDestination("RESIDUAL", "Residual field", optional=True))
        add_fill_dependence(self)

    def _paths(self, parameters, context):
        regional = self.parameterAsOutputLayer(parameters, "REGIONAL", context) if parameters.get("REGIONAL") else ""
        residual = self.parameterAsOutputLayer(parameters, "RESIDUAL", context) if parameters.get("RESIDUAL") else ""
        return regional, residual

    def options(self, parameters, context, feedback):
        regional, residual = self._paths(parameters, context)
        if not regional and not residual:
            raise QgsProcessingException("choose at least one output: REGIONAL or RESIDUAL")
        options = protocol.gb("UpwardContinuationOptions")()
        options.heights.append(self.parameterAsDouble(parameters, "HEIGHT", context))
        options.want_regional, options.want_residual = bool(regional), bool(residual)
        options.band = band_index(self, parameters, context)
        options.want_fill_dependence = bool(fill_dependence_path(self, parameters, context))
        fill_fft(self, parameters, context, options.fft)
        return options

    def inputs(self, parameters, context, feedback):
        return self.raster_input(parameters, "INPUT", context, "input", band_index(self, parameters, context))

    def destination(self, kind, header, index, parameters, context):
        regional, residual = self._paths(parameters, context)
        if kind == "raster" and index == 0:
            return {"regional": regional, "residual": residual,
                    FILL_DEPENDENCE: fill_dependence_path(self, parameters, context)}.get(header.name) or None
        return None

    def results(self, outcome, parameters, context, feedback):
        regional, residual = outcome.raster("regional"), outcome.raster("residual")
        units = self.input_units(parameters, "INPUT", context, band_index(self, parameters, context))
        height = "h = {:g} km".format(self.parameterAsDouble(parameters, "HEIGHT", context) / 1000.0)
        self.load_styled(regional, context, "sequential", name=with_units("Regional field, " + height, units))
        self.load_styled(residual, context, "diverging_zero", name=with_units("Residual field, " + height, units))
        results = {}
        if regional:
            results["REGIONAL"] = regional
        if residual:
            results["RESIDUAL"] = residual
        load_fill_dependence(self, outcome, context, results)
        return results
