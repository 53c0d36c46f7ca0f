"""Radicale's storage plugin: each user's people as one read-only address book.

Paths: the root lists only the signed-in user's principal `u<id>/`, which holds one address
book, `people/`, whose items are `person-<id>.vcf` (`addressbook.selectors.cards`). A path under
another principal finds nothing (404), whatever the rights plugin said: the signed-in user is
known from `acquire_lock`, which Radicale calls around every read with their name.

ETags are SHA-256 hashes of each card's text, so a card's tag changes exactly when what a phone
shows of that person does; the address book's tag (CalendarServer's getctag) hashes them all.
Sync tokens (RFC 6578) name a state of the address book; the last `REMEMBERED_STATES` states
are remembered in this process, so a client syncing from one of them is told only the cards
that changed or went away. A token this process does not know (after a restart, or from
another process of `mutuals serve --processes`) answers "invalid token", and the client lists
the address book again and fetches the cards whose ETag changed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from email.utils import format_datetime

from django.contrib.auth import get_user_model
from radicale import item as radicale_item
from radicale import pathutils, storage, types

from mutuals.addressbook import selectors
from mutuals.addressbook.dav import BOOK, principal_for, user_id_of

REMEMBERED_STATES = 64
SYNC_PREFIX = "http://mutuals.invalid/ns/sync/"
BOOK_META = {
    "tag": "VADDRESSBOOK",
    "D:displayname": "mutuals",
    "CR:addressbook-description": "Your people in mutuals (read-only)",
}

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_locked = threading.local()
_states: OrderedDict[str, dict[str, str]] = OrderedDict()
_states_lock = threading.Lock()


def _signed_in() -> str:
    stack = getattr(_locked, "users", [])
    return stack[-1] if stack else ""


class _ReadOnly(storage.BaseCollection):
    def __init__(self, path: str) -> None:
        self._path = path

    @property
    def path(self) -> str:
        return self._path

    def get_meta(self, key: str | None = None):  # type: ignore[override]
        return {} if key is None else None

    def set_meta(self, props: Mapping[str, str]) -> None:
        raise PermissionError("the address book is read-only")

    def upload(self, href, item):  # type: ignore[no-untyped-def]
        raise PermissionError("the address book is read-only")

    def delete(self, href: str | None = None) -> None:
        raise PermissionError("the address book is read-only")

    def get_multi(self, hrefs: Iterable[str]):  # type: ignore[no-untyped-def]
        return ((href, None) for href in hrefs)

    def get_all(self) -> Iterable[radicale_item.Item]:
        return ()

    @property
    def last_modified(self) -> str:
        return format_datetime(_EPOCH, usegmt=True)


class AddressBook(_ReadOnly):
    def __init__(self, owner) -> None:  # type: ignore[no-untyped-def]
        super().__init__(f"{principal_for(int(owner.pk))}/{BOOK}")
        self._owner = owner
        self._cards: dict[str, selectors.Card] | None = None

    def _all_cards(self) -> dict[str, selectors.Card]:
        if self._cards is None:
            self._cards = selectors.cards(owner=self._owner)
        return self._cards

    def get_meta(self, key: str | None = None):  # type: ignore[override]
        return dict(BOOK_META) if key is None else BOOK_META.get(key)

    def _item(self, card: selectors.Card) -> radicale_item.Item:
        return radicale_item.Item(
            collection=self,
            href=card.href,
            text=card.text,
            etag=card.etag,
            uid=card.uid,
            name="VCARD",
            component_name="VCARD",
            last_modified=format_datetime(card.changed_at, usegmt=True),
        )

    def get_all(self) -> Iterator[radicale_item.Item]:
        return (self._item(card) for card in self._all_cards().values())

    def get_multi(self, hrefs: Iterable[str]):  # type: ignore[no-untyped-def]
        cards = self._all_cards()
        for href in hrefs:
            card = cards.get(href)
            yield href, self._item(card) if card is not None else None

    def has_uid(self, uid: str) -> bool:
        return any(card.uid == uid for card in self._all_cards().values())

    @property
    def etag(self) -> str:
        digest = hashlib.sha256()
        for href, card in self._all_cards().items():
            digest.update(f"{href}/{card.etag}".encode())
        return f'"{digest.hexdigest()}"'

    @property
    def last_modified(self) -> str:
        newest = max((card.changed_at for card in self._all_cards().values()), default=_EPOCH)
        return format_datetime(newest, usegmt=True)

    def sync(self, old_token: str = "") -> tuple[str, Iterable[str]]:
        state = {href: card.etag for href, card in self._all_cards().items()}
        token = SYNC_PREFIX + self.etag.strip('"')
        with _states_lock:
            _states[token] = state
            _states.move_to_end(token)
            while len(_states) > REMEMBERED_STATES:
                _states.popitem(last=False)
            old = _states.get(old_token) if old_token else None
        if not old_token:
            return token, list(state)
        if old is None:
            raise ValueError("this sync token is not known here")
        changed = [href for href, etag in state.items() if old.get(href) != etag]
        gone = [href for href in old if href not in state]
        return token, changed + gone


class Storage(storage.BaseStorage):
    _supports_unicode = True

    def discover(  # type: ignore[override]
        self, path: str, depth: str = "0", child_context_manager=None, user_groups=frozenset()
    ) -> Iterator[types.CollectionOrItem]:
        parts = [part for part in pathutils.strip_path(path).split("/") if part]
        principal = _signed_in()
        if not parts:
            yield _ReadOnly("")
            if depth != "0" and principal:
                yield _ReadOnly(principal)
            return
        owner = _owner(parts[0], principal)
        if owner is None or len(parts) > 3:
            return
        if len(parts) == 1:
            yield _ReadOnly(parts[0])
            if depth != "0":
                yield AddressBook(owner)
            return
        if parts[1] != BOOK:
            return
        book = AddressBook(owner)
        if len(parts) == 2:
            yield book
            if depth != "0":
                yield from book.get_all()
            return
        found = dict(book.get_multi([parts[2]]))[parts[2]]
        if found is not None:
            yield found

    def move(self, item, to_collection, to_href) -> None:  # type: ignore[no-untyped-def]
        raise PermissionError("the address book is read-only")

    def create_collection(self, href, items=None, props=None):  # type: ignore[no-untyped-def]
        raise PermissionError("the address book is read-only")

    @contextlib.contextmanager
    def acquire_lock(self, mode: str, user: str = "", *args, **kwargs) -> Iterator[None]:  # type: ignore[override]
        stack = getattr(_locked, "users", None)
        if stack is None:
            stack = _locked.users = []
        stack.append(user or "")
        try:
            yield
        finally:
            stack.pop()

    def verify(self) -> bool:
        return True


def _owner(principal: str, signed_in: str):  # type: ignore[no-untyped-def]
    """The user whose principal this is, only when it is the signed-in user's own."""
    if not principal or principal != signed_in:
        return None
    user_id = user_id_of(principal)
    if user_id is None:
        return None
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


def forget_states() -> None:
    with _states_lock:
        _states.clear()
