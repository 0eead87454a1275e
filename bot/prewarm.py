"""Background prefill of the prompt a user is likely to send next.

After a user changes their history, the next message is usually "what should I watch next?". While they type
it, one daemon thread prefills that request's LLM prompt (`DualRecChain.prewarm`), so its first token comes
after one decoding step instead of a ~0.7 s CPU prefill. Only the latest request is kept: a newer one replaces
one still waiting. It starts after a short quiet spell, which a person typing always leaves and a script
sending turns back to back does not. The LLM itself refuses a prefill while it is busy, and abandons one when
a request for another prompt starts waiting for it.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


class LatestOnlyWorker(Generic[T]):
    """Runs `job(item)` on one daemon thread for the most recently submitted item only, once `delay_s` has
    passed with no newer item."""

    def __init__(self, job: Callable[[T], object], delay_s: float = 0.0, name: str = "prewarm"):
        self._job = job
        self._delay_s = delay_s
        self._name = name
        self._condition = threading.Condition()
        self._pending: T | None = None
        self._submitted = 0  # counts submits, so the same item submitted again restarts the quiet spell too
        self._busy = False
        self._thread: threading.Thread | None = None

    def submit(self, item: T) -> None:
        with self._condition:
            self._pending = item  # replaces an older item that has not started
            self._submitted += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            self._condition.notify()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """True once nothing is pending or running (for tests and benchmarks)."""
        with self._condition:
            return self._condition.wait_for(lambda: self._pending is None and not self._busy, timeout)

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._pending is not None)
                while True:  # the quiet spell: a newer submit starts it again
                    seen = self._submitted
                    if not self._condition.wait_for(lambda: self._submitted != seen, timeout=self._delay_s):
                        break
                item, self._pending, self._busy = self._pending, None, True
            try:
                self._job(item)
            except Exception:  # noqa: BLE001 - a failed prefill only costs the speed-up; the request still works
                log.warning("%s failed", self._name, exc_info=True)
            finally:
                with self._condition:
                    self._busy = False
                    self._condition.notify_all()
