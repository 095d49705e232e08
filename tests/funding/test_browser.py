"""Funding in a real browser: an import with a bad row, and the pages checked with axe (WCAG 2.2 AA)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()


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
    assert "Line 3: the amount: “1.001” has fractions of a penny" in summary.inner_text()
    assert "Nothing from the file was saved" in summary.inner_text()
    assert Contribution.objects.count() == before
    good = tmp_path / "fixed.csv"
    good.write_text(
        "Organisation,Financial year,Amount\nAlpha Council,2020/21,100\nAlpha ICB,2020/21,1.01\nTotal,2020/21,101\n"
    )
    page.get_by_label("Contributions").check()
    page.get_by_label("File").set_input_files(str(good))
    page.get_by_role("button", name="Import the file").click()
    assert page.get_by_text("Imported 2 rows from fixed.csv").is_visible()
    assert "the rows it covers (2020/21) add up to £101.01" in page.locator("main").inner_text()


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
