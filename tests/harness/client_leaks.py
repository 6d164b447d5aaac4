"""Two socket leaks of kafka-python 3.0.12 that tests against a restarted broker run into.

Under ``filterwarnings = error`` an unclosed socket found by the garbage collector fails
whichever test happens to be running, so the integration suite closes these sockets itself
(``close_leaked_sockets``, applied for the whole session by tests/integration/conftest.py).
The worker is not patched: in a long-running process the garbage collector closes the file
descriptor, and the warning is ignored outside tests.

- ``KafkaNetSocket.sock_connect`` raises on ECONNREFUSED without closing the socket (every
  reconnect to a stopped broker).
- ``KafkaTCPTransport.close()`` with a request still buffered leaves the socket to the writer
  task, which closes it once the buffer is sent; when the send fails instead (the broker was
  killed), the writer calls ``abort()``, which does nothing on a transport already marked
  closed, and the socket stays open. ``tests/unit/test_client_leaks.py`` checks
  that this still happens without the patch, so the patch goes when kafka-python fixes it.
"""

from __future__ import annotations

from typing import Any

import pytest
from kafka.net.inet import KafkaNetSocket
from kafka.net.transport import KafkaTCPTransport

# The library's own methods, taken at import (before any test patched them).
LIBRARY_SOCK_CONNECT = KafkaNetSocket.sock_connect
LIBRARY_ABORT = KafkaTCPTransport.abort


def close_leaked_sockets(patch: pytest.MonkeyPatch) -> None:
    """Patch both leaks with ``patch`` (undone when the monkeypatch context ends)."""
    connect = LIBRARY_SOCK_CONNECT
    abort = LIBRARY_ABORT

    async def sock_connect(self: Any, net: Any, sock: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return await connect(self, net, sock, *args, **kwargs)
        except BaseException:
            sock.close()
            raise

    def abort_closing(self: Any, error: Any = None) -> None:
        if self._closed and self._sock is not None:  # close() left the socket to the writer
            self._write_buffer.clear()
            self._close(error)
        else:
            abort(self, error)

    patch.setattr(KafkaNetSocket, "sock_connect", sock_connect)
    patch.setattr(KafkaTCPTransport, "abort", abort_closing)
