"""Fetching a web page to compare, within one deadline and a size cap.

The body is streamed so a huge or endless response is cut off at
``max_bytes`` instead of filling memory. ``timeout`` is a deadline for the
whole fetch: connecting, the headers and the body together. httpx's own
timeouts bound each network operation, which a server trickling its headers
one byte a second never trips, and the body loop only runs once the headers
are in; so a timer shuts the connection's sockets down when the deadline
passes, which wakes any read blocked on them. The sockets are found through
httpx's public ``trace`` extension, which reports each connection it opens.
(Name resolution happens before there is a socket; the system resolver's own
timeouts bound it.)
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import socket

    import httpx

from .errors import InputError

__all__ = ["DEFAULT_FETCH_SECONDS", "FetchedPage", "fetch_url"]


class FetchedPage(NamedTuple):
    """A downloaded body with what its Content-Type says: the charset and the media type."""

    body: bytes
    charset: str | None
    media_type: str | None


_USER_AGENT = "compare-tui/0.1 (+https://example.invalid/compare-tui)"
#: The whole fetch, from connecting to the last byte: a page that takes longer is refused.
DEFAULT_FETCH_SECONDS = 8.0


def fetch_url(url: str, *, timeout: float = DEFAULT_FETCH_SECONDS, max_bytes: int) -> FetchedPage:
    """Download ``url`` following redirects; return the body and what its Content-Type declares.

    Every failure (offline, DNS, refused, HTTP error status, the deadline
    ``timeout`` passed, body over ``max_bytes``) is an :class:`InputError`
    reading "could not fetch <url>: ...".
    """
    import httpx  # here, not at the top: only a URL pays for it (a fifth of a second to import)

    deadline = _Deadline(timeout)
    try:
        with (
            httpx.Client(
                follow_redirects=True, timeout=timeout, headers={"User-Agent": _USER_AGENT}
            ) as client,
            client.stream("GET", url, extensions={"trace": deadline.trace}) as response,
        ):
            _check_status(url, response)
            _check_declared_size(url, response, max_bytes)
            body = _read_capped(url, response, max_bytes, deadline)
            return FetchedPage(body, response.charset_encoding, _media_type(response))
    except httpx.InvalidURL as error:
        raise _fetch_error(url, f"invalid URL ({error})") from None
    except httpx.HTTPError as error:
        if deadline.passed() or isinstance(error, httpx.TimeoutException):
            raise _timed_out(url, timeout) from None
        raise _fetch_error(url, _describe(error)) from None
    finally:
        deadline.cancel()


class _Deadline:
    """Shuts down every socket of one fetch when its time is up, so no read blocks past it."""

    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._expired = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def passed(self) -> bool:
        return time.monotonic() >= self._end

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpx's trace hook: keep a duplicate of each new connection's socket to shut down later.

        A duplicate, because TLS wraps (and detaches) the original object;
        shutting down either descriptor ends the one connection they share.
        """
        if event != "connection.connect_tcp.complete":
            return
        raw = info["return_value"].get_extra_info("socket")
        if raw is None:
            return
        duplicate = raw.dup()
        with self._lock:
            self._sockets.append(duplicate)
            if self._expired:
                _shut(duplicate)

    def _expire(self) -> None:
        with self._lock:
            self._expired = True
            for sock in self._sockets:
                _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()


def _shut(sock: socket.socket) -> None:
    import socket  # only a fetch pays for its import (~5 ms of every start)

    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:  # already closed by the other end
        pass


def _media_type(response: httpx.Response) -> str | None:
    """ "text/html" from "text/html; charset=utf-8"; None when the server names none."""
    media_type = response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    return media_type or None


def _fetch_error(url: str, reason: str) -> InputError:
    return InputError(f"could not fetch {url}: {reason}")


def _timed_out(url: str, timeout: float) -> InputError:
    return _fetch_error(url, f"timed out after {timeout:g} s")


def _describe(error: httpx.HTTPError) -> str:
    """A one-line reason; httpx's messages can span lines and name internal classes."""
    text = " ".join(str(error).split())
    return text or type(error).__name__


def _check_status(url: str, response: httpx.Response) -> None:
    if response.is_error:
        raise _fetch_error(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())


def _too_large(url: str, max_bytes: int) -> InputError:
    return _fetch_error(url, f"larger than the {max_bytes:,} byte limit (raise it with --max-size)")


def _check_declared_size(url: str, response: httpx.Response, max_bytes: int) -> None:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(url, max_bytes)


def _read_capped(url: str, response: httpx.Response, max_bytes: int, deadline: _Deadline) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(url, max_bytes)
        chunks.append(chunk)
    if deadline.passed():  # the shutdown ends a body read until close like a normal end
        import httpx

        raise httpx.ReadTimeout("deadline passed")
    return b"".join(chunks)
