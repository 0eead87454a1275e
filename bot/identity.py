"""Who is asking: a browser's random token or a Hugging Face login, turned into the repository's user key.

A browser keeps its token in localStorage through `gr.BrowserState`, which encrypts it with a secret. That
secret must outlive restarts, or every browser becomes a new user at each launch and loses sight of its rows:
it comes from DUALREC_BROWSER_SECRET (a Space secret) or from a file under DUALREC_HOME made once, readable by
its owner alone.
"""
from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
SECRET_FILE = "browser-secret"
MIN_SECRET_CHARS = 16


def new_token() -> str:
    return secrets.token_urlsafe(16)


def user_key(token: object, profile: object = None) -> str | None:
    """The repository's external id for this caller; None for a missing or malformed token."""
    username = getattr(profile, "username", None) if profile is not None else None
    if isinstance(username, str) and username:
        return f"hf:{username}"
    if isinstance(token, str) and TOKEN_PATTERN.match(token):
        return f"token:{token}"
    return None


def browser_secret(home: Path, configured: str = "") -> str:
    """The key that encrypts browser tokens: the configured one, else HOME/browser-secret (created once, 0600)."""
    if configured:
        if len(configured) < MIN_SECRET_CHARS:
            from recommender.errors import ConfigError

            raise ConfigError(f"DUALREC_BROWSER_SECRET must be at least {MIN_SECRET_CHARS} characters")
        return configured
    path = Path(home).expanduser() / SECRET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:  # O_EXCL: two processes starting at once still agree on one secret
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        secret = path.read_text(encoding="ascii").strip()
        if len(secret) >= MIN_SECRET_CHARS:
            return secret
        path.unlink()  # empty or torn (a crash while writing): nothing was encrypted with it yet
        return browser_secret(home)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(secrets.token_urlsafe(32))
    return path.read_text(encoding="ascii").strip()
