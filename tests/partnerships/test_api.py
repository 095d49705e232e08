"""The API: same roles as the pages, 400 with field errors for bad input, never 500."""

from partnerships.core.models import Action, Group
from partnerships.core.permissions import visible_partnerships
from partnerships.security.tokens import create_token


def _token(user):
    """A read-write API token for every partnership the person holds a role in."""
    _, raw = create_token(user, name="Test", scope="read_write", partnerships=visible_partnerships(user))
    return raw


def test_token_authentication_obeys_roles(world, client):
    token = _token(world.outsider)
    response = client.get(f"/api/actions/{world.action.pk}/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 404
    token = _token(world.bu)
    response = client.get(f"/api/actions/{world.action.pk}/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200 and response.json()["title"] == "Refresh the escalation policy"


def test_create_with_field_errors_is_400_and_saves_nothing(world, api_for):
    before = Action.objects.count()
    response = api_for(world.bu).post(
        "/api/actions/", {"partnership": "alpha", "title": "", "due_date": "31/02/2030"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert "title" in body and "due_date" in body
    assert Action.objects.count() == before


def test_create_in_a_partnership_you_cannot_see_is_a_field_error(world, api_for):
    response = api_for(world.outsider).post(
        "/api/actions/", {"partnership": "alpha", "title": "Sneaky", "due_date": "2030-01-01"}, format="json"
    )
    assert response.status_code == 400
    assert "partnership" in response.json()
    assert not Action.objects.filter(title="Sneaky").exists()


def test_related_record_of_another_partnership_is_refused(world, api_for):
    response = api_for(world.bu).post(
        "/api/groups/",
        {
            "partnership": "alpha",
            "name": "Borrowed parent",
            "kind": "sub_group",
            "parent": world.beta_group.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "parent" in response.json()
    assert not Group.objects.filter(name="Borrowed parent").exists()


def test_dropped_action_without_reason_is_400(world, api_for):
    response = api_for(world.bu).patch(
        f"/api/actions/{world.action.pk}/", {"status": "dropped"}, format="json"
    )
    assert response.status_code == 400 and "dropped_reason" in response.json()


def test_malformed_json_is_400(world, api_for):
    response = api_for(world.bu).generic(
        "POST", "/api/actions/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400


def test_duplicate_group_name_is_400_not_500(world, api_for):
    response = api_for(world.bu).post(
        "/api/groups/", {"partnership": "alpha", "name": "Executive", "kind": "executive"}, format="json"
    )
    assert response.status_code == 400


def test_schema_documents_the_resources(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/actions/" in paths and "/api/groups/{id}/" in paths
    assert client.get("/api/docs/explorer/").status_code == 200


def test_the_api_reference_page_shows_every_operation_from_the_schema(client):
    """/api/docs/ is a GOV.UK page built from the schema: each operation with its method, path,
    parameters, request fields (required or not) and responses; the schema and Swagger UI linked."""
    import re

    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operations = [
        (m.upper(), p)
        for p, item in schema["paths"].items()
        for m in item
        if m in ("get", "post", "put", "patch", "delete")
    ]
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    shown = re.findall(r'govuk-tag--grey">([A-Z]+)</strong> <code>([^<]+)</code>', page)
    assert sorted(shown) == sorted(operations) and len(shown) > 200
    assert f"{len(operations)} operations." in page
    # Creating an action: its body fields, which are required, and the 201 with the resource.
    create = page.split('id="actions-create"', 1)[1].split("</section>", 1)[0]
    assert re.search(r"<code>title</code>.*?</th>\s*<td[^>]*>string</td><td[^>]*>Yes</td>", create, re.S)
    assert re.search(r"<code>due_date</code>.*?string \(date\)", create, re.S)
    assert ">201</th>" in create and "Action" in create
    assert 'href="/api/schema/"' in page and 'href="/api/docs/explorer/"' in page
