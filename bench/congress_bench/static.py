"""A built site served as a production server serves it.

Text files go out compressed: the `.br` or `.gz` copy the build wrote
beside the file when the browser accepts it (what nginx does with
`brotli_static on; gzip_static on;`), else gzip made on the fly (what
`gzip on;` does), so page weights and load times are what a reader's phone
gets. The browser tests and the Lighthouse benchmark use it.
"""

from __future__ import annotations

import gzip
import http.server
import io
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

HOST = "127.0.0.1"
# Pagefind's index files (.pf_*) are compressed by Pagefind itself.
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".ics", ".webmanifest")
# Accept-Encoding token → the suffix of the copy the build writes.
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with compressed text and quiet logs."""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepted = {token.split(";")[0].strip() for token in self.headers.get("Accept-Encoding", "").split(",")}
        if not (path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()  # redirects, 404s, images, fonts
        for token, suffix in PRECOMPRESSED:
            copy = path.with_name(path.name + suffix)
            if token in accepted and copy.is_file():
                return self._send(path, copy.read_bytes(), token)
        if "gzip" in accepted:
            return self._send(path, gzip.compress(path.read_bytes(), compresslevel=6), "gzip")
        return super().send_head()

    def _send(self, path: Path, body: bytes, encoding: str) -> io.BytesIO:
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return io.BytesIO(body)


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A browser that closes a connection early (Lighthouse does) is not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1 from a thread while the block runs;
    yields its base URL without a trailing slash."""
    server = QuietServer((HOST, 0), partial(StaticHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
