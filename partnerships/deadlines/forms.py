from django import forms
from django.core.exceptions import ValidationError

from partnerships.core.forms.govuk import GovUKDateField, GovUKModelForm
from partnerships.deadlines import timetable
from partnerships.deadlines.models import ArrangementsTimetable, YearlyReportCycle


class TimetableForm(GovUKModelForm):
    arrangements_published_on = GovUKDateField(
        label="Arrangements published on", required=False, help_text="For example, 29 6 2019"
    )
    arrangements_in_operation_on = GovUKDateField(
        label="Arrangements in operation from", required=False, help_text="For example, 29 9 2019"
    )

    class Meta:
        model = ArrangementsTimetable
        fields = [
            "publish_by",
            "operate_by",
            "timetable_source",
            "owner",
            "serious_case_reviews_outstanding",
            "serious_case_reviews_completed_on",
            "child_death_reviews_outstanding",
            "child_death_reviews_completed_on",
        ]
        labels = {
            "publish_by": "Arrangements to be published by",
            "operate_by": "Arrangements to be in operation by",
            "timetable_source": "Source of these dates",
            "owner": "Owner of these deadlines",
            "serious_case_reviews_outstanding": "Serious case reviews outstanding when the arrangements began",
            "serious_case_reviews_completed_on": "Outstanding serious case reviews completed and published on",
            "child_death_reviews_outstanding": "Child death reviews outstanding when the arrangements began",
            "child_death_reviews_completed_on": "Outstanding child death reviews completed on",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partnership = self.instance.partnership if self.instance.partnership_id else None
        if partnership is not None and not self.is_bound:
            self.initial.setdefault("arrangements_published_on", partnership.arrangements_published_on)
            self.initial.setdefault("arrangements_in_operation_on", partnership.arrangements_in_operation_on)
        # Put the dates they were met beside the dates they were due.
        order = [
            "publish_by",
            "arrangements_published_on",
            "operate_by",
            "arrangements_in_operation_on",
        ]
        self.order_fields(order + [n for n in self.fields if n not in order])

    def clean(self):
        cleaned = super().clean()
        try:  # the service checks it again; here so every problem shows at once
            timetable.check_arrangement_dates(
                cleaned.get("arrangements_published_on"), cleaned.get("arrangements_in_operation_on")
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


class YearlyReportCycleForm(GovUKModelForm):
    report_url = forms.URLField(
        label="Web address of the report", required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = YearlyReportCycle
        fields = ["starts_on", "published_on", "sent_on", "report_url"]
        labels = {
            "starts_on": "The 12 months start on",
            "published_on": "Published on",
            "sent_on": "Sent to the Panel and the What Works Centre on",
            "report_url": "Web address of the report",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["starts_on"]  # follows the previous report's publication

    def clean(self):
        if self.partnership is not None and not self.instance.partnership_id:
            self.instance.partnership = self.partnership
        return super().clean()
