import django_filters

from partnerships.core.filters import ScopedFilterSet
from partnerships.core.forms import GovUKForm
from partnerships.core.models import LocalAuthorityArea
from reviews.choices import IncidentType, RapidReviewDecision, RapidReviewStatus
from reviews.models import LCSPR, RapidReview, SeriousIncidentNotification


class AreaFilterMixin:
    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        partnership = getattr(request, "current_partnership", None)
        for name, f in self.filters.items():
            if name.endswith("area") and partnership is not None:
                f.queryset = LocalAuthorityArea.objects.filter(partnerships=partnership)


class NotificationFilter(AreaFilterMixin, ScopedFilterSet):
    area = django_filters.ModelChoiceFilter(queryset=LocalAuthorityArea.objects.all(), empty_label="Any area")
    incident_type = django_filters.ChoiceFilter(choices=IncidentType.choices, empty_label="Any incident")

    class Meta:
        model = SeriousIncidentNotification
        fields = ["area", "incident_type"]
        form = GovUKForm


class RapidReviewFilter(AreaFilterMixin, ScopedFilterSet):
    notification__area = django_filters.ModelChoiceFilter(
        queryset=LocalAuthorityArea.objects.all(), empty_label="Any area", label="Area"
    )
    status = django_filters.ChoiceFilter(choices=RapidReviewStatus.choices, empty_label="Any status")
    decision = django_filters.ChoiceFilter(choices=RapidReviewDecision.choices, empty_label="Any decision")

    class Meta:
        model = RapidReview
        fields = ["notification__area", "status", "decision"]
        form = GovUKForm


class LCSPRFilter(AreaFilterMixin, ScopedFilterSet):
    area = django_filters.ModelChoiceFilter(queryset=LocalAuthorityArea.objects.all(), empty_label="Any area")

    class Meta:
        model = LCSPR
        fields = ["area", "kind"]
        form = GovUKForm
