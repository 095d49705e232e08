from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partnerships.core.access import Perm, access_for
from partnerships.core.choices import (
    SECTION_11_KINDS,
    SECTOR_OF_KIND,
    STATUTORY_PARTNER_KINDS,
    Edition,
    GroupKind,
    OrganisationKind,
    RapidReviewClock,
)
from partnerships.core.querysets import ScopedQuerySet, scoped_queryset


class LocalAuthorityArea(models.Model):
    """The area of one upper-tier local authority, the unit a partnership and a CDOP cover."""

    name = models.CharField(max_length=200, unique=True)
    code = models.CharField(max_length=9, unique=True, help_text="ONS area code, e.g. E08000026.")
    slug = models.SlugField(unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrganisationQuerySet(models.QuerySet):
    def current(self, on=None):
        """The bodies in being on `on` (today by default): not yet replaced by a successor, and not
        the successor of a body still in being then. The choices for a new record dated `on`; a
        record keeps the body of its date (docs/statutory-rules.md#organisation-changes)."""
        on = on or timezone.localdate()
        replaces_later = Organisation.objects.filter(successor=OuterRef("pk"), succeeded_on__gt=on)
        return self.filter(Q(successor__isnull=True) | Q(succeeded_on__gt=on)).exclude(Exists(replaces_later))


class Organisation(models.Model):
    """A body that takes part in safeguarding: a statutory partner or a relevant agency.

    A body replaced by another (a CCG by its ICB on 1 July 2022) keeps its row and its records; its
    `successor` is named from `succeeded_on` (docs/statutory-rules.md#successors).
    """

    name = models.CharField(max_length=255, unique=True)
    short_name = models.CharField(max_length=60, blank=True)
    kind = models.CharField(max_length=40, choices=OrganisationKind.choices)
    areas = models.ManyToManyField(
        LocalAuthorityArea,
        blank=True,
        related_name="organisations",
        help_text="The areas it serves; an agency serving several partnerships is cross-boundary.",
    )
    is_active = models.BooleanField(default=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text="The body that took over this one's duties, e.g. the ICB that replaced a CCG.",
    )
    succeeded_on = models.DateField(
        "succeeded on",
        null=True,
        blank=True,
        help_text="The first day the successor acted (1 July 2022 for CCGs). Records dated before "
        "it keep this organisation's name.",
    )

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[areas])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(successor__isnull=True, succeeded_on__isnull=True)
                | Q(successor__isnull=False, succeeded_on__isnull=False),
                name="organisation_successor_has_date",
                violation_error_message="Give the successor and the date it took over together, or neither.",
            ),
            models.CheckConstraint(
                condition=~Q(successor=models.F("pk")),
                name="organisation_not_its_own_successor",
                violation_error_message="An organisation cannot succeed itself.",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.successor_id is None:
            return
        successor, seen = self.successor, {self.pk}
        while successor is not None:
            if successor.pk in seen:
                raise ValidationError(
                    {"successor": "An organisation cannot succeed itself, directly or through others."}
                )
            seen.add(successor.pk)
            successor = successor.successor
        if (
            self.pk is not None
            and not self.partnerships().filter(pk__in=self.successor.partnerships().values("pk")).exists()
        ):
            raise ValidationError(
                {
                    "successor": "The successor must belong to the same partnership: a partner, a relevant "
                    "agency or serving an area of a partnership this organisation belongs to."
                }
            )

    def partnerships(self):
        """The partnerships this body belongs to: as a safeguarding partner, a relevant agency, or
        serving one of their areas."""
        return Partnership.objects.filter(
            Q(safeguarding_partners__organisation=self)
            | Q(relevant_agencies__organisation=self)
            | Q(areas__organisations=self)
        ).distinct()

    def as_of(self, day=None):
        """The body that stood for this one on `day` (today by default): itself, or its successor
        (and theirs) from the day each took over. Records keep their own organisation; pages and
        documents dated `day` show this one's name."""
        day = day or timezone.localdate()
        org, seen = self, {self.pk}
        while org.successor_id and org.succeeded_on <= day and org.successor_id not in seen:
            seen.add(org.successor_id)
            org = org.successor
        return org

    def name_on(self, day=None):
        """The name to use on `day` (the successor's from the day it took over)."""
        return self.as_of(day).name

    @property
    def is_statutory_partner_kind(self):
        return self.kind in STATUTORY_PARTNER_KINDS

    @property
    def sector(self):
        """The statutory sector (local authority, health, police), or None for a relevant agency."""
        return SECTOR_OF_KIND.get(self.kind)

    @property
    def under_section_11(self):
        return self.kind in SECTION_11_KINDS


class PartnershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.permitted(user, Perm.VIEW)

    def permitted(self, user, perm):
        access = access_for(user)
        if access.is_superuser:
            return self
        return self.filter(pk__in=access.partnership_ids(perm))


class Partnership(models.Model):
    """A local safeguarding children partnership: the arrangements of three statutory partners."""

    name = models.CharField(max_length=255, unique=True)
    short_name = models.CharField(max_length=60)
    slug = models.SlugField(unique=True)
    areas = models.ManyToManyField(LocalAuthorityArea, related_name="partnerships")
    description = models.TextField(blank=True)
    # When a rapid review's 15 working days start is a dated rule (docs/statutory-rules.md#rapid-review):
    # reviews started on or after `rapid_review_clock_from` count by `rapid_review_clock`, earlier
    # ones by `previous_rapid_review_clock`; each review keeps the rule it started with. Changed only
    # through reviews.services.change_rapid_review_clock.
    rapid_review_clock = models.CharField(
        max_length=30,
        choices=RapidReviewClock.choices,
        default=RapidReviewClock.FROM_NOTIFICATION,
        help_text="Working Together 2023 counts from the notification; some local procedures count "
        "from awareness.",
    )
    rapid_review_clock_from = models.DateField(
        "rapid review clock applies from",
        null=True,
        blank=True,
        help_text="Reviews started on or after this date count by the rule above; earlier ones keep theirs.",
    )
    previous_rapid_review_clock = models.CharField(
        max_length=30, choices=RapidReviewClock.choices, default=RapidReviewClock.FROM_NOTIFICATION
    )
    arrangements_published_on = models.DateField(null=True, blank=True)
    arrangements_in_operation_on = models.DateField(null=True, blank=True)
    contact_email = models.EmailField(blank=True)
    website = models.URLField(blank=True)

    objects = PartnershipQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[areas])

    class Meta:
        ordering = ["name"]
        permissions = [
            ("edit_records", "Create and change the partnership's records"),
            ("sign_off", "Sign off for a statutory partner organisation"),
            ("contribute", "Submit what is asked of an agency"),
            ("manage_business_unit", "Manage the business unit (access logs, escalations)"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:home", kwargs={"partnership": self.slug})

    def rapid_review_clock_on(self, day):
        """The rapid review clock for a review started on `day`."""
        if self.rapid_review_clock_from is None or day >= self.rapid_review_clock_from:
            return self.rapid_review_clock
        return self.previous_rapid_review_clock

    def edition_on(self, day):
        """The edition of Working Together the arrangements follow on `day` (a dated setting)."""
        setting = self.editions.filter(effective_from__lte=day).order_by("-effective_from").first()
        return setting.edition if setting else Edition.WT2018


class ArrangementsEdition(models.Model):
    """From a date, which edition of Working Together the partnership's arrangements follow."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="editions")
    edition = models.CharField(max_length=4, choices=Edition.choices)
    effective_from = models.DateField()

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "effective_from"],
                name="edition_unique_per_partnership_date",
                violation_error_message="There is already an edition of the arrangements on this date.",
            )
        ]

    def __str__(self):
        return f"{self.get_edition_display()} from {self.effective_from:%d %B %Y}"


class SafeguardingPartner(models.Model):
    """One of the statutory safeguarding partners of a partnership, with its lead representative."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="safeguarding_partners"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="partner_of")
    lead_representative = models.ForeignKey(
        "partnerships.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leads_partner",
        help_text="Working Together 2018: lead representative; 2023: lead safeguarding partner (LSP).",
    )
    lead_title = models.CharField(max_length=200, blank=True, help_text="e.g. Chief Executive.")

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "organisation__kind", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"],
                name="partner_unique_per_partnership",
                violation_error_message="This organisation is already a statutory partner of the partnership.",
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.partnership.short_name})"

    def clean(self):
        if self.organisation_id and not self.organisation.is_statutory_partner_kind:
            raise ValidationError(
                {
                    "organisation": "Only a local authority, a CCG or ICB, or a chief officer of police can be a "
                    "safeguarding partner."
                }
            )

    @property
    def sector(self):
        return self.organisation.sector


class DelegatedOfficer(models.Model):
    """A person a lead representative has delegated to act for their organisation."""

    partner = models.ForeignKey(SafeguardingPartner, on_delete=models.CASCADE, related_name="delegates")
    person = models.ForeignKey("partnerships.User", on_delete=models.PROTECT, related_name="delegations")
    title = models.CharField(max_length=200, blank=True)
    is_delegated_safeguarding_partner = models.BooleanField(
        default=False, help_text="Working Together 2023: the one named delegated safeguarding partner (DSP)."
    )

    objects = scoped_queryset("partner__partnership").as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partner", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "person"],
                name="delegate_unique_per_partner",
                violation_error_message="This person is already named for this partner.",
            ),
        ]

    def __str__(self):
        return f"{self.person} for {self.partner.organisation}"


class RelevantAgency(models.Model):
    """An agency the partners have named to work with them, and why."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="relevant_agencies")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="relevant_agency_of"
    )
    reason = models.TextField(blank=True, help_text="Why the partners work with this agency.")

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "organisation__name"]
        verbose_name_plural = "relevant agencies"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"],
                name="agency_unique_per_partnership",
                violation_error_message="This organisation is already a relevant agency of the partnership.",
            )
        ]

    def __str__(self):
        return str(self.organisation)


class Group(models.Model):
    """A group of the partnership: executive, wider partnership, sub-group, thematic or task and finish."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=GroupKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    purpose = models.TextField(blank=True)
    chair = models.ForeignKey(
        "partnerships.User", on_delete=models.PROTECT, null=True, blank=True, related_name="chairs"
    )
    chair_is_independent = models.BooleanField(default=False)
    terms_of_reference = models.TextField(blank=True)
    terms_of_reference_approved_on = models.DateField(null=True, blank=True)
    terms_of_reference_review_date = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"],
                name="group_name_unique_per_partnership",
                violation_error_message="The partnership already has a group with this name: choose another name.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "partnerships:group_detail", kwargs={"partnership": self.partnership.slug, "pk": self.pk}
        )

    def clean(self):
        if self.parent_id:
            if self.parent.partnership_id != self.partnership_id:
                raise ValidationError({"parent": "The parent group must belong to the same partnership."})
            ancestor, seen = self.parent, set()
            while ancestor is not None:
                if ancestor.pk == self.pk or ancestor.pk in seen:
                    raise ValidationError({"parent": "A group cannot sit beneath itself."})
                seen.add(ancestor.pk)
                ancestor = ancestor.parent


class GroupMember(models.Model):
    """A person's seat on a group, and the organisation they represent there."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("partnerships.User", on_delete=models.PROTECT, related_name="group_seats")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="group_seats")
    role = models.CharField(max_length=100, blank=True, help_text="e.g. Vice-chair, Member, Adviser.")

    objects = scoped_queryset("group__partnership").as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "organisation__name", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "person"],
                name="member_unique_per_group",
                violation_error_message="This person is already a member of the group.",
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.organisation}) on {self.group}"
