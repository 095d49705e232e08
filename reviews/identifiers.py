"""What identifies a child in this app's case records, for the publication guard (issue 8) and the
record lookup other apps link through (partnerships/registry.py)."""

from partnerships.registry import date_spellings
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
