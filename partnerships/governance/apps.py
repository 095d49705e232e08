from django.apps import AppConfig

from partnerships.core.registry import NavItem, register_home_panel, register_nav


class GovernanceConfig(AppConfig):
    """Meetings (agenda, papers, attendance, quorum, minutes), decisions, priorities and risks."""

    name = "partnerships.governance"
    label = "governance"
    verbose_name = "Governance"

    def ready(self):
        # Registry entries connect when the app registry is ready.
        from partnerships.core.permissions import Perm
        from partnerships.governance.views import governance_panel

        for item in [
            NavItem("Meetings", "governance:meeting_list", Perm.VIEW, 20, section="meetings"),
            NavItem("Priorities", "governance:priority_list", Perm.VIEW, 40, section="priorities"),
            NavItem("Risks", "governance:risk_list", Perm.VIEW, 45, section="risks"),
        ]:
            register_nav(item)
        register_home_panel(governance_panel)
