"""What identifies a child in this app's case records, for the identity guard
(partnerships/core/identity.py), and the record lookups other apps link through."""

from partnerships.core.identity import ChildIdentity, other_names, split_name
from reviews.models import LCSPR, SeriousIncidentNotification
from reviews.services import save_lcspr


def case_identifiers(partnership):
    """Each serious incident's child: name, other names, date of birth, and the notification's own
    and the Panel's references.

    The pseudonym ("Child H") is not among them: it is what a published LCSPR report is written
    with (Working Together 2018, chapter 4, para 38: reports are published anonymised).
    """
    rows = SeriousIncidentNotification.objects.filter(partnership=partnership).values_list(
        "reference", "panel_reference", "child_name", "child_other_names", "child_date_of_birth"
    )
    for reference, panel_reference, name, others, born in rows:
        given, family = split_name(name)
        yield ChildIdentity(
            record_label=f"serious incident {reference}",
            given_names=given,
            family_names=family,
            aliases=other_names(others),
            dates_of_birth=born,
            references=(reference, panel_reference),
        )


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
    rows = LCSPR.objects.in_partnership(partnership)
    if user is not None:
        rows = rows.visible_to(user)
    return rows.filter(pk=record_id).first()


def lcspr_choices(user, partnership):
    """The LCSPRs a published LCSPR report can be linked to: [(id, "reference: title")]."""
    rows = LCSPR.objects.in_partnership(partnership).visible_to(user).order_by("-decided_on", "-pk")
    return [(row.pk, str(row)) for row in rows]


def record_lcspr_published(actor, lcspr, published_on):
    """The LCSPR report was published (publications app): record the date on the LCSPR.

    `save_lcspr` upserts the publication deadline with `met_on` (docs/statutory-rules.md#lcspr: published within
    6 months of the decision) and refuses the date if the final report did not reach the Panel and
    the DfE at least 7 working days before, or if it is late without a reason. A later revision of an
    already published report keeps the first publication date.
    """
    if lcspr.published_on is not None:
        return
    lcspr.published_on = published_on
    save_lcspr(actor, lcspr)
