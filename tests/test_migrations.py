"""db/migrate.py: a database made by the schema before migrations (create_all, no alembic_version) is stamped and
upgraded with its rows kept, on a real SQLite file and, where one runs, a real PostgreSQL server. Tokens stored in
the clear (before 0004) become keyed hashes that the app's user_key finds."""
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from bot.identity import Identity
from db.migrate import alembic_config, current_revision, head_revision, upgrade_database
from db.repository import Repository, make_engine
from recommender.errors import ConfigError
from tests.test_repository import clean_postgres

BEFORE = Path(__file__).parent / "data" / "schema_before_migrations.sqlite.sql"
IDENTITY = Identity("migration-test-secret-0123456789")  # the app's identity secret, as main() hands it over
# Two users; alice's rows share positions, as concurrent adds once left them ([0, 0, 1]).
ROWS = [
    "INSERT INTO users (id, external_id, created_at) VALUES (1, 'token:alice-0123456789abcd', '2026-01-01 10:00:00')",
    "INSERT INTO users (id, external_id, created_at) VALUES (2, 'token:bob-0123456789abcdef', '2026-01-01 10:00:00')",
    "INSERT INTO watch_events (id, user_id, movie_id, position, stated_at, source) VALUES "
    "(1, 1, 10, 0, '2026-01-01 10:00:00', 'chat'), (2, 1, 20, 0, '2026-01-01 10:00:01', 'chat'), "
    "(3, 1, 30, 1, '2026-01-01 10:00:02', 'chat'), (4, 2, 40, 5, '2026-01-01 10:00:03', 'ui')",
    "INSERT INTO recommendation_turns (id, user_id, created_at, request, prompt, mode, model_version, "
    "adapter_version, note) VALUES (1, 1, '2026-01-01 10:01:00', 'what next?', 'p', 'grounded', 'SmolLM2', '', '')",
    "INSERT INTO recommended_movies (id, turn_id, rank, movie_id, source, score, reason) "
    "VALUES (1, 1, 1, 50, 'lstm', 0.5, 'r')",
    "INSERT INTO feedback (id, recommended_id, value, comment, created_at) VALUES (1, 1, 1, '', '2026-01-01 10:02:00')",
]


def legacy_statements() -> list[str]:
    body = "\n".join(line for line in BEFORE.read_text().splitlines() if not line.startswith("--"))
    return [statement for statement in body.split(";") if statement.strip()]


def assert_upgraded_with_rows_kept(url: str) -> None:
    repo = Repository(make_engine(url, identity_secret=IDENTITY.secret))  # what every start does
    assert current_revision(repo.engine) == head_revision()
    assert repo.history(1) == [10, 20, 30] and repo.history(2) == [40]
    assert repo.find_user(IDENTITY.user_key("alice-0123456789abcd")) == 1
    with repo.engine.connect() as connection:
        positions = connection.execute(text("SELECT user_id, position FROM watch_events ORDER BY id")).all()
    assert [tuple(p) for p in positions] == [(1, 0), (1, 1), (1, 2), (2, 0)]
    unique = {tuple(c["column_names"]) for c in inspect(repo.engine).get_unique_constraints("watch_events")}
    assert ("user_id", "position") in unique
    [(_, movies)] = repo.recommendations(1)
    assert movies[0].feedback == 1
    assert repo.add_watched(1, [60]) == [60] and repo.history(1)[-1] == 60
    upgrade_database(repo.engine)  # a second start changes nothing
    assert repo.history(1) == [10, 20, 30, 60]


def test_a_sqlite_database_from_before_migrations_is_upgraded(tmp_path):
    path = tmp_path / "old.sqlite3"
    legacy = create_engine(f"sqlite:///{path}")
    with legacy.begin() as connection:
        for statement in legacy_statements():
            connection.exec_driver_sql(statement)
        for row in ROWS:
            connection.exec_driver_sql(row)
    legacy.dispose()
    assert current_revision(create_engine(f"sqlite:///{path}")) is None
    assert_upgraded_with_rows_kept(f"sqlite:///{path}")


def test_a_postgresql_database_from_before_migrations_is_upgraded():
    url = clean_postgres()
    engine = make_engine(url, migrate=False)
    with engine.begin() as connection:  # the baseline revision builds exactly what create_all built
        from alembic import command

        from db.migrate import alembic_config

        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(text("DROP TABLE alembic_version"))
        for row in ROWS:
            connection.execute(text(row))
    engine.dispose()
    assert_upgraded_with_rows_kept(url)


def test_an_empty_database_is_built_by_the_migrations(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    assert current_revision(engine) == head_revision()
    assert {"users", "watch_events", "recommendation_turns", "recommended_movies", "feedback"} <= set(
        inspect(engine).get_table_names())


def test_the_baseline_revision_matches_the_schema_before_migrations(tmp_path):
    """0001 must describe what old databases hold, or stamping them would be a lie."""
    migrated = make_engine(f"sqlite:///{tmp_path / 'a.sqlite3'}", migrate=False)
    with migrated.begin() as connection:
        from alembic import command

        from db.migrate import alembic_config

        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    legacy = create_engine(f"sqlite:///{tmp_path / 'b.sqlite3'}")
    with legacy.begin() as connection:
        for statement in legacy_statements():
            connection.exec_driver_sql(statement)

    def shape(engine):
        found = inspect(engine)
        return {table: ({c["name"]: (str(c["type"]), c["nullable"]) for c in found.get_columns(table)},
                        sorted(tuple(u["column_names"]) for u in found.get_unique_constraints(table)),
                        sorted(tuple(i["column_names"]) for i in found.get_indexes(table)))
                for table in found.get_table_names() if table != "alembic_version"}

    assert shape(migrated) == shape(legacy)


@pytest.mark.parametrize("url", ["sqlite:///{tmp}/x.sqlite3"])
def test_the_migrate_command_upgrades_a_database(url, tmp_path, capsys):
    from db.migrate import main

    assert main([url.format(tmp=tmp_path)]) == 0
    assert head_revision() in capsys.readouterr().out


def database_at_0003(url: str, rows: list[str]) -> None:
    """A database as the app left it before tokens were hashed: revision 0003, with `rows`."""
    from alembic import command

    engine = make_engine(url, migrate=False)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
        for row in rows:
            connection.execute(text(row))
    engine.dispose()


ALICE, BOB = "alice-browser-token-0123", "Bob_token-0123456789-xyz"
HASHED_BEFORE = IDENTITY.user_key("carol-token-0123456789")  # a row already in the new form: hashed once only
RAW_ROWS = [
    f"INSERT INTO users (id, external_id, created_at) VALUES (1, 'token:{ALICE}', '2026-01-01 10:00:00')",
    f"INSERT INTO users (id, external_id, created_at) VALUES (2, 'token:{BOB}', '2026-01-01 10:00:00')",
    "INSERT INTO users (id, external_id, created_at) VALUES (3, 'hf:ada', '2026-01-01 10:00:00')",
    f"INSERT INTO users (id, external_id, created_at) VALUES (4, '{HASHED_BEFORE}', '2026-01-01 10:00:00')",
    # the old format check let a trailing newline through: that row is hashed too (no token stays in the clear)
    f"INSERT INTO users (id, external_id, created_at) VALUES (5, 'token:{BOB}' || char(10), '2026-01-01 10:00:00')",
    "INSERT INTO watch_events (id, user_id, movie_id, position, stated_at, source) VALUES "
    "(1, 1, 10, 0, '2026-01-01 10:00:00', 'chat'), (2, 1, 20, 1, '2026-01-01 10:00:01', 'chat'), "
    "(3, 2, 30, 0, '2026-01-01 10:00:02', 'chat'), (4, 3, 40, 0, '2026-01-01 10:00:03', 'ui'), "
    "(5, 4, 50, 0, '2026-01-01 10:00:04', 'ui'), (6, 5, 60, 0, '2026-01-01 10:00:05', 'chat')",
]


def assert_tokens_hashed_and_histories_kept(url: str) -> None:
    from bot.app import ChatApp
    from bot.startup import Startup

    with pytest.raises(ConfigError, match="identity secret"):  # without the key: a clear error, nothing changed
        make_engine(url)
    assert current_revision(make_engine(url, migrate=False)) == "0003"
    repo = Repository(make_engine(url, identity_secret=IDENTITY.secret))
    assert current_revision(repo.engine) == head_revision()
    # the same browser token finds the same history through the app's own rule
    app = ChatApp(Startup(None), identity=IDENTITY)  # the app's own rule, as it will read these rows
    assert repo.history(repo.find_user(app.identity.user_key(ALICE))) == [10, 20]
    assert repo.history(repo.find_user(app.identity.user_key(BOB))) == [30]
    assert repo.find_user("hf:ada") == 3 and repo.find_user(HASHED_BEFORE) == 4 and repo.history(4) == [50]
    assert repo.history(5) == [60] and app.identity.user_key(BOB + "\n") is None
    with repo.engine.connect() as connection:
        stored = [row[0] for row in connection.execute(text("SELECT external_id FROM users ORDER BY id"))]
    assert not any(ALICE in s or BOB in s or s.startswith("token:") for s in stored), stored
    assert len(set(stored)) == 5
    upgrade_database(repo.engine)  # a second start needs no key and changes nothing
    with repo.engine.connect() as connection:
        assert [row[0] for row in connection.execute(text("SELECT external_id FROM users ORDER BY id"))] == stored


def test_sqlite_tokens_stored_in_the_clear_become_keyed_hashes_and_keep_their_history(tmp_path):
    url = f"sqlite:///{tmp_path / 'tokens.sqlite3'}"
    database_at_0003(url, RAW_ROWS)
    assert_tokens_hashed_and_histories_kept(url)
    assert ALICE.encode() not in b"".join(p.read_bytes() for p in tmp_path.glob("tokens.sqlite3*"))  # secure_delete


def test_postgresql_tokens_stored_in_the_clear_become_keyed_hashes_and_keep_their_history():
    url = clean_postgres()
    database_at_0003(url, [row.replace("char(10)", "chr(10)") for row in RAW_ROWS])
    assert_tokens_hashed_and_histories_kept(url)


def test_the_migrate_command_hashes_tokens_with_the_apps_identity_secret(tmp_path, monkeypatch):
    from db.migrate import main

    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    database_at_0003(url, RAW_ROWS[:1] + ["INSERT INTO watch_events (id, user_id, movie_id, position, stated_at, source) "
                                          "VALUES (1, 1, 10, 0, '2026-01-01 10:00:00', 'chat')"])
    monkeypatch.setenv("DUALREC_IDENTITY_SECRET", IDENTITY.secret)
    assert main([url]) == 0
    repo = Repository(make_engine(url))
    assert repo.history(repo.find_user(IDENTITY.user_key(ALICE))) == [10]
