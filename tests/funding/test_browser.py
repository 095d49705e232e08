"""Funding in a real browser: an import with a bad row, and the pages checked with axe (WCAG 2.2 AA)."""

import pytest
from playwright.sync_api import expect

from tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def test_an_import_with_a_bad_row_names_it_and_saves_nothing(live_server, page, tmp_path):
    from funding.models import Contribution
    from tests.world import build_world

    world = build_world()
    before = Contribution.objects.count()
    bad = tmp_path / "contributions.csv"
    bad.write_text("Organisation,Financial year,Amount\nAlpha Council,2020/21,100\nAlpha ICB,2020/21,1.001\n")
    sign_in(page, live_server, world.bu.username)
    page.goto(f"{live_server.url}/p/alpha/funding/imports/new/")
    page.get_by_label("Contributions").check()
    page.get_by_label("File").set_input_files(str(bad))
    page.get_by_role("button", name="Import the file").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Line 3: the amount: “1.001” has fractions of a penny")
    expect(summary).to_contain_text("Nothing from the file was saved")
    assert Contribution.objects.count() == before
    good = tmp_path / "fixed.csv"
    good.write_text(
        "Organisation,Financial year,Amount\nAlpha Council,2020/21,100\nAlpha ICB,2020/21,1.01\nTotal,2020/21,101\n"
    )
    page.get_by_label("Contributions").check()
    page.get_by_label("File").set_input_files(str(good))
    page.get_by_role("button", name="Import the file").click()
    expect(page.get_by_text("Imported 2 rows from fixed.csv")).to_be_visible()
    expect(page.locator("main")).to_contain_text("the rows it covers (2020/21) add up to £101.01")
    assert Contribution.objects.count() == before + 2


@pytest.mark.parametrize(
    "path",
    [
        "/p/alpha/funding/",
        "/p/alpha/funding/budgets/{budget}/",
        "/p/alpha/funding/years/2019/contributions/",
        "/p/alpha/funding/contributions/",
        "/p/alpha/funding/formulas/{formula}/",
        "/p/alpha/funding/imports/new/",
        "/p/alpha/funding/budgets/{budget}/revise/",
    ],
)
def test_funding_pages_pass_axe(live_server, page, path):
    from axe_playwright_python.sync_playwright import Axe

    from tests.world import build_world

    world = build_world()
    sign_in(page, live_server, world.bu.username)
    page.goto(
        live_server.url + path.format(budget=world.funding["budget"].pk, formula=world.funding["formula"].pk)
    )
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()
