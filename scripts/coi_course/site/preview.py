"""The live preview (``make serve``): check the port before building, and while the site is broken
show the build's messages (``file:line: message``) in the browser instead of a page that never loads.

MkDocs' live-reload server leaves every browser waiting when a rebuild raises; ``catch_build_errors``
wraps its builder so that a failed rebuild writes an error page in place of every page of the preview
(a temporary folder of ``mkdocs serve``) and returns normally: the browsers reload, show the messages,
and reload again into the real pages once a rebuild succeeds."""

from __future__ import annotations

import errno
import logging
import socket
from collections.abc import Callable
from pathlib import Path

from ..templating import render


def port_problem(host: str, port: int) -> str | None:
    """Why the preview cannot listen on ``host:port``, with what to do; None when it can."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return (
            f"HOST={host} is not an address this computer has ({exc.strerror}): try HOST=127.0.0.1"
        )
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (
                    f"port {port} on {host} is already in use (another 'make serve' or program is "
                    f"running there): stop it, or use another port, e.g. make serve PORT={port + 1}"
                )
            if exc.errno == errno.EACCES:
                return (
                    f"port {port} needs administrator rights: use a port above 1023, e.g. PORT=8000"
                )
            return f"cannot listen on {host}:{port}: {exc.strerror}"
    return None


def error_messages(exc: BaseException) -> list[str]:
    """The lines an author needs from a failed build: its ``file:line: message`` lines."""
    text = str(exc).strip() or type(exc).__name__
    return [line for line in (raw.strip() for raw in text.splitlines()) if line]


def error_page(messages: list[str]) -> str:
    return render("preview_error.html.j2", messages=messages)


def show_build_errors(site_dir: Path, messages: list[str]) -> int:
    """Write the error page over every page of the preview (and at its start page); returns how many."""
    html = error_page(messages)
    pages = set(site_dir.rglob("*.html")) | {site_dir / "index.html"}
    for page in pages:
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(html, encoding="utf-8")
    return len(pages)


class _Collect(logging.Handler):
    """The ERROR lines MkDocs logs during one build (a hook's PluginError is logged, then MkDocs
    raises a bare "Aborted with a BuildError!")."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines += error_messages(RuntimeError(record.getMessage()))


def catch_build_errors(
    builder: Callable[[], None], site_dir: Path, report: Callable[[str], None]
) -> Callable[[], None]:
    """``builder`` that, when it fails, shows the messages in the browser (MkDocs has logged them
    already; anything it has not is reported through ``report``)."""

    def build() -> None:
        collect = _Collect()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collect)
        try:
            builder()
        except Exception as exc:  # any failure: the author sees it in the browser, not a stuck page
            messages = collect.lines or error_messages(exc)
            if not collect.lines:
                for message in messages:
                    report(message)
            show_build_errors(site_dir, messages)
        finally:
            logger.removeHandler(collect)

    return build
