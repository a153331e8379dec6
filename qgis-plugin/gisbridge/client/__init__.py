"""gRPC client of the GisBridge server: protocol loading, channel, jobs, raster and file streaming, lifecycle."""
