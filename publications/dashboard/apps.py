from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "publications.dashboard"
    label = "dashboard"
    verbose_name = "Scrutiny dashboard"

    def ready(self):
        from partnerships.core.permissions import Perm
        from partnerships.core.registry import NavItem, register_nav

        register_nav(NavItem("Dashboard", "dashboard:dashboard", Perm.VIEW, 35, section="dashboard"))
