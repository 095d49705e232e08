from django.apps import AppConfig

from partnerships.core.registry import (
    DeadlineKind,
    NavItem,
    RecordLookup,
    register_agency_request_source,
    register_case_identifier_source,
    register_deadline_kind,
    register_home_panel,
    register_nav,
    register_record_lookup,
)


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Case reviews"

    def ready(self):
        # Imported here: these modules load models, and the app registry is not ready when apps.py is imported.
        from partnerships.core.permissions import Perm
        from reviews import services
        from reviews.identifiers import case_identifiers, lookup_notification
        from reviews.views import agency_requests, home_panel

        register_nav(NavItem("Case reviews", "reviews:overview", Perm.VIEW, 40, section="reviews"))
        # Five working days leave no room for a week's notice: remind daily from the day after awareness.
        register_deadline_kind(
            DeadlineKind(
                services.PANEL_NOTIFICATION_KIND,
                "Serious incident: notify the Panel (5 working days)",
                case_record=True,
                reminder_lead_days=(3, 1, 0),
                escalate_to_manager_after=1,
                escalate_to_leads_after=2,
            )
        )
        register_deadline_kind(
            DeadlineKind(
                services.RAPID_REVIEW_KIND,
                "Rapid review (15 working days)",
                case_record=True,
                reminder_lead_days=(5, 2, 1, 0),
            )
        )
        register_deadline_kind(
            DeadlineKind(
                services.CONTRIBUTION_KIND,
                "Agency contribution to a rapid review",
                case_record=True,
                reminder_lead_days=(2, 0),
            )
        )
        register_deadline_kind(
            DeadlineKind(
                services.LCSPR_PUBLICATION_KIND,
                "LCSPR publication (6 months)",
                case_record=True,
                reminder_lead_days=(20, 5, 0),
            )
        )
        register_deadline_kind(
            DeadlineKind(
                services.LCSPR_SEND_KIND,
                "LCSPR final report to the Panel and DfE",
                case_record=True,
                reminder_lead_days=(5, 1, 0),
            )
        )
        register_home_panel(home_panel)
        register_agency_request_source(agency_requests)

        # Published documents never carry a child's identity; child death cases link to incidents.
        register_case_identifier_source(case_identifiers)
        register_record_lookup(
            RecordLookup("serious_incident", "Serious incident notification", lookup_notification)
        )
