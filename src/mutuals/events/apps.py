from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "mutuals.events"
    label = "events"
