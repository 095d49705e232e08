"""Who may see a panel's cases follows its footprint, not one partnership.

The tri-borough panel (Barking and Dagenham, Havering, Redbridge) serves three partnerships here:
a Havering business-unit officer sees a Redbridge child's case; a Coventry officer sees none of it,
on pages, exports, figures, the national return or the API.
"""

import datetime

import pytest

from child_death.models import ChildDeathCase, ChildDeathOverviewPanel
from partnerships.core.choices import RoleKind
from partnerships.core.models import LocalAuthorityArea, Partnership, RecordAccess
from partnerships.core.services import grant_role
from tests.child_death.builders import make_case
from tests.world import person


@pytest.fixture
def tri(world):
    t = type("Tri", (), {})()
    areas = {}
    for name, code in (
        ("Barking and Dagenham", "E09000002"),
        ("Havering", "E09000016"),
        ("Redbridge", "E09000026"),
    ):
        areas[name] = LocalAuthorityArea.objects.create(
            name=name, code=code, slug=name.lower().replace(" ", "-")
        )
    t.partnerships = {}
    for name, area in areas.items():
        p = Partnership.objects.create(name=f"{name} partnership", short_name=name, slug=area.slug)
        p.areas.set([area])
        t.partnerships[name] = p
    coventry_area = LocalAuthorityArea.objects.create(name="Coventry", code="E08000026", slug="coventry")
    t.coventry = Partnership.objects.create(
        name="Coventry partnership", short_name="Coventry", slug="coventry"
    )
    t.coventry.areas.set([coventry_area])
    t.panel = ChildDeathOverviewPanel.objects.create(
        name="BHR Child Death Overview Panel",
        short_name="BHR CDOP",
        reference_prefix="BHR",
        host_partnership=t.partnerships["Barking and Dagenham"],
    )
    t.panel.partnerships.set(t.partnerships.values())
    t.panel.areas.set(areas.values())
    t.coventry_panel = ChildDeathOverviewPanel.objects.create(
        name="Coventry CDOP", short_name="Coventry CDOP", reference_prefix="COV", host_partnership=t.coventry
    )
    t.coventry_panel.partnerships.set([t.coventry])
    t.coventry_panel.areas.set([coventry_area])
    t.havering_user = person("havering_bu")
    grant_role(
        None, user=t.havering_user, partnership=t.partnerships["Havering"], kind=RoleKind.BUSINESS_UNIT
    )
    t.coventry_user = person("coventry_bu")
    grant_role(None, user=t.coventry_user, partnership=t.coventry, kind=RoleKind.BUSINESS_UNIT)
    t.barking_user = person("barking_bu")
    grant_role(
        None,
        user=t.barking_user,
        partnership=t.partnerships["Barking and Dagenham"],
        kind=RoleKind.BUSINESS_UNIT,
    )
    # A Redbridge child, notified by the host partnership's business unit.
    t.case = make_case(
        t.barking_user,
        t.panel,
        areas["Redbridge"],
        7,
        date_of_death=datetime.date(2023, 6, 1),
        notified_on=datetime.date(2023, 6, 2),
    )
    return t


def test_havering_officer_sees_the_tri_borough_panels_cases(tri, client_for):
    client = client_for(tri.havering_user)
    listing = client.get("/p/havering/child-deaths/")
    assert listing.status_code == 200
    assert tri.case.reference in listing.content.decode()
    page = client.get(f"/p/havering/child-deaths/{tri.case.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Testchild7 Pseudonym" in html  # the case page shows the child to those with access
    # ...and links stay within Havering, where the officer has a role.
    assert f'href="/p/havering/child-deaths/{tri.case.pk}/' in listing.content.decode()
    assert RecordAccess.objects.filter(user=tri.havering_user, record_id=tri.case.pk).count() == 1
    assert ChildDeathCase.objects.visible_to(tri.havering_user).filter(pk=tri.case.pk).exists()


def test_havering_officer_may_change_the_panels_cases(tri, client_for):
    response = client_for(tri.havering_user).post(
        f"/p/havering/child-deaths/{tri.case.pk}/contacts/new/",
        {
            "contacted_on": "2023-06-05",
            "method": "phone",
            "made_by": "Key worker",
            "summary": "Called the family",
        },
    )
    assert response.status_code == 302
    assert tri.case.family_contacts.get().summary == "Called the family"


def test_coventry_officer_sees_none_of_it(tri, client_for, api_for):
    client = client_for(tri.coventry_user)
    own = client.get("/p/coventry/child-deaths/")
    assert own.status_code == 200
    assert tri.case.reference not in own.content.decode()
    for url in (
        "/p/havering/child-deaths/",
        f"/p/havering/child-deaths/{tri.case.pk}/",
        "/p/havering/child-deaths/?export=csv",
        "/p/havering/child-deaths/figures/",
        "/p/havering/child-deaths/national-return/?export=csv",
    ):
        assert client.get(url).status_code == 404, url
    # Through Coventry's own address the case is still a 404, as are its forms and exports.
    assert client.get(f"/p/coventry/child-deaths/{tri.case.pk}/").status_code == 404
    assert client.get(f"/p/coventry/child-deaths/{tri.case.pk}/edit/").status_code == 404
    assert (
        client.post(f"/p/coventry/child-deaths/{tri.case.pk}/close/", {"closed_on": "2024-01-01"}).status_code
        == 404
    )
    assert tri.case.reference not in client.get("/p/coventry/child-deaths/?export=csv").content.decode(
        "utf-8-sig"
    )
    assert tri.case.reference not in client.get(
        "/p/coventry/child-deaths/national-return/?export=csv"
    ).content.decode("utf-8-sig")
    figures = client.get("/p/coventry/child-deaths/figures/?year=2023")
    assert figures.context["figures"].deaths == 0
    api = api_for(tri.coventry_user)
    rows = api.get("/api/child-death-cases/").json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert tri.case.pk not in {r["id"] for r in rows}
    assert api.get(f"/api/child-death-cases/{tri.case.pk}/").status_code == 404
    assert api.patch(f"/api/child-death-cases/{tri.case.pk}/", {"notified_by": "x"}).status_code == 404
    assert api.get("/api/child-death-figures/?partnership=havering").status_code == 404
    assert not ChildDeathCase.objects.visible_to(tri.coventry_user).exists() or set(
        ChildDeathCase.objects.visible_to(tri.coventry_user).values_list("panel", flat=True)
    ) == {tri.coventry_panel.pk}


def test_the_panel_is_listed_with_its_footprint(tri, client_for):
    page = client_for(tri.havering_user).get(f"/p/havering/child-deaths/panels/{tri.panel.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    for name in ("Barking and Dagenham", "Havering", "Redbridge"):
        assert name in html
    assert (
        client_for(tri.coventry_user).get(f"/p/coventry/child-deaths/panels/{tri.panel.pk}/").status_code
        == 404
    )


def test_notification_for_an_area_outside_the_footprint_is_refused(tri, client_for):
    coventry_area = LocalAuthorityArea.objects.get(slug="coventry")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="does not cover"):
        make_case(tri.barking_user, tri.panel, coventry_area)
