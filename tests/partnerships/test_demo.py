"""`load_demo`: the papers' partnerships, idempotent, and every printed login lands on its home page."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from partnerships.core.models import Group, Partnership, SafeguardingPartner
from partnerships.demo.structure import DEMO_PASSWORD, LOGINS


def _counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


@pytest.mark.slow
def test_second_run_changes_nothing(demo):
    before = _counts()
    call_command("load_demo", stdout=io.StringIO())
    after = _counts()
    assert {k: (before[k], after[k]) for k in before if before[k] != after[k]} == {}


def test_the_papers_partnerships_and_structures(demo):
    assert set(Partnership.objects.values_list("slug", flat=True)) == {"coventry", "somerset", "bhr", "leeds"}
    bhr = Partnership.objects.get(slug="bhr")
    assert sorted(bhr.areas.values_list("name", flat=True)) == [
        "Barking and Dagenham",
        "Havering",
        "Redbridge",
    ]
    coventry = Partnership.objects.get(slug="coventry")
    executive = Group.objects.get(partnership=coventry, name="Executive Group")
    assert executive.chair_is_independent
    assert Group.objects.filter(partnership=coventry, kind="sub_group").count() == 6  # + CDOP as a panel
    assert set(
        SafeguardingPartner.objects.filter(partnership=coventry).values_list("organisation__name", flat=True)
    ) == {"Coventry City Council", "Coventry and Rugby Clinical Commissioning Group", "West Midlands Police"}
    havering_group = Group.objects.get(partnership=bhr, name="Havering Safeguarding Partnership Group")
    assert set(havering_group.children.filter(kind="thematic").values_list("name", flat=True)) == {
        "Adolescent Safeguarding Group",
        "Quality and Effectiveness Group",
        "Schools and Learners Group",
        "Case Review Group",
    }
    somerset = Partnership.objects.get(slug="somerset")
    assert not Group.objects.filter(partnership=somerset, chair_is_independent=True).exists()
    assert str(somerset.arrangements_in_operation_on) == "2019-09-30"


def test_logins_are_printed(db):
    out = io.StringIO()
    call_command("load_demo", "--print-logins", stdout=out)
    text = out.getvalue()
    assert DEMO_PASSWORD in text
    for _role, username in LOGINS:
        assert username in text


@pytest.mark.parametrize(("role", "username"), LOGINS)
def test_each_printed_login_signs_in_to_its_home_page(demo, client, role, username):
    response = client.post("/sign-in/", {"username": username, "password": DEMO_PASSWORD}, follow=True)
    assert response.status_code == 200, role
    page = response.content.decode()
    assert "Sign out" in page, role
    final = response.redirect_chain[-1][0] if response.redirect_chain else "/"
    if username == "admin":
        assert client.get("/admin/").status_code == 200
    elif username == "bhr-contributor":
        assert "Requests to your agency" in page
    elif username == "regional-scrutineer":
        assert "Coventry Safeguarding Children Partnership" in page and "Leeds Safeguarding" in page
    else:
        assert final.startswith("/p/"), (role, final)
