"""The demo as its business units see it: each paper's CCG is named on its own records and its ICB
from 1 July 2022 (docs/statutory-rules.md#successors); each partnership whose paper names a child
death overview panel has one, and can record a notification there; Leeds, whose paper names none, is
not offered the child death pages.

The demo is loaded once for the module (it takes minutes) inside a transaction rolled back at the
end, so nothing is left for other tests.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from child_death.models import ChildDeathOverviewPanel
from partnerships.core.models import Organisation, Partnership, User
from reviews.models import PartnerSignOff

# The partnerships whose council paper names a child death overview panel (docs/statutory-rules.md#council-papers).
PAPERS_WITH_A_CDOP = {"coventry", "somerset", "bhr"}
MANAGERS = {"coventry": "coventry-manager", "somerset": "somerset-manager", "bhr": "bhr-manager"}
# (partnership, the paper's CCG, its ICB)
HEALTH = [
    (
        "coventry",
        "Coventry and Rugby Clinical Commissioning Group",
        "NHS Coventry and Warwickshire Integrated Care Board",
    ),
    ("somerset", "NHS Somerset Clinical Commissioning Group", "NHS Somerset Integrated Care Board"),
    (
        "bhr",
        "Barking and Dagenham, Havering and Redbridge Clinical Commissioning Groups",
        "NHS North East London Integrated Care Board",
    ),
    ("leeds", "NHS Leeds Clinical Commissioning Group", "NHS West Yorkshire Integrated Care Board"),
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def as_user(demo, db):
    def make(username):
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    return make


def _leeds_manager():
    return (
        User.objects.filter(roles__partnership__slug="leeds", roles__kind="business_unit")
        .order_by("username")
        .first()
        .username
    )


def test_every_paper_with_a_cdop_has_a_panel_and_leeds_has_none(demo, db):
    for slug in PAPERS_WITH_A_CDOP:
        assert ChildDeathOverviewPanel.objects.in_partnership(Partnership.objects.get(slug=slug)).exists(), (
            slug
        )
    assert not ChildDeathOverviewPanel.objects.in_partnership(Partnership.objects.get(slug="leeds")).exists()


@pytest.mark.parametrize("slug", sorted(PAPERS_WITH_A_CDOP))
def test_the_business_unit_can_record_a_child_death_notification(as_user, slug):
    client = as_user(MANAGERS[slug])
    home = client.get(f"/p/{slug}/").content.decode()
    assert f'href="/p/{slug}/child-deaths/"' in home
    listing = client.get(reverse("child_death:case_list", kwargs={"partnership": slug}))
    assert listing.status_code == 200
    assert "Record a notification" in listing.content.decode()
    form = client.get(reverse("child_death:case_create", kwargs={"partnership": slug}))
    assert form.status_code == 200
    panel = ChildDeathOverviewPanel.objects.in_partnership(Partnership.objects.get(slug=slug)).get()
    assert "Record the notification of a child" in form.content.decode()
    assert panel.name in form.content.decode() or panel.short_name in form.content.decode()


def test_leeds_is_not_offered_the_child_death_pages(as_user):
    client = as_user(_leeds_manager())
    home = client.get("/p/leeds/").content.decode()
    assert 'href="/p/leeds/child-deaths/"' not in home
    listing = client.get(reverse("child_death:case_list", kwargs={"partnership": "leeds"})).content.decode()
    assert "No child death overview panel serves Leeds" in listing
    assert "Record a notification" not in listing


@pytest.mark.parametrize(("slug", "ccg", "icb"), HEALTH)
def test_the_structure_page_names_the_icb_today(as_user, slug, ccg, icb):
    manager = MANAGERS.get(slug) or _leeds_manager()
    page = as_user(manager).get(reverse("partnerships:structure", kwargs={"partnership": slug}))
    text = page.content.decode()
    assert icb in text
    assert ccg not in text
    # The partnership's record is not rewritten: it still names the paper's CCG.
    organisation = Organisation.objects.get(name=ccg)
    assert organisation.partner_of.filter(partnership__slug=slug).exists()
    assert organisation.succeeded_on == datetime.date(2022, 7, 1)
    assert organisation.successor.name == icb


def test_a_2020_rapid_review_keeps_the_ccg_that_signed_it(as_user):
    ccg, icb = HEALTH[2][1], HEALTH[2][2]
    signoff = (
        PartnerSignOff.objects.filter(
            organisation__name=ccg, rapid_review__isnull=False, signed_at__date__lt=datetime.date(2022, 7, 1)
        )
        .select_related("rapid_review")
        .first()
    )
    assert signoff is not None
    page = as_user("bhr-manager").get(signoff.rapid_review.get_absolute_url()).content.decode()
    start = page.index('id="sign-off"')
    sign_off_table = page[start : page.index("</table>", start)]
    assert ccg in sign_off_table
    assert icb not in sign_off_table
