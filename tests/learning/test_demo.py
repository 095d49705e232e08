"""Demo data of learning and impact: each paper's partnership has a dataset, clearly marked as demo."""

import io

import pytest
from django.core.management import call_command

from partnerships.core.models import Partnership
from partnerships.learning import figures
from partnerships.learning.models import Indicator, LearningBriefing


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def test_every_demo_partnership_has_a_marked_dataset_and_learning(demo):
    for partnership in Partnership.objects.all():
        indicators = Indicator.objects.filter(partnership=partnership)
        codes = set(indicators.values_list("code", flat=True))
        assert {"referrals", "re-referrals", "cp-plans", "missing-episodes", "exploitation-flags"} <= codes
        assert all(indicators.values_list("is_demo", flat=True))
        assert LearningBriefing.objects.filter(partnership=partnership).published().exists()
        reach = figures.training_reach(partnership)
        assert reach.attended == 12 and reach.no_shows == 2
        statuses = figures.dataset_latest_vs_target(partnership)
        assert all(s.latest is not None for s in statuses)
