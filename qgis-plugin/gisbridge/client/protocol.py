"""Loads the protocol from the descriptor set built by tools/build_descriptors.sh (no generated _pb2 code).

Message classes come from a private descriptor pool, so the plugin works with the protobuf that the host QGIS
ships (Debian's 3.21/4.21 runtime as well as current pip releases).
"""
import os
import threading

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

PROTOCOL_VERSION = 1
PACKAGE = "gisbridge.v1"
DESCRIPTOR_PATH = os.path.join(os.path.dirname(os.path.dirname(__file__)), "generated", "gisbridge.desc")

_lock = threading.Lock()
_pool = None
_classes = {}


class ProtocolMissingError(RuntimeError):
    """The descriptor set is missing: the plugin was copied without running its setup."""


def _load_pool():
    if not os.path.isfile(DESCRIPTOR_PATH):
        raise ProtocolMissingError(
            "GisBridge protocol descriptors not found at {}: run qgis-plugin/tools/build_descriptors.sh "
            "(or install the plugin with './gisbridge install-plugin', or from the packaged zip)".format(DESCRIPTOR_PATH))
    with open(DESCRIPTOR_PATH, "rb") as f:
        file_set = descriptor_pb2.FileDescriptorSet.FromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    for file_proto in file_set.file:
        pool.Add(file_proto)
    return pool


def _class_for(descriptor):
    # protobuf >= 4.22 has GetMessageClass; older runtimes (Debian's 4.21) only MessageFactory.GetPrototype.
    get_message_class = getattr(message_factory, "GetMessageClass", None)
    if get_message_class is not None:
        return get_message_class(descriptor)
    return message_factory.MessageFactory(descriptor.file.pool).GetPrototype(descriptor)


def message(full_name):
    """Returns the message class for a full name, e.g. 'gisbridge.v1.JobData'."""
    global _pool
    with _lock:
        cls = _classes.get(full_name)
        if cls is None:
            if _pool is None:
                _pool = _load_pool()
            cls = _class_for(_pool.FindMessageTypeByName(full_name))
            _classes[full_name] = cls
        return cls


def gb(name):
    """Shortcut for messages of the gisbridge.v1 package."""
    return message("{}.{}".format(PACKAGE, name))


def enum_value(enum_full_name, value_name):
    """Numeric value of an enum member, e.g. ('gisbridge.v1.DerivativeKind', 'DERIVATIVE_KIND_TILT')."""
    message("gisbridge.v1.JobData")  # ensures the pool is loaded
    return _pool.FindEnumTypeByName(enum_full_name).values_by_name[value_name].number


def enum_name(enum_full_name, number):
    message("gisbridge.v1.JobData")
    return _pool.FindEnumTypeByName(enum_full_name).values_by_number[number].name


def method_path(service, method):
    """gRPC method path, e.g. ('Gravity', 'UpwardContinuation') -> '/gisbridge.v1.Gravity/UpwardContinuation'."""
    return "/{}.{}/{}".format(PACKAGE, service, method)
