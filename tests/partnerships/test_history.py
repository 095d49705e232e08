"""Every change keeps history with the acting user, shown on the record's page and in the admin."""

from django.apps import apps

from partnerships.core.models import Action


def test_every_domain_model_keeps_history():
    domain_apps = {"partnerships", "reviews", "child_death", "funding", "publications"}
    missing = [
        m._meta.label
        for m in apps.get_models()
        if m._meta.app_label in domain_apps
        and not m.__name__.startswith("Historical")
        and not hasattr(m, "history")
        and m.__name__
        not in {"RecordAccess", "PartnershipUserObjectPermission", "PartnershipGroupObjectPermission"}
        and not getattr(m, "history_exempt_reason", "")
    ]
    assert missing == []


def test_a_change_through_a_page_records_who_made_it_and_what_changed(world, client_for):
    response = client_for(world.officer).post(
        f"/p/alpha/actions/{world.action.pk}/edit/",
        {
            "title": "Refresh the escalation policy and publish it",
            "source_kind": "meeting",
            "owner": world.officer.pk,
            "owner_organisation": world.council.pk,
            "due_date_0": "28",
            "due_date_1": "2",
            "due_date_2": "2030",
        },
    )
    assert response.status_code == 302
    latest = world.action.history.first()
    assert latest.history_user == world.officer
    assert latest.title == "Refresh the escalation policy and publish it"

    page = client_for(world.bu).get(f"/p/alpha/actions/{world.action.pk}/").content.decode()
    assert "History of changes" in page
    assert "Bu Officer Tester" in page
    assert "<del>Refresh the escalation policy</del>" in page
    assert "<ins>Refresh the escalation policy and publish it</ins>" in page
    assert "<del>2030-01-31</del>" in page and "<ins>2030-02-28</ins>" in page


def test_history_through_the_api_records_the_token_user(world, api_for):
    response = api_for(world.officer).patch(f"/api/actions/{world.action.pk}/", {"title": "Via the API"})
    assert response.status_code == 200, response.content
    assert Action.objects.get(pk=world.action.pk).history.first().history_user == world.officer


def test_admin_shows_history(world, client_for):
    response = client_for(world.admin).get(f"/admin/partnerships/action/{world.action.pk}/history/")
    assert response.status_code == 200
    assert "Refresh the escalation policy" in response.content.decode()
