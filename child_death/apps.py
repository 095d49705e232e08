from django.apps import AppConfig


class ChildDeathConfig(AppConfig):
    name = "child_death"
    verbose_name = "Child death reviews"
