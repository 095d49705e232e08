from django.apps import AppConfig

from partnerships.core.registry import NavItem, register_nav


class DashboardConfig(AppConfig):
    name = "publications.dashboard"
    label = "dashboard"
    verbose_name = "Scrutiny dashboard"

    def ready(self):
        # Imported here: these modules load models, and the app registry is not ready when apps.py is imported.
        from partnerships.core.permissions import Perm

        register_nav(NavItem("Dashboard", "dashboard:dashboard", Perm.VIEW, 35, section="dashboard"))
