"""The pause after repeated failures, for anything guessed at a dialog: the login password
and the signing key's passphrase. One implementation; each use says the pause in its own
words. Kept free of the database layer: the login dialog uses it while that layer loads.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from workstation.errors import IllegalActionError

T = TypeVar("T")


def whole_seconds(seconds: float) -> int:
    """A pause in whole seconds for a message: rounded up, never 0."""
    return max(1, math.ceil(seconds))


class Delayed(IllegalActionError):
    """An attempt made before the pause after repeated failures is over; `seconds` is what
    is left of it. The secret is not checked, so the refusal tells nothing about it."""

    def __init__(self, seconds: float, message: str) -> None:
        self.seconds = seconds
        super().__init__(message)


class Throttle:
    """The pause after repeated failures: nothing for the first few, then doubling (1 s,
    2 s, 4 s … up to `cap`) from the moment of the last failure, which makes guessing at a
    dialog slow without locking anyone out of an offline PC.

    An attempt during the pause is refused (Delayed, in the words `wait` gives) before the
    secret is looked at. `remaining()` is what a dialog counts down.
    """

    def __init__(
        self,
        free: int = 3,
        base: float = 1.0,
        cap: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        *,
        wait: Callable[[float], str],
    ) -> None:
        self.free, self.base, self.cap = free, base, cap
        self.failures = 0
        self.wait = wait  # the pause in words, from the seconds left
        self._clock = clock
        self._open_at = 0.0  # on `clock`: when the next attempt may be checked
        self._lock = threading.Lock()  # the check runs on a worker, the dialog reads remaining()

    def delay(self) -> float:
        """The pause the failures so far earn (from the last of them)."""
        over = self.failures - self.free
        return 0.0 if over < 0 else min(self.cap, self.base * 2**over)

    def remaining(self) -> float:
        """Seconds until the next attempt is checked; 0 when it may be made now."""
        with self._lock:
            return max(0.0, self._open_at - self._clock())

    def failed(self) -> None:
        """Count one more refused attempt; the pause starts now."""
        with self._lock:
            self.failures += 1
            self._open_at = self._clock() + self.delay()

    def succeeded(self) -> None:
        """Start again from nothing."""
        with self._lock:
            self.failures = 0
            self._open_at = 0.0

    def refuse_if_paused(self) -> None:
        """Delayed while the pause is on; nothing otherwise."""
        left = self.remaining()
        if left > 0:
            raise Delayed(left, self.wait(left))

    def check(
        self,
        attempt: Callable[[], T],
        counts: type[Exception] | tuple[type[Exception], ...] = IllegalActionError,
    ) -> T:
        """Run `attempt` unless the pause is on (Delayed then, without running it). A refusal
        of the kind `counts` names is a failure; a success clears them; any other error
        leaves the count as it was."""
        self.refuse_if_paused()
        try:
            result = attempt()
        except counts:
            self.failed()
            raise
        self.succeeded()
        return result


class Throttles:
    """One Throttle per name (per signer), all with the same settings, made when first
    asked for."""

    def __init__(
        self,
        free: int = 3,
        base: float = 1.0,
        cap: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        *,
        wait: Callable[[float], str],
    ) -> None:
        self._make = lambda: Throttle(free, base, cap, clock, wait=wait)
        self._each: dict[str, Throttle] = {}
        self._lock = threading.Lock()

    def __getitem__(self, name: str) -> Throttle:
        with self._lock:
            throttle = self._each.get(name)
            if throttle is None:
                throttle = self._each[name] = self._make()
            return throttle
