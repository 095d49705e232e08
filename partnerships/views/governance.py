"""Governance pages: meetings (agenda, papers, attendance, quorum, minutes), decisions, priorities,
the risk register and heat map, independent scrutiny and challenges, and Section 11 assurance."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import generic

from partnerships import governance_services as gs
from partnerships.choices import RAG, PriorityRAG, ReturnStatus, RiskStatus
from partnerships.forms import governance as f
from partnerships.forms.govuk import share_choices
from partnerships.models import (
    Action,
    AgencyReturn,
    AssuranceCycle,
    Challenge,
    Decision,
    Group,
    Meeting,
    Paper,
    Priority,
    ProgressUpdate,
    QuorumRule,
    Risk,
    ScrutinyActivity,
    ScrutinyFinding,
)
from partnerships.models.governance import risk_band
from partnerships.permissions import Perm
from partnerships.registry import AgencyRequest
from partnerships.views.generic import (
    Column,
    PartnershipMixin,
    ScopedCreateView,
    ScopedDetailView,
    ScopedFormMixin,
    ScopedListView,
    ScopedObjectMixin,
    ScopedUpdateView,
    _add_errors,
)


class DetailFormPost:
    """POST one form from a detail page: on success call `handle`, else show the page with errors."""

    http_method_names = ["post"]
    form_class = None
    form_context_name = "form"
    success_message = "Saved."

    def get_form(self, data=None, files=None):
        return self.form_class(data, files, partnership=self.partnership)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                self.handle(form)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, self.success_message)
                return redirect(self.get_success_url())
        context = self.get_context_data(object=self.object, **{self.form_context_name: form})
        context["form"] = form
        return render(request, self.template_name, context, status=400)

    def get_success_url(self):
        return self.object.get_absolute_url()


# -- Meetings ---------------------------------------------------------------------------------


class MeetingList(ScopedListView):
    model = Meeting
    title = "Meetings"
    intro = "Meetings of the partnership's groups: agendas, papers, attendance and minutes."
    list_select_related = ("group",)
    columns = (
        Column("Meeting", str, link=True),
        Column("Group", "group"),
        Column("Date and time", lambda m: timezone.localtime(m.starts_at)),
        Column("Where", "where"),
        Column("Status", "get_status_display"),
        Column("Minutes", "get_minutes_status_display"),
    )
    create_url_name = "partnerships:meeting_create"
    create_label = "Schedule a meeting"


class MeetingDetail(ScopedDetailView):
    model = Meeting
    template_name = "partnerships/governance/meeting_detail.html"
    edit_url_name = "partnerships:meeting_update"
    fields = (
        ("Group", "group"),
        ("Date and time", lambda m: timezone.localtime(m.starts_at)),
        ("Where", "where"),
        ("Online link", "online_link"),
        ("Status", "get_status_display"),
        ("Minutes", "get_minutes_status_display"),
        ("Minutes approved at", "minutes_approved_at"),
    )

    def get_queryset(self):
        return super().get_queryset().select_related("group__quorum_rule", "minutes_approved_at__group")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        attendances = list(meeting.attendances.select_related("person", "organisation"))
        items = list(
            meeting.agenda_items.select_related(
                "presenter", "action__owner", "action__owner_organisation"
            ).prefetch_related("papers")
        )
        context.update(
            agenda=items,
            papers=meeting.papers.select_related("agenda_item", "uploaded_by"),
            attendances=attendances,
            quorum=meeting.quorum(attendances),
            decisions=meeting.decisions.all(),
            actions=Action.objects.filter(
                source_type=ContentType.objects.get_for_model(Meeting), source_id=meeting.pk
            ).select_related("owner", "owner_organisation"),
            approved_here=meeting.minutes_approved_here.select_related("group"),
            rag_class=lambda a: RAG(a.rag()).tag_class,
        )
        for item in items:
            if item.action_id:
                item.rag = RAG(item.action.rag())
        if context["can_edit"]:
            p = self.partnership
            context.setdefault("agenda_form", kwargs.get("agenda_form") or f.AgendaItemForm(partnership=p))
            context.setdefault(
                "attendance_form", kwargs.get("attendance_form") or f.AttendanceForm(partnership=p)
            )
            context.setdefault(
                "paper_form", kwargs.get("paper_form") or f.PaperForm(partnership=p, meeting=meeting)
            )
            context.setdefault("action_form", kwargs.get("action_form") or f.MeetingActionForm(partnership=p))
            context.setdefault(
                "approve_form",
                kwargs.get("approve_form") or f.ApproveMinutesForm(partnership=p, meeting=meeting),
            )
            # The people and organisations offered in three forms are read once (BENCHMARKS.md).
            share_choices(*(context[name] for name in ("agenda_form", "attendance_form", "action_form")))
        return context


class MeetingCreate(ScopedCreateView):
    model = Meeting
    form_class = f.MeetingForm
    title = "Schedule a meeting"
    success_message = "Meeting scheduled. Open actions of the group's earlier meetings are on its agenda."

    def save(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("group", "date", "start_time")}
        return gs.create_meeting(
            self.request.user,
            partnership=self.partnership,
            group=form.cleaned_data["group"],
            starts_at=form.instance.starts_at,
            **data,
        )


class MeetingUpdate(ScopedUpdateView):
    model = Meeting
    form_class = f.MeetingForm
    success_message = "Meeting updated."

    def save(self, form):
        meeting = super().save(form)
        gs.carry_forward_actions(self.request.user, meeting)
        return meeting


class AgendaItemAdd(DetailFormPost, MeetingDetail):
    form_class = f.AgendaItemForm
    form_context_name = "agenda_form"
    success_message = "Agenda item added."

    def handle(self, form):
        gs.add_agenda_item(self.request.user, self.object, **form.cleaned_data)


class AttendanceRecord(DetailFormPost, MeetingDetail):
    form_class = f.AttendanceForm
    form_context_name = "attendance_form"
    success_message = "Attendance recorded."

    def handle(self, form):
        gs.record_attendance(self.request.user, self.object, **form.cleaned_data)


class PaperUpload(DetailFormPost, MeetingDetail):
    form_class = f.PaperForm
    form_context_name = "paper_form"
    success_message = "Paper uploaded."

    def get_form(self, data=None, files=None):
        return f.PaperForm(data, files, partnership=self.partnership, meeting=self.object)

    def handle(self, form):
        gs.upload_paper(
            self.request.user,
            self.object,
            upload=form.cleaned_data["file"],
            kind=form.kind,
            title=form.cleaned_data["title"],
            agenda_item=form.cleaned_data["agenda_item"],
        )


class MeetingActionAdd(DetailFormPost, MeetingDetail):
    form_class = f.MeetingActionForm
    form_context_name = "action_form"
    success_message = "Action added to the log; it stays on the group's agendas until it is closed."

    def handle(self, form):
        gs.record_meeting_action(self.request.user, self.object, **form.cleaned_data)


class MinutesApprove(DetailFormPost, MeetingDetail):
    form_context_name = "approve_form"
    success_message = "Minutes approved."

    def get_form(self, data=None, files=None):
        return f.ApproveMinutesForm(data, partnership=self.partnership, meeting=self.object)

    def handle(self, form):
        gs.approve_minutes(self.request.user, self.object, at=form.cleaned_data["at"])


class MinutesEdit(PartnershipMixin, ScopedObjectMixin, generic.FormView):
    model = Meeting
    form_class = f.MinutesForm
    template_name = "generic/form.html"

    def get_form_kwargs(self):
        self.object = self.get_object()
        kwargs = super().get_form_kwargs()
        kwargs["initial"] = {"minutes": self.object.minutes}
        kwargs["partnership"] = self.partnership
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = f"Minutes: {self.object}"
        context["cancel_url"] = self.object.get_absolute_url()
        context["submit_label"] = "Save draft minutes"
        return context

    def form_valid(self, form):
        try:
            gs.save_minutes(self.request.user, self.object, form.cleaned_data["minutes"])
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Draft minutes saved.")
        return redirect(self.object)


class PaperDownload(PartnershipMixin, ScopedObjectMixin, generic.View):
    """Stream a paper to someone who may see the partnership; there is no public URL for it."""

    model = Paper
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        paper = self.get_object()
        try:
            handle = paper.file.open("rb")
        except (FileNotFoundError, ValueError):
            raise Http404("The file of this paper is missing.") from None
        from partnerships.choices import PaperKind

        response = FileResponse(
            handle,
            as_attachment=True,
            filename=paper.download_name,
            content_type=PaperKind(paper.file_kind).content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class QuorumRuleEdit(PartnershipMixin, ScopedObjectMixin, ScopedFormMixin, generic.UpdateView):
    """A group's quorum rule (kept with its terms of reference)."""

    model = Group
    form_class = f.QuorumRuleForm
    success_message = "Quorum rule saved."

    def get_title(self):
        return f"Quorum rule: {self.object}"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        rule = QuorumRule.objects.filter(group=self.object).first()
        if rule is None:
            from partnerships.models.governance import default_quorum_kind

            rule = QuorumRule(group=self.object, kind=default_quorum_kind(self.object))
        kwargs["instance"] = rule
        return kwargs

    def save(self, form):
        form.save()
        return self.object


class DecisionList(ScopedListView):
    model = Decision
    title = "Decisions register"
    list_select_related = ("meeting__group",)
    columns = (
        Column("Decision", "title", link=True),
        Column("Reference", "reference"),
        Column("Decided on", "decided_on"),
        Column("Meeting", "meeting"),
        Column("What was decided", "text"),
    )
    create_url_name = "partnerships:decision_create"
    create_label = "Record a decision"


class DecisionDetail(ScopedDetailView):
    model = Decision
    edit_url_name = "partnerships:decision_update"
    fields = (
        ("Reference", "reference"),
        ("Decided on", "decided_on"),
        ("Meeting", "meeting"),
        ("Decision", "text"),
    )


class DecisionCreate(ScopedCreateView):
    model = Decision
    form_class = f.DecisionForm
    success_message = "Decision recorded."

    def get_initial(self):
        initial = super().get_initial()
        if meeting_id := self.request.GET.get("meeting"):
            initial["meeting"] = meeting_id
        return initial


class DecisionUpdate(ScopedUpdateView):
    model = Decision
    form_class = f.DecisionForm
    success_message = "Decision updated."


# -- Priorities -----------------------------------------------------------------------------


def _latest_update(field):
    return Subquery(
        ProgressUpdate.objects.filter(priority=OuterRef("pk"))
        .order_by("-reported_on", "-pk")
        .values(field)[:1]
    )


def _priority_rag_tag(priority):
    return PriorityRAG(priority.latest_rag).tag_class if priority.latest_rag else "govuk-tag--grey"


class PriorityList(ScopedListView):
    model = Priority
    title = "Priorities and work programme"
    intro = "The partnership's priorities for each year, the group that leads each, and the latest progress."
    list_select_related = ("lead_group",)
    columns = (
        Column("Priority", "title", link=True),
        Column("Year", "year_label"),
        Column("Lead group", "lead_group"),
        Column("Objectives", "objective_count", numeric=True),
        Column("Latest update", "latest_on"),
        Column(
            "RAG",
            lambda p: PriorityRAG(p.latest_rag).label if p.latest_rag else "No update",
            tag=_priority_rag_tag,
        ),
    )
    create_url_name = "partnerships:priority_create"
    create_label = "Add a priority"

    def get_queryset(self):
        queryset = (
            super()
            .get_queryset()
            .annotate(
                latest_rag=_latest_update("rag"),
                latest_on=_latest_update("reported_on"),
                objective_count=Count("objectives", distinct=True),
            )
            .order_by("-year", "position", "pk")
        )
        if year := self.request.GET.get("year", "").strip():
            queryset = queryset.filter(year=year) if year.isdigit() else queryset.none()
        return queryset


class PriorityDetail(ScopedDetailView):
    model = Priority
    template_name = "partnerships/governance/priority_detail.html"
    edit_url_name = "partnerships:priority_update"
    fields = (("Year", "year_label"), ("Lead group", "lead_group"), ("Description", "description"))

    def get_queryset(self):
        return super().get_queryset().select_related("lead_group")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["objectives"] = self.object.objectives.all()
        context["updates"] = self.object.updates.select_related("objective", "author")
        latest = context["updates"].first()
        context["rag"] = PriorityRAG(latest.rag) if latest else None
        if context["can_edit"]:
            p = self.partnership
            context.setdefault(
                "objective_form", kwargs.get("objective_form") or f.ObjectiveForm(partnership=p)
            )
            context.setdefault(
                "progress_form",
                kwargs.get("progress_form")
                or f.ProgressForm(
                    partnership=p, priority=self.object, initial={"reported_on": timezone.localdate()}
                ),
            )
        return context


class PriorityCreate(ScopedCreateView):
    model = Priority
    form_class = f.PriorityForm
    success_message = "Priority added."


class PriorityUpdate(ScopedUpdateView):
    model = Priority
    form_class = f.PriorityForm
    success_message = "Priority updated."


class ObjectiveAdd(DetailFormPost, PriorityDetail):
    form_class = f.ObjectiveForm
    form_context_name = "objective_form"
    success_message = "Objective added."

    def handle(self, form):
        objective = form.save(commit=False)
        objective.priority = self.object
        objective.position = self.object.objectives.count() + 1
        objective.save()


class ProgressAdd(DetailFormPost, PriorityDetail):
    form_context_name = "progress_form"
    success_message = "Progress recorded."

    def get_form(self, data=None, files=None):
        return f.ProgressForm(data, partnership=self.partnership, priority=self.object)

    def handle(self, form):
        gs.report_progress(self.request.user, self.object, **form.cleaned_data)


# -- Risks ----------------------------------------------------------------------------------


class RiskList(ScopedListView):
    model = Risk
    title = "Risk register"
    intro = "Each risk is scored likelihood x impact, each on a scale of 1 to 5."
    list_select_related = ("owner", "owner_organisation")
    template_name = "partnerships/governance/risk_list.html"
    columns = (
        Column("Risk", "title", link=True),
        Column("Reference", "reference"),
        Column("Owner", "owner"),
        Column("Organisation", "owner_organisation"),
        Column("Likelihood", "likelihood", numeric=True),
        Column("Impact", "impact", numeric=True),
        Column("Score", "score", numeric=True),
        Column("Rating", "band", tag=lambda r: r.band_tag),
        Column("Review by", "review_date"),
        Column("Status", "get_status_display"),
    )
    create_url_name = "partnerships:risk_create"
    create_label = "Add a risk"

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.GET.get("status") in RiskStatus.values:
            queryset = queryset.filter(status=self.request.GET["status"])
        for name in ("likelihood", "impact"):
            value = self.request.GET.get(name, "")
            if value.isdigit():
                queryset = queryset.filter(**{name: int(value)})
        return queryset


def heat_map(risks):
    """Counts of open risks in each cell of the 5 x 5 grid, impact across and likelihood down."""
    counts = {
        (row["likelihood"], row["impact"]): row["n"]
        for row in risks.filter(status=RiskStatus.OPEN).values("likelihood", "impact").annotate(n=Count("pk"))
    }
    rows = []
    for likelihood in range(5, 0, -1):
        cells = []
        for impact in range(1, 6):
            label, tag = risk_band(likelihood * impact)
            cells.append(
                {
                    "impact": impact,
                    "count": counts.get((likelihood, impact), 0),
                    "band": label,
                    "tag": tag,
                    "score": likelihood * impact,
                }
            )
        rows.append({"likelihood": likelihood, "cells": cells})
    return rows


class RiskHeatMap(PartnershipMixin, generic.TemplateView):
    template_name = "partnerships/governance/risk_heat_map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = heat_map(Risk.objects.in_partnership(self.partnership))
        context["impacts"] = range(1, 6)
        return context


class RiskDetail(ScopedDetailView):
    model = Risk
    template_name = "partnerships/governance/risk_detail.html"
    edit_url_name = "partnerships:risk_update"
    fields = (
        ("Reference", "reference"),
        ("Description", "description"),
        ("Owner", "owner.display_name"),
        ("Organisation", "owner_organisation"),
        ("Group", "group"),
        ("Controls", "controls"),
        ("Likelihood (1 to 5)", "likelihood"),
        ("Impact (1 to 5)", "impact"),
        ("Score", lambda r: f"{r.likelihood} x {r.impact} = {r.score} ({r.band})"),
        ("Review by", "review_date"),
        ("Status", "get_status_display"),
    )

    def get_queryset(self):
        return super().get_queryset().select_related("owner", "owner_organisation", "group")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["assessments"] = self.object.assessments.select_related("author")
        if context["can_edit"]:
            context.setdefault(
                "reassess_form",
                kwargs.get("reassess_form")
                or f.ReassessForm(
                    partnership=self.partnership,
                    initial={"likelihood": self.object.likelihood, "impact": self.object.impact},
                ),
            )
        return context


class RiskCreate(ScopedCreateView):
    model = Risk
    form_class = f.RiskForm
    success_message = "Risk added to the register."

    def save(self, form):
        return gs.create_risk(self.request.user, form.save(commit=False))


class RiskUpdate(ScopedUpdateView):
    model = Risk
    form_class = f.RiskForm
    success_message = "Risk updated."


class RiskReassess(DetailFormPost, RiskDetail):
    form_context_name = "reassess_form"
    success_message = "New score recorded."

    def get_form(self, data=None, files=None):
        return f.ReassessForm(data, partnership=self.partnership)

    def handle(self, form):
        gs.reassess_risk(self.request.user, self.object, **form.cleaned_data)


# -- Independent scrutiny -------------------------------------------------------------------


class ScrutinyList(ScopedListView):
    model = ScrutinyActivity
    title = "Independent scrutiny"
    intro = "Scrutiny activities, their findings and recommendations, and the partners' responses."
    list_select_related = ("scrutineer",)
    columns = (
        Column("Activity", "title", link=True),
        Column("Kind", "get_kind_display"),
        Column("Carried out", "carried_out_on"),
        Column("Scrutineer", "scrutineer"),
        Column("Findings", "finding_count", numeric=True),
        Column("Awaiting response", "awaiting", numeric=True),
    )
    create_url_name = "partnerships:scrutiny_create"
    create_label = "Record a scrutiny activity"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(
                finding_count=Count("findings"),
                awaiting=Count("findings", filter=Q(findings__status="awaiting_response")),
            )
            .order_by("-carried_out_on", "-pk")
        )


class ScrutinyDetail(ScopedDetailView):
    model = ScrutinyActivity
    template_name = "partnerships/governance/scrutiny_detail.html"
    edit_url_name = "partnerships:scrutiny_update"
    fields = (
        ("Kind", "get_kind_display"),
        ("Carried out", "carried_out_on"),
        ("Scrutineer", "scrutineer.display_name"),
        ("Meeting", "meeting"),
        ("Summary", "summary"),
    )

    def get_queryset(self):
        return super().get_queryset().select_related("scrutineer", "meeting__group")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["findings"] = self.object.findings.select_related("addressed_to")
        if context["can_edit"]:
            context.setdefault(
                "finding_form", kwargs.get("finding_form") or f.FindingForm(partnership=self.partnership)
            )
        return context


class ScrutinyCreate(ScopedCreateView):
    model = ScrutinyActivity
    form_class = f.ScrutinyActivityForm
    success_message = "Scrutiny activity recorded."


class ScrutinyUpdate(ScopedUpdateView):
    model = ScrutinyActivity
    form_class = f.ScrutinyActivityForm
    success_message = "Scrutiny activity updated."


class FindingAdd(DetailFormPost, ScrutinyDetail):
    form_class = f.FindingForm
    form_context_name = "finding_form"
    success_message = "Finding recorded."

    def handle(self, form):
        finding = form.save(commit=False)
        finding.activity = self.object
        finding.save()


class FindingList(ScopedListView):
    model = ScrutinyFinding
    title = "Scrutiny findings and recommendations"
    list_select_related = ("activity", "addressed_to")
    columns = (
        Column("Finding", str, link=True),
        Column("Activity", "activity"),
        Column("Recommendation", "recommendation"),
        Column("Addressed to", "addressed_to"),
        Column("Response", "get_status_display"),
        Column("Responded on", "responded_on"),
    )


class FindingDetail(ScopedDetailView):
    model = ScrutinyFinding
    template_name = "partnerships/governance/finding_detail.html"
    fields = (
        ("Activity", "activity"),
        ("Finding", "finding"),
        ("Recommendation", "recommendation"),
        ("Addressed to", "addressed_to"),
        ("Response", "get_status_display"),
        ("Partners' response", "response"),
        ("Responded on", "responded_on"),
    )

    def get_queryset(self):
        return super().get_queryset().select_related("activity", "addressed_to")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["actions"] = Action.objects.filter(
            source_type=ContentType.objects.get_for_model(ScrutinyFinding), source_id=self.object.pk
        ).select_related("owner_organisation")
        context["challenges"] = self.object.challenges.all()
        if context["can_edit"]:
            p = self.partnership
            context.setdefault(
                "response_form", kwargs.get("response_form") or f.FindingResponseForm(partnership=p)
            )
            context.setdefault(
                "action_form",
                kwargs.get("action_form")
                or f.MeetingActionForm(
                    partnership=p, initial={"owner_organisation": self.object.addressed_to_id}
                ),
            )
        return context


class FindingRespond(DetailFormPost, FindingDetail):
    form_class = f.FindingResponseForm
    form_context_name = "response_form"
    success_message = "Response recorded."

    def handle(self, form):
        gs.respond_to_finding(self.request.user, self.object, **form.cleaned_data)


class FindingAction(DetailFormPost, FindingDetail):
    form_class = f.MeetingActionForm
    form_context_name = "action_form"
    success_message = "Action added to the log."

    def handle(self, form):
        data = form.cleaned_data
        gs.action_from_finding(
            self.request.user,
            self.object,
            title=data["title"],
            due_date=data["due_date"],
            owner=data["owner"],
            owner_organisation=data["owner_organisation"],
        )


class ChallengeList(ScopedListView):
    model = Challenge
    title = "Challenge log"
    intro = "Each challenge put to the partners, tracked until it is closed."
    list_select_related = ("addressed_to",)
    columns = (
        Column("Challenge", "subject", link=True),
        Column("Reference", "reference"),
        Column("Raised", "raised_on"),
        Column("Raised by", "raised_by_name"),
        Column("Addressed to", "addressed_to"),
        Column("Status", "get_status_display"),
        Column("Days open", "days_open", numeric=True),
        Column("Closed", "closed_on"),
    )
    create_url_name = "partnerships:challenge_create"
    create_label = "Log a challenge"


class ChallengeDetail(ScopedDetailView):
    model = Challenge
    template_name = "partnerships/governance/challenge_detail.html"
    edit_url_name = "partnerships:challenge_update"
    fields = (
        ("Reference", "reference"),
        ("Raised", "raised_on"),
        ("Raised by", "raised_by_name"),
        ("Addressed to", "addressed_to"),
        ("From finding", "finding"),
        ("Challenge", "detail"),
        ("Status", "get_status_display"),
        ("Outcome", "outcome"),
        ("Closed", "closed_on"),
    )

    def get_queryset(self):
        return super().get_queryset().select_related("addressed_to", "finding")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["steps"] = self.object.steps.select_related("author")
        if context["can_edit"] and self.object.status != "closed":
            context.setdefault(
                "step_form",
                kwargs.get("step_form")
                or f.ChallengeStepForm(partnership=self.partnership, initial={"on": timezone.localdate()}),
            )
        return context


class ChallengeCreate(ScopedCreateView):
    model = Challenge
    form_class = f.ChallengeForm
    success_message = "Challenge logged."


class ChallengeUpdate(ScopedUpdateView):
    model = Challenge
    form_class = f.ChallengeForm
    success_message = "Challenge updated."


class ChallengeStepAdd(DetailFormPost, ChallengeDetail):
    form_class = f.ChallengeStepForm
    form_context_name = "step_form"
    success_message = "Challenge updated."

    def handle(self, form):
        gs.add_challenge_step(self.request.user, self.object, **form.cleaned_data)


# -- Section 11 assurance -------------------------------------------------------------------


class CycleList(ScopedListView):
    model = AssuranceCycle
    title = "Section 11 assurance"
    intro = (
        "Agencies under section 11 of the Children Act 2004 assess themselves against the partnership's "
        "standards, typically every two years; the partnership then moderates each return."
    )
    columns = (
        Column("Cycle", "title", link=True),
        Column("Opens", "opens_on"),
        Column("Returns due", "due_on"),
        Column("Status", "get_status_display"),
        Column("Returns", "return_count", numeric=True),
        Column("Submitted", "submitted_count", numeric=True),
    )
    create_url_name = "partnerships:cycle_create"
    create_label = "Open a Section 11 cycle"

    def get_queryset(self):
        visible = AgencyReturn.objects.in_partnership(self.partnership)
        count = (
            visible.filter(cycle=OuterRef("pk"))
            .order_by()
            .values("cycle")
            .annotate(n=Count("pk"))
            .values("n")
        )
        submitted = (
            visible.filter(cycle=OuterRef("pk"), status__in=[ReturnStatus.SUBMITTED, ReturnStatus.MODERATED])
            .order_by()
            .values("cycle")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super().get_queryset().annotate(return_count=Subquery(count), submitted_count=Subquery(submitted))
        )

    def get_columns(self):
        return list(self.columns)


def _cycle_url(cycle, partnership):
    return reverse("partnerships:cycle_detail", kwargs={"partnership": partnership.slug, "pk": cycle.pk})


class CycleDetail(ScopedDetailView):
    model = AssuranceCycle
    template_name = "partnerships/governance/cycle_detail.html"
    fields = (
        ("Run by", "partnership"),
        ("Opens", "opens_on"),
        ("Returns due", "due_on"),
        ("Status", "get_status_display"),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = self.object.partnerships.all()
        context["standards"] = self.object.standards.all()
        context["returns"] = _returns_with_totals(
            AgencyReturn.objects.in_partnership(self.partnership).filter(cycle=self.object)
        )
        if context["can_edit"]:
            context.setdefault(
                "standard_form", kwargs.get("standard_form") or f.StandardForm(partnership=self.partnership)
            )
        return context


def _returns_with_totals(queryset):
    return (
        queryset.select_related("organisation", "cycle")
        .annotate(
            self_total=Sum("answers__self_score"),
            moderated_total=Sum("answers__moderated_score"),
            standard_count=Count("answers"),
        )
        .order_by("cycle", "organisation__name", "pk")
    )


class CycleCreate(PartnershipMixin, generic.FormView):
    form_class = f.CycleForm
    template_name = "generic/form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(partnership=self.partnership, user=self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Open a Section 11 cycle"
        context["cancel_url"] = self.partnership_url("partnerships:cycle_list")
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            cycle = gs.open_cycle(
                self.request.user,
                partnership=self.partnership,
                title=data["title"],
                opens_on=data["opens_on"],
                due_on=data["due_on"],
                partnerships=list(data["partnerships"]),
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Cycle opened: {cycle.returns.count()} agencies asked for a return.")
        return redirect(_cycle_url(cycle, self.partnership))


class StandardAdd(DetailFormPost, CycleDetail):
    form_class = f.StandardForm
    form_context_name = "standard_form"
    success_message = "Standard added to every return of the cycle."

    def handle(self, form):
        gs.add_standard(self.request.user, self.object, **form.cleaned_data)

    def get_success_url(self):
        return _cycle_url(self.object, self.partnership)


class ReturnList(ScopedListView):
    model = AgencyReturn
    title = "Section 11 returns"
    intro = "Each agency's return, with its self-assessed and moderated totals."
    columns = (
        Column("Agency", "organisation", link=True),
        Column("Cycle", "cycle"),
        Column("Status", "get_status_display"),
        Column("Submitted", "submitted_on"),
        Column("Self-assessed total", "self_total", numeric=True),
        Column("Moderated total", "moderated_total", numeric=True),
        Column(
            "Difference",
            lambda r: (
                (r.moderated_total - r.self_total)
                if r.moderated_total is not None and r.self_total is not None
                else ""
            ),
            numeric=True,
        ),
    )

    def get_queryset(self):
        return _returns_with_totals(super().get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for row in context["rows"]:
            row["cells"][0]["url"] = row["object"].url_in(self.partnership)
        return context


class ReturnDetail(ScopedDetailView):
    model = AgencyReturn
    template_name = "partnerships/governance/return_detail.html"
    fields = (
        ("Agency", "organisation"),
        ("Cycle", "cycle"),
        ("Status", "get_status_display"),
        ("Submitted", "submitted_on"),
        ("Submitted by", "submitted_by.display_name"),
        ("Moderated", "moderated_on"),
        ("Moderation summary", "moderation_summary"),
    )

    def get_queryset(self):
        return super().get_queryset().select_related("organisation", "cycle", "submitted_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        answers = list(self.object.answers.select_related("standard"))
        context["answers"] = answers
        context["shared_with"] = [
            p
            for p in self.object.cycle.partnerships.all()
            if AgencyReturn.objects.in_partnership(p).filter(pk=self.object.pk).exists()
        ]
        if context["can_edit"] and self.object.status in (ReturnStatus.SUBMITTED, ReturnStatus.MODERATED):
            context.setdefault(
                "moderation_form",
                kwargs.get("moderation_form")
                or f.ModerationForm(
                    partnership=self.partnership,
                    answers=answers,
                    initial={"summary": self.object.moderation_summary},
                ),
            )
        return context


class ReturnModerate(DetailFormPost, ReturnDetail):
    form_context_name = "moderation_form"
    success_message = "Moderated scores saved."

    def get_form(self, data=None, files=None):
        return f.ModerationForm(
            data, partnership=self.partnership, answers=self.object.answers.select_related("standard")
        )

    def handle(self, form):
        gs.moderate_return(
            self.request.user, self.object, form.scores(), summary=form.cleaned_data["summary"]
        )

    def get_success_url(self):
        return self.object.url_in(self.partnership)


# -- Agency contributors: only their own agency's returns -------------------------------------


class ContributorMixin:
    """Pages for an agency contributor: only the returns addressed to their agencies (else 404)."""

    read_perm = Perm.CONTRIBUTE
    write_perm = Perm.CONTRIBUTE
    model = AgencyReturn

    def get_queryset(self):
        return AgencyReturn.objects.for_contributor(self.request.user, self.partnership).select_related(
            "organisation", "cycle"
        )


class AgencyReturnList(ContributorMixin, PartnershipMixin, generic.ListView):
    template_name = "partnerships/governance/agency_return_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Section 11 returns for your agency"
        return context


class AgencyReturnEdit(ContributorMixin, PartnershipMixin, generic.DetailView):
    template_name = "partnerships/governance/agency_return_edit.html"
    http_method_names = ["get", "post"]

    def get_object(self, queryset=None):
        try:
            return self.get_queryset().get(pk=self.kwargs["pk"])
        except (AgencyReturn.DoesNotExist, ValueError):
            raise Http404("No such return.") from None

    def answers(self):
        return list(self.object.answers.select_related("standard"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = f"Section 11 return: {self.object.organisation}"
        context["editable"] = self.object.status in (ReturnStatus.NOT_STARTED, ReturnStatus.DRAFT)
        context["answers"] = self.answers()
        if context["editable"]:
            context.setdefault(
                "form", f.SelfAssessmentForm(partnership=self.partnership, answers=context["answers"])
            )
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = f.SelfAssessmentForm(request.POST, partnership=self.partnership, answers=self.answers())
        if form.is_valid():
            try:
                gs.save_self_assessment(request.user, self.object, form.answers_data())
                if "submit" in request.POST:
                    gs.submit_return(request.user, self.object)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, "Return submitted." if "submit" in request.POST else "Draft saved.")
                return redirect(self.object.contributor_url_in(self.partnership))
        return render(request, self.template_name, self.get_context_data(form=form), status=400)


def agency_requests(user, organisation_ids):
    """The Section 11 returns asked of a contributor's agencies, in each partnership they act in."""
    from partnerships.choices import RoleKind
    from partnerships.models import Role

    requests, seen = [], set()
    for role in Role.objects.filter(
        user=user, kind=RoleKind.AGENCY_CONTRIBUTOR, organisation_id__in=organisation_ids
    ).select_related("partnership", "organisation"):
        for agency_return in (
            AgencyReturn.objects.in_partnership(role.partnership)
            .filter(organisation=role.organisation)
            .select_related("cycle")
        ):
            if agency_return.pk in seen:
                continue  # a cross-boundary return is asked once, whichever partnership asks
            seen.add(agency_return.pk)
            requests.append(
                AgencyRequest(
                    kind="Section 11 return",
                    title=agency_return.cycle.title,
                    partnership_name=role.partnership.name,
                    organisation_name=role.organisation.name,
                    due_date=agency_return.cycle.due_on,
                    status=agency_return.get_status_display(),
                    url=agency_return.contributor_url_in(role.partnership),
                    is_open=agency_return.status in (ReturnStatus.NOT_STARTED, ReturnStatus.DRAFT),
                )
            )
    return requests


def governance_panel(request, partnership):
    """Home page: the next meetings and the highest risks."""
    from partnerships.permissions import access_for

    if not access_for(request.user).has(Perm.VIEW, partnership):
        return None
    rows = []
    for meeting in (
        Meeting.objects.in_partnership(partnership)
        .upcoming()
        .select_related("group")
        .order_by("starts_at")[:3]
    ):
        rows.append({"text": str(meeting), "url": meeting.get_absolute_url(), "hint": "Next meeting"})
    for risk in Risk.objects.in_partnership(partnership).filter(status=RiskStatus.OPEN, score__gte=15)[:3]:
        rows.append(
            {
                "text": risk.title,
                "url": risk.get_absolute_url(),
                "tag": f"Score {risk.score}",
                "tag_class": risk.band_tag,
            }
        )
    return {
        "title": "Governance",
        "rows": rows,
        "link": (
            "All meetings",
            reverse("partnerships:meeting_list", kwargs={"partnership": partnership.slug}),
        ),
        "empty": "No meetings scheduled and no very high risks.",
    }
