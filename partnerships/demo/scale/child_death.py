"""Child death review's share of the benchmark data (`generate_scale_data`): panels whose
footprints cover three partnerships each, cases from notification to closure (35,000 at national
scale) with their identities, reporting forms, stage changes, panel meetings with attendance and
agendas, and their rows in the deadline register. Bulk inserts with history rows; target dates follow
child_death/services.py (docs/statutory-rules.md#child-death-review). Registered in ChildDeathConfig.ready().

Identities are invented and obviously fake: given name "Testchild", family name "Fictional-N", and an
NHS number from the 999 range the NHS keeps for testing (valid check digit, never issued).
"""

import datetime

from django.db import transaction

from child_death import services
from child_death.choices import (
    AgeBand,
    AgendaOutcome,
    Category,
    Expectedness,
    FactorGrade,
    FormKind,
    FormStatus,
    JarCriterion,
    MeetingStatus,
    Modifiable,
    PlaceOfDeath,
    Stage,
)
from child_death.models import (
    AgendaItem,
    ChildDeathCase,
    ChildDeathOverviewPanel,
    ChildIdentity,
    PanelAttendance,
    PanelMeeting,
    ReportingForm,
    StageChange,
)
from child_death.services import REPORTING_FORM_WORKING_DAYS
from partnerships.core.periods import add_months
from partnerships.deadlines.models import Deadline
from partnerships.deadlines.register import new_deadline
from partnerships.deadlines.workingdays import england
from partnerships.demo.scale.base import bulk, register_scale_generator

PARTNERSHIPS_PER_PANEL = 3
OPEN_SHARE = 0.06
AGE_DAYS = {
    AgeBand.NEONATE: (0, 27),
    AgeBand.INFANT: (28, 364),
    AgeBand.Y1_4: (365, 4 * 365),
    AgeBand.Y5_9: (5 * 365, 9 * 365),
    AgeBand.Y10_14: (10 * 365, 14 * 365),
    AgeBand.Y15_17: (15 * 365, 17 * 365),
}


def fake_nhs_number(rng):
    """A number in the NHS's 999 test range with a valid modulus 11 check digit."""
    while True:
        digits = [9, 9, 9] + [rng.randrange(10) for _ in range(6)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def _meeting_day(day):
    """The panel meets on the 10th of each month: the first meeting on or after `day`."""
    meeting = day.replace(day=10)
    return meeting if meeting >= day else add_months(meeting, 1)


@transaction.atomic
def child_deaths(ctx):
    rng = ctx.rng
    calendar = england()
    end = ctx.start + datetime.timedelta(days=ctx.counts["years"] * 365)
    groups = [
        ctx.partnerships[i : i + PARTNERSHIPS_PER_PANEL]
        for i in range(0, len(ctx.partnerships), PARTNERSHIPS_PER_PANEL)
    ]
    panels = []
    for i, footprint in enumerate(groups):
        host = footprint[0]
        panel = ChildDeathOverviewPanel.objects.create(
            name=f"Scale {ctx.seed}-{i} Child Death Overview Panel",
            short_name=f"Scale CDOP {i}",
            reference_prefix=f"S{ctx.seed % 100}C{i}"[:10],
            host_partnership=host,
            chair="An invented panel chair",
        )
        panel.partnerships.set(footprint)
        panel.areas.set([ctx.members[p.pk]["area"] for p in footprint])
        panel.review_partners.set([org for p in footprint for org in ctx.members[p.pk]["organisations"][:2]])
        panels.append((panel, footprint))

    per_panel = max(1, ctx.counts["child_deaths"] // len(panels))
    bands = [b for b, _ in AgeBand.choices]
    places = [pl for pl, _ in PlaceOfDeath.choices]
    categories = [c for c, _ in Category.choices]
    grades = [g for g, _ in FactorGrade.choices]
    jar = [j for j, _ in JarCriterion.choices]
    cases, identities = [], []
    for panel, footprint in panels:
        for k in range(per_panel):
            died = ctx.day()
            p = rng.choice(footprint)
            m = ctx.members[p.pk]
            band = rng.choice(bands)
            unexpected = rng.random() < 0.35
            is_open = rng.random() < OPEN_SHARE
            case = ChildDeathCase(
                panel=panel,
                reference=f"{panel.reference_prefix}-{died.year}-{k:04d}",
                date_of_death=died,
                notified_on=died + datetime.timedelta(days=rng.randrange(0, 4)),
                notified_by="Ward sister (invented)",
                notifier_organisation=m["organisations"][3],
                place_of_death=rng.choice(places),
                age_band=band,
                area_of_residence=m["area"],
                expectedness=Expectedness.UNEXPECTED if unexpected else Expectedness.EXPECTED,
                jar_triggered=unexpected,
                jar_criterion=rng.choice(jar) if unexpected else "",
                key_worker="Invented key worker, bereavement nurse",
                key_worker_organisation=m["organisations"][3],
            )
            if is_open:
                case.stage = rng.choice([Stage.NOTIFIED, Stage.GATHERING, Stage.CDR_MEETING])
                if case.stage == Stage.CDR_MEETING:
                    case.cdr_meeting_on = died + datetime.timedelta(days=rng.randrange(60, 100))
            else:
                case.stage = Stage.CLOSED
                case.cdr_meeting_on = died + datetime.timedelta(days=rng.randrange(60, 100))
                case.panel_reviewed_on = _meeting_day(died + datetime.timedelta(days=rng.randrange(90, 180)))
                case.category = rng.choice(categories)
                case.factors_child, case.factors_social = rng.choice(grades), rng.choice(grades)
                case.factors_physical, case.factors_service = rng.choice(grades), rng.choice(grades)
                case.modifiable = rng.choice([Modifiable.YES, Modifiable.NO, Modifiable.NO])
                case.learning_points = "Invented learning for the benchmark."
                case.ncmd_submitted_on = case.panel_reviewed_on
                case.closed_on = case.panel_reviewed_on
            cases.append(case)
            low, high = AGE_DAYS[band]
            identities.append(
                ChildIdentity(
                    given_names="Testchild",
                    family_name=f"Fictional-{ctx.seed}-{len(cases)}",
                    date_of_birth=died - datetime.timedelta(days=rng.randrange(low, high + 1)),
                    nhs_number=fake_nhs_number(rng),
                )
            )
    bulk(ChildDeathCase, cases)
    for case, identity in zip(cases, identities, strict=True):
        identity.case = case
    bulk(ChildIdentity, identities)
    bulk(
        StageChange,
        [
            StageChange(case=c, from_stage="", to_stage=c.stage, note="Loaded for the benchmark")
            for c in cases
        ],
    )

    # Reporting forms: the rest of the benchmark's 60,000 agency contributions (BENCHMARKS.md), spread over the cases.
    wanted = max(len(cases), ctx.counts["contributions"] - ctx.created.get("review_contributions", 0))
    partnership_of_area = {m["area"].pk: pk for pk, m in ctx.members.items()}
    forms = []
    for i in range(wanted):
        case = cases[i % len(cases)]
        orgs = ctx.members[partnership_of_area[case.area_of_residence_id]]["organisations"]
        org = orgs[(i // len(cases)) % len(orgs)]
        requested = case.notified_on
        due = calendar.add(requested, REPORTING_FORM_WORKING_DAYS)
        submitted = (
            None if case.stage == Stage.NOTIFIED else due - datetime.timedelta(days=rng.randrange(0, 8))
        )
        forms.append(
            ReportingForm(
                case=case,
                organisation=org,
                kind=FormKind.REPORTING,
                requested_on=requested,
                due_date=due,
                status=FormStatus.SUBMITTED if submitted else FormStatus.REQUESTED,
                involvement="Invented involvement for the benchmark." if submitted else "",
                submitted_on=max(submitted, requested) if submitted else None,
            )
        )
    bulk(ReportingForm, forms)

    # Panel meetings on the 10th of each month, with attendance and the cases they reviewed.
    meetings, attendance, agenda = [], [], []
    by_meeting = {}
    for case in cases:
        if case.panel_reviewed_on:
            by_meeting.setdefault((case.panel_id, case.panel_reviewed_on), []).append(case)
    for panel, _footprint in panels:
        day = _meeting_day(ctx.start)
        while day <= end + datetime.timedelta(days=200):
            meetings.append(
                PanelMeeting(
                    panel=panel,
                    meets_on=day,
                    location="Invented town hall",
                    status=MeetingStatus.HELD if day <= end else MeetingStatus.PLANNED,
                )
            )
            day = add_months(day, 1)
    bulk(PanelMeeting, meetings)
    for meeting in meetings:
        host = ctx.members[meeting.panel.host_partnership_id]
        for j, person in enumerate(host["people"][:5]):
            attendance.append(
                PanelAttendance(
                    meeting=meeting,
                    name=person.get_full_name(),
                    organisation=host["organisations"][j % 4],
                    role="Panel member",
                    present=rng.random() < 0.85,
                )
            )
        for position, case in enumerate(by_meeting.get((meeting.panel_id, meeting.meets_on), []), start=1):
            agenda.append(
                AgendaItem(
                    meeting=meeting,
                    case=case,
                    position=position,
                    outcome=AgendaOutcome.REVIEWED,
                    outcome_notes="Reviewed (invented)",
                )
            )
    bulk(PanelAttendance, attendance)
    bulk(AgendaItem, agenda)

    # The register's rows, from the services' own functions (child_death/services.py).
    rows = [new_deadline(**fields) for case in cases for fields in services.case_deadlines(case)]
    rows += [new_deadline(**services.form_deadline(form)) for form in forms]
    bulk(Deadline, rows)
    ctx.created.update(
        child_death_panels=len(panels),
        child_deaths=len(cases),
        reporting_forms=len(forms),
        panel_meetings=len(meetings),
        panel_attendance=len(attendance),
        panel_agenda_items=len(agenda),
        child_death_deadlines=len(rows),
    )


register_scale_generator(20, child_deaths)
