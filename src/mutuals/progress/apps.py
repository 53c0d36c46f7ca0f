from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "mutuals.progress"
    label = "progress"
