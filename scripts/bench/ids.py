"""Write ids.json: per scale partnership (seed 1), a few record ids for the detail pages."""

import json
import sys

import django

django.setup()

from child_death.models import ChildDeathCase  # noqa: E402
from partnerships.models import Action, Meeting, Partnership  # noqa: E402
from reviews.models import RapidReview, SeriousIncidentNotification  # noqa: E402

out = {}
for p in Partnership.objects.filter(slug__startswith="scale-1-").order_by("pk"):
    out[p.slug] = {
        "action": list(Action.objects.filter(partnership=p).order_by("pk").values_list("pk", flat=True)[:20]),
        "meeting": list(
            Meeting.objects.filter(partnership=p).order_by("pk").values_list("pk", flat=True)[:20]
        ),
        "notification": list(
            SeriousIncidentNotification.objects.filter(partnership=p)
            .order_by("pk")
            .values_list("pk", flat=True)[:20]
        ),
        "review": list(
            RapidReview.objects.filter(partnership=p).order_by("pk").values_list("pk", flat=True)[:20]
        ),
        "case": list(
            ChildDeathCase.objects.filter(panel__partnerships=p)
            .order_by("pk")
            .values_list("pk", flat=True)[:20]
        ),
    }
json.dump(out, open(sys.argv[1], "w"))  # noqa: SIM115
