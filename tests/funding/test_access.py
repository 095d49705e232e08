"""Who sees the partnership's money: the business unit edits; partner leads and the scrutineer read
their own partnership's funding only; agency contributors and outsiders meet a 404."""

from django.apps import apps

from funding.models import Contribution


def _counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_a_partner_lead_sees_the_contributions_of_their_own_partnership_only(world, client_for, api_for):
    alpha_c, beta_c = world.funding["contribution"], world.beta_funding["contribution"]
    client = client_for(world.lead_police)
    page = client.get("/p/alpha/funding/contributions/").content.decode()
    assert "Alpha Council" in page and "Beta Council" not in page
    export = client.get("/p/alpha/funding/contributions/?export=csv").content.decode("utf-8-sig")
    assert "Alpha Council" in export and "Beta" not in export
    assert client.get(alpha_c.get_absolute_url()).status_code == 200
    # Beta's records: not under beta's address, nor under alpha's with a guessed id.
    assert client.get("/p/beta/funding/contributions/").status_code == 404
    assert client.get(beta_c.get_absolute_url()).status_code == 404
    assert client.get(f"/p/alpha/funding/contributions/{beta_c.pk}/").status_code == 404
    assert client.get("/p/beta/funding/years/2019/contributions/").status_code == 404
    api = api_for(world.lead_police)
    listed = {row["id"] for row in api.get("/api/partner-contributions/").json()["results"]}
    assert alpha_c.pk in listed and beta_c.pk not in listed
    assert listed == set(Contribution.objects.filter(partnership=world.alpha).values_list("pk", flat=True))
    assert api.get(f"/api/partner-contributions/{beta_c.pk}/").status_code == 404
    assert api.get(f"/api/budgets/{world.beta_funding['budget'].pk}/report/").status_code == 404


def test_readers_cannot_change_the_money(world, client_for, api_for):
    contribution = world.funding["contribution"]
    for person in (world.lead_la, world.scrutineer):
        client = client_for(person)
        assert client.get(contribution.get_absolute_url()).status_code == 200
        before = _counts()
        response = client.post(
            f"/p/alpha/funding/contributions/{contribution.pk}/payments/new/",
            {"received_on": "2019-06-01", "amount": "100"},
        )
        assert response.status_code == 403
        response = api_for(person).post(
            "/api/contribution-payments/",
            {"contribution": contribution.pk, "received_on": "2019-06-01", "amount_pence": 100},
        )
        assert response.status_code == 403
        assert _counts() == before
    page = client_for(world.scrutineer).get(contribution.get_absolute_url()).content.decode()
    assert "Record a payment" not in page


def test_contributors_and_outsiders_meet_a_404(world, client_for, api_for):
    budget = world.funding["budget"]
    for person in (world.contributor, world.outsider):
        client = client_for(person)
        for url in (
            "/p/alpha/funding/",
            budget.get_absolute_url(),
            budget.get_absolute_url() + "?export=xlsx",
        ):
            assert client.get(url).status_code == 404, (person, url)
    api = api_for(world.outsider)
    assert api.get(f"/api/budgets/{budget.pk}/").status_code == 404
    assert budget.pk not in {b["id"] for b in api.get("/api/budgets/").json()["results"]}


def test_the_business_unit_records_a_payment(world, client_for):
    contribution = world.funding["contribution"]
    response = client_for(world.officer).post(
        f"/p/alpha/funding/contributions/{contribution.pk}/payments/new/",
        {
            "received_on_0": "1",
            "received_on_1": "6",
            "received_on_2": "2019",
            "amount": "£40,000.00",
            "reference": "BACS",
        },
    )
    assert response.status_code == 302
    contribution = Contribution.objects.with_received().get(pk=contribution.pk)
    assert contribution.outstanding == 0
    payment = contribution.payments.latest("pk")
    assert payment.recorded_by == world.officer and payment.history.first().history_user == world.officer


def test_filters_offer_only_the_partnerships_own_organisations_and_lines(world, client_for):
    client = client_for(world.bu)
    contributions = client.get("/p/alpha/funding/contributions/").content.decode()
    assert ">Alpha ICB</option>" in contributions and ">Beta ICB</option>" not in contributions
    spend = client.get("/p/alpha/funding/spend/").content.decode()
    staffing = world.funding["staffing"].pk
    assert f'value="{staffing}"' in spend and f'value="{world.beta_funding["staffing"].pk}"' not in spend
