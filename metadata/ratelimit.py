"""A request-rate limiter that does not hold its lock while waiting or requesting.

Each caller reserves the next free start time under a short lock and then sleeps, outside
the lock, until its slot comes.  Several threads may therefore wait and request at once
while starts stay at least ``1 / rate`` seconds apart.  (musicbrainzngs's own limiter holds
its lock for the whole request, so a slow answer delays every other thread: see
``bench/bench_resolve.py`` for the comparison.)

Times are integer milliseconds from an injected monotonic clock; waiting goes through an
injected ``sleep``, so tests never sleep.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

Clock = Callable[[], int]
"""Returns monotonic time in milliseconds."""
Sleep = Callable[[int], None]
"""Waits for the given number of milliseconds."""


def monotonic_ms() -> int:
    """The monotonic clock in milliseconds."""
    return time.monotonic_ns() // 1_000_000


def sleep_ms(ms: int) -> None:
    """Sleep for ``ms`` milliseconds."""
    if ms > 0:
        time.sleep(ms / 1000)


class RateLimiter:
    """At most ``rate`` request starts per second; ``rate=0`` means no limit.

    :meth:`defer` pushes every later start back (a server's Retry-After or a back-off);
    it applies even without a limit.
    """

    def __init__(
        self, rate: float, *, clock: Clock = monotonic_ms, sleep: Sleep = sleep_ms
    ) -> None:
        if rate < 0:
            raise ValueError(f"rate limit must be 0 or more requests per second, got {rate}")
        self.rate = rate
        self.interval_ms = round(1000 / rate) if rate else 0
        """Minimum milliseconds between two starts."""
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_ms: int | None = None
        self.waited_ms = 0
        """Total milliseconds callers were asked to wait (for reports and tests)."""

    def acquire(self) -> int:
        """Wait for this caller's slot; return how many milliseconds it waited."""
        with self._lock:
            now = self._clock()
            start = now if self._next_ms is None else max(now, self._next_ms)
            if self.interval_ms:
                self._next_ms = start + self.interval_ms
            elif self._next_ms is not None and self._next_ms <= now:
                self._next_ms = None  # a past deferral no longer matters
            wait = start - now
            self.waited_ms += wait
        if wait > 0:
            self._sleep(wait)
        return wait

    def defer(self, delay_ms: int) -> None:
        """Let no request start within the next ``delay_ms`` milliseconds."""
        with self._lock:
            until = self._clock() + delay_ms
            if self._next_ms is None or self._next_ms < until:
                self._next_ms = until
