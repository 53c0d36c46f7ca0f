from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "mutuals.network"
    label = "network"
