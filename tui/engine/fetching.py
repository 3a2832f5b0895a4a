"""Fetching a web page to compare, with a time limit and a size cap.

The body is streamed so a huge or endless response is cut off at
``max_bytes`` instead of filling memory, and the timeout bounds the whole
download (httpx's own timeouts bound each network operation, which a
server trickling bytes would never trip).
"""

from __future__ import annotations

import time
from typing import NamedTuple

import httpx

from .errors import InputError

__all__ = ["FetchedPage", "fetch_url"]


class FetchedPage(NamedTuple):
    """A downloaded body with what its Content-Type says: the charset and the media type."""

    body: bytes
    charset: str | None
    media_type: str | None


_USER_AGENT = "compare-tui/0.1 (+https://example.invalid/compare-tui)"


def fetch_url(url: str, *, timeout: float = 15.0, max_bytes: int) -> FetchedPage:
    """Download ``url`` following redirects; return the body and what its Content-Type declares.

    Every failure (offline, DNS, refused, HTTP error status, timeout, body
    over ``max_bytes``) is an :class:`InputError` reading "could not fetch <url>: ...".
    """
    deadline = time.monotonic() + timeout
    try:
        with (
            httpx.Client(
                follow_redirects=True, timeout=timeout, headers={"User-Agent": _USER_AGENT}
            ) as client,
            client.stream("GET", url) as response,
        ):
            _check_status(url, response)
            _check_declared_size(url, response, max_bytes)
            body = _read_capped(url, response, max_bytes, deadline, timeout)
            return FetchedPage(body, response.charset_encoding, _media_type(response))
    except httpx.TimeoutException:
        raise _fetch_error(url, f"timed out after {timeout:g} s") from None
    except httpx.InvalidURL as error:
        raise _fetch_error(url, f"invalid URL ({error})") from None
    except httpx.HTTPError as error:
        raise _fetch_error(url, _describe(error)) from None


def _media_type(response: httpx.Response) -> str | None:
    """ "text/html" from "text/html; charset=utf-8"; None when the server names none."""
    media_type = response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    return media_type or None


def _fetch_error(url: str, reason: str) -> InputError:
    return InputError(f"could not fetch {url}: {reason}")


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


def _read_capped(
    url: str, response: httpx.Response, max_bytes: int, deadline: float, timeout: float
) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(url, max_bytes)
        if time.monotonic() > deadline:
            raise _fetch_error(url, f"timed out after {timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)
