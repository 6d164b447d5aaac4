"""The kafka-python socket leak that tests/harness/client_leaks.py closes still happens in the
pinned version, and the patch closes it (a broker killed while a request is buffered)."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import pytest
from kafka.net.transport import KafkaTCPTransport

from tests.harness import client_leaks


class _InlineNet:
    """Just enough of kafka-python's event loop to run the transport's writer at once."""

    def call_soon(self, fn: Callable[[], Any]) -> Any:
        return fn()

    async def wait_write(self, sock: socket.socket) -> None:
        return None

    def unregister_event(self, *args: Any) -> None:
        pass

    def cancel(self, task: Any) -> None:
        pass


def _close_with_a_request_buffered_then_lose_the_peer() -> socket.socket:
    """``close()`` while a request waits to be sent, then the send fails: the socket is
    returned so the test can see whether the transport closed it."""
    ours, peer = socket.socketpair()
    transport = KafkaTCPTransport(_InlineNet(), ours)
    transport.write(b"request")
    writer = transport._write_task
    transport.close()
    ours.shutdown(socket.SHUT_WR)  # the next send fails, as after the broker was killed
    with pytest.raises(StopIteration):
        writer.send(None)
    peer.close()
    return ours


def test_the_library_leaves_the_socket_open():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(KafkaTCPTransport, "abort", client_leaks.LIBRARY_ABORT)
        sock = _close_with_a_request_buffered_then_lose_the_peer()
    assert sock.fileno() != -1  # fixed upstream? then drop the patch
    sock.close()


def test_the_patch_closes_it():
    with pytest.MonkeyPatch.context() as patch:
        client_leaks.close_leaked_sockets(patch)
        sock = _close_with_a_request_buffered_then_lose_the_peer()
    assert sock.fileno() == -1
