from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "mutuals.web"
    label = "web"
