"""benchmarks.load against the launched app (LSTM only): concurrent clients, then the database audit."""
from benchmarks.load import audit, run_load, UserRun
from tests.app_server import launched


def test_concurrent_users_leave_every_movie_and_rating_exactly_once(make_service, prepared):
    service = make_service()
    with launched(service) as url:
        result = run_load(url, service.repo, list(prepared.catalog.movies), users=3, turns=10)
    assert result["problems"] == [] and result["errors"] == []
    assert result["stated"] == 3 * 6 and result["ratings"] == 3 * 2 and result["turns"] == 30
    assert len(result["latencies"]["all"]) == 30


def test_the_audit_notices_a_missing_rating(make_service):
    service = make_service()
    ghost = UserRun(token="never-seen-token-000000", stated=[1], ratings={99: 1}, recommendation_turns=1)
    problems = audit(service.repo, [ghost])
    assert len(problems) == 3  # no history row, no rating, no recommendation turn
