"""Every query the chat makes, and the engine behind them.

SQLite under DUALREC_HOME by default (WAL, foreign keys on, deleted content zeroed, a short busy timeout); any
SQLAlchemy URL through DUALREC_DB_URL (db.config.DatabaseConfig, read in bot/config.py). PostgreSQL, the way to
keep data on a Hugging Face Space, gets what managed services need: a bounded pool whose connections are checked
before use and replaced before a pooler cuts them, sslmode=require to any host but this one unless the URL says
otherwise, a connect timeout, and no server-side prepared statements (transaction poolers refuse them). The
schema is brought up to date by the Alembic migrations (db/migrate.py) when the engine is made. Every operation
is one transaction. A locked database, or a write that lost a race with another request of the same user (a
unique constraint), is retried until a deadline of about 3 s, then DatabaseBusyError says so; nothing
half-written stays behind. Any other refusal (a NOT NULL or check constraint) is a DatabaseError at once, logged
with its traceback. Reads never create rows.

A storage fault (SQLite's file read-only, a disk I/O error, a file that cannot be opened) retires the pool's
connections: a SQLite connection that saw one, or opened while the file was read-only, keeps failing after the
file is writable again. The pool opens fresh ones, and the work is tried once more on one.
"""
from __future__ import annotations

import ipaddress
import json
import logging
import random
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from sqlalchemy import create_engine, delete, event, func, select
from sqlalchemy.engine import URL, Engine, ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session, sessionmaker

from db.config import DatabaseConfig
from db.models import DialogueState, Feedback, RecommendationTurn, RecommendedMovie, User, WatchEvent, utc_now
from db.mounts import Mount, filesystem_of
from recommender.errors import DualRecError

log = logging.getLogger(__name__)
T = TypeVar("T")
# PostgreSQL settings that a URL may give itself; the defaults apply only where it does not
PG_CONNECT_TIMEOUT_S = 10  # libpq waits for the operating system's TCP timeout otherwise (minutes)
# SQLite's primary result codes of a storage fault, after which a connection is not to be trusted again
SQLITE_STORAGE_FAULTS = ("SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_FULL")
# Constraint violations that mean another request wrote the same row first: retrying re-reads and passes
UNIQUE_VIOLATIONS = ("SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY", "23505")  # 23505: PostgreSQL


class DatabaseError(DualRecError):
    """The database cannot be reached or refused the work; nothing of it was saved."""


class DatabaseBusyError(DatabaseError):
    """The database stayed locked through every retry."""


class NotFoundError(DualRecError):
    """The row does not exist or belongs to another user."""


def database_url(home: Path, url: str = "") -> str:
    """`url` (DatabaseConfig.url, from DUALREC_DB_URL), else the SQLite file in `home`."""
    return url or f"sqlite:///{home / 'dualrec.sqlite3'}"


def _is_loopback(host: str | None) -> bool:
    """This machine: no host or a socket directory (a Unix socket), localhost, 127.0.0.0/8 or ::1."""
    if not host or host.startswith("/"):
        return True
    if host.lower() in ("localhost", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def postgres_url(url: URL) -> URL:
    """A PostgreSQL URL as this app connects with it: psycopg 3 (the driver it installs) when the URL names none
    (services hand out postgres:// and postgresql://), and sslmode=require to a host other than this one when the
    URL gives no sslmode, so a password never crosses a network in the clear by default. sslmode=disable, prefer,
    verify-full, ... in the URL are kept as they are."""
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    query_hosts = url.query.get("host", ())
    hosts = [url.host, *([query_hosts] if isinstance(query_hosts, str) else query_hosts)]
    if "sslmode" not in url.query and not all(_is_loopback(h.rsplit(":", 1)[0] if h and h.count(":") == 1 else h)
                                              for h in hosts):
        url = url.update_query_dict({"sslmode": "require"})
    return url


def _hide(text: str, url: URL | str | None) -> str:
    """`text` with the URL's password masked: errors and log lines must not carry it."""
    try:
        password = make_url(url).password if isinstance(url, str) else getattr(url, "password", None)
    except (ArgumentError, ValueError):
        password = None
    return text.replace(str(password), "***") if password else text


def make_engine(url: str, busy_timeout_s: float = 1.0, migrate: bool = True, identity_secret: str = "",
                settings: DatabaseConfig = DatabaseConfig()) -> Engine:
    """An engine with SQLite's WAL journal, foreign keys, secure delete and busy timeout switched on, its schema
    migrated to the newest revision. A short busy timeout: the repository's own retries wait for the rest.
    PostgreSQL (and any other server) gets `settings`' bounded pool, recycled and pinged connections; PostgreSQL
    also `postgres_url`'s driver and sslmode, a connect timeout and no prepared statements (see the docstring above).
    `identity_secret` is the app's (bot/identity.py): revision 0004 needs it to hash tokens stored in the clear.
    A URL that cannot be opened is a DatabaseError that never shows its password."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseError(f"the database URL (DUALREC_DB_URL) cannot be read ({_hide(str(exc), url)})") from None
    options: dict = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    else:
        options = {"pool_pre_ping": True, "pool_size": settings.pool_size, "max_overflow": settings.max_overflow,
                   "pool_timeout": settings.pool_timeout_s, "pool_recycle": settings.pool_recycle_s}
        if parsed.get_backend_name() in ("postgresql", "postgres"):
            parsed = postgres_url(parsed)
            connect_args: dict = {} if "connect_timeout" in parsed.query else {
                "connect_timeout": PG_CONNECT_TIMEOUT_S}
            if parsed.get_driver_name() == "psycopg":
                # psycopg 3 prepares a statement run 5 times on its connection; PgBouncer or Supavisor in
                # transaction mode hands the next transaction another server connection, which lacks it
                connect_args["prepare_threshold"] = None
            options["connect_args"] = connect_args
    try:
        engine = create_engine(parsed, **options)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise DatabaseError(f"the database URL (DUALREC_DB_URL) cannot be opened ({_hide(str(exc), parsed)})"
                            ) from None
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _pragmas(connection, _record):  # every new connection: SQLite settings are per connection
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            # WAL's own durable setting: a commit survives the app's crash without a sync to disk on every write (the
            # last commits may be lost to a power cut, never the database); SQLite's advice for WAL
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA secure_delete=ON")  # "forget me" overwrites the deleted rows' pages too
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
            cursor.close()

        @event.listens_for(engine, "handle_error")
        def _retire_after_storage_fault(context: ExceptionContext) -> None:
            if _error_code(context.original_exception).startswith(SQLITE_STORAGE_FAULTS):
                context.is_disconnect = True  # the pool replaces every connection that was open at the fault
    if migrate:
        from db.migrate import upgrade_database

        try:
            upgrade_database(engine, identity_secret)
        except OperationalError as exc:
            raise DatabaseError(f"the database is unavailable ({_hide(_reason(exc), parsed)})") from None
    return engine


def sqlite_network_mount(url: str, mountinfo: str) -> tuple[Path, Mount] | None:
    """(the SQLite file, its mount) when `url` is a SQLite file on a network or FUSE mount (db.mounts) according
    to `mountinfo` (/proc/self/mountinfo's text); None for a real disk, another database, or no mount table."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return None  # make_engine says what is wrong with it
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    path = Path(parsed.database.removeprefix("file:").split("?")[0]).expanduser().resolve()
    mount = filesystem_of(path, mountinfo)
    return (path, mount) if mount is not None and mount.is_network else None


def _iso_utc(value: datetime) -> str:
    """Times are stored in UTC; SQLite hands them back without a zone."""
    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).isoformat()


def _reason(exc: Exception) -> str:
    return str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]


def _error_code(error: BaseException | None) -> str:
    """The driver's name for an error: SQLite's extended result code name, PostgreSQL's SQLSTATE ("" if none)."""
    return (getattr(error, "sqlite_errorname", None) or getattr(error, "sqlstate", None)
            or getattr(error, "pgcode", None) or "")


def _lost_race(exc: IntegrityError) -> bool:
    """A unique constraint that a concurrent request filled first; not NOT NULL, a check or a foreign key."""
    code = _error_code(exc.orig)
    if code:
        return code in UNIQUE_VIOLATIONS
    return any(word in str(exc.orig).lower() for word in ("unique", "duplicate"))  # a driver without codes


@dataclass(frozen=True)
class StoredRecommendation:
    recommended_id: int
    rank: int
    movie_id: int
    source: str
    score: float
    reason: str
    feedback: int | None = None


class Repository:
    """All reads and writes; each public method is one transaction."""

    def __init__(self, engine: Engine, deadline_s: float = 3.0, retry_wait_s: float = 0.05):
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.deadline_s = deadline_s  # a locked or contended write gives up after about this long
        self.retry_wait_s = retry_wait_s

    def _run(self, work: Callable[[Session], T]) -> T:
        """`work` in one transaction. Locks and lost races (IntegrityError from a unique constraint that a
        concurrent request of the same user filled first) are retried: every `work` re-reads what it decides on.
        A connection retired by a storage fault gets one more try on a fresh connection."""
        give_up = time.monotonic() + self.deadline_s
        wait = self.retry_wait_s
        reconnected = False
        while True:
            try:
                with self._sessions.begin() as session:
                    return work(session)
            except IntegrityError as exc:
                if not _lost_race(exc):  # retrying cannot help, and it is no other request's doing
                    log.error("the database refused a change", exc_info=True)
                    raise DatabaseError(f"the database refused the change as invalid ({_reason(exc)})") from None
                if time.monotonic() + wait > give_up:
                    raise DatabaseBusyError("the database kept refusing the change (another request of yours "
                                            "was changing the same rows); please try again") from None
            except PoolTimeoutError:  # every pooled connection stayed in use for the pool's whole timeout
                raise DatabaseBusyError("the database is busy (every connection is in use); please try again in "
                                        "a moment") from None
            except OperationalError as exc:
                if "locked" not in str(exc).lower() and "busy" not in str(exc).lower():
                    if exc.connection_invalidated and not reconnected:
                        reconnected = True  # the pool has dropped the connections that saw the fault
                        continue
                    reason = _hide(_reason(exc), self.engine.url)
                    log.warning("database unavailable: %s", reason)
                    raise DatabaseError(f"the database is unavailable ({reason})") from None
                if time.monotonic() + wait > give_up:
                    raise DatabaseBusyError(f"the database is busy (locked by another writer for over "
                                            f"{self.deadline_s:.0f} s); please try again in a moment") from None
            time.sleep(wait * random.uniform(0.5, 1.5))  # jitter: racing requests do not retry in lockstep
            wait = min(wait * 2, 0.5)

    # -- users -----------------------------------------------------------------------------------------
    def find_user(self, external_id: str) -> int | None:
        """The user's row id, or None for someone never seen: reads create nothing."""
        return self._run(lambda s: s.scalar(select(User.id).where(User.external_id == external_id)))

    def user_id(self, external_id: str) -> int:
        """The user's row id, created on first sight (only for writes; a concurrent first write retries)."""
        def work(session: Session) -> int:
            found = session.scalar(select(User.id).where(User.external_id == external_id))
            if found is not None:
                return found
            user = User(external_id=external_id)
            session.add(user)
            session.flush()
            return user.id

        return self._run(work)

    def forget_user(self, user_id: int) -> None:
        """Delete the user and everything stored about them, then flush SQLite's write-ahead log into the
        (securely deleting) main file, so that no copy of the deleted rows is left in the -wal file."""
        self._run(lambda s: s.execute(delete(User).where(User.id == user_id)))
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    # -- watch history ---------------------------------------------------------------------------------
    def add_watched(self, user_id: int, movie_ids: Iterable[int], source: str = "chat") -> list[int]:
        """Append movies not yet in the history, in order; returns the ones added."""
        def work(session: Session) -> list[int]:
            # PostgreSQL: one writer per user at a time (SQLite ignores FOR UPDATE; its writes are serial anyway)
            session.execute(select(User.id).where(User.id == user_id).with_for_update())
            known = set(session.scalars(select(WatchEvent.movie_id).where(WatchEvent.user_id == user_id)))
            position = session.scalar(select(func.max(WatchEvent.position)).where(WatchEvent.user_id == user_id))
            position = -1 if position is None else position
            added = []
            for movie_id in movie_ids:
                if movie_id in known:
                    continue
                position += 1
                session.add(WatchEvent(user_id=user_id, movie_id=movie_id, position=position, source=source))
                known.add(movie_id)
                added.append(movie_id)
            return added

        return self._run(work)

    def history(self, user_id: int) -> list[int]:
        return self._run(lambda s: list(s.scalars(
            select(WatchEvent.movie_id).where(WatchEvent.user_id == user_id).order_by(WatchEvent.position))))

    def remove_watched(self, user_id: int, movie_id: int) -> bool:
        result = self._run(lambda s: s.execute(
            delete(WatchEvent).where(WatchEvent.user_id == user_id, WatchEvent.movie_id == movie_id)))
        return bool(result.rowcount)

    def clear_history(self, user_id: int, movie_ids: Iterable[int] | None = None) -> int:
        """Delete the history, or only `movie_ids` of it (those the user agreed to clear); returns how many."""
        query = delete(WatchEvent).where(WatchEvent.user_id == user_id)
        if movie_ids is not None:
            query = query.where(WatchEvent.movie_id.in_(list(movie_ids)))
        return self._run(lambda s: s.execute(query)).rowcount

    # -- recommendations and feedback ------------------------------------------------------------------
    def record_turn(self, user_id: int, movies: list[dict], request: str = "", prompt: str = "", mode: str = "free",
                    model_version: str = "", adapter_version: str = "", note: str = "") -> list[StoredRecommendation]:
        """Store one turn's recommendations (dicts with movie_id, source, score, reason), ranked in order."""
        def work(session: Session) -> list[StoredRecommendation]:
            turn = RecommendationTurn(user_id=user_id, request=request, prompt=prompt, mode=mode,
                                      model_version=model_version, adapter_version=adapter_version, note=note)
            turn.movies = [RecommendedMovie(rank=rank, movie_id=m["movie_id"], source=m["source"], score=m["score"],
                                            reason=m.get("reason", "")) for rank, m in enumerate(movies, start=1)]
            session.add(turn)
            session.flush()
            return [StoredRecommendation(r.id, r.rank, r.movie_id, r.source, r.score, r.reason) for r in turn.movies]

        return self._run(work)

    def set_feedback(self, user_id: int, recommended_id: int, value: int, comment: str = "") -> None:
        """Thumbs up (+1) or down (-1); a later click on the same movie replaces the earlier one."""
        if value not in (-1, 1):
            raise ValueError("feedback is +1 or -1")

        def work(session: Session) -> None:
            owner = session.scalar(select(RecommendationTurn.user_id).join(RecommendedMovie)
                                   .where(RecommendedMovie.id == recommended_id))
            if owner != user_id:  # unknown, or another user's recommendation: the same answer for both
                raise NotFoundError(f"no recommendation {recommended_id} for this user")
            existing = session.scalar(select(Feedback).where(Feedback.recommended_id == recommended_id))
            if existing is None:
                session.add(Feedback(recommended_id=recommended_id, value=value, comment=comment))
            else:
                existing.value, existing.comment, existing.created_at = value, comment, utc_now()

        self._run(work)

    def recommendations(self, user_id: int) -> list[tuple[int, list[StoredRecommendation]]]:
        """(turn id, its movies with any feedback), oldest turn first."""
        def work(session: Session):
            turns = session.scalars(select(RecommendationTurn).where(RecommendationTurn.user_id == user_id)
                                    .order_by(RecommendationTurn.id)).all()
            return [(t.id, [StoredRecommendation(m.id, m.rank, m.movie_id, m.source, m.score, m.reason,
                                                 m.feedback.value if m.feedback else None) for m in t.movies])
                    for t in turns]

        return self._run(work)

    def user_record(self, user_id: int) -> dict:
        """Every row stored about one user, with its timestamps (UTC, ISO 8601): the data export."""
        def work(session: Session) -> dict:
            user = session.get(User, user_id)
            if user is None:
                return {}
            events = session.scalars(select(WatchEvent).where(WatchEvent.user_id == user_id)
                                     .order_by(WatchEvent.position)).all()
            turns = session.scalars(select(RecommendationTurn).where(RecommendationTurn.user_id == user_id)
                                    .order_by(RecommendationTurn.id)).all()
            dialogue = session.get(DialogueState, user_id)
            return {
                "created_at": _iso_utc(user.created_at),
                "dialogue_state": json.loads(dialogue.data) if dialogue is not None else {},
                "history": [{"position": e.position, "movie_id": e.movie_id, "stated_at": _iso_utc(e.stated_at),
                             "source": e.source} for e in events],
                "turns": [{"turn_id": t.id, "created_at": _iso_utc(t.created_at), "request": t.request,
                           "prompt": t.prompt, "mode": t.mode, "model_version": t.model_version,
                           "adapter_version": t.adapter_version, "note": t.note,
                           "movies": [{"recommended_id": m.id, "rank": m.rank, "movie_id": m.movie_id,
                                       "source": m.source, "score": m.score, "reason": m.reason,
                                       "feedback": None if m.feedback is None else {
                                           "value": m.feedback.value, "comment": m.feedback.comment,
                                           "rated_at": _iso_utc(m.feedback.created_at)}}
                                      for m in t.movies]} for t in turns]}

        return self._run(work)

    def ratings(self, user_id: int) -> dict[int, int]:
        """movie id -> the user's latest thumb on it (+1 / -1), over every turn."""
        def work(session: Session) -> dict[int, int]:
            rows = session.execute(
                select(RecommendedMovie.movie_id, Feedback.value).join(Feedback)
                .join(RecommendationTurn, RecommendedMovie.turn_id == RecommendationTurn.id)
                .where(RecommendationTurn.user_id == user_id).order_by(Feedback.created_at, Feedback.id)).all()
            return {movie_id: value for movie_id, value in rows}

        return self._run(work)

    def clear_feedback(self, user_id: int, recommended_id: int) -> bool:
        """Take a thumb back (un-ticked in the chat); False when there was none of this user's."""
        def work(session: Session) -> bool:
            owner = session.scalar(select(RecommendationTurn.user_id).join(RecommendedMovie)
                                   .where(RecommendedMovie.id == recommended_id))
            if owner != user_id:
                return False
            return bool(session.execute(delete(Feedback).where(Feedback.recommended_id == recommended_id)).rowcount)

        return self._run(work)

    # -- dialogue state --------------------------------------------------------------------------------
    def dialogue_state(self, user_id: int) -> dict:
        def work(session: Session) -> dict:
            row = session.get(DialogueState, user_id)
            try:
                return json.loads(row.data) if row is not None else {}
            except json.JSONDecodeError:
                return {}  # unreadable: the conversation starts afresh, the history is untouched

        return self._run(work)

    def save_dialogue_state(self, user_id: int, data: dict) -> None:
        def work(session: Session) -> None:
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            row = session.get(DialogueState, user_id)
            if row is None:
                session.add(DialogueState(user_id=user_id, data=text))
            else:
                row.data = text

        self._run(work)

    def feedback_records(self, recommended_id: int | None = None) -> list[dict]:
        """Every rated recommendation with its turn and its user's external id, for export and reports; with
        `recommended_id`, that one's rating alone (none when it is not rated)."""
        def work(session: Session) -> list[dict]:
            query = (select(Feedback, RecommendedMovie, RecommendationTurn, User.external_id)
                     .join(RecommendedMovie, Feedback.recommended_id == RecommendedMovie.id)
                     .join(RecommendationTurn, RecommendedMovie.turn_id == RecommendationTurn.id)
                     .join(User, RecommendationTurn.user_id == User.id))
            if recommended_id is not None:
                query = query.where(Feedback.recommended_id == recommended_id)
            rows = session.execute(query.order_by(Feedback.id)).all()
            return [{"user_id": t.user_id, "external_id": external, "turn_id": t.id, "turn_at": _iso_utc(t.created_at),
                     "prompt": t.prompt, "request": t.request, "mode": t.mode,
                     "model_version": t.model_version, "adapter_version": t.adapter_version, "rank": r.rank,
                     "movie_id": r.movie_id, "source": r.source, "score": r.score, "value": f.value,
                     "comment": f.comment, "rated_at": _iso_utc(f.created_at)} for f, r, t, external in rows]

        return self._run(work)
