"""gisbridge:synthgravity: a synthetic dataset folder with gravity images and uint8 labels."""
import glob
import os

from conftest import raster_facts


def test_dataset_folder(synth_dataset):
    from osgeo import gdal
    images = sorted(glob.glob(os.path.join(synth_dataset, "images", "*.tif")))
    labels = sorted(glob.glob(os.path.join(synth_dataset, "labels", "*.tif")))
    print("images", len(images), "labels", len(labels), os.listdir(synth_dataset))
    assert len(images) == 4 and len(labels) == 4
    assert raster_facts(images[0])[:2] == (32, 32)
    ds = gdal.Open(labels[0])
    assert ds.GetRasterBand(1).DataType == gdal.GDT_Byte
    assert ds.GetRasterBand(1).ReadAsArray().max() < 3
