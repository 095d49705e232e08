"""Acceptance: the Havering paper's A39000 table (Havering Cabinet paper, 12 June 2019, para 7.2),
recomputed by the product from amounts in pence, matches every figure the paper prints, rounded to
the pound; and the paper's own trap (rows printed as 151,391 + 69,398 under a total of 220,790) is
the product's exact total, rounded."""

import io

import pytest
from django.core.management import call_command

from funding.models import Budget
from funding.money import round_to_pounds
from funding.reports import carry_forward, load_figures, partnership_lines, report_for
from partnerships.core.models import Partnership
from partnerships.demo.funding_figures import BROUGHT_FORWARD, CARRIED_FORWARD

# As printed (pounds): revised budget 18/19, actual 18/19, variance 18/19, budget 19/20,
# projected cost 19/20, projected variance 19/20. None where the paper leaves the cell blank.
PAPER = {
    "Employee Costs": (123_460, 151_391, 27_931, 119_760, 175_204, 55_444),
    "Supplies and Services": (89_170, 69_398, -19_772, 89_170, 62_537, -26_633),
    "Total expenditure": (212_630, 220_790, 8_160, 208_930, 237_741, 28_811),
    "Partner Agency Contributions": (-64_360, -71_954, -7_594, -64_360, -70_906, -6_546),
    "Total income": (-64_360, -71_954, -7_594, -64_360, -70_906, -6_546),
    BROUGHT_FORWARD: (0, -74_500, None, None, None, None),  # the paper's "Mar-18"
    CARRIED_FORWARD: (0, 73_981, None, None, None, None),  # the paper's "Mar-19"
    "Total accrual": (0, -519, -519, 0, 0, 0),
    "LBA Pay Protection": (-190, -189, 1, 0, 0, 0),
    "Total transfer from reserve": (-190, -189, 1, None, None, None),
    "Total net expenditure": (148_080, 148_128, 48, 144_570, 166_835, 22_265),
}
COLUMNS = [(0, "budget"), (0, "actual"), (0, "variance"), (1, "budget"), (1, "outturn"), (1, "variance")]


@pytest.fixture
def havering(db):
    call_command("load_demo", stdout=io.StringIO())
    bhr = Partnership.objects.get(slug="bhr")
    budgets = list(Budget.objects.filter(partnership=bhr))
    lines = partnership_lines(bhr)
    figures = load_figures(budgets)
    budget = next(b for b in budgets if b.year == 2019)
    return {
        "bhr": bhr,
        "budget": budget,
        "report": report_for(budget, budgets, figures, lines),
        "balances": carry_forward(budgets, figures, lines),
    }


def test_every_printed_figure_is_recomputed_to_the_pound(havering):
    report = havering["report"]
    assert [c.header for c in report.columns] == [
        "Revised budget 2018/19",
        "Actual 2018/19",
        "Variance 2018/19",
        "Budget 2019/20",
        "Actual to date 2019/20",
        "Projected outturn 2019/20",
        "Projected variance 2019/20",
    ]
    checked = 0
    for label, printed in PAPER.items():
        row = report.row(label)
        for (block, key), figure in zip(COLUMNS, printed, strict=True):
            if figure is None:
                continue
            assert round_to_pounds(row.values[block][key]) == figure, (label, block, key)
            checked += 1
    assert checked == 55


def test_totals_are_sums_of_rows_to_the_penny_not_of_rounded_rows(havering):
    report = havering["report"]
    employee, supplies = report.row("Employee Costs").values[0], report.row("Supplies and Services").values[0]
    total = report.row("Total expenditure").values[0]
    assert (employee["actual"], supplies["actual"], total["actual"]) == (15_139_140, 6_939_840, 22_078_980)
    # The paper's trap: its rounded rows add up to 220,789, its total says 220,790.
    assert round_to_pounds(employee["actual"]) + round_to_pounds(supplies["actual"]) == 220_789
    assert round_to_pounds(total["actual"]) == 220_790
    for block in (0, 1):
        net = report.net.values[block]
        section_totals = [r.values[block] for r in report.rows if r.kind == "total"]
        for key in ("budget", "actual", "outturn", "variance"):
            assert net[key] == sum(t[key] for t in section_totals)
            assert net["variance"] == net["outturn"] - net["budget"]


def test_income_carried_forward_and_the_overspend_it_can_absorb(havering):
    balances = havering["balances"]
    # Para 7.3: the £73,981 income balance; 2018/19 opened with the £74,500 released in April 2018.
    assert balances[2018].opening_pence == 7_450_000
    assert balances[2018].closing_pence == 7_398_100
    assert balances[2019].opening_pence == 7_398_100
    assert balances[2019].opening_source == "brought forward from 2018/19"
    # Para 7.2: an overspend of £22k in 2019/20, which "can be offset against" the balance.
    assert round_to_pounds(balances[2019].overspend_pence) == 22_265
    assert balances[2019].after_overspend_pence == 7_398_100 - 2_226_505


def test_the_page_prints_the_table_both_exactly_and_as_the_paper_does(havering, client):
    client.force_login(havering["bhr"].roles.get(kind="scrutineer", user__username="bhr-scrutineer").user)
    url = havering["budget"].get_absolute_url()
    exact = client.get(url).content.decode()
    assert "£220,789.80" in exact and "£148,127.80" in exact and "+£22,265.05" in exact
    assert "£73,981.00" in exact  # carried forward into 2019/20
    rounded = client.get(url + "?whole=1").content.decode()
    for figure in ("£220,790", "+£8,160", "-£19,772", "£166,835", "+£22,265", "-£519"):
        assert figure in rounded
    export = client.get(url + "?export=csv").content.decode("utf-8-sig").splitlines()
    assert export[0].startswith("A39000,Revised budget 2018/19,Actual 2018/19")
    assert "Total expenditure,212630.00,220789.80,8159.80,208930.00,39623.38,237741.05,28811.05" in export


def test_the_api_reports_the_same_figures_in_pence(havering, api_for):
    bhr = havering["bhr"]
    api = api_for(bhr.roles.get(kind="scrutineer", user__username="bhr-scrutineer").user)
    response = api.get(f"/api/budgets/{havering['budget'].pk}/report/")
    assert response.status_code == 200
    data = response.json()
    net = next(r for r in data["rows"] if r["kind"] == "net")
    assert net["values_pence"] == [14_808_000, 14_812_780, 4_780, 14_457_000, 591_738, 16_683_505, 2_226_505]
    assert data["carry_forward"]["opening_pence"] == 7_398_100
