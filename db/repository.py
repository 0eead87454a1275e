"""Every query the chat makes, and the engine behind them.

SQLite under DUALREC_HOME by default (WAL, foreign keys on, a busy timeout); any SQLAlchemy URL through
DUALREC_DB_URL. A locked database is retried a bounded number of times, then DatabaseBusyError says so;
nothing half-written stays behind because every operation is one transaction.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from sqlalchemy import create_engine, delete, event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from db.models import Base, Feedback, RecommendationTurn, RecommendedMovie, User, WatchEvent
from recommender.errors import DualRecError

T = TypeVar("T")
DB_URL_ENV = "DUALREC_DB_URL"


class DatabaseError(DualRecError):
    """The database cannot be reached or refused the work; nothing of it was saved."""


class DatabaseBusyError(DatabaseError):
    """The database stayed locked through every retry."""


class NotFoundError(DualRecError):
    """The row does not exist or belongs to another user."""


def database_url(home: Path) -> str:
    return os.environ.get(DB_URL_ENV) or f"sqlite:///{home / 'dualrec.sqlite3'}"


def make_engine(url: str, busy_timeout_s: float = 5.0) -> Engine:
    """An engine with SQLite's WAL journal, foreign keys and busy timeout switched on."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _pragmas(connection, _record):  # every new connection: SQLite settings are per connection
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
            cursor.close()
    Base.metadata.create_all(engine)
    return engine


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

    def __init__(self, engine: Engine, retries: int = 3, retry_wait_s: float = 0.2):
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.retries = retries
        self.retry_wait_s = retry_wait_s

    @classmethod
    def from_home(cls, home: Path) -> "Repository":
        return cls(make_engine(database_url(home)))

    def _run(self, work: Callable[[Session], T]) -> T:
        for attempt in range(self.retries + 1):
            try:
                with self._sessions.begin() as session:
                    return work(session)
            except OperationalError as exc:
                if "locked" not in str(exc).lower() and "busy" not in str(exc).lower():
                    reason = str(exc.orig if exc.orig is not None else exc).splitlines()[0][:200]
                    raise DatabaseError(f"the database is unavailable ({reason})") from None
                if attempt == self.retries:
                    raise DatabaseBusyError(
                        f"the database is busy (locked by another writer) after {self.retries + 1} tries; "
                        "please try again in a moment") from None
                time.sleep(self.retry_wait_s * (attempt + 1))
        raise AssertionError("unreachable")

    # -- users -----------------------------------------------------------------------------------------
    def user_id(self, external_id: str) -> int:
        """The user's row id, created on first sight."""
        def work(session: Session) -> int:
            found = session.scalar(select(User.id).where(User.external_id == external_id))
            if found is not None:
                return found
            user = User(external_id=external_id)
            session.add(user)
            session.flush()
            return user.id

        try:
            return self._run(work)
        except IntegrityError:  # created by a concurrent first request of the same user
            return self._run(work)

    def forget_user(self, user_id: int) -> None:
        """Delete the user and everything stored about them."""
        self._run(lambda s: s.execute(delete(User).where(User.id == user_id)))

    # -- watch history ---------------------------------------------------------------------------------
    def add_watched(self, user_id: int, movie_ids: Iterable[int], source: str = "chat") -> list[int]:
        """Append movies not yet in the history, in order; returns the ones added."""
        def work(session: Session) -> list[int]:
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

    def clear_history(self, user_id: int) -> int:
        return self._run(lambda s: s.execute(delete(WatchEvent).where(WatchEvent.user_id == user_id))).rowcount

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
                existing.value, existing.comment, existing.created_at = value, comment, datetime.now(existing.created_at.tzinfo)

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

    def feedback_records(self) -> list[dict]:
        """Every rated recommendation with its turn, for export and reports."""
        def work(session: Session) -> list[dict]:
            rows = session.execute(
                select(Feedback, RecommendedMovie, RecommendationTurn)
                .join(RecommendedMovie, Feedback.recommended_id == RecommendedMovie.id)
                .join(RecommendationTurn, RecommendedMovie.turn_id == RecommendationTurn.id)
                .order_by(Feedback.id)).all()
            return [{"user_id": t.user_id, "turn_id": t.id, "prompt": t.prompt, "request": t.request, "mode": t.mode,
                     "model_version": t.model_version, "adapter_version": t.adapter_version, "rank": r.rank,
                     "movie_id": r.movie_id, "source": r.source, "score": r.score, "value": f.value,
                     "comment": f.comment, "rated_at": f.created_at.isoformat()} for f, r, t in rows]

        return self._run(work)
