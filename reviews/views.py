"""Pages for case reviews. Thin: every change goes through reviews.services.

Child identities: lists, exports and the timeline show the pseudonymous reference, never a name or
date of birth. Opening a notification (the one page that shows them) is logged for the business-unit
managers (partnerships.core.services.log_record_access).
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import generic

from partnerships.core import signoff
from partnerships.core.models import AccessChannel, RecordLink
from partnerships.core.permissions import Perm, access_for, sign_off_organisations
from partnerships.core.record_access import LoggedRecordMixin, access_log_url
from partnerships.core.registry import AgencyRequest
from partnerships.core.services import log_record_access
from partnerships.core.views.generic import (
    Column,
    ContributorMixin,
    PartnershipMixin,
    ScopedActionView,
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedObjectMixin,
    ScopedRecordFormView,
    ScopedUpdateView,
    add_service_errors,
)
from partnerships.deadlines.choices import DeadlineStatus
from reviews import figures, services
from reviews.choices import ContributionStatus, RapidReviewDecision, RapidReviewStatus, Timeliness
from reviews.filters import LCSPRFilter, NotificationFilter, RapidReviewFilter
from reviews.forms import (
    ChronologyEntryForm,
    CommissionForm,
    ContributionForm,
    ContributionReopenForm,
    ContributionRequestForm,
    LCSPRForm,
    LearningReviewForm,
    MilestoneForm,
    NotificationForm,
    PanelResponseForm,
    RapidReviewClockForm,
    RapidReviewForm,
    RecommendationForm,
    ReopenForm,
    SignOffForm,
    ThemeForm,
)
from reviews.models import (
    LCSPR,
    ContributionRequest,
    LearningReview,
    Milestone,
    RapidReview,
    SeriousIncidentNotification,
    Theme,
)

# Overview ----------------------------------------------------------------------------------


class RapidReviewClockEdit(PartnershipMixin, generic.FormView):
    """The partnership's dated rule for when a rapid review's 15 working days start."""

    read_perm = Perm.CHANGE  # a page that only changes something is not shown to readers
    form_class = RapidReviewClockForm
    template_name = "generic/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_initial(self):
        return {"clock": self.partnership.rapid_review_clock, "applies_from": timezone.localdate()}

    def form_valid(self, form):
        try:
            services.change_rapid_review_clock(self.request.user, self.partnership, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "The rapid review clock is changed.")
        return redirect("reviews:overview", partnership=self.partnership.slug)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Rapid review clock"
        context["cancel_url"] = reverse("reviews:overview", kwargs={"partnership": self.partnership.slug})
        return context


class Overview(PartnershipMixin, generic.TemplateView):
    template_name = "reviews/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        start = datetime.date(today.year - 1, today.month, 1)
        p = self.partnership
        context.update(
            title="Case reviews",
            period=(start, today),
            notifications_rate=figures.notifications_within_deadline(p, start, today),
            rapid_rate=figures.rapid_reviews_within_deadline(p, start, today),
            lcspr_rate=figures.lcsprs_published_within_deadline(p, start, today),
            stages=figures.counts_by_stage(p, start, today),
            decisions=figures.decisions(p, start, today),
            overdue_notifications=SeriousIncidentNotification.objects.in_partnership(p)
            .overdue(today)
            .count(),
            overdue_reviews=RapidReview.objects.in_partnership(p).overdue(today).count(),
            overdue_lcsprs=LCSPR.objects.in_partnership(p).overdue(today).count(),
            late_contributions=ContributionRequest.objects.in_partnership(p).late(today).count(),
        )
        return context


# Notifications -----------------------------------------------------------------------------


class NotificationList(ScopedListView):
    model = SeriousIncidentNotification
    title = "Serious incident notifications"
    intro = "The local authority notifies the Panel within 5 working days of becoming aware."
    create_url_name = "reviews:notification_create"
    create_label = "Record a serious incident"
    filterset_class = NotificationFilter
    list_select_related = ("area",)
    columns = (
        Column("Reference", "reference", link=True),
        Column("Child", "child_reference"),
        Column("Age band", "get_age_band_display"),
        Column("Area", "area.name"),
        Column("Incident", "get_incident_type_display"),
        Column("LA aware", "la_aware_on"),
        Column("Panel due", "panel_due_date"),
        Column("Panel notified", "panel_notified_on"),
        Column(
            "Status",
            lambda n: (
                "Overdue"
                if n.is_overdue()
                else ("On time" if n.notified_on_time else "Late")
                if n.panel_notified_on
                else "Not yet notified"
            ),
            tag=lambda n: Timeliness.of(n.notified_on_time, n.is_overdue()).tag_class,
        ),
    )


class NotificationCreate(ScopedCreateView):
    model = SeriousIncidentNotification
    form_class = NotificationForm
    title = "Record a serious incident"

    def save(self, form):
        notification = form.save(commit=False)
        notification.partnership = self.partnership
        return services.save_notification(self.request.user, notification)


class NotificationUpdate(LoggedRecordMixin, ScopedUpdateView):
    model = SeriousIncidentNotification
    access_channel = AccessChannel.EDIT  # the form shows the child's name and date of birth
    form_class = NotificationForm

    def save(self, form):
        return services.save_notification(self.request.user, form.save(commit=False))


class NotificationDetail(ScopedDetailView):
    model = SeriousIncidentNotification
    template_name = "reviews/notification_detail.html"
    edit_url_name = "reviews:notification_update"
    fields = (
        "reference",
        "child_reference",
        "child_initials",
        ("Age band", "get_age_band_display"),
        ("Area", "area.name"),
        ("Child's full name", "child_name"),
        ("Child's date of birth", "child_date_of_birth"),
        ("Other names", "child_other_names"),
        ("Incident", "get_incident_type_display"),
        "incident_on",
        "la_aware_on",
        "is_looked_after",
        "summary",
        ("Panel notification due", "panel_due_date"),
        ("Rule", "panel_due_rule"),
        "panel_notified_on",
        "panel_reference",
        "late_reason",
        "ofsted_notified_on",
        "dfe_notified_on",
        ("Lead officer", "lead_officer.display_name"),
    )

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        log_record_access(self.request.user, obj, self.partnership, route=self.request.get_full_path())
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["access_log_url"] = access_log_url(self.request.user, self.partnership, self.object)
        n = self.object
        context["rapid_review"] = RapidReview.objects.filter(notification=n).first()
        context["can_start_review"] = (
            self.can(Perm.CHANGE) and n.needs_rapid_review and context["rapid_review"] is None
        )
        return context


class NotificationStartReview(PartnershipMixin, ScopedObjectMixin, generic.View):
    model = SeriousIncidentNotification
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        notification = self.get_object()
        try:
            review = services.start_rapid_review(request.user, notification)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(notification)
        messages.success(request, f"Rapid review started: due {review.due_date:%d %B %Y}.")
        return redirect(review)


# Rapid reviews -----------------------------------------------------------------------------


class RapidReviewList(ScopedListView):
    model = RapidReview
    title = "Rapid reviews"
    intro = "Each rapid review is completed and signed off by the partners within 15 working days."
    filterset_class = RapidReviewFilter
    list_select_related = ("notification", "notification__area")
    columns = (
        Column("Notification", "notification.reference", link=True),
        Column("Child", "notification.child_reference"),
        Column("Area", "notification.area.name"),
        Column("Due", "due_date"),
        Column("Meeting", "meeting_on"),
        Column("Decision", "get_decision_display"),
        Column("Signed off", "signed_off_on"),
        Column(
            "Status",
            lambda r: "Overdue" if r.is_overdue() else r.get_status_display(),
            tag=lambda r: Timeliness.of(r.completed_on_time, r.is_overdue()).tag_class,
        ),
    )


class RapidReviewDetail(ScopedDetailView):
    model = RapidReview
    template_name = "reviews/rapid_review_detail.html"
    fields = (
        ("Notification", "notification.reference"),
        ("Child", "notification.child_reference"),
        ("Status", "get_status_display"),
        ("Due", "due_date"),
        ("Rule", "due_rule"),
        "meeting_on",
        "facts",
        "immediate_actions",
        "learning",
        "inequalities",
        ("Themes", lambda r: ", ".join(t.name for t in r.themes.all())),
        ("Decision", "get_decision_display"),
        "other_local_response",
        "decision_rationale",
        "decided_on",
        ("Signed off", "signed_off_on"),
        "sent_to_panel_on",
        "panel_response",
        "panel_response_on",
    )

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        log_record_access(self.request.user, obj, self.partnership, route=self.request.get_full_path())
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review = self.object
        sign_offs = signoff.state(
            review.partnership,
            review.sign_offs.filter(round=review.sign_off_round).select_related("signed_by", "organisation"),
            review.notification.area,
        )
        mine = sign_off_organisations(self.request.user, self.partnership)
        context.update(
            sign_off_rows=sign_offs.rows(mine),
            can_sign=bool(sign_offs.unsigned_by(mine)) and not review.is_locked,
            my_unsigned=sign_offs.unsigned_by(mine),
            contributions=review.contributions.select_related("organisation"),
            recommendations=review.recommendations.select_related("action"),
            reopenings=review.reopenings.select_related("reopened_by"),
            lcspr=LCSPR.objects.filter(rapid_review=review).first(),
            can_commission=review.is_locked
            and review.decision == RapidReviewDecision.LCSPR
            and not LCSPR.objects.filter(rapid_review=review).exists(),
        )
        if review.is_locked:
            context.pop("edit_url", None)
        return context


class RapidReviewUpdate(ScopedUpdateView):
    model = RapidReview
    form_class = RapidReviewForm
    template_name = "reviews/rapid_review_form.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.is_locked:
            messages.error(request, services.LOCKED_MESSAGE)
            return redirect(self.object)
        return super().get(request, *args, **kwargs)

    def save(self, form):
        review = form.save(commit=False)
        return services.save_rapid_review(self.request.user, review, themes=form.cleaned_data.get("themes"))


class RapidReviewPanel(ScopedRecordFormView):
    model = RapidReview
    form_class = PanelResponseForm
    title = "Record sending to the Panel and its response"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def handle(self, form):
        return services.record_panel_response(self.request.user, self.object, **form.cleaned_data)


class RapidReviewSignOff(ScopedRecordFormView):
    """A partner lead signs the rapid review for their own organisation (POST only)."""

    model = RapidReview
    form_class = SignOffForm
    write_perm = Perm.SIGN_OFF
    http_method_names = ["post"]
    success_message = "Signed off."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # Any organisation may be named: the service refuses one that is not the signer's own.
        kwargs["organisations"] = list(signoff.required_organisations(self.partnership, self.area()))
        return kwargs

    def area(self):
        return self.object.notification.area

    def handle(self, form):
        return services.sign_off_rapid_review(
            self.request.user, self.object, form.cleaned_data["organisation"], form.cleaned_data["comment"]
        )

    def form_invalid(self, form):
        for _field, errors in form.errors.items():
            for error in errors:
                messages.error(self.request, error)
        if "organisation" in form.errors:
            raise PermissionDenied("You can sign off only for your own organisation.")
        return redirect(self.object)


class RapidReviewReopen(ScopedRecordFormView):
    model = RapidReview
    form_class = ReopenForm
    title = "Reopen the rapid review"
    submit_label = "Reopen"
    success_message = "Reopened: the partners must sign it off again."

    def handle(self, form):
        return services.reopen_rapid_review(self.request.user, self.object, form.cleaned_data["reason"])


class ContributionReopen(ScopedRecordFormView):
    model = ContributionRequest
    form_class = ContributionReopenForm
    title = "Reopen the agency's contribution"
    submit_label = "Reopen"
    success_message = "Reopened: the agency's contributors have been told why."

    def handle(self, form):
        return services.reopen_contribution(self.request.user, self.object, form.cleaned_data["reason"])


class ContributionRequestCreate(ScopedRecordFormView):
    model = RapidReview
    form_class = ContributionRequestForm
    title = "Ask agencies for their contributions"
    submit_label = "Send the requests"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["review"] = self.object
        return kwargs

    def handle(self, form):
        return services.request_contributions(
            self.request.user, self.object, form.cleaned_data["organisations"], form.cleaned_data["due_date"]
        )

    def get_success_message(self, result):
        names = ", ".join(str(c.organisation) for c in result)
        return f"{len(result)} request{'s' if len(result) != 1 else ''} sent: {names}."


class Timeline(PartnershipMixin, ScopedObjectMixin, generic.TemplateView):
    """Every agency's chronology merged into one multi-agency timeline, filterable and printable."""

    model = RapidReview
    template_name = "reviews/timeline.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review = self.get_object()
        agencies = list(review.contributions.select_related("organisation").order_by("organisation__name"))
        chosen = []
        for value in self.request.GET.getlist("agency"):
            if value.isdigit():
                chosen.append(int(value))
        context.update(
            object=review,
            title=f"Multi-agency timeline: {review}",
            agencies=[(c.organisation, c.organisation_id in chosen) for c in agencies],
            entries=services.merged_timeline(review, chosen),
        )
        return context


class LateContributions(PartnershipMixin, generic.TemplateView):
    """Who is late with a contribution, by agency, for the business unit."""

    template_name = "reviews/late_contributions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        late = (
            ContributionRequest.objects.in_partnership(self.partnership)
            .late(today)
            .select_related("organisation", "review__notification", "review__partnership")
            .order_by("organisation__name", "due_date")
        )
        by_agency = {}
        for c in late:
            by_agency.setdefault(c.organisation, []).append(c)
        context.update(title="Late agency contributions", by_agency=by_agency, today=today)
        return context


class ContributionDetail(ScopedDetailView):
    model = ContributionRequest
    template_name = "reviews/contribution_detail.html"
    fields = (
        ("Agency", "organisation.name"),
        ("Rapid review", "review"),
        ("Status", "get_status_display"),
        "requested_on",
        ("Due", "due_date"),
        ("Rule", "due_rule"),
        "submitted_on",
        "involvement",
        "analysis",
        "immediate_safety_actions",
        "learning",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = self.object.chronology.all()
        context["can_reopen"] = (
            self.can(Perm.CHANGE)
            and self.object.status == ContributionStatus.SUBMITTED
            and not self.object.review.is_locked
        )
        return context


# Agency contributors -----------------------------------------------------------------------


class ContributionRequestsMixin(ContributorMixin):
    """The rapid review contributions asked of the contributor's own agencies."""

    model = ContributionRequest

    def get_queryset(self):
        return ContributionRequest.objects.filter(
            review__partnership=self.partnership, organisation_id__in=self.organisation_ids()
        ).select_related("organisation", "review__notification", "review__partnership")


class MyContributionList(ContributionRequestsMixin, PartnershipMixin, generic.TemplateView):
    template_name = "reviews/my_contributions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title="Rapid review contributions for your agency", contributions=self.get_queryset())
        return context


class MyContributionEdit(ContributionRequestsMixin, ScopedRecordFormView):
    """An agency contributor completes their agency's template and chronology, then submits."""

    form_class = ContributionForm
    template_name = "reviews/my_contribution_form.html"

    def submitting(self):
        return "submit" in self.request.POST

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def handle(self, form):
        return services.save_contribution(
            self.request.user, form.save(commit=False), submit=self.submitting()
        )

    def get_success_message(self, result):
        return "Submitted." if self.submitting() else "Saved as a draft."

    def get_success_url(self, result=None):
        return my_contribution_url(self.object)

    def get_title(self):
        return f"Contribution: {self.object.review}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            entries=self.object.chronology.all(),
            entry_form=kwargs.get("entry_form") or ChronologyEntryForm(partnership=self.partnership),
            locked=self.object.review.is_locked or self.object.status != ContributionStatus.REQUESTED,
        )
        return context


class MyChronologyAdd(ContributionRequestsMixin, PartnershipMixin, ScopedObjectMixin, generic.View):
    """Adds one entry to the agency's chronology; a refused entry shows the contribution page again
    with a GOV.UK error summary and everything the contributor typed (status 400)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        contribution = self.get_object()
        form = ChronologyEntryForm(request.POST, partnership=self.partnership)
        if form.is_valid():
            try:
                services.add_chronology_entry(request.user, contribution, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Added to the chronology.")
                return redirect(my_contribution_url(contribution))
        page = MyContributionEdit()
        page.setup(request, *args, **kwargs)
        page.partnership, page.object = self.partnership, contribution
        context = page.get_context_data(
            form=ContributionForm(instance=contribution, partnership=self.partnership), entry_form=form
        )
        return render(request, page.template_name, context, status=400)


def my_contribution_url(contribution):
    return reverse(
        "reviews:my_contribution",
        kwargs={"partnership": contribution.review.partnership.slug, "pk": contribution.pk},
    )


def agency_requests(user, organisation_ids):
    """What an agency contributor sees on their home page: their agencies' rapid review requests."""
    rows = (
        ContributionRequest.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation", "review__partnership", "review__notification")
        .order_by("due_date")
    )
    access = access_for(user)
    return [
        AgencyRequest(
            kind="Rapid review contribution",
            title=str(c.review),
            partnership_name=c.review.partnership.name,
            organisation_name=c.organisation.name,
            due_date=c.due_date,
            status=c.get_status_display(),
            url=my_contribution_url(c),
            is_open=c.status == ContributionStatus.REQUESTED,
        )
        for c in rows
        if access.has(Perm.CONTRIBUTE, c.review.partnership_id)
    ]


# LCSPRs ------------------------------------------------------------------------------------


class LCSPRList(ScopedListView):
    model = LCSPR
    title = "Local child safeguarding practice reviews"
    intro = "Published within 6 months of the decision to initiate the review."
    create_url_name = "reviews:lcspr_create"
    create_label = "Add a review (thematic or legacy)"
    filterset_class = LCSPRFilter
    list_select_related = ("area",)
    columns = (
        Column("Reference", "reference", link=True),
        Column("Title", "title"),
        Column("Kind", "get_kind_display"),
        Column("Area", "area.name"),
        Column("Decided", "decided_on"),
        Column("Reviewer", "reviewer_name"),
        Column("Publication due", "due_date"),
        Column("Published", "published_on"),
        Column(
            "Stage",
            lambda r: "Overdue" if r.is_overdue() else r.stage_label,
            tag=lambda r: Timeliness.of(r.published_on_time, r.is_overdue()).tag_class,
        ),
        Column(
            "Milestones",
            lambda r: _overdue_milestones_text(r.overdue_milestones),
            tag=lambda r: Timeliness.OVERDUE.tag_class if r.overdue_milestones else "",
        ),
    )

    def base_queryset(self):
        today = timezone.localdate()
        return (
            super()
            .base_queryset()
            .annotate(
                overdue_milestones=Count(
                    "milestones",
                    filter=Q(milestones__completed_on__isnull=True, milestones__due_date__lt=today),
                )
            )
            .order_by(*LCSPR._meta.ordering)
        )


def _overdue_milestones_text(count):
    if not count:
        return ""
    return f"Overdue: {count} milestone{'' if count == 1 else 's'}"


class LCSPRCreate(ScopedCreateView):
    model = LCSPR
    form_class = LCSPRForm

    def save(self, form):
        lcspr = form.save(commit=False)
        lcspr.partnership = self.partnership
        return services.save_lcspr(self.request.user, lcspr, themes=form.cleaned_data.get("themes"))


class LCSPRUpdate(ScopedUpdateView):
    model = LCSPR
    form_class = LCSPRForm

    def save(self, form):
        return services.save_lcspr(
            self.request.user, form.save(commit=False), themes=form.cleaned_data.get("themes")
        )


class LCSPRCommission(ScopedRecordFormView):
    model = RapidReview
    form_class = CommissionForm
    title = "Commission the local child safeguarding practice review"
    submit_label = "Commission"
    success_message = "Review commissioned."

    def get_initial(self):
        return {"title": self.object.notification.child_reference}

    def handle(self, form):
        return services.commission_lcspr(self.request.user, self.object, title=form.cleaned_data["title"])

    def get_success_url(self, result=None):
        return result.get_absolute_url() if result else super().get_success_url()


class LCSPRDetail(ScopedDetailView):
    model = LCSPR
    template_name = "reviews/lcspr_detail.html"
    edit_url_name = "reviews:lcspr_update"
    fields = (
        "reference",
        "title",
        ("Kind", "get_kind_display"),
        ("Stage", "stage_label"),
        ("Rapid review", "rapid_review"),
        ("Area", "area.name"),
        "decided_on",
        "decision_date_reason",
        ("Publication due", "due_date"),
        ("Rule", "due_rule"),
        "reviewer_name",
        "reviewer_appointed_on",
        "terms_of_reference",
        "final_report_received_on",
        ("Partners signed off", "signed_off_on"),
        "planned_publication_on",
        "sent_to_panel_on",
        "sent_to_dfe_on",
        "sent_to_what_works_on",
        "published_on",
        "findings_only",
        "late_reason",
        ("Themes", lambda r: ", ".join(t.name for t in r.themes.all())),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lcspr = self.object
        sign_offs = signoff.state(
            lcspr.partnership, lcspr.sign_offs.filter(round=lcspr.sign_off_round), lcspr.area
        )
        mine = sign_off_organisations(self.request.user, self.partnership)
        context.update(
            milestones=lcspr.milestones.all(),
            overdue_label=Timeliness.OVERDUE.label,
            overdue_tag=Timeliness.OVERDUE.tag_class,
            recommendations=lcspr.recommendations.select_related("action"),
            sign_off_rows=sign_offs.rows(mine),
            my_unsigned=sign_offs.unsigned_by(mine)
            if lcspr.final_report_received_on and not lcspr.signed_off_on
            else [],
            # Records of other apps linked to this one (the published LCSPR report, from publications).
            links=[
                {"label": link.other_side(lcspr)[0], "url": link.other_side(lcspr)[1], "reason": link.reason}
                for link in RecordLink.objects.for_record(lcspr)
            ],
        )
        return context


class LCSPRSignOff(RapidReviewSignOff):
    model = LCSPR
    success_message = "Final report signed off."

    def area(self):
        return self.object.area

    def handle(self, form):
        return services.sign_off_lcspr(
            self.request.user, self.object, form.cleaned_data["organisation"], form.cleaned_data["comment"]
        )


class MilestoneCreate(ScopedRecordFormView):
    model = LCSPR
    form_class = MilestoneForm
    title = "Add a milestone"

    def handle(self, form):
        milestone = form.save(commit=False)
        milestone.lcspr = self.object
        return services.save_milestone(self.request.user, milestone)


class MilestoneUpdate(ScopedUpdateView):
    model = Milestone
    form_class = MilestoneForm

    def save(self, form):
        return services.save_milestone(self.request.user, form.save(commit=False))


class MilestoneComplete(ScopedActionView):
    model = Milestone
    success_message = "Milestone marked complete."

    def perform(self, obj):
        services.complete_milestone(self.request.user, obj)


# Learning ----------------------------------------------------------------------------------


class LearningReviewList(ScopedListView):
    model = LearningReview
    title = "Other learning reviews"
    intro = "Multi-agency case evaluations, learning reviews and multi-agency audits."
    create_url_name = "reviews:learning_review_create"
    create_label = "Add a learning review"
    list_select_related = ("area",)
    columns = (
        Column("Title", "title", link=True),
        Column("Kind", "get_kind_display"),
        Column("Area", "area.name"),
        Column("Started", "started_on"),
        Column("Completed", "completed_on"),
    )


class LearningReviewCreate(ScopedCreateView):
    model = LearningReview
    form_class = LearningReviewForm


class LearningReviewUpdate(ScopedUpdateView):
    model = LearningReview
    form_class = LearningReviewForm


class LearningReviewDetail(ScopedDetailView):
    model = LearningReview
    template_name = "reviews/learning_review_detail.html"
    edit_url_name = "reviews:learning_review_update"
    fields = (
        ("Kind", "get_kind_display"),
        ("Area", "area.name"),
        "methodology",
        "participants",
        "findings",
        "started_on",
        "completed_on",
        ("Themes", lambda r: ", ".join(t.name for t in r.themes.all())),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recommendations"] = self.object.recommendations.select_related("action")
        return context


class RecommendationCreate(ScopedRecordFormView):
    """A recommendation of a review and its action, which goes on the partnership's action log."""

    form_class = RecommendationForm
    title = "Add a recommendation and its action"
    success_message = "Recommendation added to the action log."

    def handle(self, form):
        data = form.cleaned_data
        return services.add_recommendation(
            self.request.user,
            self.object,
            text=data["text"],
            action_title=data["action_title"],
            due_date=data["due_date"],
            owner=data["owner"],
            owner_organisation=data["owner_organisation"],
        )


class ThemeList(ScopedListView):
    model = Theme
    title = "Themes across reviews"
    intro = "Themes tagged on rapid reviews, LCSPRs and learning reviews: emerging patterns may call for a thematic review."
    create_url_name = "reviews:theme_create"
    create_label = "Add a theme"
    columns = (
        Column("Theme", "name", link=True),
        Column("Rapid reviews", "n_rapid", numeric=True),
        Column("LCSPRs", "n_lcspr", numeric=True),
        Column("Learning reviews", "n_learning", numeric=True),
    )

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(
                n_rapid=Count("rapid_reviews", distinct=True),
                n_lcspr=Count("lcsprs", distinct=True),
                n_learning=Count("learning_reviews", distinct=True),
            )
            .order_by("name")
        )


class ThemeCreate(ScopedCreateView):
    model = Theme
    form_class = ThemeForm


class ThemeDetail(ScopedDetailView):
    model = Theme
    template_name = "reviews/theme_detail.html"
    fields = ("name", "description")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        t = self.object
        context.update(
            rapid_reviews=t.rapid_reviews.select_related("notification", "partnership"),
            lcsprs=t.lcsprs.select_related("partnership"),
            learning_reviews=t.learning_reviews.select_related("partnership"),
        )
        return context


# Home panel --------------------------------------------------------------------------------


def home_panel(request, partnership):
    """Rapid reviews awaiting the reader's sign-off, and overdue case review dates."""
    access = access_for(request.user)
    if not access.has(Perm.VIEW, partnership):
        return None
    today = timezone.localdate()
    mine = sign_off_organisations(request.user, partnership)
    rows = []
    if mine:
        awaiting = (
            RapidReview.objects.in_partnership(partnership)
            .filter(decision__gt="")
            .exclude(status=RapidReviewStatus.SIGNED_OFF)
            .select_related("notification__area", "partnership")
            .order_by("due_date")[:10]
        )
        required = {}  # by the child's area: only that area's council signs for the local authority
        for review in awaiting:
            area = review.notification.area
            if area not in required:
                required[area] = {o.pk for o in signoff.required_organisations(partnership, area)}
            signed = set(
                review.sign_offs.filter(round=review.sign_off_round).values_list("organisation_id", flat=True)
            )
            if (mine & required[area]) - signed:
                rows.append(
                    {
                        "text": str(review),
                        "url": review.get_absolute_url(),
                        "tag": "Awaiting your sign-off",
                        "tag_class": "govuk-tag--yellow",
                        "hint": f"Due {review.due_date:%d %B %Y}",
                    }
                )
    for n in (
        SeriousIncidentNotification.objects.in_partnership(partnership)
        .overdue(today)
        .select_related("partnership")[:5]
    ):
        rows.append(
            {
                "text": f"Notify the Panel: {n}",
                "url": n.get_absolute_url(),
                "tag": DeadlineStatus.OVERDUE.label,
                "tag_class": DeadlineStatus.OVERDUE.tag_class,
                "hint": f"Due {n.panel_due_date:%d %B %Y}",
            }
        )
    for r in (
        RapidReview.objects.in_partnership(partnership)
        .overdue(today)
        .select_related("notification", "partnership")[:5]
    ):
        rows.append(
            {
                "text": str(r),
                "url": r.get_absolute_url(),
                "tag": DeadlineStatus.OVERDUE.label,
                "tag_class": DeadlineStatus.OVERDUE.tag_class,
                "hint": f"Due {r.due_date:%d %B %Y}",
            }
        )
    if not rows and not RapidReview.objects.in_partnership(partnership).exists():
        return None
    return {
        "title": "Case reviews",
        "rows": rows,
        "empty": "Nothing is awaiting sign-off or overdue.",
        "link": ("All case reviews", reverse("reviews:overview", kwargs={"partnership": partnership.slug})),
    }
