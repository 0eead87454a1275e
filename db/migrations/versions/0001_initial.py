"""The schema as `create_all` made it before migrations existed (databases from then are stamped with this).

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("external_id", sa.String(200), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False))
    op.create_table(
        "watch_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("movie_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("stated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.UniqueConstraint("user_id", "movie_id", name="uq_watch_user_movie"))
    op.create_index("ix_watch_events_user_id", "watch_events", ["user_id"])
    op.create_table(
        "recommendation_turns",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("request", sa.Text, nullable=False),
        sa.Column("prompt", sa.Text, nullable=False),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("model_version", sa.String(200), nullable=False),
        sa.Column("adapter_version", sa.String(200), nullable=False),
        sa.Column("note", sa.Text, nullable=False))
    op.create_index("ix_recommendation_turns_user_id", "recommendation_turns", ["user_id"])
    op.create_table(
        "recommended_movies",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("turn_id", sa.Integer, sa.ForeignKey("recommendation_turns.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("rank", sa.Integer, nullable=False),
        sa.Column("movie_id", sa.Integer, nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.UniqueConstraint("turn_id", "rank", name="uq_recommended_turn_rank"))
    op.create_index("ix_recommended_movies_turn_id", "recommended_movies", ["turn_id"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("recommended_id", sa.Integer, sa.ForeignKey("recommended_movies.id", ondelete="CASCADE"),
                  nullable=False, unique=True),
        sa.Column("value", sa.Integer, nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("value IN (-1, 1)", name="ck_feedback_value"))


def downgrade() -> None:
    for table in ("feedback", "recommended_movies", "recommendation_turns", "watch_events", "users"):
        op.drop_table(table)
