"""History positions unique per user: concurrent adds once shared positions ([0, 0, 1, 2, 2, ...]).

Existing rows are renumbered 0..n-1 per user in their current order (position, then row id) first.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, user_id FROM watch_events ORDER BY user_id, position, id")).all()
    positions: dict[int, int] = {}
    for row_id, user_id in rows:  # row by row: an UPDATE whose subquery reads its own table differs by engine
        positions[user_id] = positions.get(user_id, -1) + 1
        connection.execute(sa.text("UPDATE watch_events SET position = :p WHERE id = :id"),
                           {"p": positions[user_id], "id": row_id})
    with op.batch_alter_table("watch_events") as batch:
        batch.create_unique_constraint("uq_watch_user_position", ["user_id", "position"])


def downgrade() -> None:
    with op.batch_alter_table("watch_events") as batch:
        batch.drop_constraint("uq_watch_user_position", type_="unique")
