"""Governance workflow steps: meetings and minutes, actions from meetings and scrutiny, risks,
priorities, challenges and Section 11 returns. Each step is one function in a transaction, actor
first (as partnerships.core.services)."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from partnerships.assurance.choices import (
    ChallengeStatus,
    ChallengeStepKind,
    CycleStatus,
    FindingStatus,
    InvitationStatus,
    ReturnStatus,
)
from partnerships.assurance.models import (
    AgencyReturn,
    AnswerModeration,
    AssuranceCycle,
    AssuranceStandard,
    Challenge,
    ChallengeStep,
    CycleInvitation,
    ReturnAnswer,
    ReturnChase,
)
from partnerships.core import mail
from partnerships.core.choices import SECTION_11_KINDS, ActionSource, RoleKind
from partnerships.core.models import Organisation, Role
from partnerships.core.permissions import Perm, access_for
from partnerships.core.services import as_actor, create_action, notify
from partnerships.deadlines.workingdays import england

logger = logging.getLogger(__name__)

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


def _may_manage(actor, partnership):
    return actor is None or access_for(actor).has(Perm.MANAGE, partnership)


def _check_lead(actor, cycle, what):
    """Standards, invitations and closing belong to the lead partnership's managers."""
    if not _may_manage(actor, cycle.partnership):
        raise ValidationError(
            f"Only a manager of {cycle.partnership.short_name}, which leads this cycle, can {what}."
        )


def _check_open(cycle):
    if cycle.status == CycleStatus.CLOSED:
        raise ValidationError("This cycle is closed: its records can no longer change.")


def _check_taking_part(cycle, partnership):
    if not cycle.partnerships.filter(pk=partnership.pk).exists():
        raise ValidationError(f"{partnership.short_name} does not take part in this cycle.")


@transaction.atomic
def open_cycle(actor, *, partnership, title, opens_on, due_on, partnerships=(), standards=None):
    """Open a Section 11 cycle led by `partnership`, seeded with the common standards, and ask each
    agency under the duty once. Other `partnerships` are invited: each takes part once its manager
    accepts (`answer_invitation`)."""
    if due_on <= opens_on:
        raise ValidationError({"due_on": "The return date must be after the cycle opens"})
    cycle = AssuranceCycle(partnership=partnership, title=title, opens_on=opens_on, due_on=due_on)
    cycle.full_clean()
    as_actor(cycle, actor).save()
    cycle.partnerships.set([partnership])
    for number, (name, description) in enumerate(COMMON_STANDARDS if standards is None else standards, 1):
        as_actor(
            AssuranceStandard(cycle=cycle, number=number, title=name, description=description), actor
        ).save()
    ask_agencies(actor, cycle)
    for other in partnerships:
        if other.pk != partnership.pk:
            invite_partnership(actor, cycle, other)
    return cycle


@transaction.atomic
def ask_agencies(actor, cycle):
    """A return for each agency of the cycle's partnerships not yet asked (idempotent); each agency's
    contributors are e-mailed that their return is asked for."""
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
        _email_contributors(
            agency_return,
            f"Section 11 return asked for: {cycle.title}",
            f"{organisation.name} is asked for its Section 11 self-assessment in {cycle.title}, "
            f"due {cycle.due_on:%-d %B %Y}.",
        )
    return created


@transaction.atomic
def invite_partnership(actor, cycle, partnership):
    """The lead's manager invites another partnership (any partnership) to take part: it takes part
    only once its own manager accepts."""
    _check_lead(actor, cycle, "invite partnerships")
    _check_open(cycle)
    if cycle.partnerships.filter(pk=partnership.pk).exists():
        raise ValidationError({"partnership": f"{partnership.short_name} already takes part in this cycle."})
    invitation = CycleInvitation.objects.filter(cycle=cycle, partnership=partnership).first()
    if invitation is not None and invitation.status == InvitationStatus.INVITED:
        raise ValidationError({"partnership": f"{partnership.short_name} has already been invited."})
    if invitation is None:
        invitation = CycleInvitation(cycle=cycle, partnership=partnership)
    invitation.status = InvitationStatus.INVITED
    invitation.invited_on, invitation.invited_by = timezone.localdate(), actor
    invitation.answered_on = invitation.answered_by = None
    as_actor(invitation, actor).save()
    managers = Role.objects.filter(
        partnership=partnership, kind=RoleKind.BUSINESS_UNIT, is_manager=True
    ).select_related("user")
    for role in managers.order_by("user__username"):
        notify(
            role.user,
            f"Invitation: take part in {cycle.partnership.short_name}'s Section 11 cycle {cycle.title}",
            body=(
                f"{cycle.partnership.name} invites {partnership.name} to run the Section 11 cycle "
                f"“{cycle.title}” jointly (returns due {cycle.due_on:%-d %B %Y}). Agencies that serve both "
                "partnerships then make one return that both partnerships moderate.\n\n"
                "What to do: open the invitation and accept or decline it."
            ),
            url=invitation.get_absolute_url(),
            partnership=partnership,
        )
    return invitation


@transaction.atomic
def answer_invitation(actor, invitation, *, accept):
    """The invited partnership's manager accepts (it then takes part and its agencies not yet asked
    are asked) or declines."""
    invitation = CycleInvitation.objects.select_for_update().select_related("cycle").get(pk=invitation.pk)
    if not _may_manage(actor, invitation.partnership):
        raise ValidationError(
            f"Only a manager of {invitation.partnership.short_name} can answer this invitation."
        )
    if invitation.status != InvitationStatus.INVITED:
        raise ValidationError("This invitation has already been answered.")
    _check_open(invitation.cycle)
    invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    invitation.answered_on, invitation.answered_by = timezone.localdate(), actor
    as_actor(invitation, actor).save()
    if accept:
        invitation.cycle.partnerships.add(invitation.partnership)
        ask_agencies(actor, invitation.cycle)
    return invitation


@transaction.atomic
def add_standard(actor, cycle, *, title, description=""):
    """A standard of the cycle: the lead partnership's to define, for every return."""
    _check_lead(actor, cycle, "add or change its standards")
    _check_open(cycle)
    number = (cycle.standards.aggregate(m=Max("number"))["m"] or 0) + 1
    standard = as_actor(
        AssuranceStandard(cycle=cycle, number=number, title=title, description=description), actor
    )
    standard.save()
    for agency_return in cycle.returns.all():
        as_actor(ReturnAnswer(agency_return=agency_return, standard=standard), actor).save()
    return standard


@transaction.atomic
def change_standard(actor, standard, *, title, description=""):
    _check_lead(actor, standard.cycle, "add or change its standards")
    _check_open(standard.cycle)
    standard.title, standard.description = title, description
    as_actor(standard, actor).save()
    return standard


def _answers_by_standard(agency_return):
    return {a.standard_id: a for a in agency_return.answers.select_for_update()}


def _locked_return(agency_return):
    agency_return = AgencyReturn.objects.select_for_update().select_related("cycle").get(pk=agency_return.pk)
    _check_open(agency_return.cycle)
    return agency_return


@transaction.atomic
def save_self_assessment(actor, agency_return, answers):
    """The agency's scores (0 to 3), evidence and actions, and its response where more evidence was
    asked for: {standard_id: (score, evidence, actions)} or (score, evidence, actions, response)."""
    agency_return = _locked_return(agency_return)
    if not agency_return.is_open:
        raise ValidationError("This return was submitted and can no longer change.")
    existing = _answers_by_standard(agency_return)
    for standard_id, values in answers.items():
        score, evidence, actions, *rest = values
        answer = existing.get(standard_id)
        if answer is None:
            raise ValidationError("That standard is not part of this return.")
        if score is not None and not 0 <= score <= 3:
            raise ValidationError("Each score must be from 0 to 3.")
        answer.self_score, answer.evidence, answer.actions = score, evidence, actions
        if rest:
            answer.agency_response = rest[0]
        as_actor(answer, actor).save()
    if agency_return.status == ReturnStatus.NOT_STARTED:
        agency_return.status = ReturnStatus.DRAFT
    as_actor(agency_return, actor).save()
    return agency_return


@transaction.atomic
def submit_return(actor, agency_return):
    """Submit (or, after a request for more evidence, resubmit) the agency's return."""
    agency_return = _locked_return(agency_return)
    if not agency_return.is_open:
        raise ValidationError("This return was already submitted.")
    answers = list(agency_return.answers.select_related("standard"))
    missing = [str(a.standard) for a in answers if a.self_score is None]
    if missing:
        raise ValidationError(f"Score every standard before submitting: {', '.join(missing)}.")
    if agency_return.status == ReturnStatus.RETURNED:
        asked = set(
            AnswerModeration.objects.filter(
                answer__agency_return=agency_return, more_evidence=True
            ).values_list("answer_id", flat=True)
        )
        unanswered = [str(a.standard) for a in answers if a.pk in asked and not a.agency_response.strip()]
        if unanswered:
            raise ValidationError(
                f"Respond to each request for more evidence before resubmitting: {', '.join(unanswered)}."
            )
    agency_return.status = ReturnStatus.SUBMITTED
    agency_return.submitted_on = timezone.localdate()
    agency_return.submitted_by = actor
    as_actor(agency_return, actor).save()
    return agency_return


def _moderations(agency_return, partnership):
    return {
        m.answer_id: m
        for m in AnswerModeration.objects.select_for_update().filter(
            answer__agency_return=agency_return, partnership=partnership
        )
    }


@transaction.atomic
def moderate_return(actor, agency_return, partnership, scores):
    """`partnership`'s own moderation of the standards it scores: {standard_id: (score, reason)}.
    Another partnership's moderation is never touched; standards not given stay as they were."""
    agency_return = _locked_return(agency_return)
    _check_taking_part(agency_return.cycle, partnership)
    if agency_return.status != ReturnStatus.SUBMITTED:
        raise ValidationError("A return is moderated once the agency has submitted it.")
    existing = _answers_by_standard(agency_return)
    mine = _moderations(agency_return, partnership)
    saved = []
    for standard_id, (score, reason) in scores.items():
        answer = existing.get(standard_id)
        if answer is None:
            raise ValidationError("That standard is not part of this return.")
        if score is None:
            continue
        if not 0 <= score <= 3:
            raise ValidationError("Each score must be from 0 to 3.")
        moderation = mine.get(answer.pk) or AnswerModeration(answer=answer, partnership=partnership)
        moderation.score, moderation.reason, moderation.more_evidence = score, reason.strip(), False
        moderation.moderated_on, moderation.moderated_by = timezone.localdate(), actor
        as_actor(moderation, actor).save()
        saved.append(moderation)
    return saved


@transaction.atomic
def return_for_evidence(actor, agency_return, partnership, reasons):
    """`partnership` returns the agency's return for more evidence on some standards, with a reason
    for each: {standard_id: reason}. The agency can change its return again and is e-mailed."""
    agency_return = _locked_return(agency_return)
    _check_taking_part(agency_return.cycle, partnership)
    if agency_return.status != ReturnStatus.SUBMITTED:
        raise ValidationError("Only a submitted return can be returned for more evidence.")
    reasons = {sid: (text or "").strip() for sid, text in reasons.items() if (text or "").strip()}
    if not reasons:
        raise ValidationError("Say, for at least one standard, what more evidence the agency should give.")
    existing = _answers_by_standard(agency_return)
    mine = _moderations(agency_return, partnership)
    for standard_id, reason in reasons.items():
        answer = existing.get(standard_id)
        if answer is None:
            raise ValidationError("That standard is not part of this return.")
        moderation = mine.get(answer.pk) or AnswerModeration(answer=answer, partnership=partnership)
        moderation.score, moderation.reason, moderation.more_evidence = None, reason, True
        moderation.moderated_on, moderation.moderated_by = timezone.localdate(), actor
        as_actor(moderation, actor).save()
    agency_return.status = ReturnStatus.RETURNED
    as_actor(agency_return, actor).save()
    _email_contributors(
        agency_return,
        f"Section 11 return returned for more evidence: {agency_return.cycle.title}",
        f"{partnership.name} asks {agency_return.organisation.name} for more evidence on "
        f"{len(reasons)} standard(s) of its Section 11 return in {agency_return.cycle.title}. "
        "Open the return to see each reason, respond and resubmit it.",
    )
    return agency_return


@transaction.atomic
def chase_return(actor, agency_return, partnership, *, now=None):
    """Remind an agency whose return is not submitted: at most once per return per working day,
    recorded with who chased and when; its contributors are e-mailed."""
    agency_return = _locked_return(agency_return)
    _check_taking_part(agency_return.cycle, partnership)
    if not agency_return.is_open or agency_return.status == ReturnStatus.RETURNED:
        raise ValidationError("Only a return not yet submitted can be chased.")
    now = now or timezone.now()
    day = england().last_working_day_on_or_before(timezone.localdate(now))
    if agency_return.chases.filter(working_day=day).exists():
        raise ValidationError(
            f"{agency_return.organisation.name} was already chased on {day:%-d %B %Y}: "
            "a return is chased at most once a working day."
        )
    chase = ReturnChase(
        agency_return=agency_return, partnership=partnership, working_day=day, chased_at=now, chased_by=actor
    )
    as_actor(chase, actor).save()
    due = agency_return.cycle.due_on
    when = (
        f"It was due on {due:%-d %B %Y} and is overdue."
        if due < timezone.localdate(now)
        else f"It is due on {due:%-d %B %Y}."
    )
    _email_contributors(
        agency_return,
        f"Reminder: Section 11 return for {agency_return.cycle.title}",
        f"{partnership.name} reminds {agency_return.organisation.name} that its Section 11 return in "
        f"{agency_return.cycle.title} is not yet submitted. {when}",
    )
    return chase


@transaction.atomic
def close_cycle(actor, cycle, *, summary):
    """The lead closes the cycle with a closing summary; a closed cycle is read only."""
    cycle = AssuranceCycle.objects.select_for_update().get(pk=cycle.pk)
    _check_lead(actor, cycle, "close it")
    _check_open(cycle)
    if not summary.strip():
        raise ValidationError({"summary": "Enter the closing summary"})
    cycle.status = CycleStatus.CLOSED
    cycle.closed_on, cycle.closed_by, cycle.closing_summary = timezone.localdate(), actor, summary.strip()
    as_actor(cycle, actor).save()
    CycleInvitation.objects.filter(cycle=cycle, status=InvitationStatus.INVITED).update(
        status=InvitationStatus.DECLINED, answered_on=cycle.closed_on
    )
    return cycle


def agency_contributors(agency_return):
    """(person, partnership) for each agency contributor of the return's organisation in a
    partnership of the cycle that the agency serves: each person once."""
    partnerships = [
        p
        for p in agency_return.cycle.partnerships.all()
        if AgencyReturn.objects.in_partnership(p).filter(pk=agency_return.pk).exists()
    ]
    seen, people = set(), []
    for role in (
        Role.objects.filter(
            kind=RoleKind.AGENCY_CONTRIBUTOR,
            organisation=agency_return.organisation,
            partnership__in=partnerships,
            user__is_active=True,
        )
        .select_related("user", "partnership")
        .order_by("user_id", "partnership_id")
    ):
        if role.user_id not in seen:
            seen.add(role.user_id)
            people.append((role.user, role.partnership))
    return people


def _email_contributors(agency_return, subject, text):
    """One e-mail to each contributor of the agency, with the return's link in their partnership,
    once the change commits (partnerships/core/mail.py). No child is named in a Section 11 return."""
    messages = [
        (
            user.email,
            subject,
            f"{text}\n\nOpen the return: {mail.absolute(agency_return.contributor_url_in(partnership))}",
        )
        for user, partnership in agency_contributors(agency_return)
        if user.email
    ]

    def send():
        for address, subj, body in messages:
            try:
                mail.message(address, subj, body).send()
            except Exception:  # the change stands; a lost e-mail is logged, not raised
                logger.exception("Could not email about %s", subj)

    if messages:
        transaction.on_commit(send)


def two_years_after(day):
    """Section 11 self-assessment is typically every two years (docs/statutory-rules.md#section-11-assurance)."""
    try:
        return day.replace(year=day.year + 2)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 2, day=28)
