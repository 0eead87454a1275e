"""Browser tokens are stored as keyed hashes: "token:<token>" becomes "token-hmac:<HMAC-SHA256(secret, token)>".

A copy of the database then names no token that could be replayed. The key is the app's identity secret
(bot/identity.py), which db.migrate.upgrade_database hands over; the same browser token then finds the same
user, so returning users keep their history. The hash is written out here rather than imported, so this
revision stays what it was whatever the app's code becomes (tests/test_migrations.py checks that they agree).
Every "token:" row is hashed, even one the app's format no longer accepts (a token sent with a trailing
newline): no token stays in the clear. A hashed row starts "token-hmac:", which "token:" never matches, so nothing is hashed twice.

Revision ID: 0004
Revises: 0003
"""
import hashlib
import hmac

import sqlalchemy as sa
from alembic import context, op

from recommender.errors import ConfigError

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

RAW_PREFIX, HASHED_PREFIX = "token:", "token-hmac:"


def upgrade() -> None:
    connection = op.get_bind()
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("external_id", sa.String))
    rows = [(user_id, external_id) for user_id, external_id in connection.execute(
        sa.select(users.c.id, users.c.external_id).where(users.c.external_id.startswith(RAW_PREFIX)))
            if external_id.startswith(RAW_PREFIX)]  # LIKE may ignore case; the prefix may not
    if not rows:
        return
    secret = context.config.attributes.get("identity_secret") or ""
    if not secret:
        raise ConfigError(
            f"The database holds {len(rows)} browser token(s) stored in the clear, and hashing them (revision "
            "0004) needs the app's identity secret. Start the app (`python -m bot.app`), or run "
            "`python -m db.migrate` with the app's DUALREC_HOME or DUALREC_IDENTITY_SECRET; nothing was changed.")
    for user_id, external_id in rows:
        token = external_id[len(RAW_PREFIX):]
        digest = hmac.new(secret.encode("utf-8"), token.encode("utf-8"), hashlib.sha256).hexdigest()
        connection.execute(users.update().where(users.c.id == user_id).values(external_id=HASHED_PREFIX + digest))


def downgrade() -> None:
    """A hash cannot be turned back into its token: the rows stay hashed (older code sees those browsers as new
    users; their rows are kept)."""

