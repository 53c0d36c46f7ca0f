"""Database housekeeping that Django leaves to the application."""

from __future__ import annotations

from django.db import connection


def gather_statistics() -> None:
    """Refresh the query planner's table statistics (ANALYZE).

    SQLite keeps none until asked, and without them it reads a large owner's people through
    an owner index one row at a time: the agenda and people list run about twice as slow
    (docs/performance.md). Run at server start and after bulk loads; PostgreSQL's autovacuum
    would get there eventually, so after a bulk load it helps there too.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
