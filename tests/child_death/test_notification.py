"""Recording a notification and keeping the child's identity out of everything
but the case page: lists, exports, the national return, the API, deadlines and notifications."""

import datetime

import pytest
from django.core import mail

from child_death.models import ChildDeathCase, ChildIdentity, nhs_number_is_valid
from partnerships.core.models import Notification, RecordAccess
from partnerships.deadlines.models import Deadline
from partnerships.deadlines.register import deadlines_for

D = datetime.date


def _post(**overrides):
    data = {
        "panel": "",
        "date_of_death": "2024-02-03",
        "notified_on": "2024-02-04",
        "notified_by": "Emergency department consultant",
        "place_of_death": "hospital",
        "age_band": "1_4",
        "area_of_residence": "",
        "expectedness": "unexpected",
        "jar_triggered": "on",
        "jar_criterion": "sudden_unexplained",
        "given_names": "Zebedee",
        "family_name": "Quartermaine",
        "date_of_birth": "2021-07-09",
        "nhs_number": "943 476 5919",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_nhs_number_check_digit():
    assert nhs_number_is_valid("9434765919")
    assert nhs_number_is_valid("943 476 5919")
    assert not nhs_number_is_valid("9434765918")  # wrong check digit
    assert not nhs_number_is_valid("943476591")  # nine digits
    assert not nhs_number_is_valid("abcdefghij")


def test_the_business_unit_records_a_notification(world, client_for):
    client = client_for(world.officer)
    response = client.post(
        "/p/alpha/child-deaths/new/", _post(panel=world.cdop.pk, area_of_residence=world.area_a2.pk)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    case = ChildDeathCase.objects.get(notified_by="Emergency department consultant")
    assert case.reference == "AG-2024-001"
    assert case.jar_triggered and case.jar_criterion == "sudden_unexplained"
    identity = ChildIdentity.objects.get(case=case)
    assert (identity.given_names, identity.nhs_number, identity.date_of_birth) == (
        "Zebedee",
        "9434765919",
        D(2021, 7, 9),
    )
    # The panel's aims are in the register, titled by reference only.
    titles = list(deadlines_for(case).values_list("title", flat=True))
    assert len(titles) == 2 and all("AG-2024-001" in t and "Zebedee" not in t for t in titles)
    assert deadlines_for(case).get(kind="cdop_review").due_date == D(2024, 8, 3)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"nhs_number": "9434765918"}, "Enter a valid NHS number"),
        ({"nhs_number": ""}, "Enter the NHS number, or mark it not available"),
        ({"nhs_number_not_available": "on"}, "Give the NHS number or mark it not available, not both"),
        ({"jar_criterion": ""}, "Say which criterion triggered the joint agency response"),
        ({"notified_on": "2024-02-01"}, "same as or after the date of death"),
        ({"date_of_birth": "2024-03-01"}, "on or before the date of death"),
        ({"date_of_death": "2024-02-31"}, ""),
    ],
)
def test_bad_notifications_are_refused_and_nothing_saved(world, client_for, overrides, message):
    before = ChildDeathCase.objects.count(), ChildIdentity.objects.count()
    response = client_for(world.officer).post(
        "/p/alpha/child-deaths/new/",
        _post(panel=world.cdop.pk, area_of_residence=world.area_a.pk, **overrides),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert message in html
    assert (ChildDeathCase.objects.count(), ChildIdentity.objects.count()) == before


def test_nhs_number_may_be_marked_not_available(world, client_for):
    response = client_for(world.officer).post(
        "/p/alpha/child-deaths/new/",
        _post(
            panel=world.cdop.pk,
            area_of_residence=world.area_a.pk,
            nhs_number="",
            nhs_number_not_available="on",
        ),
    )
    assert response.status_code == 302
    assert ChildIdentity.objects.get(given_names="Zebedee").nhs_number_not_available


def test_identity_is_on_the_case_page_only_and_each_opening_is_logged(world, client_for):
    client = client_for(world.scrutineer)
    identity = world.cd_case.identity
    page = client.get(f"/p/alpha/child-deaths/{world.cd_case.pk}/").content.decode()
    assert identity.given_names in page and "Pseudonym" in page
    client.get(f"/p/alpha/child-deaths/{world.cd_case.pk}/")
    assert RecordAccess.objects.filter(user=world.scrutineer, record_id=world.cd_case.pk).count() == 2
    for url in (
        "/p/alpha/child-deaths/",
        "/p/alpha/child-deaths/?export=csv",
        "/p/alpha/child-deaths/?export=xlsx",
        "/p/alpha/child-deaths/forms/",
        "/p/alpha/child-deaths/forms/?export=csv",
        "/p/alpha/child-deaths/national-return/?export=csv",
        "/p/alpha/child-deaths/figures/?export=csv",
        f"/p/alpha/child-deaths/meetings/{world.cd_meeting.pk}/",
        "/p/alpha/",
        "/p/alpha/deadlines/",
    ):
        response = client.get(url)
        body = response.content
        assert b"Testchild" not in body and b"Pseudonym" not in body, url
        assert b"2015-03-01" not in body and b"1 Mar 2015" not in body and b"1 March 2015" not in body, url


def test_identity_never_in_the_api_notifications_or_emails(world, api_for):
    api = api_for(world.bu)
    body = (
        api.get("/api/child-death-cases/").content
        + api.get(f"/api/child-death-cases/{world.cd_case.pk}/").content
    )
    body += api.get("/api/child-death-forms/").content + api.get("/api/child-death-meetings/").content
    assert b"Testchild" not in body and b"Pseudonym" not in body and b"date_of_birth" not in body
    assert not Notification.objects.filter(title__contains="Testchild").exists()
    assert not Deadline.objects.filter(title__contains="Testchild").exists()
    assert all("Testchild" not in m.body and "Testchild" not in m.subject for m in mail.outbox)


def test_national_return_has_no_names_or_dates_of_birth(world, client_for):
    response = client_for(world.bu).get("/p/alpha/child-deaths/national-return/?export=csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert response.content.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    header = text.splitlines()[0].split(",")
    from child_death.exports import COLUMNS

    assert header == COLUMNS
    assert not {"name", "given_names", "family_name", "date_of_birth", "nhs_number"} & set(header)
    assert "Testchild" not in text and "Pseudonym" not in text and "2015-03" not in text
    assert world.cd_case.reference in text
    assert "2023-05," in text  # the month of death, not the date
    assert "2023-05-10" not in text
    assert world.beta_cd_case.reference not in text
    page = client_for(world.scrutineer).get("/p/alpha/child-deaths/national-return/")
    assert "month_of_death" in page.content.decode()


def test_changing_the_notification_keeps_identity_rules(world, client_for):
    case = world.cd_case
    response = client_for(world.bu).post(
        f"/p/alpha/child-deaths/{case.pk}/edit/",
        _post(
            date_of_death="2023-05-10",
            notified_on="2023-05-11",
            area_of_residence=world.area_a.pk,
            nhs_number="4010232137",
            given_names="Testchild1",
            family_name="Pseudonym",
            date_of_birth="2015-03-01",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    assert case.identity.nhs_number == "4010232137"
    assert case.notified_by == "Emergency department consultant"
