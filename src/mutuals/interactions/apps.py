from django.apps import AppConfig


class InteractionsConfig(AppConfig):
    name = "mutuals.interactions"
    label = "interactions"
