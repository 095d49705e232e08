"""What a published document says about itself, read from the records each time it is shown or
rendered (not frozen in its content): which version the public sees, when it was first published
and corrected, who signed it off for each partner, and when a yearly report was sent on."""

from django.utils import timezone

from publications.choices import PublicationKind, VersionStatus


def current_published(publication):
    """The version the public sees now: the latest published, or None."""
    return (
        publication.versions.filter(status=VersionStatus.PUBLISHED)
        .order_by("-published_on", "-number")
        .first()
    )


def first_published_on(publication):
    """The day the publication was first published (a later or withdrawn version keeps it), or None."""
    return (
        publication.versions.filter(published_on__isnull=False)
        .order_by("published_on")
        .values_list("published_on", flat=True)
        .first()
    )


def document_record(version):
    """What a signed document prints about itself after its sections: who signed it off, when it was
    first published (and corrected), and for a yearly report when it was sent to the national Panel
    and the What Works Centre. None for a draft."""
    if version.status == VersionStatus.DRAFT:
        return None
    publication = version.publication
    cycle = publication.cycle if publication.kind == PublicationKind.YEARLY_REPORT else None
    first = first_published_on(publication) if version.published_on else None
    return {
        "kind_label": PublicationKind(publication.kind).label,
        "signatures": sign_off_statement(version),
        "published_on": first,
        "corrected_on": version.published_on if version.corrects_id and version.published_on else None,
        "correction_note": version.correction_note,
        "is_yearly_report": cycle is not None,
        "sent_on": cycle.sent_on if cycle is not None and cycle.published_on else None,
    }


def sign_off_statement(version):
    """Who signed the version off for each statutory partner, in what role and when (Working Together
    2023: the lead safeguarding partners sign the yearly report off; docs/statutory-rules.md#yearly-report).

    Each row: organisation (named as on the day it signed), signatory, role, date. The role is the
    partner's lead title when its lead signed, else the signatory's job title.
    """
    if version.status == VersionStatus.DRAFT:
        return []
    leads = {
        p.organisation_id: p
        for p in version.publication.partnership.safeguarding_partners.select_related("lead_representative")
    }
    rows = []
    for s in version.sign_offs.select_related("organisation__successor", "signed_by").order_by("signed_at"):
        partner = leads.get(s.organisation_id)
        is_lead = partner is not None and partner.lead_representative_id == s.signed_by_id
        role = partner.lead_title if is_lead and partner.lead_title else s.signed_by.job_title
        if partner is not None and not is_lead:
            role = (
                f"{role}, for the lead safeguarding partner" if role else "For the lead safeguarding partner"
            )
        rows.append(
            {
                "organisation": s.organisation.name_on(s.signed_at.date()),
                "signatory": s.signed_by.get_full_name() or s.signed_by.username,
                "role": role,
                "signed_on": timezone.localtime(s.signed_at).date(),
            }
        )
    return rows
