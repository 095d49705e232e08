"""Section 11 assurance: a cross-boundary agency answers once and each partnership it serves sees
that return (and no other partnership does); an agency contributor sees only its own agency's
requests; the moderated score sits beside the self-assessment."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from partnerships.assurance import services as assurance_services
from partnerships.assurance.choices import ReturnStatus
from partnerships.assurance.models import AgencyReturn, AnswerModeration
from partnerships.core.choices import RoleKind
from partnerships.core.models import LocalAuthorityArea, Partnership, RelevantAgency
from partnerships.core.services import grant_role
from tests.world import person


@pytest.fixture
def joint(world):
    """A cycle run jointly by alpha and beta; gamma (which also works with the hospital) is not in it."""
    w = world
    w.gamma = Partnership.objects.create(name="Gamma Partnership", short_name="Gamma", slug="gamma-s11")
    w.gamma.areas.set([LocalAuthorityArea.objects.create(name="Gammaton", code="E00000019", slug="gammaton")])
    RelevantAgency.objects.create(partnership=w.gamma, organisation=w.hospital)
    w.gamma_bu = person("gamma_bu")
    grant_role(None, user=w.gamma_bu, partnership=w.gamma, kind=RoleKind.BUSINESS_UNIT, is_manager=True)
    w.joint = assurance_services.open_cycle(
        w.bu,
        partnership=w.alpha,
        title="Joint Section 11 2031-33",
        opens_on=datetime.date(2031, 1, 1),
        due_on=datetime.date(2031, 3, 1),
        partnerships=[w.beta],
    )
    # Beta is invited; it takes part once its manager accepts.
    assurance_services.answer_invitation(w.outsider, w.joint.invitations.get(partnership=w.beta), accept=True)
    w.joint_hospital = w.joint.returns.get(organisation=w.hospital)
    w.joint_council = w.joint.returns.get(organisation=w.council)
    return w


def test_a_cross_boundary_agency_is_asked_once(joint):
    w = joint
    assert w.joint.returns.filter(organisation=w.hospital).count() == 1
    assert w.joint.standards.count() == 10  # the common standards are seeded
    assert w.joint_hospital.answers.count() == 10
    # Another partnership joining later does not ask the hospital again.
    invitation = assurance_services.invite_partnership(w.bu, w.joint, w.gamma)
    assurance_services.answer_invitation(w.gamma_bu, invitation, accept=True)
    assert w.joint.returns.filter(organisation=w.hospital).count() == 1


def test_a_cross_boundary_return_is_visible_to_each_partnership_it_serves_and_no_other(
    joint, client_for, api_for
):
    w = joint
    hospital, council = w.joint_hospital, w.joint_council
    assert set(AgencyReturn.objects.in_partnership(w.alpha).filter(cycle=w.joint)) >= {hospital, council}
    assert hospital in AgencyReturn.objects.in_partnership(w.beta)
    assert council not in AgencyReturn.objects.in_partnership(w.beta)  # Alpha Council does not serve beta
    assert hospital not in AgencyReturn.objects.in_partnership(w.gamma)  # gamma is not in the cycle

    # Pages: alpha's and beta's business units open the same return; gamma's and others do not.
    assert client_for(w.bu).get(hospital.url_in(w.alpha)).status_code == 200
    assert client_for(w.outsider).get(hospital.url_in(w.beta)).status_code == 200
    assert client_for(w.outsider).get(council.url_in(w.beta)).status_code == 404
    assert client_for(w.outsider).get(hospital.url_in(w.alpha)).status_code == 404
    assert client_for(w.gamma_bu).get(hospital.url_in(w.gamma)).status_code == 404
    beta_list = client_for(w.outsider).get("/p/beta/assurance/returns/").content.decode()
    assert "Alpha Hospital Trust" in beta_list and "Alpha Council" not in beta_list

    # API: the same rule.
    def ids(user):
        body = api_for(user).get("/api/assurance-returns/").json()
        return {r["id"] for r in (body["results"] if isinstance(body, dict) else body)}

    assert {hospital.pk, council.pk} <= ids(w.bu)
    assert hospital.pk in ids(w.outsider) and council.pk not in ids(w.outsider)
    assert hospital.pk not in ids(w.gamma_bu)
    assert api_for(w.gamma_bu).get(f"/api/assurance-returns/{hospital.pk}/").status_code == 404


def test_agency_contributor_sees_only_its_own_agencys_requests(joint, client_for):
    w = joint
    client = client_for(w.contributor)
    own = w.joint_hospital
    listing = client.get("/p/alpha/assurance/my-returns/")
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "Joint Section 11 2031-33" in text and "Alpha Council" not in text
    assert client.get(f"/p/alpha/assurance/my-returns/{own.pk}/").status_code == 200
    # Another agency's return, the partnership's own pages and beta: 404.
    assert client.get(f"/p/alpha/assurance/my-returns/{w.joint_council.pk}/").status_code == 404
    before = w.joint_council.answers.filter(self_score__isnull=False).count()
    assert (
        client.post(f"/p/alpha/assurance/my-returns/{w.joint_council.pk}/", {"submit": "1"}).status_code
        == 404
    )
    assert w.joint_council.answers.filter(self_score__isnull=False).count() == before
    assert client.get(own.url_in(w.alpha)).status_code == 404
    assert client.get("/p/alpha/assurance/returns/").status_code == 404
    assert client.get(f"/p/beta/assurance/my-returns/{own.pk}/").status_code == 404
    # Home page: the requests to their agency, the cross-boundary return once.
    home = client.get("/").content.decode()
    assert home.count("Joint Section 11 2031-33") == 1


def test_contributor_submits_and_the_partnership_moderates(joint, client_for):
    w = joint
    own = w.joint_hospital
    url = f"/p/alpha/assurance/my-returns/{own.pk}/"
    answers = list(own.answers.select_related("standard"))
    data = {f"score_{a.standard_id}": "3" for a in answers}
    data.update({f"evidence_{a.standard_id}": "Policy in place" for a in answers})
    data[f"score_{answers[0].standard_id}"] = ""
    client = client_for(w.contributor)
    # Submitting with a standard unscored is refused; the draft is kept.
    response = client.post(url, {**data, "submit": "1"})
    assert response.status_code == 400 and "Score every standard" in response.content.decode()
    own.refresh_from_db()
    assert own.status == ReturnStatus.DRAFT
    data[f"score_{answers[0].standard_id}"] = "2"
    assert client.post(url, {**data, "submit": "1"}).status_code == 302
    own.refresh_from_db()
    assert own.status == ReturnStatus.SUBMITTED and own.submitted_by == w.contributor
    with pytest.raises(ValidationError):
        assurance_services.save_self_assessment(w.contributor, own, {answers[0].standard_id: (0, "", "")})

    moderation = {f"moderated_{a.standard_id}": "3" for a in answers}
    moderation[f"moderated_{answers[1].standard_id}"] = "1"
    moderation[f"reason_{answers[1].standard_id}"] = "Evidence of impact was thin on standard 2."
    # A scrutineer may read but not moderate; beta's business unit moderates for beta only.
    assert (
        client_for(w.scrutineer)
        .post(f"/p/alpha/assurance/returns/{own.pk}/moderate/", moderation)
        .status_code
        == 403
    )
    assert (
        client_for(w.outsider).post(f"/p/beta/assurance/returns/{own.pk}/moderate/", moderation).status_code
        == 302
    )
    own.refresh_from_db()
    assert own.status == ReturnStatus.SUBMITTED
    assert own.status_for(w.beta) == "Moderated" and own.status_for(w.alpha) == "Submitted"
    second = AnswerModeration.objects.get(answer__agency_return=own, answer__standard=answers[1].standard)
    assert (second.partnership, second.score, second.difference, second.moderated_by) == (
        w.beta,
        1,
        -2,
        w.outsider,
    )
    beta_page = client_for(w.outsider).get(own.url_in(w.beta)).content.decode()
    assert "-2" in beta_page
    mine = client.get(url).content.decode()
    assert "Evidence of impact was thin on standard 2." in mine and "Beta" in mine
