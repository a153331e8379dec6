"""The plugin zip a user installs: built per platform with its self-contained server, installed as Plugin Manager
does, run by qgis_process with no .NET on PATH and no clone (acceptance test of issue 20)."""
import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import PLUGIN_ROOT, shared_data

PACKAGER = os.path.join(PLUGIN_ROOT, "tools", "package_plugin.py")
QGIS_PROCESS = shutil.which("qgis_process.bin") or "qgis_process.bin"  # by full path: PATH loses /usr/bin below


def build_zip(folder, platform):
    out = str(folder / "gisbridge-{}.zip".format(platform))
    subprocess.run([sys.executable, PACKAGER, out, "--platform", platform], check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def linux_zip(tmp_path_factory):
    return build_zip(tmp_path_factory.mktemp("zip"), "linux-x64")


def install_as_plugin_manager(zip_path, profile):
    """What QGIS's 'Install from ZIP' does: pyplugin_installer's unzip into the profile's plugin folder (Python's
    zipfile: no file modes kept), then the plugin enabled in the profile's QGIS3.ini."""
    from pyplugin_installer.unzip import unzip
    from PyQt5.QtCore import QSettings
    plugins = profile / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    unzip(zip_path, str(plugins))
    ini = QSettings(str(profile / "profiles" / "default" / "QGIS" / "QGIS3.ini"), QSettings.IniFormat)
    ini.setValue("PythonPlugins/gisbridge", True)
    ini.sync()
    return plugins / "gisbridge"


def without_dotnet(profile):
    path = [p for p in os.environ.get("PATH", "").split(os.pathsep)
            if p and not os.path.exists(os.path.join(p, "dotnet"))]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GISBRIDGE_", "DOTNET_"))}
    env.update(PATH=os.pathsep.join(path), QGIS_CUSTOM_CONFIG_PATH=str(profile), QT_QPA_PLATFORM="offscreen")
    return env


def test_installed_zip_continues_a_gmt_grid_without_dotnet(linux_zip, tmp_path):
    plugin = install_as_plugin_manager(linux_zip, tmp_path / "profile")
    assert (plugin / "server" / "GisBridge.Server").is_file()
    grid = tmp_path / "crop.nc"  # a GMT netCDF grid: lon/lat axes, no CRS
    subprocess.run(["gmt", "grdcut", shared_data("gravity", "global-10arcmin", "earth-gravity-10arcmin.nc"),
                    "-R60/80/-40/-20", "-G" + str(grid)], check=True, cwd=str(tmp_path))
    residual = tmp_path / "residual.tif"
    env = without_dotnet(tmp_path / "profile")
    work = tmp_path / "elsewhere"  # not the clone
    work.mkdir()
    assert shutil.which("dotnet", path=env["PATH"]) is None
    run = subprocess.run([QGIS_PROCESS, "run", "gisbridge:upwardcontinuation", "--INPUT=" + str(grid),
                          "--HEIGHT=10000", "--RESIDUAL=" + str(residual)], env=env, cwd=str(work),
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    from osgeo import gdal, osr
    srs = osr.SpatialReference(wkt=gdal.Open(str(residual)).GetProjection())
    assert srs.GetAuthorityCode(None) == "4326"


def test_windows_bundle_is_self_contained(tmp_path):
    archive = zipfile.ZipFile(build_zip(tmp_path, "win-x64"))
    names = set(archive.namelist())
    server = "gisbridge/server/"
    for name in ("GisBridge.Server.exe", "GisBridge.Server.dll", "hostfxr.dll", "coreclr.dll",  # .NET inside
                 "TorchSharp.dll", "LibTorchSharp.dll", "torch_cpu.dll", "c10.dll",  # TorchSharp + libtorch
                 "Grpc.AspNetCore.Server.dll", "Microsoft.AspNetCore.Server.Kestrel.Core.dll"):
        assert server + name in names, name
    assert not any(n.endswith(".so") for n in names), "Linux libraries in the Windows bundle"
    assert not any("gdal" in n.lower() for n in names if n.startswith(server)), "GDAL comes from QGIS"
    # Self-contained: the runtime is listed as included, no installed .NET framework is asked for.
    config = json.loads(archive.read(server + "GisBridge.Server.runtimeconfig.json"))
    options = config["runtimeOptions"]
    assert "includedFrameworks" in options and "frameworks" not in options and "framework" not in options
