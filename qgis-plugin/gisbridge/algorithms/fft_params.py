"""Raster input, band and FFT padding parameters shared by the potential-field filters."""
from qgis.core import (QgsProcessingParameterBand, QgsProcessingParameterEnum, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterLayer)

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
