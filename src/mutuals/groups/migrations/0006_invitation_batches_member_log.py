"""E-mail invitations sent in the background (`InvitationBatch`, each invitation's state), the
account an invitation made, and `MemberLog` (joined, left, started and stopped pooling per
group and day), filled from the members there are now: each counted as joined on the day they
joined and, when they pool, as starting to pool that day too (when they started is not known).
Members who left before this migration left no trace to count."""

from collections import Counter

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_member_log(apps, schema_editor):
    from django.utils import timezone

    Membership = apps.get_model("groups", "Membership")
    MemberLog = apps.get_model("groups", "MemberLog")
    joined, pooling = Counter(), Counter()
    for group_id, joined_at, scope in Membership.objects.values_list(
        "group_id", "joined_at", "scope"
    ).iterator():
        key = (group_id, timezone.localdate(joined_at))
        joined[key] += 1
        pooling[key] += scope != "none"
    MemberLog.objects.bulk_create(
        (
            MemberLog(group_id=g, day=d, joined=n, started_pooling=pooling[(g, d)])
            for (g, d), n in joined.items()
        ),
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0005_build_indexes_concurrently"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="MemberLog",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField()),
                ("joined", models.PositiveIntegerField(default=0)),
                ("left", models.PositiveIntegerField(default=0)),
                ("started_pooling", models.PositiveIntegerField(default=0)),
                ("stopped_pooling", models.PositiveIntegerField(default=0)),
            ],
            options={
                "ordering": ["-day"],
            },
        ),
        migrations.AddField(
            model_name="groupinvitation",
            name="account",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="groupinvitation",
            name="claimed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="groupinvitation",
            name="reason",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="groupinvitation",
            name="sent_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="groupinvitation",
            name="state",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "made, not sent by mutuals"),
                    ("waiting", "waiting to be sent"),
                    ("sending", "being sent"),
                    ("sent", "sent"),
                    ("failed", "not sent"),
                ],
                default="",
                max_length=10,
            ),
        ),
        migrations.CreateModel(
            name="InvitationBatch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField()),
                ("days", models.PositiveSmallIntegerField()),
                ("link_root", models.CharField(blank=True, max_length=300)),
                ("total", models.PositiveIntegerField()),
                (
                    "group",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="groups.group",
                    ),
                ),
                (
                    "invited_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.AddField(
            model_name="groupinvitation",
            name="batch",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="invitations",
                to="groups.invitationbatch",
            ),
        ),
        migrations.AddIndex(
            model_name="groupinvitation",
            index=models.Index(fields=["batch", "state"], name="invitation_batch_state"),
        ),
        migrations.AddField(
            model_name="memberlog",
            name="group",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="groups.group"
            ),
        ),
        migrations.AddConstraint(
            model_name="memberlog",
            constraint=models.UniqueConstraint(fields=("group", "day"), name="memberlog_one_a_day"),
        ),
        migrations.RunPython(fill_member_log, migrations.RunPython.noop),
    ]
