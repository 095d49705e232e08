"""Partner contributions received against agreed for a financial year, by organisation: for the
dashboard and the yearly report (docs/statutory-rules.md#funding: partners agree their shares and
the yearly report says what was received). One query, whatever the number of payments.
"""

from funding.models import Contribution


def contribution_records(partnership, year, organisation=None):
    qs = Contribution.objects.filter(partnership=partnership, year=year)
    return qs.filter(organisation_id=organisation) if organisation is not None else qs


def contributions_against_agreed(partnership, year):
    """[{organisation_id, name, agreed, received, outstanding, percent}] in pence, by organisation."""
    rows = []
    for c in (
        contribution_records(partnership, year)
        .with_received()
        .order_by("organisation__name")
        .values("organisation_id", "organisation__name", "amount_pence", "received_pence")
    ):
        agreed, received = c["amount_pence"], c["received_pence"]
        rows.append(
            {
                "organisation_id": c["organisation_id"],
                "name": c["organisation__name"],
                "agreed": agreed,
                "received": received,
                "outstanding": agreed - received,
                "percent": round(100 * received / agreed, 1) if agreed else None,
            }
        )
    return rows
