from django.apps import AppConfig

from partnerships.core.registry import NavItem, register_home_panel, register_nav


class DeadlinesConfig(AppConfig):
    """The register of statutory deadlines: working days, rules, reminders, the calendar feed."""

    name = "partnerships.deadlines"
    label = "deadlines"
    verbose_name = "Deadlines"

    def ready(self):
        # Imported here: these modules load models, and the app registry is not ready when apps.py is imported.
        from partnerships.core.permissions import Perm
        from partnerships.deadlines import sources
        from partnerships.deadlines.views import deadlines_panel

        register_nav(NavItem("Deadlines", "deadlines:deadline_list", Perm.VIEW, 80))
        sources.register_kinds()
        register_home_panel(deadlines_panel)
