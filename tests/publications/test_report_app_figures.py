"""The yearly report's case review, child death, priority, training and voice figures come from the
same shared functions as the scrutiny dashboard, and carry no child's identity."""

import datetime

import pytest

from publications import assembly, services
from publications.choices import PublicationKind
from reviews import figures as review_figures
from tests.reviews.builders import DOB, FULL_NAME

pytestmark = pytest.mark.django_db
D = datetime.date


def _report(world):
    publication = services.create_publication(
        world.bu,
        world.alpha,
        kind=PublicationKind.YEARLY_REPORT,
        title="Alpha yearly report 2025 to 2026",
        period_start=D(2025, 4, 1),
    )
    version = services.make_draft(world.bu, publication)
    return publication, " ".join(assembly.content_lines(version.content))


def test_review_figures_in_the_report_are_the_dashboards(world):
    publication, text = _report(world)
    start, end = publication.period_start, publication.period_end
    notified = review_figures.notifications_within_deadline(world.alpha, start, end)
    assert notified.total >= 1  # the test world's alpha notification (aware 5 January 2026)
    assert f"Serious incidents notified to the Panel within 5 working days: {notified}" in text
    rapid = review_figures.rapid_reviews_within_deadline(world.alpha, start, end)
    assert f"Rapid reviews completed within 15 working days: {rapid}" in text
    for label, count in review_figures.counts_by_stage(world.alpha, start, end):
        assert f"{label} | {count}" in text
    for label, count in review_figures.decisions(world.alpha, start, end):
        assert f"{label} | {count}" in text


def test_the_report_carries_no_childs_identity(world):
    _, text = _report(world)
    assert FULL_NAME not in text
    assert DOB.strftime("%d/%m/%Y") not in text and DOB.isoformat() not in text
    assert "Child deaths notified in the period" in text
    assert "Multi-agency training sessions held" in text
    assert "Engagement activities" in text
