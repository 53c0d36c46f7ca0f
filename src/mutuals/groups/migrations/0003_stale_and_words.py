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


def add_words_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from django.db import DatabaseError, transaction

    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        return  # not allowed here: words searches read the group's rows (docs/deploy.md)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {WORDS_INDEX} ON groups_pooledperson "
            "USING gin (words_key gin_trgm_ops)"
        )


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
        migrations.AddIndex(
            model_name="pooledperson",
            index=models.Index(
                fields=["group", "organisation_key", "member", "closeness"],
                include=("words_key",),
                name="pooled_group_org_words",
            ),
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
        migrations.CreateModel(
            name="PooledReach",
            fields=[
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
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["group", "organisation_key", "member", "closeness"],
                        name="reach_group_org",
                    )
                ],
            },
        ),
        migrations.RunPython(fill_reach, migrations.RunPython.noop),
        migrations.RunPython(add_words_index, drop_words_index),
    ]
