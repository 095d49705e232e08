from django.apps import AppConfig

from partnerships.core.registry import NavItem, register_agency_request_source, register_nav


class AssuranceConfig(AppConfig):
    """Independent scrutiny, challenges, and Section 11 agency assurance."""

    name = "partnerships.assurance"
    label = "assurance"
    verbose_name = "Scrutiny and assurance"

    def ready(self):
        # Registry entries connect when the app registry is ready.
        from partnerships.assurance.views import agency_requests
        from partnerships.core.permissions import Perm

        for item in [
            NavItem("Scrutiny", "assurance:scrutiny_list", Perm.VIEW, 50, section="scrutiny"),
            NavItem("Assurance", "assurance:cycle_list", Perm.VIEW, 55, section="assurance"),
        ]:
            register_nav(item)
        register_agency_request_source(agency_requests)
