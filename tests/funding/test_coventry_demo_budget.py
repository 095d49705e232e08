"""Coventry's demo has a 2018/19 budget built from its Cabinet paper (12 February 2019, para 5.1.1):
an income line per partner holding the paper's contribution, loaded again without change."""

import io

import pytest
from django.core.management import call_command

from funding import figures
from funding.models import Budget, BudgetRevision
from funding.reports import load_figures
from partnerships.core.models import Partnership

pytestmark = pytest.mark.django_db

PAPER = {  # £k, as the paper prints them (its "Total 580" is not the sum of its rows)
    "Coventry City Council": 471,
    "Coventry and Rugby Clinical Commissioning Group": 71,
    "West Midlands Police": 30,
    "Children and Family Court Advisory and Support Service": 1,
    "Warwickshire and West Mercia Community Rehabilitation Company": 2,
    "National Probation Service": 2,
}


def test_coventrys_demo_budget_holds_the_papers_contributions():
    call_command("load_demo", stdout=io.StringIO())
    coventry = Partnership.objects.get(slug="coventry")
    budget = Budget.objects.get(partnership=coventry, year=2018)
    by_line = load_figures([budget])[budget.pk].budget_by_line
    lines = {line.name: line for line in coventry.budget_lines.all()}
    assert {name: -by_line[lines[f"Contribution: {name}"].pk] // 100_000 for name in PAPER} == PAPER
    assert sum(by_line.values()) == -57_700_000
    assert all(line.category == "partner_income" for line in lines.values())
    reserve = figures.reserves(coventry, 2018)
    assert reserve is not None and reserve.opening_source == "none recorded"

    # Loading again changes nothing.
    revisions = BudgetRevision.objects.filter(budget=budget).count()
    call_command("load_demo", stdout=io.StringIO())
    assert BudgetRevision.objects.filter(budget=budget).count() == revisions
    assert Budget.objects.filter(partnership=coventry).count() == 1
