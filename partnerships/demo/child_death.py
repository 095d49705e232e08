"""Demo data for child death reviews: the Barking and Dagenham, Havering and Redbridge child death
overview panel (Havering Cabinet paper, 12 June 2019: the CDOP already works across the three
boroughs, para 3; a footprint of 60 to 150 deaths a year, para 5.3(b)).

About 60 invented, pseudonymous cases a year from April 2023 to October 2026, at every stage as at
1 November 2026, with reporting forms from the footprint's agencies, monthly panel meetings, family
contacts and analyses. The mix of ages, categories and places follows the national pattern (most
deaths are of babies under a month, from perinatal events and congenital anomalies); no child is
real and the names are plainly invented ("Demo child N"). Idempotent: nothing is added once the
panel has cases, so a second run changes nothing.
"""

import datetime
import random

from django.conf import settings

from child_death import services
from child_death.choices import AgendaOutcome, FormKind, Modifiable, Stage
from child_death.models import ChildDeathCase, ChildDeathOverviewPanel, PanelAttendance
from partnerships.core.models import LocalAuthorityArea, Organisation, Partnership, User
from partnerships.core.periods import add_months
from partnerships.demo.utils import ensure, ensure_m2m

AS_OF = datetime.date(2026, 11, 1)
FIRST_DEATH = datetime.date(2023, 4, 1)
LAST_DEATH = datetime.date(2026, 10, 30)
DEATHS_PER_YEAR = 60

AGE_BANDS = [("0_27d", 40), ("28_364d", 20), ("1_4", 12), ("5_9", 7), ("10_14", 9), ("15_17", 12)]
CATEGORIES = [(8, 33), (7, 25), (5, 8), (9, 7), (4, 7), (6, 5), (10, 5), (3, 5), (2, 3), (1, 2)]
PLACES = [("hospital", 75), ("home", 15), ("hospice", 4), ("public_place", 4), ("abroad", 2)]
AGENCIES = [
    "Barking, Havering and Redbridge University Hospitals NHS Trust",
    "North East London NHS Foundation Trust",
    "London Borough of Barking and Dagenham",
    "London Borough of Havering",
    "London Borough of Redbridge",
    "Metropolitan Police Service (East Area Basic Command Unit)",
]
BOROUGH_COUNCIL = {
    "barking-and-dagenham": "London Borough of Barking and Dagenham",
    "havering": "London Borough of Havering",
    "redbridge": "London Borough of Redbridge",
}


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _first_thursday(year, month):
    day = datetime.date(year, month, 1)
    return day + datetime.timedelta((3 - day.weekday()) % 7)


# The other papers that name a child death overview panel of their own, which the demo sets up
# without cases: Coventry's lists the Child Death Overview Panel among its sub-groups (para 2.1);
# Somerset's keeps its CDOP, outside the new arrangements from October 2019 (para 1.7). Leeds's
# paper names none, so the Leeds demo has no panel and no child death pages.
# (partnership slug, name, short name, reference prefix, review partners, invented chair)
OTHER_PANELS = [
    (
        "coventry",
        "Coventry Child Death Overview Panel",
        "Coventry CDOP",
        "COV",
        ["Coventry City Council", "Coventry and Rugby Clinical Commissioning Group"],
        "Janet Amos, Designated Nurse for Safeguarding Children (invented)",
    ),
    (
        "somerset",
        "Somerset Child Death Overview Panel",
        "Somerset CDOP",
        "SOM",
        ["Somerset County Council", "NHS Somerset Clinical Commissioning Group"],
        "Dr Owen Penrose, Consultant in Public Health (invented)",
    ),
]


def load(people=None):
    _load_other_panels()
    bhr = Partnership.objects.filter(slug="bhr").first()
    if bhr is None:
        return
    areas = {a.slug: a for a in LocalAuthorityArea.objects.filter(slug__in=BOROUGH_COUNCIL)}
    orgs = {
        o.name: o
        for o in Organisation.objects.filter(
            name__in=[
                *AGENCIES,
                *BOROUGH_COUNCIL.values(),
                "Barking and Dagenham, Havering and Redbridge Clinical Commissioning Groups",
            ]
        )
    }
    panel = ensure(
        ChildDeathOverviewPanel,
        {"reference_prefix": "BHR"},
        name="Barking and Dagenham, Havering and Redbridge Child Death Overview Panel",
        short_name="BHR CDOP",
        host_partnership=bhr,
        chair="Dr Imani Okafor, Consultant in Public Health (invented)",
    )
    ensure_m2m(panel.partnerships, [bhr])
    ensure_m2m(panel.areas, list(areas.values()))
    ensure_m2m(
        panel.review_partners,
        [
            orgs[n]
            for n in [
                *BOROUGH_COUNCIL.values(),
                "Barking and Dagenham, Havering and Redbridge Clinical Commissioning Groups",
            ]
            if n in orgs
        ],
    )
    if ChildDeathCase.objects.filter(panel=panel).exists():
        return
    actor = User.objects.filter(username="bhr-cdop-manager").first()
    _load_cases(actor, panel, areas, orgs)


def _load_cases(actor, panel, areas, orgs):
    # Seeded for invented demo data, not for security.
    rng = random.Random(2019)  # noqa: S311  # nosec B311
    span = (LAST_DEATH - FIRST_DEATH).days
    # The test suite loads the demo many times: it may ask for fewer cases (config/settings/test.py).
    per_year = getattr(settings, "DEMO_CHILD_DEATHS_PER_YEAR", DEATHS_PER_YEAR)
    count = round(span / 365.25 * per_year)
    deaths = sorted(FIRST_DEATH + datetime.timedelta(rng.randrange(span)) for _ in range(count))
    by_month = {}
    for n, death in enumerate(deaths, start=1):
        case, review_month = _one_case(actor, panel, areas, orgs, rng, n, death)
        if review_month is not None:
            by_month.setdefault(review_month, []).append(case)
    # Monthly panel meetings: the cases each reviewed, with attendance and outcomes.
    chair_org = orgs.get("Barking and Dagenham, Havering and Redbridge Clinical Commissioning Groups")
    for (year, month), cases in sorted(by_month.items()):
        meeting = services.create_meeting(
            actor, panel=panel, meets_on=_first_thursday(year, month), location="Havering Town Hall, Romford"
        )
        for name, role, org in (
            ("Dr Imani Okafor", "Chair", chair_org),
            ("Grace Whelan", "CDOP Manager", chair_org),
            ("Det Sgt Paul Reyes", "Police representative", orgs.get(AGENCIES[5])),
            ("Nadia Karimi", "Designated Nurse", orgs.get(AGENCIES[1])),
        ):
            PanelAttendance.objects.create(
                meeting=meeting, name=name, role=role, organisation=org, present=True
            )
        for case in cases:
            item = services.add_to_agenda(actor, meeting, case)
            services.record_panel_outcome(actor, item, outcome=AgendaOutcome.REVIEWED)
            case.refresh_from_db()
            _analyse(actor, case, rng, meeting.meets_on)
    # One meeting planned ahead, with cases ready for it on the agenda.
    upcoming = services.create_meeting(
        actor, panel=panel, meets_on=_first_thursday(2026, 12), location="Redbridge Town Hall, Ilford"
    )
    ready = ChildDeathCase.objects.filter(panel=panel, stage=Stage.CDR_MEETING).order_by("date_of_death")[:4]
    for case in ready:
        if not services.forms_blocking_panel(case):
            services.add_to_agenda(actor, upcoming, case)


def _one_case(actor, panel, areas, orgs, rng, n, death):
    age_band = _pick(rng, AGE_BANDS)
    area_slug = rng.choice(list(areas))
    expected = (age_band in ("0_27d", "28_364d") and rng.random() < 0.7) or rng.random() < 0.4
    jar = not expected
    notified = death + datetime.timedelta(rng.choice([0, 0, 1, 1, 2, 3]))
    case = services.notify_death(
        actor,
        panel=panel,
        identity={
            "given_names": f"Demo child {n}",
            "family_name": "Pseudonym",
            "date_of_birth": death - datetime.timedelta(rng.randrange(1, 6000)),
            "nhs_number": "",
            "nhs_number_not_available": True,
        },
        date_of_death=death,
        notified_on=notified,
        notified_by=rng.choice(
            ["Consultant paediatrician", "Emergency department registrar", "Hospice nurse", "Police"]
        ),
        notifier_organisation=orgs.get(AGENCIES[0]),
        place_of_death=_pick(rng, PLACES),
        age_band=age_band,
        area_of_residence=areas[area_slug],
        expectedness="expected" if expected else "unexpected",
        jar_triggered=jar,
        jar_criterion=rng.choice(["sudden_unexplained", "external_causes", "unexpected_collapse"])
        if jar
        else "",
    )
    if notified + datetime.timedelta(7) > AS_OF:
        return case, None  # just notified: nothing requested yet
    case.key_worker = rng.choice(
        ["Bereavement nurse, BHRUT", "Specialist nurse, NELFT", "Family liaison officer"]
    )
    case.key_worker_organisation = orgs.get(AGENCIES[0])
    case.bereavement_support = rng.choice(["taken_up", "taken_up", "declined", "offered"])
    case.bereavement_support_offered_on = notified + datetime.timedelta(7)
    services.record_bereavement_support(
        actor,
        case,
        key_worker=case.key_worker,
        key_worker_organisation=case.key_worker_organisation,
        bereavement_support=case.bereavement_support,
        bereavement_support_offered_on=case.bereavement_support_offered_on
        if case.bereavement_support_offered_on <= AS_OF
        else None,
    )
    services.log_family_contact(
        actor,
        case,
        contacted_on=notified + datetime.timedelta(1),
        method="visit",
        made_by=case.key_worker,
        summary="Introduced the key worker role and the review process.",
    )
    # Forms from the acute trust, the community trust and the child's council (police for a JAR).
    requested = notified + datetime.timedelta(2)
    agencies = [AGENCIES[0], BOROUGH_COUNCIL[area_slug]] + ([AGENCIES[1], AGENCIES[5]] if jar else [])
    forms = [
        services.request_reporting_form(
            actor, case, organisation=orgs[name], kind=FormKind.REPORTING, requested_on=requested
        )
        for name in agencies
        if name in orgs
    ]
    age_days = (AS_OF - death).days
    for i, form in enumerate(forms):
        returned = form.due_date - datetime.timedelta(rng.randrange(-10, 10))
        if returned > AS_OF or (age_days < 150 and i == 0 and rng.random() < 0.5):
            continue  # still outstanding (some overdue)
        if i == 3 and rng.random() < 0.2:
            services.waive_reporting_form(
                actor, form, reason="The police had no involvement beyond the joint response."
            )
            continue
        services.submit_reporting_form(
            actor,
            form,
            involvement="Invented summary of the agency's involvement.",
            submitted_on=returned,
        )
    if age_days < 80:
        return case, None
    cdr_on = death + datetime.timedelta(rng.randrange(60, 100))
    if cdr_on <= AS_OF:
        services.record_cdr_meeting(
            actor, case, held_on=cdr_on, notes="Practitioners met; questions for the panel."
        )
    if age_days < 150 or services.forms_blocking_panel(case):
        return case, None
    # Reviewed 3 to 9 months after the death (longer when an inquest is awaited).
    # On the 28th at the latest, as the demo has always dated its reviews.
    review_on = add_months(death.replace(day=min(death.day, 28)), rng.choice([3, 4, 5, 5, 6, 6, 7, 9]))
    review_on = max(review_on, cdr_on + datetime.timedelta(14))
    meets_on = _first_thursday(review_on.year, review_on.month)
    if meets_on <= max(notified, cdr_on) or meets_on > AS_OF:
        return case, None
    return case, (review_on.year, review_on.month)


def _analyse(actor, case, rng, reviewed_on):
    modifiable = _pick(rng, [(Modifiable.YES, 33), (Modifiable.NO, 60), (Modifiable.INSUFFICIENT, 7)])
    services.record_analysis(
        actor,
        case,
        cause_of_death="Invented cause of death.",
        category=_pick(rng, CATEGORIES),
        factors_child=rng.choice([0, 1, 1, 2]),
        factors_social=rng.choice([0, 0, 1]) if modifiable != Modifiable.YES else rng.choice([1, 2]),
        factors_physical=rng.choice([0, 0, 1]),
        factors_service=rng.choice([0, 0, 1]),
        modifiable=modifiable,
        learning_points="Invented learning: safer sleep advice reinforced at every contact."
        if modifiable == Modifiable.YES
        else "",
    )
    if rng.random() < 0.85:
        ncmd_on = reviewed_on + datetime.timedelta(rng.randrange(3, 20))
        if ncmd_on <= AS_OF:
            services.record_ncmd_submission(
                actor, case, submitted_on=ncmd_on, reference=f"NCMD-{case.pk:05d}"
            )
            if rng.random() < 0.9:
                services.close_case(actor, case, closed_on=ncmd_on)


def _load_other_panels():
    for slug, name, short_name, prefix, partner_names, chair in OTHER_PANELS:
        partnership = Partnership.objects.filter(slug=slug).first()
        if partnership is None:
            continue
        panel = ensure(
            ChildDeathOverviewPanel,
            {"reference_prefix": prefix},
            name=name,
            short_name=short_name,
            host_partnership=partnership,
            chair=chair,
        )
        ensure_m2m(panel.partnerships, [partnership])
        ensure_m2m(panel.areas, list(partnership.areas.all()))
        ensure_m2m(panel.review_partners, list(Organisation.objects.filter(name__in=partner_names)))
