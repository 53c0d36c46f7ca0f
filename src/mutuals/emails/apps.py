from django.apps import AppConfig


class EmailsConfig(AppConfig):
    name = "mutuals.emails"
    label = "emails"
