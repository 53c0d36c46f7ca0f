from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "mutuals.feedback"
    label = "feedback"
