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
    error_pages = False

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        """Like a configured web server: a missing page gets the site's own 404.html (per language)."""
        page = self._error_page() if code == 404 and self.error_pages else None
        if page is None:
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error_page(self) -> Path | None:
        """``<lang>/404.html`` for addresses inside a language folder that has one, else ``404.html``."""
        clean = self.path.split("?", 1)[0]
        if not clean.startswith(self.prefix):
            return None
        first = clean[len(self.prefix) :].split("/", 1)[0]
        root = Path(self.directory)
        candidates = [root / first / "404.html"] if first not in ("", ".", "..") else []
        return next((c for c in [*candidates, root / "404.html"] if c.is_file()), None)

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
        self,
        root: Path,
        prefix: str = "/",
        port: int = 0,
        headers: dict[str, str] | None = None,
        error_pages: bool = False,
    ):
        if not prefix.startswith("/") or not prefix.endswith("/"):
            raise ValueError(f"prefix must start and end with '/': {prefix!r}")
        attrs = {"prefix": prefix, "extra_headers": dict(headers or {}), "error_pages": error_pages}
        handler = type("Handler", (_PrefixHandler,), attrs)
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
