"""On PostgreSQL, the pool's three large indexes are built here, CONCURRENTLY: searches and
pooling go on while they are made (minutes at millions of rows), where migration 0003 used to
build them inside its transaction, the pooled rows locked for writes all along.

- `pooled_group_org_words`: the organisation's index, carrying the words (0003's state);
- `reach_group_org`: each member's reach per organisation (0003's state);
- `pooled_words_trgm`: the trigram index for words searches (pg_trgm; outside Django's state,
  left out where the extension cannot be created, as in 0003: docs/deploy.md).

Non-atomic: CREATE INDEX CONCURRENTLY cannot run in a transaction. Nothing changes in Django's
state, and nothing happens on SQLite (0003 built the first two there; SQLite has no trigrams).
An install that applied 0003 as it was before already has the three indexes: each is looked
up first and left as it is. An index a failed concurrent build left invalid is dropped and made
again. Reversed, nothing happens: the indexes belong to 0003, whose reversal drops them.
"""

from django.db import DatabaseError, migrations

WORDS_INDEX = "pooled_words_trgm"
TABLE_INDEXES = (("pooledperson", "pooled_group_org_words"), ("pooledreach", "reach_group_org"))


def _state(cursor, name: str) -> bool | None:
    """Whether the index is there and valid (None: not there)."""
    cursor.execute(
        "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "WHERE c.relname = %s AND pg_catalog.pg_table_is_visible(c.oid)",
        [name],
    )
    found = cursor.fetchone()
    return None if found is None else bool(found[0])


def _build(cursor, name: str, sql: str) -> None:
    """Make the index CONCURRENTLY unless a valid one is there (an invalid one is remade)."""
    state = _state(cursor, name)
    if state:
        return
    if state is False:
        cursor.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{name}"')
    cursor.execute(sql)


def build_concurrently(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model_name, name in TABLE_INDEXES:
            model = apps.get_model("groups", model_name)
            index = next(index for index in model._meta.indexes if index.name == name)
            sql = index.create_sql(model, schema_editor, concurrently=True)
            _build(cursor, name, str(sql))
        if _state(cursor, WORDS_INDEX):
            return
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError:
            return  # not allowed here: words searches read the group's rows (docs/deploy.md)
        _build(
            cursor,
            WORDS_INDEX,
            f"CREATE INDEX CONCURRENTLY {WORDS_INDEX} ON groups_pooledperson "
            "USING gin (words_key gin_trgm_ops)",
        )


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("groups", "0004_pool_request_thanked"),
    ]

    operations = [
        migrations.RunPython(build_concurrently, migrations.RunPython.noop, elidable=False),
    ]
