"""A connection to one GisBridge server: channel with optional bearer token, health check, version check."""
import grpc

from . import protocol

HEALTH_CHECK = "/grpc.health.v1.Health/Check"
SERVING = 1


class ServerError(RuntimeError):
    """A failed call, with the gRPC status and the server's details in a form fit for the user."""

    def __init__(self, message, code=None):
        super().__init__(message)
        self.code = code


def describe_rpc_error(error, what):
    """Turns a grpc.RpcError into a ServerError whose text says what failed and why."""
    code = error.code() if hasattr(error, "code") else None
    details = error.details() if hasattr(error, "details") else str(error)
    name = code.name if code is not None else "UNKNOWN"
    if code == grpc.StatusCode.UNAVAILABLE:
        hint = " (is the server running? check Settings > Options > Processing > GisBridge)"
    elif code == grpc.StatusCode.UNAUTHENTICATED:
        hint = " (set the token of the remote server in the GisBridge provider settings)"
    elif code == grpc.StatusCode.UNIMPLEMENTED:
        hint = " (the server does not implement this call; update the server)"
    else:
        hint = ""
    return ServerError("{} failed: {} {}{}".format(what, name, details, hint), code)


class Connection:
    """A channel to a server at host:port; cheap to create, close it when done."""

    def __init__(self, address, token=""):
        self.address = address
        self.token = token
        # Raster chunks are <= 1 MB but leave room for headers and file chunks.
        options = [("grpc.max_receive_message_length", 64 * 1024 * 1024),
                   ("grpc.max_send_message_length", 64 * 1024 * 1024)]
        self.channel = grpc.insecure_channel(address, options=options)

    def metadata(self):
        return (("authorization", "Bearer " + self.token),) if self.token else ()

    def close(self):
        self.channel.close()

    def unary(self, service, method, request, response_name, timeout=10.0):
        call = self.channel.unary_unary(
            protocol.method_path(service, method),
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=protocol.gb(response_name).FromString)
        try:
            return call(request, timeout=timeout, metadata=self.metadata())
        except grpc.RpcError as e:
            raise describe_rpc_error(e, "{}.{} on {}".format(service, method, self.address)) from None

    def stream(self, service, method):
        """A bidi-stream callable yielding JobEvent messages."""
        return self.channel.stream_stream(
            protocol.method_path(service, method),
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=protocol.gb("JobEvent").FromString)

    def is_serving(self, timeout=2.0):
        """True when the health check answers SERVING; False when nothing (or something else) answers."""
        request_cls = protocol.message("grpc.health.v1.HealthCheckRequest")
        response_cls = protocol.message("grpc.health.v1.HealthCheckResponse")
        check = self.channel.unary_unary(HEALTH_CHECK, request_serializer=lambda m: m.SerializeToString(),
                                          response_deserializer=response_cls.FromString)
        try:
            return check(request_cls(), timeout=timeout).status == SERVING
        except grpc.RpcError:
            return False

    def get_info(self, timeout=10.0):
        return self.unary("ServerInfo", "GetInfo", protocol.gb("GetInfoRequest")(), "GetInfoResponse", timeout)

    def check_version(self):
        """GetInfo plus the protocol check; returns the info or raises ServerError naming both versions."""
        info = self.get_info()
        if info.protocol_version != protocol.PROTOCOL_VERSION:
            raise ServerError(
                "the GisBridge server at {} speaks protocol version {} (server {}), this plugin needs version {}: "
                "install matching versions of the plugin and the server".format(
                    self.address, info.protocol_version, info.server_version, protocol.PROTOCOL_VERSION))
        return info
