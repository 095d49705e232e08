"""Bad input: the GOV.UK error summary, errors beside fields, nothing saved."""

from partnerships.core.models import Action, Group


def test_invalid_form_shows_error_summary_and_saves_nothing(world, client_for):
    before = Action.objects.count()
    response = client_for(world.bu).post(
        "/p/alpha/actions/new/",
        {"title": "", "source_kind": "meeting", "due_date_0": "31", "due_date_1": "2", "due_date_2": "2030"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: " in page
    assert 'class="govuk-error-summary"' in page and "There is a problem" in page
    assert '<a href="#id_title">Enter title</a>' in page
    assert '<a href="#id_due_date_0">The due date must be a real date</a>' in page
    assert 'class="govuk-form-group govuk-form-group--error"' in page
    assert 'aria-describedby="id_title-error"' in page
    assert Action.objects.count() == before


def test_incomplete_date_names_the_missing_part(world, client_for):
    response = client_for(world.bu).post(
        "/p/alpha/actions/new/",
        {"title": "Audit", "source_kind": "audit", "due_date_0": "3", "due_date_1": "", "due_date_2": "2030"},
    )
    assert "The due date must include a month" in response.content.decode()


def test_valid_form_saves_and_confirms(world, client_for):
    response = client_for(world.bu).post(
        "/p/alpha/actions/new/",
        {
            "title": "Audit of strategy meetings",
            "source_kind": "audit",
            "due_date_0": "3",
            "due_date_1": "3",
            "due_date_2": "2030",
        },
        follow=True,
    )
    action = Action.objects.get(title="Audit of strategy meetings")
    assert action.partnership == world.alpha and str(action.due_date) == "2030-03-03"
    assert "Action added to the log." in response.content.decode()


def test_group_cannot_report_to_itself(world, client_for):
    response = client_for(world.bu).post(
        f"/p/alpha/groups/{world.executive.pk}/edit/",
        {"name": "Executive", "kind": "executive", "parent": world.subgroup.pk},
    )
    assert "A group cannot sit beneath itself." in response.content.decode()
    world.executive.refresh_from_db()
    assert world.executive.parent is None


def test_script_in_input_is_escaped_not_run(world, client_for):
    client = client_for(world.bu)
    client.post("/p/alpha/groups/new/", {"name": "<script>alert(1)</script>", "kind": "sub_group"})
    group = Group.objects.get(name="<script>alert(1)</script>")
    page = client.get(f"/p/alpha/groups/{group.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_dropping_an_action_needs_a_reason(world, client_for):
    response = client_for(world.bu).post(
        f"/p/alpha/actions/{world.action.pk}/progress/", {"status": "dropped", "text": ""}
    )
    assert response.status_code == 400
    assert "Say why the action is being dropped" in response.content.decode()
    world.action.refresh_from_db()
    assert world.action.status == "open"
