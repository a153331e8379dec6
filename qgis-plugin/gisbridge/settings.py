"""Plugin settings, stored in the QGIS profile (QgsSettings) under the 'gisbridge/' group.

- server_address: host:port of a running server; empty = start the bundled server on a free local port.
- server_command: command that starts the server ('/path/to/gisbridge serve' as recorded by install-plugin,
  or 'dotnet /path/GisBridge.Server.dll serve'); the plugin appends '--port N'.
- token: bearer token for a remote server (sent as 'authorization: Bearer T').
- start_timeout_s: how long to wait for a started server to report SERVING.
"""
import os
import shlex
from dataclasses import dataclass

from qgis.core import QgsSettings

GROUP = "gisbridge/"
ENV_PREFIX = "GISBRIDGE_"  # environment overrides (tests, headless runs): GISBRIDGE_SERVER_ADDRESS, ...
PROCESSING_PREFIX = "GISBRIDGE_"  # Processing options (provider_settings.py) live under Processing/Configuration/
FIELD = {"server_address": "address", "server_command": "command", "token": "token"}


@dataclass
class ServerSettings:
    address: str = ""
    command: str = ""
    token: str = ""
    start_timeout_s: float = 60.0

    def command_args(self):
        """The server command split into arguments (POSIX quoting; Windows paths with backslashes are kept)."""
        return shlex.split(self.command, posix=os.name != "nt")


def _get(key, default="", profile_only=False):
    if not profile_only:
        env = os.environ.get(ENV_PREFIX + key.upper())
        if env:
            return env
        edited = QgsSettings().value("Processing/Configuration/" + PROCESSING_PREFIX + key.upper(), "")
        if edited:
            return edited
    value = QgsSettings().value(GROUP + key, default)
    return default if value is None else value


def load(profile_only=False):
    """Current settings: environment variables, then the Processing options, then the profile's gisbridge/ keys."""
    try:
        timeout = float(_get("start_timeout_s", 60.0, profile_only))
    except (TypeError, ValueError):
        timeout = 60.0
    return ServerSettings(
        address=str(_get("server_address", "", profile_only)).strip(),
        command=str(_get("server_command", "", profile_only)).strip(),
        token=str(_get("token", "", profile_only)).strip(),
        start_timeout_s=timeout,
    )


def load_profile():
    """Only the gisbridge/ keys of the profile (what install-plugin recorded)."""
    return load(profile_only=True)


def save(settings):
    s = QgsSettings()
    s.setValue(GROUP + "server_address", settings.address)
    s.setValue(GROUP + "server_command", settings.command)
    s.setValue(GROUP + "token", settings.token)
    s.setValue(GROUP + "start_timeout_s", settings.start_timeout_s)
