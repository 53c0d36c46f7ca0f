from django.apps import AppConfig


class NeedsConfig(AppConfig):
    name = "mutuals.needs"
    label = "needs"
