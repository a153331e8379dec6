"""Files to and from the stream: FileHeader + 1 MB FileChunks in, and the received files written out atomically."""
import os
import shutil
import uuid

from . import protocol

CHUNK_BYTES = 1 << 20


def file_items(path, name, file_name=None):
    """Yields JobData items (header, then chunks) for a local file; file_name defaults to its base name."""
    if not os.path.isfile(path):
        raise ValueError("input '{}': file '{}' does not exist".format(name, path))
    JobData = protocol.gb("JobData")
    header = JobData()
    h = header.file_header
    h.name, h.file_name, h.size = name, file_name or os.path.basename(path), os.path.getsize(path)
    yield header
    with open(path, "rb") as f:
        while True:
            block = f.read(CHUNK_BYTES)
            if not block:
                break
            chunk = JobData()
            chunk.file_chunk.data = block
            yield chunk


def folder_items(folder, name):
    """Yields the files of a folder (recursively) with file names relative to it, e.g. 'images/t1.tif'."""
    if not os.path.isdir(folder):
        raise ValueError("input '{}': folder '{}' does not exist".format(name, folder))
    for root, _dirs, names in sorted(os.walk(folder)):
        for file_name in sorted(names):
            path = os.path.join(root, file_name)
            relative = os.path.relpath(path, folder).replace(os.sep, "/")
            for item in file_items(path, name, relative):
                yield item


class FileWriter:
    """Receives one file into a temporary file beside its destination and renames it when complete."""

    def __init__(self, header, destination):
        self.header = header
        self.destination = destination
        folder = os.path.dirname(os.path.abspath(destination))
        os.makedirs(folder, exist_ok=True)
        self.temp = os.path.join(folder, ".{}.{}.part".format(os.path.basename(destination), uuid.uuid4().hex[:8]))
        self.handle = open(self.temp, "wb")
        self.received = 0

    def add(self, chunk):
        self.handle.write(chunk.data)
        self.received += len(chunk.data)

    def finish(self):
        self.handle.close()
        if self.header.size and self.received != self.header.size:
            self.abort()
            raise ValueError("file '{}' is incomplete: {} of {} bytes received".format(
                self.header.file_name, self.received, self.header.size))
        os.replace(self.temp, self.destination)
        return self.destination

    def abort(self):
        if not self.handle.closed:
            self.handle.close()
        if os.path.exists(self.temp):
            os.remove(self.temp)


def copy_vector(source, destination):
    """Moves a received GeoPackage to a vector destination, converting when it asks for another format."""
    if os.path.splitext(destination)[1].lower() == os.path.splitext(source)[1].lower():
        shutil.move(source, destination)
        return destination
    from osgeo import gdal
    gdal.UseExceptions()
    gdal.VectorTranslate(destination, source)
    os.remove(source)
    return destination
