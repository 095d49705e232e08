"""Pages of learning and evidence of impact, under /p/<partnership>/learning/.

The business unit writes; partner leads and the scrutineer read; an agency contributor sees only the
briefings sent to their agency and the indicators their agency reports (read_perm CONTRIBUTE); anyone
else meets a 404. Published briefings also have a public page and PDF for practitioners, which never
show more than the briefing itself.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import generic

from partnerships.core import identity
from partnerships.core.models import Partnership
from partnerships.core.pdf import render_template_pdf
from partnerships.core.periods import (
    FIRST_YEAR,
    LAST_YEAR,
    financial_year,
    financial_year_bounds,
    financial_year_label,
)
from partnerships.core.permissions import Perm
from partnerships.core.tabular import Percent
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
    tabular_response,
)
from partnerships.learning import figures, services
from partnerships.learning import models as learning_models
from partnerships.learning.charts import trend_chart
from partnerships.learning.forms import (
    AcknowledgeForm,
    AgencyBookingForm,
    AttendanceForm,
    BookingForm,
    BriefingForm,
    CourseForm,
    DatasetUploadForm,
    EngagementForm,
    EvaluationForm,
    FollowUpForm,
    IndicatorForm,
    IndicatorValueForm,
    PublishBriefingForm,
    SessionForm,
    YouSaidWeDidForm,
)
from partnerships.learning.imports import import_values
from partnerships.learning.models import (
    BookingStatus,
    BriefingRecipient,
    BriefingStatus,
    EngagementActivity,
    Indicator,
    LearningBriefing,
    SessionStatus,
    TrainingBooking,
    TrainingCourse,
    TrainingSession,
    Unit,
    YouSaidWeDid,
)

FORM_TEMPLATE = "generic/form.html"


def _status_tag(choices):
    return lambda obj: choices(obj.status).tag_class


def _pct(value):
    return "" if value is None else f"{value}%"


def _year_bounds(request):
    """The financial year (April to March) asked for by ?year=2025, else the one containing today."""
    default = financial_year(timezone.localdate())
    try:
        year = int(request.GET.get("year", default))
    except ValueError:
        year = default
    if not FIRST_YEAR <= year <= LAST_YEAR:
        year = default
    return year, *financial_year_bounds(year)


class ParentMixin:
    """Create a record under a parent found in the current partnership (a session of a course)."""

    parent_model = None

    def get_parent(self):
        if not hasattr(self, "_parent"):
            try:
                self._parent = self.parent_model.objects.in_partnership(self.partnership).get(
                    pk=self.kwargs["pk"]
                )
            except self.parent_model.DoesNotExist:
                raise Http404("Not found.") from None
        return self._parent

    def get_cancel_url(self):
        return self.get_parent().get_absolute_url()


# --- Overview ----------------------------------------------------------------------------------------


class LearningOverview(PartnershipMixin, generic.TemplateView):
    """This year's learning, training, voice and dataset figures: the same functions as the yearly report."""

    template_name = "learning/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, start, end = _year_bounds(self.request)
        sections = figures.yearly_report_sections(self.partnership, start, end)
        context.update(
            title="Learning and impact",
            year=year,
            year_label=financial_year_label(year),
            previous_year=year - 1,
            next_year=year + 1,
            rag=figures.rag_summary(sections["dataset"]),
            **sections,
        )
        return context


# --- Learning briefings ------------------------------------------------------------------------------


class BriefingList(ScopedListView):
    model = LearningBriefing
    title = "Learning briefings"
    intro = (
        "Seven-minute briefings on the learning from reviews, audits and scrutiny, published to practitioners "
        "and sent to agencies to share."
    )
    create_url_name = "learning:briefing_create"
    create_label = "Write a briefing"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(
                sent=Count("recipients"),
                acknowledged=Count("recipients", filter=Q(recipients__acknowledged_at__isnull=False)),
            )
            .order_by("-published_on", "-pk")
        )

    columns = (
        Column("Briefing", "title", link=True),
        Column("From", "get_source_kind_display"),
        Column("Finding", "source_label"),
        Column("Status", "get_status_display", tag=_status_tag(BriefingStatus)),
        Column("Published", "published_on"),
        Column("Agencies sent", "sent", numeric=True),
        Column("Acknowledged", "acknowledged", numeric=True),
    )


class BriefingCreate(ScopedCreateView):
    model = LearningBriefing
    form_class = BriefingForm
    title = "Write a learning briefing"
    success_message = "Briefing saved as a draft."


class BriefingUpdate(ScopedUpdateView):
    model = LearningBriefing
    form_class = BriefingForm
    success_message = "Briefing updated."


class BriefingDetail(ScopedDetailView):
    model = LearningBriefing
    template_name = "learning/briefing_detail.html"
    edit_url_name = "learning:briefing_update"
    fields = (
        ("From", "get_source_kind_display"),
        ("Finding", "source_label"),
        ("Status", "get_status_display"),
        ("Published", "published_on"),
        ("Agencies asked to acknowledge by", "acknowledge_by"),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        briefing = self.object
        context["acks"] = figures.briefing_acknowledgements(briefing)
        context["recipients"] = briefing.recipients.select_related("organisation", "acknowledged_by")
        context["courses"] = briefing.courses.all()
        return context


class BriefingPublish(ScopedRecordFormView):
    model = LearningBriefing
    form_class = PublishBriefingForm
    title = "Publish the briefing and send it to agencies"
    submit_label = "Publish and send"
    success_message = "Briefing published and sent to the agencies."

    def handle(self, form):
        services.publish_briefing(
            self.request.user, self.object, organisations=form.cleaned_data["organisations"]
        )


class BriefingWithdraw(ScopedActionView):
    model = LearningBriefing
    success_message = "Briefing withdrawn: its public page and PDF are no longer available."

    def perform(self, obj):
        services.withdraw_briefing(self.request.user, obj)


class RecipientAcknowledge(ScopedRecordFormView):
    """The business unit records an agency's acknowledgement received some other way (email, meeting)."""

    model = BriefingRecipient
    form_class = AcknowledgeForm
    success_message = "Acknowledgement recorded."
    submit_label = "Record acknowledgement"

    def get_object(self, queryset=None):
        recipient = super().get_object(queryset)
        if recipient.briefing_id != self.kwargs["briefing_pk"]:
            raise Http404("Not found.")
        return recipient

    def get_title(self):
        return f"{self.object.organisation} acknowledges “{self.object.briefing}”"

    def handle(self, form):
        services.acknowledge_briefing(
            self.request.user,
            self.object,
            staff_reached=form.cleaned_data["staff_reached"],
            note=form.cleaned_data["note"],
        )


def briefing_pdf_response(briefing, *, inline=True):
    pdf = render_template_pdf("learning/briefing_pdf.html", {"briefing": briefing})
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="briefing-{briefing.pk}.pdf"'
    return response


class BriefingPdf(PartnershipMixin, ScopedObjectMixin, generic.View):
    """The briefing as a PDF (a draft too, for the business unit to check before publishing)."""

    model = LearningBriefing

    def get(self, request, *args, **kwargs):
        return briefing_pdf_response(self.get_object())


# Agency contributors: the briefings sent to their agency ------------------------------------------------


class MyBriefings(ContributorMixin, PartnershipMixin, generic.TemplateView):
    template_name = "learning/my_briefings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Learning briefings for your agency"
        context["recipients"] = (
            BriefingRecipient.objects.permitted(self.request.user, Perm.CONTRIBUTE)
            .filter(
                briefing__partnership=self.partnership,
                briefing__status=BriefingStatus.PUBLISHED,
                organisation__in=self.organisation_ids(),
            )
            .select_related("briefing__partnership", "organisation")
            .order_by("acknowledged_at", "-briefing__published_on")
        )
        return context


class MyBriefingAcknowledge(ContributorMixin, ScopedRecordFormView):
    model = BriefingRecipient
    form_class = AcknowledgeForm
    template_name = "learning/acknowledge.html"
    success_message = "Thank you: your agency's acknowledgement is recorded."
    submit_label = "Confirm we have shared it"

    def get_queryset(self):
        return (
            BriefingRecipient.objects.permitted(self.request.user, Perm.CONTRIBUTE)
            .filter(briefing__partnership=self.partnership, organisation__in=self.organisation_ids())
            .select_related("briefing__partnership", "organisation")
        )

    def get_title(self):
        return f"Confirm {self.object.organisation} has shared “{self.object.briefing}”"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["briefing"] = self.object.briefing
        return context

    def get_success_url(self, result=None):
        return reverse("learning:my_briefings", kwargs={"partnership": self.partnership.slug})

    def handle(self, form):
        services.acknowledge_briefing(
            self.request.user,
            self.object,
            staff_reached=form.cleaned_data["staff_reached"],
            note=form.cleaned_data["note"],
        )


# Public pages for practitioners ---------------------------------------------------------------------


def _shows_no_child(briefing, guard):
    """Whether a published briefing still passes the identity guard as it is served (a case record
    saved after it was published may have made one of its words an identifier)."""
    return not identity.findings(guard, learning_models.identity_fields(briefing))


def _public_briefing(slug, pk):
    briefing = get_object_or_404(
        LearningBriefing.objects.published().select_related("partnership"), partnership__slug=slug, pk=pk
    )
    if not _shows_no_child(briefing, identity.guard_for(briefing.partnership)):
        raise Http404("Not available")
    return briefing


@login_not_required
def public_briefing_list(request, slug):
    partnership = get_object_or_404(Partnership, slug=slug)
    guard = identity.guard_for(partnership)
    briefings = [
        briefing
        for briefing in LearningBriefing.objects.published()
        .filter(partnership=partnership)
        .select_related("partnership")
        if _shows_no_child(briefing, guard)
    ]
    return render(
        request,
        "learning/public_list.html",
        {"partnership_public": partnership, "briefings": briefings, "title": "Learning briefings"},
    )


@login_not_required
def public_briefing(request, slug, pk):
    briefing = _public_briefing(slug, pk)
    return render(request, "learning/public_briefing.html", {"briefing": briefing, "title": briefing.title})


@login_not_required
def public_briefing_pdf(request, slug, pk):
    return briefing_pdf_response(_public_briefing(slug, pk))


# --- Training ----------------------------------------------------------------------------------------


class CourseList(ScopedListView):
    model = TrainingCourse
    title = "Multi-agency training"
    intro = "Courses the partnership commissions or runs, their sessions, and who came."
    create_url_name = "learning:course_create"
    create_label = "Add a course"
    template_name = "learning/course_list.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(
                session_count=Count("sessions", distinct=True),
                attended=Count(
                    "sessions__bookings", filter=Q(sessions__bookings__status=BookingStatus.ATTENDED)
                ),
            )
            .order_by("title")
        )

    columns = (
        Column("Course", "title", link=True),
        Column("Topic", "topic"),
        Column("Trainer", "trainer"),
        Column("Priority", "priority"),
        Column("Sessions", "session_count", numeric=True),
        Column("Attended", "attended", numeric=True),
        Column("Running", "is_active"),
    )


class CourseCreate(ScopedCreateView):
    model = TrainingCourse
    form_class = CourseForm


class CourseUpdate(ScopedUpdateView):
    model = TrainingCourse
    form_class = CourseForm


class CourseDetail(ScopedDetailView):
    model = TrainingCourse
    template_name = "learning/course_detail.html"
    edit_url_name = "learning:course_update"
    fields = (
        "topic",
        "description",
        ("Linked learning briefing", "briefing"),
        "priority",
        "trainer",
        ("Agencies targeted", lambda c: ", ".join(o.name for o in c.target_agencies.all())),
        "target_roles",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sessions"] = self.object.sessions.annotate(
            taken=Count("bookings", filter=Q(bookings__status__in=services.PLACE_HOLDING)),
            attended=Count("bookings", filter=Q(bookings__status=BookingStatus.ATTENDED)),
        ).select_related("course__partnership")
        if self.can(Perm.CHANGE):
            context["session_create_url"] = self.partnership_url("learning:session_create", pk=self.object.pk)
        return context


class SessionCreate(ParentMixin, ScopedCreateView):
    model = TrainingSession
    parent_model = TrainingCourse
    form_class = SessionForm
    success_message = "Session added."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["course"] = self.get_parent()
        return kwargs

    def get_title(self):
        return f"Add a session of {self.get_parent()}"


class SessionUpdate(ScopedUpdateView):
    model = TrainingSession
    form_class = SessionForm
    success_message = "Session updated."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["course"] = self.object.course
        return kwargs

    def save(self, form):
        # A raised capacity gives the free places to the waiting list (the service's rule).
        return services.save_session(self.request.user, form.save(commit=False))


class SessionDetail(ScopedDetailView):
    model = TrainingSession
    template_name = "learning/session_detail.html"
    edit_url_name = "learning:session_update"
    fields = (
        ("Course", "course"),
        ("Starts", "starts_at"),
        ("Ends", "ends_at"),
        "venue",
        ("Delivery", "get_delivery_display"),
        "capacity",
        ("Status", "get_status_display"),
        ("Why it was cancelled", "cancelled_reason"),
    )

    def get_queryset(self):
        return super().get_queryset().select_related("course")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bookings = list(self.object.bookings.with_waiting_position().select_related("organisation"))
        context["bookings"] = bookings
        context["taken"] = sum(b.status in services.PLACE_HOLDING for b in bookings)
        context["waiting"] = sum(b.is_waiting for b in bookings)
        context["SessionStatus"] = SessionStatus
        return context


class SessionCancel(ScopedActionView):
    model = TrainingSession
    success_message = "Session cancelled; those booked have been emailed."

    def perform(self, obj):
        if obj.status != SessionStatus.SCHEDULED:
            raise ValidationError("Only a scheduled session can be cancelled.")
        services.cancel_session(self.request.user, obj, reason=self.request.POST.get("reason", "")[:255])


class SessionFollowUps(ScopedActionView):
    model = TrainingSession
    success_message = "Follow-up questions sent to the attendees."

    def perform(self, obj):
        if not services.send_follow_ups(self.request.user, obj):
            raise ValidationError("Everyone who attended has already been sent the follow-up.")


def booked_message(booking):
    if booking.is_waiting:
        return (
            f"The session is full: {booking.attendee_name} is on the waiting list at position "
            f"{booking.waiting_position}. A place that comes free goes to the first in line, who is e-mailed."
        )
    return f"Place booked for {booking.attendee_name}."


class BookingCreate(ParentMixin, ScopedCreateView):
    model = TrainingBooking
    parent_model = TrainingSession
    form_class = BookingForm

    @property
    def success_message(self):
        return booked_message(self.object)

    def get_title(self):
        return f"Book a place: {self.get_parent()}"

    def save(self, form):
        data = form.cleaned_data
        return services.book_place(
            self.request.user,
            self.get_parent(),
            attendee_name=data["attendee_name"],
            attendee_email=data["attendee_email"],
            organisation=data["organisation"],
            role=data["role"],
        )

    def get_success_url(self):
        return self.get_parent().get_absolute_url()


class SessionAttendance(ScopedRecordFormView):
    model = TrainingSession
    form_class = AttendanceForm
    success_message = "Attendance recorded."
    submit_label = "Save attendance"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["bookings"] = self.object.bookings.exclude(
            status__in=(BookingStatus.CANCELLED, BookingStatus.WAITING)
        ).select_related("organisation")
        return kwargs

    def get_title(self):
        return f"Who attended: {self.object}"

    def handle(self, form):
        attended, absent = form.marked()
        services.record_attendance(self.request.user, self.object, attended=attended, absent=absent)


class BookingList(ScopedListView):
    """Every booking: attendance by person and agency (download for the agencies' training records)."""

    model = TrainingBooking
    title = "Training bookings and attendance"
    list_select_related = ("session__course", "organisation")

    def get_queryset(self):
        queryset = super().get_queryset()
        status = self.request.GET.get("status")
        if status in BookingStatus.values:
            queryset = queryset.filter(status=status)
        return queryset.order_by("-session__starts_at", "attendee_name")

    columns = (
        Column("Attendee", "attendee_name"),
        Column("Agency", "organisation.name"),
        Column("Role", "role"),
        Column("Course", "session.course.title"),
        Column("Session", lambda b: b.session.starts_at, link=True),
        Column("Status", "get_status_display", tag=_status_tag(BookingStatus)),
        Column("Confidence before", "confidence_before", numeric=True),
        Column("Confidence after", "confidence_after", numeric=True),
        Column("Follow-up answered", "follow_up_received_on"),
    )


class BookingCancel(ScopedActionView):
    model = TrainingBooking
    success_message = "Booking cancelled: its place goes to the first on the waiting list, if any."

    def perform(self, obj):
        services.cancel_booking(self.request.user, obj)


class BookingEvaluationLink(ScopedActionView):
    """Send an attendee a new evaluation link (theirs was lost or has expired)."""

    model = TrainingBooking
    success_message = "A new evaluation link has been e-mailed to the attendee."

    def perform(self, obj):
        services.send_evaluation_link(self.request.user, obj)


class BookingEvaluation(ScopedRecordFormView):
    model = TrainingBooking
    form_class = EvaluationForm
    success_message = "Evaluation recorded."

    def get_initial(self):
        b = self.object
        return {
            "confidence_before": b.confidence_before,
            "confidence_after": b.confidence_after,
            "evaluation": b.evaluation,
        }

    def get_title(self):
        return f"Evaluation from {self.object.attendee_name}"

    def handle(self, form):
        services.record_evaluation(self.request.user, self.object, **form.cleaned_data)


class BookingFollowUp(ScopedRecordFormView):
    model = TrainingBooking
    form_class = FollowUpForm
    success_message = "Follow-up recorded."

    def get_initial(self):
        return {"practice_change": self.object.practice_change, "received_on": timezone.localdate()}

    def get_title(self):
        return f"What changed for {self.object.attendee_name}"

    def handle(self, form):
        services.record_follow_up(
            self.request.user,
            self.object,
            practice_change=form.cleaned_data["practice_change"],
            received_on=form.cleaned_data["received_on"],
        )


# Agency contributors: their own staff's training -------------------------------------------------------


class AgencyScopeMixin(ContributorMixin):
    """Rows of the contributor's own organisations only, in partnerships where they contribute."""

    def agency_bookings(self):
        return (
            TrainingBooking.objects.permitted(self.request.user, Perm.CONTRIBUTE)
            .in_partnership(self.partnership)
            .filter(organisation__in=self.organisation_ids())
        )

    def open_sessions(self):
        return (
            TrainingSession.objects.permitted(self.request.user, Perm.CONTRIBUTE)
            .in_partnership(self.partnership)
            .open()
        )


class AgencyTraining(AgencyScopeMixin, PartnershipMixin, generic.TemplateView):
    """Your agency's bookings (upcoming and past, waiting-list positions) and the sessions open to book."""

    template_name = "learning/agency_training.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        bookings = list(
            self.agency_bookings()
            .with_waiting_position()
            .select_related("session__course__partnership", "organisation")
            .order_by("session__starts_at", "booked_at", "pk")
        )
        sessions = list(
            self.open_sessions()
            .annotate(taken=Count("bookings", filter=Q(bookings__status__in=services.PLACE_HOLDING)))
            .select_related("course")
            .order_by("starts_at", "pk")
        )
        for session in sessions:
            session.places_left = max(session.capacity - session.taken, 0)
        context.update(
            title="Your agency's training bookings",
            upcoming=[b for b in bookings if b.session.starts_at > now],
            past=[b for b in reversed(bookings) if b.session.starts_at <= now],
            sessions=sessions,
            BookingStatus=BookingStatus,
        )
        return context


class AgencyBookingCreate(AgencyScopeMixin, ScopedRecordFormView):
    """A contributor books a place on an open session for a member of their own agency's staff."""

    model = TrainingSession
    form_class = AgencyBookingForm
    submit_label = "Book the place"
    template_name = "learning/agency_booking_form.html"

    def get_queryset(self):
        return self.open_sessions().select_related("course__partnership")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["organisation_ids"] = self.organisation_ids()
        return kwargs

    def get_title(self):
        return f"Book a place: {self.object}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["taken"] = self.object.bookings.filter(status__in=services.PLACE_HOLDING).count()
        return context

    def handle(self, form):
        data = form.cleaned_data
        return services.book_place(
            self.request.user,
            self.object,
            attendee_name=data["attendee_name"],
            attendee_email=data["attendee_email"],
            organisation=data["organisation"],
            role=data["role"],
        )

    def get_success_message(self, result):
        return booked_message(result)

    def get_success_url(self, result=None):
        return self.partnership_url("learning:agency_training")


class AgencyBookingCancel(AgencyScopeMixin, ScopedActionView):
    model = TrainingBooking
    success_message = "Booking cancelled."

    def get_queryset(self):
        return self.agency_bookings()

    def perform(self, obj):
        services.cancel_booking(self.request.user, obj)

    def get_success_url(self):
        return self.partnership_url("learning:agency_training")


class AgencyBookingEvaluation(AgencyScopeMixin, ScopedRecordFormView):
    """The agency's contributor gives the evaluation for one of their attendees."""

    model = TrainingBooking
    form_class = EvaluationForm
    success_message = "Evaluation recorded. Thank you."
    submit_label = "Save the evaluation"

    def get_queryset(self):
        return self.agency_bookings().filter(status=BookingStatus.ATTENDED).select_related("session__course")

    def get_initial(self):
        b = self.object
        return {
            "confidence_before": b.confidence_before,
            "confidence_after": b.confidence_after,
            "evaluation": b.evaluation,
        }

    def get_title(self):
        return f"Evaluation from {self.object.attendee_name}: {self.object.session}"

    def handle(self, form):
        return services.record_evaluation(self.request.user, self.object, **form.cleaned_data)

    def get_success_url(self, result=None):
        return self.partnership_url("learning:agency_training")


# The attendee's own evaluation, from the link in their e-mail (no sign-in) ------------------------------


@method_decorator(login_not_required, name="dispatch")
class EvaluationFromLink(generic.FormView):
    """One attendee's evaluation form, reached by the secret link only they were sent. It shows their
    session and nothing of anyone else; it works once, until it expires; an unknown link is a 404."""

    form_class = EvaluationForm
    template_name = "learning/evaluation_from_link.html"

    def dispatch(self, request, *args, **kwargs):
        self.booking = services.find_evaluation_link(kwargs["token"])
        if self.booking is None:
            raise Http404("Not found.")
        self.problem = services.evaluation_link_problem(self.booking)
        if self.problem:
            return self.closed()
        return super().dispatch(request, *args, **kwargs)

    def closed(self):
        titles = {
            "used": "You have already given your evaluation",
            "expired": "This evaluation link has expired",
        }
        return render(
            self.request,
            "learning/evaluation_closed.html",
            {"title": titles[self.problem], "problem": self.problem, "booking": self.booking},
            status=410,
        )

    def form_valid(self, form):
        try:
            services.evaluate_from_link(self.kwargs["token"], **form.cleaned_data)
        except ValidationError as error:
            self.problem = services.evaluation_link_problem(TrainingBooking.objects.get(pk=self.booking.pk))
            if self.problem:
                return self.closed()
            add_service_errors(form, error)
            return self.form_invalid(form)
        return render(
            self.request,
            "learning/evaluation_thanks.html",
            {"title": "Thank you for your evaluation", "booking": self.booking},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title="How was your training?", booking=self.booking, session=self.booking.session)
        return context


def _percent(value):
    return None if value is None else Percent(value)


class TrainingReport(PartnershipMixin, generic.TemplateView):
    """A year's training figures: reach by agency and role, fill rate, no-shows, confidence, follow-up."""

    template_name = "learning/training_report.html"

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") in ("csv", "xlsx"):
            context = self.get_context_data()
            reach = context["reach"]
            rows = [["Attended", name, n] for name, n in reach.by_agency] + [
                ["Attended (by role)", role, n] for role, n in reach.by_role
            ]
            rows += [
                ["Figure", "Fill rate", _percent(reach.fill_rate)],
                ["Figure", "No-show rate", _percent(reach.no_show_rate)],
                ["Figure", "Mean change in confidence", context["evaluation"].mean_change],
                [
                    "Figure",
                    "Follow-up response rate",
                    _percent(context["evaluation"].follow_up_response_rate),
                ],
            ]
            return tabular_response(
                request.GET["export"],
                f"{self.partnership.slug}-training-{context['year']}",
                ["Measure", "Agency, role or figure", "Value"],
                rows,
                guard=identity.guard_for(self.partnership, public=False),
                title="Training figures",
                partnership=self.partnership,
                period=financial_year_label(context["year"]),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, start, end = _year_bounds(self.request)
        context.update(
            title=f"Training figures {financial_year_label(year)}",
            year=year,
            previous_year=year - 1,
            next_year=year + 1,
            reach=figures.training_reach(self.partnership, start, end),
            evaluation=figures.evaluation_change(self.partnership, start, end),
        )
        return context


# --- Voice of children, young people and families ---------------------------------------------------


class EngagementList(ScopedListView):
    model = EngagementActivity
    title = "Voice of children, young people and families"
    intro = "How the partnership hears children, young people and families, and what it changed as a result."
    create_url_name = "learning:engagement_create"
    create_label = "Record an activity"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(change_count=Count("changes"))
            .select_related("led_by")
            .order_by("-held_on", "-pk")
        )

    columns = (
        Column("Activity", "title", link=True),
        Column("Kind", "get_kind_display"),
        Column("Held", "held_on"),
        Column("Led by", "led_by.name"),
        Column("Children and young people", "children_and_young_people", numeric=True),
        Column("Parents and carers", "count_parents_carers", numeric=True),
        Column("You said, we did", "change_count", numeric=True),
    )


class EngagementCreate(ScopedCreateView):
    model = EngagementActivity
    form_class = EngagementForm
    title = "Record an engagement activity"


class EngagementUpdate(ScopedUpdateView):
    model = EngagementActivity
    form_class = EngagementForm


class EngagementDetail(ScopedDetailView):
    model = EngagementActivity
    template_name = "learning/engagement_detail.html"
    edit_url_name = "learning:engagement_update"
    fields = (
        ("Kind", "get_kind_display"),
        "held_on",
        ("Led by", "led_by"),
        "purpose",
        ("Children and young people", "children_and_young_people"),
        ("Parents and carers", "count_parents_carers"),
        "what_they_said",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["changes"] = self.object.changes.select_related("priority").prefetch_related("actions")
        if self.can(Perm.CHANGE):
            context["change_create_url"] = self.partnership_url("learning:change_create", pk=self.object.pk)
        return context


class ChangeCreate(ParentMixin, ScopedCreateView):
    model = YouSaidWeDid
    parent_model = EngagementActivity
    form_class = YouSaidWeDidForm
    title = "You said, we did"

    def save(self, form):
        instance = form.save(commit=False)
        instance.activity = self.get_parent()
        instance.save()
        form.save_m2m()
        return instance


class ChangeUpdate(ScopedUpdateView):
    model = YouSaidWeDid
    form_class = YouSaidWeDidForm
    title = "Change “you said, we did”"


# --- The partnership dataset -------------------------------------------------------------------------


def _unit_suffix(indicator):
    return "%" if indicator.unit == Unit.PERCENT else ""


class IndicatorList(ScopedListView):
    """The dataset: each indicator's latest value against its target (RAG), with its source agency."""

    model = Indicator
    title = "Partnership dataset"
    intro = "A short, focused dataset on outcomes for children: each agency submits its own indicators."
    create_url_name = "learning:indicator_create"
    create_label = "Add an indicator"
    template_name = "learning/indicator_list.html"
    list_select_related = ("source_organisation",)

    def get_context_data(self, **kwargs):
        page = kwargs.get("object_list", self.object_list)
        self._statuses = {
            s.indicator.pk: s for s in figures.dataset_latest_vs_target(self.partnership, indicators=page)
        }
        context = super().get_context_data(**kwargs)
        context["rag"] = figures.rag_summary(self._statuses.values())
        if self.can(Perm.CHANGE):
            context["value_create_url"] = self.partnership_url("learning:value_create")
            context["upload_url"] = self.partnership_url("learning:dataset_upload")
        return context

    def export(self, fmt):
        self._statuses = {s.indicator.pk: s for s in figures.dataset_latest_vs_target(self.partnership)}
        return super().export(fmt)

    def _status(self, obj):
        return self._statuses.get(obj.pk)

    def get_columns(self):
        def latest(obj):
            s = self._status(obj)
            return s.latest.value if s and s.latest else None

        def period(obj):
            s = self._status(obj)
            return s.latest.period_label if s and s.latest else ""

        def rag(obj):
            s = self._status(obj)
            return s.rag.label if s and s.rag else "No target"

        def rag_tag(obj):
            s = self._status(obj)
            return s.rag.tag_class if s and s.rag else "govuk-tag--grey"

        def direction(obj):
            s = self._status(obj)
            return (s.direction or "").capitalize() if s else ""

        return [
            Column("Indicator", "name", link=True),
            Column("Source agency", "source_organisation.name"),
            Column("Unit", "get_unit_display"),
            Column("Latest period", period),
            Column("Latest value", latest, numeric=True),
            Column("Target", "target", numeric=True),
            Column("Against target", rag, tag=rag_tag),
            Column("Since the period before", direction),
            Column("Demo data", "is_demo"),
        ]


class IndicatorCreate(ScopedCreateView):
    model = Indicator
    form_class = IndicatorForm


class IndicatorUpdate(ScopedUpdateView):
    model = Indicator
    form_class = IndicatorForm


class IndicatorDetail(ScopedDetailView):
    model = Indicator
    template_name = "learning/indicator_detail.html"
    edit_url_name = "learning:indicator_update"
    fields = (
        "code",
        "definition",
        ("Unit", "get_unit_display"),
        ("Polarity", "get_polarity_display"),
        "target",
        "tolerance",
        ("Source agency", "source_organisation"),
        ("Frequency", "get_frequency_display"),
        ("Area breakdown", lambda i: ", ".join(i.areas()) or "Whole partnership only"),
        ("Priority", lambda i: i.priority or i.priority_text),
        ("Demo data", "is_demo"),
    )

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") in ("csv", "xlsx"):
            self.object = self.get_object()
            values = self.object.values.select_related("indicator", "submitted_by").order_by(
                "period_start", "area"
            )
            rows = [
                [v.period_label, v.period_start, v.area or "Whole partnership", v.value, v.commentary]
                for v in values
            ]
            return tabular_response(
                request.GET["export"],
                f"{self.partnership.slug}-{self.object.code}",
                ["Period", "Period start", "Area", "Value", "Commentary"],
                rows,
                guard=identity.guard_for(self.partnership, public=False),
                title=self.object.name,
                partnership=self.partnership,
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = self.object
        values = list(
            indicator.values.select_related("indicator", "submitted_by").order_by("period_start", "area")
        )
        whole = [v for v in values if v.area == ""]
        suffix = _unit_suffix(indicator)
        context["status"] = figures.dataset_latest_vs_target(self.partnership, indicators=[indicator])[0]
        context["chart"] = trend_chart(
            [(v.period_label, v.value) for v in whole],
            title=f"{indicator.name}: trend",
            target=indicator.target,
            unit_suffix=suffix,
            prefix=f"indicator-{indicator.pk}",
        )
        context["whole"] = [
            (v, figures.rag_for(v.value, indicator.target, indicator.polarity, indicator.tolerance))
            for v in whole
        ]
        areas = indicator.areas()
        periods = sorted({v.period_start for v in values if v.area})
        grid = {(v.period_start, v.area): v.value for v in values if v.area}
        context["breakdown"] = {
            "areas": areas,
            "rows": [
                (
                    indicator.values.model(indicator=indicator, period_start=p).period_label,
                    [grid.get((p, a)) for a in areas],
                )
                for p in periods
            ],
        }
        context["unit_suffix"] = suffix
        if self.can(Perm.CHANGE):
            context["value_create_url"] = (
                self.partnership_url("learning:value_create") + f"?indicator={indicator.pk}"
            )
        return context


class ValueCreate(PartnershipMixin, generic.FormView):
    """The business unit enters (or corrects) one period's value of any indicator."""

    template_name = FORM_TEMPLATE
    form_class = IndicatorValueForm

    def indicators(self):
        return Indicator.objects.filter(partnership=self.partnership, is_active=True)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(partnership=self.partnership, indicators=self.indicators())
        return kwargs

    def get_initial(self):
        return {"indicator": self.request.GET.get("indicator")}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            row = services.submit_value(
                self.request.user,
                data["indicator"],
                period_start=data["period_start"],
                area=data["area"],
                value=data["value"],
                commentary=data["commentary"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Value saved: {row}.")
        return redirect(self.get_success_url(row))

    def get_success_url(self, row=None):
        return row.indicator.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title="Enter a value", cancel_url=self.partnership_url("learning:indicator_list"))
        return context


class DatasetUpload(PartnershipMixin, generic.FormView):
    """Upload a CSV or XLSX of values: every row is checked, and one bad row means nothing is saved."""

    template_name = "learning/upload.html"
    form_class = DatasetUploadForm
    list_url_name = "learning:indicator_list"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["partnership"] = self.partnership
        return kwargs

    def organisation_ids(self):
        return None

    def indicators(self):
        queryset = Indicator.objects.filter(partnership=self.partnership, is_active=True).select_related(
            "source_organisation"
        )
        ids = self.organisation_ids()
        return queryset if ids is None else queryset.filter(source_organisation_id__in=ids)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        outcome = import_values(
            self.request.user,
            self.partnership,
            upload.name,
            upload.read(),
            organisation_ids=self.organisation_ids(),
        )
        if not outcome.ok:
            for problem in outcome.errors:
                form.add_error("file", problem)
            form.add_error(None, "Nothing was saved: correct the file and upload it again.")
            return self.form_invalid(form)
        messages.success(self.request, f"{outcome.saved} values saved.")
        return redirect(self.partnership_url(self.list_url_name))

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title="Upload dataset values",
            indicators=self.indicators(),
            cancel_url=self.partnership_url(self.list_url_name),
        )
        return context


class MyIndicators(ContributorMixin, PartnershipMixin, generic.FormView):
    """An agency contributor's indicators: their latest values and a form to submit the next one."""

    template_name = "learning/my_indicators.html"
    form_class = IndicatorValueForm

    def indicators(self):
        return (
            Indicator.objects.permitted(self.request.user, Perm.CONTRIBUTE)
            .filter(
                partnership=self.partnership, is_active=True, source_organisation__in=self.organisation_ids()
            )
            .select_related("source_organisation", "partnership")
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(partnership=self.partnership, indicators=self.indicators())
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.submit_value(
                self.request.user,
                data["indicator"],
                period_start=data["period_start"],
                area=data["area"],
                value=data["value"],
                commentary=data["commentary"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Value submitted.")
        return redirect(self.partnership_url("learning:my_indicators"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title="Your agency's dataset indicators",
            statuses=figures.dataset_latest_vs_target(self.partnership, indicators=self.indicators()),
            upload_url=self.partnership_url("learning:my_indicators_upload"),
        )
        return context


class MyIndicatorsUpload(ContributorMixin, DatasetUpload):
    list_url_name = "learning:my_indicators"

    def organisation_ids(self):
        return list(super().organisation_ids())
