"""Workflow steps of a publication: write, assemble a version, send for sign-off, sign, publish.

Each is one transaction with the actor first. Rules:
- a version is editable (refreshed from the records) while a draft, and frozen once sent for
  sign-off; sending a newer version supersedes the older one and its signatures;
- each statutory partner's lead signs for their own organisation only, and a version is published
  only when every statutory partner of the partnership has signed it (partnerships/core/signoff.py);
- publishing records the date against the deadline register: the arrangements' publication
  (29 June 2019 in the transition) and the yearly report's cycle (published within 12 months,
  sent to the Panel and the What Works Centre within 7 days: partnerships/deadlines/rules.py);
- an LCSPR report links to its LCSPR in the reviews app by id (`Publication.lcspr_id`, looked up
  through `reviews.identifiers`); publishing it records the date on the LCSPR, which meets its
  publication deadline in the register (docs/statutory-rules.md#lcspr: published within 6 months of the
  decision, the final report sent to the Panel and the DfE at least 7 working days before);
- a published LCSPR report stays published for at least 1 year (docs/statutory-rules.md#lcspr): withdrawing
  it earlier is refused.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from partnerships.core import signoff
from partnerships.core.models import Partnership
from partnerships.core.periods import add_months, reporting_period
from partnerships.core.services import as_actor, link_records
from partnerships.deadlines.models import YearlyReportCycle
from partnerships.deadlines.sources import timetable_for
from partnerships.deadlines.timetable import record_yearly_report, update_timetable
from publications import assembly, safety, sections
from publications.choices import PublicationKind, VersionStatus
from publications.models import Publication, PublicationNarrative, PublicationVersion, SignOff
from publications.record import current_published, first_published_on
from reviews import identifiers as reviews_identifiers

#: How long a published LCSPR report (or its findings) stays published (docs/statutory-rules.md#lcspr).
LCSPR_MINIMUM_PUBLISHED_MONTHS = 12


def lcspr_published_until(first_published_on):
    """The first day an LCSPR report first published on `first_published_on` may be withdrawn."""
    return add_months(first_published_on, LCSPR_MINIMUM_PUBLISHED_MONTHS)


def linked_lcspr(publication, user=None):
    """The LCSPR record an LCSPR report is about, if `user` may see it (None: the system)."""
    if publication.lcspr_id is None:
        return None
    return reviews_identifiers.lookup_lcspr(user, publication.partnership, publication.lcspr_id)


def lcspr_choices(user, partnership):
    """[(id, label)] of the LCSPRs an LCSPR report may be linked to."""
    return reviews_identifiers.lcspr_choices(user, partnership)


@transaction.atomic
def create_publication(actor, partnership, *, kind, title, period_start=None, summary="", lcspr_id=None):
    publication = Publication(partnership=partnership, kind=kind, title=title, summary=summary)
    if kind == PublicationKind.LCSPR_REPORT and lcspr_id is not None:
        _check_lcspr(actor, publication, lcspr_id)
    if kind == PublicationKind.YEARLY_REPORT:
        if period_start is None:
            raise ValidationError({"period_start": "Enter the first day of the 12 months the report covers"})
        publication.period_start = period_start
        publication.period_end = reporting_period(period_start)[1]
        publication.cycle = (
            YearlyReportCycle.objects.filter(partnership=partnership, published_on__isnull=True)
            .order_by("starts_on")
            .first()
        )
    safety.check_title_and_summary(partnership, title=title, summary=summary)
    publication.full_clean()
    as_actor(publication, actor).save()
    return publication


def _check_lcspr(actor, publication, lcspr_id):
    publication.lcspr_id = lcspr_id
    if linked_lcspr(publication, actor) is None:
        raise ValidationError({"lcspr_id": "Choose an LCSPR of this partnership"})


@transaction.atomic
def link_lcspr(actor, publication, lcspr_id):
    """Link an LCSPR report to its LCSPR (before it is first published; the date goes on that one)."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    if publication.kind != PublicationKind.LCSPR_REPORT:
        raise ValidationError("Only an LCSPR report is linked to an LCSPR.")
    if first_published_on(publication) is not None:
        raise ValidationError("This report has been published: the LCSPR it reports on cannot change.")
    _check_lcspr(actor, publication, lcspr_id)
    as_actor(publication, actor).save()
    return publication


@transaction.atomic
def write_narrative(actor, publication, section_key, text):
    """Save what the business unit wrote for one section (refused if it names a child)."""
    safety.check_narrative(publication.partnership, sections.get(section_key).title, text)
    narrative, _ = PublicationNarrative.objects.get_or_create(
        publication=publication, section_key=section_key
    )
    if narrative.text != text:
        narrative.text = text
        as_actor(narrative, actor).save()
    return narrative


@transaction.atomic
def make_draft(actor, publication):
    """Assemble the publication now into its draft version: refresh the open draft, or start one."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    content = assembly.assemble(publication)
    draft = publication.versions.filter(status=VersionStatus.DRAFT).order_by("-number").first()
    if draft is None:
        last = publication.versions.order_by("-number").values_list("number", flat=True).first() or 0
        draft = PublicationVersion(publication=publication, number=last + 1, created_by=actor)
    draft.content = content
    draft.assembled_at = timezone.now()
    as_actor(draft, actor).save()
    return draft


@transaction.atomic
def send_for_sign_off(actor, version, *, accept_missing=False, correction_note=""):
    """Freeze a draft and ask each statutory partner's lead to sign it.

    Required sections without narrative are refused unless `accept_missing` (the page warns first).
    When the document is already published, the draft is a correction of the published version: it
    says what it corrects (`correction_note`, printed beside "Corrected on" on the public page) and
    goes through the same sign-off.
    """
    version = PublicationVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError("Only a draft can be sent for sign-off.")
    published = current_published(version.publication)
    correction_note = (correction_note or "").strip()
    if published is not None and not correction_note:
        raise ValidationError(
            {
                "correction_note": f"Say what this version corrects: version {published.number} was "
                f"published on {published.published_on:%-d %B %Y}"
            }
        )
    safety.check_texts(version.publication.partnership, {"What this version corrects": correction_note})
    version.corrects = published
    version.correction_note = correction_note if published is not None else ""
    # Assembled again at the moment of sending: what the partners sign is the records as they are.
    version.content = assembly.assemble(version.publication)
    missing = assembly.missing_sections(version.content)
    if missing and not accept_missing:
        raise ValidationError(
            "These required sections are empty: " + "; ".join(missing) + ". Write them, or confirm you "
            "want to send the document for sign-off without them."
        )
    version.assembled_at = timezone.now()
    as_actor(version, actor).save()
    for older in version.publication.versions.filter(status=VersionStatus.SENT_FOR_SIGN_OFF).exclude(
        pk=version.pk
    ):
        older.status = VersionStatus.SUPERSEDED
        as_actor(older, actor).save()
    version.status = VersionStatus.SENT_FOR_SIGN_OFF
    version.sent_at = timezone.now()
    version.sent_by = actor
    as_actor(version, actor).save()
    return version


def sign_off_state(version):
    """Who must sign a version (every statutory partner: a document of the whole partnership), who has."""
    return signoff.state(version.publication.partnership, version.sign_offs.select_related("signed_by"))


def outstanding_partners(version):
    """The ids of the statutory partners yet to sign the version."""
    return sign_off_state(version).outstanding_ids


@transaction.atomic
def sign_off(actor, version, *, organisation, comment=""):
    """The lead of a statutory partner signs a version sent for sign-off, for their organisation."""
    version = (
        PublicationVersion.objects.select_for_update()
        .select_related("publication__partnership")
        .get(pk=version.pk)
    )
    partnership = version.publication.partnership
    signoff.check_signer(actor, partnership, organisation)
    if not signoff.must_sign(partnership, organisation):
        raise ValidationError("Only a statutory safeguarding partner signs off.")
    if version.status != VersionStatus.SENT_FOR_SIGN_OFF:
        raise ValidationError("Only a version sent for sign-off can be signed.")
    if version.sign_offs.filter(organisation=organisation).exists():
        raise ValidationError(f"{organisation} has already signed this version.")
    record = SignOff(version=version, organisation=organisation, signed_by=actor, comment=comment)
    as_actor(record, actor).save()
    # The document prints who signed (sign_off_statement): a PDF made before this signature is stale.
    PublicationVersion.objects.filter(pk=version.pk).update(pdf_hash="")
    return record


@transaction.atomic
def publish(actor, version, *, on=None):
    """Publish a version every statutory partner has signed, and record the date in the register."""
    version = (
        PublicationVersion.objects.select_for_update()
        .select_related("publication__partnership")
        .get(pk=version.pk)
    )
    on = on or timezone.localdate()
    if version.status != VersionStatus.SENT_FOR_SIGN_OFF:
        raise ValidationError("Only a version sent for sign-off can be published.")
    if outstanding_partners(version):
        raise ValidationError("Every statutory safeguarding partner must sign off before publication.")
    publication = version.publication
    lcspr = None
    if publication.kind == PublicationKind.LCSPR_REPORT:
        lcspr = linked_lcspr(publication)
        if lcspr is None:
            raise ValidationError(
                "Link this report to its LCSPR before publishing it: the publication date is recorded "
                "against the review's deadline."
            )
    corrected = current_published(publication)
    if corrected is not None and on < corrected.published_on:
        raise ValidationError(
            f"A correction is published on or after the version it corrects ({corrected.published_on:%-d %B %Y})."
        )
    # The published text is checked once more, as it will be shown to the public.
    assembly.document_html(version)
    version.status = VersionStatus.PUBLISHED
    version.published_on = on
    version.published_by = actor
    if corrected is not None:
        version.corrects = corrected
    as_actor(version, actor).save()
    if corrected is None and first_published_on(publication) in (None, on):
        # A correction never touches the register: the statutory date is the first publication's,
        # and a corrected yearly report still belongs to the cycle of the version it corrects.
        _record_deadline(actor, publication, on)
        if lcspr is not None:
            _record_lcspr_published(actor, lcspr, publication, on)
    return version


def _record_lcspr_published(actor, lcspr, publication, on):
    """Tell the reviews app the LCSPR was published on `on`; its refusal undoes the publication."""
    try:
        reviews_identifiers.record_lcspr_published(actor, lcspr, on)
    except ValidationError as error:
        raise ValidationError(
            f"The LCSPR record {lcspr} cannot be marked published on {on:%-d %B %Y}: "
            + " ".join(error.messages)
        ) from None
    # Known from either side (partnerships.RecordLink): the LCSPR's page lists the published report.
    link_records(actor, lcspr, publication, reason="The published LCSPR report")


@transaction.atomic
def withdraw(actor, version, *, reason, on=None):
    """Take a published version off the public pages (an earlier published version shows again).

    An LCSPR report stays published for at least 1 year from its first publication
    (docs/statutory-rules.md#lcspr): withdrawing the last published version earlier is refused and nothing changes.
    """
    version = (
        PublicationVersion.objects.select_for_update()
        .select_related("publication__partnership")
        .get(pk=version.pk)
    )
    on = on or timezone.localdate()
    if version.status != VersionStatus.PUBLISHED:
        raise ValidationError("Only a published version can be withdrawn.")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the document is withdrawn"})
    publication = version.publication
    still_published = publication.versions.filter(status=VersionStatus.PUBLISHED).exclude(pk=version.pk)
    if publication.kind == PublicationKind.LCSPR_REPORT and not still_published.exists():
        first = first_published_on(publication)
        earliest = lcspr_published_until(first)
        if on < earliest:
            raise ValidationError(
                {
                    "reason": f"An LCSPR report must stay published for at least 1 year. This report "
                    f"was first published on {first:%-d %B %Y}, so it cannot be withdrawn before "
                    f"{earliest:%-d %B %Y}"
                }
            )
    version.status = VersionStatus.WITHDRAWN
    version.withdrawn_on = on
    version.withdrawn_by = actor
    version.withdrawal_reason = reason.strip()
    as_actor(version, actor).save()
    return version


def _record_deadline(actor, publication, on):
    partnership = Partnership.objects.get(pk=publication.partnership_id)
    if publication.kind == PublicationKind.ARRANGEMENTS:
        # The statutory date is the first publication (by 29 June 2019 in the transition: docs/statutory-rules.md#transition-dates);
        # a later revision does not move it.
        if partnership.arrangements_published_on is None:
            update_timetable(
                actor,
                timetable_for(partnership),
                arrangements_published_on=on,
                arrangements_in_operation_on=partnership.arrangements_in_operation_on,
            )
    elif publication.kind == PublicationKind.YEARLY_REPORT:
        cycle = publication.cycle
        if cycle is None or cycle.published_on is not None:
            cycle = (
                YearlyReportCycle.objects.filter(partnership=partnership, published_on__isnull=True)
                .order_by("starts_on")
                .first()
            )
        if cycle is not None and on >= cycle.starts_on:
            record_yearly_report(
                actor, cycle, published_on=on, sent_on=cycle.sent_on, report_url=cycle.report_url
            )
            if publication.cycle_id != cycle.pk:
                publication.cycle = cycle
                as_actor(publication, actor).save()


@transaction.atomic
def record_sent(actor, publication, *, sent_on):
    """Record when the published yearly report was sent to the Panel and the What Works Centre."""
    if publication.kind != PublicationKind.YEARLY_REPORT or publication.cycle is None:
        raise ValidationError(
            "Only a published yearly report is sent to the Panel and the What Works Centre."
        )
    cycle = publication.cycle
    if cycle.published_on is None:
        raise ValidationError("Publish the report before recording when it was sent.")
    recorded = record_yearly_report(
        actor, cycle, published_on=cycle.published_on, sent_on=sent_on, report_url=cycle.report_url
    )
    # The published document prints the date it was sent (document_record): its PDF is made again.
    publication.versions.filter(status=VersionStatus.PUBLISHED).update(pdf_hash="")
    return recorded
