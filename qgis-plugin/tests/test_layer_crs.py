"""The QGIS layer's CRS is the one the server uses; a GMT netCDF grid without CRS is taken as EPSG:4326."""
import subprocess

import pytest

from conftest import raster_facts, recording_feedback, require, same_crs, shared_data


@pytest.fixture(scope="module")
def gmt_crop(tmp_path_factory):
    """20 x 20 degrees of the global EIGEN-6C4 grid cut by GMT (COARDS netCDF: lon/lat axes, no CRS)."""
    from osgeo import gdal
    folder = tmp_path_factory.mktemp("gmt")
    path = str(folder / "crop.nc")
    subprocess.run(["gmt", "grdcut", shared_data("gravity", "global-10arcmin", "earth-gravity-10arcmin.nc"),
                    "-R60/80/-40/-20", "-G" + path], check=True, cwd=str(folder))  # GMT leaves gmt.history there
    assert not gdal.Open(path).GetProjection()  # the premise: the file carries no CRS
    return path


def wkt(definition):
    from osgeo import osr
    srs = osr.SpatialReference()
    srs.SetFromUserInput(definition)
    return srs.ExportToWkt()


def test_grid_without_crs_is_continued_as_wgs84_with_a_warning(provider, capabilities, gmt_crop, tmp_path):
    require(capabilities, "upward-continuation")
    import processing
    residual = str(tmp_path / "residual.tif")
    feedback = recording_feedback()
    processing.run("gisbridge:upwardcontinuation", {"INPUT": gmt_crop, "HEIGHT": 10000, "RESIDUAL": residual},
                   feedback=feedback)
    assert same_crs(raster_facts(residual)[3], wkt("EPSG:4326"))
    assert any("EPSG:4326" in m and "no CRS" in m for m in feedback.messages), feedback.messages


def test_the_layers_crs_wins_over_the_files(provider, capabilities, gmt_crop, tmp_path):
    require(capabilities, "upward-continuation")
    import processing
    from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRasterLayer
    layer = QgsRasterLayer(gmt_crop, "gravity")
    layer.setCrs(QgsCoordinateReferenceSystem("EPSG:4258"))  # what a user does in Layer Properties > Source
    QgsProject.instance().addMapLayer(layer)
    try:
        residual = str(tmp_path / "residual.tif")
        feedback = recording_feedback()
        processing.run("gisbridge:upwardcontinuation", {"INPUT": layer.id(), "HEIGHT": 10000, "RESIDUAL": residual},
                       feedback=feedback)
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
    assert same_crs(raster_facts(residual)[3], wkt("EPSG:4258"))
    assert not any("EPSG:4326" in m for m in feedback.messages), feedback.messages
