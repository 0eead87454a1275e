"""Who is asking: a browser's random token or a Hugging Face login, turned into the repository's user key.

A browser keeps its token in localStorage through `gr.BrowserState`. BrowserState encrypts it in the page, so the
page holds the key: Gradio sends that "browser secret" to every visitor in /config. It only has to outlive
restarts (else every browser's copy stops decrypting and it becomes a new user); it protects nothing.

The database never sees a token: a user is "token-hmac:" + HMAC-SHA256(identity secret, token), so a copy of the
database names no token that could be replayed, and without the identity secret a token cannot even be checked
against it offline. The identity secret stays on the server. Both secrets come from the environment
(DUALREC_BROWSER_SECRET, DUALREC_IDENTITY_SECRET: Space secrets) or from a file under DUALREC_HOME made once,
readable by its owner alone. Revision 0004 (db/migrations) hashed the rows stored before, with the same key.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import UIConfig

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")  # on the whole string (fullmatch): "token\n" is refused
# Not "token:": a raw token (16-64 of A-Za-z0-9_-) can never follow this prefix's "-hmac:", so revision 0004
# tells the rows it hashed from those it has still to hash, and never hashes one twice.
HASHED_PREFIX = "token-hmac:"
BROWSER_SECRET_FILE, BROWSER_SECRET_ENV = "browser-secret", "DUALREC_BROWSER_SECRET"
IDENTITY_SECRET_FILE, IDENTITY_SECRET_ENV = "identity-secret", "DUALREC_IDENTITY_SECRET"
MIN_SECRET_CHARS = 16


def new_token() -> str:
    return secrets.token_urlsafe(16)


def is_token(token: object) -> bool:
    return isinstance(token, str) and TOKEN_PATTERN.fullmatch(token) is not None


def hashed_token(secret: str, token: str) -> str:
    """The external id stored for a browser or API token."""
    return HASHED_PREFIX + hmac.new(secret.encode("utf-8"), token.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Identity:
    """The server's identity secret, and the rule that turns a caller into the repository's external id."""

    secret: str = field(repr=False)

    @classmethod
    def from_secret(cls, secret: str = "") -> "Identity":
        """Empty: a random secret, so every launch is a new set of users (tests)."""
        return cls(secret or secrets.token_urlsafe(32))

    def user_key(self, token: object, profile: object = None) -> str | None:
        """"hf:<username>" for a signed-in Hugging Face user, else the token's keyed hash; None for a missing or
        malformed token."""
        username = getattr(profile, "username", None) if profile is not None else None
        if isinstance(username, str) and username:
            return f"hf:{username}"
        return hashed_token(self.secret, token) if is_token(token) else None


def browser_secret(home: Path, configured: str = "") -> str:
    """gr.BrowserState's key (public by design): the configured one, else HOME/browser-secret."""
    return stored_secret(home, BROWSER_SECRET_FILE, configured, BROWSER_SECRET_ENV)


def identity_secret(home: Path, configured: str = "") -> str:
    """The key of the stored tokens' hashes (never leaves the server): the configured one, else HOME/identity-secret."""
    return stored_secret(home, IDENTITY_SECRET_FILE, configured, IDENTITY_SECRET_ENV)


def secrets_lost_at_restart(ui: UIConfig) -> list[str]:
    """The secrets that would be made up and kept in DUALREC_HOME although it does not survive a restart (a Space):
    after each restart every browser would become a new user and the feedback pseudonyms would change."""
    if not ui.on_space:
        return []
    return [variable for variable, configured in ((BROWSER_SECRET_ENV, ui.browser_secret),
                                                  (IDENTITY_SECRET_ENV, ui.identity_secret)) if not configured]


def stored_secret(home: Path, name: str, configured: str = "", variable: str = "") -> str:
    """The configured secret, else HOME/name: created once with mode 0600 and read back on every start."""
    if configured:
        if len(configured) < MIN_SECRET_CHARS:
            from recommender.errors import ConfigError

            raise ConfigError(f"{variable or name} must be at least {MIN_SECRET_CHARS} characters")
        return configured
    path = Path(home).expanduser() / name
    path.parent.mkdir(parents=True, exist_ok=True)
    try:  # O_EXCL: two processes starting at once still agree on one secret
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        secret = path.read_text(encoding="ascii").strip()
        if len(secret) >= MIN_SECRET_CHARS:
            return secret
        path.unlink()  # empty or torn (a crash while writing): nothing was keyed with it yet
        return stored_secret(home, name)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(secrets.token_urlsafe(32))
    return path.read_text(encoding="ascii").strip()
