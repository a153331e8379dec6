"""Raster input, band and FFT padding parameters shared by the potential-field filters."""
from qgis.core import (QgsProcessingParameterBand, QgsProcessingParameterEnum, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer)

from ..client import protocol

PADDINGS = (("Maximum-entropy prediction after a border-plane detrend (server default)", "PADDING_MODE_UNSPECIFIED"),
            ("Mirror", "PADDING_MODE_MIRROR"), ("Edge values", "PADDING_MODE_EDGE"), ("Zeros", "PADDING_MODE_ZERO"),
            ("Edge-point symmetry (GMT's default)", "PADDING_MODE_EDGE_SYMMETRIC"),
            ("Soft mirror", "PADDING_MODE_SOFT_MIRROR"))
PADDINGS += (("Maximum-entropy (Burg) prediction", "PADDING_MODE_MAX_ENTROPY"),)


def add_raster_and_fft(algorithm):
    algorithm.addParameter(QgsProcessingParameterRasterLayer("INPUT", "Potential-field grid (gravity, mGal)"))
    algorithm.addParameter(QgsProcessingParameterBand("BAND", "Band", 1, "INPUT", optional=True))
    algorithm.addParameter(QgsProcessingParameterEnum("PADDING", "Padding of the grid edges",
                                                      [label for label, _ in PADDINGS], defaultValue=0))
    pad = QgsProcessingParameterNumber("PAD_FRACTION", "Padding on each side (fraction of the grid size)",
                                       QgsProcessingParameterNumber.Double, 0.25, False, 0.0, 2.0)
    pad.setMetadata({"widget_wrapper": {"decimals": 2}})
    algorithm.addParameter(pad)


def fill_fft(algorithm, parameters, context, fft):
    fft.pad_fraction = algorithm.parameterAsDouble(parameters, "PAD_FRACTION", context)
    padding = PADDINGS[algorithm.parameterAsEnum(parameters, "PADDING", context)][1]
    fft.padding = protocol.enum_value("gisbridge.v1.PaddingMode", padding)


def band_index(algorithm, parameters, context):
    """0-based band for the protocol (QGIS bands are 1-based)."""
    if parameters.get("BAND") in (None, "", 0):
        return 0
    return max(0, algorithm.parameterAsInt(parameters, "BAND", context) - 1)


HELP_INPUT = ("<p><b>Input</b>: a gridded potential field (any GDAL raster, e.g. GMT netCDF grids; packed values are "
              "unpacked) in a projected CRS or in geographic coordinates (the server then uses the ellipsoid's "
              "cell sizes per latitude). The layer's CRS as QGIS shows it is used; a grid without CRS whose "
              "coordinates look like longitude/latitude (GMT netCDF) is taken as WGS 84 with a warning. "
              "NaN/nodata cells are filled for the transform and stay nodata.</p>")


FILL_DEPENDENCE = "depends_on_fill"
HELP_FILL = ("<p><b>Grids with holes</b>: nodata cells are filled for the transform and stay nodata. The optional "
             "<i>fill dependence</i> output marks with 1 the cells whose result would move by more than 1 % of the "
             "result's RMS if the fill were wrong by the standard deviation of the data around each hole (0 = "
             "reliable, nodata = the hole).</p>")


def add_fill_dependence(algorithm):
    algorithm.addParameter(QgsProcessingParameterRasterDestination(
        "FILL_DEPENDENCE", "Cells depending on filled nodata (1 = yes)", optional=True, createByDefault=False))


class FilteredRaster:
    """Mixin of the grid filters: the INPUT band streamed with its layer's CRS; the filtered raster to OUTPUT and
    the server's depends_on_fill mask to FILL_DEPENDENCE."""

    def inputs(self, parameters, context, feedback):
        return self.raster_input(parameters, "INPUT", context, "input", band_index(self, parameters, context))

    def destination(self, kind, header, index, parameters, context):
        if kind != "raster" or index != 0:
            return None
        if header.name == "depends_on_fill":
            return fill_dependence_path(self, parameters, context) or None
        return self.parameterAsOutputLayer(parameters, "OUTPUT", context)


def fill_dependence_path(algorithm, parameters, context):
    return algorithm.parameterAsOutputLayer(parameters, "FILL_DEPENDENCE", context) if parameters.get("FILL_DEPENDENCE") else ""


def input_units(algorithm, parameters, context, per_metre=False):
    """The input's units as its file states them ("input units" when it states none), optionally per metre."""
    units = algorithm.input_units(parameters, "INPUT", context, band_index(algorithm, parameters, context)) or "input units"
    return units + "/m" if per_metre else units


def filter_results(algorithm, outcome, parameters, context, name, style, layer_name):
    """Loads the filtered raster (named name by the server) with its style under layer_name (what it shows, with
    units), and the fill-dependence raster."""
    path = outcome.raster(name)
    algorithm.load_styled(path, context, style, name=layer_name)
    results = {"OUTPUT": path}
    load_fill_dependence(algorithm, outcome, context, results)
    return results


def load_fill_dependence(algorithm, outcome, context, results):
    """Loads the server's depends_on_fill raster, when it sent one, and records it as FILL_DEPENDENCE."""
    mask = outcome.raster(FILL_DEPENDENCE)
    if mask:
        algorithm.load_styled(mask, context, "greys", 0.0, 1.0, name="Depends on filled nodata (1 = yes, 0 = no)")
        results["FILL_DEPENDENCE"] = mask
