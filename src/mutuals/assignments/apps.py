from django.apps import AppConfig


class AssignmentsConfig(AppConfig):
    name = "mutuals.assignments"
    label = "assignments"
