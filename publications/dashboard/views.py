"""Dashboard pages: read-only for everyone (a GET view; a write is 403 for a reader without the
write permission, and 405 otherwise), 404 for anyone without a role in the partnership."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views import generic

from partnerships.core import identity
from partnerships.core.models import LocalAuthorityArea
from partnerships.core.pdf import render_pdf
from partnerships.core.periods import (
    FIRST_YEAR,
    financial_year,
    financial_year_bounds,
    financial_year_label,
    financial_year_overlapping_most,
)
from partnerships.core.permissions import Perm, access_for, visible_partnerships
from partnerships.core.views.generic import PartnershipMixin, tabular_response
from publications.choices import PublicationKind
from publications.dashboard.panel_base import Scope
from publications.dashboard.panels import build_dashboard, headline, panel_for
from publications.models import Publication

YEARS_SHOWN = 6


def _year_choices(today):
    current = financial_year(today)
    return [(y, financial_year_label(y)) for y in range(current, current - YEARS_SHOWN, -1)]


def _parse_year(value, today):
    """The financial year asked for, or the current one when absent or not a year we offer."""
    years = [y for y, _ in _year_choices(today)]
    try:
        year = int(value)
    except (TypeError, ValueError):
        return years[0]
    return year if FIRST_YEAR <= year <= years[0] else years[0]


def report_periods(partnership):
    """The periods of the partnership's yearly reports that are not financial years, newest first:
    the dashboard offers them so every figure a report prints can be checked on it."""
    periods = (
        Publication.objects.filter(
            partnership=partnership,
            kind=PublicationKind.YEARLY_REPORT,
            period_start__isnull=False,
            period_end__isnull=False,
        )
        .order_by("-period_start")
        .values_list("period_start", "period_end")
        .distinct()
    )
    return [
        (start, end) for start, end in periods if (start, end) != financial_year_bounds(financial_year(start))
    ]


def _period_choices(partnership, today):
    """(value, label) of the period filter: the partnership's report periods, then financial years."""
    reports = [
        (start.isoformat(), f"Yearly report: {start:%-d %b %Y} to {end:%-d %b %Y}")
        for start, end in report_periods(partnership)
    ]
    return reports + [(str(y), label) for y, label in _year_choices(today)]


def _parse_period(value, partnership, today):
    """(financial year, report period or None) for the filter's value; bad values fall back to the
    current financial year."""
    value = (value or "").strip()
    for start, end in report_periods(partnership) if "-" in value else ():
        if start.isoformat() == value:
            return financial_year_overlapping_most(start, end), (start, end)
    return _parse_year(value, today), None


class ScopeMixin(PartnershipMixin):
    """Period (financial year) and area filters from the query string; bad values fall back."""

    http_method_names = ["get", "head", "options", "post"]

    def post(self, request, *args, **kwargs):
        # Reached only by someone with the write permission: the dashboard has nothing to write.
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})

    def get_scope(self):
        if hasattr(self, "_scope"):
            return self._scope
        today = timezone.localdate()
        self.areas = list(LocalAuthorityArea.objects.filter(partnerships=self.partnership).order_by("name"))
        area = None
        wanted = self.request.GET.get("area") or ""
        for candidate in self.areas:
            if str(candidate.pk) == wanted:
                area = candidate
        year, report_period = _parse_period(self.request.GET.get("year"), self.partnership, today)
        if report_period:
            year = year.start_year
        self._scope = Scope(self.partnership, self.request.user, year, area, today, report_period)
        return self._scope

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = self.get_scope()
        context.update(
            scope=scope,
            areas=self.areas,
            years=_period_choices(self.partnership, scope.today),
            query=scope.query(),
            dashboard_url=reverse("dashboard:dashboard", kwargs={"partnership": self.partnership.slug}),
        )
        return context


class DashboardView(ScopeMixin, generic.TemplateView):
    """Every panel, with filters; `?panel=KEY&export=csv|xlsx` downloads one panel's table."""

    template_name = "dashboard/dashboard.html"

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export:
            if export not in ("csv", "xlsx"):
                raise Http404("No such export.")
            panel = panel_for(request.GET.get("panel", ""))
            result = panel.build(self.get_scope())
            scope = self.get_scope()
            name = f"{self.partnership.slug}-{panel.key}-{scope.period_value}"
            if scope.area is not None:
                name += f"-{scope.area.slug}"
            return tabular_response(
                export,
                name,
                result.headers,
                result.export_rows(),
                guard=identity.guard_for(self.partnership, public=False),
                title=result.title,
                partnership=self.partnership,
                period=scope.year_label + (f" · {scope.area}" if scope.area is not None else ""),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title="Scrutiny dashboard",
            panels=build_dashboard(self.get_scope()),
            compare=len(access_for(self.request.user).partnership_ids(Perm.VIEW)) > 1
            or self.request.user.is_superuser,
        )
        return context


class DashboardPDF(ScopeMixin, generic.TemplateView):
    """The whole dashboard as one PDF, through the publications renderer."""

    template_name = "dashboard/pdf.html"

    def render_to_response(self, context, **response_kwargs):
        context["panels"] = build_dashboard(self.get_scope())
        context["title"] = f"Scrutiny dashboard: {self.partnership.name}"
        html = render_to_string(self.template_name, context, request=self.request)
        scope = self.get_scope()
        name = f"{self.partnership.slug}-dashboard-{scope.period_value}"
        if scope.area is not None:
            name += f"-{scope.area.slug}"
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response


class RecordsView(ScopeMixin, generic.TemplateView):
    """The records behind one figure, each linking to its own (read-only for a reader) page."""

    template_name = "dashboard/records.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = self.get_scope()
        panel = panel_for(self.kwargs["panel"])
        row = self.request.GET.get("row", "")
        measure = self.request.GET.get("measure", "")
        if not row or not measure:
            # The panel's own figures, each a link to its records.
            result = panel.build(scope)
            context.update(title=panel.title, panel=result, records=None)
            return context
        queryset = panel.records(scope, row, measure)
        page = Paginator(queryset, self.paginate_by).get_page(self.request.GET.get("page"))
        columns = panel.record_columns_for(row)
        records = []
        for obj in page.object_list:
            obj.viewing_partnership = self.partnership  # a child death case links within this partnership
            # A record shared by several partnerships (a joint Section 11 cycle's return) links to its
            # page in the viewer's own space, where it opens.
            url = obj.url_in(self.partnership) if hasattr(obj, "url_in") else obj.get_absolute_url()
            records.append({"label": str(obj), "url": url, "cells": [f(obj) for _h, f in columns]})
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            title=panel.title,
            panel=None,
            measure=measure,
            records=records,
            headers=[h for h, _f in columns],
            page_obj=page,
            query_without_page=query.urlencode(),
            back_url=f"{context['dashboard_url']}?{scope.query()}#{panel.key}",
        )
        return context


class CompareView(generic.TemplateView):
    """Headline figures side by side for every partnership the person may read (a scrutineer
    covering several); each links to that partnership's dashboard."""

    template_name = "dashboard/compare.html"
    http_method_names = ["get", "head", "options", "post"]

    def dispatch(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            raise PermissionDenied("The dashboard is read-only.")
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        year = _parse_year(self.request.GET.get("year"), today)
        access = access_for(self.request.user)
        partnerships = [
            p for p in visible_partnerships(self.request.user).order_by("name") if access.can_see(p)
        ]
        rows = []
        for partnership in partnerships:
            scope = Scope(partnership, self.request.user, year, None, today)
            figures = headline(scope)
            url = (
                reverse("dashboard:dashboard", kwargs={"partnership": partnership.slug}) + f"?{scope.query()}"
            )
            rows.append({"partnership": partnership, "url": url, **figures})
        context.update(
            title="Compare partnerships",
            rows=rows,
            rate_labels=[label for label, _rate in rows[0]["rates"]] if rows else [],
            year=year,
            year_label=financial_year_label(year),
            years=_year_choices(today),
        )
        return context
