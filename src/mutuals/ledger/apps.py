from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "mutuals.ledger"
    label = "ledger"
