"""A total time limit for one delivery attempt, whatever the peer does.

Socket timeouts limit each read, and restart with every byte: a server that trickles one byte
every few seconds holds a connection open for as long as it likes. A Deadline watches the
sockets of one attempt and shuts them down when its time is up, which ends any blocked read or
write at once.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from types import TracebackType


class Deadline:
    """Shuts down every socket it watches `seconds` after the block starts."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._watched: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._timer.cancel()
        with self._lock:
            for watched in self._watched:
                watched.close()
            self._watched.clear()

    def watch(self, sock: socket.socket) -> socket.socket:
        """`sock`, which the deadline will shut down (TLS wrapping later changes nothing)."""
        # A duplicate of the descriptor: shutdown(2) acts on the connection, not the descriptor,
        # and the duplicate survives the original being detached into an SSLSocket.
        watched = socket.socket(fileno=os.dup(sock.fileno()))
        with self._lock:
            self._watched.append(watched)
            if self.expired:
                _shut_down(watched)
        return sock

    def connect(
        self,
        address: tuple[str, int],
        timeout: float | None = None,
        source_address: tuple[str, int] | None = None,
    ) -> socket.socket:
        """socket.create_connection, watched."""
        return self.watch(socket.create_connection(address, timeout, source_address))

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for watched in self._watched:
                _shut_down(watched)


def _shut_down(watched: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed by the peer: nothing left to stop
        watched.shutdown(socket.SHUT_RDWR)
