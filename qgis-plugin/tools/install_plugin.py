#!/usr/bin/env python3
"""Installs the GisBridge plugin into a QGIS profile, enables it and records the server command.

Usage: install_plugin.py [--profile-dir DIR] [--server-command CMD]
  --profile-dir DIR   QGIS settings root as in QGIS_CUSTOM_CONFIG_PATH; the profile is DIR/profiles/default
                      (default: ~/.local/share/QGIS/QGIS3, i.e. profile ~/.local/share/QGIS/QGIS3/profiles/default)
  --server-command    command that starts the server, e.g. '/path/to/gisbridge serve' ('serve' is appended to a
                      bare launcher path); stored in the profile under gisbridge/server_command
"""
import argparse
import os
import shlex
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(os.path.dirname(HERE), "gisbridge")
DESCRIPTORS = os.path.join(SOURCE, "generated", "gisbridge.desc")


def ensure_descriptors():
    if not os.path.isfile(DESCRIPTORS):
        subprocess.run(["bash", os.path.join(HERE, "build_descriptors.sh")], check=True)


def server_command(raw):
    """Absolute program path; a launcher given without a verb gets 'serve'."""
    args = shlex.split(raw)
    if not args:
        return ""
    if os.path.exists(args[0]):
        args[0] = os.path.abspath(args[0])
    if "serve" not in args:
        args.append("serve")
    return " ".join(shlex.quote(a) for a in args)


def install(profile_root, command):
    from PyQt5.QtCore import QSettings  # QGIS's own ini format (QSettings escaping), not configparser
    profile = os.path.join(profile_root, "profiles", "default")
    plugins = os.path.join(profile, "python", "plugins")
    target = os.path.join(plugins, "gisbridge")
    os.makedirs(plugins, exist_ok=True)
    if os.path.islink(target) or os.path.isfile(target):
        os.remove(target)
    elif os.path.isdir(target):
        shutil.rmtree(target)
    shutil.copytree(SOURCE, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    ini = os.path.join(profile, "QGIS", "QGIS3.ini")
    os.makedirs(os.path.dirname(ini), exist_ok=True)
    settings = QSettings(ini, QSettings.IniFormat)
    settings.setValue("PythonPlugins/gisbridge", True)
    if command:
        settings.setValue("gisbridge/server_command", command)
    settings.sync()
    if settings.status() != QSettings.NoError:
        raise SystemExit("error: could not write {}".format(ini))
    return target, ini


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile-dir", default=os.path.expanduser("~/.local/share/QGIS/QGIS3"))
    parser.add_argument("--server-command", default="")
    args = parser.parse_args(argv)
    ensure_descriptors()
    command = server_command(args.server_command)
    target, ini = install(os.path.abspath(args.profile_dir), command)
    print("installed the GisBridge plugin in {}".format(target))
    print("enabled it in {}{}".format(ini, "; server command: " + command if command else ""))
    if not command:
        print("no --server-command given: set the server address or command in Settings > Options > Processing > "
              "Providers > GisBridge", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
