"""Fetching URLs from a local http.server on 127.0.0.1 (never the internet)."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tui.engine.errors import InputError
from tui.engine.fetching import fetch_url
from tui.engine.loading import load_document
from tui.engine.pipeline import CompareRequest, load_sides

PAGE = (
    "<!DOCTYPE html><html><head><title>Local page</title></head><body>"
    "<p>Caf\u00e9 owners on the quay said the new wall blocks their view of the sea.</p>"
    "</body></html>"
).encode("iso-8859-1")


class Handler(BaseHTTPRequestHandler):
    #: /meet answers only once two requests for it are waiting together (else 503 after 3 s).
    meeting = threading.Barrier(2, timeout=3)

    def do_GET(self):  # noqa: N802 - http.server's naming
        if self.path.startswith("/meet"):
            try:
                self.meeting.wait()
                self._send(200, PAGE, "text/html; charset=iso-8859-1")
            except threading.BrokenBarrierError:
                self._send(503, b"alone", "text/plain")
        elif self.path == "/page":
            self._send(200, PAGE, "text/html; charset=iso-8859-1")
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
        elif self.path == "/big":
            self._send(200, b"x" * 5000, "text/plain")
        elif self.path == "/big-undeclared":
            self.send_response(200)
            self.end_headers()  # no Content-Length: the body runs until the connection closes
            self.wfile.write(b"y" * 5000)
        elif self.path == "/slow":
            time.sleep(2)
            self._send(200, b"late", "text/plain")
        elif self.path == "/trickled-header":
            self._trickle(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Pad: " + b"a" * 100)
        elif self.path == "/trickled-body":
            self.send_response(200)
            self.end_headers()
            self._trickle(b"word " * 100)
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, status, body, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self, data):
        """One byte every 50 ms: each read succeeds at once, only a deadline on the whole fetch stops it."""
        try:
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:  # the client hung up, as it should
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)


def test_fetch_returns_body_declared_charset_and_media_type(server):
    body, charset, media_type = fetch_url(f"{server}/page", max_bytes=10_000)
    assert body == PAGE
    assert charset.lower() == "iso-8859-1"
    assert media_type == "text/html"


def test_fetch_follows_redirects(server):
    assert fetch_url(f"{server}/moved", max_bytes=10_000)[0] == PAGE


def test_http_error_status_is_an_input_error(server):
    with pytest.raises(InputError, match=r"could not fetch .*/missing: HTTP 404"):
        fetch_url(f"{server}/missing", max_bytes=10_000)


@pytest.mark.parametrize("path", ["/big", "/big-undeclared"])
def test_body_over_the_size_cap_is_refused(server, path):
    with pytest.raises(InputError, match="--max-size"):
        fetch_url(f"{server}{path}", max_bytes=1000)


def test_timeout_is_an_input_error(server):
    with pytest.raises(InputError, match=r"could not fetch .*/slow: timed out"):
        fetch_url(f"{server}/slow", timeout=0.2, max_bytes=10_000)


@pytest.mark.parametrize("path", ["/trickled-header", "/trickled-body"])
def test_a_server_trickling_bytes_is_cut_off_at_the_deadline(server, path):
    """Per-read timeouts never fire when a byte comes every 50 ms; the whole fetch has one deadline."""
    with pytest.raises(InputError, match=rf"could not fetch .*{path}: timed out after 0.5 s"):
        fetch_url(f"{server}{path}", timeout=0.5, max_bytes=10_000)


def test_connection_refused_is_an_input_error():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound but not listening: connections are refused
        with pytest.raises(InputError, match=rf"could not fetch http://127.0.0.1:{port}/: "):
            fetch_url(f"http://127.0.0.1:{port}/", timeout=2, max_bytes=10)


def test_error_messages_are_one_line(server):
    with pytest.raises(InputError) as caught:
        fetch_url(f"{server}/missing", max_bytes=10)
    assert "\n" not in str(caught.value)


def test_load_document_from_url_uses_declared_charset_and_html(server):
    document = load_document(f"{server}/page")
    assert document.source == f"{server}/page"
    assert document.format == "html"
    assert document.encoding == "cp1252"
    assert document.title == "Local page"
    assert document.texts == (
        "Café owners on the quay said the new wall blocks their view of the sea.",
    )


def test_two_urls_are_fetched_at_once(server):
    """One fetch deadline for the command, not one per side: /meet answers a request only while
    the other side's request is waiting too, so reading one side after the other fails."""
    Handler.meeting.reset()
    left, right = load_sides(
        CompareRequest(f"{server}/meet?side=left", f"{server}/meet?side=right")
    )
    assert (
        left.texts
        == right.texts
        == ("Café owners on the quay said the new wall blocks their view of the sea.",)
    )


def test_two_urls_failing_report_the_left_one(server):
    with pytest.raises(InputError, match=r"/missing: HTTP 404"):
        load_sides(CompareRequest(f"{server}/missing", f"{server}/slow"))
