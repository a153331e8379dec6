"""Server lifecycle: use the configured server when it answers, else start the bundled one and stop it on exit.

Each job asks `ServerManager.connection()`, which re-checks health, so a server that was restarted (or died)
while QGIS is open is reconnected or started again.
"""
import atexit
import collections
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time

from . import spawn
from .channel import Connection, ServerError

LISTENING = re.compile(r"gisbridge server listening on https?://([^\s,]+)")
PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class ServerUnavailableError(ServerError):
    """No server answers and none can be started; the message says what is missing and how to fix it."""


def bundled_server_command():
    """A server shipped inside the plugin folder (server/GisBridge.Server[.exe|.dll]), or None."""
    folder = os.path.join(PLUGIN_DIR, "server")
    exe = os.path.join(folder, "GisBridge.Server.exe" if os.name == "nt" else "GisBridge.Server")
    if os.path.isfile(exe) and os.name != "nt" and not os.access(exe, os.X_OK):
        # Plugin Manager unzips with Python's zipfile, which drops the executable bit.
        try:
            os.chmod(exe, os.stat(exe).st_mode | 0o755)
        except OSError:
            pass
    if os.path.isfile(exe) and os.access(exe, os.X_OK):
        return [exe, "serve"]
    dll = os.path.join(folder, "GisBridge.Server.dll")
    dotnet = shutil.which("dotnet")
    if os.path.isfile(dll) and dotnet:
        return [dotnet, dll, "serve"]
    return None


def resolve_command(settings):
    """The command that starts a server (list of arguments) or raises ServerUnavailableError saying why."""
    if settings.command:
        args = settings.command_args()
        program = args[0] if args else ""
        if not (os.path.isfile(program) or shutil.which(program)):
            raise ServerUnavailableError(
                "the GisBridge server command '{}' was not found (program '{}' does not exist): fix it in "
                "Settings > Options > Processing > Providers > GisBridge > Server command, or run "
                "'./gisbridge install-plugin' again from the GisBridge repository".format(settings.command, program))
        return args
    bundled = bundled_server_command()
    if bundled:
        return bundled
    raise ServerUnavailableError(
        "no GisBridge server: nothing answers (no server address is set), no server command is set and no server "
        "is bundled in {}. Fix: run './gisbridge install-plugin' from the GisBridge repository (it records the "
        "server command), or set Settings > Options > Processing > Providers > GisBridge > Server command to "
        "'dotnet /path/to/GisBridge.Server.dll serve', or set the address of a running server".format(
            os.path.join(PLUGIN_DIR, "server")))


def malloc_environment(env):
    """On Linux, glibc's malloc asks for transparent huge pages on its large mappings (most distributions' THP setting
    is "madvise"): the server's FFT and codec buffers then take far fewer page faults. A hugetlb tunable already
    set wins; other tunables are kept."""
    if not sys.platform.startswith("linux"):
        return {}
    tunables = env.get("GLIBC_TUNABLES", "")
    if any(t.startswith("glibc.malloc.hugetlb=") for t in tunables.split(":")):
        return {}
    return {"GLIBC_TUNABLES": (tunables + ":" if tunables else "") + "glibc.malloc.hugetlb=1"}


def gc_environment(env):
    """The .NET GC's first-generation budget follows the CPU's cache size (tens of MB on large CPUs), all of it kept
    resident by a server that stays open beside QGIS: 4 MB, as ./gisbridge serve sets it. A value already set wins."""
    return {} if "DOTNET_GCgen0size" in env else {"DOTNET_GCgen0size": "0x400000"}


def qgis_gdal_environment(env):
    """On Windows the server uses the GDAL of the QGIS it runs under: its gdal*.dll (GISBRIDGE_GDAL_LIBRARY, which the
    server's loader honours) and that folder first on PATH for the DLLs GDAL needs (PROJ, GEOS, netCDF, sqlite3).
    On macOS the libgdal dylib inside QGIS.app (Contents/MacOS/lib or Contents/Frameworks). Elsewhere the system's
    GDAL is found by its usual names. A GISBRIDGE_GDAL_LIBRARY already set wins."""
    if env.get("GISBRIDGE_GDAL_LIBRARY"):
        return {}
    if sys.platform == "darwin":
        return _macos_qgis_gdal()
    if sys.platform != "win32":
        return {}
    import glob
    folders = [os.path.dirname(sys.executable), os.path.join(sys.prefix, "..", "..", "bin")]
    try:
        from qgis.core import QgsApplication
        folders.insert(0, os.path.join(QgsApplication.prefixPath(), "..", "..", "bin"))
    except ImportError:
        pass
    for folder in (os.path.normpath(f) for f in folders):
        dlls = sorted(glob.glob(os.path.join(folder, "gdal[0-9]*.dll")))
        if dlls:
            return {"GISBRIDGE_GDAL_LIBRARY": dlls[-1], "PATH": folder + os.pathsep + env.get("PATH", "")}
    return {}


def _macos_qgis_gdal():
    """QGIS.app's own libgdal (prefixPath() is .../QGIS.app/Contents/MacOS); {} when QGIS is not an app bundle."""
    import glob
    try:
        from qgis.core import QgsApplication
        prefix = QgsApplication.prefixPath()
    except ImportError:
        return {}
    for folder in (os.path.join(prefix, "lib"), os.path.join(prefix, "..", "Frameworks")):
        folder = os.path.normpath(folder)
        libraries = sorted(glob.glob(os.path.join(folder, "libgdal.*dylib")))
        if libraries:
            return {"GISBRIDGE_GDAL_LIBRARY": libraries[-1]}
    return {}


class ServerManager:
    """Owns at most one server process started by the plugin."""

    def __init__(self, settings_loader):
        self._load_settings = settings_loader
        self._lock = threading.Lock()
        self._process = None
        self._address = None
        self._token = ""
        self._output = collections.deque(maxlen=40)
        self.info = None
        atexit.register(self.stop)

    def settings(self):
        return self._load_settings()

    @property
    def started_process(self):
        return self._process

    def connection(self):
        """A connection to a SERVING server of the right protocol version, starting one if needed."""
        with self._lock:
            settings = self._load_settings()
            if settings.address:
                conn = Connection(settings.address, settings.token)
                if conn.is_serving():
                    self.info = conn.check_version()
                    return conn
                conn.close()
                if not settings.command:
                    raise ServerUnavailableError(
                        "no GisBridge server answers at {}: start it there ('gisbridge serve --port N'), or clear "
                        "the server address in the GisBridge provider settings to let the plugin start a local "
                        "server".format(settings.address))
            if self._process is not None and self._process.poll() is None and self._address:
                conn = Connection(self._address, self._token)
                if conn.is_serving():
                    self.info = conn.check_version()
                    return conn
                conn.close()
            self._stop_locked()
            conn = self._start_locked(settings)
            self.info = conn.check_version()
            return conn

    def _start_locked(self, settings):
        args = resolve_command(settings)
        port = "0"
        if settings.address and settings.address.rsplit(":", 1)[0] in ("127.0.0.1", "localhost"):
            port = settings.address.rsplit(":", 1)[1]  # a configured local address that is down: start it there
        self._token = settings.token or secrets.token_urlsafe(24)
        env = dict(os.environ, GISBRIDGE_TOKEN=self._token)
        env.update(qgis_gdal_environment(env))
        env.update(malloc_environment(env))
        env.update(gc_environment(env))
        self._output.clear()
        # Own process group on POSIX: a launcher script and the dotnet process it starts are stopped together.
        extra = {"creationflags": subprocess.CREATE_NO_WINDOW} if sys.platform == "win32" else {"start_new_session": True}
        try:
            process = spawn.popen(args + ["--port", port], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, env=env, universal_newlines=True, bufsize=1, **extra)
        except OSError as e:
            raise ServerUnavailableError("could not start the GisBridge server with '{}': {}".format(
                " ".join(args), e)) from None
        self._process = process
        found = threading.Event()
        drain = threading.Thread(target=self._drain, args=(process, found), daemon=True)
        drain.start()
        deadline = time.monotonic() + settings.start_timeout_s
        while time.monotonic() < deadline and process.poll() is None and not found.wait(0.1):
            pass
        if not found.is_set():
            drain.join(1.0)  # let the output of a server that exited reach the error message
            self._stop_locked()
            raise ServerUnavailableError(self._start_failure(args, process, settings.start_timeout_s))
        conn = Connection(self._address, self._token)
        while time.monotonic() < deadline:
            if conn.is_serving(timeout=1.0):
                return conn
            time.sleep(0.1)
        conn.close()
        self._stop_locked()
        raise ServerUnavailableError("the GisBridge server started at {} but never reported SERVING within {:.0f} s"
                                     .format(self._address, settings.start_timeout_s))

    def _drain(self, process, found):
        # Reads the server's output so that its pipe never fills; remembers the tail for error messages.
        try:
            for line in process.stdout:
                self._output.append(line.rstrip())
                match = LISTENING.search(line)
                if match and not found.is_set():
                    self._address = match.group(1)
                    found.set()
        except (ValueError, OSError):
            pass  # the pipe was closed by stop()

    def _start_failure(self, args, process, timeout):
        code = process.poll()
        tail = "\n".join(self._output) or "(no output)"
        if code is None:
            return "the GisBridge server ('{}') did not report its address within {:.0f} s; its output:\n{}".format(
                " ".join(args), timeout, tail)
        return "the GisBridge server ('{}') exited with code {} while starting; its output:\n{}".format(
            " ".join(args), code, tail)

    def server_output(self):
        return list(self._output)

    def stop(self):
        """Stops the server this plugin started (nothing happens to a server started by someone else)."""
        with self._lock:
            self._stop_locked()

    def _stop_locked(self):
        process, self._process, self._address = self._process, None, None
        if process is None:
            return
        if process.poll() is None:
            _signal(process, "SIGTERM")
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                _signal(process, "SIGKILL")
                process.wait(5)
        try:
            process.stdout.close()
        except (ValueError, OSError):
            pass


def _signal(process, name):
    try:
        if sys.platform == "win32":
            process.terminate() if name == "SIGTERM" else process.kill()
        else:
            os.killpg(process.pid, getattr(signal, name))
    except (ProcessLookupError, PermissionError):
        pass
