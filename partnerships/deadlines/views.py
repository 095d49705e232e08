"""The deadline register: a partnership's list, its statutory timetable, a person's own deadlines
across partnerships, and their secret calendar address."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views import generic
from django.views.decorators.http import require_GET

from partnerships.core import identity
from partnerships.core.permissions import Perm
from partnerships.core.registry import deadline_kind
from partnerships.core.views.generic import (
    Column,
    PartnershipMixin,
    ScopedCreateView,
    ScopedListView,
    ScopedUpdateView,
    _query_without,
    filter_description,
    tabular_response,
)
from partnerships.deadlines import calendar as calendar_feed
from partnerships.deadlines import rules, timetable
from partnerships.deadlines.choices import DeadlineStatus
from partnerships.deadlines.filters import DeadlineRegisterFilter, MyDeadlineFilter
from partnerships.deadlines.forms import TimetableForm, YearlyReportCycleForm
from partnerships.deadlines.models import ArrangementsTimetable, Deadline, YearlyReportCycle


def _status_tag(deadline):
    return deadline.status().tag_class


def _owner(deadline):
    if not deadline.owner_id:
        return ""
    return deadline.owner.get_full_name() or deadline.owner.username


DEADLINE_COLUMNS = (
    Column("Deadline", "title"),
    Column("Kind", lambda d: deadline_kind(d.kind).label),
    Column("Record", "source_label"),
    Column("Due", "due_date"),
    Column("Status", lambda d: d.status().label, tag=_status_tag),
    Column("Met on", "met_on"),
    Column("Owner", _owner),
    Column("Rule", "rule"),
    Column("Statute or guidance", "authority"),
)


def _link_records(rows, column=2):
    for row in rows:
        url = row["object"].source_url
        if url.startswith("/"):
            row["cells"][column]["url"] = url


class DeadlineList(ScopedListView):
    """Every dated obligation of the partnership, with its source, rule, authority, owner and status."""

    model = Deadline
    title = "Deadlines"
    intro = (
        "Every dated obligation of the partnership, statutory and local, with the rule and the statute "
        "or guidance behind it. By default owners are reminded 5, 2 and 1 working days before and on "
        "the day; overdue deadlines go to the business-unit manager, then to the partner leads."
    )
    filterset_class = DeadlineRegisterFilter
    list_select_related = ("owner",)
    template_name = "deadlines/list.html"
    columns = DEADLINE_COLUMNS

    def get_queryset(self):
        return super().get_queryset().filter(is_active=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        _link_records(context["rows"])
        context["timetable_url"] = self.partnership_url("deadlines:timetable")
        return context


class TimetableView(PartnershipMixin, generic.TemplateView):
    """The arrangements' statutory dates, the legacy grace periods and the yearly report cycles."""

    template_name = "deadlines/timetable.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        p = self.partnership
        # Made with the partnership (deadline_sources); an unsaved default shows if it is missing.
        table = ArrangementsTimetable.objects.filter(partnership=p).select_related("owner").first()
        table = table or ArrangementsTimetable(partnership=p)
        register = {}
        if table.pk:
            for d in Deadline.objects.filter(
                partnership=p, source_type__model="arrangementstimetable", source_id=table.pk
            ):
                register[d.kind] = d
        cycles = list(
            YearlyReportCycle.objects.filter(partnership=p)
            .select_related("partnership")
            .order_by("-starts_on")
        )
        by_cycle = {}
        for d in Deadline.objects.filter(
            partnership=p,
            kind__in=[rules.YEARLY_REPORT_PUBLISHED, rules.YEARLY_REPORT_SENT],
            source_type__model="yearlyreportcycle",
            is_active=True,
        ):
            by_cycle[(d.source_id, d.kind)] = d
        context.update(
            timetable=table,
            transition=[
                register.get(rules.ARRANGEMENTS_PUBLISHED),
                register.get(rules.ARRANGEMENTS_IN_OPERATION),
            ],
            legacy=[
                (register.get(rules.LEGACY_SERIOUS_CASE_REVIEWS), table.serious_case_reviews_outstanding),
                (register.get(rules.LEGACY_CHILD_DEATH_REVIEWS), table.child_death_reviews_outstanding),
            ],
            cycles=[
                {
                    "cycle": c,
                    "publish": by_cycle.get((c.pk, rules.YEARLY_REPORT_PUBLISHED)),
                    "send": by_cycle.get((c.pk, rules.YEARLY_REPORT_SENT)),
                }
                for c in cycles
            ],
            rules=rules,
            edit_url=self.partnership_url("deadlines:timetable_update") if self.can(Perm.CHANGE) else None,
            add_cycle_url=self.partnership_url("deadlines:yearly_report_create")
            if self.can(Perm.CHANGE)
            else None,
            deadlines_url=self.partnership_url("deadlines:deadline_list"),
        )
        return context


class TimetableUpdate(ScopedUpdateView):
    model = ArrangementsTimetable
    form_class = TimetableForm
    title = "Change the arrangements timetable"
    success_message = "Timetable saved. The deadlines have been recomputed."

    def get_object(self, queryset=None):
        return get_object_or_404(
            ArrangementsTimetable.objects.select_related("partnership"), partnership=self.partnership
        )

    def save(self, form):
        data = dict(form.cleaned_data)
        return timetable.update_timetable(
            self.request.user,
            self.object,
            arrangements_published_on=data.pop("arrangements_published_on"),
            arrangements_in_operation_on=data.pop("arrangements_in_operation_on"),
            **data,
        )

    def get_success_url(self):
        return self.partnership_url("deadlines:timetable")


class YearlyReportCreate(ScopedCreateView):
    model = YearlyReportCycle
    form_class = YearlyReportCycleForm
    title = "Record a yearly report cycle"
    success_message = "Yearly report cycle recorded."

    def get_initial(self):
        latest = YearlyReportCycle.objects.filter(partnership=self.partnership).order_by("-starts_on").first()
        if latest is None:
            table = ArrangementsTimetable.objects.filter(partnership=self.partnership).first()
            return {"starts_on": table.arrangements_began if table else rules.ARRANGEMENTS_OPERATE_BY}
        return {"starts_on": latest.published_on} if latest.published_on else {}

    def save(self, form):
        return timetable.add_yearly_report_cycle(self.request.user, self.partnership, **form.cleaned_data)

    def get_success_url(self):
        return self.partnership_url("deadlines:timetable")


class YearlyReportUpdate(ScopedUpdateView):
    model = YearlyReportCycle
    form_class = YearlyReportCycleForm
    success_message = "Yearly report recorded. The deadlines have been recomputed."

    def get_title(self):
        return f"Yearly report due {date_format(self.object.publish_by, 'j F Y')}"

    def save(self, form):
        return timetable.record_yearly_report(self.request.user, self.object, **form.cleaned_data)

    def get_success_url(self):
        return self.partnership_url("deadlines:timetable")


# --- A person's own deadlines, across partnerships ------------------------------------------------


MY_COLUMNS = (Column("Partnership", "partnership.short_name"), *DEADLINE_COLUMNS)


class MyDeadlines(generic.ListView):
    """The deadlines a person owns, and those they oversee as business unit or partner lead."""

    template_name = "deadlines/mine.html"
    paginate_by = 50

    def get_queryset(self):
        queryset = (
            calendar_feed.owned_or_overseen(self.request.user)
            .select_related("partnership", "owner")
            .order_by("due_date", "pk")
        )
        self.filterset = MyDeadlineFilter(self.request.GET or None, queryset=queryset, request=self.request)
        if self.filterset.is_bound and self.filterset.is_valid():
            queryset = self.filterset.qs
        return queryset

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") in ("csv", "xlsx"):
            # Each row is withheld by its own partnership's guard: a person's deadlines span several.
            guards = identity.GuardCache()
            rows = [
                [
                    identity.withhold(guards.get(d.partnership, public=False), c.export_value(d), dates=False)
                    for c in MY_COLUMNS
                ]
                for d in self.get_queryset()
            ]
            return tabular_response(
                request.GET["export"],
                "my-deadlines",
                [c.header for c in MY_COLUMNS],
                rows,
                title=f"Deadlines of {request.user.get_full_name() or request.user.username}",
                period=filter_description(self.filterset),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = [
            {
                "object": d,
                "cells": [
                    {"text": c.text(d), "url": "", "numeric": False, "tag": c.tag(d) if c.tag else ""}
                    for c in MY_COLUMNS
                ],
            }
            for d in context["object_list"]
        ]
        for row in rows:
            row["cells"][0]["url"] = reverse(
                "deadlines:deadline_list", kwargs={"partnership": row["object"].partnership.slug}
            )
        _link_records(rows, column=3)
        counts = calendar_feed.owned_or_overseen(self.request.user).with_status_in(
            [DeadlineStatus.OVERDUE, DeadlineStatus.DUE_SOON]
        )
        context.update(
            title="My deadlines",
            columns=MY_COLUMNS,
            rows=rows,
            filterset=self.filterset,
            query_without_page=_query_without(self.request, "page"),
            overdue=counts.filter(status_value=DeadlineStatus.OVERDUE).count(),
            due_soon=counts.filter(status_value=DeadlineStatus.DUE_SOON).count(),
            feed=calendar_feed.active_feed(self.request.user),
        )
        return context


class CalendarFeedManage(generic.TemplateView):
    """Make, replace or turn off the person's secret calendar address."""

    template_name = "deadlines/calendar_feed.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feed"] = calendar_feed.active_feed(self.request.user)
        return context

    def post(self, request):
        action = request.POST.get("action")
        if action == "create":
            feed, secret = calendar_feed.create_feed(request.user)
            address = request.build_absolute_uri(
                reverse("calendar_feed_ics", kwargs={"key": feed.key, "secret": secret})
            )
            # Shown once, in this response (never stored, never in a redirect or a message).
            context = self.get_context_data(new_address=address)
            return render(request, self.template_name, context)
        if action == "revoke":
            if calendar_feed.revoke_feed(request.user):
                messages.success(request, "Your calendar address has been turned off. It no longer works.")
            return redirect("calendar_feed")
        context = self.get_context_data(error="Choose whether to make or turn off your calendar address.")
        return render(request, self.template_name, context, status=400)


@login_not_required
@require_GET
def calendar_feed_ics(request, key, secret):
    """The feed itself: no sign-in (calendar programs cannot), only the secret address."""
    feed = calendar_feed.find_feed(key, secret)
    if feed is None:
        raise Http404("No such calendar.")
    deadlines = calendar_feed.feed_deadlines(feed.user)
    body = calendar_feed.build_calendar(feed.user, deadlines)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def deadlines_panel(request, partnership):
    """Home panel: the partnership's overdue deadlines and those due soon, soonest first."""
    today = timezone.localdate()
    rows = list(
        Deadline.objects.in_partnership(partnership)
        .outstanding()
        .filter(due_date__lte=today + datetime.timedelta(days=14))
        .select_related("owner")
        .order_by("due_date", "pk")[:8]
    )
    return {
        "title": "Deadlines",
        "rows": [
            {
                "text": d.title,
                "url": d.source_url if d.source_url.startswith("/") else "",
                "tag": d.status(today).label,
                "tag_class": d.status(today).tag_class,
                "hint": f"Due {date_format(d.due_date, 'j M Y')}" + (f", {_owner(d)}" if d.owner_id else ""),
            }
            for d in rows
        ],
        "empty": "Nothing overdue or due in the next 14 days.",
        "link": (
            "All deadlines",
            reverse("deadlines:deadline_list", kwargs={"partnership": partnership.slug}),
        ),
    }
