"""Forms of learning and evidence of impact: briefings, training, voice and the dataset."""

import datetime

from django import forms
from django.utils import timezone

from partnerships.core.forms.govuk import (
    GovUKDateField,
    GovUKDateWidget,
    GovUKForm,
    GovUKModelForm,
    required_message,
)
from partnerships.core.identity import no_child_identity
from partnerships.core.models import Organisation
from partnerships.learning.models import (
    CONFIDENCE_HELP,
    BookingStatus,
    EngagementActivity,
    Indicator,
    IndicatorValue,
    LearningBriefing,
    TrainingBooking,
    TrainingCourse,
    TrainingSession,
    YouSaidWeDid,
)
from partnerships.learning.services import partnership_agencies

CONFIDENCE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class BriefingForm(GovUKModelForm):
    class Meta:
        model = LearningBriefing
        fields = [
            "title",
            "source_kind",
            "source_label",
            "source_url",
            "background",
            "what_happened",
            "learning",
            "questions",
            "what_to_do",
            "further_reading",
            "acknowledge_by",
        ]
        labels = {"source_label": "Finding it comes from", "source_url": "Link to the finding (optional)"}
        help_texts = {
            "background": "Why this matters: the context practitioners need (no names, dates of birth or NHS "
            "numbers: the briefing is published)."
        }

    def clean_source_url(self):
        url = self.cleaned_data["source_url"]
        # Only a link inside this service or to a web page: never a javascript: or data: address.
        if url and not url.startswith(("/", "https://", "http://")):
            raise forms.ValidationError("Enter a link that starts with / or https://.")
        return url


class PublishBriefingForm(GovUKForm):
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label="Send it to these agencies",
        help_text="Their agency contributors are asked to share it with practitioners and to confirm they have.",
        error_messages={"required": "Choose at least one agency to send the briefing to."},
    )

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, partnership=partnership, **kwargs)
        if partnership is not None and not self.is_bound:
            self.initial.setdefault(
                "organisations", list(partnership_agencies(partnership).values_list("pk", flat=True))
            )


class AcknowledgeForm(GovUKForm):
    staff_reached = forms.IntegerField(
        min_value=0,
        max_value=1_000_000,
        required=False,
        label="How many practitioners did you share it with? (optional)",
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Anything to add")


class CourseForm(GovUKModelForm):
    class Meta:
        model = TrainingCourse
        fields = [
            "title",
            "topic",
            "description",
            "briefing",
            "priority",
            "trainer",
            "target_agencies",
            "target_roles",
            "is_active",
        ]
        widgets = {"target_agencies": forms.CheckboxSelectMultiple}


class SessionForm(GovUKModelForm):
    day = GovUKDateField(label="Date", widget=GovUKDateWidget)
    start_time = forms.TimeField(
        label="Starts at",
        help_text="For example, 09:30.",
        widget=forms.TimeInput(attrs={"class": "govuk-input govuk-input--width-5"}),
    )
    end_time = forms.TimeField(
        label="Ends at",
        required=False,
        widget=forms.TimeInput(attrs={"class": "govuk-input govuk-input--width-5"}),
    )

    class Meta:
        model = TrainingSession
        fields = ["day", "start_time", "end_time", "venue", "delivery", "capacity"]

    def __init__(self, *args, course=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        if self.instance.pk and self.instance.starts_at:
            start = timezone.localtime(self.instance.starts_at)
            self.initial.update(day=start.date(), start_time=start.time().replace(second=0))
            if self.instance.ends_at:
                self.initial["end_time"] = timezone.localtime(self.instance.ends_at).time().replace(second=0)

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("day"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and start:
            self.instance.starts_at = timezone.make_aware(datetime.datetime.combine(day, start))
            self.instance.ends_at = timezone.make_aware(datetime.datetime.combine(day, end)) if end else None
            if end and end <= start:
                self.add_error("end_time", "The session must end after it starts.")
        if self.course is not None:
            self.instance.course = self.course
        return cleaned


class BookingForm(GovUKModelForm):
    class Meta:
        model = TrainingBooking
        fields = ["attendee_name", "attendee_email", "organisation", "role"]
        help_texts = {"attendee_name": "The practitioner taking the place."}


class AgencyBookingForm(GovUKModelForm):
    """An agency contributor books one of their own staff: the agency is one of theirs (the service
    refuses any other, so a changed form is refused in its words), the e-mail is needed for the
    attendee's evaluation link."""

    class Meta:
        model = TrainingBooking
        fields = ["attendee_name", "attendee_email", "role", "organisation"]
        labels = {"attendee_name": "Name", "attendee_email": "E-mail address", "organisation": "Agency"}
        help_texts = {
            "attendee_name": "The member of your agency's staff taking the place.",
            "attendee_email": "We send the joining details, a place from the waiting list and the evaluation "
            "link here.",
        }
        widgets = {"organisation": forms.RadioSelect}

    def __init__(self, *args, organisation_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendee_email"].required = True
        self.fields["attendee_email"].error_messages["required"] = required_message(
            self.fields["attendee_email"]
        )
        field = self.fields["organisation"]
        own = [(o.pk, o.name) for o in field.queryset.filter(pk__in=organisation_ids).order_by("name")]
        field.choices = own  # offered: their own agencies; any other is the service's to refuse
        if len(own) == 1 and not self.is_bound:
            self.initial["organisation"] = own[0][0]


class AttendanceForm(GovUKForm):
    """One radio group per booking: attended or did not attend."""

    def __init__(self, *args, bookings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.bookings = list(bookings)
        for booking in self.bookings:
            self.fields[f"booking_{booking.pk}"] = forms.ChoiceField(
                label=f"{booking.attendee_name} ({booking.organisation.name})",
                choices=[(BookingStatus.ATTENDED, "Attended"), (BookingStatus.NO_SHOW, "Did not attend")],
                widget=forms.RadioSelect,
                required=False,
                initial=booking.status if booking.status != BookingStatus.BOOKED else None,
            )

    def marked(self):
        attended, absent = [], []
        for booking in self.bookings:
            value = self.cleaned_data.get(f"booking_{booking.pk}")
            if value == BookingStatus.ATTENDED:
                attended.append(booking.pk)
            elif value == BookingStatus.NO_SHOW:
                absent.append(booking.pk)
        return attended, absent


class EvaluationForm(GovUKForm):
    confidence_before = forms.TypedChoiceField(
        coerce=int,
        choices=CONFIDENCE_CHOICES,
        widget=forms.RadioSelect,
        label="Before the session, how confident did you feel?",
        help_text=CONFIDENCE_HELP,
    )
    confidence_after = forms.TypedChoiceField(
        coerce=int,
        choices=CONFIDENCE_CHOICES,
        widget=forms.RadioSelect,
        label="After the session, how confident do you feel?",
        help_text=CONFIDENCE_HELP,
    )
    evaluation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="What will you do differently?"
    )

    def clean_evaluation(self):
        value = self.cleaned_data["evaluation"]
        no_child_identity(value)
        return value


class FollowUpForm(GovUKForm):
    practice_change = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What has changed in their practice since the training?",
    )
    received_on = GovUKDateField(label="Reply received on", widget=GovUKDateWidget)

    def clean_practice_change(self):
        value = self.cleaned_data["practice_change"]
        no_child_identity(value)
        return value


class EngagementForm(GovUKModelForm):
    class Meta:
        model = EngagementActivity
        fields = [
            "title",
            "kind",
            "held_on",
            "led_by",
            "purpose",
            *EngagementActivity.AGE_BANDS,
            "count_parents_carers",
            "what_they_said",
        ]
        help_texts = {
            "what_they_said": "In their words where possible, but never a name, date of birth or anything that "
            "identifies a child.",
        }


class PriorityChoiceMixin:
    """The partnership's recorded priorities, each with its year; "None" when it serves none."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["priority"]
        field.empty_label = "None of the recorded priorities"
        field.label_from_instance = lambda p: f"{p.title} ({p.year_label})"


class YouSaidWeDidForm(PriorityChoiceMixin, GovUKModelForm):
    class Meta:
        model = YouSaidWeDid
        fields = ["you_said", "we_did", "status", "priority", "actions"]
        widgets = {"actions": forms.CheckboxSelectMultiple}


class IndicatorForm(PriorityChoiceMixin, GovUKModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "code",
            "definition",
            "unit",
            "polarity",
            "target",
            "tolerance",
            "source_organisation",
            "frequency",
            "breakdown_areas",
            "priority",
            "is_active",
        ]


class IndicatorValueForm(GovUKModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["indicator", "period_start", "area", "value", "commentary"]
        labels = {"period_start": "Period starting"}

    def __init__(self, *args, indicators=None, **kwargs):
        super().__init__(*args, **kwargs)
        if indicators is not None:
            self.fields["indicator"].queryset = indicators

    def _get_validation_exclusions(self):
        """Skip the (indicator, period, area) constraint: a second figure for a period replaces the
        first (the service updates the row); the area is still checked by the model's clean()."""
        exclude = super()._get_validation_exclusions()
        exclude.add("area")
        return exclude


class DatasetUploadForm(GovUKForm):
    file = forms.FileField(
        label="Upload a file",
        help_text="CSV or Excel (.xlsx), up to 2 MB, with columns indicator, period, value and optionally "
        "area and commentary.",
    )
