from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from partnerships.core.choices import RoleKind
from partnerships.core.querysets import ScopedQuerySet


class Role(models.Model):
    """What one person may do in one partnership; object permissions are granted from these rows."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(max_length=30, choices=RoleKind.choices)
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles",
        help_text="For a partner lead, the statutory partner they sign for; for an agency contributor, "
        "their agency.",
    )
    is_manager = models.BooleanField(
        default=False, help_text="Business unit manager: receives escalations and sees access logs."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "kind", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partnership", "kind"],
                condition=models.Q(organisation__isnull=True),
                name="role_unique_without_organisation",
                violation_error_message="This person already holds this role in the partnership.",
            ),
            models.UniqueConstraint(
                fields=["user", "partnership", "kind", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="role_unique_with_organisation",
                violation_error_message="This person already holds this role for this organisation in the partnership.",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind__in=[RoleKind.PARTNER_LEAD, RoleKind.AGENCY_CONTRIBUTOR])
                | models.Q(organisation__isnull=False),
                name="role_lead_and_contributor_name_organisation",
                violation_error_message="Choose the organisation a partner lead or agency contributor acts for.",
            ),
        ]

    def __str__(self):
        suffix = f" for {self.organisation}" if self.organisation_id else ""
        return f"{self.user}: {self.get_kind_display()}{suffix} in {self.partnership.short_name}"

    def clean(self):
        if self.kind in (RoleKind.PARTNER_LEAD, RoleKind.AGENCY_CONTRIBUTOR) and not self.organisation_id:
            raise ValidationError({"organisation": "Name the organisation this person acts for."})
        if (
            self.kind == RoleKind.PARTNER_LEAD
            and self.organisation_id
            and self.partnership_id
            and not self.partnership.safeguarding_partners.filter(
                organisation_id=self.organisation_id
            ).exists()
        ):
            raise ValidationError(
                {"organisation": "A partner lead acts for one of this partnership's safeguarding partners."}
            )
