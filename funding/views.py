"""Pages of the funding app: the budget monitoring report, contributions, spend, formulas, imports.

Everything is under /p/<partnership>/funding/ and built on the generic scoped views: the business
unit edits; partner leads and the scrutineer read; anyone else meets a 404. Every table on a page
can be downloaded as CSV or XLSX (money as numbers in pounds, exact to the penny).
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import generic

from funding import charts, imports, services
from funding.choices import ContributionStatus, ImportKind, Section, SpendKind
from funding.filters import ContributionFilter, ImportFilter, InKindFilter, SpendFilter
from funding.forms import (
    BudgetForm,
    BudgetLineForm,
    BudgetRevisionForm,
    ContributionForm,
    FormulaForm,
    FormulaShareForm,
    ImportForm,
    InKindForm,
    InvoiceForm,
    PaymentForm,
    ReserveTransferForm,
    SpendEntryForm,
)
from funding.models import (
    Budget,
    BudgetAmount,
    BudgetLine,
    BudgetRevision,
    Contribution,
    ContributionFormula,
    ContributionPayment,
    FundingImport,
    InKindContribution,
    ReserveTransfer,
    SpendEntry,
)
from funding.money import format_pounds
from funding.reports import (
    carry_forward,
    contributions_summary,
    load_figures,
    monthly_series,
    partnership_lines,
    report_for,
    reserve_balances,
)
from partnerships.core import identity
from partnerships.core.periods import FinancialYear
from partnerships.core.permissions import Perm, access_for
from partnerships.core.tabular import Money
from partnerships.core.views.generic import (
    Column,
    PartnershipMixin,
    ScopedActionView,
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedRecordFormView,
    ScopedUpdateView,
    tabular_response,
)
from partnerships.deadlines.choices import DeadlineStatus
from partnerships.deadlines.register import deadlines_for


@dataclass
class MoneyColumn(Column):
    """A column of pence: "£1,234.56" on the page, a number of pounds in CSV and XLSX."""

    numeric: bool = True

    def text(self, obj):
        value = self.raw(obj)
        return "" if value is None else format_pounds(value)

    def export_value(self, obj):
        return Money.from_pence(self.raw(obj))


class FundingListView(ScopedListView):
    template_name = "funding/list.html"


def _money(pence):
    """Pounds for an export: a number with a £ format in XLSX, a plain number in CSV."""
    return Money.from_pence(pence)


def _export_requested(request):
    fmt = request.GET.get("export")
    return fmt if fmt in ("csv", "xlsx") else None


def _contribution_tag(contribution):
    return ContributionStatus(contribution.status()).tag_class


# Overview -------------------------------------------------------------------------------------------


class FundingOverview(PartnershipMixin, generic.TemplateView):
    """Each year's budget, outturn and unspent income, and each year's contributions."""

    template_name = "funding/overview.html"

    def get(self, request, *args, **kwargs):
        fmt = _export_requested(request)
        if fmt:
            context = self.get_context_data()
            table = request.GET.get("table")
            if table == "contributions":
                headers = ["Financial year", "Agreed", "Received", "Outstanding", "Overdue contributions"]
                rows = [
                    [
                        y["year"].label,
                        _money(y["agreed"]),
                        _money(y["received"]),
                        _money(y["outstanding"]),
                        y["overdue"],
                    ]
                    for y in context["contribution_years"]
                ]
            else:
                headers = [
                    "Financial year",
                    "Cost centre",
                    "Net budget",
                    "Projected net outturn",
                    "Variance",
                    "Unspent income at 31 March",
                ]
                rows = [
                    [
                        r["budget"].year_label,
                        r["budget"].cost_centre,
                        _money(r["net_budget"]),
                        _money(r["net_outturn"]),
                        _money(r["variance"]),
                        _money(r["closing"]),
                    ]
                    for r in context["budget_rows"]
                ]
            return tabular_response(
                fmt,
                f"{self.partnership.slug}-funding-{table or 'budgets'}",
                headers,
                rows,
                guard=identity.guard_for(self.partnership, public=False),
                title="Contributions by year" if table == "contributions" else "Budgets by year",
                partnership=self.partnership,
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        p = self.partnership
        budgets = list(Budget.objects.filter(partnership=p).order_by("-year"))
        lines = partnership_lines(p)
        figures = load_figures(budgets)
        balances = carry_forward(budgets, figures, lines)
        budget_rows = []
        for budget in budgets:
            f = figures[budget.pk]
            net_budget = sum(f.budget_by_line.values())
            net_outturn = sum(f.outturn_by_line().values())
            balance = balances[budget.year]
            budget_rows.append(
                {
                    "budget": budget,
                    "net_budget": net_budget,
                    "net_outturn": net_outturn,
                    "variance": net_outturn - net_budget,
                    "closing": balance.projected_closing_pence,
                    "projected": f.has_projections,
                }
            )
        today = timezone.localdate()
        years = {}
        for c in Contribution.objects.in_partnership(p).with_received():
            y = years.setdefault(
                c.year, {"year": c.financial_year, "agreed": 0, "received": 0, "outstanding": 0, "overdue": 0}
            )
            y["agreed"] += c.amount_pence
            y["received"] += c.received
            y["outstanding"] += c.outstanding
            y["overdue"] += c.status(today) == ContributionStatus.OVERDUE
        context.update(
            title="Funding",
            budget_rows=budget_rows,
            contribution_years=[years[y] for y in sorted(years, reverse=True)],
            flagged_imports=list(
                FundingImport.objects.filter(partnership=p, has_discrepancy=True).order_by("-imported_at")[:5]
            ),
            has_lines=bool(lines),
        )
        return context


# Budget lines --------------------------------------------------------------------------------------


class LineList(FundingListView):
    model = BudgetLine
    title = "Budget lines"
    intro = "The lines of the partnership's budget, kept from year to year, in the order reports show them."
    columns = (
        Column("Line", "name", link=True),
        Column("Category", "get_category_display"),
        Column("Section of the report", lambda line: Section(line.section).label),
        Column("Order", "position", numeric=True),
        Column("In use", "is_active"),
    )
    create_url_name = "funding:line_create"
    create_label = "Add a budget line"


class LineCreate(ScopedCreateView):
    template_name = "funding/form.html"
    model = BudgetLine
    form_class = BudgetLineForm
    success_message = "Budget line added."

    def get_success_url(self):
        return self.partnership_url("funding:line_list")


class LineUpdate(ScopedUpdateView):
    template_name = "funding/form.html"
    model = BudgetLine
    form_class = BudgetLineForm
    success_message = "Budget line updated."

    def get_success_url(self):
        return self.partnership_url("funding:line_list")


# Budgets -------------------------------------------------------------------------------------------


class BudgetCreate(ScopedCreateView):
    template_name = "funding/form.html"
    model = Budget
    form_class = BudgetForm
    success_message = "Budget opened: now set its amounts."
    title = "Open a year's budget"

    def save(self, form):
        return services.create_budget(
            self.request.user,
            partnership=self.partnership,
            year=form.cleaned_data["year"],
            cost_centre=form.cleaned_data["cost_centre"],
            opening_balance_pence=form.cleaned_data["opening_balance_pence"],
            notes=form.cleaned_data["notes"],
        )

    def get_success_url(self):
        return self.partnership_url("funding:budget_revise", pk=self.object.pk)


class BudgetUpdate(ScopedUpdateView):
    template_name = "funding/form.html"
    model = Budget
    form_class = BudgetForm
    success_message = "Budget updated."


class BudgetDetail(ScopedDetailView):
    """The year's budget monitoring report (the Havering table), carry-forward, chart and revisions."""

    model = Budget
    template_name = "funding/budget_detail.html"
    edit_url_name = "funding:budget_update"
    fields = (("Cost centre", "cost_centre"), ("Notes", "notes"))

    def get(self, request, *args, **kwargs):
        fmt = _export_requested(request)
        if fmt:
            self.object = self.get_object()
            headers, rows = self.export_table(request.GET.get("table", "report"))
            name = f"{self.partnership.slug}-budget-{self.object.year}-{request.GET.get('table', 'report')}"
            titles = {"months": "by month", "grid": "by line and month", "revisions": "revisions"}
            return tabular_response(
                fmt,
                name,
                headers,
                rows,
                guard=identity.guard_for(self.partnership, public=False),
                title=f"Budget {titles.get(request.GET.get('table'), 'monitoring report')}",
                partnership=self.partnership,
                period=self.object.year_label,
            )
        return super().get(request, *args, **kwargs)

    def compute(self):
        if hasattr(self, "_computed"):
            return self._computed
        budget = self.object
        budgets = list(Budget.objects.filter(partnership=self.partnership))
        lines = partnership_lines(self.partnership)
        figures = load_figures(budgets)
        report = report_for(budget, budgets, figures, lines)
        months = monthly_series(figures[budget.pk], lines)
        revisions = list(
            BudgetRevision.objects.filter(budget=budget)
            .select_related("created_by", "source_import")
            .prefetch_related(Prefetch("amounts", queryset=BudgetAmount.objects.select_related("line")))
            .order_by("number")
        )
        grid = self.grid(figures[budget.pk], lines)
        transfers = list(ReserveTransfer.objects.filter(budget__in=budgets).order_by("on", "pk"))
        reserve = reserve_balances(
            budgets, figures, lines, [(t.budget_id, t.direction, t.amount_pence) for t in transfers]
        )[budget.year]
        self._computed = {
            "report": report,
            "months": months,
            "balance": carry_forward(budgets, figures, lines)[budget.year],
            "revisions": revisions,
            "grid": grid,
            "figures": figures[budget.pk],
            "reserve": reserve,
            "reserve_transfers": [t for t in transfers if t.budget_id == budget.pk],
        }
        return self._computed

    def grid(self, figures, lines):
        """Each line's figure for each month: the actual, else the projection (marked)."""
        used = figures.line_ids()
        rows = []
        for line in lines:
            if line.pk not in used:
                continue
            cells = []
            for month in figures.budget.financial_year.months:
                key = (line.pk, month)
                if key in figures.actual:
                    cells.append({"pence": figures.actual[key], "projected": False})
                elif key in figures.projection:
                    cells.append({"pence": figures.projection[key], "projected": True})
                else:
                    cells.append(None)
            rows.append({"line": line, "cells": cells})
        return rows

    def export_table(self, table):
        data = self.compute()
        if table == "months":
            headers = ["Month", "Budget (profiled evenly)", "Actual", "Projected"]
            rows = [
                [
                    f"{m.month:%B %Y}",
                    _money(m.budget_pence),
                    _money(m.actual_pence),
                    _money(m.projected_pence),
                ]
                for m in data["months"]
            ]
        elif table == "grid":
            months = self.object.financial_year.months
            headers = ["Line", *[f"{m:%b %Y}" for m in months]]
            rows = [
                [row["line"].name, *[_money(c["pence"]) if c else "" for c in row["cells"]]]
                for row in data["grid"]
            ]
        elif table == "revisions":
            headers = ["Revision", "Takes effect", "Reason", "Line", "Amount"]
            rows = [
                [str(r), r.effective_on, r.reason, a.line.name, _money(a.amount_pence)]
                for r in data["revisions"]
                for a in r.amounts.all()
            ]
        else:
            headers, body = data["report"].table()
            headers = [self.object.cost_centre or "Line", *headers[1:]]
            rows = [[row.label, *[_money(v) for v in values]] for row, values in body]
        return headers, rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.compute()
        report = data["report"]
        whole = self.request.GET.get("whole") == "1"
        context.update(data)
        context.update(
            title=f"Budget {self.object.year_label}",
            verbose_name="Budget monitoring",
            report_columns=report.columns,
            report_rows=[
                {
                    "row": row,
                    "cells": [
                        format_pounds(value, sign=column.key == "variance", whole=whole)
                        for column, value in zip(report.columns, row.cells(report.columns), strict=True)
                    ]
                    if row.kind != "heading"
                    else [],
                }
                for row in report.rows
            ],
            whole=whole,
            month_totals={
                "budget": sum(m.budget_pence for m in data["months"]),
                "actual": sum(m.actual_pence or 0 for m in data["months"]),
                "projected": sum(m.projected_pence or 0 for m in data["months"]),
            },
            chart=charts.monthly_chart(
                data["months"],
                title=f"Spending by month, {self.object.year_label}: budget, actual and projected",
            ),
            year_months=self.object.financial_year.months,
            deadline_kind=services.CONTRIBUTION_DEADLINE_KIND,
        )
        return context


class BudgetRevise(ScopedRecordFormView):
    """Set the budget's amounts (first time) or revise some of them from a date, with the reason."""

    model = Budget
    form_class = BudgetRevisionForm
    template_name = "funding/budget_revise.html"

    def get_object(self, queryset=None):
        budget = super().get_object(queryset)
        self.current = services.current_amounts(list(budget.revisions.prefetch_related("amounts")))
        self.lines = [
            line
            for line in BudgetLine.objects.filter(partnership=self.partnership).order_by("position", "name")
            if line.is_active or line.pk in self.current
        ]
        return budget

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(budget=self.object, lines=self.lines, current=self.current)
        return kwargs

    def get_initial(self):
        today = timezone.localdate()
        year = self.object.financial_year
        return {"effective_on": today if year.contains(today) else year.starts_on}

    def handle(self, form):
        return services.revise_budget(
            self.request.user,
            self.object,
            amounts=form.amounts(),
            effective_on=form.cleaned_data["effective_on"],
            reason=form.cleaned_data["reason"],
        )

    def get_success_message(self, revision):
        return "Budget set." if revision.number == 0 else f"Revision {revision.number} saved."

    def get_title(self):
        return f"{'Revise' if self.current else 'Set'} the {self.object.year_label} budget"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first = not self.current
        context.update(
            first=first,
            has_lines=bool(self.lines),
            submit_label="Save the budget" if first else "Save the revision",
        )
        return context


class BudgetProject(ScopedActionView):
    """Project each spending line's remaining months at its average so far."""

    model = Budget
    success_message = "Projections to the year end updated from the average monthly spending so far."

    def perform(self, budget):
        latest = (
            SpendEntry.objects.filter(budget=budget, kind=SpendKind.ACTUAL)
            .order_by("-month")
            .values_list("month", flat=True)
            .first()
        )
        if latest is None:
            raise ValidationError("Record some actual spending first: projections follow the average so far.")
        lines = [line for line in partnership_lines(self.partnership) if line.section == Section.EXPENDITURE]
        services.project_remaining_months(self.request.user, budget, lines=lines, after=latest)


# Spend ---------------------------------------------------------------------------------------------


class SpendList(FundingListView):
    model = SpendEntry
    title = "Spend by month"
    intro = "Actual spending and income by line and month, and the projections to the year end."
    filterset_class = SpendFilter
    list_select_related = ("line", "budget")
    export_name = "spend"
    columns = (
        Column("Line", "line.name", link=True),
        Column("Financial year", "budget.year_label"),
        Column("Month", lambda e: f"{e.month:%B %Y}"),
        Column("Actual or projection", "get_kind_display"),
        MoneyColumn("Amount", "amount_pence"),
        Column("Note", "note"),
    )


class SpendCreate(ScopedRecordFormView):
    model = Budget
    form_class = SpendEntryForm
    template_name = "funding/form.html"
    success_message = "Spending recorded."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["budget"] = self.object
        return kwargs

    def handle(self, form):
        data = form.cleaned_data
        services.record_spend(
            self.request.user,
            budget=self.object,
            line=data["line"],
            month=data["month"],
            kind=data["kind"],
            amount_pence=data["amount_pence"],
            note=data["note"],
        )

    def get_title(self):
        return f"Record spending: {self.object.year_label}"


class ReserveTransferCreate(ScopedRecordFormView):
    """Move money into or out of the partnership's reserve in the budget's year."""

    model = Budget
    form_class = ReserveTransferForm
    template_name = "funding/form.html"
    success_message = "Reserve transfer recorded."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["budget"] = self.object
        return kwargs

    def handle(self, form):
        data = form.cleaned_data
        return services.record_reserve_transfer(
            self.request.user,
            budget=self.object,
            direction=data["direction"],
            amount_pence=data["amount_pence"],
            on=data["on"],
            reason=data["reason"],
        )

    def get_success_url(self, result=None):
        return self.object.get_absolute_url() + "#reserve"

    def get_title(self):
        return f"Record a reserve transfer: {self.object.year_label}"


class SpendUpdate(ScopedUpdateView):
    template_name = "funding/form.html"
    model = SpendEntry
    form_class = SpendEntryForm
    success_message = "Spending updated."

    def get_queryset(self):
        return super().get_queryset().select_related("budget", "line")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["budget"] = self.object.budget
        return kwargs

    def get_success_url(self):
        return self.object.budget.get_absolute_url()


class SpendDelete(ScopedActionView):
    model = SpendEntry
    success_message = "Entry removed."

    def perform(self, entry):
        self.budget = entry.budget
        entry._history_user = self.request.user
        entry.delete()

    def get_success_url(self):
        return self.budget.get_absolute_url()


# Contributions -------------------------------------------------------------------------------------


class ContributionList(FundingListView):
    model = Contribution
    title = "Contributions"
    intro = (
        "What each partner has agreed to pay for each year, what has been received and what is outstanding."
    )
    filterset_class = ContributionFilter
    list_select_related = ("organisation", "formula")
    columns = (
        Column("Organisation", "organisation.name", link=True),
        Column("Financial year", "year_label"),
        MoneyColumn("Agreed", "amount_pence"),
        MoneyColumn("Received", "received"),
        MoneyColumn("Outstanding", "outstanding"),
        Column("Invoice", "invoice_reference"),
        Column("Due", "due_date"),
        Column("Status", lambda c: c.status().label, tag=_contribution_tag),
    )
    create_url_name = "funding:contribution_create"
    create_label = "Add a contribution"

    def base_queryset(self):
        # The sum of payments is annotated once, before filters (which may filter on it).
        return super().base_queryset().with_received().order_by("-year", "organisation__name", "pk")


class ContributionDetail(ScopedDetailView):
    model = Contribution
    template_name = "funding/contribution_detail.html"
    edit_url_name = "funding:contribution_update"
    fields = (
        ("Organisation", "organisation"),
        ("Financial year", "year_label"),
        ("Amount agreed", lambda c: format_pounds(c.amount_pence)),
        (
            "Formula",
            lambda c: (
                f"{c.formula} ({c.share.normalize():f}{'%' if c.formula.basis == 'percentages' else ''})"
                if c.formula_id
                else ""
            ),
        ),
        ("Received", lambda c: format_pounds(c.received)),
        ("Outstanding", lambda c: format_pounds(c.outstanding)),
        ("Invoice", "invoice_reference"),
        ("Invoice date", "invoiced_on"),
        ("Payment due by", "due_date"),
        ("Notes", "notes"),
    )

    def get_queryset(self):
        return super().get_queryset().with_received().select_related("organisation", "formula")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = f"{self.object.organisation}: contribution for {self.object.year_label}"
        context["status"] = ContributionStatus(self.object.status())
        context["payments"] = self.object.payments.select_related("recorded_by")
        context["deadlines"] = deadlines_for(self.object).filter(
            kind=services.CONTRIBUTION_DEADLINE_KIND, is_active=True
        )
        return context


class ContributionCreate(ScopedCreateView):
    template_name = "funding/form.html"
    model = Contribution
    form_class = ContributionForm
    success_message = "Contribution added."

    def save(self, form):
        contribution = form.save(commit=False)
        contribution.partnership = self.partnership
        return services.save_contribution(self.request.user, contribution)


class ContributionUpdate(ScopedUpdateView):
    template_name = "funding/form.html"
    model = Contribution
    form_class = ContributionForm
    success_message = "Contribution updated."

    def save(self, form):
        old_formula = Contribution.objects.get(pk=self.object.pk).formula
        contribution = services.save_contribution(self.request.user, form.save(commit=False))
        if old_formula is not None and old_formula.pk != contribution.formula_id:
            services.apply_formula(self.request.user, old_formula)
        return contribution


class ContributionFormView(ScopedRecordFormView):
    model = Contribution
    template_name = "funding/form.html"

    def get_title(self):
        return f"{self.title}: {self.object}"


class ContributionInvoice(ContributionFormView):
    form_class = InvoiceForm
    title = "Record the invoice"
    success_message = "Invoice recorded."

    def get_initial(self):
        return {
            "invoiced_on": self.object.invoiced_on,
            "reference": self.object.invoice_reference,
            "due_date": self.object.due_date,
        }

    def handle(self, form):
        data = form.cleaned_data
        services.raise_invoice(
            self.request.user,
            self.object,
            invoiced_on=data["invoiced_on"],
            reference=data["reference"],
            due_date=data["due_date"],
        )


class PaymentCreate(ContributionFormView):
    form_class = PaymentForm
    title = "Record a payment"
    success_message = "Payment recorded."

    def get_initial(self):
        return {"received_on": timezone.localdate()}

    def handle(self, form):
        data = form.cleaned_data
        services.record_payment(
            self.request.user,
            self.object,
            received_on=data["received_on"],
            amount_pence=data["amount"],
            reference=data["reference"],
        )


class PaymentRemove(PartnershipMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, partnership, pk, payment_pk):
        payment = get_object_or_404(
            ContributionPayment.objects.in_partnership(self.partnership).select_related("contribution"),
            pk=payment_pk,
            contribution_id=pk,
        )
        contribution = services.remove_payment(request.user, payment)
        messages.success(request, f"Payment of {format_pounds(payment.amount_pence)} removed.")
        return redirect(contribution)


class ContributionYear(PartnershipMixin, generic.TemplateView):
    """A year's contributions: each partner's agreed, received and outstanding, the chart, and in-kind."""

    template_name = "funding/contribution_year.html"

    def get(self, request, *args, **kwargs):
        try:
            self.year = FinancialYear.parse(int(kwargs["year"]))
        except ValueError:
            raise Http404("No such financial year.") from None
        fmt = _export_requested(request)
        if fmt:
            context = self.get_context_data(**kwargs)
            if request.GET.get("table") == "in_kind":
                headers = ["Organisation", "Kind", "Description", "Estimated value"]
                rows = [
                    [i.organisation.name, i.get_kind_display(), i.description, _money(i.value_pence)]
                    for i in context["in_kind"]
                ]
            else:
                headers = ["Organisation", "Agreed", "Received", "Outstanding", "Due", "Status"]
                rows = [
                    [
                        r.contribution.organisation.name,
                        _money(r.agreed),
                        _money(r.received),
                        _money(r.outstanding),
                        r.contribution.due_date,
                        r.status.label,
                    ]
                    for r in context["summary"].rows
                ]
                summary = context["summary"]
                rows.append(
                    [
                        "Total",
                        _money(summary.agreed_pence),
                        _money(summary.received_pence),
                        _money(summary.outstanding_pence),
                        "",
                        "",
                    ]
                )
            return tabular_response(
                fmt,
                f"{self.partnership.slug}-contributions-{self.year.start_year}",
                headers,
                rows,
                guard=identity.guard_for(self.partnership, public=False),
                title="In-kind contributions" if request.GET.get("table") == "in_kind" else "Contributions",
                partnership=self.partnership,
                period=self.year.label,
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        p, year = self.partnership, self.year.start_year
        contributions = list(
            Contribution.objects.in_partnership(p)
            .for_year(year)
            .with_received()
            .select_related("partnership", "organisation", "formula")
            .order_by("-amount_pence", "organisation__name")
        )
        summary = contributions_summary(contributions)
        in_kind = list(
            InKindContribution.objects.in_partnership(p)
            .filter(year=year)
            .select_related("partnership", "organisation")
        )
        years = sorted(
            set(Contribution.objects.in_partnership(p).values_list("year", flat=True).distinct())
            | set(InKindContribution.objects.in_partnership(p).values_list("year", flat=True).distinct())
            | {year}
        )
        context.update(
            title=f"Contributions {self.year.label}",
            year=self.year,
            summary=summary,
            chart=charts.contributions_chart(
                [
                    (
                        r.contribution.organisation.short_name or r.contribution.organisation.name,
                        r.agreed,
                        r.received,
                    )
                    for r in summary.rows
                ],
                title=f"Contributions by partner, {self.year.label}: agreed and received",
            ),
            in_kind=in_kind,
            in_kind_valued_pence=sum(i.value_pence or 0 for i in in_kind),
            years=[FinancialYear(y) for y in years],
            flagged_imports=list(
                FundingImport.objects.filter(
                    partnership=p,
                    kind=ImportKind.CONTRIBUTIONS,
                    has_discrepancy=True,
                    contributions__year=year,
                ).distinct()
            ),
            formulas=list(ContributionFormula.objects.in_partnership(p).filter(year=year)),
        )
        return context


# In kind -------------------------------------------------------------------------------------------


class InKindList(FundingListView):
    model = InKindContribution
    title = "In-kind contributions"
    intro = (
        "What partners give other than money: rooms and parking for meetings and training, training delivery."
    )
    filterset_class = InKindFilter
    list_select_related = ("organisation",)
    export_name = "in-kind"
    columns = (
        Column("Organisation", "organisation.name", link=True),
        Column("Financial year", "year_label"),
        Column("Kind", "get_kind_display"),
        Column("Description", "description"),
        MoneyColumn("Estimated value", "value_pence"),
    )
    create_url_name = "funding:in_kind_create"
    create_label = "Add an in-kind contribution"


class InKindCreate(ScopedCreateView):
    template_name = "funding/form.html"
    model = InKindContribution
    form_class = InKindForm
    success_message = "In-kind contribution added."

    def get_success_url(self):
        return self.partnership_url("funding:in_kind_list")


class InKindUpdate(ScopedUpdateView):
    template_name = "funding/form.html"
    model = InKindContribution
    form_class = InKindForm
    success_message = "In-kind contribution updated."

    def get_success_url(self):
        return self.partnership_url("funding:in_kind_list")


# Formulas ------------------------------------------------------------------------------------------


class FormulaList(FundingListView):
    model = ContributionFormula
    title = "Contribution formulas"
    intro = "Agreed ways of sharing a sum among partners: fixed percentages or proportions, split to the exact penny."
    columns = (
        Column("Formula", "name", link=True),
        Column("Financial year", "year_label"),
        Column("Basis", "get_basis_display"),
        MoneyColumn("Sum to share", "amount_to_raise_pence"),
    )
    create_url_name = "funding:formula_create"
    create_label = "Add a formula"


class FormulaCreate(ScopedCreateView):
    template_name = "funding/form.html"
    model = ContributionFormula
    form_class = FormulaForm
    success_message = "Formula added: now add each partner's share."

    def save(self, form):
        formula = form.save(commit=False)
        formula.partnership = self.partnership
        return services.save_formula(self.request.user, formula)


class FormulaUpdate(ScopedUpdateView):
    template_name = "funding/form.html"
    model = ContributionFormula
    form_class = FormulaForm
    success_message = "Formula updated: each partner's share recalculated."

    def save(self, form):
        return services.save_formula(self.request.user, form.save(commit=False))


class FormulaDetail(ScopedDetailView):
    model = ContributionFormula
    template_name = "funding/formula_detail.html"
    edit_url_name = "funding:formula_update"
    fields = (
        ("Financial year", "year_label"),
        ("Basis", "get_basis_display"),
        ("Sum to share", lambda f: format_pounds(f.amount_to_raise_pence)),
        ("Notes", "notes"),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        formula = self.object
        shares = list(
            formula.contributions.with_received()
            .select_related("partnership", "organisation")
            .order_by("organisation__name", "pk")
        )
        allocated = sum(c.amount_pence for c in shares)
        context.update(
            shares=shares,
            allocated_pence=allocated,
            unallocated_pence=formula.amount_to_raise_pence - allocated,
            share_total=sum(c.share for c in shares),
            share_form=kwargs.get("share_form")
            or (FormulaShareForm(formula=formula) if context["can_edit"] else None),
            is_percentages=formula.basis == "percentages",
        )
        return context


class FormulaShareAdd(ScopedRecordFormView):
    detail_view = FormulaDetail
    form_class = FormulaShareForm
    form_context_name = "share_form"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["formula"] = self.object
        return kwargs

    def handle(self, form):
        return services.save_contribution(
            self.request.user,
            Contribution(
                partnership=self.partnership,
                year=self.object.year,
                organisation=form.cleaned_data["organisation"],
                formula=self.object,
                share=form.cleaned_data["share"],
                amount_pence=0,
            ),
        )

    def get_success_message(self, contribution):
        return f"{contribution.organisation}'s share added; every share recalculated."


# Imports -------------------------------------------------------------------------------------------


class ImportList(FundingListView):
    model = FundingImport
    title = "Imports"
    intro = (
        "Spreadsheets imported into the budget, contributions and spend, and any total they stated wrongly."
    )
    filterset_class = ImportFilter
    list_select_related = ("imported_by",)
    columns = (
        Column("File", "file_name", link=True),
        Column("Holds", "get_kind_display"),
        Column("Imported", "imported_at"),
        Column("By", "imported_by"),
        Column("Rows", "row_count", numeric=True),
        Column(
            "Stated totals",
            lambda i: (
                "Disagree with the rows"
                if i.has_discrepancy
                else ("Agree" if i.stated_totals else "None stated")
            ),
            tag=lambda i: "govuk-tag--red" if i.has_discrepancy else "govuk-tag--green",
        ),
    )
    create_url_name = "funding:import_create"
    create_label = "Import a spreadsheet"


class ImportCreate(PartnershipMixin, generic.FormView):
    form_class = ImportForm
    template_name = "funding/import_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["partnership"] = self.partnership
        return kwargs

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        outcome = imports.run_import(
            self.request.user,
            partnership=self.partnership,
            kind=form.cleaned_data["kind"],
            name=upload.name,
            data=upload.read(),
            default_year=form.cleaned_data["year"],
            effective_on=form.cleaned_data["effective_on"],
            thousands=form.cleaned_data["thousands"],
        )
        if not outcome.saved:
            shown = outcome.errors[: imports.MAX_ERRORS_SHOWN]
            for error in shown:
                form.add_error(None, str(error))
            if len(outcome.errors) > len(shown):
                form.add_error(None, f"… and {len(outcome.errors) - len(shown)} more problems.")
            form.add_error(None, "Nothing from the file was saved. Correct it and import it again.")
            return self.render_to_response(self.get_context_data(form=form, outcome=outcome), status=400)
        messages.success(
            self.request, f"Imported {outcome.record.row_count} rows from {outcome.record.file_name}."
        )
        for total in outcome.discrepancies:
            messages.warning(self.request, str(total))
        return redirect(outcome.record)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title="Import a spreadsheet",
            cancel_url=self.partnership_url("funding:import_list"),
            submit_label="Import the file",
        )
        return context


class ImportDetail(ScopedDetailView):
    model = FundingImport
    template_name = "funding/import_detail.html"
    fields = (
        ("Holds", "get_kind_display"),
        ("Imported", "imported_at"),
        ("By", "imported_by"),
        ("Rows saved", "row_count"),
    )

    def get_queryset(self):
        return super().get_queryset().select_related("imported_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = [
            {
                **t,
                "difference_pence": t["stated_pence"] - t["rows_pence"],
                "agrees": t["stated_pence"] == t["rows_pence"],
            }
            for t in self.object.stated_totals
        ]
        return context


# Home panel ----------------------------------------------------------------------------------------


def home_panel(request, partnership):
    """Overdue partner contributions and imports whose stated totals disagreed, for readers."""
    if not access_for(request.user).has(Perm.VIEW, partnership):
        return None
    today = timezone.localdate()
    overdue = list(
        Contribution.objects.in_partnership(partnership)
        .with_received()
        .filter(due_date__lt=today, received_pence__lt=F("amount_pence"))
        .select_related("organisation")
        .order_by("due_date")[:5]
    )
    if not overdue and not Budget.objects.in_partnership(partnership).exists():
        return None
    rows = [
        {
            "text": f"{c.organisation}: {format_pounds(c.outstanding)} for {c.year_label}",
            "url": c.get_absolute_url(),
            "tag": DeadlineStatus.OVERDUE.label,
            "tag_class": DeadlineStatus.OVERDUE.tag_class,
            "hint": f"Due {c.due_date:%d %B %Y}",
        }
        for c in overdue
    ]
    return {
        "title": "Funding",
        "rows": rows,
        "empty": "No partner contribution is overdue.",
        "link": (
            "Budget and contributions",
            reverse("funding:overview", kwargs={"partnership": partnership.slug}),
        ),
    }
