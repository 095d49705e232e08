"""Assurance pages: independent scrutiny and its findings, challenges, and Section 11 assurance (the
cycles, their standards, each agency's return and its moderation)."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import generic

from partnerships.assurance import figures
from partnerships.assurance import forms as f
from partnerships.assurance import services as gs
from partnerships.assurance.choices import ReturnStatus
from partnerships.assurance.models import (
    AgencyReturn,
    AnswerModeration,
    AssuranceCycle,
    Challenge,
    CycleInvitation,
    ReturnAnswer,
    ScrutinyActivity,
    ScrutinyFinding,
)
from partnerships.core.choices import RoleKind
from partnerships.core.forms.records import NewActionForm
from partnerships.core.models import Action, Role
from partnerships.core.permissions import Perm
from partnerships.core.registry import AgencyRequest
from partnerships.core.views.generic import (
    Column,
    ContributorMixin,
    PartnershipMixin,
    ScopedActionView,
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedRecordFormView,
    ScopedUpdateView,
    add_service_errors,
)

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
    create_url_name = "assurance:scrutiny_create"
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
    template_name = "assurance/scrutiny_detail.html"
    edit_url_name = "assurance:scrutiny_update"
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


class FindingAdd(ScopedRecordFormView):
    detail_view = ScrutinyDetail
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
    template_name = "assurance/finding_detail.html"
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
                or NewActionForm(partnership=p, initial={"owner_organisation": self.object.addressed_to_id}),
            )
        return context


class FindingRespond(ScopedRecordFormView):
    detail_view = FindingDetail
    form_class = f.FindingResponseForm
    form_context_name = "response_form"
    success_message = "Response recorded."

    def handle(self, form):
        gs.respond_to_finding(self.request.user, self.object, **form.cleaned_data)


class FindingAction(ScopedRecordFormView):
    detail_view = FindingDetail
    form_class = NewActionForm
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
    create_url_name = "assurance:challenge_create"
    create_label = "Log a challenge"


class ChallengeDetail(ScopedDetailView):
    model = Challenge
    template_name = "assurance/challenge_detail.html"
    edit_url_name = "assurance:challenge_update"
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


class ChallengeStepAdd(ScopedRecordFormView):
    detail_view = ChallengeDetail
    form_class = f.ChallengeStepForm
    form_context_name = "step_form"
    success_message = "Challenge updated."

    def handle(self, form):
        gs.add_challenge_step(self.request.user, self.object, **form.cleaned_data)


# -- Section 11 assurance -------------------------------------------------------------------


class CycleList(ScopedListView):
    model = AssuranceCycle
    template_name = "assurance/cycle_list.html"
    title = "Section 11 assurance"
    intro = (
        "Agencies under section 11 of the Children Act 2004 assess themselves against the lead partnership's "
        "standards, typically every two years; each partnership taking part then moderates each return."
    )
    columns = (
        Column("Cycle", "title", link=True),
        Column("Run by", "partnership.short_name"),
        Column("Opens", "opens_on"),
        Column("Returns due", "due_on"),
        Column("Status", "get_status_display"),
        Column("Returns", "return_count", numeric=True),
        Column("Submitted", "submitted_count", numeric=True),
    )
    create_url_name = "assurance:cycle_create"
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
            visible.filter(cycle=OuterRef("pk"), status=ReturnStatus.SUBMITTED)
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A joint cycle opens in this partnership's own space, whichever partnership leads it.
        for row in context["rows"]:
            row["cells"][0]["url"] = row["object"].url_in(self.partnership)
        context["pending_invitations"] = (
            CycleInvitation.objects.filter(partnership=self.partnership).pending().count()
        )
        return context


def _cycle_url(cycle, partnership):
    return cycle.url_in(partnership)


class CycleDetail(ScopedDetailView):
    model = AssuranceCycle
    template_name = "assurance/cycle_detail.html"
    fields = (
        ("Run by", "partnership"),
        ("Opens", "opens_on"),
        ("Returns due", "due_on"),
        ("Status", "get_status_display"),
        ("Closed", "closed_on"),
        ("Closing summary", "closing_summary"),
    )

    def get_queryset(self):
        return super().get_queryset().select_related("partnership")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cycle, p = self.object, self.partnership
        is_open = not cycle.is_closed
        leads = cycle.partnership_id == p.pk
        manages_lead = leads and self.can(Perm.MANAGE)
        context["members"] = cycle.partnerships.order_by("name")
        context["invitations"] = cycle.invitations.select_related("partnership") if leads else []
        context["standards"] = cycle.standards.all()
        context["leads"] = leads
        today = timezone.localdate()
        returns = list(
            _returns_with_totals(AgencyReturn.objects.in_partnership(p).filter(cycle=cycle), p).annotate(
                last_chased=Max("chases__chased_at")
            )
        )
        for r in returns:
            r.shown_status = r.status_for(p, r.moderated_count, r.standard_count)
            r.overdue = r.is_open and r.status != ReturnStatus.RETURNED and cycle.due_on < today
            r.chaseable = (
                is_open
                and context["can_edit"]
                and r.status
                in (
                    ReturnStatus.NOT_STARTED,
                    ReturnStatus.DRAFT,
                )
            )
        context["returns"] = returns
        context["overdue"] = [r for r in returns if r.overdue]
        context["summary_figures"] = figures.section11_summary(
            p, AssuranceCycle.objects.filter(pk=cycle.pk), on=today
        )[0]
        if is_open and manages_lead:
            context.setdefault("standard_form", kwargs.get("standard_form") or f.StandardForm(partnership=p))
            context.setdefault(
                "invite_form", kwargs.get("invite_form") or f.InviteForm(partnership=p, cycle=cycle)
            )
            context.setdefault("close_form", kwargs.get("close_form") or f.CloseCycleForm(partnership=p))
        return context


def _returns_with_totals(queryset, partnership):
    """Each return with its self-assessed total, `partnership`'s own moderated total and how many
    standards it has moderated (subqueries: the moderations of other partnerships never count)."""
    mine = AnswerModeration.objects.filter(
        answer__agency_return=OuterRef("pk"),
        partnership=partnership,
        more_evidence=False,
        score__isnull=False,
    ).order_by()
    answers = ReturnAnswer.objects.filter(agency_return=OuterRef("pk")).order_by()
    return (
        queryset.select_related("organisation", "cycle")
        .annotate(
            self_total=Subquery(answers.values("agency_return").annotate(t=Sum("self_score")).values("t")),
            standard_count=Coalesce(
                Subquery(answers.values("agency_return").annotate(n=Count("pk")).values("n")), 0
            ),
            moderated_count=Coalesce(
                Subquery(mine.values("answer__agency_return").annotate(n=Count("pk")).values("n")), 0
            ),
            moderated_total=Subquery(
                mine.values("answer__agency_return").annotate(t=Sum("score")).values("t")
            ),
        )
        .order_by("cycle", "organisation__name", "pk")
    )


class CycleCreate(PartnershipMixin, generic.FormView):
    form_class = f.CycleForm
    template_name = "generic/form.html"
    write_perm = Perm.MANAGE

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(partnership=self.partnership, user=self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Open a Section 11 cycle"
        context["cancel_url"] = self.partnership_url("assurance:cycle_list")
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            with transaction.atomic():
                cycle = gs.open_cycle(
                    self.request.user,
                    partnership=self.partnership,
                    title=data["title"],
                    opens_on=data["opens_on"],
                    due_on=data["due_on"],
                    partnerships=list(data["partnerships"]),
                )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Cycle opened: {cycle.returns.count()} agencies asked for a return.")
        return redirect(_cycle_url(cycle, self.partnership))


class _CycleForm(ScopedRecordFormView):
    detail_view = CycleDetail

    def get_success_url(self, result=None):
        return _cycle_url(self.object, self.partnership)


class StandardAdd(_CycleForm):
    form_class = f.StandardForm
    form_context_name = "standard_form"
    success_message = "Standard added to every return of the cycle."

    def handle(self, form):
        gs.add_standard(self.request.user, self.object, **form.cleaned_data)


class CycleInvite(_CycleForm):
    form_class = f.InviteForm
    form_context_name = "invite_form"
    write_perm = Perm.MANAGE
    success_message = "Invitation sent: the partnership takes part once its manager accepts."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "cycle": self.object}

    def handle(self, form):
        if self.object.partnership_id != self.partnership.pk:
            raise ValidationError("Only the partnership leading the cycle can invite others.")
        return gs.invite_partnership(self.request.user, self.object, form.cleaned_data["partnership"])


class CycleClose(_CycleForm):
    form_class = f.CloseCycleForm
    form_context_name = "close_form"
    write_perm = Perm.MANAGE
    success_message = "Cycle closed."

    def handle(self, form):
        if self.object.partnership_id != self.partnership.pk:
            raise ValidationError("Only the partnership leading the cycle can close it.")
        return gs.close_cycle(self.request.user, self.object, summary=form.cleaned_data["summary"])


class InvitationList(ScopedListView):
    model = CycleInvitation
    title = "Invitations to joint Section 11 cycles"
    intro = "Other partnerships' invitations to take part in their Section 11 cycles."
    list_select_related = ("cycle__partnership",)
    columns = (
        Column("Cycle", "cycle.title", link=True),
        Column("Run by", "cycle.partnership.short_name"),
        Column("Invited", "invited_on"),
        Column("Answer", "get_status_display"),
        Column("Answered", "answered_on"),
    )

    def get_queryset(self):
        return super().get_queryset().filter(partnership=self.partnership)

    def get_columns(self):
        return list(self.columns)


class InvitationAnswer(ScopedRecordFormView):
    """The invited partnership's manager accepts or declines, in its own space."""

    model = CycleInvitation
    form_class = f.InvitationAnswerForm
    write_perm = Perm.MANAGE
    submit_label = "Save answer"

    def get_queryset(self):
        return (
            super().get_queryset().filter(partnership=self.partnership).select_related("cycle__partnership")
        )

    def get_title(self):
        cycle = self.object.cycle
        return f"Invitation from {cycle.partnership.short_name}: {cycle.title}"

    def handle(self, form):
        return gs.answer_invitation(
            self.request.user, self.object, accept=form.cleaned_data["answer"] == "accept"
        )

    def get_success_message(self, result):
        return (
            "Invitation accepted: the cycle is in your list."
            if result.status == "accepted"
            else ("Invitation declined.")
        )

    def get_success_url(self, result=None):
        if result is not None and result.status == "accepted":
            return _cycle_url(self.object.cycle, self.partnership)
        return self.partnership_url("assurance:invitation_list")

    def get_cancel_url(self):
        return self.partnership_url("assurance:invitation_list")


class ReturnChaseView(ScopedActionView):
    model = AgencyReturn

    def perform(self, obj):
        gs.chase_return(self.request.user, obj, self.partnership)
        self.success_message = f"{obj.organisation} chased: its contributors were e-mailed."

    def get_success_url(self):
        return _cycle_url(self.object.cycle, self.partnership)


class ReturnList(ScopedListView):
    model = AgencyReturn
    title = "Section 11 returns"
    intro = "Each agency's return, with its self-assessed total and this partnership's moderated total."
    columns = (
        Column("Agency", "organisation", link=True),
        Column("Cycle", "cycle"),
        # The counts are this partnership's own (annotated by _returns_with_totals).
        Column("Status", lambda r: r.status_for(None, r.moderated_count, r.standard_count)),
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
        return _returns_with_totals(super().get_queryset(), self.partnership)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for row in context["rows"]:
            row["cells"][0]["url"] = row["object"].url_in(self.partnership)
        return context


def _label_status(agency_return, partnership):
    agency_return.shown_status = agency_return.status_for(
        partnership, agency_return.moderated_count, agency_return.standard_count
    )
    return agency_return.shown_status


class ReturnDetail(ScopedDetailView):
    model = AgencyReturn
    template_name = "assurance/return_detail.html"
    fields = (
        ("Agency", "organisation"),
        ("Cycle", "cycle"),
        ("Status", "shown_status"),
        ("Submitted", "submitted_on"),
        ("Submitted by", "submitted_by.display_name"),
    )

    def get_queryset(self):
        return _returns_with_totals(
            super().get_queryset().select_related("submitted_by", "cycle__partnership"), self.partnership
        )

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        _label_status(obj, self.partnership)
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        answers = list(
            self.object.answers.select_related("standard").prefetch_related(
                Prefetch(
                    "moderations",
                    queryset=AnswerModeration.objects.select_related("partnership", "moderated_by"),
                )
            )
        )
        p = self.partnership
        for a in answers:
            a.mine = next((m for m in a.moderations.all() if m.partnership_id == p.pk), None)
        context["answers"] = answers
        context["moderated_any"] = any(a.moderations.all() for a in answers)
        context["shared_with"] = [
            q
            for q in self.object.cycle.partnerships.all()
            if AgencyReturn.objects.in_partnership(q).filter(pk=self.object.pk).exists()
        ]
        context["chases"] = self.object.chases.select_related("partnership", "chased_by")
        if (
            context["can_edit"]
            and not self.object.cycle.is_closed
            and self.object.status == ReturnStatus.SUBMITTED
        ):
            mine = {a.pk: a.mine for a in answers if a.mine}
            context.setdefault(
                "moderation_form",
                kwargs.get("moderation_form") or f.ModerationForm(partnership=p, answers=answers, mine=mine),
            )
            context.setdefault(
                "evidence_form",
                kwargs.get("evidence_form") or f.EvidenceRequestForm(partnership=p, answers=answers),
            )
        return context


class ReturnModerate(ScopedRecordFormView):
    detail_view = ReturnDetail
    form_class = f.ModerationForm
    form_context_name = "moderation_form"
    success_message = "Your partnership's moderated scores were saved."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["answers"] = self.object.answers.select_related("standard")
        return kwargs

    def handle(self, form):
        gs.moderate_return(self.request.user, self.object, self.partnership, form.scores())

    def get_success_url(self, result=None):
        return self.object.url_in(self.partnership)


class ReturnForEvidence(ReturnModerate):
    form_class = f.EvidenceRequestForm
    form_context_name = "evidence_form"
    success_message = "Returned to the agency for more evidence: its contributors were e-mailed."

    def handle(self, form):
        gs.return_for_evidence(self.request.user, self.object, self.partnership, form.reasons())


# -- Agency contributors: only their own agency's returns -------------------------------------


class AgencyReturnsMixin(ContributorMixin):
    """Pages for an agency contributor: only the returns addressed to their agencies (else 404)."""

    model = AgencyReturn

    def get_queryset(self):
        return AgencyReturn.objects.for_contributor(self.request.user, self.partnership).select_related(
            "organisation", "cycle"
        )


class AgencyReturnList(AgencyReturnsMixin, PartnershipMixin, generic.ListView):
    template_name = "assurance/agency_return_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Section 11 returns for your agency"
        return context


class AgencyReturnEdit(AgencyReturnsMixin, PartnershipMixin, generic.DetailView):
    template_name = "assurance/agency_return_edit.html"
    http_method_names = ["get", "post"]

    def get_object(self, queryset=None):
        try:
            return self.get_queryset().get(pk=self.kwargs["pk"])
        except (AgencyReturn.DoesNotExist, ValueError):
            raise Http404("No such return.") from None

    def answers(self):
        """The answers, each with every partnership's moderation (score and reason, or request for
        more evidence): the agency sees why, per standard and per partnership."""
        answers = list(
            self.object.answers.select_related("standard").prefetch_related(
                Prefetch(
                    "moderations",
                    queryset=AnswerModeration.objects.select_related("partnership").order_by(
                        "partnership__name"
                    ),
                )
            )
        )
        return answers

    def asked(self, answers):
        return [a.pk for a in answers if any(m.more_evidence for m in a.moderations.all())]

    def editable(self):
        return self.object.is_open and not self.object.cycle.is_closed

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = f"Section 11 return: {self.object.organisation}"
        context["editable"] = self.editable()
        context["answers"] = self.answers()
        if context["editable"]:
            context.setdefault(
                "form",
                f.SelfAssessmentForm(
                    partnership=self.partnership,
                    answers=context["answers"],
                    asked=self.asked(context["answers"])
                    if self.object.status == ReturnStatus.RETURNED
                    else (),
                ),
            )
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        answers = self.answers()
        asked = self.asked(answers) if self.object.status == ReturnStatus.RETURNED else ()
        form = f.SelfAssessmentForm(request.POST, partnership=self.partnership, answers=answers, asked=asked)
        if form.is_valid():
            try:
                gs.save_self_assessment(request.user, self.object, form.answers_data())
                if "submit" in request.POST:
                    gs.submit_return(request.user, self.object)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Return submitted." if "submit" in request.POST else "Draft saved.")
                return redirect(self.object.contributor_url_in(self.partnership))
        return render(request, self.template_name, self.get_context_data(form=form), status=400)


def agency_requests(user, organisation_ids):
    """The Section 11 returns asked of a contributor's agencies, in each partnership they act in."""
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
                    is_open=agency_return.is_open,
                )
            )
    return requests
