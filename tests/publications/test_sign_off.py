"""Versions and sign-off: drafts, frozen once sent, each partner's lead signs for their own
organisation, publication only when all have signed, and the dates in the deadline register."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from partnerships.core.models import SafeguardingPartner
from partnerships.deadlines.models import YearlyReportCycle
from partnerships.deadlines.register import deadlines_for
from partnerships.deadlines.rules import ARRANGEMENTS_PUBLISHED, YEARLY_REPORT_PUBLISHED, YEARLY_REPORT_SENT
from publications import services
from publications.choices import VersionStatus
from publications.models import PublicationVersion, SignOff
from tests.publications.support import publish_arrangements, sign_all


def _sent(world, publication=None):
    version = services.make_draft(world.bu, publication or world.arrangements)
    return services.send_for_sign_off(world.bu, version, accept_missing=True)


def test_two_of_three_partners_signing_does_not_publish(world):
    SafeguardingPartner.objects.filter(pk=world.partner_la2.pk).delete()  # three statutory partners
    version = _sent(world)
    services.sign_off(world.lead_la, version, organisation=world.council)
    services.sign_off(world.lead_health, version, organisation=world.icb)
    with pytest.raises(ValidationError, match="Every statutory safeguarding partner"):
        services.publish(world.bu, version)
    version.refresh_from_db()
    assert version.status == VersionStatus.SENT_FOR_SIGN_OFF and version.published_on is None
    world.alpha.refresh_from_db()
    assert world.alpha.arrangements_published_on is None
    services.sign_off(world.lead_police, version, organisation=world.police)
    services.publish(world.bu, version, on=datetime.date(2019, 6, 20))
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED and version.published_on == datetime.date(2019, 6, 20)


def test_a_lead_signs_only_for_their_own_organisation(world):
    version = _sent(world)
    with pytest.raises(PermissionDenied):
        services.sign_off(world.lead_la, version, organisation=world.police)
    with pytest.raises(PermissionDenied):
        services.sign_off(world.scrutineer, version, organisation=world.council)
    with pytest.raises(PermissionDenied):
        services.sign_off(world.bu, version, organisation=world.council)
    services.sign_off(world.lead_la, version, organisation=world.council)
    with pytest.raises(ValidationError, match="already signed"):
        services.sign_off(world.lead_la, version, organisation=world.council)
    assert SignOff.objects.filter(version=version).count() == 1


def test_a_draft_cannot_be_signed_and_a_sent_version_cannot_change(world):
    draft = services.make_draft(world.bu, world.arrangements)
    with pytest.raises(ValidationError):
        services.sign_off(world.lead_la, draft, organisation=world.council)
    sent = services.send_for_sign_off(world.bu, draft, accept_missing=True)
    sent.content = {**sent.content, "title": "Changed after sending"}
    with pytest.raises(ValidationError, match="cannot be changed"):
        sent.save()
    assert PublicationVersion.objects.get(pk=sent.pk).content["title"] == "Alpha safeguarding arrangements"
    # a new draft is a new version; the sent one stays as it was
    services.write_narrative(
        world.bu, world.arrangements, "arrangements:escalation", "Escalate to the manager."
    )
    v2 = services.make_draft(world.bu, world.arrangements)
    assert v2.pk != sent.pk and v2.number == sent.number + 1
    assert "Escalate to the manager." not in str(PublicationVersion.objects.get(pk=sent.pk).content)


def test_sending_a_newer_version_supersedes_the_older_and_its_signatures(world):
    v1 = _sent(world)
    services.sign_off(world.lead_la, v1, organisation=world.council)
    v2 = _sent(world)
    v1.refresh_from_db()
    assert v1.status == VersionStatus.SUPERSEDED
    with pytest.raises(ValidationError):
        services.sign_off(world.lead_health, v1, organisation=world.icb)
    assert services.outstanding_partners(v2) == {
        world.council.pk,
        world.council2.pk,
        world.icb.pk,
        world.police.pk,
    }


def test_publishing_the_arrangements_records_the_date_against_the_deadline(world):
    publish_arrangements(world, on=datetime.date(2019, 6, 20))
    world.alpha.refresh_from_db()
    assert world.alpha.arrangements_published_on == datetime.date(2019, 6, 20)
    deadline = deadlines_for(world.alpha.timetable).get(kind=ARRANGEMENTS_PUBLISHED)
    assert deadline.due_date == datetime.date(2019, 6, 29)
    assert deadline.met_on == datetime.date(2019, 6, 20)


def test_publishing_the_yearly_report_records_the_cycle_and_sending(world):
    cycle = world.alpha_cycle
    version = _sent(world, world.yearly)
    sign_all(world, version)
    services.publish(world.bu, version, on=datetime.date(2020, 9, 20))
    world.yearly.refresh_from_db()
    assert world.yearly.cycle == cycle  # the unpublished cycle is the one this report meets
    cycle.refresh_from_db()
    assert cycle.published_on == datetime.date(2020, 9, 20)
    published = deadlines_for(cycle).get(kind=YEARLY_REPORT_PUBLISHED)
    assert published.met_on == datetime.date(2020, 9, 20) and published.due_date == cycle.publish_by
    # the next 12 months start on publication (partnerships/timetable.py)
    assert YearlyReportCycle.objects.filter(
        partnership=world.alpha, starts_on=datetime.date(2020, 9, 20)
    ).exists()
    sent = deadlines_for(cycle).get(kind=YEARLY_REPORT_SENT)
    assert sent.due_date == datetime.date(
        2020, 9, 27
    )  # 7 days after publication (docs/statutory-rules.md#yearly-report)
    services.record_sent(world.bu, world.yearly, sent_on=datetime.date(2020, 9, 25))
    sent.refresh_from_db()
    assert sent.met_on == datetime.date(2020, 9, 25)


def test_record_sent_needs_a_published_report(world):
    with pytest.raises(ValidationError):
        services.record_sent(world.bu, world.yearly, sent_on=datetime.date(2020, 9, 25))
    with pytest.raises(ValidationError):
        services.record_sent(world.bu, world.arrangements, sent_on=datetime.date(2020, 9, 25))
