"""Governance workflow steps: meetings and minutes, actions from meetings and scrutiny, risks,
priorities, challenges and Section 11 returns. Each step is one function in a transaction, actor
first (as partnerships.core.services)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from partnerships.core.choices import ActionSource
from partnerships.core.models import Action
from partnerships.core.services import as_actor, create_action
from partnerships.governance.choices import AgendaItemKind, AttendanceStatus, MeetingStatus, MinutesStatus
from partnerships.governance.models import (
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Paper,
    ProgressUpdate,
    Risk,
    RiskAssessment,
)

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
    """Store a paper whose content was checked (partnerships.core.papers.identify) for `kind`."""
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
