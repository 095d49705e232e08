"""A serious incident notification's dates, the same through the page, the API and the service
(docs/statutory-rules.md#serious-incident-notification), across weekends and bank holidays."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from reviews import services
from reviews.choices import AgeBand, IncidentType
from reviews.models import ContributionRequest, SeriousIncidentNotification

D = datetime.date
TODAY = D(2026, 4, 7)  # the Tuesday after Easter Monday 2026


def _notification(world, **fields):
    values = {
        "partnership": world.alpha,
        "age_band": AgeBand.AGE_5_9,
        "area": world.area_a,
        "incident_type": IncidentType.SERIOUS_HARM,
        "la_aware_on": D(2026, 4, 2),  # Maundy Thursday
    }
    values.update(fields)
    return SeriousIncidentNotification(**values)


@pytest.fixture
def today():
    with time_machine.travel(timezone.make_aware(datetime.datetime(2026, 4, 7, 10)), tick=False):
        yield TODAY


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"la_aware_on": D(2026, 4, 8)}, "la_aware_on", "cannot be in the future"),
        (
            {"incident_on": D(2026, 4, 3)},
            "incident_on",
            "on or before the date the local authority became aware",
        ),
        ({"panel_notified_on": D(2026, 4, 1)}, "panel_notified_on", "cannot have been notified before"),
        ({"panel_notified_on": D(2026, 4, 9)}, "panel_notified_on", "cannot be in the future"),
        (
            {"incident_type": IncidentType.CARE_LEAVER_DEATH, "la_aware_on": D(2023, 12, 14)},
            "incident_type",
            "from 15 December 2023",
        ),
    ],
)
def test_impossible_dates_are_refused_by_every_door(
    world, today, client_for, api_for, fields, field, message
):
    before = (SeriousIncidentNotification.objects.count(), SeriousIncidentNotification.history.count())
    with pytest.raises(ValidationError) as error:
        services.save_notification(world.bu, _notification(world, **fields))
    assert message in " ".join(error.value.message_dict[field])
    api_body = {
        "partnership": "alpha",
        "age_band": AgeBand.AGE_5_9,
        "area": world.area_a.pk,
        "incident_type": fields.get("incident_type", IncidentType.SERIOUS_HARM),
        "la_aware_on": str(fields.get("la_aware_on", D(2026, 4, 2))),
    }
    for name in ("incident_on", "panel_notified_on"):
        if name in fields:
            api_body[name] = str(fields[name])
    response = api_for(world.bu).post("/api/serious-incidents/", api_body, format="json")
    assert response.status_code == 400
    assert message in str(response.json()), response.json()
    assert "Constraint" not in str(response.json())
    after = (SeriousIncidentNotification.objects.count(), SeriousIncidentNotification.history.count())
    assert after == before


def test_good_dates_across_easter_are_accepted(world, today):
    n = services.save_notification(
        world.bu, _notification(world, incident_on=D(2026, 4, 1), panel_notified_on=D(2026, 4, 7))
    )
    # 5 working days from Maundy Thursday: Good Friday and Easter Monday are bank holidays.
    assert n.panel_due_date == D(2026, 4, 13)


def test_a_contribution_cannot_be_due_after_its_rapid_review(world, today):
    n = services.save_notification(world.bu, _notification(world, panel_notified_on=D(2026, 4, 7)))
    review = services.start_rapid_review(world.bu, n)
    before = ContributionRequest.objects.count()
    with pytest.raises(ValidationError) as error:
        services.request_contribution(
            world.bu, review, world.hospital, due_date=review.due_date + datetime.timedelta(days=1)
        )
    assert "on or before the rapid review's own due date" in error.value.message_dict["due_date"][0]
    assert ContributionRequest.objects.count() == before
    services.request_contribution(world.bu, review, world.hospital, due_date=review.due_date)


def test_a_rapid_review_decision_cannot_be_dated_in_the_future(world, today):
    n = services.save_notification(world.bu, _notification(world, panel_notified_on=D(2026, 4, 7)))
    review = services.start_rapid_review(world.bu, n)
    review.decision = "no_further"
    review.decision_rationale = "Learning is captured by the rapid review."
    review.decided_on = D(2026, 4, 8)
    with pytest.raises(ValidationError) as error:
        services.save_rapid_review(world.bu, review)
    assert error.value.message_dict["decided_on"] == ["The date of the decision cannot be in the future."]
