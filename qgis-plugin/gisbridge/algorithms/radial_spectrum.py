"""gisbridge:radialspectrum -> PowerSpectrum.RadialSpectrum (radially averaged power spectrum, depth estimates)."""
from qgis.core import QgsProcessingException, QgsProcessingParameterEnum, QgsProcessingParameterString

from ..client import protocol
from .base import GisBridgeAlgorithm
from .chart_params import add_chart, chart_results, fill_chart
from .fft_params import HELP_INPUT, add_raster_and_fft, band_index, fill_fft


def parse_ranges(text):
    """'0.05:0.4, 0.5:2' -> [(0.05, 0.4), (0.5, 2.0)] (rad/km); empty -> []."""
    ranges = []
    for part in (p.strip() for p in (text or "").replace(";", ",").split(",")):
        if not part:
            continue
        try:
            low, high = (float(v) for v in part.split(":"))
        except ValueError:
            raise QgsProcessingException("wavenumber range '{}' is not MIN:MAX in rad/km (e.g. 0.05:0.4)".format(part))
        ranges.append((low, high))
    return ranges


class RadialSpectrum(GisBridgeAlgorithm):
    ID = "radialspectrum"
    DISPLAY_NAME = "Radial power spectrum and source depths"
    GROUP, GROUP_ID = "Gravity", "gravity"
    SERVICE, METHOD, REQUEST = "PowerSpectrum", "RadialSpectrum", "RadialSpectrumRequest"
    CAPABILITY = "radial-spectrum"
    HELP = ("<p>The radially averaged power spectrum of a gravity or magnetic grid (as GMT <i>grdfft -Er+n</i>), "
            "ln P against the radial wavenumber k, with straight lines fitted over the wavenumber ranges you give "
            "(MIN:MAX in rad/km, comma separated) or placed automatically (1 to 3 segments, breaks by least "
            "squares). Each line's slope gives the mean depth of a source ensemble (Spector &amp; Grant 1970: "
            "z = -slope / 2). With a deep and a shallow ensemble the report suggests a separation height for "
            "<i>Upward continuation</i>: twice the depth midway between them (Jacobsen 1987).</p>" + HELP_INPUT +
            "<p><b>Outputs</b>: the chart (PNG, optional SVG) and the spectrum bins (CSV).</p>")

    def define(self):
        add_raster_and_fft(self)
        self.addParameter(QgsProcessingParameterString("RANGES", "Wavenumber ranges to fit (MIN:MAX rad/km, comma "
                                                       "separated; empty = automatic)", "", optional=True))
        self.addParameter(QgsProcessingParameterEnum("SEGMENTS", "Automatic segments", ["1", "2", "3"], defaultValue=1))
        add_chart(self, "Spectrum chart", "Spectrum bins", 1200, 800, (400, 300))

    def options(self, parameters, context, feedback):
        o = protocol.gb("RadialSpectrumOptions")()
        o.band = band_index(self, parameters, context)
        fill_fft(self, parameters, context, o.fft)
        for low, high in parse_ranges(self.parameterAsString(parameters, "RANGES", context)):
            r = o.ranges.add()
            r.min_rad_per_km, r.max_rad_per_km = low, high
        o.segments = self.parameterAsEnum(parameters, "SEGMENTS", context) + 1
        fill_chart(self, parameters, context, o)
        return o

    def inputs(self, parameters, context, feedback):
        return self.raster_input(parameters, "INPUT", context, "input", band_index(self, parameters, context))

    def destination(self, kind, header, index, parameters, context):
        return self.received_path(header) if kind == "file" and index == 0 else None

    def results(self, outcome, parameters, context, feedback):
        return chart_results(self, outcome, parameters, context)
