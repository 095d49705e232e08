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


class ChildDeathConfig(AppConfig):
    name = "child_death"
    verbose_name = "Child death reviews"

    def ready(self):
        # Imported here: these modules load models, and the app registry is not ready when apps.py is imported.
        from child_death import services, views
        from child_death.identifiers import case_identifiers
        from partnerships.core.permissions import Perm

        # Only a partnership that a child death overview panel serves is offered the child death pages.
        register_nav(
            NavItem(
                "Child deaths",
                "child_death:case_list",
                Perm.VIEW,
                50,
                section="child-deaths",
                shown_for=views.has_panel,
            )
        )
        register_nav(
            NavItem(
                "Reporting forms",
                "child_death:contribute_list",
                Perm.CONTRIBUTE,
                51,
                section="child-deaths",
                shown_for=views.has_panel,
            )
        )
        register_deadline_kind(
            DeadlineKind(
                services.FORM_DEADLINE_KIND,
                "Child death reporting form",
                case_record=True,
                reminder_lead_days=(5, 1, 0),
            )
        )
        register_deadline_kind(
            DeadlineKind(
                services.CDR_MEETING_DEADLINE_KIND,
                "Child death review meeting",
                case_record=True,
                reminder_lead_days=(10, 5),
            )
        )
        register_deadline_kind(
            DeadlineKind(
                services.PANEL_REVIEW_DEADLINE_KIND,
                "Child death overview panel review",
                case_record=True,
                reminder_lead_days=(10, 5),
            )
        )
        register_home_panel(views.home_panel)
        register_agency_request_source(views.agency_requests)
        register_record_lookup(RecordLookup("child_death_case", "Child death case", views.lookup_case))

        # Published documents never carry a child's identity (publications/safety.py).
        register_case_identifier_source(case_identifiers)
