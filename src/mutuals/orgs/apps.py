from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "mutuals.orgs"
    label = "orgs"
