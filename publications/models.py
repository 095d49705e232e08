"""Published documents: the arrangements, the yearly report and LCSPR reports, their versions and
sign-offs.

A `Publication` is the document; its narrative is written section by section
(`PublicationNarrative`). A `PublicationVersion` is a snapshot of the whole assembled document
(narrative plus figures computed from the records): editable while a draft, immutable once sent
for sign-off. Each statutory partner's lead signs a version (`SignOff`); a version is published
only when every statutory partner has signed.
"""

import base64
import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnerships.core.querysets import ScopedQuerySet, scoped_queryset
from publications.choices import PublicationKind, RenderStatus, VersionStatus


class Publication(models.Model):
    """A document the partnership publishes: its arrangements, a yearly report, or an LCSPR report."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="publications"
    )
    kind = models.CharField(max_length=20, choices=PublicationKind.choices)
    title = models.CharField(max_length=255)
    period_start = models.DateField(
        null=True, blank=True, help_text="Yearly report: the first day of the 12 months it covers."
    )
    period_end = models.DateField(
        null=True, blank=True, help_text="Yearly report: the last day of the 12 months it covers."
    )
    cycle = models.ForeignKey(
        "deadlines.YearlyReportCycle",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publications",
        help_text="The yearly report cycle whose deadline this report meets.",
    )
    summary = models.TextField(
        blank=True, help_text="A short description shown in lists and on the public page."
    )
    lcspr_id = models.PositiveBigIntegerField(
        "LCSPR",
        null=True,
        blank=True,
        help_text="LCSPR report: the review in the reviews app it reports on (by id, through the "
        "record lookup in partnerships/registry.py).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(period_start__isnull=False, period_end__gt=models.F("period_start")),
                name="publication_period_in_order",
                violation_error_message="The period must end after it starts.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "publications:publication_detail", kwargs={"partnership": self.partnership.slug, "pk": self.pk}
        )

    @property
    def period_label(self):
        if self.period_start and self.period_end:
            return f"{self.period_start:%-d %B %Y} to {self.period_end:%-d %B %Y}"
        return ""


class PublicationNarrative(models.Model):
    """What the business unit wrote for one section of a publication."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="narratives")
    section_key = models.CharField(max_length=60)
    text = models.TextField(blank=True)

    objects = scoped_queryset("publication__partnership").as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["publication", "section_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "section_key"],
                name="narrative_unique_per_section",
                violation_error_message="This section already has its text.",
            )
        ]

    def __str__(self):
        return f"{self.publication}: {self.section_key}"


def content_hash(content):
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


class PublicationVersion(models.Model):
    """One numbered snapshot of a publication's assembled content; frozen once sent for sign-off."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    content = models.JSONField(help_text="The assembled document: sections, narrative and figures.")
    content_hash = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    assembled_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_on = models.DateField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(blank=True)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrected_by",
        help_text="The published version this one corrects (set when it is sent for sign-off).",
    )
    correction_note = models.TextField(
        blank=True,
        help_text="A correction of a published document: what this version corrects, printed beside "
        "'Corrected on' on the public page.",
    )
    pdf = models.FileField(upload_to="publications/", blank=True)
    pdf_hash = models.CharField(
        max_length=64,
        blank=True,
        help_text="The render key (content, state and dates) the stored PDF was made from.",
    )
    pdf_pages = models.PositiveIntegerField(null=True, blank=True)
    render_status = models.CharField(max_length=10, choices=RenderStatus.choices, default=RenderStatus.NONE)
    render_progress = models.PositiveSmallIntegerField(default=0)
    render_error = models.TextField(blank=True)

    objects = scoped_queryset("publication__partnership").as_manager()
    history = HistoricalRecords(excluded_fields=["content"])

    class Meta:
        ordering = ["publication", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "number"],
                name="version_unique_number",
                violation_error_message="The document already has a version with this number.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_on__isnull=False),
                name="version_published_has_date",
                violation_error_message="A published version records its publication date.",
            ),
        ]

    def __str__(self):
        return f"{self.publication} version {self.number}"

    def save(self, *args, **kwargs):
        self.content_hash = content_hash(self.content)
        if self.pk:
            stored = (
                type(self).objects.filter(pk=self.pk).values_list("status", "content_hash", "number").first()
            )
            frozen = stored and stored[0] != VersionStatus.DRAFT
            if frozen and (stored[1] != self.content_hash or stored[2] != self.number):
                raise ValidationError(
                    "This version was sent for sign-off and cannot be changed: make a new version."
                )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "publications:version_detail",
            kwargs={"partnership": self.publication.partnership.slug, "pk": self.pk},
        )

    @property
    def status_tag(self):
        return VersionStatus.tag_for(self.status)

    @property
    def is_frozen(self):
        return self.status != VersionStatus.DRAFT

    @property
    def render_key(self):
        """What the PDF is made from besides the content: its state, publication date and correction
        (printed on the cover and the public page). Sign-offs clear the stored key (services.sign_off)."""
        state = f"{self.content_hash}|{self.status}|{self.published_on}|{self.correction_note}"
        return hashlib.sha256(state.encode()).hexdigest()

    @property
    def pdf_is_current(self):
        return bool(self.pdf) and self.pdf_hash == self.render_key


class SignOff(models.Model):
    """A statutory partner's sign-off of one version, by its lead representative."""

    version = models.ForeignKey(PublicationVersion, on_delete=models.CASCADE, related_name="sign_offs")
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.PROTECT, related_name="publication_sign_offs"
    )
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    objects = scoped_queryset("version__publication__partnership").as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "organisation"],
                name="sign_off_once_per_partner",
                violation_error_message="This partner has already signed off this version.",
            )
        ]

    def __str__(self):
        return f"{self.organisation} signed {self.version}"


def _logo_path(instance, filename):
    return f"publications/logos/{instance.partnership.slug}{'.png' if filename.lower().endswith('.png') else '.jpg'}"


class Branding(models.Model):
    """The partnership's logo and contact line on its published documents and public pages."""

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="branding"
    )
    logo = models.FileField(upload_to=_logo_path, blank=True, help_text="A PNG or JPEG logo.")
    logo_alt = models.CharField(max_length=200, blank=True, help_text="The logo's text alternative.")
    contact_line = models.CharField(
        max_length=255, blank=True, help_text="e.g. an address or email printed on the cover."
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    def __str__(self):
        return f"Branding of {self.partnership.short_name}"

    def logo_data_uri(self):
        """The logo inline as a data: URI (the PDF fetcher loads nothing from the media folder)."""
        if not self.logo:
            return None
        try:
            with self.logo.open("rb") as f:
                data = f.read()
        except OSError:
            return None
        if data.startswith(b"\x89PNG\r\n\x1a\n"):
            mime = "image/png"
        elif data.startswith(b"\xff\xd8\xff"):
            mime = "image/jpeg"
        else:
            return None
        return f"data:{mime};base64,{base64.b64encode(data).decode()}"
