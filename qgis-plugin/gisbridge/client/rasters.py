"""Rasters to and from the stream: any GDAL raster -> RasterHeader + row-block RasterChunks; chunks -> GeoTIFF."""
import os
import uuid

from osgeo import gdal

from . import protocol

gdal.UseExceptions()
MAX_CHUNK_BYTES = 1 << 20

# GDAL type -> (protocol enum name, bytes per value); other GDAL types are sent as float64.
_TO_PROTOCOL = {
    gdal.GDT_Byte: ("RASTER_DATA_TYPE_UINT8", 1),
    gdal.GDT_Int16: ("RASTER_DATA_TYPE_INT16", 2),
    gdal.GDT_UInt16: ("RASTER_DATA_TYPE_UINT16", 2),
    gdal.GDT_Int32: ("RASTER_DATA_TYPE_INT32", 4),
    gdal.GDT_Float32: ("RASTER_DATA_TYPE_FLOAT32", 4),
    gdal.GDT_Float64: ("RASTER_DATA_TYPE_FLOAT64", 8),
}
_FROM_PROTOCOL = {name: (gdal_type, size) for gdal_type, (name, size) in _TO_PROTOCOL.items()}


COMPRESSION_VARIABLE = "GISBRIDGE_GTIFF_COMPRESSION"


def geotiff_options(gdal_type, setting=None):
    """Creation options of the GeoTIFFs the plugin writes, as the server chooses them: ZSTD level 1 where this GDAL
    has it (about half DEFLATE's CPU time at the same size on float grids), else DEFLATE level 1; a predictor; all
    cores. GISBRIDGE_GTIFF_COMPRESSION (zstd, deflate, none) overrides, e.g. deflate for tools without libzstd."""
    if setting is None:
        setting = os.environ.get(COMPRESSION_VARIABLE, "")
    setting = setting.strip().lower()
    has_zstd = "ZSTD" in (gdal.GetDriverByName("GTiff").GetMetadataItem("DMD_CREATIONOPTIONLIST") or "")
    if setting not in ("", "zstd", "deflate", "none"):
        raise ValueError("{}='{}' is not a GeoTIFF compression: use zstd, deflate or none".format(COMPRESSION_VARIABLE, setting))
    if setting == "zstd" and not has_zstd:
        raise ValueError("{}=zstd, but this GDAL was built without ZSTD: use deflate".format(COMPRESSION_VARIABLE))
    options = ["TILED=YES", "BIGTIFF=IF_SAFER"]
    if setting == "none":
        return options
    zstd = setting == "zstd" or (setting == "" and has_zstd)
    options += ["COMPRESS=ZSTD", "ZSTD_LEVEL=1"] if zstd else ["COMPRESS=DEFLATE", "ZLEVEL=1"]
    options.append("PREDICTOR=3" if gdal_type in (gdal.GDT_Float32, gdal.GDT_Float64) else "PREDICTOR=2")
    options.append("NUM_THREADS=ALL_CPUS")
    return options


def _open(path):
    try:
        return gdal.Open(path, gdal.GA_ReadOnly)
    except RuntimeError as e:
        raise ValueError("cannot read raster '{}': {}".format(path, e)) from None


def _is_packed(band):
    return (band.GetScale() or 1.0) != 1.0 or (band.GetOffset() or 0.0) != 0.0


def raster_items(path, name, band=None, local=False):
    """Yields JobData items (header, then chunks band by band) for the raster at a GDAL path.

    Packed bands (scale_factor/add_offset, e.g. netCDF int16) are unpacked to float64 so the server receives
    physical values; nodata stays nodata. local=True sends only the path of a plain local file (the server reads it).
    """
    if local and os.path.isfile(path):
        header = protocol.gb("JobData")()
        header.raster_header.name, header.raster_header.local_path = name, os.path.abspath(path)
        yield header
        return
    ds = _open(path)
    if band is not None and not 0 <= band < ds.RasterCount:
        raise ValueError("raster '{}' has {} band(s); band {} does not exist".format(path, ds.RasterCount, band + 1))
    bands = [ds.GetRasterBand(band + 1)] if band is not None else [ds.GetRasterBand(i + 1) for i in range(ds.RasterCount)]
    if not bands:
        raise ValueError("raster '{}' has no bands".format(path))
    packed = any(_is_packed(b) for b in bands)
    gdal_type = bands[0].DataType
    if packed or gdal_type not in _TO_PROTOCOL:
        gdal_type = gdal.GDT_Float64
    type_name, size = _TO_PROTOCOL[gdal_type]
    JobData = protocol.gb("JobData")
    header = JobData()
    h = header.raster_header
    h.name, h.width, h.height, h.band_count = name, ds.RasterXSize, ds.RasterYSize, len(bands)
    h.data_type = protocol.enum_value("gisbridge.v1.RasterDataType", type_name)
    h.geotransform.extend(ds.GetGeoTransform())
    h.crs_wkt = ds.GetProjection() or ""
    nodata = bands[0].GetNoDataValue()
    if nodata is not None:
        h.has_nodata, h.nodata = True, nodata
    h.band_names.extend([b.GetDescription() or "band {}".format(i + 1) for i, b in enumerate(bands)])
    h.band_units.extend([b.GetUnitType() or "" for b in bands])
    yield header
    rows_per_chunk = max(1, MAX_CHUNK_BYTES // max(1, ds.RasterXSize * size))
    for index, b in enumerate(bands):
        for row in range(0, ds.RasterYSize, rows_per_chunk):
            count = min(rows_per_chunk, ds.RasterYSize - row)
            chunk = JobData()
            c = chunk.raster_chunk
            c.band, c.row_start, c.row_count = index, row, count
            c.data = _read_rows(b, row, count, ds.RasterXSize, gdal_type, packed, nodata)
            yield chunk


def _read_rows(band, row, count, width, gdal_type, packed, nodata):
    if not _is_packed(band):
        return bytes(band.ReadRaster(0, row, width, count, buf_type=gdal_type))  # bytearray on GDAL >= 3.x
    raw = band.ReadAsArray(0, row, width, count)  # numpy ships with QGIS
    values = raw * (band.GetScale() or 1.0) + (band.GetOffset() or 0.0)
    if nodata is not None:
        values[raw == nodata] = nodata
    return values.astype("<f8").tobytes()


def category_names(path):
    """Category names of band 1 ([] when none). GTiff keeps them in the .aux.xml side file, which GDAL loads
    lazily: reading the metadata first makes GetCategoryNames see them."""
    ds = _open(path)
    band = ds.GetRasterBand(1)
    band.GetMetadata()
    return list(band.GetCategoryNames() or [])


class RasterWriter:
    """Writes one streamed raster into a tiled, compressed GeoTIFF (geotiff_options) beside the destination, renamed
    when complete."""

    def __init__(self, header, destination):
        self.header = header
        self.destination = destination
        type_name = protocol.enum_name("gisbridge.v1.RasterDataType", header.data_type)
        if type_name not in _FROM_PROTOCOL:
            raise ValueError("raster '{}' has an unsupported data type {}".format(header.name, type_name))
        self.gdal_type, self.size = _FROM_PROTOCOL[type_name]
        folder = os.path.dirname(os.path.abspath(destination))
        os.makedirs(folder, exist_ok=True)
        self.temp = os.path.join(folder, ".{}.{}.tif".format(os.path.basename(destination), uuid.uuid4().hex[:8]))
        self.ds = gdal.GetDriverByName("GTiff").Create(self.temp, header.width, header.height, header.band_count,
                                                       self.gdal_type, geotiff_options(self.gdal_type))
        if len(header.geotransform) == 6:
            self.ds.SetGeoTransform(list(header.geotransform))
        if header.crs_wkt:
            self.ds.SetProjection(header.crs_wkt)
        for i in range(header.band_count):
            band = self.ds.GetRasterBand(i + 1)
            if header.has_nodata:
                band.SetNoDataValue(header.nodata)
            if i < len(header.band_names) and header.band_names[i]:
                band.SetDescription(header.band_names[i])
            if i < len(header.band_units) and header.band_units[i]:
                band.SetUnitType(header.band_units[i])
        if header.category_names and self.gdal_type == gdal.GDT_Byte:
            self._set_categories(self.ds.GetRasterBand(1))
        self.rows_written = 0

    def _set_categories(self, band):
        band.SetCategoryNames(list(self.header.category_names))
        table = gdal.ColorTable()
        for index, colour in enumerate(self.header.category_colors):
            c = colour.lstrip("#")
            if len(c) == 6:
                table.SetColorEntry(index, (int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16), 255))
        band.SetRasterColorTable(table)
        band.SetRasterColorInterpretation(gdal.GCI_PaletteIndex)

    def add(self, chunk):
        h = self.header
        if not (0 <= chunk.band < h.band_count and 0 <= chunk.row_start and chunk.row_start + chunk.row_count <= h.height):
            raise ValueError("raster '{}': chunk band {} rows {}+{} lies outside {}x{}x{}".format(
                h.name, chunk.band, chunk.row_start, chunk.row_count, h.width, h.height, h.band_count))
        expected = chunk.row_count * h.width * self.size
        if len(chunk.data) != expected:
            raise ValueError("raster '{}': chunk of {} bytes, expected {}".format(h.name, len(chunk.data), expected))
        self.ds.GetRasterBand(chunk.band + 1).WriteRaster(0, chunk.row_start, h.width, chunk.row_count,
                                                          chunk.data, buf_type=self.gdal_type)
        self.rows_written += chunk.row_count

    def finish(self):
        """Closes the file and moves it to the destination (converted when the destination is not a GeoTIFF)."""
        expected = self.header.height * self.header.band_count
        if self.rows_written != expected:
            self.abort()
            raise ValueError("raster '{}' is incomplete: {} of {} rows received".format(
                self.header.name, self.rows_written, expected))
        self.ds.FlushCache()
        self.ds = None
        if os.path.splitext(self.destination)[1].lower() in (".tif", ".tiff"):
            os.replace(self.temp, self.destination)
            # GTiff keeps category names in a .aux.xml side file (PAM): it moves with the image.
            if os.path.exists(self.temp + ".aux.xml"):
                os.replace(self.temp + ".aux.xml", self.destination + ".aux.xml")
        else:
            gdal.Translate(self.destination, self.temp)
            gdal.GetDriverByName("GTiff").Delete(self.temp)
        return self.destination

    def abort(self):
        self.ds = None
        for path in (self.temp, self.temp + ".aux.xml"):
            if os.path.exists(path):
                os.remove(path)
