from django.apps import AppConfig


class LeadsConfig(AppConfig):
    name = "mutuals.leads"
    label = "leads"
