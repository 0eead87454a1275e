"""Bring any database up to the current schema with the Alembic migrations in db/migrations, at every start.

A database made before migrations existed (by `create_all`) holds the tables of revision 0001 and no
`alembic_version`: it is stamped 0001 first, then upgraded like any other. An empty one is built from 0001.
Revision 0004 hashes the browser tokens stored in the clear with the app's identity secret, which the app hands
over (bot/identity.py); without it, a database that holds such tokens is left as it was, with an error that says so.

    python -m db.migrate [URL]     (default: DUALREC_DB_URL or the SQLite file under DUALREC_HOME; the identity
                                    secret as the app finds it: DUALREC_IDENTITY_SECRET or DUALREC_HOME's file)
"""
from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).parent / "migrations"
BASELINE = "0001"  # the schema that create_all made before migrations


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_database(engine: Engine, identity_secret: str = "") -> str:
    """Upgrade to the newest revision in one transaction; returns it."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        config.attributes["identity_secret"] = identity_secret  # read by 0004
        tables = set(inspect(connection).get_table_names())
        if "users" in tables and "alembic_version" not in tables:
            command.stamp(config, BASELINE)
        command.upgrade(config, "head")
    if engine.dialect.name == "sqlite":  # no copy of a row a migration rewrote (a token: 0004) stays in the -wal file
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return head_revision()


def main(argv: list[str] | None = None) -> int:
    from bot.config import env_database, env_home, env_identity_secret
    from db.repository import database_url, make_engine
    from recommender.errors import run_script

    args = sys.argv[1:] if argv is None else argv

    def body() -> int:
        from bot.identity import identity_secret

        database = env_database()
        url = args[0] if args else database_url(env_home(), database.url)
        secret = identity_secret(env_home(), env_identity_secret())  # the app's own
        print(f"database at revision {upgrade_database(make_engine(url, migrate=False, settings=database), secret)}")
        return 0

    return run_script(body)


if __name__ == "__main__":
    sys.exit(main())
