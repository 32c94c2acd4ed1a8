"""The gate's side towards the API: one keep-alive connection per client connection, and what
went wrong, in a few words, when no answer came."""

from __future__ import annotations

import http.client
import socket
import ssl
from collections.abc import Iterable
from urllib.parse import urlsplit


class Upstream:
    """One keep-alive connection to the target, per client connection of the gate."""

    def __init__(self, origin: str) -> None:
        split = urlsplit(origin)
        self.https = split.scheme == "https"
        self.host, self.port = split.hostname or "", split.port
        self.connection: http.client.HTTPConnection | None = None

    def send(
        self,
        method: str,
        target: str,
        headers: Iterable[tuple[str, str]],
        body: bytes,
        timeout: float,
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        """Status, headers and body of the answer; OSError when there is none."""
        sent = dict(headers)
        for attempt in range(2):
            reused = self.connection is not None
            connection = self.connection or self._connect(timeout)
            self.connection = connection
            connection.timeout = timeout
            if connection.sock is not None:
                connection.sock.settimeout(timeout)
            try:
                connection.request(method, target, body or None, sent)
                response = connection.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if reused and attempt == 0:
                    continue  # a keep-alive connection the server had closed: once more, fresh
                raise
            except http.client.HTTPException as exc:  # not HTTP: a status line of garbage
                self.close()
                raise ConnectionError(f"not an HTTP answer ({type(exc).__name__})") from exc
            except OSError:
                self.close()
                raise
            if response.will_close:
                self.close()
            return response.status, response.getheaders(), data
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _connect(self, timeout: float) -> http.client.HTTPConnection:
        if self.https:
            context = ssl.create_default_context()
            return http.client.HTTPSConnection(
                self.host, self.port, timeout=timeout, context=context
            )
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def close(self) -> None:
        """Close the connection, if one is open."""
        if self.connection is not None:
            self.connection.close()
        self.connection = None


def network_problem(exc: OSError, timeout: float) -> str:
    """What went wrong, in a few words: `connection refused`, `timed out after 15 s`."""
    if isinstance(exc, TimeoutError | socket.timeout):
        return f"timed out after {timeout:g} s"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, socket.gaierror):
        return "host not found"
    if isinstance(exc, ssl.SSLError):
        return f"TLS failed: {exc.reason or exc}"
    return exc.strerror or str(exc) or type(exc).__name__
