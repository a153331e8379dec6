"""install_plugin.py and package_plugin.py, and qgis_process running the installed plugin."""
import os
import subprocess
import sys
import zipfile

from PyQt5.QtCore import QSettings

from conftest import GRAVITY, PLUGIN_ROOT, REPO

TOOLS = os.path.join(PLUGIN_ROOT, "tools")


def install(profile_dir, command):
    subprocess.run([sys.executable, os.path.join(TOOLS, "install_plugin.py"), "--profile-dir", str(profile_dir),
                    "--server-command", command], check=True, capture_output=True)


def test_install_enables_the_plugin_and_records_the_command(tmp_path):
    launcher = os.path.join(REPO, "gisbridge")
    install(tmp_path, launcher)
    profile = tmp_path / "profiles" / "default"
    assert (profile / "python" / "plugins" / "gisbridge" / "generated" / "gisbridge.desc").is_file()
    ini = QSettings(str(profile / "QGIS" / "QGIS3.ini"), QSettings.IniFormat)
    assert ini.value("PythonPlugins/gisbridge") in (True, "true")
    assert ini.value("gisbridge/server_command") == launcher + " serve"


def test_package_is_a_plugin_manager_zip(tmp_path):
    out = tmp_path / "gisbridge.zip"
    subprocess.run([sys.executable, os.path.join(TOOLS, "package_plugin.py"), str(out)], check=True,
                   capture_output=True)
    names = zipfile.ZipFile(out).namelist()
    assert "gisbridge/metadata.txt" in names and "gisbridge/generated/gisbridge.desc" in names
    assert "gisbridge/client/protocol.py" in names and not any("__pycache__" in n for n in names)
    assert "hasProcessingProvider=yes" in zipfile.ZipFile(out).read("gisbridge/metadata.txt").decode()
    # plugins.qgis.org's upload validator (qgis/QGIS-Django plugins/validator.py), its offline rules: one top
    # folder named like a module, no path tricks, no compiled Python, a LICENSE, at most 25 MB.
    assert {n.split("/")[0] for n in names} == {"gisbridge"}
    assert not any(".." in n or n.startswith("/") or n.endswith(".pyc") or "/.git/" in n for n in names)
    assert "gisbridge/LICENSE" in names and "GNU GENERAL PUBLIC LICENSE" in zipfile.ZipFile(out).read(
        "gisbridge/LICENSE").decode()
    assert zipfile.ZipFile(out).testzip() is None and out.stat().st_size <= 25_000_000


def qgis_process(profile_dir, *args):
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(profile_dir), QT_QPA_PLATFORM="offscreen")
    for key in ("GISBRIDGE_SERVER_ADDRESS", "GISBRIDGE_TOKEN", "GISBRIDGE_SERVER_COMMAND"):
        env.pop(key, None)
    return subprocess.run(["qgis_process.bin"] + list(args), env=env, capture_output=True, text=True, timeout=300)


def test_qgis_process_runs_upward_continuation(tmp_path, capabilities):
    from conftest import server_command, require
    install(tmp_path / "profile", server_command())
    listing = qgis_process(tmp_path / "profile", "list")
    assert "gisbridge:upwardcontinuation" in listing.stdout, listing.stdout + listing.stderr
    require(capabilities, "upward-continuation")
    regional, residual = tmp_path / "regional.tif", tmp_path / "residual.tif"
    run = qgis_process(tmp_path / "profile", "run", "gisbridge:upwardcontinuation", "--INPUT=" + GRAVITY,
                       "--HEIGHT=10000", "--REGIONAL=" + str(regional), "--RESIDUAL=" + str(residual))
    assert run.returncode == 0, run.stdout + run.stderr
    assert regional.is_file() and residual.is_file()


def test_metadata_passes_the_plugin_repositorys_checks():
    """The checks of plugins.qgis.org's upload validator: its required fields, a dotted version, an icon that exists."""
    import configparser
    import re
    folder = os.path.join(PLUGIN_ROOT, "gisbridge")
    meta = configparser.ConfigParser()
    meta.read(os.path.join(folder, "metadata.txt"), encoding="utf-8")
    general = meta["general"]
    for field in ("name", "description", "version", "qgisMinimumVersion", "author", "email", "about", "tracker",
                  "repository"):
        assert general.get(field, "").strip(), field
    assert re.fullmatch(r"\d+(\.\d+){1,2}", general["version"]) and re.fullmatch(r"3\.\d+", general["qgisMinimumVersion"])
    for field in ("tracker", "repository", "homepage"):
        assert re.match(r"https?://", general[field]), field
    assert os.path.isfile(os.path.join(folder, general["icon"]))
    assert len(general["about"]) > 100 and "\n" not in general["description"]
    assert "/" not in general["author"]
