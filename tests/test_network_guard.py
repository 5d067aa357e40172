"""The suite must never reach the network: any socket connection is a failure."""

from __future__ import annotations

import socket

import pytest
from pytest_socket import SocketBlockedError


def test_opening_an_inet_socket_fails() -> None:
    with pytest.warns(UserWarning, match="socket"), pytest.raises(SocketBlockedError):
        socket.create_connection(("127.0.0.1", 9), timeout=0.1)
