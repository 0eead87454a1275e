"""The repository on a real SQLite file and, where one is running, a real PostgreSQL server: history, turns,
feedback, isolation, forgetting; SQLite's WAL, foreign keys and a locked database.

PostgreSQL: set DUALREC_TEST_PG_URL (e.g. postgresql+psycopg://dualrec:dualrec@127.0.0.1/dualrec_test);
`.ci/run` installs and starts a server and sets it. Each test starts from empty tables."""
import os
import sqlite3

import pytest

from db.models import Base
from db.repository import DatabaseBusyError, NotFoundError, Repository, database_url, make_engine

PG_URL_ENV = "DUALREC_TEST_PG_URL"


@pytest.fixture(params=["sqlite", "postgresql"])
def repo(request, tmp_path):
    if request.param == "sqlite":
        yield Repository(make_engine(f"sqlite:///{tmp_path / 'chat.sqlite3'}"), retries=1, retry_wait_s=0.01)
        return
    url = os.environ.get(PG_URL_ENV)
    if not url:
        pytest.skip(f"no PostgreSQL server for the repository tests: set {PG_URL_ENV} (.ci/run starts one)")
    engine = make_engine(url)
    Base.metadata.drop_all(engine)  # a clean database for every test
    Base.metadata.create_all(engine)
    yield Repository(engine, retries=1, retry_wait_s=0.01)
    engine.dispose()


def test_sqlite_runs_with_wal_and_foreign_keys(repo):
    if repo.engine.dialect.name != "sqlite":
        pytest.skip("SQLite settings")
    with repo.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_history_keeps_order_and_each_movie_once(repo):
    user = repo.user_id("browser-1")
    assert repo.user_id("browser-1") == user
    assert repo.add_watched(user, [10, 20, 10]) == [10, 20]
    assert repo.add_watched(user, [20, 30]) == [30]
    assert repo.history(user) == [10, 20, 30]
    assert repo.remove_watched(user, 20) and not repo.remove_watched(user, 20)
    assert repo.add_watched(user, [40]) == [40]
    assert repo.history(user) == [10, 30, 40]
    assert repo.clear_history(user) == 3 and repo.history(user) == []


def test_turns_and_feedback_round_trip(repo):
    user = repo.user_id("browser-1")
    stored = repo.record_turn(user, [{"movie_id": 1, "source": "lstm", "score": 0.2, "reason": "r1"},
                                     {"movie_id": 2, "source": "llm", "score": 0.7, "reason": "r2"}],
                              request="what next?", prompt="p", model_version="SmolLM2", adapter_version="a1")
    assert [s.rank for s in stored] == [1, 2]
    repo.set_feedback(user, stored[1].recommended_id, 1)
    repo.set_feedback(user, stored[1].recommended_id, -1, "seen it")  # a second click replaces the first
    [(turn_id, movies)] = repo.recommendations(user)
    assert [m.feedback for m in movies] == [None, -1]
    [record] = repo.feedback_records()
    assert record["value"] == -1 and record["comment"] == "seen it" and record["adapter_version"] == "a1"
    with pytest.raises(ValueError):
        repo.set_feedback(user, stored[0].recommended_id, 0)


def test_users_are_isolated(repo):
    alice, bob = repo.user_id("alice"), repo.user_id("bob")
    repo.add_watched(alice, [1, 2])
    repo.add_watched(bob, [3])
    stored = repo.record_turn(alice, [{"movie_id": 5, "source": "lstm", "score": 0.1}])
    with pytest.raises(NotFoundError):
        repo.set_feedback(bob, stored[0].recommended_id, 1)  # bob cannot rate alice's recommendation
    assert not repo.remove_watched(bob, 1)  # nor remove her movies
    assert repo.history(alice) == [1, 2] and repo.history(bob) == [3]
    repo.forget_user(alice)
    assert repo.history(alice) == [] and repo.recommendations(alice) == [] and repo.history(bob) == [3]


def test_a_locked_database_gives_a_clear_error_and_keeps_what_was_saved(tmp_path):
    path = tmp_path / "chat.sqlite3"
    repo = Repository(make_engine(f"sqlite:///{path}", busy_timeout_s=0.05), retries=1, retry_wait_s=0.01)
    user = repo.user_id("browser-1")
    repo.add_watched(user, [1])
    blocker = sqlite3.connect(path, timeout=0.05)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseBusyError, match="busy"):
            repo.add_watched(user, [2])
    finally:
        blocker.rollback()
        blocker.close()
    assert repo.history(user) == [1]
    assert repo.add_watched(user, [2]) == [2]


def test_database_url_defaults_to_sqlite_under_home(tmp_path, monkeypatch):
    monkeypatch.delenv("DUALREC_DB_URL", raising=False)
    assert database_url(tmp_path) == f"sqlite:///{tmp_path / 'dualrec.sqlite3'}"
    monkeypatch.setenv("DUALREC_DB_URL", "postgresql+psycopg://u@localhost/dualrec")
    assert database_url(tmp_path) == "postgresql+psycopg://u@localhost/dualrec"
