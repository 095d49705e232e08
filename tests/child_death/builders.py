"""Child death records in the test world: a panel whose footprint is alpha and a second partnership
(gamma, with its own business-unit officer), cases at every stage, forms, a meeting; and beta's own
panel and case, so isolation is really tested."""

import datetime

from child_death import services
from child_death.choices import AgeBand, AgendaOutcome, Expectedness, FormKind, Modifiable, PlaceOfDeath
from child_death.models import ChildDeathOverviewPanel, PanelAttendance
from partnerships.core.choices import RoleKind
from partnerships.core.models import LocalAuthorityArea, Partnership
from partnerships.core.services import grant_role
from tests.world import person

# Valid NHS numbers (modulus 11 check digit); invented, as every child here is.
NHS_NUMBERS = ["9434765919", "9434765870", "9434765889", "4010232137"]


def identity(n=0, **extra):
    values = {
        "given_names": f"Testchild{n}",
        "family_name": "Pseudonym",
        "date_of_birth": datetime.date(2015, 3, 1),
        "nhs_number": "",
        "nhs_number_not_available": True,
    }
    values.update(extra)
    return values


def make_case(actor, panel, area, n=0, **fields):
    values = {
        "date_of_death": datetime.date(2023, 5, 10),
        "notified_on": datetime.date(2023, 5, 11),
        "notified_by": "Paediatric registrar",
        "place_of_death": PlaceOfDeath.HOSPITAL,
        "age_band": AgeBand.Y5_9,
        "area_of_residence": area,
        "expectedness": Expectedness.EXPECTED,
    }
    values.update(fields)
    return services.notify_death(actor, panel=panel, identity=identity(n), **values)


def review_case(actor, case, meeting, organisation, *, category=4, modifiable=Modifiable.NO):
    """Take a case through forms and the panel to a completed analysis."""
    form = services.request_reporting_form(
        actor, case, organisation=organisation, kind=FormKind.REPORTING, requested_on=case.notified_on
    )
    services.submit_reporting_form(
        actor, form, involvement="Known to the service.", submitted_on=case.notified_on
    )
    item = services.add_to_agenda(actor, meeting, case)
    services.record_panel_outcome(actor, item, outcome=AgendaOutcome.REVIEWED)
    case.refresh_from_db()
    services.record_analysis(
        actor,
        case,
        category=category,
        factors_child=1,
        factors_social=0,
        factors_physical=0,
        factors_service=1 if modifiable == Modifiable.YES else 0,
        modifiable=modifiable,
        learning_points="Learning." if modifiable == Modifiable.YES else "",
    )
    case.refresh_from_db()
    return case


def extend_world(w):
    w.area_g = LocalAuthorityArea.objects.create(name="Gammaville", code="E00000009", slug="gammaville")
    w.gamma = Partnership.objects.create(
        name="Gamma Safeguarding Children Partnership", short_name="Gamma", slug="gamma"
    )
    w.gamma.areas.set([w.area_g])
    w.gamma_officer = person("gamma_officer")
    grant_role(None, user=w.gamma_officer, partnership=w.gamma, kind=RoleKind.BUSINESS_UNIT)

    w.cdop = ChildDeathOverviewPanel.objects.create(
        name="Alpha and Gamma Child Death Overview Panel",
        short_name="Alpha-Gamma CDOP",
        reference_prefix="AG",
        host_partnership=w.alpha,
    )
    w.cdop.partnerships.set([w.alpha, w.gamma])
    w.cdop.areas.set([w.area_a, w.area_a2, w.area_g])
    w.cdop.review_partners.set([w.council, w.council2, w.icb])

    w.beta_cdop = ChildDeathOverviewPanel.objects.create(
        name="Beta Child Death Overview Panel",
        short_name="Beta CDOP",
        reference_prefix="BE",
        host_partnership=w.beta,
    )
    w.beta_cdop.partnerships.set([w.beta])
    w.beta_cdop.areas.set([w.area_b])

    # Alpha-Gamma: a case under information gathering with the hospital's form outstanding...
    w.cd_case = make_case(w.bu, w.cdop, w.area_a, 1)
    w.cd_form = services.request_reporting_form(
        w.bu,
        w.cd_case,
        organisation=w.hospital,
        kind=FormKind.REPORTING,
        requested_on=datetime.date(2023, 5, 12),
    )
    services.log_family_contact(
        w.bu,
        w.cd_case,
        contacted_on=datetime.date(2023, 5, 15),
        method="visit",
        made_by="Key worker",
        summary="Met",
    )
    # ...a case resident in gamma, reviewed and analysed...
    w.cd_meeting = services.create_meeting(
        w.bu, panel=w.cdop, meets_on=datetime.date(2023, 10, 5), location="Town hall"
    )
    PanelAttendance.objects.create(meeting=w.cd_meeting, name="Dr Chair", organisation=w.icb, role="Chair")
    w.cd_reviewed = review_case(w.bu, make_case(w.bu, w.cdop, w.area_g, 2), w.cd_meeting, w.school)
    w.cd_item = w.cd_reviewed.agenda_items.get()
    # ...and beta's own.
    w.beta_cd_case = make_case(w.outsider, w.beta_cdop, w.area_b, 3)

    w.url_kwargs.update({"child_death:meeting_outcome": {"pk": w.cd_meeting.pk, "item_pk": w.cd_item.pk}})
