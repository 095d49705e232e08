"""Every funding list page and report keeps the same number of SQL queries with 5 rows and 500."""

import datetime
import itertools

import pytest

from funding.choices import ImportKind, InKindKind, LineCategory, SpendKind
from funding.models import (
    BudgetAmount,
    BudgetLine,
    Contribution,
    ContributionFormula,
    ContributionPayment,
    FundingImport,
    InKindContribution,
    SpendEntry,
)
from partnerships.core.models import Organisation
from tests.querycount import assert_constant_queries

_serial = itertools.count()


def _orgs(n):
    start = next(_serial) * 1000
    return Organisation.objects.bulk_create(
        Organisation(name=f"Funder {start + i}", short_name=f"F{start + i}", kind="other") for i in range(n)
    )


def _lines(world, n):
    start = next(_serial) * 1000
    categories = list(LineCategory)
    return BudgetLine.objects.bulk_create(
        BudgetLine(
            partnership=world.alpha, name=f"Line {start + i}", category=categories[i % len(categories)]
        )
        for i in range(n)
    )


def _contributions(world, n, year=2019, due=datetime.date(2019, 5, 1)):
    rows = Contribution.objects.bulk_create(
        Contribution(
            partnership=world.alpha, year=year, organisation=org, amount_pence=1000 + i, due_date=due
        )
        for i, org in enumerate(_orgs(n))
    )
    ContributionPayment.objects.bulk_create(
        ContributionPayment(contribution=c, received_on=datetime.date(2019, 4, 2), amount_pence=500)
        for c in rows
    )
    return rows


@pytest.fixture
def bu(world, client_for):
    return client_for(world.bu)


def test_overview(world, bu):
    def add(n):
        _contributions(world, n, year=2000 + next(_serial) % 50)
        budget = world.funding["budget"]
        revision = budget.revisions.get(number=0)
        lines = _lines(world, n)
        BudgetAmount.objects.bulk_create(
            BudgetAmount(revision=revision, line=line, amount_pence=100) for line in lines
        )

    assert_constant_queries(bu, "/p/alpha/funding/", add)
    assert_constant_queries(bu, "/p/alpha/funding/?export=csv&table=contributions", add)


def test_budget_detail_report_and_exports(world, bu):
    budget = world.funding["budget"]

    def add(n):
        lines = _lines(world, n)
        revision = budget.revisions.get(number=0)
        BudgetAmount.objects.bulk_create(
            BudgetAmount(revision=revision, line=line, amount_pence=100) for line in lines
        )
        SpendEntry.objects.bulk_create(
            SpendEntry(budget=budget, line=line, month=month, kind=kind, amount_pence=7)
            for line in lines
            for month in budget.financial_year.months[:2]
            for kind in SpendKind
        )

    url = budget.get_absolute_url()
    assert_constant_queries(bu, url, add)
    for table in ("report", "months", "grid", "revisions"):
        assert_constant_queries(bu, f"{url}?export=xlsx&table={table}", add, small=1, large=3)


def test_budget_lines(world, bu):
    assert_constant_queries(bu, "/p/alpha/funding/lines/", lambda n: _lines(world, n))


def test_spend(world, bu):
    budget = world.funding["budget"]

    def add(n):
        SpendEntry.objects.bulk_create(
            SpendEntry(budget=budget, line=line, month=datetime.date(2019, 4, 1), amount_pence=5)
            for line in _lines(world, n)
        )

    assert_constant_queries(bu, "/p/alpha/funding/spend/", add)
    assert_constant_queries(bu, "/p/alpha/funding/spend/?export=csv", add)


def test_contributions(world, bu):
    assert_constant_queries(bu, "/p/alpha/funding/contributions/", lambda n: _contributions(world, n))
    assert_constant_queries(
        bu, "/p/alpha/funding/contributions/?outstanding=true", lambda n: _contributions(world, n)
    )
    assert_constant_queries(
        bu, "/p/alpha/funding/contributions/?export=xlsx", lambda n: _contributions(world, n)
    )


def test_contribution_year_and_detail(world, bu):
    def add(n):
        _contributions(world, n)
        InKindContribution.objects.bulk_create(
            InKindContribution(
                partnership=world.alpha,
                year=2019,
                organisation=org,
                kind=InKindKind.ROOMS,
                description="Rooms",
            )
            for org in _orgs(n)
        )

    assert_constant_queries(bu, "/p/alpha/funding/years/2019/contributions/", add)
    contribution = world.funding["contribution"]

    def add_payments(n):
        ContributionPayment.objects.bulk_create(
            ContributionPayment(
                contribution=contribution, received_on=datetime.date(2019, 4, 2), amount_pence=1
            )
            for _ in range(n)
        )

    assert_constant_queries(bu, contribution.get_absolute_url(), add_payments)


def test_in_kind(world, bu):
    def add(n):
        InKindContribution.objects.bulk_create(
            InKindContribution(
                partnership=world.alpha,
                year=2019,
                organisation=org,
                kind=InKindKind.TRAINING,
                description="T",
            )
            for org in _orgs(n)
        )

    assert_constant_queries(bu, "/p/alpha/funding/in-kind/", add)


def test_formulas(world, bu):
    def add_formulas(n):
        start = next(_serial) * 1000
        ContributionFormula.objects.bulk_create(
            ContributionFormula(
                partnership=world.alpha, year=2019, name=f"F{start + i}", amount_to_raise_pence=5
            )
            for i in range(n)
        )

    assert_constant_queries(bu, "/p/alpha/funding/formulas/", add_formulas)
    formula = world.funding["formula"]

    def add_shares(n):
        Contribution.objects.bulk_create(
            Contribution(
                partnership=world.alpha, year=2019, organisation=org, formula=formula, share=1, amount_pence=0
            )
            for org in _orgs(n)
        )

    assert_constant_queries(bu, formula.get_absolute_url(), add_shares)


def test_imports(world, bu):
    def add(n):
        FundingImport.objects.bulk_create(
            FundingImport(
                partnership=world.alpha, kind=ImportKind.SPEND, file_name=f"{i}.csv", imported_by=world.bu
            )
            for i in range(n)
        )

    assert_constant_queries(bu, "/p/alpha/funding/imports/", add)


def test_home_panel_with_many_overdue_contributions(world, bu):
    assert_constant_queries(bu, "/p/alpha/", lambda n: _contributions(world, n))
