"""Pages of the child death review. Thin: scoping and roles come from partnerships.core.views.generic,
the footprint rule from the models' querysets, every change from child_death.services.

The partnership in the address may be any partnership of a panel's footprint: links stay in it
(`viewing_partnership`), so a Havering reader of the tri-borough panel never lands on a page of a
partnership they hold no role in.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.views import generic

from child_death import exports, services
from child_death.choices import FormStatus, Stage
from child_death.figures import available_years, yearly_figures
from child_death.filters import CaseFilter, ReportingFormFilter
from child_death.forms import (
    AgendaAddForm,
    AnalysisForm,
    AttendanceForm,
    CaseForm,
    CdrMeetingForm,
    CloseForm,
    FamilyContactForm,
    FormRequestForm,
    FormSubmitForm,
    KeyWorkerForm,
    LinkForm,
    MeetingForm,
    NcmdForm,
    OutcomeForm,
    WaiveForm,
)
from child_death.models import (
    AgendaItem,
    ChildDeathCase,
    ChildDeathOverviewPanel,
    ChildIdentity,
    PanelMeeting,
    ReportingForm,
)
from partnerships.core import identity
from partnerships.core.models import AccessChannel, Partnership, RecordLink
from partnerships.core.periods import financial_year, financial_year_label
from partnerships.core.permissions import Perm, access_for
from partnerships.core.record_access import LoggedRecordMixin, access_log_url
from partnerships.core.registry import AgencyRequest, record_lookup
from partnerships.core.services import log_record_access
from partnerships.core.tabular import Percent
from partnerships.core.views.generic import (
    Column,
    ContributorMixin,
    PartnershipMixin,
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedObjectMixin,
    ScopedRecordFormView,
    ScopedUpdateView,
    tabular_response,
)
from partnerships.deadlines.choices import DeadlineStatus

SERIOUS_INCIDENT = "serious_incident"


def has_panel(partnership):
    """Whether a child death overview panel serves `partnership`: only then does it get the child
    death pages in its navigation (partnerships.core.registry.NavItem.shown_for)."""
    return ChildDeathOverviewPanel.objects.in_partnership(partnership).exists()


def no_panel_message(partnership):
    return (
        f"No child death overview panel serves {partnership.name} in this service, so no child death "
        "can be recorded here. An administrator adds the panel that reviews the deaths of children "
        "resident in its area."
    )


class FootprintMixin:
    """The panels serving the partnership in the address; rows link within that partnership."""

    def get_panels(self):
        if not hasattr(self, "_panels"):
            self._panels = list(
                ChildDeathOverviewPanel.objects.in_partnership(self.partnership).select_related(
                    "host_partnership"
                )
            )
        return self._panels

    def here(self, obj):
        obj.viewing_partnership = self.partnership
        return obj

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        object_list = [self.here(o) for o in object_list]
        page.object_list = object_list
        return paginator, page, object_list, is_paginated

    def case_url(self, case, name="child_death:case_detail", **kwargs):
        return reverse(name, kwargs={"partnership": self.partnership.slug, "pk": case.pk, **kwargs})


def _date(value):
    return value.strftime("%-d %b %Y") if value else ""


# ---------------------------------------------------------------- cases


class CaseList(FootprintMixin, ScopedListView):
    model = ChildDeathCase
    title = "Child death cases"
    intro = (
        "Every death of a child resident in the panel's footprint, from notification to closure. "
        "Children's names never appear here."
    )
    filterset_class = CaseFilter
    create_url_name = "child_death:case_create"
    create_label = "Record a notification"
    list_select_related = ("panel", "area_of_residence")
    columns = (
        Column("Reference", "reference", link=True),
        Column("Panel", "panel.short_name"),
        Column("Stage", "get_stage_display", tag=lambda c: c.stage_tag),
        Column("Notified", "notified_on"),
        Column("Age band", "get_age_band_display"),
        Column("Area", "area_of_residence.name"),
        Column("Expected", "get_expectedness_display"),
        Column("Forms outstanding", "forms_outstanding", numeric=True),
        Column("Category", "category"),
        Column("Modifiable", "get_modifiable_display"),
    )

    def base_queryset(self):
        outstanding = (
            ReportingForm.objects.filter(case=OuterRef("pk"), status=FormStatus.REQUESTED)
            .order_by()
            .values("case")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super()
            .base_queryset()
            # A correlated subquery, not a join and GROUP BY over the whole footprint: PostgreSQL
            # counts only the page's rows, after the sort and limit (the benchmark, BENCHMARKS.md).
            .annotate(forms_outstanding=Coalesce(Subquery(outstanding, output_field=IntegerField()), 0))
            .order_by("-notified_on", "-pk")
        )

    # Reached by its address where no panel serves the partnership (the navigation leaves it out):
    # the page says so plainly and offers no notification to record.
    def get_create_url(self):
        return super().get_create_url() if self.get_panels() else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.get_panels():
            context["intro"] = no_panel_message(self.partnership)
        return context


class CaseCreate(FootprintMixin, ScopedCreateView):
    model = ChildDeathCase
    form_class = CaseForm
    title = "Record the notification of a child's death"
    success_message = "The notification is recorded and the case opened."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        panels = self.get_panels()
        if not panels:
            raise Http404(no_panel_message(self.partnership))
        kwargs["panels"] = ChildDeathOverviewPanel.objects.filter(pk__in=[p.pk for p in panels])
        return kwargs

    def save(self, form):
        case = services.notify_death(
            self.request.user,
            panel=form.cleaned_data["panel"],
            identity=form.identity_values(),
            **form.case_values(),
        )
        _warn_same_nhs_number(self.request, case)
        return self.here(case)


def _warn_same_nhs_number(request, case):
    for other in getattr(case, "same_nhs_number", ()):
        messages.warning(
            request,
            f"Case {other.reference} has the same NHS number: the two cases are linked. Check the death "
            "has not been notified twice.",
        )


class CaseObjectMixin(FootprintMixin, ScopedObjectMixin):
    model = ChildDeathCase

    def get_object(self, queryset=None):
        return self.here(super().get_object(queryset))


class CaseDetail(CaseObjectMixin, ScopedDetailView):
    template_name = "child_death/case_detail.html"
    edit_url_name = "child_death:case_update"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # The page shows who the child was: note who opened it (DEVELOPING.md, sensitive records).
        log_record_access(
            request.user, self.object, self.partnership, label=str(self.object), route=request.get_full_path()
        )
        return response

    def get_summary(self):
        c = self.object
        return [
            ("Panel", c.panel.name),
            ("Stage", c.get_stage_display()),
            ("Date of death", _date(c.date_of_death)),
            ("Date notified", _date(c.notified_on)),
            (
                "Notified by",
                " for ".join(x for x in [c.notified_by, str(c.notifier_organisation or "")] if x),
            ),
            ("Place of death", c.get_place_of_death_display()),
            ("Age band", c.get_age_band_display()),
            ("Area of residence", str(c.area_of_residence)),
            ("Expected or unexpected", c.get_expectedness_display()),
            (
                "Joint agency response",
                f"Yes: {c.get_jar_criterion_display()}" if c.jar_triggered else "Not triggered",
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["access_log_url"] = access_log_url(self.request.user, self.partnership, self.object)
        c = self.object
        context["identity"] = ChildIdentity.objects.filter(case=c).first()
        context["forms"] = list(c.reporting_forms.select_related("organisation"))
        context["contacts"] = list(c.family_contacts.all())
        context["stage_changes"] = list(c.stage_changes.select_related("changed_by"))
        context["agenda_items"] = list(c.agenda_items.select_related("meeting__panel"))
        for item in context["agenda_items"]:
            self.here(item.meeting)
        context["links"] = [
            {"label": link.other_side(c)[0], "url": link.other_side(c)[1], "reason": link.reason}
            for link in RecordLink.objects.for_record(c)
        ]
        context["blocking"] = (
            services.forms_blocking_panel(c) if c.stage not in (Stage.PANEL_REVIEWED, Stage.CLOSED) else []
        )
        context["can_link"] = record_lookup(SERIOUS_INCIDENT) is not None
        context["analysis"] = [
            ("Cause of death", c.cause_of_death),
            ("Category of death", c.get_category_display() if c.category else ""),
            (
                "Factors intrinsic to the child",
                c.get_factors_child_display() if c.factors_child is not None else "",
            ),
            (
                "Factors in the social environment",
                c.get_factors_social_display() if c.factors_social is not None else "",
            ),
            (
                "Factors in the physical environment",
                c.get_factors_physical_display() if c.factors_physical is not None else "",
            ),
            (
                "Factors in service provision",
                c.get_factors_service_display() if c.factors_service is not None else "",
            ),
            ("Modifiable factors", c.get_modifiable_display()),
            ("Learning points", c.learning_points),
            ("Notify the national panel", "Yes" if c.notify_national_panel else "No"),
            (
                "National Child Mortality Database",
                f"Sent {_date(c.ncmd_submitted_on)} {c.ncmd_reference}".strip()
                if c.ncmd_submitted_on
                else "Not yet sent",
            ),
        ]
        context["family"] = [
            (
                "Key worker",
                " for ".join(x for x in [c.key_worker, str(c.key_worker_organisation or "")] if x),
            ),
            ("Bereavement support", c.get_bereavement_support_display()),
            ("Offered on", _date(c.bereavement_support_offered_on)),
        ]
        context["step_urls"] = {
            name: self.case_url(c, f"child_death:case_{name}")
            for name in (
                "form_request",
                "key_worker",
                "contact_add",
                "cdr_meeting",
                "analysis",
                "ncmd",
                "close",
                "link",
            )
        }
        context["title"] = c.reference
        return context


class CaseUpdate(LoggedRecordMixin, CaseObjectMixin, ScopedUpdateView):
    form_class = CaseForm
    access_channel = AccessChannel.EDIT  # the form shows who the child was
    success_message = "The notification details are saved."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["identity"] = ChildIdentity.objects.filter(case=self.object).first()
        return kwargs

    def get_title(self):
        return f"Change the notification of {self.object.reference}"

    def save(self, form):
        case = form.save(commit=False)
        identity = form.identity or ChildIdentity(case=case)
        for name, value in form.identity_values().items():
            setattr(identity, name, value)
        case = services.update_notification(self.request.user, case, identity)
        _warn_same_nhs_number(self.request, case)
        return case


class CaseStepView(CaseObjectMixin, ScopedRecordFormView):
    """A form on one case that calls one service (request a form, record a meeting...)."""

    def get_title(self):
        return f"{self.title}: {self.object.reference}"


class FormRequest(CaseStepView):
    form_class = FormRequestForm
    title = "Request a reporting form"
    success_message = "The reporting form is requested."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["panel"] = self.object.panel
        return kwargs

    def get_initial(self):
        return {"requested_on": timezone.localdate()}

    def handle(self, form):
        services.request_reporting_form(self.request.user, self.object, **form.cleaned_data)


class KeyWorkerUpdate(CaseObjectMixin, ScopedUpdateView):
    form_class = KeyWorkerForm
    success_message = "The key worker and bereavement support are saved."

    def get_title(self):
        return f"Key worker and bereavement support: {self.object.reference}"

    def save(self, form):
        data = form.cleaned_data
        return services.record_bereavement_support(
            self.request.user,
            form.instance,
            key_worker=data["key_worker"],
            key_worker_organisation=data["key_worker_organisation"],
            bereavement_support=data["bereavement_support"],
            bereavement_support_offered_on=data["bereavement_support_offered_on"],
        )


class ContactAdd(CaseStepView):
    form_class = FamilyContactForm
    title = "Log a contact with the family"
    success_message = "The contact is logged."

    def handle(self, form):
        services.log_family_contact(self.request.user, self.object, **form.cleaned_data)


class CdrMeetingRecord(CaseStepView):
    form_class = CdrMeetingForm
    title = "Record the child death review meeting"
    success_message = "The child death review meeting is recorded."

    def handle(self, form):
        services.record_cdr_meeting(self.request.user, self.object, **form.cleaned_data)


class AnalysisRecord(CaseStepView):
    form_class = AnalysisForm
    title = "Record the panel's analysis"
    success_message = "The analysis is recorded."

    def get_initial(self):
        return {
            name: getattr(self.object, name)
            for name in (
                "cause_of_death",
                "category",
                "factors_child",
                "factors_social",
                "factors_physical",
                "factors_service",
                "modifiable",
                "learning_points",
                "notify_national_panel",
            )
        }

    def handle(self, form):
        data = dict(form.cleaned_data)
        title, due = data.pop("action_title"), data.pop("action_due_date")
        actions = [(title, due, None)] if title or due else []
        services.record_analysis(self.request.user, self.object, actions=actions, **data)


class NcmdRecord(CaseStepView):
    form_class = NcmdForm
    title = "Record the submission to the National Child Mortality Database"
    success_message = "The submission is recorded."

    def handle(self, form):
        services.record_ncmd_submission(self.request.user, self.object, **form.cleaned_data)


class CaseClose(CaseStepView):
    form_class = CloseForm
    title = "Close the case"
    success_message = "The case is closed."

    def get_initial(self):
        return {"closed_on": timezone.localdate()}

    def handle(self, form):
        services.close_case(self.request.user, self.object, **form.cleaned_data)


class CaseLink(CaseStepView):
    form_class = LinkForm
    title = "Link to a serious incident notification"
    success_message = "The case is linked."

    def handle(self, form):
        lookup = record_lookup(SERIOUS_INCIDENT)
        target = None
        if lookup is not None:
            target = lookup.func(self.request.user, self.partnership, form.cleaned_data["record_id"])
        if target is None:
            raise ValidationError(
                {"record_id": "There is no serious incident notification with that number here."}
            )
        services.link_to_record(self.request.user, self.object, target, reason=form.cleaned_data["reason"])


# ---------------------------------------------------------------- reporting forms


class ReportingFormList(FootprintMixin, ScopedListView):
    model = ReportingForm
    title = "Reporting forms"
    intro = "Forms requested from the agencies involved with each child."
    filterset_class = ReportingFormFilter
    list_select_related = ("case", "organisation")
    columns = (
        Column("Case", "case.reference"),
        Column("Agency", "organisation.name"),
        Column("Form", "get_kind_display"),
        Column("Requested", "requested_on"),
        Column("Due", "due_date"),
        Column("Status", "get_status_display", tag=lambda f: f.status_tag),
        Column("Submitted", "submitted_on"),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for row in context["rows"]:
            row["cells"][0]["url"] = self.case_url(row["object"].case)
        return context


class ReportingFormObjectMixin(FootprintMixin, ScopedObjectMixin):
    model = ReportingForm
    list_select_related = ("case__panel", "organisation")


class FormStepView(ReportingFormObjectMixin, ScopedRecordFormView):
    template_name = "child_death/form_submit.html"

    def get_success_url(self, result=None):
        return self.case_url(self.object.case)


class FormWaive(FormStepView):
    form_class = WaiveForm
    title = "Waive a reporting form"
    success_message = "The form is waived."

    def handle(self, form):
        services.waive_reporting_form(self.request.user, self.object, reason=form.cleaned_data["reason"])


class FormEnter(FormStepView):
    """The business unit records a form an agency sent by other means."""

    form_class = FormSubmitForm
    title = "Record a reporting form"
    success_message = "The reporting form is recorded."

    def get_initial(self):
        return {"submitted_on": timezone.localdate()}

    def handle(self, form):
        services.submit_reporting_form(self.request.user, self.object, **form.cleaned_data)


class ContributorFormsMixin(ContributorMixin):
    """An agency contributor sees only the forms asked of their own agencies (else 404)."""

    def base_queryset(self):
        return (
            ReportingForm.objects.in_partnership(self.partnership)
            .filter(organisation__in=self.organisation_ids())
            .select_related("case__panel__host_partnership", "case__area_of_residence", "organisation")
        )


class ContributorFormList(ContributorFormsMixin, FootprintMixin, ScopedListView):
    model = ReportingForm
    title = "Child death reporting forms asked of your agency"
    intro = "Complete each form with what your agency knows of the child and family."
    columns = (
        Column("Case", "case.reference"),
        Column("Agency", "organisation.name"),
        Column("Form", "get_kind_display"),
        Column("Due", "due_date"),
        Column("Status", "get_status_display", tag=lambda f: f.status_tag),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for row in context["rows"]:
            row["cells"][0]["url"] = reverse(
                "child_death:contribute_form",
                kwargs={"partnership": self.partnership.slug, "pk": row["object"].pk},
            )
        return context


class ContributorFormSubmit(ContributorFormsMixin, FormStepView):
    form_class = FormSubmitForm
    title = "Complete the reporting form"
    success_message = "Thank you: your reporting form is submitted."
    template_name = "child_death/form_submit.html"

    def get_initial(self):
        f = self.object
        return {
            "involvement": f.involvement,
            "concerns": f.concerns,
            "information": f.information,
            "submitted_on": f.submitted_on or timezone.localdate(),
        }

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.object.status != FormStatus.REQUESTED:
            for field in form.fields.values():
                field.disabled = True
        return form

    def handle(self, form):
        if self.object.status != FormStatus.REQUESTED:
            raise ValidationError("This form is no longer open.")
        services.submit_reporting_form(self.request.user, self.object, **form.cleaned_data)

    def get_success_url(self, result=None):
        return reverse("child_death:contribute_list", kwargs={"partnership": self.partnership.slug})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contributor"] = True
        return context


# ---------------------------------------------------------------- panels and meetings


class PanelList(FootprintMixin, ScopedListView):
    model = ChildDeathOverviewPanel
    title = "Child death overview panels"
    intro = "The panels that review the deaths of children resident in this partnership's area."
    columns = (
        Column("Panel", "name", link=True),
        Column("Host partnership", "host_partnership.short_name"),
        Column("Chair", "chair"),
    )

    def base_queryset(self):
        return (
            ChildDeathOverviewPanel.objects.visible_to(self.request.user)
            .in_partnership(self.partnership)
            .select_related("host_partnership")
        )


class PanelDetail(FootprintMixin, ScopedDetailView):
    model = ChildDeathOverviewPanel
    template_name = "child_death/panel_detail.html"

    def get_queryset(self):
        return ChildDeathOverviewPanel.objects.visible_to(self.request.user).in_partnership(self.partnership)

    def get_summary(self):
        p = self.object
        return [
            ("Host partnership", str(p.host_partnership)),
            ("Partnerships served", ", ".join(str(x) for x in p.partnerships.all())),
            ("Local authority areas", ", ".join(str(x) for x in p.areas.all())),
            (
                "Child death review partners",
                ", ".join(x.name_on() for x in p.review_partners.select_related("successor")),
            ),
            ("Chair", p.chair),
            ("Case reference prefix", p.reference_prefix),
        ]


class MeetingList(FootprintMixin, ScopedListView):
    model = PanelMeeting
    title = "Panel meetings"
    create_url_name = "child_death:meeting_create"
    create_label = "Plan a meeting"
    list_select_related = ("panel",)
    columns = (
        Column("Meeting", "__str__", link=True),
        Column("Date", "meets_on"),
        Column("Status", "get_status_display"),
        Column("Cases on the agenda", "cases_count", numeric=True),
    )

    def base_queryset(self):
        return super().base_queryset().annotate(cases_count=Count("agenda")).order_by("-meets_on", "-pk")


class MeetingCreate(FootprintMixin, ScopedCreateView):
    model = PanelMeeting
    form_class = MeetingForm
    title = "Plan a panel meeting"
    success_message = "The meeting is planned."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["panels"] = ChildDeathOverviewPanel.objects.in_partnership(self.partnership)
        return kwargs

    def save(self, form):
        data = form.cleaned_data
        return self.here(
            services.create_meeting(
                self.request.user,
                panel=data["panel"],
                meets_on=data["meets_on"],
                location=data["location"],
                notes=data["notes"],
            )
        )


class MeetingObjectMixin(FootprintMixin, ScopedObjectMixin):
    model = PanelMeeting

    def get_object(self, queryset=None):
        return self.here(super().get_object(queryset))


class MeetingDetail(MeetingObjectMixin, ScopedDetailView):
    template_name = "child_death/meeting_detail.html"
    edit_url_name = "child_death:meeting_update"

    def get_summary(self):
        m = self.object
        return [
            ("Panel", m.panel.name),
            ("Date", _date(m.meets_on)),
            ("Location", m.location),
            ("Status", m.get_status_display()),
            ("Notes", m.notes),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        m = self.object
        items = list(m.agenda.select_related("case"))
        for item in items:
            item.case_url = self.case_url(item.case)
            item.outcome_url = reverse(
                "child_death:meeting_outcome",
                kwargs={"partnership": self.partnership.slug, "pk": m.pk, "item_pk": item.pk},
            )
        context["items"] = items
        context["attendance"] = list(m.attendance.select_related("organisation"))
        base = {"partnership": self.partnership.slug, "pk": m.pk}
        context["agenda_add_url"] = reverse("child_death:meeting_agenda_add", kwargs=base)
        context["attendance_add_url"] = reverse("child_death:meeting_attendance_add", kwargs=base)
        return context


class MeetingUpdate(MeetingObjectMixin, ScopedUpdateView):
    form_class = MeetingForm
    success_message = "The meeting is saved."


class MeetingStepView(MeetingObjectMixin, ScopedRecordFormView):
    def get_title(self):
        return f"{self.title}: {self.object}"


class AgendaAdd(MeetingStepView):
    form_class = AgendaAddForm
    title = "Add a case to the agenda"
    success_message = "The case is on the agenda."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["cases"] = (
            ChildDeathCase.objects.visible_to(self.request.user)
            .filter(panel=self.object.panel)
            .exclude(stage__in=[Stage.PANEL_REVIEWED, Stage.CLOSED])
            .exclude(agenda_items__meeting=self.object)
        )
        return kwargs

    def handle(self, form):
        services.add_to_agenda(self.request.user, self.object, form.cleaned_data["case"])


class AttendanceAdd(MeetingStepView):
    form_class = AttendanceForm
    title = "Record attendance"
    success_message = "Attendance is recorded."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["panel"] = self.object.panel
        return kwargs

    def handle(self, form):
        attendance = form.save(commit=False)
        attendance.meeting = self.object
        services.record_attendance(self.request.user, attendance)


class OutcomeRecord(MeetingStepView):
    form_class = OutcomeForm
    title = "Record the panel's outcome"
    success_message = "The outcome is recorded."

    def get_object(self, queryset=None):
        meeting = super().get_object(queryset)
        self.item = (
            AgendaItem.objects.filter(meeting=meeting, pk=self.kwargs["item_pk"])
            .select_related("case")
            .first()
        )
        if self.item is None:
            raise Http404("No such agenda item.")
        return meeting

    def handle(self, form):
        services.record_panel_outcome(self.request.user, self.item, **form.cleaned_data)

    def get_title(self):
        return f"Outcome for {self.item.case.reference} at {self.object}"


# ---------------------------------------------------------------- figures and the national return


class FiguresView(FootprintMixin, PartnershipMixin, generic.TemplateView):
    """Figures for the yearly CDOP report (child_death.figures), with a CSV download."""

    template_name = "child_death/figures.html"

    def get_cases(self):
        return ChildDeathCase.objects.visible_to(self.request.user).in_partnership(self.partnership)

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        cases = self.get_cases()
        years = available_years(cases) or [financial_year(today)]
        try:
            year = int(request.GET.get("year") or years[0])
        except ValueError:
            year = years[0]
        if year not in years:
            years = sorted({*years, year}, reverse=True)
        self.figures = yearly_figures(cases, year, on=today)
        self.years = years
        if request.GET.get("export") in ("csv", "xlsx"):
            return tabular_response(
                request.GET["export"],
                f"{self.partnership.slug}-child-death-figures-{year}",
                ["Figure", "Group", "Value"],
                figure_rows(self.figures),
                guard=identity.guard_for(self.partnership, public=False),
                title="Child death figures",
                partnership=self.partnership,
                period=self.figures.label,
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = f"Child death figures {self.figures.label}"
        context["figures"] = self.figures
        context["years"] = [(y, financial_year_label(y)) for y in self.years]
        context["panels"] = self.get_panels()
        return context


def figure_rows(f):
    rows = [["Deaths by year", label, n] for label, n in f.deaths_by_year.items()]
    rows.append(["Deaths in the year", "", f.deaths])
    for title, data in (
        ("Deaths by age band", f.by_age_band),
        ("Deaths by category", f.by_category),
        ("Deaths by place", f.by_place),
        ("Expected or unexpected", f.by_expectedness),
        ("Reviews by modifiability", f.by_modifiable),
        ("Open cases by stage", f.open_by_stage),
        ("Open cases by age", f.open_by_age),
    ):
        rows.extend([title, label, n] for label, n in data.items())
    rows.append(["Deaths not yet categorised", "", f.not_yet_categorised])
    rows.append(["Reviews completed", "", f.reviews_completed])
    rows.append(
        [
            "Share with modifiable factors (%)",
            "",
            Percent(f.modifiable_percent) if f.modifiable_percent is not None else "",
        ]
    )
    rows.append(
        [
            "Days notification to panel review",
            "median",
            f.days_to_panel_median if f.days_to_panel_median is not None else "",
        ]
    )
    rows.append(
        [
            "Days notification to panel review",
            "90th percentile",
            f.days_to_panel_p90 if f.days_to_panel_p90 is not None else "",
        ]
    )
    for row in f.forms_outstanding:
        rows.append(["Forms outstanding", row["organisation"], row["outstanding"]])
        rows.append(["Forms overdue", row["organisation"], row["overdue"]])
    return rows


class NationalReturn(FootprintMixin, PartnershipMixin, generic.TemplateView):
    """The documented CSV layout for national returns; no names, dates of birth or NHS numbers."""

    template_name = "child_death/national_return.html"

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt in ("csv", "xlsx"):
            cases = ChildDeathCase.objects.visible_to(request.user).in_partnership(self.partnership)
            return exports.national_return(
                cases,
                f"{self.partnership.slug}-child-death-national-return",
                fmt,
                partnership=self.partnership,
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "National return of child death data"
        context["columns"] = exports.COLUMNS
        context["layout"] = exports.__doc__
        return context


# ---------------------------------------------------------------- registry hooks


def home_panel(request, partnership):
    """Open child death cases whose forms are overdue, for readers of a footprint partnership."""
    if not access_for(request.user).has(Perm.VIEW, partnership):
        return None
    if not ChildDeathOverviewPanel.objects.in_partnership(partnership).exists():
        return None
    today = timezone.localdate()
    overdue = list(
        ReportingForm.objects.in_partnership(partnership)
        .filter(status=FormStatus.REQUESTED, due_date__lt=today)
        .select_related("case", "organisation")
        .order_by("due_date")[:5]
    )
    rows = [
        {
            "text": f"{f.case.reference}: {f.organisation}",
            "url": reverse(
                "child_death:case_detail", kwargs={"partnership": partnership.slug, "pk": f.case_id}
            ),
            "tag": DeadlineStatus.OVERDUE.label,
            "tag_class": DeadlineStatus.OVERDUE.tag_class,
            "hint": f"Form due {f.due_date:%d %B %Y}",
        }
        for f in overdue
    ]
    return {
        "title": "Child death reviews",
        "rows": rows,
        "empty": "No reporting form is overdue.",
        "link": (
            "Child death cases",
            reverse("child_death:case_list", kwargs={"partnership": partnership.slug}),
        ),
    }


def agency_requests(user, organisation_ids):
    """Reporting forms asked of the contributor's agencies, for their home page."""
    access = access_for(user)
    partnership_ids = access.partnership_ids(Perm.CONTRIBUTE)
    if not organisation_ids or not partnership_ids:
        return []
    forms = (
        ReportingForm.objects.permitted(user, Perm.CONTRIBUTE)
        .filter(organisation__in=organisation_ids)
        .select_related("case__panel", "organisation")
    )
    partnerships = list(
        Partnership.objects.filter(pk__in=partnership_ids).prefetch_related("child_death_panels")
    )
    requests = []
    for form in forms:
        partnership = next(
            (p for p in partnerships if any(x.pk == form.case.panel_id for x in p.child_death_panels.all())),
            None,
        )
        if partnership is None:
            continue
        requests.append(
            AgencyRequest(
                kind="Child death reporting form",
                title=f"{form.get_kind_display()} for {form.case.reference}",
                partnership_name=form.case.panel.name,
                organisation_name=str(form.organisation),
                due_date=form.due_date,
                status=form.get_status_display(),
                url=reverse(
                    "child_death:contribute_form", kwargs={"partnership": partnership.slug, "pk": form.pk}
                ),
                is_open=form.status == FormStatus.REQUESTED,
            )
        )
    return requests


def lookup_case(user, partnership, record_id):
    """A child death case by id, for another app to link to (only if the person may see it there)."""
    case = ChildDeathCase.objects.visible_to(user).in_partnership(partnership).filter(pk=record_id).first()
    if case is not None:
        case.viewing_partnership = partnership
    return case
