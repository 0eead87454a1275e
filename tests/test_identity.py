"""bot/identity.py: tokens are matched on the whole string and stored only as keyed hashes; the secrets are made
once, private, and kept."""
import stat

import pytest

from bot.identity import HASHED_PREFIX, TOKEN_PATTERN, Identity, identity_secret, is_token, new_token
from recommender.errors import ConfigError

TOKEN = "alice-token-0123456789"


def test_a_token_is_stored_as_its_keyed_hash_never_in_the_clear():
    identity = Identity("server-secret-0123456789")
    key = identity.user_key(TOKEN)
    assert key.startswith(HASHED_PREFIX) and TOKEN not in key and len(key) == len(HASHED_PREFIX) + 64
    assert identity.user_key(TOKEN) == key and Identity("server-secret-0123456789").user_key(TOKEN) == key
    assert Identity("another-secret-0123456789").user_key(TOKEN) != key  # keyed: the hash alone checks nothing
    assert identity.user_key("bob-token-0123456789ab") != key


def test_a_hashed_id_can_never_be_read_as_a_stored_raw_token():
    """Revision 0004 hashes "token:<raw>" rows and leaves "token-hmac:" rows: the two forms cannot meet."""
    key = Identity.from_secret().user_key(new_token())
    assert not key.startswith("token:") and not TOKEN_PATTERN.fullmatch(key)


@pytest.mark.parametrize("token", [TOKEN + "\n", TOKEN + "\r\n", "\n" + TOKEN, TOKEN + " ", TOKEN + "\x00",
                                   "x" * 15, "x" * 65, "tok€n-0123456789abc", 12345678901234567890, None, [TOKEN]])
def test_only_a_whole_well_formed_token_names_a_user(token):
    assert not is_token(token) and Identity.from_secret().user_key(token) is None


def test_the_identity_secret_is_made_once_private_and_kept(tmp_path):
    first = identity_secret(tmp_path / "home")
    assert len(first) >= 32 and identity_secret(tmp_path / "home") == first
    assert stat.S_IMODE((tmp_path / "home" / "identity-secret").stat().st_mode) == 0o600
    assert identity_secret(tmp_path / "home", "a-space-secret-0123456789") == "a-space-secret-0123456789"
    with pytest.raises(ConfigError, match="DUALREC_IDENTITY_SECRET"):
        identity_secret(tmp_path / "home", "short")
    assert not (tmp_path / "home" / "browser-secret").exists()  # a key of its own, not the page's public one


def test_the_identity_secret_is_not_the_public_browser_secret(tmp_path):
    from bot.identity import browser_secret

    assert identity_secret(tmp_path) != browser_secret(tmp_path)
