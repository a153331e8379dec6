#!/usr/bin/env python3
"""Builds a zip of the GisBridge plugin for QGIS's Plugin Manager ('Install from ZIP').

Usage: package_plugin.py OUT.zip [--platform linux-x64|win-x64|osx-arm64]
  (run tools/build_descriptors.sh first; the launcher's package-plugin does)

With --platform the zip carries the server, published self-contained for that platform (`dotnet publish -r RID`,
.NET runtime, TorchSharp and libtorch included) under gisbridge/server/: the user needs neither .NET nor a clone.
GDAL is not bundled: the server loads the system's (Linux) or the running QGIS's (Windows, see
client/server_process.py). Without --platform the zip holds the plugin only (a server is then set in its settings).
"""
import argparse
import os
import shutil
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(os.path.dirname(HERE), "gisbridge")
REPO = os.path.dirname(os.path.dirname(HERE))
REQUIRED = ("__init__.py", "metadata.txt", os.path.join("generated", "gisbridge.desc"))
PLATFORMS = ("linux-x64", "win-x64", "osx-arm64")
# Published files the server never loads: libtorch's Python binding and test/backends, debug symbols, the crash
# dump tool, LightGBM's command-line tool, IIS hosting files.
UNUSED = {"libtorch_python.so", "libtorchbind_test.so", "libjitbackend_test.so", "libbackend_with_compiler.so",
          "libaoti_custom_ops.so", "libnnapi_backend.so", "createdump", "createdump.exe", "lightgbm.exe",
          "web.config", "aspnetcorev2_inprocess.dll", "torch_python.dll", "libtorch_python.dylib"}
UNUSED_SUFFIXES = (".dbg", ".pdb", ".staticwebassets.endpoints.json")


def publish(platform):
    """Self-contained publish of src/Server for a platform; incremental (its own artifacts folder under .build/)."""
    artifacts = os.path.join(REPO, ".build", "publish")
    subprocess.run(["dotnet", "publish", os.path.join(REPO, "src", "Server"), "-c", "Release", "-r", platform,
                    "--artifacts-path", artifacts, "-nologo", "-v", "quiet", "-clp:ErrorsOnly"], check=True)
    folder = os.path.join(artifacts, "publish", "GisBridge.Server", "release_" + platform)
    if platform.startswith("linux"):
        # Publish copies libLibTorchSharp.so from the NuGet cache: patch the copy as the build does (build/native).
        subprocess.run(["bash", os.path.join(REPO, "build", "native", "fix-libtorchsharp.sh"), folder + os.sep],
                       check=True)
    return folder


def shipped(name):
    return name not in UNUSED and not name.endswith(UNUSED_SUFFIXES)


def package(out, platform=None):
    for name in REQUIRED:
        if not os.path.isfile(os.path.join(SOURCE, name)):
            raise SystemExit("error: {} is missing; run qgis-plugin/tools/build_descriptors.sh".format(
                os.path.join(SOURCE, name)))
    server = publish(platform) if platform else None
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    count = 0
    temp = out + ".part"
    with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for root, dirs, files in os.walk(SOURCE):
            dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "server"))
            for name in sorted(files):
                if name.endswith(".pyc"):
                    continue
                path = os.path.join(root, name)
                # Plugin Manager expects one top folder named like the plugin module.
                archive.write(path, os.path.join("gisbridge", os.path.relpath(path, SOURCE)))
                count += 1
        if server:
            for root, dirs, files in os.walk(server):
                dirs.sort()
                for name in sorted(files):
                    if shipped(name):
                        path = os.path.join(root, name)
                        archive.write(path, os.path.join("gisbridge", "server", os.path.relpath(path, server)))
                        count += 1
    shutil.move(temp, out)
    return count


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--platform", choices=PLATFORMS, help="bundle the self-contained server for this platform")
    args = parser.parse_args(argv)
    count = package(args.out, args.platform)
    print("wrote {} ({} files, {:.0f} MB)".format(args.out, count, os.path.getsize(args.out) / 1e6))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
