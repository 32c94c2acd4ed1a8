"""MkDocs' live-reload server, bound to its port as soon as it is made: port 0 becomes a free
port the system picks, and `url` says which, before the (long) first build starts."""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.livereload import LiveReloadServer


class BoundServer(LiveReloadServer):
    """A LiveReloadServer whose socket is bound at construction (OSError when the address is
    taken); it listens once `serve()` runs, and answers once the first build is done."""

    def __init__(self, builder: Callable[[], None], host: str, port: int, root: str) -> None:
        super().__init__(builder=builder, host=host, port=port, root=root)
        self._bound = False
        try:
            self.server_bind()
        except OSError:
            self.server_close()
            raise
        bound = self.server_address[1]
        self.url = f"http://{f'[{host}]' if ':' in host else host}:{bound}/"

    def server_bind(self) -> None:
        """Bind once: `serve()` binds again, which the socket would refuse."""
        if not self._bound:
            super().server_bind()
            self._bound = True
