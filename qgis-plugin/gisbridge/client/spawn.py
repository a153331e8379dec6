"""Starts the server so that it cannot outlive QGIS.

QGIS (and qgis_process) may end without running Python's atexit handlers, so on Linux the child asks the kernel
for SIGTERM when its parent goes away (PR_SET_PDEATHSIG). The kernel ties that to the *thread* that forked, and
Processing runs algorithms on short-lived worker threads: every start therefore happens on one spawner thread
that lives as long as the process.
"""
import ctypes
import queue
import signal
import subprocess
import sys
import threading

_requests = queue.Queue()
_thread = None
_lock = threading.Lock()
PR_SET_PDEATHSIG = 1


def _die_with_parent():
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass  # not glibc: the plugin still stops the server on unload / exit


def _spawner():
    while True:
        args, kwargs, reply = _requests.get()
        try:
            reply.put((subprocess.Popen(args, **kwargs), None))
        except Exception as e:  # handed back to the caller
            reply.put((None, e))


def popen(args, **kwargs):
    """subprocess.Popen(args, **kwargs), from the spawner thread, with the parent-death signal on Linux."""
    global _thread
    if sys.platform.startswith("linux"):
        kwargs["preexec_fn"] = _die_with_parent
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_spawner, name="gisbridge-spawner", daemon=True)
            _thread.start()
    reply = queue.Queue()
    _requests.put((args, kwargs, reply))
    process, error = reply.get()
    if error is not None:
        raise error
    return process
