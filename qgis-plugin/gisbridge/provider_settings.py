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
    config.readSettings()


def unregister():
    config, _setting = _config()
    if config is None:
        return
    for key, _description in KEYS:
        config.removeSetting(settings.PROCESSING_PREFIX + key.upper())
