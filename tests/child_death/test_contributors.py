"""Agency contributors complete reporting forms in the browser, and see only their own agency's."""

import datetime

from child_death.choices import FormKind, FormStatus
from child_death.models import ReportingForm
from child_death.services import REPORTING_FORM_WORKING_DAYS, request_reporting_form
from partnerships.core.registry import agency_requests
from partnerships.deadlines.register import deadlines_for


def test_a_request_sets_its_due_date_in_working_days_and_the_register(world):
    form = world.cd_form
    # Requested Friday 12 May 2023; 15 working days on, skipping the bank holiday of 29 May.
    assert REPORTING_FORM_WORKING_DAYS == 15
    assert form.due_date == datetime.date(2023, 6, 5)
    deadline = deadlines_for(form).get()
    assert deadline.due_date == form.due_date and deadline.met_on is None
    assert "working days" in deadline.rule and deadline.authority
    assert "Testchild" not in deadline.title


def test_the_contributor_lists_and_submits_their_form(world, client_for):
    client = client_for(world.contributor)
    listing = client.get("/p/alpha/child-deaths/contribute/")
    assert listing.status_code == 200
    assert world.cd_case.reference in listing.content.decode()
    page = client.get(f"/p/alpha/child-deaths/contribute/{world.cd_form.pk}/")
    assert page.status_code == 200
    assert "Testchild" not in page.content.decode()
    response = client.post(
        f"/p/alpha/child-deaths/contribute/{world.cd_form.pk}/",
        {
            "involvement": "Seen in the emergency department twice.",
            "concerns": "",
            "information": "",
            "submitted_on_0": "20",
            "submitted_on_1": "5",
            "submitted_on_2": "2023",
        },
    )
    assert response.status_code == 302
    form = ReportingForm.objects.get(pk=world.cd_form.pk)
    assert form.status == FormStatus.SUBMITTED and form.submitted_by == world.contributor
    assert form.involvement == "Seen in the emergency department twice."
    assert deadlines_for(form).get().met_on == datetime.date(2023, 5, 20)


def test_an_empty_form_is_refused(world, client_for):
    response = client_for(world.contributor).post(
        f"/p/alpha/child-deaths/contribute/{world.cd_form.pk}/",
        {"involvement": "", "submitted_on": "2023-05-20"},
    )
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert ReportingForm.objects.get(pk=world.cd_form.pk).status == FormStatus.REQUESTED


def test_the_contributor_cannot_reach_another_agencys_form_or_the_case(world, client_for):
    other = request_reporting_form(
        world.bu,
        world.cd_case,
        organisation=world.school,
        kind=FormKind.REPORTING,
        requested_on=world.cd_case.notified_on,
    )
    client = client_for(world.contributor)
    assert client.get(f"/p/alpha/child-deaths/contribute/{other.pk}/").status_code == 404
    assert (
        client.post(f"/p/alpha/child-deaths/contribute/{other.pk}/", {"involvement": "x"}).status_code == 404
    )
    assert client.get(f"/p/alpha/child-deaths/{world.cd_case.pk}/").status_code == 404
    assert other.reference if hasattr(other, "reference") else True
    assert "Alpha Academy" not in client.get("/p/alpha/child-deaths/contribute/").content.decode()


def test_the_contributors_home_page_lists_the_request(world, client_for):
    requests = agency_requests(world.contributor, {world.hospital.pk})
    mine = [r for r in requests if r.kind == "Child death reporting form"]
    assert len(mine) == 1 and world.cd_case.reference in mine[0].title and mine[0].is_open
    assert mine[0].url == f"/p/alpha/child-deaths/contribute/{world.cd_form.pk}/"


def test_the_business_unit_can_record_or_waive_a_form(world, client_for):
    client = client_for(world.bu)
    response = client.post(f"/p/alpha/child-deaths/forms/{world.cd_form.pk}/waive/", {"reason": ""})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    response = client.post(
        f"/p/alpha/child-deaths/forms/{world.cd_form.pk}/waive/", {"reason": "No contact with the child."}
    )
    assert response.status_code == 302
    form = ReportingForm.objects.get(pk=world.cd_form.pk)
    assert form.status == FormStatus.WAIVED and form.waived_reason == "No contact with the child."
    assert not deadlines_for(form).get().is_active
