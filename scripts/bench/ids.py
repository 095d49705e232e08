"""Write ids.json: per scale partnership (seed 1), a few record ids for the detail pages."""

import json
import sys


def record_ids(prefix="scale-1-", per_kind=20):
    """{partnership slug: {kind: [ids]}} for the placeholders of pages.PAGES."""
    from child_death.models import ChildDeathCase
    from partnerships.assurance.models import ScrutinyActivity
    from partnerships.core.models import Action, Partnership
    from partnerships.governance.models import Meeting, Priority, Risk
    from reviews.models import RapidReview, SeriousIncidentNotification

    kinds = {
        "action": (Action, "partnership"),
        "meeting": (Meeting, "partnership"),
        "notification": (SeriousIncidentNotification, "partnership"),
        "review": (RapidReview, "partnership"),
        "case": (ChildDeathCase, "panel__partnerships"),
        "priority": (Priority, "partnership"),
        "risk": (Risk, "partnership"),
        "activity": (ScrutinyActivity, "partnership"),
    }
    return {
        p.slug: {
            kind: list(
                model.objects.filter(**{scope: p}).order_by("pk").values_list("pk", flat=True)[:per_kind]
            )
            for kind, (model, scope) in kinds.items()
        }
        for p in Partnership.objects.filter(slug__startswith=prefix).order_by("pk")
    }


if __name__ == "__main__":
    import django

    django.setup()
    with open(sys.argv[1], "w") as out:
        json.dump(record_ids(), out)
