"""bot.ratelimit: token buckets per user and per client, on an injected clock (no sleeping, no timing)."""
import pytest

from bot.ratelimit import Rate, RateLimiter, RateLimits, client_address


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def limiter(clock, user=Rate(3, 1.0), client=Rate(5, 2.0), max_keys=100):
    return RateLimiter({"user": user, "client": client}, max_keys, clock)


def test_a_burst_passes_then_the_sustained_rate_holds():
    clock = Clock()
    gate = limiter(clock)
    assert [gate.allow(user="u1") for _ in range(4)] == [True, True, True, False]
    clock.now += 0.5
    assert not gate.allow(user="u1")  # half a token
    clock.now += 0.5
    assert gate.allow(user="u1") and not gate.allow(user="u1")
    clock.now += 100
    assert [gate.allow(user="u1") for _ in range(4)] == [True, True, True, False]  # never more than the burst


def test_users_are_limited_apart_and_a_client_across_its_users():
    clock = Clock()
    gate = limiter(clock)
    assert all(gate.allow(user="u1", client="10.0.0.1") for _ in range(3))
    assert not gate.allow(user="u1", client="10.0.0.1")
    assert gate.allow(user="u2", client="10.0.0.1") and gate.allow(user="u2", client="10.0.0.1")
    assert not gate.allow(user="u3", client="10.0.0.1")  # the address's 5 are spent, whoever sends
    assert gate.allow(user="u3", client="10.0.0.2")


def test_a_refused_message_takes_no_token_from_either_bucket():
    clock = Clock()
    gate = limiter(clock, user=Rate(1, 1.0), client=Rate(2, 1.0))
    assert gate.allow(user="a", client="c")
    assert not gate.allow(user="a", client="c")  # the user's bucket is empty: the client's keeps its token
    assert gate.allow(user="b", client="c")


def test_no_key_is_not_limited_by_that_kind():
    gate = limiter(Clock())
    assert all(gate.allow(user=None, client=None) for _ in range(50))
    assert [gate.allow(user=None, client="c") for _ in range(6)] == [True] * 5 + [False]


def test_memory_is_bounded_and_idle_buckets_are_dropped():
    clock = Clock()
    gate = limiter(clock, max_keys=10)
    for i in range(1000):
        gate.allow(user=f"u{i}")
        assert len(gate) <= 10
    clock.now += 10  # every bucket is full again: none is worth keeping
    gate.allow(user="last")
    assert len(gate) == 1


def test_a_dropped_bucket_forgets_nothing_that_limits():
    """Only full buckets are dropped (below max_keys): a user who spent theirs is still limited."""
    clock = Clock()
    gate = limiter(clock, max_keys=1000)
    for _ in range(3):
        gate.allow(user="spender")
    for i in range(500):
        gate.allow(user=f"other{i}")
    assert not gate.allow(user="spender")


def test_rates_must_make_sense():
    with pytest.raises(ValueError):
        Rate(0, 1.0)
    with pytest.raises(ValueError):
        Rate(3, 0.0)
    assert RateLimits().user.per_second <= 1.0 and RateLimits().enabled


def test_the_client_is_the_peer_unless_a_trusted_proxy_names_it():
    class Peer:
        host = "10.1.2.3"

    class Request:
        client = Peer()
        headers = {"x-forwarded-for": "6.6.6.6, 203.0.113.9"}

    assert client_address(Request()) == "10.1.2.3"  # a header anyone can send is not trusted by default
    assert client_address(Request(), trusted_proxies=1) == "203.0.113.9"  # the hop the proxy added
    assert client_address(Request(), trusted_proxies=2) == "6.6.6.6"
    assert client_address(Request(), trusted_proxies=5) == "6.6.6.6"
    assert client_address(None) is None
