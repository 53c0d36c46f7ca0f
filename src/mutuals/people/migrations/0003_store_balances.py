"""Store the give/receive balance of everyone with exchanges, as of the day this runs.

Balances became stored on Person in 0002 (default: nothing exchanged yet); this computes them
with core.reciprocity from the exchanges already recorded. Later changes keep them up to date
(people.services.refresh_balances). Reversing needs nothing: 0002's reversal drops the columns.
"""

from collections import defaultdict

from django.db import migrations
from django.utils import timezone

from mutuals.core import reciprocity


def store_balances(apps, schema_editor):
    exchange_model = apps.get_model("ledger", "Exchange")
    person_model = apps.get_model("people", "Person")
    today = timezone.localdate()
    by_person = defaultdict(list)
    rows = exchange_model.objects.values_list("person_id", "occurred_on", "direction", "kind")
    for person_id, on, direction, kind in rows.iterator(chunk_size=2000):
        by_person[person_id].append(
            reciprocity.Exchange(
                on=on,
                direction=reciprocity.Direction(direction),
                kind=reciprocity.ExchangeKind(kind),
            )
        )
    people = []
    for person_id, exchanges in by_person.items():
        found = reciprocity.balance(exchanges, today)
        people.append(
            person_model(
                pk=person_id, balance=found.score, balance_label=found.label, balance_on=today
            )
        )
    person_model.objects.bulk_update(
        people, ["balance", "balance_label", "balance_on"], batch_size=200
    )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_person_balance"),
        ("ledger", "0002_initial"),
    ]

    operations = [migrations.RunPython(store_balances, migrations.RunPython.noop)]
