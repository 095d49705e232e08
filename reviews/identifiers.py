"""What identifies a child in this app's case records, for the publication guard and the
record lookup other apps link through (partnerships/registry.py)."""

from partnerships.core.registry import date_spellings
from reviews.models import SeriousIncidentNotification


def case_identifiers(partnership):
    """Names, dates of birth and the partnership's case references of its serious incidents.

    The pseudonym ("Child H") is not among them: it is what a published LCSPR report is written
    with (Working Together 2018, chapter 4, para 38: reports are published anonymised).
    """
    rows = SeriousIncidentNotification.objects.filter(partnership=partnership).values_list(
        "reference", "child_name", "child_date_of_birth"
    )
    for reference, name, born in rows:
        yield reference
        if name:
            yield name
        yield from date_spellings(born)


def lookup_notification(user, partnership, record_id):
    """A serious incident notification by id, if `user` may see it in `partnership`."""
    return (
        SeriousIncidentNotification.objects.visible_to(user)
        .in_partnership(partnership)
        .filter(pk=record_id)
        .first()
    )


def lookup_lcspr(user, partnership, record_id):
    """An LCSPR (or legacy SCR) by id, if `user` may see it in `partnership` (None: the system)."""
    from reviews.models import LCSPR

    rows = LCSPR.objects.in_partnership(partnership)
    if user is not None:
        rows = rows.visible_to(user)
    return rows.filter(pk=record_id).first()


def lcspr_choices(user, partnership):
    """The LCSPRs a published LCSPR report can be linked to: [(id, "reference: title")]."""
    from reviews.models import LCSPR

    rows = LCSPR.objects.in_partnership(partnership).visible_to(user).order_by("-decided_on", "-pk")
    return [(row.pk, str(row)) for row in rows]


def record_lcspr_published(actor, lcspr, published_on):
    """The LCSPR report was published (publications app): record the date on the LCSPR.

    `save_lcspr` upserts the publication deadline with `met_on` (docs/statutory-rules.md#lcspr: published within
    6 months of the decision) and refuses the date if the final report did not reach the Panel and
    the DfE at least 7 working days before, or if it is late without a reason. A later revision of an
    already published report keeps the first publication date.
    """
    from reviews.services import save_lcspr

    if lcspr.published_on is not None:
        return
    lcspr.published_on = published_on
    save_lcspr(actor, lcspr)
