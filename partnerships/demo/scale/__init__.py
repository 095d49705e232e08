"""Deterministic national-scale data for the benchmark (`generate_scale_data`): see `base`.

Importing each part registers its generator; they run in the order they registered with.
"""

import datetime
import random

from partnerships.demo.scale import child_death, funding, governance, reviews, structure  # noqa: F401
from partnerships.demo.scale.base import SCALES, ScaleContext, generators

__all__ = ["SCALES", "generate"]


def generate(scale="national", seed=1, log=print):
    ctx = ScaleContext(
        scale=scale,
        seed=seed,
        rng=random.Random(seed),  # noqa: S311  # nosec B311
        counts=SCALES[scale],
        start=datetime.date(2016, 4, 1),
    )
    for func in generators():
        started = datetime.datetime.now(datetime.UTC)
        func(ctx)
        log(
            f"{func.__module__}.{func.__name__}: {(datetime.datetime.now(datetime.UTC) - started).total_seconds():.1f}s"
        )
    return ctx
