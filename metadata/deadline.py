"""HTTP reading with a deadline for the whole exchange and a cap on the answer's size.

A socket timeout bounds each wait for a packet, not the request: a server that trickles its
headers or body one byte at a time keeps every wait short and the request going for ever.
Here a request gets a :class:`Budget` (a deadline on an injected monotonic clock, in ms,
and a byte cap) and every connection it opens (redirects included) checks it before each
``recv``: the socket timeout is set to the time left, and past the deadline the read fails
with :class:`TimeoutError` at once.  :func:`read_answer` reads the body in slices and stops
at the cap, so a 50 MB answer never reaches memory.

The budget travels in a thread-local (:func:`budget`), because the requests are built by
musicbrainzngs, which knows nothing about it; :func:`opener` builds the ``urllib`` opener
whose connections honour it.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import socket
import threading
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

Clock = Callable[[], int]
"""Monotonic time in milliseconds."""

_SLICE = 64 * 1024


class TooLarge(OSError):
    """The answer is longer than the budget's byte cap."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"an answer larger than {limit // (1024 * 1024)} MiB")
        self.limit = limit


class Budget:
    """What one request may take: until ``deadline_ms`` on ``clock``, at most ``max_bytes``."""

    def __init__(self, deadline_ms: int, clock: Clock, max_bytes: int) -> None:
        self.deadline_ms = deadline_ms
        self.clock = clock
        self.max_bytes = max_bytes

    def left_s(self) -> float:
        """Seconds left; :class:`TimeoutError` when the deadline has passed."""
        left = self.deadline_ms - self.clock()
        if left <= 0:
            raise TimeoutError("timed out")
        return left / 1000


_LOCAL = threading.local()


@contextlib.contextmanager
def budget(value: Budget) -> Iterator[None]:
    """Let the connections opened by this thread inside the block honour ``value``."""
    previous = getattr(_LOCAL, "budget", None)
    _LOCAL.budget = value
    try:
        yield
    finally:
        _LOCAL.budget = previous


def current() -> Budget:
    """The budget of this thread's request."""
    found = getattr(_LOCAL, "budget", None)
    if found is None:  # pragma: no cover - only reachable by a caller outside budget()
        raise RuntimeError("an HTTP request without a budget")
    assert isinstance(found, Budget)
    return found


class _Raw(io.RawIOBase):
    """A socket's reading side that checks the deadline before every ``recv``."""

    def __init__(self, sock: socket.socket, limit: Budget) -> None:
        super().__init__()
        self._sock = sock
        self._inner = sock.makefile("rb", buffering=0)  # counts as a reference to the socket
        self._budget = limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        self._sock.settimeout(self._budget.left_s())
        return self._inner.readinto(buffer)

    def close(self) -> None:
        self._inner.close()
        super().close()


class _Bounded:
    """A connected socket whose reading side honours a budget; the rest is the socket's."""

    def __init__(self, sock: socket.socket, limit: Budget) -> None:
        self._sock = sock
        self._budget = limit

    def makefile(self, mode: str = "r", *args: Any, **kwargs: Any) -> io.BufferedReader:
        if mode != "rb":  # pragma: no cover - http.client only reads bytes
            raise ValueError(f"unsupported mode {mode!r}")
        return io.BufferedReader(_Raw(self._sock, self._budget))

    def sendall(self, data: bytes) -> None:
        self._sock.settimeout(self._budget.left_s())
        self._sock.sendall(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class _HTTP(http.client.HTTPConnection):
    def connect(self) -> None:
        limit = current()
        self.timeout = limit.left_s()  # the connect waits no longer than the budget
        super().connect()
        self.sock = _Bounded(self.sock, limit)


class _HTTPS(http.client.HTTPSConnection):
    def connect(self) -> None:
        limit = current()
        self.timeout = limit.left_s()  # the connect and TLS handshake wait no longer
        super().connect()
        self.sock = _Bounded(self.sock, limit)


class _HTTPHandler(urllib.request.HTTPHandler):
    def do_open(self, http_class: Any, req: Any, **kwargs: Any) -> Any:
        return super().do_open(_HTTP, req, **kwargs)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def do_open(self, http_class: Any, req: Any, **kwargs: Any) -> Any:
        return super().do_open(_HTTPS, req, **kwargs)


def opener() -> urllib.request.OpenerDirector:
    """A ``urllib`` opener whose connections honour the thread's :func:`budget`."""
    return urllib.request.build_opener(_HTTPHandler(), _HTTPSHandler())


def read_answer(response: Any, limit: Budget) -> bytes:
    """The body of ``response``, read in slices; :class:`TooLarge` past the cap.

    A declared ``Content-Length`` over the cap is refused before anything is read.
    """
    declared = response.headers.get("Content-Length") if response.headers is not None else None
    if declared is not None and declared.strip().isdigit() and int(declared) > limit.max_bytes:
        raise TooLarge(limit.max_bytes)
    parts: list[bytes] = []
    size = 0
    while True:
        part = response.read(_SLICE)
        if not part:
            return b"".join(parts)
        size += len(part)
        if size > limit.max_bytes:
            raise TooLarge(limit.max_bytes)
        parts.append(part)
