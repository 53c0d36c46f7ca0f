from django.apps import AppConfig


class PromisesConfig(AppConfig):
    name = "mutuals.promises"
    label = "promises"
