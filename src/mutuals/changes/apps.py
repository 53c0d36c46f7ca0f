from django.apps import AppConfig
from django.db.backends.signals import connection_created


class ChangesConfig(AppConfig):
    name = "mutuals.changes"
    label = "changes"

    def ready(self) -> None:
        from mutuals.changes.tracking import watch_connection

        connection_created.connect(watch_connection, dispatch_uid="mutuals.changes.watch")
