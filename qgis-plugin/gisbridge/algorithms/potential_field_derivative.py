"""gisbridge:potentialfieldderivative -> Gravity.Derivative (vertical, total horizontal gradient, tilt)."""
from qgis.core import QgsProcessingParameterEnum, QgsProcessingParameterRasterDestination

from ..client import protocol
from .base import GisBridgeAlgorithm, with_units
from .fft_params import HELP_INPUT, add_raster_and_fft, band_index, fill_fft

KINDS = (("First vertical derivative (units per metre)", "DERIVATIVE_KIND_VERTICAL", "diverging_zero"),
         ("Total horizontal gradient (units per metre)", "DERIVATIVE_KIND_TOTAL_HORIZONTAL_GRADIENT", "sequential"),
         ("Tilt angle (radians)", "DERIVATIVE_KIND_TILT", "diverging_zero"))
LAYER_NAMES = ("First vertical derivative", "Total horizontal gradient", "Tilt angle")


class PotentialFieldDerivative(GisBridgeAlgorithm):
    ID = "potentialfieldderivative"
    DISPLAY_NAME = "Potential-field derivative"
    GROUP, GROUP_ID = "Gravity", "gravity"
    SERVICE, METHOD, REQUEST = "Gravity", "Derivative", "DerivativeRequest"
    CAPABILITY = "derivative"
    HELP = ("<p>Edge-enhancing derivatives of a gravity or magnetic grid: the <b>first vertical derivative</b> "
            "(FFT, |k|), the <b>total horizontal gradient</b> (magnitude of the x/y gradient; maxima over contacts) "
            "and the <b>tilt angle</b> atan(VDR / THG), which balances weak and strong anomalies (zero contour "
            "near edges).</p>" + HELP_INPUT +
            "<p><b>Output</b>: a GeoTIFF; vertical derivative and tilt are styled with a diverging ramp centred on "
            "zero, the gradient magnitude (never negative) with a sequential ramp.</p>")

    def define(self):
        add_raster_and_fft(self)
        self.addParameter(QgsProcessingParameterEnum("KIND", "Derivative", [k[0] for k in KINDS], defaultValue=0))
        self.addParameter(QgsProcessingParameterRasterDestination("OUTPUT", "Derivative"))

    def options(self, parameters, context, feedback):
        options = protocol.gb("DerivativeOptions")()
        kind = KINDS[self.parameterAsEnum(parameters, "KIND", context)][1]
        options.kind = protocol.enum_value("gisbridge.v1.DerivativeKind", kind)
        options.band = band_index(self, parameters, context)
        fill_fft(self, parameters, context, options.fft)
        return options

    def inputs(self, parameters, context, feedback):
        return self.raster_input(parameters, "INPUT", context, "input", band_index(self, parameters, context))

    def destination(self, kind, header, index, parameters, context):
        if kind == "raster" and index == 0:
            return self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        return None

    def results(self, outcome, parameters, context, feedback):
        rasters = [items[0][0] for items in outcome.rasters.values()]
        path = rasters[0] if rasters else None
        kind = self.parameterAsEnum(parameters, "KIND", context)
        if kind == 2:
            units = "radians"
        else:
            units = self.input_units(parameters, "INPUT", context, band_index(self, parameters, context))
            units = units + "/m" if units else "input units/m"
        self.load_styled(path, context, KINDS[kind][2], name=with_units(LAYER_NAMES[kind], units))
        return {"OUTPUT": path}
