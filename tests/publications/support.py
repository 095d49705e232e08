"""Shared steps for publication tests: take a version through sign-off to publication."""

import datetime

from publications import services
from publications.choices import PublicationKind


def sign_all(world, version, leads=None):
    pairs = leads or [
        (world.lead_la, world.council),
        (world.lead_la2, world.council2),
        (world.lead_health, world.icb),
        (world.lead_police, world.police),
    ]
    for lead, org in pairs:
        services.sign_off(lead, version, organisation=org)


def publish_arrangements(world, on=datetime.date(2019, 6, 20)):
    version = services.make_draft(world.bu, world.arrangements)
    version = services.send_for_sign_off(world.bu, version, accept_missing=True)
    sign_all(world, version)
    return services.publish(world.bu, version, on=on)


def yearly_report(world):
    return world.yearly


__all__ = ["PublicationKind"]
