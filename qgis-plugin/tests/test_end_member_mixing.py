"""gisbridge:endmembermixing: mantle end-member proportions of the Gale ridge basalts (dominant end-member style) and
of the GEOROC Kerguelen Plateau lavas."""
from conftest import require


def test_proportions_misfit_and_dominant_style(provider, capabilities, indexed_samples, tmp_path):
    require(capabilities, "end-member-mixing")
    import processing
    from qgis.core import QgsCategorizedSymbolRenderer, QgsVectorLayer
    from gisbridge import styles
    result = processing.run("gisbridge:endmembermixing", {
        "INPUT": indexed_samples, "END_MEMBERS": [0, 1, 2, 3], "MIN_RATIOS": 3, "OUTPUT": str(tmp_path / "em.gpkg")})
    layer = QgsVectorLayer(result["OUTPUT"], "mixing", "ogr")
    names = [f.name() for f in layer.fields()]
    assert {"em_dmm", "em_em1", "em_em2", "em_himu", "em_misfit", "em_ratios_used", "dominant_em"} <= set(names)
    assert "em_fozo" not in names
    fitted = [f for f in layer.getFeatures() if isinstance(f["em_dmm"], float)]  # NULL is a QVariant
    assert len(fitted) > 500  # Gale et al. (2013): 828 samples with Pb isotopes
    for f in fitted:
        assert abs(f["em_dmm"] + f["em_em1"] + f["em_em2"] + f["em_himu"] - 1) < 1e-6
        assert min(f["em_dmm"], f["em_em1"], f["em_em2"], f["em_himu"]) >= 0
        assert f["em_ratios_used"] >= 3 and f["em_misfit"] >= 0
    dominant = [f["dominant_em"] for f in fitted]
    assert dominant.count("DMM") > len(dominant) / 2  # ridge basalts are mostly depleted mantle
    styles.end_members(layer)
    renderer = layer.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer) and renderer.classAttribute() == "dominant_em"
    colours = {c.value(): c.symbol().color().name() for c in renderer.categories()}
    assert colours["DMM"] == "#2166ac"
    assert "Dominant mantle end-member" in layer.name()


def test_kerguelen_plateau_lavas_are_mostly_enriched(provider, capabilities, tmp_path):
    """Real shared data: the GEOROC Kerguelen Plateau compilation, whose plume lavas carry enriched (EM1-type)
    Sr-Nd-Pb, unlike the ridge basalts above."""
    require(capabilities, "anomaly-indices")
    require(capabilities, "end-member-mixing")
    import processing
    from qgis.core import QgsVectorLayer
    from conftest import shared_data
    indices = str(tmp_path / "kerguelen.gpkg")
    processing.run("gisbridge:anomalyindices", {"INPUT": shared_data("geochem", "georoc", "KERGUELEN_PLATEAU.csv"),
                                               "OUTPUT": indices})
    result = processing.run("gisbridge:endmembermixing", {"INPUT": indices, "OUTPUT": str(tmp_path / "em.gpkg")})
    layer = QgsVectorLayer(result["OUTPUT"], "mixing", "ogr")
    dominant = [f["dominant_em"] for f in layer.getFeatures() if isinstance(f["em_dmm"], float)]
    assert len(dominant) > 100
    enriched = sum(d in ("EM1", "EM2") for d in dominant)
    assert enriched > 2 * dominant.count("DMM"), (enriched, dominant.count("DMM"))
