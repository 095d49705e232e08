"""Action log figures: open and overdue actions by agency and by source, for the dashboard and the
yearly report (docs/statutory-rules.md#yearly-report: actions taken on review recommendations).

An action is open while it is Open or In progress; it is overdue when open past its due date on
`today`. The figures are a snapshot on `today` (an action has no area of its own). Each function is
one query, whatever the number of actions; `action_records` gives the rows behind each figure.
"""

from django.db.models import Count, Q
from django.utils import timezone

from partnerships.core.choices import ActionSource
from partnerships.core.models import Action

NO_ORGANISATION = "none"


def _open(partnership):
    return Action.objects.filter(partnership=partnership).open()


def actions_by_agency(partnership, today=None):
    """[{organisation_id, name, open, overdue}] for open actions, by the owning organisation."""
    today = today or timezone.localdate()
    rows = (
        _open(partnership)
        .order_by()
        .values("owner_organisation_id", "owner_organisation__name")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
    )
    result = [
        {
            "organisation_id": r["owner_organisation_id"],
            "name": r["owner_organisation__name"] or "No organisation",
            "open": r["open"],
            "overdue": r["overdue"],
        }
        for r in rows
    ]
    return sorted(result, key=lambda r: (r["organisation_id"] is None, r["name"]))


def actions_by_source(partnership, today=None):
    """[{source, name, open, overdue}] for every kind of source, including those with none."""
    today = today or timezone.localdate()
    rows = {
        r["source_kind"]: r
        for r in _open(partnership)
        .order_by()
        .values("source_kind")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
    }
    return [
        {
            "source": choice.value,
            "name": choice.label,
            "open": rows.get(choice.value, {}).get("open", 0),
            "overdue": rows.get(choice.value, {}).get("overdue", 0),
        }
        for choice in ActionSource
    ]


def action_records(partnership, *, organisation=None, source=None, overdue=False, today=None):
    """The open (or overdue) actions counted in one figure above."""
    today = today or timezone.localdate()
    qs = _open(partnership)
    if organisation == NO_ORGANISATION:
        qs = qs.filter(owner_organisation__isnull=True)
    elif organisation is not None:
        qs = qs.filter(owner_organisation_id=organisation)
    if source is not None:
        qs = qs.filter(source_kind=source)
    if overdue:
        qs = qs.filter(due_date__lt=today)
    return qs
