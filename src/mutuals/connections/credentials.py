"""Account passwords at rest: Fernet (AES in CBC mode with an HMAC) under a key derived from
the install's secret key with HKDF, so the database alone (a copy, a backup of the file) does
not give the password away, and nothing else needs to be kept.

If the secret key changes, the passwords can no longer be read: `reveal` says so in words and
the account asks for its password again.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

PURPOSE = b"mutuals connections: account passwords, v1"


class SecretUnreadable(Exception):
    """The stored password cannot be decrypted with this install's key."""


def _fernet(secret_key: str | None = None) -> Fernet:
    material = (secret_key if secret_key is not None else settings.SECRET_KEY).encode()
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=PURPOSE).derive(material)
    return Fernet(base64.urlsafe_b64encode(key))


def seal(password: str, *, secret_key: str | None = None) -> str:
    """The password encrypted, as text for the database."""
    return _fernet(secret_key).encrypt(password.encode()).decode("ascii")


def reveal(token: str, *, secret_key: str | None = None) -> str:
    """The password back; SecretUnreadable when this install's key did not seal it."""
    try:
        return _fernet(secret_key).decrypt(token.encode("ascii")).decode()
    except (InvalidToken, ValueError, UnicodeError) as error:
        raise SecretUnreadable from error
