"""The rate limiter with an injected clock: no test sleeps."""

from __future__ import annotations

import threading

import pytest

from metadata.ratelimit import RateLimiter


class FakeTime:
    def __init__(self) -> None:
        self.now = 0
        self.sleeps: list[int] = []

    def clock(self) -> int:
        return self.now

    def sleep(self, ms: int) -> None:
        self.sleeps.append(ms)
        self.now += ms


def test_one_per_second() -> None:
    t = FakeTime()
    limiter = RateLimiter(1, clock=t.clock, sleep=t.sleep)
    assert [limiter.acquire() for _ in range(4)] == [0, 1000, 1000, 1000]
    assert t.now == 3000


def test_time_spent_elsewhere_counts() -> None:
    t = FakeTime()
    limiter = RateLimiter(1, clock=t.clock, sleep=t.sleep)
    limiter.acquire()
    t.now += 700  # the request itself took 700 ms
    assert limiter.acquire() == 300
    t.now += 5000
    assert limiter.acquire() == 0


def test_fractional_and_fast_rates() -> None:
    t = FakeTime()
    assert RateLimiter(0.5, clock=t.clock, sleep=t.sleep).interval_ms == 2000
    fast = RateLimiter(50, clock=t.clock, sleep=t.sleep)
    assert [fast.acquire() for _ in range(3)] == [0, 20, 20]


def test_no_limit_never_waits_but_defers() -> None:
    t = FakeTime()
    limiter = RateLimiter(0, clock=t.clock, sleep=t.sleep)
    assert [limiter.acquire() for _ in range(5)] == [0] * 5
    limiter.defer(7000)  # a Retry-After applies even without a limit
    assert limiter.acquire() == 7000
    assert limiter.acquire() == 0


def test_defer_pushes_the_next_slot() -> None:
    t = FakeTime()
    limiter = RateLimiter(1, clock=t.clock, sleep=t.sleep)
    limiter.acquire()
    limiter.defer(5000)
    assert limiter.acquire() == 5000
    assert limiter.acquire() == 1000


def test_the_lock_is_not_held_while_waiting() -> None:
    """A second caller reserves its slot while the first is still waiting for its own."""
    now = [0]
    first_waiting = threading.Event()
    release = threading.Event()
    waits: list[int] = []

    def sleep(ms: int) -> None:
        waits.append(ms)
        if len(waits) == 1:
            first_waiting.set()
            assert release.wait(5)

    limiter = RateLimiter(1, clock=lambda: now[0], sleep=sleep)
    limiter.acquire()  # slot 0
    first = threading.Thread(target=limiter.acquire)  # slot 1000: waits in sleep()
    first.start()
    assert first_waiting.wait(5)
    second = threading.Thread(target=limiter.acquire)  # must get slot 2000 meanwhile
    second.start()
    second.join(5)
    assert not second.is_alive()
    assert waits == [1000, 2000]
    release.set()
    first.join(5)


def test_negative_rate_is_refused() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        RateLimiter(-1)
