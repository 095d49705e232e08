"""Each step of a child death review as one function in a transaction, the actor first.

The stages and their aims follow the Child Death Review: Statutory and Operational Guidance
(England), 2018 (docs/statutory-rules.md#child-death-review). Every stage move is recorded as a
`StageChange` through `_move`; the stage rules refuse with a message a person can act on.
Deadline titles name the case reference only: no child identity ever reaches an email or calendar.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from child_death.choices import AgeBand, AgendaOutcome, FormStatus, MeetingStatus, Modifiable, Stage
from child_death.models import (
    AgendaItem,
    ChildDeathCase,
    ChildIdentity,
    FamilyContact,
    PanelMeeting,
    ReportingForm,
    StageChange,
)
from partnerships.core.choices import ActionSource
from partnerships.core.periods import add_months
from partnerships.core.services import as_actor, create_action, link_records
from partnerships.deadlines.register import upsert_deadline
from partnerships.deadlines.workingdays import england

GUIDANCE = "Child Death Review: Statutory and Operational Guidance (England), 2018"

# Agencies are asked to return the reporting form within this many working days of the request.
# The guidance sets no period (it asks for information "as soon as possible"); this is the local
# procedure's default, a named rule the business unit may override per form (docs/statutory-rules.md#child-death-review).
REPORTING_FORM_WORKING_DAYS = 15
# The child death review meeting: "aim about 3 months" after the death (docs/statutory-rules.md#child-death-review).
CDR_MEETING_AIM_MONTHS = 3
# The CDOP review: "aim 3 to 6 months" after the death, often after an inquest (docs/statutory-rules.md#child-death-review).
PANEL_REVIEW_AIM_MONTHS = 6

FORM_DEADLINE_KIND = "cdr_reporting_form"
CDR_MEETING_DEADLINE_KIND = "cdr_meeting"
PANEL_REVIEW_DEADLINE_KIND = "cdop_review"


def _move(actor, case, to_stage, note=""):
    """Record the move of `case` to `to_stage` (the one place stages change)."""
    if case.stage == to_stage:
        return case
    StageChange.objects.create(
        case=case, from_stage=case.stage, to_stage=to_stage, changed_by=actor, note=note[:255]
    )
    case.stage = to_stage
    return case


def _save(actor, obj):
    # The database enforces the named constraints, and each service checks the ones a person can
    # break with a message of its own, so they are not queried again here.
    obj.full_clean(validate_constraints=False)
    as_actor(obj, actor).save()
    return obj


def _next_reference(panel, date_of_death):
    year = date_of_death.year
    prefix = f"{panel.reference_prefix}-{year}-"
    last = (
        ChildDeathCase.objects.filter(reference__startswith=prefix)
        .select_for_update()
        .aggregate(m=Max("reference"))["m"]
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:03d}"


# The register's rows for a case and a reporting form: written by the services below, and in bulk
# by the benchmark's scale data (child_death/scale.py), so the two cannot drift apart.


def case_deadlines(case):
    """The CDR meeting and panel review aims, in the host partnership's register (docs/statutory-rules.md#child-death-review)."""
    common = {
        "source": case,
        "partnership_id": case.panel.host_partnership_id,
        "authority": GUIDANCE,
        "starts_on": case.date_of_death,
        "is_active": case.stage != Stage.CLOSED,
        "source_label": str(case),
    }
    return [
        dict(
            common,
            kind=CDR_MEETING_DEADLINE_KIND,
            title=f"Child death review meeting for {case.reference}",
            due_date=add_months(case.date_of_death, CDR_MEETING_AIM_MONTHS),
            rule=f"Child death review meeting: aim {CDR_MEETING_AIM_MONTHS} months after the death",
            met_on=case.cdr_meeting_on,
        ),
        dict(
            common,
            kind=PANEL_REVIEW_DEADLINE_KIND,
            title=f"Panel review of {case.reference}",
            due_date=add_months(case.date_of_death, PANEL_REVIEW_AIM_MONTHS),
            rule=f"Child death overview panel review: aim 3 to {PANEL_REVIEW_AIM_MONTHS} months after the death",
            met_on=case.panel_reviewed_on,
        ),
    ]


def form_deadline(form):
    """An agency's reporting form, due a set number of working days from the request."""
    return {
        "source": form,
        "kind": FORM_DEADLINE_KIND,
        "partnership_id": form.case.panel.host_partnership_id,
        "title": f"Reporting form from {form.organisation} for {form.case.reference}",
        "due_date": form.due_date,
        "rule": f"Reporting form: {REPORTING_FORM_WORKING_DAYS} working days from the request (local procedure)",
        "authority": GUIDANCE,
        "starts_on": form.requested_on,
        "met_on": form.submitted_on,
        "is_active": form.status != FormStatus.WAIVED,
        "source_label": f"{form.get_kind_display()} for {form.case.reference}",
    }


def _sync_case_deadlines(actor, case):
    for fields in case_deadlines(case):
        upsert_deadline(**fields, actor=actor)


def _sync_form_deadline(actor, form):
    upsert_deadline(**form_deadline(form), actor=actor)


# Every death of a child (under 18) is reviewed (docs/statutory-rules.md#child-death-review).
CHILD_UNDER = 18


def age_band_at_death(born, died):
    """The national age band of a child born on `born` who died on `died`."""
    days = (died - born).days
    if days < 28:
        return AgeBand.NEONATE
    if days < 365:
        return AgeBand.INFANT
    years = died.year - born.year - ((died.month, died.day) < (born.month, born.day))
    for band, upper in ((AgeBand.Y1_4, 5), (AgeBand.Y5_9, 10), (AgeBand.Y10_14, 15)):
        if years < upper:
            return band
    return AgeBand.Y15_17


def _check_child(case, child):
    """The dates must make a child: born on or before the death, and under 18 at death. The age
    band follows from them; it is never typed."""
    born, died = child.date_of_birth, case.date_of_death
    if born is None or died is None:
        return
    if born > died:
        raise ValidationError({"date_of_birth": "The date of birth must be on or before the date of death"})
    years = died.year - born.year - ((died.month, died.day) < (born.month, born.day))
    if years >= CHILD_UNDER:
        raise ValidationError(
            {
                "date_of_birth": "The child must have been under 18 at death: check the date of birth "
                "and the date of death"
            }
        )
    case.age_band = age_band_at_death(born, died)


def _link_same_nhs_number(actor, case, child):
    """A second case of the panel with the same NHS number: linked to the first, and returned so the
    page can warn that the death may have been notified twice."""
    if not child.nhs_number:
        return []
    earlier = list(
        ChildDeathCase.objects.filter(panel=case.panel, identity__nhs_number=child.nhs_number).exclude(
            pk=case.pk
        )
    )
    for other in earlier:
        link_records(actor, case, other, reason="The same NHS number")
    return earlier


@transaction.atomic
def notify_death(actor, *, panel, identity, **fields):
    """Open a case when a child's death is notified; `identity` holds the child's names, DOB, NHS number.

    The case's `same_nhs_number` lists earlier cases of the panel with the child's NHS number (now
    linked to it): the page warns that the death may have been notified twice."""
    if fields.get("area_of_residence") and not panel.areas.filter(pk=fields["area_of_residence"].pk).exists():
        raise ValidationError(
            {
                "area_of_residence": "This panel does not cover that area: notify the panel of the child's home area."
            }
        )
    fields.pop("age_band", None)  # derived from the dates below
    case = ChildDeathCase(panel=panel, **fields)
    child = ChildIdentity(case=case, **identity)
    _check_child(case, child)
    case.full_clean(exclude=["reference"])
    try:
        child.full_clean(exclude=["case"])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from None
    case.reference = _next_reference(panel, case.date_of_death)
    as_actor(case, actor).save()
    StageChange.objects.create(
        case=case, from_stage="", to_stage=Stage.NOTIFIED, changed_by=actor, note="Notified"
    )
    child.case = case
    as_actor(child, actor).save()
    _sync_case_deadlines(actor, case)
    case.same_nhs_number = _link_same_nhs_number(actor, case, child)
    return case


@transaction.atomic
def update_notification(actor, case, identity=None):
    """Save changed notification details (and identity) of an open case."""
    identity = identity or ChildIdentity.objects.filter(case=case).first()
    if identity is not None:
        _check_child(case, identity)
    _save(actor, case)
    case.same_nhs_number = []
    if identity is not None:
        _save(actor, identity)
        case.same_nhs_number = _link_same_nhs_number(actor, case, identity)
    _sync_case_deadlines(actor, case)
    return case


@transaction.atomic
def request_reporting_form(actor, case, *, organisation, kind, requested_on, due_date=None):
    """Ask an involved agency for its reporting form; the case moves to information gathering."""
    if case.stage in (Stage.PANEL_REVIEWED, Stage.CLOSED):
        raise ValidationError("The panel has already reviewed this case: no more forms can be requested.")
    if ReportingForm.objects.filter(case=case, organisation=organisation, kind=kind).exists():
        raise ValidationError({"organisation": "This form has already been requested from this agency."})
    form = ReportingForm(
        case=case,
        organisation=organisation,
        kind=kind,
        requested_on=requested_on,
        due_date=due_date or england().add(requested_on, REPORTING_FORM_WORKING_DAYS),
    )
    _save(actor, form)
    if case.stage == Stage.NOTIFIED:
        _move(actor, case, Stage.GATHERING, f"Reporting form requested from {organisation}")
        as_actor(case, actor).save()
    _sync_form_deadline(actor, form)
    return form


@transaction.atomic
def submit_reporting_form(actor, form, *, involvement, concerns="", information="", submitted_on):
    """An agency's reporting form is returned (by the agency contributor or entered by the business unit)."""
    form = ReportingForm.objects.select_for_update().get(pk=form.pk)
    if form.status == FormStatus.WAIVED:
        raise ValidationError("This form was waived: it cannot be submitted.")
    if not involvement.strip():
        raise ValidationError({"involvement": "Describe the agency's involvement with the child and family."})
    form.involvement = involvement.strip()
    form.concerns = concerns.strip()
    form.information = information.strip()
    form.status = FormStatus.SUBMITTED
    form.submitted_on = submitted_on
    form.submitted_by = actor
    _save(actor, form)
    _sync_form_deadline(actor, form)
    return form


@transaction.atomic
def waive_reporting_form(actor, form, *, reason):
    """Decide that a form is not needed, with the reason (it then no longer holds up the panel review)."""
    form = ReportingForm.objects.select_for_update().get(pk=form.pk)
    if form.status == FormStatus.SUBMITTED:
        raise ValidationError("This form has been submitted: it cannot be waived.")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason the form is being waived."})
    form.status = FormStatus.WAIVED
    form.waived_reason = reason.strip()
    _save(actor, form)
    _sync_form_deadline(actor, form)
    return form


@transaction.atomic
def record_bereavement_support(
    actor, case, *, key_worker, key_worker_organisation, bereavement_support, bereavement_support_offered_on
):
    case.key_worker = key_worker
    case.key_worker_organisation = key_worker_organisation
    case.bereavement_support = bereavement_support
    case.bereavement_support_offered_on = bereavement_support_offered_on
    return _save(actor, case)


@transaction.atomic
def log_family_contact(actor, case, *, contacted_on, method, made_by, summary):
    contact = FamilyContact(
        case=case,
        contacted_on=contacted_on,
        method=method,
        made_by=made_by,
        summary=summary,
        recorded_by=actor,
    )
    return _save(actor, contact)


@transaction.atomic
def record_cdr_meeting(actor, case, *, held_on, notes=""):
    """The child death review meeting of the practitioners involved has taken place."""
    if case.stage not in (Stage.NOTIFIED, Stage.GATHERING, Stage.CDR_MEETING):
        raise ValidationError("The child death review meeting comes before the panel review.")
    if held_on < case.date_of_death:
        raise ValidationError({"held_on": "The meeting cannot be before the death."})
    case.cdr_meeting_on = held_on
    case.cdr_meeting_notes = notes
    _move(actor, case, Stage.CDR_MEETING, "Child death review meeting held")
    _save(actor, case)
    _sync_case_deadlines(actor, case)
    return case


def forms_blocking_panel(case):
    """Why the case may not reach panel review yet (empty when it may)."""
    forms = list(case.reporting_forms.select_related("organisation"))
    if not forms:
        return ["No reporting forms have been requested: request one from every agency involved."]
    return [
        f"The {f.get_kind_display().lower()} from {f.organisation} is outstanding: "
        "record it as submitted, or waive it with a reason."
        for f in forms
        if f.status == FormStatus.REQUESTED
    ]


@transaction.atomic
def add_to_agenda(actor, meeting, case):
    """Put a case on a panel meeting's agenda (it must be the same panel's, and ready for review)."""
    if case.panel_id != meeting.panel_id:
        raise ValidationError("This case belongs to another panel.")
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError("Cases can only be added to a planned meeting.")
    if case.stage in (Stage.PANEL_REVIEWED, Stage.CLOSED):
        raise ValidationError("The panel has already reviewed this case.")
    blocking = forms_blocking_panel(case)
    if blocking:
        raise ValidationError(blocking)
    if AgendaItem.objects.filter(meeting=meeting, case=case).exists():
        raise ValidationError("This case is already on the agenda.")
    position = (meeting.agenda.aggregate(m=Max("position"))["m"] or 0) + 1
    return _save(actor, AgendaItem(meeting=meeting, case=case, position=position))


@transaction.atomic
def record_panel_outcome(actor, item, *, outcome, notes=""):
    """What the panel decided about one case at the meeting; a completed review moves the case on."""
    item = AgendaItem.objects.select_for_update().select_related("meeting", "case").get(pk=item.pk)
    case = ChildDeathCase.objects.select_for_update().get(pk=item.case_id)
    if outcome == AgendaOutcome.REVIEWED:
        blocking = forms_blocking_panel(case)
        if blocking:
            raise ValidationError(["The panel cannot review this case yet.", *blocking])
        if case.stage in (Stage.PANEL_REVIEWED, Stage.CLOSED):
            raise ValidationError("The panel has already reviewed this case.")
        case.panel_reviewed_on = item.meeting.meets_on
        _move(actor, case, Stage.PANEL_REVIEWED, f"Reviewed at {item.meeting}")
        _save(actor, case)
        _sync_case_deadlines(actor, case)
    item.outcome = outcome
    item.outcome_notes = notes
    _save(actor, item)
    meeting = item.meeting
    if meeting.status == MeetingStatus.PLANNED:
        meeting.status = MeetingStatus.HELD
        _save(actor, meeting)
    return item


# What the analysis form must say, in the words of its questions (docs/statutory-rules.md#child-death-review).
ANALYSIS_REQUIRED = {
    "category": "Choose the category of death",
    "factors_child": "Choose the grade of factors intrinsic to the child",
    "factors_social": "Choose the grade of factors in the social environment",
    "factors_physical": "Choose the grade of factors in the physical environment",
    "factors_service": "Choose the grade of factors in service provision",
    "modifiable": "Say whether modifiable factors were identified",
}


@transaction.atomic
def record_analysis(actor, case, *, actions=(), **analysis):
    """The panel's analysis form: category, contributory factors, modifiability, learning; actions to the log.

    `actions` are (title, due date, organisation or None); a title needs its due date."""
    if case.stage not in (Stage.PANEL_REVIEWED, Stage.CLOSED):
        raise ValidationError("Record the analysis once the panel has reviewed the case.")
    for name, value in analysis.items():
        setattr(case, name, value)
    errors = {
        name: message
        for name, message in ANALYSIS_REQUIRED.items()
        if getattr(case, name) is None or getattr(case, name) == ""
    }
    if case.modifiable == Modifiable.YES and not (case.learning_points or "").strip():
        errors["learning_points"] = "Describe the learning where modifiable factors were identified"
    if any(title and not due for title, due, _organisation in actions):
        errors["action_due_date"] = "Enter the date the action is due"
    if errors:
        raise ValidationError(errors)
    _save(actor, case)
    created = []
    for title, due_date, organisation in actions:
        created.append(
            create_action(
                actor,
                partnership=case.panel.host_partnership,
                title=title,
                due_date=due_date,
                source=case,
                source_kind=ActionSource.CHILD_DEATH,
                owner_organisation=organisation,
            )
        )
    return created


@transaction.atomic
def record_ncmd_submission(actor, case, *, submitted_on, reference=""):
    """The case's data has been sent to the National Child Mortality Database (docs/statutory-rules.md#child-death-review: after the CDOP)."""
    if case.stage not in (Stage.PANEL_REVIEWED, Stage.CLOSED):
        raise ValidationError(
            "Send the data to the National Child Mortality Database after the panel review."
        )
    if case.panel_reviewed_on and submitted_on < case.panel_reviewed_on:
        raise ValidationError({"submitted_on": "The submission cannot be before the panel review."})
    case.ncmd_submitted_on = submitted_on
    case.ncmd_reference = reference
    return _save(actor, case)


@transaction.atomic
def close_case(actor, case, *, closed_on):
    """Close a reviewed case; closure needs the panel's categorisation of the death."""
    case = ChildDeathCase.objects.select_for_update().get(pk=case.pk)
    if case.stage == Stage.CLOSED:
        raise ValidationError("This case is already closed.")
    if case.stage != Stage.PANEL_REVIEWED:
        raise ValidationError("A case can only be closed after the panel has reviewed it.")
    if case.category is None:
        raise ValidationError("Record the category of death before closing the case.")
    if not case.modifiable:
        raise ValidationError("Record whether there were modifiable factors before closing the case.")
    case.closed_on = closed_on
    _move(actor, case, Stage.CLOSED, "Closed")
    _save(actor, case)
    _sync_case_deadlines(actor, case)  # closed: the aims no longer apply
    return case


@transaction.atomic
def create_meeting(actor, *, panel, meets_on, location="", notes=""):
    return _save(actor, PanelMeeting(panel=panel, meets_on=meets_on, location=location, notes=notes))


@transaction.atomic
def record_attendance(actor, attendance):
    return _save(actor, attendance)


@transaction.atomic
def link_to_record(actor, case, target, *, reason=""):
    """Link a case to a record of another app (a serious incident notification), both ways, by RecordLink."""
    return link_records(actor, case, target, reason=reason)
