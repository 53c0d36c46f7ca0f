"""Invitation codes a person may type from a screen or a printed page: 12 characters from an
alphabet without look-alikes (no 0/O, no 1/I), shown as XXXX-XXXX-XXXX (60 bits), read whatever
the case, spaces and dashes, and kept only as a SHA-256 of their normal form."""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12


def normalise_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper()


def hash_code(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))
