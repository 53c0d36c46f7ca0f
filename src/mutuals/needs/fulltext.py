"""Matching on the database's own full-text search: SQLite FTS5 or PostgreSQL's tsvector.

Each need stores the analyzer's terms (core.matching.analyze) in `search_terms`: one token per
term, prefixed with the owner's id so that every owner's vocabulary is separate, after one
owner token that lets the index count the owner's needs. The database indexes those tokens
exactly as they are and keeps the index in step with the needs table by itself:

- SQLite: an FTS5 table `needs_fts` holding the tokens of open needs, filled by triggers on
  `needs_need`, and an fts5vocab table over it that counts the needs per token (`needs_fts_terms`);
- PostgreSQL: a GIN index over `array_to_tsvector(string_to_array(search_terms, ' '))` for open
  needs.

A search asks the index how many open needs contain each of the text's terms, keeps the text's
most telling terms (core.matching.telling_terms), lets the database rank the needs containing
them (see `search`) and rescores the best in core.matching, so both databases, the in-memory
index and the plain scan give the same results (tests/services/test_needs_fulltext.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

from mutuals.core.matching import (
    CollectionStats,
    Match,
    NeedDoc,
    NeedIndex,
    Token,
    analyze,
    best_sums,
    explain,
    rank,
    telling_terms,
)
from mutuals.needs.models import Need

_PLAIN = re.compile(r"[a-pr-z0-9][a-z0-9]*")  # kept as is; anything else (or a leading q) is hex


POOL_EXTRA = 50  # needs kept beyond k by the vectorised sum, then rescored exactly


def owner_token(owner_id: int) -> str:
    """The token every need of this owner carries once, so the index counts the owner's needs."""
    return f"{owner_id}x"


def token(owner_id: int, term: str) -> str:
    """A term as an index token: ASCII letters and digits only, so both databases' tokenizers
    keep it whole, and unambiguous: a token whose term starts with 'q' is always hex."""
    encoded = term if _PLAIN.fullmatch(term) else "q" + term.encode().hex()
    return f"{owner_id}x{encoded}"


def search_terms(owner_id: int, text: str) -> str:
    """What a need of this owner with this text stores in `search_terms`."""
    return " ".join([owner_token(owner_id), *(token(owner_id, t.term) for t in analyze(text))])


def search(*, owner: AbstractBaseUser, text: str, k: int = 10) -> list[tuple[Match, str]]:
    """The owner's open needs that `text` serves best, best first, with each need's text.

    The database lists the needs containing each of the text's telling terms; core.matching
    sums their idf per need (its score), keeps the best k + POOL_EXTRA and rescores them with
    exactly rounded sums, so the order never hangs on the order floating-point numbers are added.
    """
    query = analyze(text)
    tokens_of = {t.term: token(owner.pk, t.term) for t in query}
    if k <= 0 or not tokens_of:
        return []
    backend = _BACKENDS.get(connection.vendor)
    if backend is None:  # a database without full-text search here: rank in memory
        return _in_memory(owner, text, k)
    stats = backend.stats(owner, sorted(set(tokens_of.values())))
    weights = telling_terms([Token(tokens_of[t.term], t.start, t.end) for t in query], stats)
    if not weights:
        return []
    terms = sorted(weights)
    lists = backend.postings(owner, terms)
    pool = best_sums(
        [(weights[t], ids) for t, ids in zip(terms, lists, strict=True)], k + POOL_EXTRA
    )
    rows = Need.objects.filter(owner=owner, pk__in=pool).values_list(
        "id", "person_id", "person__full_name", "text", "kind", "direction", "search_terms"
    )
    needs = {
        pk: NeedDoc(pk, person_id, name or "", need, kind, direction)
        for pk, person_id, name, need, kind, direction, _ in rows
    }
    ranked = rank(((row[0], set(row[6].split())) for row in rows), weights, k)
    return [(explain(needs[i], found, query), needs[i].text) for found, i in ranked]


def _in_memory(owner: AbstractBaseUser, text: str, k: int) -> list[tuple[Match, str]]:
    rows = Need.objects.filter(owner=owner, status="open").values_list(
        "id", "person_id", "person__full_name", "text", "kind", "direction"
    )
    docs = [NeedDoc(pk, person, name or "", *rest) for pk, person, name, *rest in rows]
    texts = {doc.id: doc.text for doc in docs}
    return [(found, texts[found.need_id]) for found in NeedIndex(docs).search(text, k=k)]


def _marks(values: Sequence[object]) -> str:
    return ", ".join("%s" for _ in values)


class _SQLite:
    @staticmethod
    def stats(owner: AbstractBaseUser, tokens: Sequence[str]) -> CollectionStats:
        everyone = owner_token(owner.pk)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT term, doc FROM needs_fts_terms WHERE term IN ({_marks(tokens)}, %s)",
                [*tokens, everyone],
            )
            frequency = dict(cursor.fetchall())
        return CollectionStats(frequency.pop(everyone, 0), frequency)

    @staticmethod
    def postings(owner: AbstractBaseUser, terms: Sequence[str]) -> list[Sequence[int]]:
        each = "(SELECT group_concat(rowid) FROM needs_fts WHERE needs_fts MATCH %s)"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(each for _ in terms)}", [f'"{t}"' for t in terms])
            return [_ids(listed) for listed in cursor.fetchone()]


_VECTOR = "array_to_tsvector(string_to_array(search_terms, ' '))"
_OPEN = f"owner_id = %s AND status = 'open' AND {_VECTOR} @@ %s::tsquery"


class _PostgreSQL:
    @staticmethod
    def stats(owner: AbstractBaseUser, tokens: Sequence[str]) -> CollectionStats:
        everyone = owner_token(owner.pk)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT t.lexeme, count(*) FROM needs_need, unnest({_VECTOR}) t "
                f"WHERE {_OPEN} AND t.lexeme = ANY(%s) GROUP BY t.lexeme "
                "UNION ALL SELECT %s, count(*) FROM needs_need "
                "WHERE owner_id = %s AND status = 'open'",
                [owner.pk, _tsquery(tokens), list(tokens), everyone, owner.pk],
            )
            frequency = dict(cursor.fetchall())
        return CollectionStats(frequency.pop(everyone, 0), frequency)

    @staticmethod
    def postings(owner: AbstractBaseUser, terms: Sequence[str]) -> list[Sequence[int]]:
        each = f"(SELECT string_agg(id::text, ',') FROM needs_need WHERE {_OPEN})"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {', '.join(each for _ in terms)}",
                [v for t in terms for v in (owner.pk, f"'{t}'")],
            )
            return [_ids(listed) for listed in cursor.fetchone()]


def _ids(listed: str | None) -> Sequence[int]:
    """Need ids listed by the database as '12,40,41' (None when no need has the term)."""
    import numpy as np  # here, not at the top: every CLI command would pay for the import

    return np.fromstring(listed, dtype=np.int64, sep=",") if listed else []


def _tsquery(tokens: Iterable[str]) -> str:
    return " | ".join(f"'{t}'" for t in tokens)  # tokens are [a-z0-9]: nothing to escape


_BACKENDS = {"sqlite": _SQLite, "postgresql": _PostgreSQL}

# ---- the index itself, created and dropped by migrations -------------------------------------

SQLITE_TRIGGERS = [
    "CREATE TRIGGER needs_fts_insert AFTER INSERT ON needs_need WHEN new.status = 'open' "
    "BEGIN INSERT INTO needs_fts (rowid, terms) VALUES (new.id, new.search_terms); END",
    "CREATE TRIGGER needs_fts_delete AFTER DELETE ON needs_need WHEN old.status = 'open' "
    "BEGIN DELETE FROM needs_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER needs_fts_update AFTER UPDATE OF status, search_terms ON needs_need "
    "BEGIN DELETE FROM needs_fts WHERE rowid = old.id; "
    "INSERT INTO needs_fts (rowid, terms) SELECT new.id, new.search_terms "
    "WHERE new.status = 'open'; END",
]  # a migration that rebuilds needs_need on SQLite drops these: it must create them again
_SQLITE_INSTALL = [
    "CREATE VIRTUAL TABLE needs_fts USING fts5(terms, tokenize = 'ascii')",
    "CREATE VIRTUAL TABLE needs_fts_terms USING fts5vocab(needs_fts, 'row')",
    "INSERT INTO needs_fts (rowid, terms) SELECT id, search_terms FROM needs_need "
    "WHERE status = 'open'",
    *SQLITE_TRIGGERS,
]
_SQLITE_UNINSTALL = [
    "DROP TRIGGER IF EXISTS needs_fts_update",
    "DROP TRIGGER IF EXISTS needs_fts_delete",
    "DROP TRIGGER IF EXISTS needs_fts_insert",
    "DROP TABLE IF EXISTS needs_fts_terms",
    "DROP TABLE IF EXISTS needs_fts",
]
_POSTGRESQL_INSTALL = [
    f"CREATE INDEX needs_need_search ON needs_need USING gin (({_VECTOR})) WHERE status = 'open'"
]
_POSTGRESQL_UNINSTALL = ["DROP INDEX IF EXISTS needs_need_search"]


def install(database: BaseDatabaseWrapper) -> None:
    """Create the full-text index for the existing needs' `search_terms`."""
    _execute(database, {"sqlite": _SQLITE_INSTALL, "postgresql": _POSTGRESQL_INSTALL})


def uninstall(database: BaseDatabaseWrapper) -> None:
    _execute(database, {"sqlite": _SQLITE_UNINSTALL, "postgresql": _POSTGRESQL_UNINSTALL})


def _execute(database: BaseDatabaseWrapper, statements: dict[str, list[str]]) -> None:
    with database.cursor() as cursor:
        for statement in statements.get(database.vendor, []):
            cursor.execute(statement)
