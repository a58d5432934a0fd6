"""`xxgk review`: serve the review app on this machine (127.0.0.1 unless told otherwise) and open a browser."""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import time
import webbrowser
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import make_url

DEFAULT_DB = "sqlite:///reports.db"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
LOOPBACK_NAMES = ("127.0.0.1", "localhost")


class ReviewSetupError(ValueError):
    """The app cannot start: the message says why (no such database, port taken)."""


def check_database(url: str) -> None:
    """A SQLite URL must name an existing file: reviewing an empty new database is always a typo."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # noqa: BLE001 - SQLAlchemy raises several types for a bad URL
        raise ReviewSetupError(f"{url}: not a database URL (sqlite:///reports.db or postgresql://…): {exc}") from None
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database
        if not path or path == ":memory:" or not Path(path).is_file():
            raise ReviewSetupError(f"{path or url}: no such database file (make one with `xxgk extract FOLDER --db {url}`)")


def allowed_hosts(host: str) -> list[str] | None:
    """Host headers the app answers to (DNS-rebinding guard); None = any, for an explicit wildcard bind."""
    if host in ("0.0.0.0", "::", ""):
        return None
    try:
        if ipaddress.ip_address(host).version == 6:
            return None  # Starlette's host check does not parse IPv6 literals
    except ValueError:
        pass
    if host in LOOPBACK_NAMES:
        return list(LOOPBACK_NAMES)
    return [host]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def serve(db: str, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, files: Sequence[Path] = (),
          open_browser: bool = True) -> None:
    """Run until interrupted (Ctrl+C)."""
    import uvicorn

    from .web import create_app

    check_database(db)
    if port == 0:
        port = free_port(host)
    try:
        with socket.socket() as probe:
            probe.bind((host, port))
    except OSError as exc:
        raise ReviewSetupError(f"cannot listen on {host}:{port} ({exc.strerror}); choose another --port") from None
    app = create_app(db, files, allowed_hosts=allowed_hosts(host))
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    url = f"http://{shown}:{port}/"
    if not is_loopback(host):
        print(f"xxgk review: listening on {host}: anyone who can reach this machine can read and correct these reports",
              file=sys.stderr)
    print(f"xxgk review: {url}  (Ctrl+C to stop)", file=sys.stderr)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    if open_browser:
        def _open() -> None:
            for _ in range(100):
                if server.started:
                    webbrowser.open(url)
                    return
                time.sleep(0.05)
        threading.Thread(target=_open, daemon=True).start()
    server.run()
