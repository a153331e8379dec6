"""The one ServerManager of this QGIS process (shared by the provider, the algorithms and the plugin)."""
import threading

from . import settings
from .client.server_process import ServerManager

_lock = threading.Lock()
_manager = None


def manager():
    global _manager
    with _lock:
        if _manager is None:
            _manager = ServerManager(settings.load)
        return _manager


def shutdown():
    """Stops a server started by the plugin (plugin unload, QGIS exit)."""
    global _manager
    with _lock:
        if _manager is not None:
            _manager.stop()
            _manager = None
