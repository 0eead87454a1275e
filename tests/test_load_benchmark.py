"""benchmarks.load against the launched app (LSTM only): concurrent clients, pasted lists, removals and racing
requests of one user, then the database audit with its own SQL."""
from benchmarks.load import CYCLE, PASTED, RACERS, UserRun, audit, history_matches, run_load
from bot.config import UIConfig
from bot.ratelimit import RateLimits
from tests.app_server import TEST_IDENTITY, launched


def test_concurrent_users_and_racing_requests_leave_every_row_exactly_once(make_service, prepared):
    service = make_service()
    # the simulated users all send from 127.0.0.1: the per-address rate limit is off, as benchmarks/load.py does
    with launched(service, UIConfig(rate_limits=RateLimits(enabled=False))) as url:
        result = run_load(url, service.repo, list(prepared.catalog.movies), users=2, turns=len(CYCLE),
                          identity=TEST_IDENTITY)
    assert result["problems"] == [] and result["errors"] == []
    # per user: 3 single adds, a pasted list, a race; one removal
    assert result["stated"] == 2 * (3 + PASTED + RACERS - 1) and result["ratings"] == 2
    assert len(result["latencies"]["all"]) == 2 * len(CYCLE)


def test_the_audit_notices_missing_rows_and_a_wrong_order(make_service):
    service = make_service()
    ghost = UserRun(token="never-seen-token-000000", stated=[{1}], ratings={99: 1}, recommendation_turns=1)
    assert len(audit(service.repo, [ghost], TEST_IDENTITY)) == 3  # no history row, no rating, no recommendation turn
    user = service.repo.user_id(TEST_IDENTITY.user_key("ordered-token-0000000"))
    service.repo.add_watched(user, [2, 1, 3])
    swapped = UserRun(token="ordered-token-0000000", stated=[{1}, {2}, {3}])
    assert any("in order" in p for p in audit(service.repo, [swapped], TEST_IDENTITY))
    assert audit(service.repo, [UserRun(token="ordered-token-0000000", stated=[{1, 2}, {3}])], TEST_IDENTITY) == []
    assert any("nobody made" in p for p in audit(service.repo, [], TEST_IDENTITY))


def test_history_matching_allows_any_order_inside_a_race_only():
    assert history_matches([5, 4, 6], [{4, 5}, {6}]) and not history_matches([6, 4, 5], [{4, 5}, {6}])
    assert not history_matches([4, 5], [{4, 5}, {6}]) and history_matches([], [])
