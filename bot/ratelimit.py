"""How often a user and a client may send: token buckets per key (pure: the clock is passed in).

One client could send 30 messages a second, each up to a bounded but real cost (bot.budget), and slow every
other user down. Each message takes a token from its user's bucket and from its client's (the address it comes
from); a bucket holds `burst` tokens and refills at `per_second`. A message that finds either empty takes none
and is answered with a sentence (bot.render.SLOW_DOWN), before the database or a model is touched.

Memory is bounded: a bucket idle long enough to be full again is the same as no bucket, so it is dropped; past
`max_keys` the least recently used go first.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rate:
    burst: float  # sent at once
    per_second: float  # sustained

    def __post_init__(self):
        if not (self.burst >= 1 and self.per_second > 0):
            raise ValueError("a rate needs a burst of at least 1 and a positive rate")


@dataclass(frozen=True)
class RateLimits:
    """Messages (/chat and the page) per user and per client address; reads and ratings (/rate, /history) get
    looser ones. A client address is shared by everyone behind one proxy or NAT, hence its larger bucket."""
    enabled: bool = True  # off only where many simulated users share one address (benchmarks/load.py)
    user: Rate = field(default_factory=lambda: Rate(burst=5, per_second=1.0))
    client: Rate = field(default_factory=lambda: Rate(burst=30, per_second=10.0))
    reads_user: Rate = field(default_factory=lambda: Rate(burst=20, per_second=5.0))
    reads_client: Rate = field(default_factory=lambda: Rate(burst=60, per_second=20.0))
    max_keys: int = 10_000  # buckets held per limiter, at most
    # proxies in front that each append the address they saw to X-Forwarded-For (a Hugging Face Space's: the
    # socket's peer is then the proxy, for everyone). 0: the peer is the client; a header anyone can send is
    # read only this many hops from its end, so a client cannot name itself
    trusted_proxies: int = 0


class RateLimiter:
    """Token buckets for several kinds of key ("user", "client"), taken from together or not at all."""

    def __init__(self, rates: dict[str, Rate], max_keys: int = 10_000, clock: Callable[[], float] = time.monotonic):
        self.rates, self.max_keys, self.clock = rates, max_keys, clock
        self._buckets: OrderedDict[tuple[str, str], tuple[float, float]] = OrderedDict()  # -> (tokens, when)
        self._lock = threading.Lock()

    def _tokens(self, kind: str, key: str, now: float) -> float:
        rate = self.rates[kind]
        tokens, when = self._buckets.get((kind, key), (rate.burst, now))
        return min(rate.burst, tokens + max(0.0, now - when) * rate.per_second)

    def allow(self, **keys: str | None) -> bool:
        """Take a token from each named key's bucket (None: not limited by that kind), if all have one."""
        named = {kind: key for kind, key in keys.items() if key is not None}
        with self._lock:
            now = self.clock()
            tokens = {kind: self._tokens(kind, key, now) for kind, key in named.items()}
            allowed = all(t >= 1 for t in tokens.values())
            for kind, key in named.items():
                self._buckets[(kind, key)] = (tokens[kind] - 1 if allowed else tokens[kind], now)
                self._buckets.move_to_end((kind, key))
            self._evict(now)
            return allowed

    def _evict(self, now: float) -> None:
        while self._buckets:
            (kind, key), (tokens, when) = next(iter(self._buckets.items()))
            rate = self.rates[kind]
            full_again = tokens + (now - when) * rate.per_second >= rate.burst
            if not (full_again or len(self._buckets) > self.max_keys):
                return
            del self._buckets[(kind, key)]

    def __len__(self) -> int:
        return len(self._buckets)


def client_address(request: object, trusted_proxies: int = 0) -> str | None:
    """Who sent a Gradio request: its peer address, or behind `trusted_proxies` proxies the X-Forwarded-For
    address the outermost of them saw."""
    if request is None:
        return None
    if trusted_proxies > 0:
        headers = getattr(request, "headers", None) or {}
        forwarded = headers.get("x-forwarded-for", "") if hasattr(headers, "get") else ""
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[max(0, len(hops) - trusted_proxies)]
    client = getattr(request, "client", None)
    return getattr(client, "host", None) or None


__all__ = ["Rate", "RateLimiter", "RateLimits", "client_address"]
