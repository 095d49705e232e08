from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships"

    def ready(self):
        from partnerships import signals  # noqa: F401
        from partnerships.permissions import Perm
        from partnerships.registry import NavItem, register_nav

        for item in [
            NavItem("Overview", "partnerships:home", Perm.VIEW, 0),
            NavItem("Structure", "partnerships:structure", Perm.VIEW, 10),
            NavItem("Actions", "partnerships:action_list", Perm.VIEW, 30),
            NavItem("Deadlines", "partnerships:deadline_list", Perm.VIEW, 80),
        ]:
            register_nav(item)

        # The deadline register's own kinds and sources (signals), reminders and calendar feeds.
        from partnerships import deadline_sources

        deadline_sources.register_kinds()

        from partnerships.registry import register_home_panel
        from partnerships.views.deadlines import deadlines_panel

        register_home_panel(deadlines_panel)

        # Governance, scrutiny and Section 11 assurance (issue 3).
        from partnerships.registry import register_agency_request_source
        from partnerships.views import governance

        for item in [
            NavItem("Meetings", "partnerships:meeting_list", Perm.VIEW, 20, section="meetings"),
            NavItem("Priorities", "partnerships:priority_list", Perm.VIEW, 40, section="priorities"),
            NavItem("Risks", "partnerships:risk_list", Perm.VIEW, 45, section="risks"),
            NavItem("Scrutiny", "partnerships:scrutiny_list", Perm.VIEW, 50, section="scrutiny"),
            NavItem("Assurance", "partnerships:cycle_list", Perm.VIEW, 55, section="assurance"),
        ]:
            register_nav(item)
        register_home_panel(governance.governance_panel)
        register_agency_request_source(governance.agency_requests)
        # Learning and evidence of impact (issue 11): nav, and briefings to acknowledge for contributors.
        from partnerships.learning_services import briefing_requests
        from partnerships.registry import register_agency_request_source

        register_nav(NavItem("Learning", "partnerships:learning_overview", Perm.VIEW, 60, section="learning"))
        register_nav(NavItem("Briefings to share", "partnerships:my_briefings", Perm.CONTRIBUTE, 61))
        register_nav(NavItem("Your dataset", "partnerships:my_indicators", Perm.CONTRIBUTE, 62))
        register_agency_request_source(briefing_requests)

        # Its share of the benchmark's national-scale data (generate_scale_data, issue 10).
        from partnerships.security import scale_base as _scale  # noqa: F401
        from partnerships.security import scale_governance as _scale_governance  # noqa: F401
