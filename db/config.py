"""The database's settings (read from the environment in bot/config.py, passed to db.repository.make_engine).

Nothing here imports SQLAlchemy: the app's configuration is read before any engine is made.
"""
from __future__ import annotations

from dataclasses import dataclass

from recommender.errors import ConfigError


@dataclass(frozen=True)
class DatabaseConfig:
    # any SQLAlchemy URL (DUALREC_DB_URL); "": SQLite in DUALREC_HOME/dualrec.sqlite3
    url: str = ""
    # PostgreSQL's connection pool (SQLite keeps SQLAlchemy's own per-thread pool). A chat turn holds a connection
    # only for its few short transactions, not while the models think: 10 kept open plus 5 for a burst serve the
    # chat's 32 concurrent turns, and 15 stays within what a small managed plan allows one client.
    pool_size: int = 10  # DUALREC_DB_POOL_SIZE
    max_overflow: int = 5  # opened beyond pool_size in a burst, closed when returned
    pool_timeout_s: float = 10.0  # a turn waits this long for a free connection, then the database is "busy"
    # Managed services and their poolers cut idle connections (often after 5 to 10 minutes, sometimes without a
    # word to the client): one older than this is replaced before use instead of failing a turn. pool_pre_ping
    # catches the rest.
    pool_recycle_s: int = 300

    def __post_init__(self):
        if self.pool_size < 1:
            raise ConfigError(f"the database pool needs at least 1 connection, not {self.pool_size}")
        if self.max_overflow < 0:
            raise ConfigError(f"the database pool's extra connections cannot be fewer than 0, not {self.max_overflow}")
