"""Health, version check, token handling and the byte-exact raster round trip through the plugin's client."""
import os

import pytest
from osgeo import gdal, osr

from conftest import GRAVITY, SAMPLES, TOKEN, Feedback


def connect(server, token=TOKEN):
    from gisbridge.client.channel import Connection
    return Connection(server.address, token)


def test_health_and_version(provider, server):
    connection = connect(server)
    try:
        assert connection.is_serving()
        info = connection.check_version()
        assert info.protocol_version == 1
        assert info.server_version
        print("server", info.server_version, "capabilities", list(info.capabilities))
    finally:
        connection.close()


def test_wrong_token_is_explained(provider, server):
    from gisbridge.client.channel import ServerError
    connection = connect(server, token="wrong")
    try:
        assert connection.is_serving()  # the health check stays open
        with pytest.raises(ServerError, match="UNAUTHENTICATED.*token"):
            connection.get_info()
    finally:
        connection.close()


def round_trip(server, path, destination, feedback=None):
    from gisbridge.client import jobs, protocol, rasters
    connection = connect(server)
    try:
        return jobs.run_job(connection, "ServerInfo", "RoundTrip", "RoundTripRequest",
                            protocol.gb("RoundTripOptions")(), rasters.raster_items(path, "input"),
                            lambda kind, header, index: destination, feedback)
    finally:
        connection.close()


def test_round_trip_is_exact_with_crs_and_geotransform(provider, server, tmp_path):
    out = str(tmp_path / "back.tif")
    outcome = round_trip(server, GRAVITY, out, Feedback())
    assert outcome.result.message
    src, back = gdal.Open(GRAVITY), gdal.Open(out)
    assert (back.RasterXSize, back.RasterYSize) == (160, 160)
    assert back.GetGeoTransform() == pytest.approx(src.GetGeoTransform())
    assert src.GetRasterBand(1).ReadRaster() == back.GetRasterBand(1).ReadRaster()
    assert back.GetMetadata("IMAGE_STRUCTURE").get("COMPRESSION") == "ZSTD"  # this GDAL has it


def test_geotiff_options_follow_the_setting_and_refuse_unknown_names():
    from gisbridge.client import rasters
    assert "COMPRESS=ZSTD" in rasters.geotiff_options(gdal.GDT_Float32, "")
    deflate = rasters.geotiff_options(gdal.GDT_Byte, "deflate")
    assert "COMPRESS=DEFLATE" in deflate and "PREDICTOR=2" in deflate
    assert not any(o.startswith("COMPRESS") for o in rasters.geotiff_options(gdal.GDT_Float32, "none"))
    with pytest.raises(ValueError, match="GISBRIDGE_GTIFF_COMPRESSION"):
        rasters.geotiff_options(gdal.GDT_Float32, "lzma")


def test_packed_netcdf_is_unpacked_before_streaming(provider, server, tmp_path):
    out = str(tmp_path / "bathymetry.tif")
    round_trip(server, os.path.join(SAMPLES, "gravity", "mb.par.surf.1km.sq.nc"), out)
    ds = gdal.Open(out)  # keep the dataset alive while its band is used (GDAL's Python bindings)
    band = ds.GetRasterBand(1)
    low, high, _mean, _std = band.ComputeStatistics(False)
    print("bathymetry range", low, high)
    assert low == pytest.approx(-5021.0, abs=0.1) and high == pytest.approx(-2200.4, abs=0.1)


def test_uint8_categories_survive(provider, server, tmp_path):
    from gisbridge.client import protocol
    from gisbridge.client.rasters import RasterWriter
    header = protocol.gb("RasterHeader")(name="lithology", width=3, height=2, band_count=1,
                                         data_type=protocol.enum_value("gisbridge.v1.RasterDataType", "RASTER_DATA_TYPE_UINT8"),
                                         geotransform=[0, 10, 0, 20, 0, -10], crs_wkt=osr.SRS_WKT_WGS84_LAT_LONG, has_nodata=True, nodata=255,
                                         category_names=["basalt", "granite"], category_colors=["#ff0000", "#00ff00"])
    writer = RasterWriter(header, str(tmp_path / "litho.tif"))
    chunk = protocol.gb("RasterChunk")(band=0, row_start=0, row_count=2, data=bytes([0, 1, 1, 0, 255, 1]))
    writer.add(chunk)
    path = writer.finish()
    from gisbridge.client.rasters import category_names
    assert category_names(path) == ["basalt", "granite"]
    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    assert band.GetColorTable().GetColorEntry(1)[:3] == (0, 255, 0)
    assert band.GetNoDataValue() == 255


def test_protocol_mismatch_names_both_versions(provider, server, monkeypatch):
    from gisbridge.client import protocol
    from gisbridge.client.channel import ServerError
    monkeypatch.setattr(protocol, "PROTOCOL_VERSION", 2)
    connection = connect(server)
    try:
        with pytest.raises(ServerError, match="protocol version 1 .* needs version 2"):
            connection.check_version()
    finally:
        connection.close()


def test_settings_page_names_the_server_its_gdal_and_its_block_cache(provider, server, monkeypatch):
    from gisbridge import provider_settings
    monkeypatch.setenv("GISBRIDGE_SERVER_ADDRESS", server.address)
    connection = connect(server)
    try:
        info = connection.check_version()
    finally:
        connection.close()
    shown = provider_settings.in_use(info)
    assert info.gdal_cache_bytes == 64 << 20  # the server's default --gdal-cache-mb
    assert shown.startswith("server at {} (server {}), GDAL {}".format(server.address, info.server_version, info.gdal_version))
    assert shown.endswith("GDAL block cache 64 MB")
