"""Server lifecycle: start when nothing answers, restart after a crash, stop, and clear errors when it cannot start."""
import os
import signal

import pytest

from conftest import server_command


def manager_for(command="", address="", token=""):
    from gisbridge.client.server_process import ServerManager
    from gisbridge.settings import ServerSettings
    return ServerManager(lambda: ServerSettings(address=address, command=command, token=token, start_timeout_s=60))


def test_starts_restarts_and_stops_the_server(qgis_app):
    manager = manager_for(server_command())
    try:
        connection = manager.connection()
        first = manager.started_process
        assert first is not None and first.poll() is None
        assert connection.is_serving() and manager.info.protocol_version == 1
        connection.close()
        os.kill(first.pid, signal.SIGKILL)  # the server dies while QGIS is open
        first.wait(10)
        connection = manager.connection()
        second = manager.started_process
        assert second.pid != first.pid and connection.is_serving()
        connection.close()
    finally:
        manager.stop()
    assert second.poll() is not None, "stop() must end the server the plugin started"


def test_a_started_server_requires_its_private_token(qgis_app):
    from gisbridge.client.channel import Connection, ServerError
    manager = manager_for(server_command())
    try:
        connection = manager.connection()
        stranger = Connection(connection.address)
        with pytest.raises(ServerError, match="UNAUTHENTICATED"):
            stranger.get_info()
        stranger.close()
        connection.close()
    finally:
        manager.stop()


def test_missing_server_says_how_to_fix(qgis_app):
    from gisbridge.client.server_process import ServerUnavailableError
    with pytest.raises(ServerUnavailableError, match="install-plugin"):
        manager_for().connection()


def test_wrong_command_names_the_program(qgis_app):
    from gisbridge.client.server_process import ServerUnavailableError
    with pytest.raises(ServerUnavailableError, match="/nonexistent/gisbridge"):
        manager_for("/nonexistent/gisbridge serve").connection()


def test_server_that_exits_reports_its_output(qgis_app, tmp_path):
    from gisbridge.client.server_process import ServerUnavailableError
    script = tmp_path / "broken-server"
    script.write_text("#!/bin/sh\necho 'error: port already taken' >&2\nexit 3\n")
    script.chmod(0o755)
    with pytest.raises(ServerUnavailableError, match="(?s)exited with code 3.*port already taken"):
        manager_for(str(script) + " serve").connection()


def test_address_with_nothing_listening(qgis_app):
    from gisbridge.client.server_process import ServerUnavailableError
    with pytest.raises(ServerUnavailableError, match="no GisBridge server answers at 127.0.0.1:9"):
        manager_for(address="127.0.0.1:9").connection()


def test_can_execute_explains_a_missing_server(provider, monkeypatch):
    from qgis.core import QgsApplication
    monkeypatch.delenv("GISBRIDGE_SERVER_ADDRESS", raising=False)
    monkeypatch.setenv("GISBRIDGE_SERVER_COMMAND", "/nonexistent/gisbridge serve")
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("gisbridge:upwardcontinuation")
    ok, message = algorithm.canExecute()
    assert not ok and "/nonexistent/gisbridge" in message
