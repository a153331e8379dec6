"""Cancelling a job cancels the RPC at once and the server frees its only job slot within a second."""
import threading
import time

import pytest

from conftest import GRAVITY, TOKEN, Feedback


def slow_raster(width=2000, height=20000, rows=50, pause=0.02):
    """A large float32 raster streamed slowly (a long upload stands in for a long job)."""
    from gisbridge.client import protocol
    JobData = protocol.gb("JobData")
    header = JobData()
    h = header.raster_header
    h.name, h.width, h.height, h.band_count = "input", width, height, 1
    h.data_type = protocol.enum_value("gisbridge.v1.RasterDataType", "RASTER_DATA_TYPE_FLOAT32")
    h.geotransform.extend([0, 1000, 0, 0, 0, -1000])
    yield header
    block = bytes(width * rows * 4)
    for row in range(0, height, rows):
        chunk = JobData()
        chunk.raster_chunk.band, chunk.raster_chunk.row_start, chunk.raster_chunk.row_count = 0, row, rows
        chunk.raster_chunk.data = block
        yield chunk
        time.sleep(pause)


def run_round_trip(server, inputs, feedback, destination):
    from gisbridge.client import jobs, protocol
    from gisbridge.client.channel import Connection
    connection = Connection(server.address, TOKEN)
    try:
        return jobs.run_job(connection, "ServerInfo", "RoundTrip", "RoundTripRequest",
                            protocol.gb("RoundTripOptions")(), inputs, lambda k, h, i: destination, feedback)
    finally:
        connection.close()


def test_cancel_stops_the_job_within_a_second(provider, server, tmp_path):
    from gisbridge.client.jobs import JobCancelled
    from gisbridge.client import rasters
    feedback = Feedback()
    cancelled_at = []

    def cancel_later():
        time.sleep(1.0)
        cancelled_at.append(time.monotonic())
        feedback.cancelled = True
    threading.Thread(target=cancel_later, daemon=True).start()
    with pytest.raises(JobCancelled):
        run_round_trip(server, slow_raster(), feedback, str(tmp_path / "never.tif"))
    client_seconds = time.monotonic() - cancelled_at[0]
    assert not (tmp_path / "never.tif").exists()
    # The server runs one job at a time here: the next job only starts once the cancelled one has let go.
    start = time.monotonic()
    outcome = run_round_trip(server, rasters.raster_items(GRAVITY, "input"), Feedback(), str(tmp_path / "next.tif"))
    server_seconds = time.monotonic() - start
    print("cancel seen by the client after {:.3f} s; next job done {:.3f} s later".format(client_seconds, server_seconds))
    assert outcome.result is not None
    assert client_seconds < 1.0 and server_seconds < 2.0
