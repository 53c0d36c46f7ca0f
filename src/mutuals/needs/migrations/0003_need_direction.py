"""Each need says which side its person is on: looking for something, or hiring or offering it.

Existing needs get the direction their words say, by the same pure rule new needs use when
no one chooses (core.matching.direction.infer_direction): the kind "hire", or words like
"hiring", "we're looking for a", "recruiting a", "has an opening" make a need *offering*;
every other need is *looking*, as all needs were read before. Users can change it on any need.

Adding a column with a default rebuilds `needs_need` on SQLite, which drops the full-text
triggers (needs.fulltext.SQLITE_TRIGGERS): the index is taken down first and put back after.
"""

from django.db import migrations, models


def infer_directions(apps, schema_editor):
    from mutuals.core.matching.direction import OFFERING, infer_direction

    Need = apps.get_model("needs", "Need")
    needs = Need.objects.using(schema_editor.connection.alias)
    offering = [
        pk
        for pk, text, kind in needs.values_list("id", "text", "kind").iterator()
        if infer_direction(text, kind) == OFFERING
    ]
    for start in range(0, len(offering), 500):
        needs.filter(pk__in=offering[start : start + 500]).update(direction=OFFERING)


def install_index(apps, schema_editor):
    from mutuals.needs.fulltext import install

    install(schema_editor.connection)


def uninstall_index(apps, schema_editor):
    from mutuals.needs.fulltext import uninstall

    uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("needs", "0002_full_text_search")]

    operations = [
        migrations.RunPython(uninstall_index, install_index),
        migrations.AddField(
            model_name="need",
            name="direction",
            field=models.CharField(
                choices=[("looking", "Looking for"), ("offering", "Hiring or offering")],
                default="looking",
                max_length=10,
            ),
        ),
        migrations.RunPython(infer_directions, migrations.RunPython.noop),
        migrations.RunPython(install_index, uninstall_index),
    ]
