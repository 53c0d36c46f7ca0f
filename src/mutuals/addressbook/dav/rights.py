"""Radicale's rights plugin: read-only, and only one's own address book.

The root may be listed ("R": it shows only one's own principal), one's principal collection
read ("R") and one's address book read ("r"); nothing may be written anywhere, so PUT, DELETE,
MKCOL, MOVE and PROPPATCH answer 403. Any other path, another user's above all, is refused.
"""

from __future__ import annotations

from radicale import pathutils, rights

from mutuals.addressbook.dav import BOOK


class Rights(rights.BaseRights):
    def authorization(self, user: str, user_groups: set, path: str) -> str:
        if not user:
            return ""
        parts = [part for part in pathutils.strip_path(path).split("/") if part]
        if not parts:
            return "R"
        if parts[0] != user:
            return ""
        if len(parts) == 1:
            return "R"
        if len(parts) == 2 and parts[1] == BOOK:
            return "r"
        return ""
