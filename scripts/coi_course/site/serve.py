"""A tiny static file server that serves a built site under a sub-path, like an agency web server would.

Used by the browser tests and by ``python -m coi_course serve``. Requests outside the prefix get 404.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path


class _PrefixHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"
    extra_headers: dict[str, str] = {}

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + clean[len(self.prefix) :])

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass


class SiteServer:
    """Serve ``root`` at ``http://127.0.0.1:<port><prefix>`` in a background thread, with
    ``headers`` (e.g. a Content-Security-Policy) on every response."""

    def __init__(
        self, root: Path, prefix: str = "/", port: int = 0, headers: dict[str, str] | None = None
    ):
        if not prefix.startswith("/") or not prefix.endswith("/"):
            raise ValueError(f"prefix must start and end with '/': {prefix!r}")
        handler = type(
            "Handler", (_PrefixHandler,), {"prefix": prefix, "extra_headers": dict(headers or {})}
        )
        handler.extensions_map = {**handler.extensions_map, ".js": "text/javascript"}
        factory = functools.partial(handler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), factory)
        self.prefix = prefix
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{self.prefix}"

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
