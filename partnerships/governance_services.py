"""Governance workflow steps: meetings and minutes, actions from meetings and scrutiny, risks,
priorities, challenges and Section 11 returns. Each step is one function in a transaction, actor
first (as partnerships.services)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from partnerships.choices import (
    ActionSource,
    AgendaItemKind,
    AttendanceStatus,
    ChallengeStatus,
    ChallengeStepKind,
    FindingStatus,
    MeetingStatus,
    MinutesStatus,
    ReturnStatus,
)
from partnerships.models import (
    Action,
    AgencyReturn,
    AgendaItem,
    AssuranceCycle,
    AssuranceStandard,
    Attendance,
    Challenge,
    ChallengeStep,
    Decision,
    Meeting,
    Organisation,
    Paper,
    ProgressUpdate,
    ReturnAnswer,
    Risk,
    RiskAssessment,
)
from partnerships.services import as_actor, create_action

# The standards most Section 11 audits use (../shared/DOMAIN.md, "Section 11"; Working Together
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


# -- Meetings ---------------------------------------------------------------------------------


@transaction.atomic
def create_meeting(actor, *, partnership, group, starts_at, **fields):
    """Schedule a meeting; open actions of the group's earlier meetings become matters arising."""
    if group.partnership_id != partnership.pk:
        raise ValidationError({"group": "Choose a group of this partnership."})
    meeting = Meeting(partnership=partnership, group=group, starts_at=starts_at, **fields)
    meeting.full_clean()
    as_actor(meeting, actor).save()
    carry_forward_actions(actor, meeting)
    return meeting


def _earlier_meeting_ids(meeting):
    return (
        Meeting.objects.filter(group_id=meeting.group_id, starts_at__lt=meeting.starts_at)
        .exclude(pk=meeting.pk)
        .values("pk")
    )


@transaction.atomic
def carry_forward_actions(actor, meeting):
    """Put every open action raised at the group's earlier meetings on `meeting`'s agenda as a
    matter arising (idempotent: an action is on an agenda once). Returns the items added."""
    if meeting.status != MeetingStatus.SCHEDULED:
        return []
    open_actions = (
        Action.objects.open()
        .filter(
            source_type=ContentType.objects.get_for_model(Meeting),
            source_id__in=_earlier_meeting_ids(meeting),
        )
        .exclude(agenda_items__meeting=meeting)
        .order_by("due_date", "pk")
    )
    added = []
    for action in open_actions:
        item = AgendaItem(
            meeting=meeting,
            position=0,
            kind=AgendaItemKind.MATTERS_ARISING,
            title=f"Matters arising: {action.title}"[:255],
            action=action,
        )
        as_actor(item, actor).save()
        added.append(item)
    return added


def next_meeting(meeting):
    """The group's next scheduled meeting after `meeting`, if one is in the diary."""
    return (
        Meeting.objects.filter(
            group_id=meeting.group_id, starts_at__gt=meeting.starts_at, status=MeetingStatus.SCHEDULED
        )
        .order_by("starts_at", "pk")
        .first()
    )


@transaction.atomic
def record_meeting_action(
    actor, meeting, *, title, due_date, owner=None, owner_organisation=None, description=""
):
    """An action agreed at a meeting: logged with the meeting as its source, and carried forward
    at once if the group's next meeting is already in the diary."""
    action = create_action(
        actor,
        partnership=meeting.partnership,
        title=title,
        due_date=due_date,
        source=meeting,
        source_kind=ActionSource.MEETING,
        owner=owner,
        owner_organisation=owner_organisation,
        description=description,
    )
    following = next_meeting(meeting)
    if following is not None:
        carry_forward_actions(actor, following)
    return action


@transaction.atomic
def add_agenda_item(actor, meeting, *, title, presenter=None, presenter_name="", notes=""):
    position = (meeting.agenda_items.aggregate(m=Max("position"))["m"] or 0) + 1
    item = AgendaItem(
        meeting=meeting,
        position=position,
        title=title,
        presenter=presenter,
        presenter_name=presenter_name,
        notes=notes,
    )
    item.full_clean()
    as_actor(item, actor).save()
    return item


@transaction.atomic
def record_attendance(actor, meeting, *, person, organisation, status, deputy_name=""):
    """Record (or correct) one person's attendance, for the organisation they represented."""
    if status == AttendanceStatus.DEPUTY and not deputy_name.strip():
        raise ValidationError({"deputy_name": "Enter the name of the deputy who attended"})
    if status != AttendanceStatus.DEPUTY:
        deputy_name = ""
    attendance = Attendance.objects.filter(meeting=meeting, person=person).first() or Attendance(
        meeting=meeting, person=person
    )
    attendance.organisation = organisation
    attendance.status = status
    attendance.deputy_name = deputy_name.strip()
    as_actor(attendance, actor).save()
    return attendance


@transaction.atomic
def save_minutes(actor, meeting, text):
    """Draft (or redraft) a meeting's minutes; approved minutes no longer change."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_status == MinutesStatus.APPROVED:
        raise ValidationError("These minutes were approved and can no longer change.")
    meeting.minutes = text
    meeting.minutes_status = MinutesStatus.DRAFT if text.strip() else MinutesStatus.NOT_STARTED
    as_actor(meeting, actor).save()
    return meeting


@transaction.atomic
def approve_minutes(actor, meeting, *, at):
    """Approve a meeting's draft minutes at a later meeting of the same group."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_status != MinutesStatus.DRAFT:
        raise ValidationError("Only draft minutes can be approved.")
    if at.group_id != meeting.group_id or at.starts_at <= meeting.starts_at:
        raise ValidationError("Minutes are approved at a later meeting of the same group.")
    if at.status == MeetingStatus.CANCELLED:
        raise ValidationError("Minutes cannot be approved at a cancelled meeting.")
    meeting.minutes_status = MinutesStatus.APPROVED
    meeting.minutes_approved_at = at
    meeting.minutes_approved_on = timezone.localtime(at.starts_at).date()
    as_actor(meeting, actor).save()
    return meeting


@transaction.atomic
def record_decision(
    actor, *, partnership, title, text, decided_on, meeting=None, agenda_item=None, reference=""
):
    decision = Decision(
        partnership=partnership,
        meeting=meeting,
        agenda_item=agenda_item,
        title=title,
        text=text,
        decided_on=decided_on,
        reference=reference,
    )
    decision.full_clean()
    as_actor(decision, actor).save()
    return decision


@transaction.atomic
def upload_paper(actor, meeting, *, upload, kind, title, agenda_item=None):
    """Store a paper whose content was checked (partnerships.papers.identify) for `kind`."""
    paper = Paper(
        partnership=meeting.partnership,
        meeting=meeting,
        agenda_item=agenda_item,
        title=title,
        file_kind=kind,
        size_bytes=upload.size,
        original_name=upload.name.rsplit("/", 1)[-1][:255],
        uploaded_by=actor,
    )
    paper.file.save(upload.name, upload, save=False)
    try:
        as_actor(paper, actor).save()
    except Exception:
        paper.file.delete(save=False)  # no orphan file when the row cannot be written
        raise
    return paper


# -- Priorities ---------------------------------------------------------------------------------


@transaction.atomic
def report_progress(actor, priority, *, rag, summary, reported_on, objective=None):
    if objective is not None and objective.priority_id != priority.pk:
        raise ValidationError({"objective": "Choose an objective of this priority."})
    update = ProgressUpdate(
        priority=priority,
        objective=objective,
        rag=rag,
        summary=summary,
        reported_on=reported_on,
        author=actor,
    )
    update.full_clean()
    as_actor(update, actor).save()
    return update


# -- Risks ----------------------------------------------------------------------------------


@transaction.atomic
def create_risk(actor, risk, *, note=""):
    """Add a risk to the register; its first score starts the history of scores."""
    risk.full_clean(exclude=["score"])
    as_actor(risk, actor).save()
    _assessment(actor, risk, risk.likelihood, risk.impact, timezone.localdate(), note or "First assessment.")
    return risk


def _assessment(actor, risk, likelihood, impact, on, note):
    assessment = RiskAssessment(
        risk=risk,
        likelihood=likelihood,
        impact=impact,
        score=likelihood * impact,
        assessed_on=on,
        note=note,
        author=actor,
    )
    assessment.full_clean()
    as_actor(assessment, actor).save()
    return assessment


@transaction.atomic
def reassess_risk(actor, risk, *, likelihood, impact, note="", assessed_on=None, review_date=None):
    """Score a risk again: the register shows the new score, the history keeps the old ones."""
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    for name, value in (("likelihood", likelihood), ("impact", impact)):
        if not (isinstance(value, int) and 1 <= value <= 5):
            raise ValidationError({name: f"The {name} must be a whole number from 1 to 5"})
    risk.likelihood, risk.impact = likelihood, impact
    if review_date is not None:
        risk.review_date = review_date
    as_actor(risk, actor).save()
    _assessment(actor, risk, likelihood, impact, assessed_on or timezone.localdate(), note)
    return risk


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
    from django.db.models import Q

    from partnerships.choices import SECTION_11_KINDS

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
    """Section 11 self-assessment is typically every two years (../shared/DOMAIN.md)."""
    try:
        return day.replace(year=day.year + 2)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 2, day=28)
