from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "mutuals.coaching"
    label = "coaching"
