"""The repository on a real SQLite file and, where one is running, a real PostgreSQL server: history, turns,
feedback, isolation, forgetting, races within one user; SQLite's WAL, foreign keys and a locked database.

PostgreSQL: set DUALREC_TEST_PG_URL (e.g. postgresql+psycopg://dualrec:dualrec@127.0.0.1/dualrec_test);
`.ci/run` installs and starts a server and sets it. Each test starts from empty tables."""
import os
import shutil
import sqlite3
import subprocess
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from db.models import Base
from db.repository import DatabaseBusyError, DatabaseError, NotFoundError, Repository, database_url, make_engine

PG_URL_ENV = "DUALREC_TEST_PG_URL"


@pytest.fixture(params=["sqlite", "postgresql"])
def repo(request, tmp_path):
    if request.param == "sqlite":
        yield Repository(make_engine(f"sqlite:///{tmp_path / 'chat.sqlite3'}"), retry_wait_s=0.01)
        return
    yield Repository(make_engine(clean_postgres()), retry_wait_s=0.01)


def clean_postgres() -> str:
    """The test server's URL with every table dropped (the migrations then build them again)."""
    url = os.environ.get(PG_URL_ENV)
    if not url:
        pytest.skip(f"no PostgreSQL server for the repository tests: set {PG_URL_ENV} (.ci/run starts one)")
    engine = make_engine(url, migrate=False)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    return url


@contextmanager
def locked_by_another_writer(path):
    """Another connection holds SQLite's write lock until the block ends."""
    blocker = sqlite3.connect(path, timeout=0.05)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        blocker.rollback()
        blocker.close()


def in_parallel(count: int, work) -> list:
    """`work(i)` in `count` threads released at once; their results (or exceptions) in order."""
    start, results = threading.Barrier(count), [None] * count

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - the test asserts there were none
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


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


def test_twelve_parallel_adds_get_unique_ordered_positions(repo):
    user = repo.user_id("racer")
    results = in_parallel(12, lambda i: repo.add_watched(user, [100 + i]))
    assert not [r for r in results if isinstance(r, Exception)]
    with repo.engine.connect() as connection:
        positions = connection.execute(text("SELECT position FROM watch_events WHERE user_id = :u ORDER BY position"),
                                       {"u": user}).scalars().all()
    assert positions == list(range(12)) and sorted(repo.history(user)) == [100 + i for i in range(12)]


def test_racing_adds_of_one_movie_and_first_ratings_never_raise(repo):
    user = repo.user_id("racer")
    added = in_parallel(8, lambda i: repo.add_watched(user, [7, 8]))
    assert not [r for r in added if isinstance(r, Exception)]
    assert sorted(m for r in added for m in r) == [7, 8] and repo.history(user) in ([7, 8], [8, 7])
    [shown] = repo.record_turn(user, [{"movie_id": 9, "source": "lstm", "score": 0.1}])
    rated = in_parallel(8, lambda i: repo.set_feedback(user, shown.recommended_id, 1 if i % 2 else -1))
    assert not [r for r in rated if isinstance(r, Exception)]
    assert len(repo.feedback_records()) == 1
    first_users = in_parallel(8, lambda i: repo.user_id("newcomer"))
    assert len(set(first_users)) == 1 and isinstance(first_users[0], int)


def test_reads_create_no_user(repo):
    assert repo.find_user("never-seen") is None
    assert repo.find_user("never-seen") is None
    with repo.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM users")).scalar() == 0
    assert repo.find_user("writer") is None and repo.user_id("writer") == repo.find_user("writer")


def test_feedback_times_are_utc_whatever_the_server_clock_zone(repo, monkeypatch):
    user = repo.user_id("rater")
    [shown] = repo.record_turn(user, [{"movie_id": 9, "source": "lstm", "score": 0.1}])
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # UTC+14: a local time would be off by hours
    time.tzset()
    try:
        repo.set_feedback(user, shown.recommended_id, 1)
        repo.set_feedback(user, shown.recommended_id, -1)  # the second click used to store local naive time
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    rated_at = datetime.fromisoformat(repo.feedback_records()[0]["rated_at"])
    assert rated_at.utcoffset() == timedelta(0)
    assert abs(rated_at - datetime.now(timezone.utc)) < timedelta(minutes=5)


def test_the_user_record_holds_every_stored_field_with_times(repo):
    user = repo.user_id("exporter")
    repo.add_watched(user, [1, 2], source="list")
    [shown] = repo.record_turn(user, [{"movie_id": 9, "source": "llm", "score": 0.5, "reason": "because"}],
                               request="what next?", prompt="You are ...", mode="grounded", model_version="SmolLM2",
                               note="n")
    repo.set_feedback(user, shown.recommended_id, 1, "great")
    record = repo.user_record(user)
    assert [(e["movie_id"], e["source"]) for e in record["history"]] == [(1, "list"), (2, "list")]
    [turn] = record["turns"]
    assert (turn["request"], turn["prompt"], turn["mode"], turn["model_version"], turn["note"]) == (
        "what next?", "You are ...", "grounded", "SmolLM2", "n")
    [movie] = turn["movies"]
    assert movie["reason"] == "because" and movie["feedback"]["value"] == 1 and movie["feedback"]["comment"] == "great"
    for stamp in [record["created_at"], turn["created_at"], record["history"][0]["stated_at"],
                  movie["feedback"]["rated_at"]]:
        assert datetime.fromisoformat(stamp).utcoffset() == timedelta(0)
    assert repo.user_record(12345) == {}


def test_forgetting_leaves_no_copy_in_the_sqlite_files(tmp_path):
    path = tmp_path / "chat.sqlite3"
    repo = Repository(make_engine(f"sqlite:///{path}"))
    secret = "token:forget-me-please-0123456789"
    user = repo.user_id(secret)
    repo.add_watched(user, [1, 2])
    repo.record_turn(user, [{"movie_id": 9, "source": "lstm", "score": 0.1}], request="my private request text")
    keeper = repo.user_id("token:someone-else-0123456789")
    repo.add_watched(keeper, [3])
    repo.forget_user(user)
    for name in (path, path.with_name(path.name + "-wal")):
        stored = name.read_bytes() if name.exists() else b""
        assert b"forget-me-please" not in stored and b"my private request text" not in stored
    assert repo.find_user(secret) is None and repo.history(keeper) == [3]


def test_a_locked_write_gives_up_at_the_deadline(tmp_path, monkeypatch):
    """Every try waits at most SQLite's busy timeout (1 s here); the retries stop at the repository's deadline.
    A virtual clock counts both, so nothing here depends on this machine's speed."""
    import db.repository as repository

    path = tmp_path / "chat.sqlite3"
    repo = Repository(make_engine(f"sqlite:///{path}", busy_timeout_s=0.01))
    with repo.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10
    assert make_engine(f"sqlite:///{path}").connect().exec_driver_sql("PRAGMA busy_timeout").scalar() == 1000
    clock = [0.0]
    monkeypatch.setattr(repository.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(repository.time, "sleep", lambda s: clock.__setitem__(0, clock[0] + s + 1.0))  # + a busy wait
    user = repo.user_id("browser-1")
    with locked_by_another_writer(path), pytest.raises(DatabaseBusyError, match="busy"):
        repo.add_watched(user, [2])
    assert 2.0 <= clock[0] <= repo.deadline_s + 1.0


def test_a_locked_database_gives_a_clear_error_and_keeps_what_was_saved(tmp_path):
    path = tmp_path / "chat.sqlite3"
    repo = Repository(make_engine(f"sqlite:///{path}", busy_timeout_s=0.05), deadline_s=0.3, retry_wait_s=0.01)
    user = repo.user_id("browser-1")
    repo.add_watched(user, [1])
    with locked_by_another_writer(path), pytest.raises(DatabaseBusyError, match="busy"):
        repo.add_watched(user, [2])
    assert repo.history(user) == [1]
    assert repo.add_watched(user, [2]) == [2]


def test_database_url_defaults_to_sqlite_under_home(tmp_path, monkeypatch):
    from bot.config import load_app_config

    monkeypatch.delenv("DUALREC_DB_URL", raising=False)
    assert database_url(tmp_path, load_app_config().database.url) == f"sqlite:///{tmp_path / 'dualrec.sqlite3'}"
    monkeypatch.setenv("DUALREC_DB_URL", "postgresql+psycopg://u@localhost/dualrec")
    assert database_url(tmp_path, load_app_config().database.url) == "postgresql+psycopg://u@localhost/dualrec"


def test_a_refused_write_that_is_no_race_is_said_at_once_and_not_blamed_on_the_user(repo):
    """Only a unique constraint filled by a concurrent request is a lost race worth retrying; a NOT NULL refusal
    (a NaN score reached SQLite as NULL this way) was retried for 3 s as "another request of yours"."""
    user = repo.user_id("browser-1")
    started = time.monotonic()
    with pytest.raises(DatabaseError) as refused:
        repo.record_turn(user, [{"movie_id": None, "source": "lstm", "score": 0.5}])
    assert not isinstance(refused.value, DatabaseBusyError) and time.monotonic() - started < repo.deadline_s / 2
    assert "refused the change as invalid" in str(refused.value) and "movie_id" in str(refused.value)
    assert "another request" not in str(refused.value) and repo.recommendations(user) == []


def immutable_flag_works(directory) -> bool:
    """Whether this user and file system can make a file refuse every write, root included (chattr +i needs
    CAP_LINUX_IMMUTABLE and ext4, xfs, btrfs...; not tmpfs or overlayfs)."""
    probe = directory / "probe"
    probe.write_text("x")
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(probe)], capture_output=True).returncode:
        return False
    try:
        with open(probe, "a"):
            return False
    except OSError:
        return True
    finally:
        subprocess.run(["chattr", "-i", str(probe)], check=True)


@contextmanager
def unwritable(*paths):
    """The files refuse every write, through descriptors already open too, as on a disk remounted read-only. Root
    ignores permission bits, so chmod would not do; the immutable flag does. (Not SQLite's -shm file: it is
    memory-mapped, and a mapped page that cannot be written kills the process with SIGBUS.)"""
    done = []
    try:
        for path in paths:
            subprocess.run(["chattr", "+i", str(path)], check=True)
            done.append(path)
        yield
    finally:
        for path in done:
            subprocess.run(["chattr", "-i", str(path)], check=True)


def test_writes_resume_without_a_restart_after_the_database_was_read_only(tmp_path):
    """Six users write at once while SQLite's file and its WAL are read-only for 2 s, then writable again. Every
    write that failed raised a DatabaseError that says so, writes resume within a second or so of the end of the
    fault, and nothing acknowledged is lost. Before, the pool kept the connections that had seen the fault, and
    writes failed with "attempt to write a readonly database" until a restart."""
    if not immutable_flag_works(tmp_path):
        pytest.skip("cannot make a file read-only for this user here (chattr +i)")
    path = tmp_path / "chat.sqlite3"
    repo = Repository(make_engine(f"sqlite:///{path}"), retry_wait_s=0.01)
    users = [repo.user_id(f"browser-{i}") for i in range(6)]
    acknowledged: dict[int, list[tuple[float, int]]] = {user: [] for user in users}
    failures: list[tuple[float, Exception]] = []
    stop = threading.Event()

    def write(user: int) -> None:
        movie = 0
        while not stop.is_set():
            movie += 1
            try:
                repo.add_watched(user, [movie])
                acknowledged[user].append((time.monotonic(), movie))
            except Exception as exc:  # noqa: BLE001 - the test asserts what they were
                failures.append((time.monotonic(), exc))
            time.sleep(0.005)

    threads = [threading.Thread(target=write, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    try:
        time.sleep(0.5)
        with unwritable(path, path.with_name(path.name + "-wal")):
            time.sleep(2.0)
        writable_at = time.monotonic()
        time.sleep(3.0)
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
    assert any(when < writable_at for when, _ in failures), "the fault was felt"
    assert all(isinstance(exc, DatabaseError) and "unavailable" in str(exc) for _, exc in failures), failures[:3]
    late = [(round(when - writable_at, 2), str(exc)) for when, exc in failures if when > writable_at + 1.0]
    assert not late, late[:5]
    for user in users:
        assert any(when > writable_at + 1.0 for when, _ in acknowledged[user])  # every user writes again
        stored = repo.history(user)
        assert set(movie for _, movie in acknowledged[user]) <= set(stored) and len(stored) == len(set(stored))
