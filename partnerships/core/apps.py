from django.apps import AppConfig

from partnerships.core.registry import NavItem, register_nav


class PartnershipsConfig(AppConfig):
    """The base: structure, people, roles and permissions, the action log, record links, history."""

    name = "partnerships.core"
    # The label is the one the tables, migrations and permissions were created under.
    label = "partnerships"
    verbose_name = "Partnerships"

    def ready(self):
        # Imported here: these modules load models (signals connects its receivers), and the app registry
        # is not ready when apps.py is imported.
        from partnerships.core import signals  # noqa: F401
        from partnerships.core.permissions import Perm

        for item in [
            NavItem("Overview", "partnerships:home", Perm.VIEW, 0),
            NavItem("Structure", "partnerships:structure", Perm.VIEW, 10),
            NavItem("Actions", "partnerships:action_list", Perm.VIEW, 30),
        ]:
            register_nav(item)
