"""The benchmark's data generator: deterministic by seed, with history rows, pluggable per app
(each app registers its share in its AppConfig.ready())."""

import pytest
from django.core.management import call_command
from django.db import transaction

from child_death.models import (
    AgendaItem as PanelAgendaItem,
)
from child_death.models import (
    ChildDeathCase,
    ChildIdentity,
    PanelAttendance,
    PanelMeeting,
    ReportingForm,
    nhs_number_is_valid,
)
from funding.models import Budget, BudgetAmount, Contribution, ContributionPayment
from partnerships.assurance.models import Challenge, ScrutinyActivity, ScrutinyFinding
from partnerships.core.models import Action, Partnership
from partnerships.deadlines.models import Deadline
from partnerships.demo.scale import SCALES
from partnerships.governance.models import (
    Attendance,
    Decision,
    Meeting,
    Objective,
    Priority,
    ProgressUpdate,
    Risk,
    RiskAssessment,
)
from reviews.choices import IncidentType
from reviews.models import (
    LCSPR,
    ContributionRequest,
    PartnerSignOff,
    RapidReview,
    SeriousIncidentNotification,
)

SMALL = SCALES["small"]


def _in(seed):
    """Filters selecting one seed's rows of each kind (the test world has rows of its own)."""
    p = f"scale-{seed}-"
    panel = f"Scale {seed}-"
    return {
        Action: {"partnership__slug__startswith": p},
        Meeting: {"partnership__slug__startswith": p},
        Attendance: {"meeting__partnership__slug__startswith": p},
        Decision: {"partnership__slug__startswith": p},
        Priority: {"partnership__slug__startswith": p},
        Objective: {"priority__partnership__slug__startswith": p},
        ProgressUpdate: {"priority__partnership__slug__startswith": p},
        Risk: {"partnership__slug__startswith": p},
        RiskAssessment: {"risk__partnership__slug__startswith": p},
        ScrutinyActivity: {"partnership__slug__startswith": p},
        ScrutinyFinding: {"activity__partnership__slug__startswith": p},
        Challenge: {"partnership__slug__startswith": p},
        SeriousIncidentNotification: {"partnership__slug__startswith": p},
        RapidReview: {"partnership__slug__startswith": p},
        LCSPR: {"partnership__slug__startswith": p},
        ContributionRequest: {"review__partnership__slug__startswith": p},
        PartnerSignOff: {"partnership__slug__startswith": p},
        ChildDeathCase: {"panel__name__startswith": panel},
        ChildIdentity: {"case__panel__name__startswith": panel},
        ReportingForm: {"case__panel__name__startswith": panel},
        PanelMeeting: {"panel__name__startswith": panel},
        PanelAttendance: {"meeting__panel__name__startswith": panel},
        PanelAgendaItem: {"meeting__panel__name__startswith": panel},
        Deadline: {"partnership__slug__startswith": p},
        Budget: {"partnership__slug__startswith": p},
        BudgetAmount: {"revision__budget__partnership__slug__startswith": p},
        Contribution: {"partnership__slug__startswith": p},
        ContributionPayment: {"contribution__partnership__slug__startswith": p},
    }


def _snapshot(seed):
    f = _in(seed)
    return {
        "actions": list(
            Action.objects.filter(**f[Action])
            .order_by("partnership__slug", "reference")
            .values_list("partnership__slug", "reference", "title", "due_date", "status", "owner__username")
        ),
        "notifications": list(
            SeriousIncidentNotification.objects.filter(**f[SeriousIncidentNotification])
            .order_by("partnership__slug", "reference")
            .values_list("reference", "incident_type", "la_aware_on", "panel_due_date", "panel_notified_on")
        ),
        "reviews": list(
            RapidReview.objects.filter(**f[RapidReview])
            .order_by("notification__partnership__slug", "notification__reference")
            .values_list("notification__reference", "due_date", "status", "decision", "signed_off_on")
        ),
        "cases": list(
            ChildDeathCase.objects.filter(**f[ChildDeathCase])
            .order_by("reference")
            .values_list("reference", "date_of_death", "stage", "category", "identity__nhs_number")
        ),
        "meetings": list(
            Meeting.objects.filter(**f[Meeting])
            .order_by("partnership__slug", "starts_at", "group__name")
            .values_list("partnership__slug", "group__name", "starts_at")
        ),
        "deadlines": sorted(
            Deadline.objects.filter(**f[Deadline]).values_list("kind", "title", "due_date", "met_on")
        ),
    }


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data_with_history():
    snapshots = []
    for _ in range(2):
        with transaction.atomic():
            call_command("generate_scale_data", "--scale", "small", "--seed", "7")
            snapshots.append(_snapshot(7))
            transaction.set_rollback(True)
    assert snapshots[0] == snapshots[1]
    assert len(snapshots[0]["actions"]) == 300
    assert len(snapshots[0]["cases"]) == 30


@pytest.mark.django_db
def test_every_app_writes_its_counts_with_a_history_row_for_each_record():
    call_command("generate_scale_data", "--scale", "small", "--seed", "7")
    f = _in(7)
    count = {model: model.objects.filter(**where).count() for model, where in f.items()}
    n = SMALL["partnerships"]
    assert Partnership.objects.filter(slug__startswith="scale-7-").count() == n
    assert count[Action] == SMALL["actions"]
    assert count[Meeting] == SMALL["meetings"] // n * n
    assert count[Attendance] == 4 * count[Meeting]
    # Governance and scrutiny: a decision for each meeting; each year four priorities, four risks,
    # twelve scrutiny activities and three challenges per partnership.
    years = SMALL["years"]
    assert count[Decision] == count[Meeting]
    assert count[Priority] == 4 * years * n and count[Objective] == 2 * count[Priority]
    assert count[ProgressUpdate] == 3 * count[Priority]
    assert count[Risk] == 4 * years * n and count[RiskAssessment] == 3 * count[Risk]
    assert count[ScrutinyActivity] == 12 * years * n and count[ScrutinyFinding] == 2 * count[ScrutinyActivity]
    assert count[Challenge] == 3 * years * n
    risks = Risk.objects.filter(**f[Risk])
    assert all(r.score == r.likelihood * r.impact for r in risks)  # as Risk.save() would set it
    latest = {
        a.risk_id: a for a in RiskAssessment.objects.filter(**f[RiskAssessment]).order_by("assessed_on")
    }
    assert all((latest[r.pk].likelihood, latest[r.pk].impact) == (r.likelihood, r.impact) for r in risks)
    notifications = SeriousIncidentNotification.objects.filter(**f[SeriousIncidentNotification])
    assert count[SeriousIncidentNotification] == SMALL["notifications_rapid_reviews"]
    # Every notification but a care leaver's death has its rapid review (Working Together 2023).
    assert count[RapidReview] == notifications.exclude(incident_type=IncidentType.CARE_LEAVER_DEATH).count()
    assert count[LCSPR] == n  # at least one per partnership when the scale asks for fewer
    assert count[ContributionRequest] == 4 * count[RapidReview]  # one per organisation
    assert count[ChildDeathCase] == SMALL["child_deaths"]
    assert count[ChildIdentity] == count[ChildDeathCase]
    # Agency contributions and reporting forms together make the scale's "contributions".
    assert count[ContributionRequest] + count[ReportingForm] == max(
        SMALL["contributions"], count[ContributionRequest] + count[ChildDeathCase]
    )
    assert count[PanelMeeting] > 0 and count[PanelAttendance] == 5 * count[PanelMeeting]
    reviewed = ChildDeathCase.objects.filter(**f[ChildDeathCase], panel_reviewed_on__isnull=False).count()
    assert count[PanelAgendaItem] == reviewed
    # Each notification, rapid review and contribution has its row in the deadline register.
    assert (
        Deadline.objects.filter(**f[Deadline], kind="sin_panel_notification").count()
        == count[SeriousIncidentNotification]
    )
    assert Deadline.objects.filter(**f[Deadline], kind="rapid_review").count() == count[RapidReview]
    assert Deadline.objects.filter(**f[Deadline], kind="cdr_reporting_form").count() == count[ReportingForm]
    # Funding: a budget a year with an amount per line; each safeguarding partner's contribution a year.
    assert count[Budget] == SMALL["years"] * n
    assert count[BudgetAmount] == 4 * count[Budget]
    assert count[Contribution] == 3 * SMALL["years"] * n
    assert count[ContributionPayment] == count[Contribution]
    assert Deadline.objects.filter(**f[Deadline], kind="contribution_payment").count() == count[Contribution]
    for model, where in f.items():
        assert count[model] > 0, model
        assert model.history.filter(**where).count() == count[model], model


@pytest.mark.django_db
def test_child_identities_are_invented_and_obviously_fake():
    call_command("generate_scale_data", "--scale", "small", "--seed", "7")
    identities = ChildIdentity.objects.filter(**_in(7)[ChildIdentity])
    assert set(identities.values_list("given_names", flat=True)) == {"Testchild"}
    for nhs_number in identities.values_list("nhs_number", flat=True):
        assert nhs_number.startswith("999") and nhs_number_is_valid(nhs_number)
    assert (
        not SeriousIncidentNotification.objects.filter(partnership__slug__startswith="scale-7-")
        .exclude(child_name="")
        .exists()
    )


@pytest.mark.django_db
def test_a_different_seed_gives_different_data():
    call_command("generate_scale_data", "--scale", "small", "--seed", "8")
    call_command("generate_scale_data", "--scale", "small", "--seed", "9")
    a, b = _snapshot(8), _snapshot(9)
    assert [row[2:5] for row in a["actions"]] != [row[2:5] for row in b["actions"]]
    assert [row[1:] for row in a["cases"]] != [row[1:] for row in b["cases"]]


@pytest.mark.django_db
def test_the_register_rows_are_those_the_product_writes():
    """Writing each generated record's deadlines through the product's own path changes nothing: the
    generator takes the register's fields from the services' functions, so the benchmark's rows
    cannot drift from the product's (kind, title, due date, rule, authority, owner, met, active)."""
    from child_death.services import _sync_case_deadlines, _sync_form_deadline
    from funding.services import sync_payment_deadline
    from partnerships.deadlines.register import upsert_deadline
    from reviews import services as reviews

    call_command("generate_scale_data", "--scale", "small", "--seed", "7")
    f = _in(7)
    rows = Deadline.objects.filter(**f[Deadline])
    before = rows.count()
    history_before = Deadline.history.filter(**f[Deadline]).count()
    assert before > 150

    for n in SeriousIncidentNotification.objects.filter(**f[SeriousIncidentNotification]):
        upsert_deadline(**reviews.notification_deadline(n))
    for r in RapidReview.objects.filter(**f[RapidReview]).select_related("notification"):
        reviews._write_review_deadline(None, r)
    for c in ContributionRequest.objects.filter(**f[ContributionRequest]).select_related("review"):
        reviews._write_contribution_deadline(None, c)
    for lcspr in LCSPR.objects.filter(**f[LCSPR]):
        upsert_deadline(**reviews.lcspr_publication_deadline(lcspr))
    for case in ChildDeathCase.objects.filter(**f[ChildDeathCase]).select_related("panel"):
        _sync_case_deadlines(None, case)
    for form in ReportingForm.objects.filter(**f[ReportingForm]).select_related("case__panel"):
        _sync_form_deadline(None, form)
    for contribution in Contribution.objects.filter(**f[Contribution]):
        sync_payment_deadline(contribution)

    assert rows.count() == before  # none missing from the generated register
    changed = Deadline.history.filter(**f[Deadline]).count() - history_before
    assert changed == 0, list(
        Deadline.history.filter(**f[Deadline], history_type="~").values_list("kind", "title")[:5]
    )
