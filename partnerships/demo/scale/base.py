"""Deterministic national-scale data for the benchmark (`generate_scale_data`).

Each app adds its own records with `register_scale_generator(order, func)`; `func(ctx)` receives a
`ScaleContext` (a seeded `random.Random`, the scale's counts, the partnerships with their
organisations and people) and writes with bulk inserts plus history rows
(`simple_history.utils.bulk_create_with_history`). The same seed always gives the same data.

National scale: ~150 partnership areas over 10 years: 6,000 serious incident
notifications and rapid reviews, 600 LCSPRs, 35,000 child deaths, 60,000 agency contributions,
20,000 meetings, 200,000 actions. The base app writes the partnerships, people, roles, groups and
actions; the reviews, child death and meeting apps add theirs when they register a generator.
"""

import datetime
import random
from dataclasses import dataclass, field

from simple_history.utils import bulk_create_with_history

SCALES = {
    # counts across the whole installation
    "national": {
        "partnerships": 150,
        "actions": 200_000,
        "notifications_rapid_reviews": 6_000,
        "lcsprs": 600,
        "child_deaths": 35_000,
        "contributions": 60_000,
        "meetings": 20_000,
        "years": 10,
    },
    "regional": {
        "partnerships": 15,
        "actions": 20_000,
        "notifications_rapid_reviews": 600,
        "lcsprs": 60,
        "child_deaths": 3_500,
        "contributions": 6_000,
        "meetings": 2_000,
        "years": 10,
    },
    "small": {
        "partnerships": 3,
        "actions": 300,
        "notifications_rapid_reviews": 12,
        "lcsprs": 2,
        "child_deaths": 30,
        "contributions": 60,
        "meetings": 20,
        "years": 3,
    },
}


@dataclass
class ScaleContext:
    scale: str
    seed: int
    rng: random.Random
    counts: dict
    start: datetime.date
    partnerships: list = field(default_factory=list)
    # per partnership id: {"organisations": [...], "people": [...], "bu": user, "leads": [...]}
    members: dict = field(default_factory=dict)
    created: dict = field(default_factory=dict)

    def per_partnership(self, key):
        return max(1, self.counts[key] // max(1, len(self.partnerships)))

    def day(self):
        """A deterministic day within the period."""
        return self.start + datetime.timedelta(days=self.rng.randrange(self.counts["years"] * 365))


_generators = []


def register_scale_generator(order, func):
    if func not in [f for _, f in _generators]:
        _generators.append((order, func))
        _generators.sort(key=lambda of: of[0])
    return func


def generators():
    return [f for _, f in _generators]


def bulk(model, objs, batch_size=2000):
    """Insert `objs` with one history row each (simple_history), in batches; returns them with pks."""
    if not objs:
        return []
    return bulk_create_with_history(objs, model, batch_size=batch_size)
