from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "mutuals.groups"
    label = "groups"
