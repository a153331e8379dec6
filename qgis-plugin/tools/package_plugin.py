#!/usr/bin/env python3
"""Builds a zip of the GisBridge plugin for QGIS's Plugin Manager ('Install from ZIP').

Usage: package_plugin.py OUT.zip   (run tools/build_descriptors.sh first; the launcher's package-plugin does)
"""
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(os.path.dirname(HERE), "gisbridge")
REQUIRED = ("__init__.py", "metadata.txt", os.path.join("generated", "gisbridge.desc"))


def package(out):
    for name in REQUIRED:
        if not os.path.isfile(os.path.join(SOURCE, name)):
            raise SystemExit("error: {} is missing; run qgis-plugin/tools/build_descriptors.sh".format(
                os.path.join(SOURCE, name)))
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    count = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for root, dirs, files in os.walk(SOURCE):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith(".pyc"):
                    continue
                path = os.path.join(root, name)
                # Plugin Manager expects one top folder named like the plugin module.
                archive.write(path, os.path.join("gisbridge", os.path.relpath(path, SOURCE)))
                count += 1
    return count


def main(argv):
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    count = package(argv[0])
    print("wrote {} ({} files)".format(argv[0], count))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
