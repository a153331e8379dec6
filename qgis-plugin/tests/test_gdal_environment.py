"""Which GDAL the plugin hands to its bundled server: QGIS's own on Windows and macOS, the system's on Linux."""
import os

from gisbridge.client import server_process


def fake_qgis_app(tmp_path, monkeypatch, where):
    """A QGIS.app layout (prefixPath() = .../QGIS.app/Contents/MacOS) with a libgdal under `where`."""
    from qgis.core import QgsApplication
    prefix = tmp_path / "QGIS.app" / "Contents" / "MacOS"
    folder = (prefix / where).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "libgdal.36.dylib").write_bytes(b"")
    monkeypatch.setattr(QgsApplication, "prefixPath", staticmethod(lambda: str(prefix)))
    monkeypatch.setattr(server_process.sys, "platform", "darwin")
    return folder


def test_macos_uses_the_gdal_inside_qgis_app(qgis_app, tmp_path, monkeypatch):
    for where in ("lib", os.path.join("..", "Frameworks")):
        folder = fake_qgis_app(tmp_path / where.replace(os.sep, "_"), monkeypatch, where)
        env = server_process.qgis_gdal_environment({})
        assert env == {"GISBRIDGE_GDAL_LIBRARY": str(folder / "libgdal.36.dylib")}


def test_a_library_set_by_the_user_wins_and_linux_uses_the_system_gdal(qgis_app, tmp_path, monkeypatch):
    fake_qgis_app(tmp_path, monkeypatch, "lib")
    assert server_process.qgis_gdal_environment({"GISBRIDGE_GDAL_LIBRARY": "/opt/gdal/libgdal.so"}) == {}
    monkeypatch.setattr(server_process.sys, "platform", "linux")
    assert server_process.qgis_gdal_environment({}) == {}
