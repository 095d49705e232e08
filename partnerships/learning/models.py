"""Learning and evidence of impact: learning briefings, multi-agency training, the voice
of children, young people and families, and the partnership dataset.

Working Together 2023 asks the yearly report for evidence of the arrangements' impact, training
included, and for how the views of children and families were used; the published arrangements
say how multi-agency training is commissioned and evaluated and how data is used
(docs/statutory-rules.md#published-arrangements and #yearly-report). These records are the
evidence; `partnerships.learning.figures` turns them into the figures every page, the dashboard
and the yearly report share.
"""

from decimal import Decimal
from enum import nonmember

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partnerships.core import identity
from partnerships.core.access import Perm, access_for
from partnerships.core.choices import RoleKind, TaggedChoices
from partnerships.core.identity import no_child_identity
from partnerships.core.periods import FINANCIAL_YEAR_START_MONTH, financial_year, financial_year_label
from partnerships.core.querysets import ScopedQuerySet, scoped_queryset


def _text_fields(instance):
    return [
        field
        for field in instance._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and no_child_identity in field.validators
    ]


def identity_fields(instance):
    """{field name: (label, text)} of the text a learning record publishes, for the identity guard."""
    return {
        field.name: (str(field.verbose_name).capitalize(), getattr(instance, field.attname))
        for field in _text_fields(instance)
    }


def _check_text_fields(instance, partnership=None):
    """Run the identity checks on every text field: admin, API, imports and services all save here.
    Given the partnership, the identity guard too, over every child in its case records."""
    errors = {}
    for field in _text_fields(instance):
        try:
            no_child_identity(getattr(instance, field.attname))
        except ValidationError as error:
            errors[field.name] = error.messages
    if partnership is not None:
        try:
            identity.check_fields(partnership, identity_fields(instance))
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


# --- Choices -----------------------------------------------------------------------------------------


class FindingSource(models.TextChoices):
    REVIEW = "review", "Case review"
    AUDIT = "audit", "Multi-agency audit"
    SCRUTINY = "scrutiny", "Scrutiny finding"
    CHILD_DEATH = "child_death", "Child death review"
    NATIONAL = "national", "National review or panel report"
    OTHER = "other", "Other"


class BriefingStatus(TaggedChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"

    colours = nonmember({"draft": "grey", "published": "green", "withdrawn": "red"})


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class Delivery(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    E_LEARNING = "e_learning", "E-learning"


class BookingStatus(TaggedChoices):
    BOOKED = "booked", "Booked"
    WAITING = "waiting", "Waiting list"
    ATTENDED = "attended", "Attended"
    CANCELLED = "cancelled", "Cancelled by the attendee"
    NO_SHOW = "no_show", "Did not attend"

    colours = nonmember(
        {"booked": "blue", "waiting": "yellow", "attended": "green", "cancelled": "grey", "no_show": "red"}
    )


CONFIDENCE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
CONFIDENCE_HELP = "1 (not at all confident) to 5 (very confident)."


class EngagementKind(models.TextChoices):
    SURVEY = "survey", "Survey"
    GROUP = "group", "Group or forum"
    CONSULTATION = "consultation", "Consultation"
    SCRUTINY = "scrutiny", "Participation in scrutiny"
    INTERVIEW = "interview", "Interviews or conversations"
    OTHER = "other", "Other"


class ChangeStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class Unit(models.TextChoices):
    COUNT = "count", "Number"
    PERCENT = "percent", "Percentage"
    RATE_10K = "rate_10k", "Rate per 10,000 children"
    DAYS = "days", "Days"


class Polarity(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    NEUTRAL = "neutral", "Neither (for context)"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annually"


# The whole partnership area, when a value is not broken down.
WHOLE_AREA = ""


# --- Learning briefings ------------------------------------------------------------------------------


class LearningBriefingQuerySet(ScopedQuerySet):
    def published(self):
        return self.filter(status=BriefingStatus.PUBLISHED)


class LearningBriefing(models.Model):
    """A "7-minute briefing": the learning from a review, audit or scrutiny finding, for practitioners."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="learning_briefings"
    )
    title = models.CharField(max_length=255, validators=[no_child_identity])
    source_kind = models.CharField(max_length=20, choices=FindingSource.choices, default=FindingSource.OTHER)
    # The finding it comes from, in whichever app holds it (a rapid review, an audit, a scrutiny
    # finding): kept as a content type and id with its label and URL, so this app imports none of them.
    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source_label = models.CharField(
        max_length=255, blank=True, validators=[no_child_identity], help_text="e.g. LCSPR: Child H (2024)."
    )
    source_url = models.CharField(max_length=500, blank=True)
    background = models.TextField(validators=[no_child_identity])
    what_happened = models.TextField(validators=[no_child_identity])
    learning = models.TextField(validators=[no_child_identity])
    questions = models.TextField(
        "Questions for practitioners", validators=[no_child_identity], help_text="One question a line."
    )
    what_to_do = models.TextField("What to do", validators=[no_child_identity])
    further_reading = models.TextField(blank=True, validators=[no_child_identity])
    status = models.CharField(max_length=20, choices=BriefingStatus.choices, default=BriefingStatus.DRAFT)
    published_on = models.DateField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledge_by = models.DateField(
        null=True, blank=True, help_text="When agencies should confirm receipt."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LearningBriefingQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicallearningbriefing")

    class Meta:
        db_table = "partnerships_learningbriefing"  # created by the base app; the table kept its name
        ordering = ["-published_on", "-pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        _check_text_fields(self, partnership=self.partnership)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "learning:briefing_detail", kwargs={"partnership": self.partnership.slug, "pk": self.pk}
        )

    def get_public_url(self):
        return reverse("learning_public:briefing", kwargs={"slug": self.partnership.slug, "pk": self.pk})

    @property
    def is_published(self):
        return self.status == BriefingStatus.PUBLISHED

    def question_lines(self):
        return [line.strip(" -•\t") for line in self.questions.splitlines() if line.strip(" -•\t")]


class BriefingRecipient(models.Model):
    """An agency a briefing was sent to, and when it confirmed it had shared it with its staff."""

    briefing = models.ForeignKey(LearningBriefing, on_delete=models.CASCADE, related_name="recipients")
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.PROTECT, related_name="briefings_received"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    staff_reached = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many of the agency's staff it was shared with, if known."
    )
    note = models.TextField(blank=True, validators=[no_child_identity])

    objects = scoped_queryset("briefing__partnership").as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalbriefingrecipient")

    class Meta:
        db_table = "partnerships_briefingrecipient"  # created by the base app; the table kept its name
        ordering = ["briefing", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["briefing", "organisation"],
                name="briefing_recipient_unique",
                violation_error_message="The briefing has already been sent to this agency.",
            )
        ]

    def __str__(self):
        return f"{self.briefing} → {self.organisation}"

    def get_absolute_url(self):
        return self.briefing.get_absolute_url()

    @property
    def is_acknowledged(self):
        return self.acknowledged_at is not None


# --- Multi-agency training ---------------------------------------------------------------------------


class TrainingCourse(models.Model):
    """A multi-agency training course the partnership commissions or runs."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="training_courses"
    )
    title = models.CharField(max_length=255)
    topic = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    briefing = models.ForeignKey(
        LearningBriefing,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
        verbose_name="Linked learning briefing",
    )
    priority = models.CharField(
        max_length=255, blank=True, help_text="The partnership priority the course serves, if any."
    )
    trainer = models.CharField(max_length=255, help_text="Who delivers it: a person, a team or a provider.")
    target_agencies = models.ManyToManyField(
        "partnerships.Organisation", blank=True, related_name="training_courses_targeting"
    )
    target_roles = models.CharField(
        max_length=255, blank=True, help_text="e.g. Designated safeguarding leads."
    )
    is_active = models.BooleanField(default=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(
        table_name="partnerships_historicaltrainingcourse", m2m_fields=[target_agencies]
    )

    class Meta:
        db_table = "partnerships_trainingcourse"  # created by the base app; the table kept its name
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "title"],
                name="training_course_unique_title",
                violation_error_message="The partnership already has a course with this title.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("learning:course_detail", kwargs={"partnership": self.partnership.slug, "pk": self.pk})


class TrainingSessionQuerySet(scoped_queryset("course__partnership")):
    def open(self, now=None):
        """Sessions agencies may still book: scheduled, not yet started, of a course still running."""
        return self.filter(
            status=SessionStatus.SCHEDULED, starts_at__gt=now or timezone.now(), course__is_active=True
        )


class TrainingSession(models.Model):
    """One delivery of a course, on a date, at a place."""

    course = models.ForeignKey(TrainingCourse, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    venue = models.CharField(max_length=255, help_text="A place, or Online.")
    delivery = models.CharField(max_length=20, choices=Delivery.choices, default=Delivery.IN_PERSON)
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    status = models.CharField(max_length=20, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED)
    cancelled_reason = models.CharField(max_length=255, blank=True)

    objects = TrainingSessionQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicaltrainingsession")

    class Meta:
        db_table = "partnerships_trainingsession"  # created by the base app; the table kept its name
        ordering = ["-starts_at"]

    def __str__(self):
        return f"{self.course} on {timezone.localtime(self.starts_at):%d %b %Y}"

    def get_absolute_url(self):
        return reverse(
            "learning:session_detail", kwargs={"partnership": self.course.partnership.slug, "pk": self.pk}
        )

    def clean(self):
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The session must end after it starts."})

    def is_open(self, now=None):
        """Whether agencies may still book it (TrainingSessionQuerySet.open)."""
        return (
            self.status == SessionStatus.SCHEDULED
            and self.starts_at > (now or timezone.now())
            and self.course.is_active
        )


class TrainingBookingQuerySet(scoped_queryset("session__course__partnership")):
    def for_agencies(self, user):
        """Every booking of the partnerships `user` sees, and, where they are an agency contributor,
        their own agencies' bookings (a contributor cannot see the partnership)."""
        access = access_for(user)
        if access.is_superuser:
            return self
        allowed = Q(session__course__partnership__in=access.partnership_ids(Perm.VIEW))
        for pid in access.partnership_ids(Perm.CONTRIBUTE):
            allowed |= Q(
                session__course__partnership_id=pid,
                organisation_id__in=access.acting_for(pid, RoleKind.AGENCY_CONTRIBUTOR),
            )
        return self.filter(allowed)

    def waiting_in_order(self):
        """Waiting bookings in the order the places were asked for."""
        return self.filter(status=BookingStatus.WAITING).order_by("booked_at", "pk")

    def with_waiting_position(self):
        """Annotate `waiting_ahead`: how many waiting bookings of the same session asked first (one
        subquery, whatever the number of rows). `waiting_position` reads it."""
        ahead = (
            TrainingBooking.objects.filter(session=OuterRef("session"), status=BookingStatus.WAITING)
            .filter(
                Q(booked_at__lt=OuterRef("booked_at"))
                | Q(booked_at=OuterRef("booked_at"), pk__lt=OuterRef("pk"))
            )
            .order_by()
            .values("session")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(waiting_ahead=Coalesce(Subquery(ahead), 0))


class TrainingBooking(models.Model):
    """A practitioner's place on a session: attendance, evaluation and a later follow-up.

    Attendees are practitioners (adults), never children; the evaluation is a confidence rating
    before and after (1 to 5) and free text, and a follow-up a few months later asks what changed.
    """

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="bookings")
    attendee_name = models.CharField(max_length=200)
    attendee_email = models.EmailField(blank=True)
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.PROTECT, related_name="training_bookings"
    )
    role = models.CharField(max_length=200, blank=True, help_text="e.g. Social worker, GP, teacher.")
    status = models.CharField(max_length=20, choices=BookingStatus.choices, default=BookingStatus.BOOKED)
    booked_at = models.DateTimeField(
        default=timezone.now, help_text="When the place was asked for: the waiting list's order."
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    place_offered_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a place came free and went to this booking from the waiting list.",
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    confidence_before = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=CONFIDENCE_VALIDATORS, help_text=CONFIDENCE_HELP
    )
    confidence_after = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=CONFIDENCE_VALIDATORS, help_text=CONFIDENCE_HELP
    )
    evaluation = models.TextField(blank=True, validators=[no_child_identity], help_text="What they said.")
    follow_up_sent_on = models.DateField(null=True, blank=True)
    follow_up_received_on = models.DateField(null=True, blank=True)
    practice_change = models.TextField("What changed in practice", blank=True, validators=[no_child_identity])
    # The attendee's own evaluation link: only a SHA-256 hash of its secret is kept (services.py).
    evaluation_token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    evaluation_link_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    evaluation_link_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = TrainingBookingQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicaltrainingbooking")

    class Meta:
        db_table = "partnerships_trainingbooking"  # created by the base app; the table kept its name
        ordering = ["session", "attendee_name"]

    def __str__(self):
        return f"{self.attendee_name} ({self.organisation}), {self.session}"

    def get_absolute_url(self):
        return self.session.get_absolute_url()

    @property
    def status_tag(self):
        return BookingStatus.tag_for(self.status)

    @property
    def is_waiting(self):
        return self.status == BookingStatus.WAITING

    @property
    def waiting_position(self):
        """1 for the first in line on the session's waiting list; None when not waiting."""
        if not self.is_waiting:
            return None
        ahead = getattr(self, "waiting_ahead", None)
        if ahead is None:
            ahead = (
                TrainingBooking.objects.filter(session_id=self.session_id)
                .waiting_in_order()
                .filter(Q(booked_at__lt=self.booked_at) | Q(booked_at=self.booked_at, pk__lt=self.pk))
                .count()
            )
        return ahead + 1

    @property
    def has_evaluation(self):
        return self.confidence_before is not None and self.confidence_after is not None

    @property
    def confidence_change(self):
        return self.confidence_after - self.confidence_before if self.has_evaluation else None

    def clean(self):
        if self.status != BookingStatus.ATTENDED and (
            self.confidence_before is not None or self.confidence_after is not None or self.practice_change
        ):
            raise ValidationError("Only someone who attended can give an evaluation or a follow-up.")
        if (
            self.follow_up_received_on
            and self.follow_up_sent_on
            and self.follow_up_received_on < self.follow_up_sent_on
        ):
            raise ValidationError(
                {"follow_up_received_on": "The reply cannot come before the follow-up was sent."}
            )


# --- Voice of children, young people and families ---------------------------------------------------


class EngagementActivity(models.Model):
    """Work to hear children, young people and families: a survey, a group, a consultation.

    Who took part is counts by age band only: no record here can hold a child's identity.
    """

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="engagement_activities"
    )
    title = models.CharField(max_length=255, validators=[no_child_identity])
    kind = models.CharField(max_length=20, choices=EngagementKind.choices)
    held_on = models.DateField()
    led_by = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="engagement_activities",
    )
    purpose = models.TextField(blank=True, validators=[no_child_identity])
    count_under_5 = models.PositiveIntegerField("Children under 5", default=0)
    count_5_to_10 = models.PositiveIntegerField("Children aged 5 to 10", default=0)
    count_11_to_15 = models.PositiveIntegerField("Young people aged 11 to 15", default=0)
    count_16_to_17 = models.PositiveIntegerField("Young people aged 16 or 17", default=0)
    count_18_to_25 = models.PositiveIntegerField("Young adults aged 18 to 25 (care leavers, SEND)", default=0)
    count_age_unknown = models.PositiveIntegerField("Children or young people, age not known", default=0)
    count_parents_carers = models.PositiveIntegerField("Parents and carers", default=0)
    what_they_said = models.TextField(validators=[no_child_identity])

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalengagementactivity")

    AGE_BANDS = (
        "count_under_5",
        "count_5_to_10",
        "count_11_to_15",
        "count_16_to_17",
        "count_18_to_25",
        "count_age_unknown",
    )

    class Meta:
        db_table = "partnerships_engagementactivity"  # created by the base app; the table kept its name
        ordering = ["-held_on", "-pk"]
        verbose_name_plural = "engagement activities"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        _check_text_fields(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "learning:engagement_detail", kwargs={"partnership": self.partnership.slug, "pk": self.pk}
        )

    def clean(self):
        if not any(getattr(self, name) for name in (*self.AGE_BANDS, "count_parents_carers")):
            raise ValidationError("Give the number who took part in at least one age band.")

    @property
    def children_and_young_people(self):
        return sum(getattr(self, name) for name in self.AGE_BANDS)

    @property
    def participants(self):
        return self.children_and_young_people + self.count_parents_carers

    def age_band_rows(self):
        return [
            (str(self._meta.get_field(name).verbose_name), getattr(self, name))
            for name in (*self.AGE_BANDS, "count_parents_carers")
        ]


class YouSaidWeDid(models.Model):
    """What children or families said in an activity, and what the partnership changed as a result."""

    activity = models.ForeignKey(EngagementActivity, on_delete=models.CASCADE, related_name="changes")
    you_said = models.TextField("You said", validators=[no_child_identity])
    we_did = models.TextField("We did", validators=[no_child_identity])
    status = models.CharField(max_length=20, choices=ChangeStatus.choices, default=ChangeStatus.PLANNED)
    priority = models.ForeignKey(
        "governance.Priority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voice_changes",
        help_text="The partnership priority it affected.",
    )
    priority_text = models.CharField(
        "Priority (as first typed)",
        max_length=255,
        blank=True,
        validators=[no_child_identity],
        help_text="The priority as it was typed before changes were linked to recorded priorities.",
    )
    actions = models.ManyToManyField("partnerships.Action", blank=True, related_name="voice_changes")

    objects = scoped_queryset("activity__partnership").as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalyousaidwedid", m2m_fields=[actions])

    class Meta:
        db_table = "partnerships_yousaidwedid"  # created by the base app; the table kept its name
        ordering = ["activity", "pk"]
        verbose_name = "you said, we did"
        verbose_name_plural = "you said, we did"

    def __str__(self):
        return self.you_said[:80]

    def save(self, *args, **kwargs):
        _check_text_fields(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.activity.get_absolute_url()


# --- The partnership dataset -------------------------------------------------------------------------


class Indicator(models.Model):
    """A measure in the partnership's dataset, defined once and reported by its source agency."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.SlugField(max_length=40, help_text="A short reference used in uploads, e.g. re-referrals.")
    name = models.CharField(max_length=255)
    definition = models.TextField()
    unit = models.CharField(max_length=20, choices=Unit.choices)
    polarity = models.CharField(max_length=20, choices=Polarity.choices, default=Polarity.NEUTRAL)
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    tolerance = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        help_text="How far the wrong side of the target is still amber rather than red.",
    )
    source_organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name="Source agency",
    )
    frequency = models.CharField(max_length=20, choices=Frequency.choices, default=Frequency.QUARTERLY)
    breakdown_areas = models.TextField(
        blank=True,
        help_text="Areas the value is also reported for, one a line (e.g. localities). Leave empty for the "
        "whole partnership only.",
    )
    priority = models.ForeignKey(
        "governance.Priority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        help_text="The partnership priority the indicator measures, if any.",
    )
    priority_text = models.CharField(
        "Priority (as first typed)",
        max_length=255,
        blank=True,
        help_text="The priority as it was typed before indicators were linked to recorded priorities.",
    )
    is_demo = models.BooleanField(default=False, help_text="Invented figures loaded for the demonstration.")
    is_active = models.BooleanField(default=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalindicator")

    class Meta:
        db_table = "partnerships_indicator"  # created by the base app; the table kept its name
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "code"],
                name="indicator_unique_code",
                violation_error_message="The partnership already has an indicator with this code.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "learning:indicator_detail", kwargs={"partnership": self.partnership.slug, "pk": self.pk}
        )

    def clean(self):
        self.code = (self.code or "").lower()
        clash = Indicator.objects.filter(partnership_id=self.partnership_id, code=self.code)
        if self.code and clash.exclude(pk=self.pk).exists():
            raise ValidationError({"code": "Another indicator already has this code."})

    def areas(self):
        return [line.strip() for line in self.breakdown_areas.splitlines() if line.strip()]

    def allowed_areas(self):
        return [WHOLE_AREA, *self.areas()]


class IndicatorValueQuerySet(scoped_queryset("indicator__partnership")):
    def whole_area(self):
        return self.filter(area=WHOLE_AREA)


class IndicatorValue(models.Model):
    """One period's figure for an indicator, for the whole area or one area of its breakdown."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period_start = models.DateField(help_text="The first day of the month, quarter or year it covers.")
    area = models.CharField(max_length=100, blank=True, help_text="Empty for the whole partnership.")
    value = models.DecimalField(max_digits=12, decimal_places=2)
    commentary = models.TextField(blank=True, validators=[no_child_identity])
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    objects = IndicatorValueQuerySet.as_manager()
    history = HistoricalRecords(table_name="partnerships_historicalindicatorvalue")

    class Meta:
        db_table = "partnerships_indicatorvalue"  # created by the base app; the table kept its name
        ordering = ["indicator", "period_start", "area"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start", "area"],
                name="indicator_value_unique",
                violation_error_message="This indicator already has a value for this period and area.",
            ),
        ]

    def __str__(self):
        where = f" ({self.area})" if self.area else ""
        return f"{self.indicator}: {self.period_label}{where}"

    def get_absolute_url(self):
        return self.indicator.get_absolute_url()

    @property
    def period_label(self):
        return period_label(self.indicator.frequency, self.period_start)

    def clean(self):
        if self.indicator_id:
            problem = period_problem(self.indicator.frequency, self.period_start)
            if problem:
                raise ValidationError({"period_start": problem})
            if self.area not in self.indicator.allowed_areas():
                raise ValidationError({"area": f"“{self.area}” is not one of this indicator's areas."})


def period_problem(frequency, day):
    """Why `day` cannot start a period of `frequency` (None when it can)."""
    if day is None:
        return None
    if day.day != 1:
        return "A period starts on the first day of a month."
    if frequency == Frequency.QUARTERLY and day.month not in (1, 4, 7, 10):
        return "A quarter starts on 1 January, April, July or October."
    if frequency == Frequency.ANNUAL and day.month != FINANCIAL_YEAR_START_MONTH:
        return "A year runs from 1 April (the financial year)."
    return None


def period_label(frequency, day):
    if frequency == Frequency.MONTHLY:
        return f"{day:%b %Y}"
    if frequency == Frequency.QUARTERLY:
        # Quarters of the financial year (April to March), as partnerships report them.
        quarter = {4: 1, 7: 2, 10: 3, 1: 4}.get(day.month)
        return f"Q{quarter} {financial_year_label(financial_year(day))}" if quarter else f"{day:%b %Y}"
    # An annual period starts on 1 April (period_problem): the financial year starting that year.
    return financial_year_label(day.year)
