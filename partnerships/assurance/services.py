"""Governance workflow steps: meetings and minutes, actions from meetings and scrutiny, risks,
priorities, challenges and Section 11 returns. Each step is one function in a transaction, actor
first (as partnerships.core.services)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from partnerships.assurance.choices import ChallengeStatus, ChallengeStepKind, FindingStatus, ReturnStatus
from partnerships.assurance.models import (
    AgencyReturn,
    AssuranceCycle,
    AssuranceStandard,
    Challenge,
    ChallengeStep,
    ReturnAnswer,
)
from partnerships.core.choices import SECTION_11_KINDS, ActionSource
from partnerships.core.models import Organisation
from partnerships.core.services import as_actor, create_action

# The standards most Section 11 audits use (docs/statutory-rules.md#section-11-assurance; Working Together
# 2018 ch.2 para 4 lists the same arrangements); a partnership adds its own to a cycle.
COMMON_STANDARDS = [
    (
        "Clear line of accountability",
        "Senior management commitment to safeguarding and a clear line of "
        "accountability for the provision of services.",
    ),
    (
        "Senior board-level lead",
        "A senior board-level lead with the required knowledge, skills and expertise.",
    ),
    (
        "A culture of listening to children",
        "Children's views and wishes are taken into account in decisions "
        "about them and in developing services.",
    ),
    ("Whistleblowing", "Clear whistleblowing procedures, known to staff and acted on."),
    ("Escalation", "Staff know how to escalate a concern about another agency's response."),
    ("Information sharing", "Arrangements to share information early and with the right people."),
    ("Designated and named practitioners", "Designated and named practitioners with time to do the role."),
    ("Safer recruitment", "Safe recruitment, vetting and induction of staff and volunteers."),
    ("Supervision and training", "Supervision, support and safeguarding training suited to each role."),
    (
        "Allegations management",
        "Procedures for allegations against people who work with children, "
        "including referral to the local authority designated officer.",
    ),
]


# -- Scrutiny -------------------------------------------------------------------------------


@transaction.atomic
def respond_to_finding(actor, finding, *, status, response, responded_on=None):
    if status == FindingStatus.AWAITING_RESPONSE:
        raise ValidationError({"status": "Say whether the partners accept the recommendation"})
    if not response.strip():
        raise ValidationError({"response": "Enter the partners' response"})
    finding.status = status
    finding.response = response.strip()
    finding.responded_on = responded_on or timezone.localdate()
    finding.response_by = actor
    as_actor(finding, actor).save()
    return finding


@transaction.atomic
def action_from_finding(actor, finding, *, title, due_date, owner=None, owner_organisation=None):
    return create_action(
        actor,
        partnership=finding.activity.partnership,
        title=title,
        due_date=due_date,
        source=finding,
        source_kind=ActionSource.SCRUTINY,
        source_label=f"Scrutiny: {finding.activity.title}"[:255],
        owner=owner,
        owner_organisation=owner_organisation or finding.addressed_to,
    )


_STEP_STATUS = {
    ChallengeStepKind.RESPONSE: ChallengeStatus.RESPONDED,
    ChallengeStepKind.ESCALATION: ChallengeStatus.ESCALATED,
    ChallengeStepKind.CLOSURE: ChallengeStatus.CLOSED,
}


@transaction.atomic
def add_challenge_step(actor, challenge, *, kind, text, on=None):
    """Move a challenge on: a response, an escalation, a note, or its closure with the outcome."""
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if challenge.status == ChallengeStatus.CLOSED:
        raise ValidationError("This challenge is closed.")
    if not text.strip():
        raise ValidationError({"text": "Enter what happened"})
    on = on or timezone.localdate()
    if on < challenge.raised_on:
        raise ValidationError({"on": "The date must be on or after the day the challenge was raised"})
    step = ChallengeStep(challenge=challenge, kind=kind, text=text.strip(), on=on, author=actor)
    as_actor(step, actor).save()
    if kind in _STEP_STATUS:
        challenge.status = _STEP_STATUS[kind]
        if kind == ChallengeStepKind.CLOSURE:
            challenge.outcome = text.strip()
            challenge.closed_on = on
        as_actor(challenge, actor).save()
    return step


# -- Section 11 assurance -----------------------------------------------------------------------


def section11_agencies(partnerships):
    """Organisations under the section 11 duty working with any of `partnerships`."""
    return (
        Organisation.objects.filter(kind__in=SECTION_11_KINDS, is_active=True)
        .filter(
            Q(partner_of__partnership__in=partnerships) | Q(relevant_agency_of__partnership__in=partnerships)
        )
        .distinct()
        .order_by("name")
    )


@transaction.atomic
def open_cycle(actor, *, partnership, title, opens_on, due_on, partnerships=(), standards=None):
    """Open a Section 11 cycle, seeded with the common standards, and ask each agency under the
    duty once, whichever of the cycle's partnerships it serves."""
    if due_on <= opens_on:
        raise ValidationError({"due_on": "The return date must be after the cycle opens"})
    cycle = AssuranceCycle(partnership=partnership, title=title, opens_on=opens_on, due_on=due_on)
    cycle.full_clean()
    as_actor(cycle, actor).save()
    members = {partnership, *partnerships}
    cycle.partnerships.set(members)
    for number, (name, description) in enumerate(COMMON_STANDARDS if standards is None else standards, 1):
        as_actor(
            AssuranceStandard(cycle=cycle, number=number, title=name, description=description), actor
        ).save()
    ask_agencies(actor, cycle)
    return cycle


@transaction.atomic
def ask_agencies(actor, cycle):
    """A return for each agency of the cycle's partnerships not yet asked (idempotent)."""
    asked = set(cycle.returns.values_list("organisation_id", flat=True))
    standards = list(cycle.standards.all())
    created = []
    for organisation in section11_agencies(cycle.partnerships.all()):
        if organisation.pk in asked:
            continue
        agency_return = as_actor(AgencyReturn(cycle=cycle, organisation=organisation), actor)
        agency_return.save()
        for standard in standards:
            as_actor(ReturnAnswer(agency_return=agency_return, standard=standard), actor).save()
        created.append(agency_return)
    return created


@transaction.atomic
def join_cycle(actor, cycle, partnership):
    """Another partnership takes part: agencies already asked are not asked again."""
    cycle.partnerships.add(partnership)
    return ask_agencies(actor, cycle)


@transaction.atomic
def add_standard(actor, cycle, *, title, description=""):
    number = (cycle.standards.aggregate(m=Max("number"))["m"] or 0) + 1
    standard = as_actor(
        AssuranceStandard(cycle=cycle, number=number, title=title, description=description), actor
    )
    standard.save()
    for agency_return in cycle.returns.all():
        as_actor(ReturnAnswer(agency_return=agency_return, standard=standard), actor).save()
    return standard


def _answers_by_standard(agency_return):
    return {a.standard_id: a for a in agency_return.answers.select_for_update()}


@transaction.atomic
def save_self_assessment(actor, agency_return, answers):
    """The agency's scores (0 to 3), evidence and actions: {standard_id: (score, evidence, actions)}."""
    agency_return = AgencyReturn.objects.select_for_update().get(pk=agency_return.pk)
    if agency_return.status not in (ReturnStatus.NOT_STARTED, ReturnStatus.DRAFT):
        raise ValidationError("This return was submitted and can no longer change.")
    existing = _answers_by_standard(agency_return)
    for standard_id, (score, evidence, actions) in answers.items():
        answer = existing.get(standard_id)
        if answer is None:
            raise ValidationError("That standard is not part of this return.")
        if score is not None and not 0 <= score <= 3:
            raise ValidationError("Each score must be from 0 to 3.")
        answer.self_score, answer.evidence, answer.actions = score, evidence, actions
        as_actor(answer, actor).save()
    agency_return.status = ReturnStatus.DRAFT
    as_actor(agency_return, actor).save()
    return agency_return


@transaction.atomic
def submit_return(actor, agency_return):
    agency_return = AgencyReturn.objects.select_for_update().get(pk=agency_return.pk)
    if agency_return.status not in (ReturnStatus.NOT_STARTED, ReturnStatus.DRAFT):
        raise ValidationError("This return was already submitted.")
    missing = [
        str(a.standard) for a in agency_return.answers.select_related("standard") if a.self_score is None
    ]
    if missing:
        raise ValidationError(f"Score every standard before submitting: {', '.join(missing)}.")
    agency_return.status = ReturnStatus.SUBMITTED
    agency_return.submitted_on = timezone.localdate()
    agency_return.submitted_by = actor
    as_actor(agency_return, actor).save()
    return agency_return


@transaction.atomic
def moderate_return(actor, agency_return, scores, *, summary="", on=None):
    """The partnership's moderated score per standard: {standard_id: (score, note)}."""
    agency_return = AgencyReturn.objects.select_for_update().get(pk=agency_return.pk)
    if agency_return.status not in (ReturnStatus.SUBMITTED, ReturnStatus.MODERATED):
        raise ValidationError("A return is moderated once the agency has submitted it.")
    existing = _answers_by_standard(agency_return)
    for standard_id, (score, note) in scores.items():
        answer = existing.get(standard_id)
        if answer is None:
            raise ValidationError("That standard is not part of this return.")
        if score is not None and not 0 <= score <= 3:
            raise ValidationError("Each score must be from 0 to 3.")
        answer.moderated_score, answer.moderation_note = score, note
        as_actor(answer, actor).save()
    agency_return.status = ReturnStatus.MODERATED
    agency_return.moderated_on = on or timezone.localdate()
    agency_return.moderation_summary = summary
    as_actor(agency_return, actor).save()
    return agency_return


def two_years_after(day):
    """Section 11 self-assessment is typically every two years (docs/statutory-rules.md#section-11-assurance)."""
    try:
        return day.replace(year=day.year + 2)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 2, day=28)
