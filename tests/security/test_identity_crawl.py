"""Crawl everything the product lets out of a partnership and look for its children.

The test world holds real case records about children (a serious incident naming Zebedee
Quillfeather with a date of birth; child death cases with names and NHS numbers). After publishing
its documents and briefing, this test fetches every public page and PDF anonymously, every
person's calendar feed, every e-mail a catch-up sweep sends, every notification and every list
export, and reads each as its reader would, looking for any identifier of those children.
"""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from partnerships.core import identity
from partnerships.core.identity_match import IdentityGuard
from partnerships.core.models import Notification, Partnership
from partnerships.deadlines import reminders
from partnerships.deadlines.calendar import create_feed
from partnerships.deadlines.models import Reminder
from partnerships.learning.models import LearningBriefing
from publications.choices import VersionStatus
from publications.models import PublicationVersion
from tests.deadlines.support import at
from tests.publications.pdftext import needs_poppler, pdf_text
from tests.publications.support import publish_arrangements, sign_all
from tests.reviews.builders import FULL_NAME


def _guards():
    partnerships = list(Partnership.objects.all())
    public = {p.pk: identity.guard_for(p) for p in partnerships}
    internal = {p.pk: identity.guard_for(p, public=False) for p in partnerships}
    everyone = IdentityGuard(
        [i for p in partnerships for i in identity.child_identities(p)], day_month=identity.DAY_MONTH
    )
    return public, internal, everyone


def _publish_yearly(world):
    from publications import services

    version = services.make_draft(world.bu, world.yearly)
    version = services.send_for_sign_off(world.bu, version, accept_missing=True)
    sign_all(world, version)
    return services.publish(world.bu, version, on=datetime.date(2020, 6, 1))


@needs_poppler
@pytest.mark.slow
def test_nothing_that_leaves_the_product_carries_a_childs_identity(
    world, client, client_for, django_capture_on_commit_callbacks
):
    assert FULL_NAME.split()[1] in str(identity.child_identities(world.alpha))  # the world's child is known
    publish_arrangements(world)
    _publish_yearly(world)
    public, internal, everyone = _guards()
    leaks = []

    def read(what, text, guard):
        for match in guard.find(text):
            leaks.append(f"{what}: {match}")

    # Public pages and PDFs, fetched as the public does (no sign-in).
    for partnership in Partnership.objects.all():
        slug, guard = partnership.slug, public[partnership.pk]
        index = client.get(reverse("publications:public_index", kwargs={"slug": slug}))
        assert index.status_code in (200, 404)
        read(f"{slug} public index", index.content.decode(), guard)
        published = PublicationVersion.objects.filter(
            publication__partnership=partnership, status=VersionStatus.PUBLISHED
        )
        for version in published:
            kwargs = {"slug": slug, "pk": version.publication_id}
            page = client.get(reverse("publications:public_document", kwargs=kwargs))
            assert page.status_code == 200
            read(f"{version} page", page.content.decode(), guard)
            pdf = client.get(reverse("publications:public_pdf", kwargs=kwargs))
            assert pdf.status_code == 200
            read(f"{version} PDF", pdf_text(b"".join(pdf.streaming_content)), guard)
        listing = client.get(reverse("learning_public:briefing_list", kwargs={"slug": slug}))
        read(f"{slug} briefings", listing.content.decode(), guard)
        for briefing in LearningBriefing.objects.published().filter(partnership=partnership):
            kwargs = {"slug": slug, "pk": briefing.pk}
            page = client.get(reverse("learning_public:briefing", kwargs=kwargs))
            read(f"briefing {briefing.pk}", page.content.decode(), guard)
            pdf = client.get(reverse("learning_public:briefing_pdf", kwargs=kwargs))
            read(f"briefing {briefing.pk} PDF", pdf_text(pdf.content), guard)
    assert PublicationVersion.objects.filter(status=VersionStatus.PUBLISHED).count() >= 2

    # Every person's calendar feed (they sync to calendar services outside the product).
    personas = [
        world.bu,
        world.officer,
        world.lead_la,
        world.lead_health,
        world.lead_police,
        world.scrutineer,
    ]
    for person in personas:
        feed, secret = create_feed(person)
        with at(datetime.date(2026, 1, 20)):
            ics = client.get(reverse("calendar_feed_ics", kwargs={"key": feed.key, "secret": secret}))
        assert ics.status_code == 200
        read(f"{person.username}'s calendar", ics.content.decode().replace("\r\n ", ""), everyone)

    # Every e-mail and notification of a catch-up sweep over the whole register.
    mail.outbox.clear()
    with at(datetime.date(2026, 1, 20)), django_capture_on_commit_callbacks(execute=True):
        reminders.sweep()
    # The world's 2019 dates are long overdue: each person gets one catch-up summary listing them.
    assert len(mail.outbox) > 5 and any(m.subject.startswith("Catch-up: ") for m in mail.outbox)
    assert sum(m.body.count("\n- ") for m in mail.outbox) > 10
    for message in mail.outbox:
        assert len(message.to) == 1
        read(f"e-mail {message.subject!r}", f"{message.subject}\n{message.body}", everyone_internal(internal))
        for html, _type in message.alternatives:
            read(f"e-mail {message.subject!r} (HTML)", html, everyone_internal(internal))
    for reminder in Reminder.objects.all():  # each rung's own text, kept in the outbox and the admin
        read(
            f"reminder {reminder.subject!r}",
            f"{reminder.subject}\n{reminder.body}",
            everyone_internal(internal),
        )
    for notification in Notification.objects.all():
        read(
            f"notification {notification.title!r}",
            f"{notification.title}\n{notification.body}",
            internal[notification.partnership_id] if notification.partnership_id else everyone,
        )

    # Every list export of the case reviews and child deaths, as the business unit downloads it.
    signed_in = client_for(world.bu)
    for path in (
        "/p/alpha/reviews/notifications/",
        "/p/alpha/reviews/rapid-reviews/",
        "/p/alpha/child-deaths/",
    ):
        export = signed_in.get(f"{path}?export=csv")
        if export.status_code == 200:
            read(f"export {path}", export.content.decode(), internal[world.alpha.pk])

    assert leaks == []


def everyone_internal(internal):
    """One guard over every partnership's children at internal strength (e-mails span them)."""
    identities = [i for guard in internal.values() for i in guard.identities]
    return IdentityGuard(identities, day_month=identity.DAY_MONTH)
