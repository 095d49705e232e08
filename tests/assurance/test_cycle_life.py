"""A Section 11 cycle's whole life: joint cycles by invitation (listed and opened in each taking-part
partnership's own space), standards that only the lead defines, moderation per partnership, returns
sent back for more evidence and answered, chasing at most once a working day, closing, and one summary
that the cycle page, the dashboard and the yearly report all show."""

import datetime
from types import SimpleNamespace

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from partnerships.assurance import services as s11
from partnerships.assurance.choices import CycleStatus, InvitationStatus, ReturnStatus
from partnerships.assurance.models import AnswerModeration, AssuranceCycle, CycleInvitation, ReturnChase
from partnerships.core.choices import RoleKind
from partnerships.core.models import Partnership
from partnerships.core.services import grant_role
from publications.sections_apps import build_section11
from tests.world import person

pytestmark = pytest.mark.django_db
D = datetime.date
MONDAY = datetime.datetime(2031, 2, 3, 10, 0, tzinfo=datetime.UTC)  # a working day, cycle open


@pytest.fixture
def cycle(world, client_for):
    """Alpha opens a cycle on its page and invites beta; beta's manager accepts on beta's page."""
    w = world
    response = client_for(w.bu).post(
        "/p/alpha/assurance/new/",
        {
            "title": "Joint Section 11 2031",
            "opens_on_0": "1",
            "opens_on_1": "1",
            "opens_on_2": "2031",
            "due_on_0": "1",
            "due_on_1": "3",
            "due_on_2": "2031",
            "partnerships": [w.beta.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    w.joint = AssuranceCycle.objects.get(title="Joint Section 11 2031")
    w.invitation = CycleInvitation.objects.get(cycle=w.joint, partnership=w.beta)
    return w


def _accept(w, client_for):
    client = client_for(w.outsider)
    response = client.post(f"/p/beta/assurance/invitations/{w.invitation.pk}/", {"answer": "accept"})
    assert response.status_code == 302
    w.hospital_return = w.joint.returns.get(organisation=w.hospital)
    return client


def test_a_partnership_takes_part_only_once_its_manager_accepts_and_then_opens_it_in_its_own_space(
    cycle, client_for
):
    w = cycle
    beta = client_for(w.outsider)
    assert w.invitation.status == InvitationStatus.INVITED
    assert not w.joint.partnerships.filter(pk=w.beta.pk).exists()
    # Not yet taking part: beta's list does not show the cycle and its page in beta is a 404.
    assert "Joint Section 11 2031" not in beta.get("/p/beta/assurance/").content.decode()
    assert beta.get(f"/p/beta/assurance/{w.joint.pk}/").status_code == 404
    # The invitation waits in beta's own space; alpha's officer (no manager) cannot answer or invite.
    invitations = beta.get("/p/beta/assurance/invitations/").content.decode()
    assert (
        "Joint Section 11 2031" in invitations
        and f"/p/beta/assurance/invitations/{w.invitation.pk}/" in invitations
    )
    assert (
        client_for(w.officer)
        .post(f"/p/alpha/assurance/{w.joint.pk}/invite/", {"partnership": w.beta.pk})
        .status_code
        == 403
    )

    response = beta.post(f"/p/beta/assurance/invitations/{w.invitation.pk}/", {"answer": "accept"})
    assert response.status_code == 302 and response["Location"] == f"/p/beta/assurance/{w.joint.pk}/"
    w.invitation.refresh_from_db()
    assert (w.invitation.status, w.invitation.answered_by) == (InvitationStatus.ACCEPTED, w.outsider)
    assert w.joint.partnerships.filter(pk=w.beta.pk).exists()
    # Beta's list links the alpha-led cycle under /p/beta/, which opens for beta's manager.
    listing = beta.get("/p/beta/assurance/").content.decode()
    assert f'href="/p/beta/assurance/{w.joint.pk}/"' in listing
    assert f"/p/alpha/assurance/{w.joint.pk}/" not in listing
    page = beta.get(f"/p/beta/assurance/{w.joint.pk}/")
    assert page.status_code == 200 and "Alpha Hospital Trust" in page.content.decode()
    # Answered once only.
    with pytest.raises(ValidationError):
        s11.answer_invitation(w.outsider, w.invitation, accept=False)


def test_a_declined_invitation_leaves_the_partnership_out_and_any_partnership_can_be_invited(
    cycle, client_for, django_capture_on_commit_callbacks
):
    w = cycle
    gamma = Partnership.objects.create(name="Gamma Partnership", short_name="Gamma", slug="gamma-life")
    gamma_manager = person("gamma_manager")
    grant_role(None, user=gamma_manager, partnership=gamma, kind=RoleKind.BUSINESS_UNIT, is_manager=True)
    # Alpha's manager holds no role in gamma, yet gamma is offered: the invitation is the consent step.
    form = client_for(w.bu).get(f"/p/alpha/assurance/{w.joint.pk}/").context["invite_form"]
    assert gamma in form.fields["partnership"].queryset
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invited = client_for(w.bu).post(f"/p/alpha/assurance/{w.joint.pk}/invite/", {"partnership": gamma.pk})
    assert invited.status_code == 302
    invitation = CycleInvitation.objects.get(cycle=w.joint, partnership=gamma)
    # Gamma's manager is told, on their own, with the invitation's address in gamma's space.
    assert [m.to for m in mail.outbox] == [[gamma_manager.email]]
    assert f"/p/{gamma.slug}/assurance/invitations/{invitation.pk}/" in mail.outbox[0].body
    response = client_for(gamma_manager).post(
        f"/p/{gamma.slug}/assurance/invitations/{invitation.pk}/", {"answer": "decline"}
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED
    assert not w.joint.partnerships.filter(pk=gamma.pk).exists()
    assert client_for(gamma_manager).get(f"/p/{gamma.slug}/assurance/{w.joint.pk}/").status_code == 404


def test_only_the_leads_managers_add_standards(cycle, client_for):
    w = cycle
    client = _accept(w, client_for)
    before = w.joint.standards.count()
    with pytest.raises(ValidationError, match="Only a manager of Alpha"):
        s11.add_standard(w.outsider, w.joint, title="Beta's own standard")
    response = client.post(f"/p/beta/assurance/{w.joint.pk}/standards/", {"title": "Beta's own standard"})
    assert response.status_code == 400 and "leads this cycle" in response.content.decode()
    assert "standard_form" not in client.get(f"/p/beta/assurance/{w.joint.pk}/").context
    assert w.joint.standards.count() == before
    assert (
        client_for(w.bu).post(f"/p/alpha/assurance/{w.joint.pk}/standards/", {"title": "Alpha's"}).status_code
        == 302
    )
    assert w.joint.standards.count() == before + 1
    assert w.hospital_return.answers.count() == before + 1


def _submit(w, agency_return, score=3):
    data = {a.standard_id: (score, "Policy in place", "") for a in agency_return.answers.all()}
    s11.save_self_assessment(w.contributor, agency_return, data)
    s11.submit_return(w.contributor, agency_return)
    agency_return.refresh_from_db()


def test_each_partnership_moderates_for_itself(cycle, client_for):
    w = cycle
    _accept(w, client_for)
    own = w.hospital_return
    _submit(w, own)
    standards = list(w.joint.standards.order_by("number"))
    # Beta moderates one standard of ten: not "Moderated" for beta, nor for alpha.
    s11.moderate_return(w.outsider, own, w.beta, {standards[0].pk: (2, "Reason from beta")})
    assert own.status_for(w.beta) == "Submitted" and own.status_for(w.alpha) == "Submitted"
    # Alpha moderates every standard: moderated for alpha only; beta's record is untouched.
    s11.moderate_return(w.bu, own, w.alpha, {st.pk: (1, "Reason from alpha") for st in standards})
    assert own.status_for(w.alpha) == "Moderated" and own.status_for(w.beta) == "Submitted"
    beta_first = AnswerModeration.objects.get(
        answer__agency_return=own, answer__standard=standards[0], partnership=w.beta
    )
    assert (beta_first.score, beta_first.reason, beta_first.moderated_by) == (
        2,
        "Reason from beta",
        w.outsider,
    )
    assert beta_first.history.first().history_user == w.outsider
    assert AnswerModeration.objects.filter(answer__agency_return=own, partnership=w.alpha).count() == len(
        standards
    )
    own.refresh_from_db()
    assert own.status == ReturnStatus.SUBMITTED  # the shared return is never marked moderated
    # The lead's page shows each partnership's moderation, and its own status.
    page = client_for(w.bu).get(own.url_in(w.alpha))
    text = page.content.decode()
    assert "Reason from beta" in text and "Reason from alpha" in text
    assert dict(page.context["summary"])["Status"] == "Moderated"
    beta_page = client_for(w.outsider).get(own.url_in(w.beta))
    assert dict(beta_page.context["summary"])["Status"] == "Submitted"
    # A partnership not taking part cannot moderate.
    with pytest.raises(ValidationError):
        s11.moderate_return(
            w.bu, own, Partnership.objects.create(name="Delta", short_name="Delta", slug="delta-s11"), {}
        )


def test_the_agency_sees_each_reason_responds_and_resubmits(
    cycle, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    w = cycle
    _accept(w, client_for)
    own = w.hospital_return
    _submit(w, own)
    first = w.joint.standards.order_by("number").first()
    s11.moderate_return(w.bu, own, w.alpha, {first.pk: (2, "Alpha: training figures are a year old.")})
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(w.outsider).post(
            f"/p/beta/assurance/returns/{own.pk}/more-evidence/",
            {f"evidence_request_{first.pk}": "Beta: send the audit of supervision."},
        )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == ReturnStatus.RETURNED
    assert [m.to for m in mailoutbox] == [[w.contributor.email]]
    assert (
        "more evidence" in mailoutbox[0].subject
        and f"/p/alpha/assurance/my-returns/{own.pk}/" in mailoutbox[0].body
    )

    url = f"/p/alpha/assurance/my-returns/{own.pk}/"
    client = client_for(w.contributor)
    page = client.get(url).content.decode()
    assert (
        "Beta: send the audit of supervision." in page and "Alpha: training figures are a year old." in page
    )
    answers = list(own.answers.select_related("standard"))
    data = {f"score_{a.standard_id}": "3" for a in answers}
    data.update({f"evidence_{a.standard_id}": "Policy in place" for a in answers})
    # Resubmitting without a response to the request is refused.
    response = client.post(url, {**data, "submit": "1"})
    assert response.status_code == 400 and "Respond to each request" in response.content.decode()
    data[f"response_{first.pk}"] = "Supervision audit of January attached to the evidence log."
    assert client.post(url, {**data, "submit": "1"}).status_code == 302
    own.refresh_from_db()
    assert own.status == ReturnStatus.SUBMITTED
    assert own.answers.get(standard=first).agency_response.startswith("Supervision audit")
    assert "Supervision audit" in client_for(w.bu).get(own.url_in(w.alpha)).content.decode()


def test_a_return_is_chased_at_most_once_a_working_day(
    cycle, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    w = cycle
    _accept(w, client_for)
    own = w.hospital_return
    url = f"/p/alpha/assurance/returns/{own.pk}/chase/"
    with time_machine.travel(MONDAY, tick=False):
        page = client_for(w.bu).get(f"/p/alpha/assurance/{w.joint.pk}/").content.decode()
        assert url in page  # the chase button
        with django_capture_on_commit_callbacks(execute=True):
            assert client_for(w.bu).post(url).status_code == 302
        assert [m.to for m in mailoutbox] == [[w.contributor.email]]
        # Again the same working day, from either partnership: refused, nothing recorded or sent.
        response = client_for(w.outsider).post(f"/p/beta/assurance/returns/{own.pk}/chase/", follow=True)
        assert "already chased" in response.content.decode()
        with pytest.raises(ValidationError, match="at most once a working day"):
            s11.chase_return(w.bu, own, w.alpha)
    assert ReturnChase.objects.filter(agency_return=own).count() == 1
    chase = ReturnChase.objects.get(agency_return=own)
    assert (chase.chased_by, chase.partnership, chase.working_day) == (w.bu, w.alpha, D(2031, 2, 3))
    # The next working day it may be chased again; a scrutineer never.
    with time_machine.travel(MONDAY + datetime.timedelta(days=1), tick=False):
        s11.chase_return(w.outsider, own, w.beta)
        assert client_for(w.scrutineer).post(url).status_code == 403
    assert ReturnChase.objects.filter(agency_return=own).count() == 2
    # A submitted return is not chased.
    _submit(w, own)
    with pytest.raises(ValidationError, match="not yet submitted"):
        s11.chase_return(w.bu, own, w.alpha)


def test_overdue_returns_are_listed_on_the_cycle_page(cycle, client_for):
    w = cycle
    _accept(w, client_for)
    with time_machine.travel(datetime.datetime(2031, 3, 10, 10, tzinfo=datetime.UTC), tick=False):
        response = client_for(w.bu).get(f"/p/alpha/assurance/{w.joint.pk}/")
    overdue = {str(r.organisation) for r in response.context["overdue"]}
    assert "Alpha Hospital Trust" in overdue
    assert "overdue since 1 March 2031" in response.content.decode()


def test_the_lead_closes_the_cycle_and_it_is_read_only(cycle, client_for):
    w = cycle
    _accept(w, client_for)
    own = w.hospital_return
    _submit(w, own)
    response = client_for(w.outsider).post(f"/p/beta/assurance/{w.joint.pk}/close/", {"summary": "Done"})
    assert response.status_code == 400
    assert (
        client_for(w.bu).post(f"/p/alpha/assurance/{w.joint.pk}/close/", {"summary": ""}).status_code == 400
    )
    response = client_for(w.bu).post(
        f"/p/alpha/assurance/{w.joint.pk}/close/", {"summary": "All agencies returned."}
    )
    assert response.status_code == 302
    w.joint.refresh_from_db()
    assert (w.joint.status, w.joint.closing_summary, w.joint.closed_by) == (
        CycleStatus.CLOSED,
        "All agencies returned.",
        w.bu,
    )
    for change in (
        lambda: s11.add_standard(w.bu, w.joint, title="Late"),
        lambda: s11.moderate_return(w.bu, own, w.alpha, {own.answers.first().standard_id: (1, "")}),
        lambda: s11.return_for_evidence(w.bu, own, w.alpha, {own.answers.first().standard_id: "More"}),
        lambda: s11.close_cycle(w.bu, w.joint, summary="Again"),
    ):
        with pytest.raises(ValidationError, match="closed"):
            change()
    page = client_for(w.bu).get(f"/p/alpha/assurance/{w.joint.pk}/")
    assert "All agencies returned." in page.content.decode()
    assert not {"standard_form", "invite_form", "close_form"} & set(page.context.keys())
    assert "moderation_form" not in client_for(w.bu).get(own.url_in(w.alpha)).context


def test_the_summary_is_the_same_on_the_cycle_page_the_dashboard_and_the_yearly_report(cycle, client_for):
    w = cycle
    _accept(w, client_for)
    own = w.hospital_return
    _submit(w, own, score=3)
    council = w.joint.returns.get(organisation=w.council)
    data = {
        a.standard_id: (2 if a.standard.number % 2 else 1, "x", "")
        for a in council.answers.select_related("standard")
    }
    s11.save_self_assessment(w.bu, council, data)
    s11.submit_return(w.bu, council)
    standards = list(w.joint.standards.order_by("number"))
    s11.moderate_return(w.bu, own, w.alpha, {st.pk: (2, "") for st in standards})
    s11.moderate_return(w.bu, council, w.alpha, {standards[0].pk: (3, "")})
    s11.moderate_return(w.outsider, own, w.beta, {st.pk: (0, "") for st in standards})  # beta's own

    with time_machine.travel(MONDAY, tick=False):
        page = client_for(w.bu).get(f"/p/alpha/assurance/{w.joint.pk}/")
        dashboard = client_for(w.bu).get("/p/alpha/dashboard/?year=2030")
        report = build_section11(
            SimpleNamespace(partnership=w.alpha, period_start=D(2030, 4, 1), period_end=D(2031, 3, 31))
        )
    summary = page.context["summary_figures"]
    assert (summary.submitted, summary.not_submitted, summary.overdue) == (2, summary.requested - 2, 0)
    assert str(summary.self_assessed) == "2.2 (1 to 3)"  # 10 threes, five twos, five ones
    assert str(summary.moderated) == "2.1 (2 to 3)"  # alpha's own: ten twos and one three, never beta's
    assert (summary.lower, summary.same, summary.higher) == (10, 0, 1)
    text = page.content.decode()
    assert "2.2 (1 to 3)" in text and "2.1 (2 to 3)" in text

    panel = next(p for p in dashboard.context["panels"] if p.key == "section-11-returns")
    row = next(r for r in panel.rows if r[0].text == "Joint Section 11 2031")
    assert [c.text for c in row[1:5]] == [str(summary.requested), "2", str(summary.not_submitted), "0"]
    assert [row[6].text, row[7].text, row[8].text] == ["2.2 (1 to 3)", "2.1 (2 to 3)", "10"]

    figures = dict(report[0]["items"])
    assert figures["Returns submitted"] == "2"
    assert figures["Returns not submitted"] == str(summary.not_submitted)
    assert figures["Self-assessed score, average (lowest to highest)"] == "2.2 (1 to 3)"
    assert figures["Moderated score, average (lowest to highest)"] == "2.1 (2 to 3)"
    assert figures["Moderated scores below, equal to and above the self-assessment"] == "10, 0, 1"
    table = report[1]
    assert table["rows"][0] == [f"1. {standards[0].title}", "2.5 (2 to 3)", "2.5 (2 to 3)"]


def test_the_cycle_page_and_the_returns_list_keep_their_query_count_as_returns_and_moderations_grow(
    cycle, client_for
):
    from itertools import count

    from partnerships.assurance.models import AgencyReturn, ReturnAnswer
    from partnerships.core.choices import OrganisationKind
    from partnerships.core.models import Organisation, RelevantAgency
    from tests.querycount import assert_constant_queries

    w = cycle
    _accept(w, client_for)
    standards = list(w.joint.standards.all())
    serial = count()

    def add(n):
        start = next(serial) * 1000
        orgs = Organisation.objects.bulk_create(
            Organisation(name=f"Trust {start + i}", kind=OrganisationKind.HEALTH_PROVIDER) for i in range(n)
        )
        RelevantAgency.objects.bulk_create(RelevantAgency(partnership=w.alpha, organisation=o) for o in orgs)
        returns = AgencyReturn.objects.bulk_create(
            AgencyReturn(cycle=w.joint, organisation=o, status=ReturnStatus.SUBMITTED) for o in orgs
        )
        answers = ReturnAnswer.objects.bulk_create(
            ReturnAnswer(agency_return=r, standard=st, self_score=2) for r in returns for st in standards
        )
        AnswerModeration.objects.bulk_create(
            AnswerModeration(answer=a, partnership=p, score=1) for a in answers for p in (w.alpha, w.beta)
        )

    client = client_for(w.bu)
    assert_constant_queries(client, f"/p/alpha/assurance/{w.joint.pk}/", add, small=2, large=40)
    assert_constant_queries(client, "/p/alpha/assurance/returns/", add, small=2, large=40)
