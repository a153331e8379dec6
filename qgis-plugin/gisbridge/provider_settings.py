"""Shows the server settings in Settings > Options > Processing > Providers > GisBridge.

Values typed there are stored by Processing under 'Processing/Configuration/GISBRIDGE_*' and win over the
'gisbridge/*' keys that install-plugin records (see settings.py).
"""
from . import settings

KEYS = (
    ("server_address", "Server address host:port (empty = start the local server)"),
    ("server_command", "Server command (e.g. '/path/gisbridge serve'; --port is appended)"),
    ("token", "Token of a remote server (sent as 'authorization: Bearer ...')"),
)
GROUP = "GisBridge"
IN_USE = settings.PROCESSING_PREFIX + "SERVER_IN_USE"  # shown, not read: which server and GDAL the plugin uses


def _config():
    try:
        from processing.core.ProcessingConfig import ProcessingConfig, Setting
        return ProcessingConfig, Setting
    except ImportError:  # Processing plugin unavailable: settings stay in the profile only
        return None, None


def register():
    config, setting = _config()
    if config is None:
        return
    current = settings.load_profile()
    for key, description in KEYS:
        name = settings.PROCESSING_PREFIX + key.upper()
        config.addSetting(setting(GROUP, name, description, getattr(current, settings.FIELD[key]) or ""))
    config.addSetting(setting(GROUP, IN_USE, "Server in use (information, updated when a job runs)", in_use()))
    config.readSettings()
    config.setSettingValue(IN_USE, in_use())


def in_use(info=None):
    """'bundled server /path (server 0.1.0), GDAL 3.6.2 (system), GDAL block cache 64 MB': what runs the jobs, from
    the server's own report once it answered, else what the plugin would start."""
    import os
    from .client.server_process import ServerError, qgis_gdal_environment, resolve_command
    current = settings.load()
    if current.address:
        server = "server at " + current.address
    else:
        try:
            server = " ".join(resolve_command(current))
        except ServerError as e:
            return "none: " + str(e)
    gdal = os.environ.get("GISBRIDGE_GDAL_LIBRARY") or qgis_gdal_environment(dict(os.environ)).get(
        "GISBRIDGE_GDAL_LIBRARY") or "the system's libgdal"
    if info is not None:
        described = "{} (server {}), GDAL {} ({})".format(server, info.server_version, info.gdal_version, gdal)
        cache_mb = getattr(info, "gdal_cache_bytes", 0) // (1 << 20)
        if cache_mb > 0:  # the server's --gdal-cache-mb, one cache for all its jobs
            described += ", GDAL block cache {} MB".format(cache_mb)
        return described
    return "{}, GDAL: {}".format(server, gdal)


def show(info):
    """Records the server that answered (called after each connection)."""
    config, _setting = _config()
    if config is not None:
        try:
            config.setSettingValue(IN_USE, in_use(info))
        except Exception:  # the setting is informative only; never fail a job for it
            pass


def unregister():
    config, _setting = _config()
    if config is None:
        return
    for key, _description in KEYS:
        config.removeSetting(settings.PROCESSING_PREFIX + key.upper())
    config.removeSetting(IN_USE)
