"""gisbridge:radialspectrum -> PowerSpectrum.RadialSpectrum (radially averaged power spectrum, depth estimates)."""
from qgis.core import (QgsProcessingException, QgsProcessingParameterEnum, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterNumber, QgsProcessingParameterString)

from ..client import protocol
from .base import GisBridgeAlgorithm
from .fft_params import HELP_INPUT, add_raster_and_fft, band_index, fill_fft

OUTPUTS = (("chart_png", "OUTPUT"), ("chart_svg", "OUTPUT_SVG"), ("table", "OUTPUT_TABLE"))


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
        integer = QgsProcessingParameterNumber.Integer
        self.addParameter(QgsProcessingParameterNumber("WIDTH", "Chart width (px)", integer, 1200, False, 400, 8000))
        self.addParameter(QgsProcessingParameterNumber("HEIGHT", "Chart height (px)", integer, 800, False, 300, 8000))
        self.addParameter(QgsProcessingParameterString("TITLE", "Title", "", optional=True))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", "Spectrum chart (PNG)", "PNG files (*.png)"))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT_SVG", "Spectrum chart (SVG)", "SVG files (*.svg)",
                                                                optional=True, createByDefault=False))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT_TABLE", "Spectrum bins (CSV)", "CSV files (*.csv)",
                                                                optional=True, createByDefault=False))

    def options(self, parameters, context, feedback):
        o = protocol.gb("RadialSpectrumOptions")()
        o.band = band_index(self, parameters, context)
        fill_fft(self, parameters, context, o.fft)
        for low, high in parse_ranges(self.parameterAsString(parameters, "RANGES", context)):
            r = o.ranges.add()
            r.min_rad_per_km, r.max_rad_per_km = low, high
        o.segments = self.parameterAsEnum(parameters, "SEGMENTS", context) + 1
        o.width = self.parameterAsInt(parameters, "WIDTH", context)
        o.height = self.parameterAsInt(parameters, "HEIGHT", context)
        o.title = self.parameterAsString(parameters, "TITLE", context)
        return o

    def inputs(self, parameters, context, feedback):
        return self.raster_input(parameters, "INPUT", context, "input", band_index(self, parameters, context))

    def destination(self, kind, header, index, parameters, context):
        return self.received_path(header) if kind == "file" and index == 0 else None

    def results(self, outcome, parameters, context, feedback):
        results = {}
        for role, name in OUTPUTS:
            path = self.file_result(outcome, role, parameters, name, context)
            if path:
                results[name] = path
        return results
