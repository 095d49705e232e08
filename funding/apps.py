from django.apps import AppConfig

from partnerships.core.registry import (
    DeadlineKind,
    NavItem,
    register_deadline_kind,
    register_home_panel,
    register_nav,
)


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = "Funding"

    def ready(self):
        # Imported here: these modules load models, and the app registry is not ready when apps.py is imported.
        from funding.services import CONTRIBUTION_DEADLINE_KIND
        from funding.views import home_panel
        from partnerships.core.permissions import Perm

        register_nav(NavItem("Funding", "funding:overview", Perm.VIEW, 70, section="funding"))
        # Reminders a week and a day ahead, and on the day the payment falls due.
        register_deadline_kind(
            DeadlineKind(
                CONTRIBUTION_DEADLINE_KIND, "Partner contribution payment", reminder_lead_days=(5, 1, 0)
            )
        )
        register_home_panel(home_panel)
