from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    """The base: structure, people, roles and permissions, the action log, record links, history."""

    name = "partnerships.core"
    # The label is the one the tables, migrations and permissions were created under.
    label = "partnerships"
    verbose_name = "Partnerships"

    def ready(self):
        # Signal receivers and registry entries connect when the app registry is ready.
        from partnerships.core import signals  # noqa: F401
        from partnerships.core.permissions import Perm
        from partnerships.core.registry import NavItem, register_nav

        for item in [
            NavItem("Overview", "partnerships:home", Perm.VIEW, 0),
            NavItem("Structure", "partnerships:structure", Perm.VIEW, 10),
            NavItem("Actions", "partnerships:action_list", Perm.VIEW, 30),
        ]:
            register_nav(item)
