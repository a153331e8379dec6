"""Round trip of a float32 raster through ServerInfo.RoundTrip with the plugin's own client (grpcio), for
bench/scripts/transfer_processes.sh: checks byte identity, prints key=value figures (up/down GB/s, client CPU).

Usage: /usr/bin/python3 bench/transfer_client.py ADDRESS [--mb 100] [--repeat 4] [--chunk-mb 1]
       /usr/bin/python3 bench/transfer_client.py ADDRESS --header-only   (a 2 GiB header, then nothing)
"""
import argparse
import os
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "qgis-plugin"))
import grpc  # noqa: E402
from gisbridge.client import protocol  # noqa: E402
from gisbridge.client.channel import Connection  # noqa: E402

WIDTH = 5120  # as GisBridge.Bench transfer


def header(width, height, bands=1):
    JobData = protocol.gb("JobData")
    item = JobData()
    h = item.raster_header
    h.name, h.width, h.height, h.band_count = "input", width, height, bands
    h.data_type = protocol.enum_value("gisbridge.v1.RasterDataType", "RASTER_DATA_TYPE_FLOAT32")
    h.geotransform.extend([0, 1, 0, 0, 0, -1])
    return item


def requests(items):
    Request = protocol.gb("RoundTripRequest")
    first = Request()
    first.options.SetInParent()
    yield first
    for item in items:
        r = Request()
        r.data.CopyFrom(item)
        yield r


def chunks(blocks, rows):
    """JobData chunks from byte blocks already in memory (as rasters.raster_items has them from GDAL)."""
    JobData = protocol.gb("JobData")
    row = 0
    for block in blocks:
        item = JobData()
        c = item.raster_chunk
        c.band, c.row_start, c.row_count, c.data = 0, row, len(block) // (WIDTH * 4), block
        row += c.row_count
        yield item


def round_trip(connection, height, blocks, back, rows):
    call = connection.stream("ServerInfo", "RoundTrip")
    start = time.perf_counter()
    first_back = None
    row_bytes = WIDTH * 4
    items = [header(WIDTH, height)]
    responses = call(requests(_chain(items, chunks(blocks, rows))), metadata=connection.metadata())
    for event in responses:
        if first_back is None:
            first_back = time.perf_counter()
        if event.data.HasField("raster_chunk"):
            c = event.data.raster_chunk
            offset = c.row_start * row_bytes
            back[offset:offset + len(c.data)] = c.data
    end = time.perf_counter()
    return first_back - start, end - first_back, end - start


def _chain(*parts):
    for part in parts:
        yield from part


def header_only(connection):
    """A header for 2 GiB (2 bands of 16384 x 16384 float32) and nothing else: the status that ends the call."""
    call = connection.stream("ServerInfo", "RoundTrip")
    start = time.perf_counter()
    try:
        for _ in call(requests([header(16384, 16384, bands=2)]), metadata=connection.metadata(), timeout=30):
            pass
        code, details = "OK", ""
    except grpc.RpcError as e:
        code, details = e.code().name, e.details()
    print("header_only_status={}".format(code))
    print("header_only_details={}".format(details))
    print("header_only_seconds={:.3f}".format(time.perf_counter() - start))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("address")
    parser.add_argument("--mb", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=4)
    parser.add_argument("--chunk-mb", type=int, default=1)
    parser.add_argument("--header-only", action="store_true")
    args = parser.parse_args()
    connection = Connection(args.address)
    if args.header_only:
        header_only(connection)
        return 0
    height = args.mb * 1024 * 1024 // (WIDTH * 4)
    data = os.urandom(WIDTH * height * 4)
    rows = max(1, (args.chunk_mb << 20) // (WIDTH * 4))
    step = rows * WIDTH * 4
    blocks = [data[i:i + step] for i in range(0, len(data), step)]
    back = bytearray(len(data))
    best, best_up, best_down, cpu = float("inf"), float("inf"), float("inf"), 0.0
    for i in range(args.repeat):
        back[:] = bytes(len(back))
        cpu_before = time.process_time()
        up, down, total = round_trip(connection, height, blocks, back, rows)
        cpu_run = time.process_time() - cpu_before
        if back != data:
            print("FAIL: the raster came back different", file=sys.stderr)
            return 1
        if i:
            cpu += cpu_run
        best, best_up, best_down = min(best, total), min(best_up, up), min(best_down, down)
        print("run {}: {:.3f} s (up {:.3f}, down {:.3f}; client CPU {:.3f} s)".format(i + 1, total, up, down, cpu_run),
              file=sys.stderr)
    gb = len(data) / 1e9
    print("py_transfer_bytes={}".format(len(data)))
    print("py_transfer_chunk_bytes={}".format(step))
    print("py_transfer_grpcio={}".format(grpc.__version__))
    print("py_transfer_roundtrip_s={:.3f}".format(best))
    print("py_transfer_up_gbps={:.2f}".format(gb / best_up))
    print("py_transfer_down_gbps={:.2f}".format(gb / best_down))
    if args.repeat > 1:
        print("py_transfer_client_cpu_s_per_roundtrip={:.3f}".format(cpu / (args.repeat - 1)))
    print("py_transfer_identical=true")
    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
