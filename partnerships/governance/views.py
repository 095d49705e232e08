"""Governance pages: meetings (agenda, papers, attendance, quorum, minutes), decisions, priorities,
the risk register and heat map, independent scrutiny and challenges, and Section 11 assurance."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Subquery
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import timezone
from django.views import generic

from partnerships.core.choices import RAG, PaperKind
from partnerships.core.forms.govuk import share_choices
from partnerships.core.forms.records import NewActionForm
from partnerships.core.models import Action, Group
from partnerships.core.permissions import Perm, access_for
from partnerships.core.views.generic import (
    Column,
    PartnershipMixin,
    ScopedCreateView,
    ScopedDetailView,
    ScopedFormMixin,
    ScopedListView,
    ScopedObjectMixin,
    ScopedRecordFormView,
    ScopedUpdateView,
)
from partnerships.governance import forms as f
from partnerships.governance import services as gs
from partnerships.governance.choices import PriorityRAG, RiskStatus
from partnerships.governance.models import (
    Decision,
    Meeting,
    Paper,
    Priority,
    ProgressUpdate,
    QuorumRule,
    Risk,
    default_quorum_kind,
    risk_band,
)

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
    create_url_name = "governance:meeting_create"
    create_label = "Schedule a meeting"


class MeetingDetail(ScopedDetailView):
    model = Meeting
    template_name = "governance/meeting_detail.html"
    edit_url_name = "governance:meeting_update"
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
        attendances = list(meeting.attendances.select_related("person", "organisation__successor"))
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
            context.setdefault("action_form", kwargs.get("action_form") or NewActionForm(partnership=p))
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


class AgendaItemAdd(ScopedRecordFormView):
    detail_view = MeetingDetail
    form_class = f.AgendaItemForm
    form_context_name = "agenda_form"
    success_message = "Agenda item added."

    def handle(self, form):
        gs.add_agenda_item(self.request.user, self.object, **form.cleaned_data)


class AttendanceRecord(ScopedRecordFormView):
    detail_view = MeetingDetail
    form_class = f.AttendanceForm
    form_context_name = "attendance_form"
    success_message = "Attendance recorded."

    def handle(self, form):
        gs.record_attendance(self.request.user, self.object, **form.cleaned_data)


class PaperUpload(ScopedRecordFormView):
    detail_view = MeetingDetail
    form_class = f.PaperForm
    form_context_name = "paper_form"
    success_message = "Paper uploaded."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["meeting"] = self.object
        return kwargs

    def handle(self, form):
        gs.upload_paper(
            self.request.user,
            self.object,
            upload=form.cleaned_data["file"],
            kind=form.kind,
            title=form.cleaned_data["title"],
            agenda_item=form.cleaned_data["agenda_item"],
        )


class MeetingActionAdd(ScopedRecordFormView):
    detail_view = MeetingDetail
    form_class = NewActionForm
    form_context_name = "action_form"
    success_message = "Action added to the log; it stays on the group's agendas until it is closed."

    def handle(self, form):
        gs.record_meeting_action(self.request.user, self.object, **form.cleaned_data)


class MinutesApprove(ScopedRecordFormView):
    detail_view = MeetingDetail
    form_class = f.ApproveMinutesForm
    form_context_name = "approve_form"
    success_message = "Minutes approved."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["meeting"] = self.object
        return kwargs

    def handle(self, form):
        gs.approve_minutes(self.request.user, self.object, at=form.cleaned_data["at"])


class MinutesEdit(ScopedRecordFormView):
    model = Meeting
    form_class = f.MinutesForm
    submit_label = "Save draft minutes"
    success_message = "Draft minutes saved."

    def get_initial(self):
        return {"minutes": self.object.minutes}

    def get_title(self):
        return f"Minutes: {self.object}"

    def handle(self, form):
        gs.save_minutes(self.request.user, self.object, form.cleaned_data["minutes"])


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
    create_url_name = "governance:decision_create"
    create_label = "Record a decision"


class DecisionDetail(ScopedDetailView):
    model = Decision
    edit_url_name = "governance:decision_update"
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
    create_url_name = "governance:priority_create"
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
    template_name = "governance/priority_detail.html"
    edit_url_name = "governance:priority_update"
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


class ObjectiveAdd(ScopedRecordFormView):
    detail_view = PriorityDetail
    form_class = f.ObjectiveForm
    form_context_name = "objective_form"
    success_message = "Objective added."

    def handle(self, form):
        objective = form.save(commit=False)
        objective.priority = self.object
        objective.position = self.object.objectives.count() + 1
        objective.save()


class ProgressAdd(ScopedRecordFormView):
    detail_view = PriorityDetail
    form_class = f.ProgressForm
    form_context_name = "progress_form"
    success_message = "Progress recorded."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["priority"] = self.object
        return kwargs

    def handle(self, form):
        gs.report_progress(self.request.user, self.object, **form.cleaned_data)


# -- Risks ----------------------------------------------------------------------------------


class RiskList(ScopedListView):
    model = Risk
    title = "Risk register"
    intro = "Each risk is scored likelihood x impact, each on a scale of 1 to 5."
    list_select_related = ("owner", "owner_organisation")
    template_name = "governance/risk_list.html"
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
    create_url_name = "governance:risk_create"
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
            band = risk_band(likelihood * impact)
            cells.append(
                {
                    "impact": impact,
                    "count": counts.get((likelihood, impact), 0),
                    "band": band.label,
                    "tag": band.tag_class,
                    "score": likelihood * impact,
                }
            )
        rows.append({"likelihood": likelihood, "cells": cells})
    return rows


class RiskHeatMap(PartnershipMixin, generic.TemplateView):
    template_name = "governance/risk_heat_map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = heat_map(Risk.objects.in_partnership(self.partnership))
        context["impacts"] = range(1, 6)
        return context


class RiskDetail(ScopedDetailView):
    model = Risk
    template_name = "governance/risk_detail.html"
    edit_url_name = "governance:risk_update"
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


class RiskReassess(ScopedRecordFormView):
    detail_view = RiskDetail
    form_class = f.ReassessForm
    form_context_name = "reassess_form"
    success_message = "New score recorded."

    def handle(self, form):
        gs.reassess_risk(self.request.user, self.object, **form.cleaned_data)


def governance_panel(request, partnership):
    """Home page: the next meetings and the highest risks."""
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
            reverse("governance:meeting_list", kwargs={"partnership": partnership.slug}),
        ),
        "empty": "No meetings scheduled and no very high risks.",
    }
