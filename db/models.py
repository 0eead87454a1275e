"""The chat's tables (SQLAlchemy 2.0 declarative). Queries live in db/repository.py only."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import CheckConstraint, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(200), unique=True)  # a browser's id or a Hugging Face login
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    watch_events: Mapped[list[WatchEvent]] = relationship(back_populates="user", cascade="all, delete-orphan",
                                                          passive_deletes=True)
    turns: Mapped[list[RecommendationTurn]] = relationship(back_populates="user", cascade="all, delete-orphan",
                                                           passive_deletes=True)
    dialogue: Mapped[DialogueState | None] = relationship(back_populates="user", cascade="all, delete-orphan",
                                                          passive_deletes=True)


class DialogueState(Base):
    """What the conversation remembers between turns (bot/dialogue.py): the open question, what was shown,
    standing tastes. JSON, so the dialogue can grow without a migration per field."""

    __tablename__ = "dialogue_states"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[str] = mapped_column(Text, default="{}")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, onupdate=utc_now)

    user: Mapped[User] = relationship(back_populates="dialogue")


class WatchEvent(Base):
    """A movie the user said they watched; `position` keeps the order they told it in."""

    __tablename__ = "watch_events"
    # One row per movie and one per position: concurrent adds of one user retry instead of sharing a position,
    # so the order the LSTM reads is always defined (db/migrations 0002 renumbers older databases).
    __table_args__ = (UniqueConstraint("user_id", "movie_id", name="uq_watch_user_movie"),
                      UniqueConstraint("user_id", "position", name="uq_watch_user_position"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    movie_id: Mapped[int] = mapped_column(Integer)  # MovieLens id
    position: Mapped[int] = mapped_column(Integer)
    stated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    source: Mapped[str] = mapped_column(String(20))  # "chat", "list", "ui"

    user: Mapped[User] = relationship(back_populates="watch_events")


class RecommendationTurn(Base):
    __tablename__ = "recommendation_turns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    request: Mapped[str] = mapped_column(Text, default="")  # what the user asked, as text
    prompt: Mapped[str] = mapped_column(Text, default="")  # what the LLM was asked ("" without one)
    mode: Mapped[str] = mapped_column(String(20), default="free")
    model_version: Mapped[str] = mapped_column(String(200), default="")
    adapter_version: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User] = relationship(back_populates="turns")
    movies: Mapped[list[RecommendedMovie]] = relationship(back_populates="turn", cascade="all, delete-orphan",
                                                          order_by="RecommendedMovie.rank", passive_deletes=True)


class RecommendedMovie(Base):
    __tablename__ = "recommended_movies"
    __table_args__ = (UniqueConstraint("turn_id", "rank", name="uq_recommended_turn_rank"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    turn_id: Mapped[int] = mapped_column(ForeignKey("recommendation_turns.id", ondelete="CASCADE"), index=True)
    rank: Mapped[int] = mapped_column(Integer)
    movie_id: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(10))  # "lstm" or "llm"
    score: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text, default="")

    turn: Mapped[RecommendationTurn] = relationship(back_populates="movies")
    feedback: Mapped[Feedback | None] = relationship(back_populates="recommended", cascade="all, delete-orphan",
                                                     passive_deletes=True)


class Feedback(Base):
    """Thumbs up (+1) or down (-1) on one recommended movie; a second click replaces the first."""

    __tablename__ = "feedback"
    __table_args__ = (CheckConstraint("value IN (-1, 1)", name="ck_feedback_value"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recommended_id: Mapped[int] = mapped_column(ForeignKey("recommended_movies.id", ondelete="CASCADE"), unique=True)
    value: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    recommended: Mapped[RecommendedMovie] = relationship(back_populates="feedback")
