"""gisbridge:synthgravity: a synthetic dataset folder with gravity images and uint8 labels."""
import glob
import os

import numpy as np

from conftest import raster_facts


def test_dataset_folder(synth_dataset):
    from osgeo import gdal
    images = sorted(glob.glob(os.path.join(synth_dataset, "images", "*.tif")))
    labels = sorted(glob.glob(os.path.join(synth_dataset, "labels", "*.tif")))
    print("images", len(images), "labels", len(labels), os.listdir(synth_dataset))
    assert len(images) == 4 and len(labels) == 4
    assert raster_facts(images[0])[:2] == (64, 64)
    assert os.path.isfile(os.path.join(synth_dataset, "classes.json"))
    ds = gdal.Open(labels[0])
    assert ds.GetRasterBand(1).DataType == gdal.GDT_Byte
    values = set(np.unique(ds.GetRasterBand(1).ReadAsArray()).tolist())
    assert values <= {0, 1, 2, 255} and len(values - {255}) >= 2  # 255 = ignore
