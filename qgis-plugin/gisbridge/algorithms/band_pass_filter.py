"""gisbridge:bandpassfilter -> PotentialFieldFilters.BandPass (Gaussian, Butterworth, cosine; cut-offs in km)."""
from qgis.core import (QgsProcessingException, QgsProcessingParameterEnum, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination)

from ..client import protocol
from .base import GisBridgeAlgorithm, with_units
from .fft_params import (FilteredRaster, HELP_FILL, HELP_INPUT, add_fill_dependence, add_raster_and_fft, band_index,
                         fill_dependence_path, fill_fft, filter_results, input_units)

SHAPES = (("Gaussian (gain 0.5 at the cut-off)", "BAND_PASS_SHAPE_GAUSSIAN", "Gaussian"),
          ("Butterworth (gain 0.707 at the cut-off)", "BAND_PASS_SHAPE_BUTTERWORTH", "Butterworth"),
          ("Cosine roll-off (gain 0.5 at the cut-off)", "BAND_PASS_SHAPE_COSINE", "Cosine"))


def _km(name, label, default):
    p = QgsProcessingParameterNumber(name, label, QgsProcessingParameterNumber.Double, default, True, 0.0)
    p.setMetadata({"widget_wrapper": {"decimals": 1}})
    return p


class BandPassFilter(FilteredRaster, GisBridgeAlgorithm):
    ID = "bandpassfilter"
    DISPLAY_NAME = "Band-pass filter (wavelengths in km)"
    GROUP, GROUP_ID = "Gravity", "gravity"
    SERVICE, METHOD, REQUEST = "PotentialFieldFilters", "BandPass", "BandPassRequest"
    CAPABILITY = "band-pass"
    HELP = ("<p>Low-, high- or band-pass of a gravity or magnetic grid with cut-off <b>wavelengths in km</b> "
            "(also on longitude/latitude grids). Give the <b>short cut-off</b> alone for a low-pass (removes shorter "
            "wavelengths: a smooth regional), the <b>long cut-off</b> alone for a high-pass (removes longer ones: a "
            "residual), both for a band-pass. Shapes as GMT grdfft -F: Gaussian (gain 0.5 at the cut-off), "
            "Butterworth of an order (0.707), cosine roll-off (0.5; the roll-off width is a fraction of the cut-off "
            "wavenumber). High-pass = input - low-pass with the same cut-off.</p>" + HELP_INPUT + HELP_FILL +
            "<p><b>Output</b>: a GeoTIFF in the input units; a low-pass is styled on a sequential ramp, high- and "
            "band-passes on a diverging ramp centred on zero; the layer name gives the filter and its cut-offs.</p>")

    def define(self):
        add_raster_and_fft(self)
        self.addParameter(QgsProcessingParameterEnum("SHAPE", "Filter shape", [s[0] for s in SHAPES], defaultValue=0))
        self.addParameter(_km("LONG_CUTOFF_KM", "Long cut-off (km): remove longer wavelengths (high-pass)", None))
        self.addParameter(_km("SHORT_CUTOFF_KM", "Short cut-off (km): remove shorter wavelengths (low-pass)", None))
        self.addParameter(QgsProcessingParameterNumber("ORDER", "Butterworth order", QgsProcessingParameterNumber.Double,
                                                       2.0, True, 1.0, 32.0))
        self.addParameter(QgsProcessingParameterNumber("ROLLOFF", "Cosine roll-off width (fraction of the cut-off "
                                                       "wavenumber)", QgsProcessingParameterNumber.Double, 1.0, True,
                                                       0.01, 1.99))
        self.addParameter(QgsProcessingParameterRasterDestination("OUTPUT", "Filtered grid"))
        add_fill_dependence(self)

    def _cutoffs(self, parameters, context):
        def value(name):
            return self.parameterAsDouble(parameters, name, context) if parameters.get(name) not in (None, "") else 0.0
        return value("LONG_CUTOFF_KM"), value("SHORT_CUTOFF_KM")

    def options(self, parameters, context, feedback):
        long_km, short_km = self._cutoffs(parameters, context)
        if long_km <= 0 and short_km <= 0:
            raise QgsProcessingException("give a cut-off wavelength in km: LONG_CUTOFF_KM (high-pass), "
                                         "SHORT_CUTOFF_KM (low-pass) or both (band-pass)")
        options = protocol.gb("BandPassOptions")()
        options.shape = protocol.enum_value("gisbridge.v1.BandPassShape",
                                            SHAPES[self.parameterAsEnum(parameters, "SHAPE", context)][1])
        options.long_cutoff_km, options.short_cutoff_km = long_km, short_km
        if parameters.get("ORDER") not in (None, ""):
            options.order = self.parameterAsDouble(parameters, "ORDER", context)
        if parameters.get("ROLLOFF") not in (None, ""):
            options.rolloff = self.parameterAsDouble(parameters, "ROLLOFF", context)
        options.band = band_index(self, parameters, context)
        options.want_fill_dependence = bool(fill_dependence_path(self, parameters, context))
        fill_fft(self, parameters, context, options.fft)
        return options

    def results(self, outcome, parameters, context, feedback):
        long_km, short_km = self._cutoffs(parameters, context)
        shape = SHAPES[self.parameterAsEnum(parameters, "SHAPE", context)][2]
        if long_km > 0 and short_km > 0:
            label, style = "{} band-pass {:g}-{:g} km".format(shape, short_km, long_km), "diverging_zero"
        elif long_km > 0:
            label, style = "{} high-pass, longer than {:g} km removed".format(shape, long_km), "diverging_zero"
        else:
            label, style = "{} low-pass, shorter than {:g} km removed".format(shape, short_km), "sequential"
        return filter_results(self, outcome, parameters, context, "filtered", style,
                              with_units(label, input_units(self, parameters, context)))
