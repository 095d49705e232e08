from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    """The register of statutory deadlines: working days, rules, reminders, the calendar feed."""

    name = "partnerships.deadlines"
    label = "deadlines"
    verbose_name = "Deadlines"

    def ready(self):
        # Signal receivers and registry entries connect when the app registry is ready.
        from partnerships.core.permissions import Perm
        from partnerships.core.registry import NavItem, register_home_panel, register_nav
        from partnerships.deadlines import sources
        from partnerships.deadlines.views import deadlines_panel

        register_nav(NavItem("Deadlines", "deadlines:deadline_list", Perm.VIEW, 80))
        sources.register_kinds()
        register_home_panel(deadlines_panel)
