"""gisbridge:potentialfieldderivative -> Gravity.Derivative (vertical, THDR, tilt, analytic signal, TDX)."""
from qgis.core import QgsProcessingParameterEnum, QgsProcessingParameterRasterDestination

from ..client import protocol
from .base import GisBridgeAlgorithm, with_units
from .fft_params import (FilteredRaster, HELP_FILL, HELP_INPUT, add_fill_dependence, add_raster_and_fft, band_index,
                         fill_dependence_path, fill_fft, filter_results, input_units)

# (menu label, protocol kind, server output name, style, layer name, in radians)
KINDS = (("First vertical derivative (units per metre)", "DERIVATIVE_KIND_VERTICAL", "vertical", "diverging_zero",
          "First vertical derivative", False),
         ("Total horizontal gradient, THDR (units per metre)", "DERIVATIVE_KIND_TOTAL_HORIZONTAL_GRADIENT", "thg",
          "sequential", "Total horizontal gradient", False),
         ("Tilt angle (radians)", "DERIVATIVE_KIND_TILT", "tilt", "diverging_zero", "Tilt angle", True),
         ("Analytic signal amplitude (units per metre)", "DERIVATIVE_KIND_ANALYTIC_SIGNAL", "analytic_signal",
          "sequential", "Analytic signal amplitude", False),
         ("TDX (radians)", "DERIVATIVE_KIND_TDX", "tdx", "sequential", "TDX", True))


class PotentialFieldDerivative(FilteredRaster, GisBridgeAlgorithm):
    ID = "potentialfieldderivative"
    DISPLAY_NAME = "Potential-field derivative"
    GROUP, GROUP_ID = "Gravity", "gravity"
    SERVICE, METHOD, REQUEST = "Gravity", "Derivative", "DerivativeRequest"
    CAPABILITY = "derivative"
    HELP = ("<p>Edge-enhancing derivatives of a gravity or magnetic grid: the <b>first vertical derivative</b> "
            "(FFT, |k|), the <b>total horizontal gradient</b> (THDR, magnitude of the x/y gradient; maxima over "
            "contacts), the <b>tilt angle</b> atan(VDR / THDR), which balances weak and strong anomalies (zero "
            "contour near edges), the <b>analytic signal amplitude</b> sqrt(THDR² + VDR²) (maxima over edges) and "
            "<b>TDX</b> atan(THDR / |VDR|) (0 to π/2, maxima over edges).</p>" + HELP_INPUT + HELP_FILL +
            "<p><b>Output</b>: a GeoTIFF whose layer name says what it shows and its units; vertical derivative and "
            "tilt are styled with a diverging ramp centred on zero, the magnitudes and TDX (never negative) with a "
            "sequential ramp.</p>")

    def define(self):
        add_raster_and_fft(self)
        self.addParameter(QgsProcessingParameterEnum("KIND", "Derivative", [k[0] for k in KINDS], defaultValue=0))
        self.addParameter(QgsProcessingParameterRasterDestination("OUTPUT", "Derivative"))
        add_fill_dependence(self)

    def _kind(self, parameters, context):
        return KINDS[self.parameterAsEnum(parameters, "KIND", context)]

    def options(self, parameters, context, feedback):
        options = protocol.gb("DerivativeOptions")()
        options.kind = protocol.enum_value("gisbridge.v1.DerivativeKind", self._kind(parameters, context)[1])
        options.band = band_index(self, parameters, context)
        options.want_fill_dependence = bool(fill_dependence_path(self, parameters, context))
        fill_fft(self, parameters, context, options.fft)
        return options

    def results(self, outcome, parameters, context, feedback):
        _label, _kind, name, style, layer_name, radians = self._kind(parameters, context)
        units = "radians" if radians else input_units(self, parameters, context, per_metre=True)
        return filter_results(self, outcome, parameters, context, name, style, with_units(layer_name, units))
