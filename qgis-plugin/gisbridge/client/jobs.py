"""Runs one job RPC: streams options and inputs, reports progress, routes outputs to writers, cancels on request."""
import threading

import grpc

from . import protocol
from .channel import ServerError, describe_rpc_error
from .files import FileWriter
from .rasters import RasterWriter


class JobCancelled(ServerError):
    """The user cancelled the job; the RPC was cancelled and the server stopped it."""


class JobOutcome:
    """What a job produced: written outputs per role name (lists, a role may repeat) and the JobResult."""

    def __init__(self):
        self.rasters = {}   # role -> [(path, RasterHeader)]
        self.files = {}     # role -> [(path, FileHeader)]
        self.result = None

    def raster(self, role):
        items = self.rasters.get(role)
        return items[0][0] if items else None

    def file(self, role):
        items = self.files.get(role)
        return items[0][0] if items else None


class _Progress:
    """Adapts server progress to a QgsProcessingFeedback-like object (setProgress, pushInfo)."""

    def __init__(self, feedback):
        self.feedback = feedback
        self.last_message = None

    def report(self, progress):
        if self.feedback is None:
            return
        self.feedback.setProgress(max(0.0, min(100.0, progress.fraction * 100.0)))
        text = "[{}] {}".format(progress.stage, progress.message) if progress.stage else progress.message
        if progress.message and text != self.last_message:
            self.last_message = text
            self.feedback.pushInfo(text)


def run_job(connection, service, method, request_name, options, inputs, destination, feedback=None, timeout=None):
    """Runs service/method and returns a JobOutcome.

    inputs: iterable of JobData items (see rasters.raster_items / files.file_items), read lazily while sending.
    destination(kind, header, index) -> path or None: where to write the index-th output of that role
    (kind 'raster' or 'file'); None discards it.
    """
    Request = protocol.gb(request_name)
    failures = []  # an error while reading inputs (grpc would only say "Exception iterating requests!")

    def requests():
        first = Request()
        first.options.CopyFrom(options)
        yield first
        try:
            for item in inputs:
                request = Request()
                request.data.CopyFrom(item)
                yield request
        except Exception as e:
            failures.append(e)
            raise

    call = connection.stream(service, method)(requests(), timeout=timeout, metadata=connection.metadata())
    stop_watch = threading.Event()
    cancelled = threading.Event()
    if feedback is not None:
        threading.Thread(target=_watch_cancel, args=(feedback, call, stop_watch, cancelled), daemon=True).start()
    outcome, writer, counts = JobOutcome(), None, {}
    progress = _Progress(feedback)
    what = "{}.{} on {}".format(service, method, connection.address)
    try:
        for event in call:
            kind = event.WhichOneof("event")
            if kind == "progress":
                progress.report(event.progress)
            elif kind == "data":
                writer = _route(event.data, writer, outcome, destination, counts)
            elif kind == "result":
                _close(writer, outcome)
                writer = None
                outcome.result = event.result
        if outcome.result is None:
            raise ServerError("{} ended without a result".format(what))
        return outcome
    except grpc.RpcError as e:
        if failures:
            raise ServerError("{}: reading the inputs failed: {}".format(what, failures[0])) from None
        if cancelled.is_set() or e.code() == grpc.StatusCode.CANCELLED:
            raise JobCancelled("{} was cancelled".format(what), grpc.StatusCode.CANCELLED) from None
        raise describe_rpc_error(e, what) from None
    finally:
        stop_watch.set()
        if writer is not None and writer[1] is not None:
            writer[1].abort()


def _watch_cancel(feedback, call, stop, cancelled):
    # Processing runs algorithms on a worker thread; polling keeps this independent of Qt signal delivery.
    while not stop.wait(0.05):
        if feedback.isCanceled():
            cancelled.set()
            call.cancel()
            return


def _route(data, writer, outcome, destination, counts):
    """Handles one output JobData item; returns the current (kind, writer-or-None, header) triple."""
    item = data.WhichOneof("item")
    if item in ("raster_header", "file_header"):
        _close(writer, outcome)
        kind = "raster" if item == "raster_header" else "file"
        header = getattr(data, item)
        index = counts.get((kind, header.name), 0)
        counts[(kind, header.name)] = index + 1
        path = destination(kind, header, index)
        if path is None:
            return (kind, None, header)
        return (kind, RasterWriter(header, path) if kind == "raster" else FileWriter(header, path), header)
    if writer is None:
        raise ServerError("the server sent {} before any header".format(item))
    if writer[1] is not None:
        writer[1].add(getattr(data, item))
    return writer


def _close(writer, outcome):
    if writer is None or writer[1] is None:
        return
    kind, w, header = writer
    path = w.finish()
    target = outcome.rasters if kind == "raster" else outcome.files
    target.setdefault(header.name, []).append((path, header))

