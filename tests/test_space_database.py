"""A database that survives a Space: PostgreSQL with the settings managed services need (a bounded, recycled,
pinged pool; sslmode=require to a remote host unless the URL says; no password in any error or log line), and
SQLite refused on a network or FUSE mount unless the operator insists.

PostgreSQL: the real server of tests/test_repository.py (DUALREC_TEST_PG_URL, started by .ci/run); those tests skip
without one. Mount tables: no network or FUSE file system can be mounted on the test machine, so the detector and
the start's refusal are fed made-up /proc/self/mountinfo text; one test reads this machine's real table."""
import logging
import os
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import make_url

from bot.config import AppConfig
from bot.startup import Startup, sqlite_disk_warning
from db.config import DatabaseConfig
from db.mounts import filesystem_of, parse_mountinfo, read_mountinfo
from db.repository import DatabaseBusyError, DatabaseError, Repository, make_engine, sqlite_network_mount
from recommender.config import DataConfig

PG_URL_ENV = "DUALREC_TEST_PG_URL"
PASSWORD = "s3cret-Pa55word"

# A container's table: the root on overlay, /data on NFS, a FUSE bucket inside it, a local disk inside that, a
# mount point with a space, and /srv mounted twice (the later one, 9p, on top). Optional fields vary per line.
MOUNTINFO = """\
22 1 0:21 / / rw,relatime master:1 - overlay overlay rw,lowerdir=/l,upperdir=/u,workdir=/w
23 22 0:22 / /proc rw,nosuid - proc proc rw
30 22 0:40 / /data rw,relatime shared:5 master:2 - nfs4 10.0.0.5:/export rw,vers=4.2
31 30 0:41 / /data/bucket rw,nosuid,nodev - fuse.s3fs s3fs rw,user_id=0
32 31 8:1 / /data/bucket/local rw - ext4 /dev/sdb1 rw
33 22 0:42 / /data2 rw - ext4 /dev/sdc1 rw
34 22 0:43 / /mnt/my\\040share rw - cifs //nas/share rw
35 22 0:44 / /srv rw - ext4 /dev/sdd1 rw
36 22 0:45 / /srv rw - 9p drvfs rw
37 22 0:46 / /vm rw - virtiofs myfs rw
38 22 0:47 / /ntfs rw - fuseblk /dev/sde1 rw
"""


def fstype(path: str) -> str:
    return filesystem_of(path, MOUNTINFO).fstype


def test_the_longest_mount_point_that_holds_the_path_wins():
    assert fstype("/home/user/dualrec.sqlite3") == "overlay"
    assert fstype("/data") == "nfs4" and fstype("/data/dualrec/dualrec.sqlite3") == "nfs4"
    assert fstype("/data/bucket/x.db") == "fuse.s3fs"
    assert fstype("/data/bucket/local/x.db") == "ext4"  # a local disk mounted inside the bucket
    assert fstype("/data2/x.db") == "ext4"  # /data is not a parent of /data2
    assert fstype("/mnt/my share/x.db") == "cifs"  # mountinfo writes the space as \040
    assert fstype("/srv/x.db") == "9p"  # the later of two mounts on one point is the one on top


def test_network_and_fuse_file_systems_are_told_from_local_ones():
    kinds = {m.point: m.is_network for m in parse_mountinfo(MOUNTINFO)}
    assert [p for p, network in kinds.items() if network] == ["/data", "/data/bucket", "/mnt/my share", "/srv",
                                                              "/ntfs"]
    assert not kinds["/vm"]  # virtiofs: one host's folder in one VM, whose kernel holds the locks
    assert filesystem_of("/x", "") is None and parse_mountinfo("not a mount table\n") == []


def test_a_sqlite_url_is_checked_where_its_file_lives():
    found = sqlite_network_mount("sqlite:////data/dualrec/dualrec.sqlite3", MOUNTINFO)
    assert found is not None and found[0] == Path("/data/dualrec/dualrec.sqlite3") and found[1].fstype == "nfs4"
    assert sqlite_network_mount("sqlite:////data2/dualrec.sqlite3", MOUNTINFO) is None
    assert sqlite_network_mount("sqlite://", MOUNTINFO) is None  # in memory
    assert sqlite_network_mount("postgresql+psycopg://u@db.example.com/chat", MOUNTINFO) is None


def home_config(home: Path, **settings) -> AppConfig:
    return AppConfig(data=DataConfig(home=home, data_dir=home / "no-such-movielens"), **settings)


def table_with(point: Path, fs: str) -> str:
    """MOUNTINFO with `point` mounted as `fs`."""
    return MOUNTINFO + f"40 22 0:50 / {point} rw - {fs} remote:/bucket rw\n"


def test_the_start_refuses_sqlite_on_a_fuse_mount_and_says_what_to_do(tmp_path, monkeypatch):
    """Through the real start (Startup.run -> build_service) with a made-up mount table that puts DUALREC_HOME on a
    FUSE bucket: it stops with the reason before any other step (nothing is downloaded, prepared or trained)."""
    home = tmp_path / "home"
    monkeypatch.setattr("bot.startup.read_mountinfo", lambda: table_with(tmp_path, "fuse.gcsfuse"))
    startup = Startup(home_config(home))
    startup.run()
    error = startup.state().error
    assert "SQLite" in error and "fuse.gcsfuse" in error and str(tmp_path) in error
    assert "DUALREC_DB_URL" in error and "DUALREC_SQLITE_ON_NETWORK=1" in error
    assert startup.service is None and not (home / "prepared").exists()


def test_the_operator_may_insist_and_the_page_then_warns(tmp_path):
    cfg = home_config(tmp_path / "home", sqlite_on_network=True)
    warning = sqlite_disk_warning(cfg, table_with(tmp_path, "nfs"))
    assert "nfs" in warning and "DUALREC_SQLITE_ON_NETWORK" in warning and "PostgreSQL" in warning
    with pytest.raises(DatabaseError, match="DUALREC_SQLITE_ON_NETWORK=1"):
        sqlite_disk_warning(replace(cfg, sqlite_on_network=False), table_with(tmp_path, "nfs"))


def test_sqlite_on_this_machines_disk_and_any_postgresql_url_pass(tmp_path):
    cfg = home_config(tmp_path / "home")
    assert sqlite_disk_warning(cfg, read_mountinfo()) == ""  # the real table: the test's folder is a local disk
    remote = replace(cfg, database=DatabaseConfig(url="postgresql+psycopg://u@db.example.com/chat"))
    assert sqlite_disk_warning(remote, table_with(tmp_path, "fuse.s3fs")) == ""


# -- PostgreSQL as a managed service needs it ------------------------------------------------------------------------
def test_a_remote_host_gets_sslmode_require_unless_the_url_says_otherwise():
    """Built, never connected: db.example.com does not exist."""
    remote = make_engine("postgres://u:pw@db.example.com:5432/chat", migrate=False)
    assert remote.dialect.driver == "psycopg"  # postgres:// and postgresql:// as services hand them out
    assert remote.url.query["sslmode"] == "require"
    assert remote.dialect.create_connect_args(remote.url)[1]["sslmode"] == "require"  # what libpq is given
    assert make_engine("postgresql://u@db.example.com/chat?sslmode=verify-full",
                       migrate=False).url.query["sslmode"] == "verify-full"
    assert make_engine("postgresql://u@10.1.2.3/chat?sslmode=disable", migrate=False).url.query["sslmode"] == "disable"
    for local in ("postgresql://u@localhost/chat", "postgresql://u@127.0.0.1:5432/chat", "postgresql://u@[::1]/chat",
                  "postgresql://u@/chat?host=/var/run/postgresql"):
        assert "sslmode" not in make_engine(local, migrate=False).url.query, local
    assert make_engine("postgresql://u@/chat?host=db.example.com:5432",
                       migrate=False).url.query["sslmode"] == "require"


def test_the_pool_is_bounded_recycled_and_pinged():
    engine = make_engine("postgresql://u@db.example.com/chat", migrate=False,
                         settings=DatabaseConfig(pool_size=3, max_overflow=2, pool_recycle_s=120))
    assert (engine.pool.size(), engine.pool._max_overflow, engine.pool._recycle, engine.pool._pre_ping) == (
        3, 2, 120, True)
    default = make_engine("postgresql://u@db.example.com/chat", migrate=False)
    assert (default.pool.size(), default.pool._max_overflow, default.pool._recycle) == (10, 5, 300)


def pg_url(**query) -> str:
    """The test server's URL with a password (its trust authentication takes any) on a database of these tests'
    own, so the repository tests that empty theirs meanwhile do not disturb them."""
    url = os.environ.get(PG_URL_ENV)
    if not url:
        pytest.skip(f"no PostgreSQL server: set {PG_URL_ENV} (.ci/run starts one)")
    server = make_engine(url, migrate=False).execution_options(isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        if not connection.execute(text("SELECT 1 FROM pg_database WHERE datname = 'dualrec_space_test'")).scalar():
            connection.execute(text("CREATE DATABASE dualrec_space_test"))
    server.dispose()
    parsed = make_url(url).set(database="dualrec_space_test", password=PASSWORD)
    return parsed.update_query_dict(query).render_as_string(hide_password=False)


@pytest.mark.parametrize("sslmode", ["disable", "prefer"])
def test_the_recipe_works_against_a_real_server(sslmode):
    """The test server listens on loopback without TLS: sslmode=disable and prefer (which falls back) connect, the
    schema migrates, the pool settings and the connect arguments reach the connections."""
    settings = DatabaseConfig(pool_size=2, max_overflow=1, pool_recycle_s=60)
    engine = make_engine(pg_url(sslmode=sslmode), settings=settings)
    connects = []
    event.listen(engine, "do_connect", lambda dialect, record, cargs, cparams: connects.append(dict(cparams)))
    engine.pool.dispose()  # the migration's connection: the next one is opened with the listener on
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
        assert connection.connection.driver_connection.prepare_threshold is None  # transaction poolers
    assert connects and connects[0]["sslmode"] == sslmode and connects[0]["connect_timeout"] == 10
    assert (engine.pool.size(), engine.pool._recycle) == (2, 60)
    repo = Repository(engine)
    assert repo.find_user(f"recipe-{sslmode}") in (None, repo.user_id(f"recipe-{sslmode}"))
    assert repo.find_user(f"recipe-{sslmode}") == repo.user_id(f"recipe-{sslmode}")
    engine.dispose()


def test_a_pool_that_stays_full_is_a_busy_database_not_a_crash():
    engine = make_engine(pg_url(sslmode="disable"), settings=DatabaseConfig(pool_size=1, max_overflow=0,
                                                                            pool_timeout_s=0.2))
    repo = Repository(engine)
    with engine.connect():  # another turn holds the only connection
        with pytest.raises(DatabaseBusyError, match="busy"):
            repo.find_user("someone")
    assert repo.find_user("someone") is None
    engine.dispose()


def test_a_password_never_reaches_an_error_or_a_log_line(caplog):
    caplog.set_level(logging.DEBUG)
    url = make_url(pg_url())
    refused = url.set(port=1).render_as_string(hide_password=False)  # nothing listens there
    missing = url.set(database="no_such_database").render_as_string(hide_password=False)
    no_tls = url.update_query_dict({"sslmode": "require"}).render_as_string(hide_password=False)  # server has none
    unreadable = f"postgresql://u:{PASSWORD}@db.example.com:port/chat"
    no_driver = f"mysql://u:{PASSWORD}@db.example.com/chat"
    errors = []
    for bad in (refused, missing, no_tls, unreadable, no_driver):
        with pytest.raises(DatabaseError) as caught:
            make_engine(bad)
        errors.append(str(caught.value))
    repo = Repository(make_engine(refused, migrate=False))
    with pytest.raises(DatabaseError) as caught:
        repo.find_user("someone")
    errors.append(str(caught.value))
    assert all(errors) and "no_such_database" in errors[1] and "SSL" in errors[2]  # they say what is wrong...
    shown = "\n".join(errors + [record.getMessage() for record in caplog.records])
    assert PASSWORD not in shown  # ...never with the password
