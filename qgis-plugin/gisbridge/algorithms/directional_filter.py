"""gisbridge:directionalfilter -> PotentialFieldFilters.DirectionalFilter (directional cosine filter)."""
from qgis.core import (QgsProcessingParameterBoolean, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination)

from ..client import protocol
from .base import GisBridgeAlgorithm, with_units
from .fft_params import (FilteredRaster, HELP_FILL, HELP_INPUT, add_fill_dependence, add_raster_and_fft, band_index,
                         fill_dependence_path, fill_fft, filter_results, input_units)


class DirectionalFilter(FilteredRaster, GisBridgeAlgorithm):
    ID = "directionalfilter"
    DISPLAY_NAME = "Directional cosine filter"
    GROUP, GROUP_ID = "Gravity", "gravity"
    SERVICE, METHOD, REQUEST = "PotentialFieldFilters", "DirectionalFilter", "DirectionalFilterRequest"
    CAPABILITY = "directional-filter"
    HELP = ("<p>Keeps (or removes) the features of a gravity or magnetic grid that strike in one direction: the "
            "gain is |cos|<sup>n</sup> of the angle between a wavevector and the normal to the strike, so features "
            "along the strike pass and those across it are removed; <b>reject</b> does the opposite (e.g. to remove "
            "survey-line noise). The <b>strike</b> is in degrees clockwise from north; a larger exponent narrows the "
            "fan of directions kept. The mean is kept.</p>" + HELP_INPUT + HELP_FILL +
            "<p><b>Output</b>: a GeoTIFF in the input units, styled on a sequential ramp; the layer name gives the "
            "strike and the mode.</p>")

    def define(self):
        add_raster_and_fft(self)
        strike = QgsProcessingParameterNumber("STRIKE", "Strike (degrees clockwise from north)",
                                              QgsProcessingParameterNumber.Double, 0.0, False, 0.0, 180.0)
        strike.setMetadata({"widget_wrapper": {"decimals": 1}})
        self.addParameter(strike)
        self.addParameter(QgsProcessingParameterNumber("EXPONENT", "Cosine exponent", QgsProcessingParameterNumber.Double,
                                                       2.0, False, 0.01, 64.0))
        self.addParameter(QgsProcessingParameterBoolean("REJECT", "Remove the features of that strike instead", False))
        self.addParameter(QgsProcessingParameterRasterDestination("OUTPUT", "Filtered grid"))
        add_fill_dependence(self)

    def options(self, parameters, context, feedback):
        options = protocol.gb("DirectionalFilterOptions")()
        options.strike_azimuth_degrees = self.parameterAsDouble(parameters, "STRIKE", context)
        options.exponent = self.parameterAsDouble(parameters, "EXPONENT", context)
        options.reject = self.parameterAsBool(parameters, "REJECT", context)
        options.band = band_index(self, parameters, context)
        options.want_fill_dependence = bool(fill_dependence_path(self, parameters, context))
        fill_fft(self, parameters, context, options.fft)
        return options

    def results(self, outcome, parameters, context, feedback):
        mode = "removed" if self.parameterAsBool(parameters, "REJECT", context) else "kept"
        label = "Directional filter, features striking {:g}° {}".format(
            self.parameterAsDouble(parameters, "STRIKE", context), mode)
        return filter_results(self, outcome, parameters, context, "filtered", "sequential",
                              with_units(label, input_units(self, parameters, context)))
