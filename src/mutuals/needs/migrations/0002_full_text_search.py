"""Matching on the database's full-text search: each need's terms, and the index over them."""

from django.db import migrations, models


def index_existing_needs(apps, schema_editor):
    from mutuals.needs.fulltext import search_terms

    Need = apps.get_model("needs", "Need")
    needs = list(Need.objects.using(schema_editor.connection.alias).only("id", "owner_id", "text"))
    for need in needs:
        need.search_terms = search_terms(need.owner_id, need.text)
    Need.objects.using(schema_editor.connection.alias).bulk_update(
        needs, ["search_terms"], batch_size=500
    )


def install_index(apps, schema_editor):
    from mutuals.needs.fulltext import install

    install(schema_editor.connection)


def uninstall_index(apps, schema_editor):
    from mutuals.needs.fulltext import uninstall

    uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("needs", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="need",
            name="search_terms",
            field=models.TextField(
                blank=True,
                default="",
                editable=False,
                help_text="The text's matching terms as full-text tokens (mutuals.needs.fulltext).",
            ),
        ),
        migrations.RunPython(index_existing_needs, migrations.RunPython.noop),
        migrations.RunPython(install_index, uninstall_index),
    ]
