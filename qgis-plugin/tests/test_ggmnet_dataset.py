"""gisbridge:ggmnetdataset: gravity grid + geological polygons -> dataset folder."""
import glob
import os

from conftest import require


def polygonize(label_tif, out_gpkg):
    """Geological map for the test: the synthetic label raster turned into polygons with a 'lithology' field."""
    from osgeo import gdal, ogr, osr
    ds = gdal.Open(label_tif)
    driver = ogr.GetDriverByName("GPKG")
    vector = driver.CreateDataSource(out_gpkg)
    srs = osr.SpatialReference()
    if ds.GetProjection():
        srs.ImportFromWkt(ds.GetProjection())
    layer = vector.CreateLayer("geology", srs if ds.GetProjection() else None, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("lithology", ogr.OFTInteger))
    gdal.Polygonize(ds.GetRasterBand(1), None, layer, 0)
    vector = None
    return out_gpkg


def test_dataset_from_map(provider, capabilities, synth_dataset, tmp_path):
    require(capabilities, "ggmnet-dataset")
    import processing
    image = sorted(glob.glob(os.path.join(synth_dataset, "images", "*.tif")))[0]
    label = sorted(glob.glob(os.path.join(synth_dataset, "labels", "*.tif")))[0]
    geology = polygonize(label, str(tmp_path / "geology.gpkg"))
    out = str(tmp_path / "dataset")
    processing.run("gisbridge:ggmnetdataset", {"INPUT": image, "GEOLOGY": geology, "CLASS_FIELD": "lithology",
                                               "WINDOWS": "16000,32000", "TILE": 16, "OUTPUT": out})
    files = [os.path.relpath(os.path.join(r, f), out) for r, _d, names in os.walk(out) for f in names]
    print("dataset files", files)
    assert any(f.startswith("images") for f in files) and any(f.startswith("labels") for f in files)
    # the synthetic grid is 64 cells of 1000 map units: 16 km windows give 7 x 7 tiles, 32 km windows 3 x 3
    assert len([f for f in files if f.startswith("images")]) == 58
    assert {"classes.json", "split.json", "class_frequencies.json"} <= set(files)


def test_dataset_with_extra_channels_on_rondonia(provider, capabilities, tmp_path):
    """Real case: SRTM as the base grid, gamma-ray K and Landsat (5 bands) as extra channels, the CPRM map."""
    require(capabilities, "ggmnet-dataset")
    import processing
    from osgeo import gdal
    from conftest import shared_data
    features = shared_data("lithology", "rondonia-cprm", "features_tif")
    out = str(tmp_path / "dataset")
    processing.run("gisbridge:ggmnetdataset", {
        "INPUT": os.path.join(features, "srtm300m.tif"),
        "CHANNELS": [os.path.join(features, "Rondonia_Geof_Kperc.tif"), os.path.join(features, "Landsat_RO.tif")],
        "GEOLOGY": shared_data("lithology", "rondonia-cprm", "target", "Litologia.gpkg"), "CLASS_FIELD": "COD_UNI_ES",
        "WINDOWS": "0.1", "TILE": 32, "OUTPUT": out})
    image = sorted(glob.glob(os.path.join(out, "images", "*.tif")))[0]
    ds = gdal.Open(image)
    assert ds.RasterCount == 1 + 1 + 5
    assert ds.GetRasterBand(2).GetDescription() == "Rondonia_Geof_Kperc"
    assert ds.GetRasterBand(7).GetDescription() == "Landsat_RO_5"


def test_real_map_in_its_own_unit_colours(provider, capabilities, tmp_path):
    """The Rondonia (CPRM) map with the colour table its peer plugin writes: the classes carry the map's colours."""
    require(capabilities, "ggmnet-dataset")
    import json
    import processing
    from conftest import shared_data
    case = shared_data("lithology", "rondonia-cprm")
    out = str(tmp_path / "dataset")
    processing.run("gisbridge:ggmnetdataset", {
        "INPUT": os.path.join(case, "features_tif", "srtm300m.tif"), "GEOLOGY": os.path.join(case, "target", "Litologia.gpkg"),
        "CLASS_FIELD": "SIGLA_UNID", "CLASS_COLORS": os.path.join(case, "unit_colors.csv"), "WINDOWS": "0.06", "TILE": 22,
        "OUTPUT": out})
    with open(os.path.join(out, "classes.json")) as f:
        colours = {c["name"]: c["color"] for c in json.load(f)}
    # unit_colors.csv rows "14,250,206,128,255,NP1_gamma_ro" and "49,255,255,0,255,NQi", read by eye
    assert colours["NP1_gamma_ro"] == "#face80" and colours["NQi"] == "#ffff00"


def test_outcrops_held_out_on_rondonia(provider, capabilities, tmp_path):
    """The CPRM outcrops as holdout points: holdout.json keeps, for each, the unit of the map polygon under it."""
    require(capabilities, "ggmnet-dataset")
    import json
    import processing
    from osgeo import ogr
    from conftest import shared_data
    case = shared_data("lithology", "rondonia-cprm")
    geology = os.path.join(case, "target", "Litologia.gpkg")
    out = str(tmp_path / "dataset")
    processing.run("gisbridge:ggmnetdataset", {
        "INPUT": os.path.join(case, "features_tif", "srtm300m.tif"), "GEOLOGY": geology, "CLASS_FIELD": "COD_UNI_ES",
        "HOLDOUT_POINTS": os.path.join(case, "target", "afloramentos.gpkg"), "HOLDOUT_RADIUS": 0.01,
        "WINDOWS": "0.06", "TILE": 22, "OUTPUT": out})
    with open(os.path.join(out, "classes.json")) as f:
        names = {c["id"]: c["name"] for c in json.load(f)}
    with open(os.path.join(out, "holdout.json")) as f:
        points = json.load(f)
    assert 100 <= len(points) <= 110   # 110 outcrops; two in one cell or one off the map merge
    source = ogr.Open(geology)   # kept: the layer dies with its data source
    layer = source.GetLayer()
    agree = 0
    for p in points:
        point = ogr.CreateGeometryFromWkt("POINT ({} {})".format(p["x"], p["y"]))
        units = [str(feature.GetField("COD_UNI_ES")) for feature in layer if feature.GetGeometryRef().Contains(point)]
        layer.ResetReading()
        agree += units == [names[p["classId"]]]
    # The cell centre can fall across a contact from the outcrop itself; nearly all must agree.
    assert agree >= 0.95 * len(points)
