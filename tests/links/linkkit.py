"""Helpers for the link-check tests: small built sites written straight to
disk, and a local HTTP server with misbehaving routes. Nothing here contacts
any host but 127.0.0.1."""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest


def page(body: str = "", *, source: str | None = None, head: str = "", title: str = "页面") -> str:
    meta = f'<meta name="congress:source" content="{source}">' if source else ""
    return (f'<!doctype html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n{meta}\n'
            f"<title>{title}</title>\n{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n")


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """Write {relative path: content} under tmp_path/site and return it."""

    def make(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "site"
        for rel, content in files.items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        root.mkdir(exist_ok=True)
        return root

    return make


# /linger answers only once this many requests are in flight together: a
# checker that runs that many at once is seen doing so, never by luck of timing.
LINGER_UNTIL = 4


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.arrived = threading.Condition(self.lock)  # notified whenever a request comes in
        self.hits: dict[str, int] = {}
        self.log: list[tuple[float, str, str]] = []  # (time, method, path)
        self.in_flight = 0
        self.max_in_flight = 0


class _Handler(BaseHTTPRequestHandler):
    state: _State  # set on a subclass per server
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # keep pytest output clean
        pass

    def do_HEAD(self) -> None:
        self._route("HEAD")

    def do_GET(self) -> None:
        self._route("GET")

    def _send(self, status: int, headers: dict[str, str] | None = None, body: bytes = b"ok") -> None:
        # Out of flight before the answer leaves: once the client has it, it
        # may start its next request before this thread runs again.
        self._out_of_flight()
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _route(self, method: str) -> None:
        st = self.state
        path = self.path
        with st.lock:
            st.hits[path] = st.hits.get(path, 0) + 1
            count = st.hits[path]
            st.log.append((time.monotonic(), method, path))
            st.in_flight += 1
            st.max_in_flight = max(st.max_in_flight, st.in_flight)
            st.arrived.notify_all()
        self._in_flight = True
        try:
            self._answer(path.partition("?")[0], method, count)
        finally:
            self._out_of_flight()

    def _out_of_flight(self) -> None:
        if getattr(self, "_in_flight", False):
            self._in_flight = False
            with self.state.lock:
                self.state.in_flight -= 1

    def _answer(self, path: str, method: str, count: int) -> None:
        if path == "/ok" or path == "/polite":
            if path == "/polite":
                time.sleep(0.05)  # long enough for requests to overlap if allowed
            self._send(200)
        elif path == "/linger":  # held until LINGER_UNTIL requests were in flight together (5 s at most)
            st = self.state
            with st.arrived:
                st.arrived.wait_for(lambda: st.max_in_flight >= LINGER_UNTIL, timeout=5)
            self._send(200)
        elif path == "/moved":
            self._send(301, {"Location": "/ok"})
        elif path == "/temp":
            self._send(302, {"Location": "/ok"})
        elif path == "/moved-gone":
            self._send(301, {"Location": "/gone"})
        elif path == "/gone":
            self._send(404)
        elif path == "/flaky":  # 500 on the first request, fine after
            self._send(500 if count == 1 else 200)
        elif path == "/always-500":
            self._send(500)
        elif path == "/busy":  # 429 with Retry-After on the first request
            if count == 1:
                self._send(429, {"Retry-After": "1"})
            else:
                self._send(200)
        elif path == "/no-head":  # refuses HEAD, answers GET
            self._send(405 if method == "HEAD" else 200)
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200)
        elif path == "/reset":
            # SO_LINGER 0 makes close() send RST: a connection reset by peer
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif path == "/loop":
            self._send(302, {"Location": "/loop2"})
        elif path == "/loop2":
            self._send(302, {"Location": "/loop"})
        else:
            self._send(404)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address) -> None:  # the reset route breaks writes on purpose
        pass


@pytest.fixture
def http_server():
    """A server on 127.0.0.1 at a free port. Yields (base URL, state)."""
    state = _State()
    handler = type("Handler", (_Handler,), {"state": state})
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()
