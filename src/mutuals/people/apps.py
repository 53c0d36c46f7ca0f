from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "mutuals.people"
    label = "people"
