"""Alembic's environment: migrations run on the connection that db.migrate hands over (never from alembic.ini)."""
from alembic import context

from db.models import Base

connection = context.config.attributes["connection"]
# batch mode: SQLite cannot ALTER a table's constraints in place, so Alembic copies the table instead
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
