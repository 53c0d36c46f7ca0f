"""Stale members by a flag; each member's reach per organisation; the search's indexes.

- `PooledReach`: one row per member and organisation with the warmest closeness, filled from
  the pooled rows, so a search for an organisation counts one row per member.

- The organisation's index also carries the words (INCLUDE, PostgreSQL only), so a search for
  words at an organisation reads the index alone; the pooled rows lose two indexes that others
  already served (the group's, the member's twice over).

- `Membership.stale` replaces comparing each member's records version on every search: members
  whose rows were built from an older version than their current one (or everyone's) are
  marked stale before the two tokens go, so their rows are rebuilt at the next search.
- On PostgreSQL, a trigram index (pg_trgm, GIN) on `PooledPerson.words_key` serves a words
  search's `LIKE '% word %'`. pg_trgm is a trusted extension from PostgreSQL 13: the database's
  owner may create it. Where it cannot be created (older servers without a superuser, or the
  contrib package missing), the index is left out and words searches read the group's rows, as
  before (docs/deploy.md). Nothing happens on SQLite.
- On PostgreSQL the large indexes (the organisation's with the words, the reach's, the
  trigram one) are built by migration 0005, CONCURRENTLY, outside this migration's transaction
  (the state here is unchanged); an install that applied this migration when it built them
  keeps them, and 0005 finds them there.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

WORDS_INDEX = "pooled_words_trgm"


def mark_outdated_stale(apps, schema_editor):
    Membership = apps.get_model("groups", "Membership")
    Version = apps.get_model("changes", "Version")
    tokens = dict(Version.objects.values_list("owner_id", "token"))
    everyone = tokens.get(0) or ""
    outdated = [
        pk
        for pk, user_id, token, seen in Membership.objects.exclude(scope="none").values_list(
            "pk", "user_id", "pool_token", "pool_everyone"
        )
        if token != (tokens.get(user_id) or "") or seen != everyone
    ]
    for start in range(0, len(outdated), 1000):
        Membership.objects.filter(pk__in=outdated[start : start + 1000]).update(stale=True)


def fill_reach(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO groups_pooledreach (group_id, member_id, organisation_key, closeness) "
            "SELECT group_id, member_id, organisation_key, MIN(closeness) "
            "FROM groups_pooledperson WHERE organisation_key <> '' "
            "GROUP BY group_id, member_id, organisation_key"
        )


# The two large indexes of the state: on PostgreSQL, migration 0005 builds them CONCURRENTLY
# (with the trigram index), outside this migration's transaction; elsewhere they are made here.
ORG_WORDS = models.Index(
    fields=["group", "organisation_key", "member", "closeness"],
    include=("words_key",),
    name="pooled_group_org_words",
)
REACH = models.Index(
    fields=["group", "organisation_key", "member", "closeness"], name="reach_group_org"
)


def reach_fields():
    """PooledReach's fields, new each time: the state and the database make the same table."""
    return [
        (
            "id",
            models.BigAutoField(
                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
            ),
        ),
        ("organisation_key", models.CharField(max_length=200)),
        ("closeness", models.PositiveSmallIntegerField()),
        (
            "group",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="groups.group",
            ),
        ),
        (
            "member",
            models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="groups.membership",
            ),
        ),
    ]


def add_unless_postgresql(model_name, index):
    def add(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            schema_editor.add_index(apps.get_model("groups", model_name), index)

    return add


def drop(index):
    def dropped(apps, schema_editor):
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f'DROP INDEX IF EXISTS "{index.name}"')

    return dropped


def drop_words_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {WORDS_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0002_requests"),
        ("changes", "0001_initial"),
        ("people", "0007_people_list_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(model_name="pooledperson", name="pooled_group_org"),
        migrations.RemoveIndex(model_name="pooledperson", name="pooled_member"),
        migrations.AlterField(
            model_name="pooledperson",
            name="group",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="groups.group",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="pooledperson", index=ORG_WORDS)],
            database_operations=[
                migrations.RunPython(
                    add_unless_postgresql("pooledperson", ORG_WORDS), drop(ORG_WORDS)
                )
            ],
        ),
        migrations.AddField(
            model_name="membership",
            name="stale",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_outdated_stale, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="membership",
            name="pool_everyone",
        ),
        migrations.RemoveField(
            model_name="membership",
            name="pool_token",
        ),
        migrations.AddIndex(
            model_name="membership",
            index=models.Index(
                condition=models.Q(("stale", True)), fields=["group"], name="membership_stale"
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PooledReach",
                    fields=reach_fields(),
                    options={"indexes": [REACH]},
                ),
            ],
            database_operations=[
                migrations.CreateModel(
                    name="PooledReach",
                    fields=reach_fields(),
                ),
                migrations.RunPython(add_unless_postgresql("pooledreach", REACH), drop(REACH)),
            ],
        ),
        migrations.RunPython(fill_reach, migrations.RunPython.noop),
        # Built by 0005, CONCURRENTLY (PostgreSQL only); dropped here when 0003 is reversed.
        migrations.RunPython(migrations.RunPython.noop, drop_words_index),
    ]
