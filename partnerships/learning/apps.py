from django.apps import AppConfig

from partnerships.core.registry import NavItem, register_agency_request_source, register_nav


class LearningConfig(AppConfig):
    """Learning and evidence of impact: briefings, training, voice of children and families, dataset."""

    name = "partnerships.learning"
    label = "learning"
    verbose_name = "Learning"

    def ready(self):
        # Registry entries connect when the app registry is ready.
        from partnerships.core.permissions import Perm
        from partnerships.learning.services import briefing_requests

        register_nav(NavItem("Learning", "learning:learning_overview", Perm.VIEW, 60, section="learning"))
        register_nav(NavItem("Briefings to share", "learning:my_briefings", Perm.CONTRIBUTE, 61))
        register_nav(NavItem("Your dataset", "learning:my_indicators", Perm.CONTRIBUTE, 62))
        register_nav(NavItem("Training bookings", "learning:agency_training", Perm.CONTRIBUTE, 63))
        register_agency_request_source(briefing_requests)
